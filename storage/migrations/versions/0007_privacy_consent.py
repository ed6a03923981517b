"""Residents' consent to publishing, the public version of a ticket, and anonymisation.

- ``tickets.publish_consent``: the resident allowed officials to publish the question with its
  answer (asked in /feedback, default no; withdrawn with /myfeedback).
- ``tickets.public_text``: the version officials publish (masked at filing, editable); the
  original ``text`` stays private.
- ``tickets.anonymised_at``: when the resident's personal data left the ticket (/forgetme, or
  the retention period after it was closed).
- ``feedback_drafts.publish_consent``: the answer given in the conversation, until sent.

Revision ID: 0007_privacy
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_privacy"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(
            sa.Column("publish_consent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("public_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("feedback_drafts") as batch:
        batch.add_column(sa.Column("publish_consent", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feedback_drafts") as batch:
        batch.drop_column("publish_consent")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("anonymised_at")
        batch.drop_column("public_text")
        batch.drop_column("publish_consent")
