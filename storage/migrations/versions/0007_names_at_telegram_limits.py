"""Names stored whole: Telegram's 64 + 64 characters no longer overflow VARCHAR(128).

PostgreSQL only: SQLite does not enforce a VARCHAR's length (see storage.models.PersonName).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME_COLUMNS = (
    ("tickets", "author_name", True),
    ("feedback_drafts", "author_name", True),
    ("ticket_replies", "official_name", False),
    ("audit_log", "actor_name", False),
    ("broadcasts", "created_by_name", False),
    ("faq_drafts", "created_by_name", False),
)


def _resize(old: int, new: int) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in NAME_COLUMNS:
        op.alter_column(
            table,
            column,
            existing_type=sa.String(length=old),
            type_=sa.String(length=new),
            existing_nullable=nullable,
        )


def upgrade() -> None:
    _resize(128, 256)


def downgrade() -> None:
    # Names longer than 128 characters are cut to fit again.
    if op.get_bind().dialect.name == "postgresql":
        for table, column, _nullable in NAME_COLUMNS:
            op.execute(f"UPDATE {table} SET {column} = LEFT({column}, 128)")  # noqa: S608
    _resize(256, 128)
