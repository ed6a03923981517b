"""FAQ drafts: new FAQ entries written on the dashboard from residents' unanswered questions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "faq_drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("question_key", sa.String(length=64), nullable=False),
        sa.Column("from_question", sa.Text(), nullable=False),
        sa.Column("faq_key", sa.String(length=64), nullable=True),
        sa.Column("question_vi", sa.Text(), nullable=True),
        sa.Column("question_en", sa.Text(), nullable=True),
        sa.Column("answer_vi", sa.Text(), nullable=True),
        sa.Column("answer_en", sa.Text(), nullable=True),
        sa.Column("area", sa.String(length=64), nullable=True),
        sa.Column("aliases_vi", sa.Text(), nullable=False),
        sa.Column("aliases_en", sa.Text(), nullable=False),
        sa.Column("keywords_vi", sa.Text(), nullable=False),
        sa.Column("keywords_en", sa.Text(), nullable=False),
        sa.Column("source_report", sa.String(length=64), nullable=True),
        sa.Column("source_quote", sa.Text(), nullable=True),
        sa.Column("source_quote_en", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_by_name", sa.String(length=128), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_drafts")),
        sa.UniqueConstraint("question_key", name=op.f("uq_faq_drafts_question_key")),
        sqlite_autoincrement=True,  # ids are never reused: the audit log names drafts by id
    )
    op.create_index("ix_faq_drafts_updated", "faq_drafts", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_faq_drafts_updated", table_name="faq_drafts")
    op.drop_table("faq_drafts")
