"""Broadcasts aimed at wards and communes (none: everywhere), and the one language a text was
written in when the official wrote only one.

Residents' own place is a subscription topic of kind "district" (no new column there).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("broadcasts", sa.Column("districts", sa.Text(), nullable=True))
    op.add_column("broadcasts", sa.Column("written_in", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # Not a batch copy: on SQLite that drops and recreates `broadcasts`, and with foreign keys
    # on the drop cascades to every delivery and carried figure. SQLite has had DROP COLUMN
    # since 3.35 (the columns have no index or constraint).
    for column in ("written_in", "districts"):
        op.execute(f"ALTER TABLE broadcasts DROP COLUMN {column}")
