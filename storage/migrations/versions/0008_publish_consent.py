"""Residents' consent to publishing, the public version of a ticket, and anonymisation.

- ``tickets.publish_consent``: the resident allowed officials to publish the question with its
  answer (asked in /feedback, default no; withdrawn with /myfeedback).
- ``tickets.public_text``: the version officials publish (masked at filing, editable); the
  original ``text`` stays private.
- ``tickets.anonymised_at``: when the resident's personal data left the ticket (/forgetme, or
  the retention period after it was closed).
- ``feedback_drafts.publish_consent``: the answer given in the conversation, until sent.

Tickets published before this revision were published without asking: they are unpublished.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, no batch copy: on SQLite a copy drops and recreates `tickets`, and with
    # foreign keys on the drop cascades to every reply, reply prompt and audit row.
    op.add_column(
        "tickets",
        sa.Column("publish_consent", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("tickets", sa.Column("public_text", sa.Text(), nullable=True))
    op.add_column("tickets", sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("feedback_drafts", sa.Column("publish_consent", sa.Boolean(), nullable=True))
    # Nobody was asked before: what was published without consent leaves the register.
    op.execute(
        sa.text("UPDATE tickets SET published = :no WHERE published = :yes").bindparams(
            no=False, yes=True
        )
    )


def downgrade() -> None:
    # DROP COLUMN (SQLite 3.35+), not a batch copy, for the reason given in upgrade().
    op.execute("ALTER TABLE feedback_drafts DROP COLUMN publish_consent")
    for column in ("anonymised_at", "public_text", "publish_consent"):
        op.execute(f"ALTER TABLE tickets DROP COLUMN {column}")
