"""Dashboard accounts and their sessions; the audit log names the account that acted.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", _TIME, nullable=True),
        sa.Column("last_login_at", _TIME, nullable=True),
        sa.Column("disabled_at", _TIME, nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_accounts")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_accounts_username")),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_seen", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("flash", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_accounts.id"],
            name=op.f("fk_staff_sessions_account_id_staff_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_sessions")),
    )
    op.create_index("ix_staff_sessions_account", "staff_sessions", ["account_id"])
    op.add_column("audit_log", sa.Column("account_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("account_id")
    op.drop_index("ix_staff_sessions_account", table_name="staff_sessions")
    op.drop_table("staff_sessions")
    op.drop_table("staff_accounts")
