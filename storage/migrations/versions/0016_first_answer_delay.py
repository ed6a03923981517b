"""The delay to a ticket's first answer, stored with it, and the statistics' indexes.

- ``tickets.first_answer_ms``: milliseconds from filing to the first answer, written in the
  same UPDATE as ``first_answered_at`` (bot/services/tickets/moderation.py) and backfilled
  here from the two timestamps; None while unanswered. The median is then the middle entry
  of ``ix_tickets_first_answer_ms``, not a sort of every answered ticket.
- ``ix_tickets_created`` and ``ix_tickets_first_answered``: each week's count is an index
  range count. ``ix_tickets_topic_totals``: the totals by field read one narrow index.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_tickets_created": ["created_at"],
    "ix_tickets_first_answered": ["first_answered_at"],
    "ix_tickets_first_answer_ms": ["first_answer_ms"],
    "ix_tickets_topic_totals": ["topic", "first_answer_ms", "rating"],
}


def upgrade() -> None:
    # Plain ADD COLUMN, no batch copy (see 0008: a copy of `tickets` cascades on SQLite).
    op.add_column("tickets", sa.Column("first_answer_ms", sa.BigInteger(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        delay = "round(extract(epoch FROM first_answered_at - created_at) * 1000)"
    else:  # SQLite keeps timestamps as text; julianday() reads them (to the millisecond)
        delay = "round((julianday(first_answered_at) - julianday(created_at)) * 86400000.0)"
    op.execute(
        "UPDATE tickets SET first_answer_ms = CAST("  # noqa: S608 - no value from outside
        + delay
        + " AS BIGINT) WHERE first_answered_at IS NOT NULL"
    )
    for name, columns in _INDEXES.items():
        op.create_index(name, "tickets", columns, unique=False)


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="tickets")
    # Not a batch copy: on SQLite that recreates `tickets`, and the drop cascades (see 0015).
    op.execute("ALTER TABLE tickets DROP COLUMN first_answer_ms")
