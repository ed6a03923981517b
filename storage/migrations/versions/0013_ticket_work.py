"""An official's working day with tickets: assignment to a person, internal notes, saved answers
and the overdue reminders already sent.

- ``tickets.assignee_account_id``: the dashboard account the ticket is given to (beside its
  department); no foreign key (accounts are disabled, never deleted).
- ``ticket_notes``: officials' internal notes, never shown to the resident.
- ``saved_answers``: answers officials reuse, per topic, ``{name}`` filled in.
- ``ticket_reminders``: one row per ticket and Hanoi day an overdue reminder was claimed.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)
_NAME = sa.String(length=128).with_variant(sa.String(length=256), "postgresql")


def upgrade() -> None:
    # Plain ADD COLUMN, no batch copy (see 0008: a copy of `tickets` cascades on SQLite).
    op.add_column("tickets", sa.Column("assignee_account_id", sa.Integer(), nullable=True))
    op.create_index(
        "ix_tickets_assignee", "tickets", ["assignee_account_id", "status"], unique=False
    )
    op.create_table(
        "ticket_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("author_name", _NAME, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_notes_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_notes")),
    )
    op.create_index("ix_ticket_notes_ticket", "ticket_notes", ["ticket_id", "created_at"])
    op.create_table(
        "saved_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("topic", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", _NAME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_answers")),
    )
    op.create_index("ix_saved_answers_topic", "saved_answers", ["topic"])
    op.create_table(
        "ticket_reminders",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("claimed_at", _TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_reminders_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", "day", name=op.f("pk_ticket_reminders")),
    )


def downgrade() -> None:
    op.drop_table("ticket_reminders")
    op.drop_index("ix_saved_answers_topic", table_name="saved_answers")
    op.drop_table("saved_answers")
    op.drop_index("ix_ticket_notes_ticket", table_name="ticket_notes")
    op.drop_table("ticket_notes")
    op.drop_index("ix_tickets_assignee", table_name="tickets")
    op.execute("ALTER TABLE tickets DROP COLUMN assignee_account_id")
