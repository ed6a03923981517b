"""The dashboard's login throttle in the database, shared by every instance.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", _TIME, nullable=False),
        sa.Column("wait_until", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(
        "ix_sign_in_attempts_kind_last", "sign_in_attempts", ["kind", "last_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_sign_in_attempts_kind_last", table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
