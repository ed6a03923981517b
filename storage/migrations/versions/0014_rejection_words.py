"""A rejection's words to the resident and the office it refers them to, kept on the ticket
(the resident reads them again in /myfeedback; anonymising masks the words like the answers).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("reject_words", sa.Text(), nullable=True))
        batch.add_column(sa.Column("referral", sa.String(length=32), nullable=True))


def downgrade() -> None:
    # Not a batch copy: on SQLite that drops and recreates `tickets`, and with foreign keys on
    # the drop cascades to every reply and photo. SQLite has had DROP COLUMN since 3.35 (the
    # columns have no index or constraint).
    for column in ("referral", "reject_words"):
        op.execute(f"ALTER TABLE tickets DROP COLUMN {column}")
