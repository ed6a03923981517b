"""Proposals an editor rejected from a draft's pasted report, kept with the draft (who, when) so
another editor or a reload does not offer them again.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)
_NAME = sa.String(length=128).with_variant(sa.String(length=256), "postgresql")


def upgrade() -> None:
    op.create_table(
        "content_rejected_proposals",
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("report_key", sa.String(length=32), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("figure", sa.String(length=64), nullable=False),
        sa.Column("identity", sa.String(length=64), nullable=False),
        sa.Column("name", _NAME, nullable=False),
        sa.Column("rejected_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["content_releases.id"],
            name=op.f("fk_content_rejected_proposals_release_id_content_releases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "release_id", "report_key", "fingerprint", name=op.f("pk_content_rejected_proposals")
        ),
    )


def downgrade() -> None:
    op.drop_table("content_rejected_proposals")
