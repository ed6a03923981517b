"""Tickets carry a folded copy of their text for the dashboard's search.

The folding (Vietnamese tone marks, đ → d) lives in the content package, which migrations do not
import; rows filed before this revision are filled in by the service at start-up.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tickets", sa.Column("search_text", sa.Text(), nullable=True))


def downgrade() -> None:
    # Not a batch copy: on SQLite that drops and recreates `tickets`, and with foreign keys on
    # the drop cascades to every reply, reply prompt and audit row of a ticket. SQLite has had
    # DROP COLUMN since 3.35 (the column has no index or constraint).
    op.execute("ALTER TABLE tickets DROP COLUMN search_text")
