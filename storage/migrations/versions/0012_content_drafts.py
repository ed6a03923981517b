"""Draft content releases: a version number for optimistic concurrency, and who edited each.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)
_NAME = sa.String(length=128).with_variant(sa.String(length=256), "postgresql")


def upgrade() -> None:
    op.add_column(
        "content_releases",
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
    )
    op.create_table(
        "content_draft_editors",
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=64), nullable=False),
        sa.Column("name", _NAME, nullable=False),
        sa.Column("first_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["content_releases.id"],
            name=op.f("fk_content_draft_editors_release_id_content_releases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("release_id", "identity", name=op.f("pk_content_draft_editors")),
    )


def downgrade() -> None:
    op.drop_table("content_draft_editors")
    with op.batch_alter_table("content_releases") as batch:
        batch.drop_column("version")
