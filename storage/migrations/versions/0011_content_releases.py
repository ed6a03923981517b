"""Content releases: the published content in the database, exactly one release live.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)
_NAME = sa.String(length=128).with_variant(sa.String(length=256), "postgresql")


def upgrade() -> None:
    op.create_table(
        "content_releases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("created_by", _NAME, nullable=False),
        sa.Column("published_at", _TIME, nullable=True),
        sa.Column("published_by", _NAME, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("replaces_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["replaces_id"],
            ["content_releases.id"],
            name=op.f("fk_content_releases_replaces_id_content_releases"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_releases")),
        sqlite_autoincrement=True,  # ids are never reused: the audit log names releases by id
    )
    # Exactly one live release: unique over the live rows alone (a partial index, on both).
    op.create_index(
        "ux_content_releases_live",
        "content_releases",
        ["state"],
        unique=True,
        sqlite_where=sa.text("state = 'live'"),
        postgresql_where=sa.text("state = 'live'"),
    )


def downgrade() -> None:
    op.drop_index("ux_content_releases_live", table_name="content_releases")
    op.drop_table("content_releases")
