"""What each setting's value must look like: the checks `bot.settings.Settings` runs on the
values it reads, one function per kind of value. Each raises ValueError with what is expected
(`load_settings` names the variable); none echoes a secret.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import SecretStr

BULK_RATE_LIMIT = 30  # messages/s Telegram allows a bot in bulk
PAID_RATE_LIMIT = 1000  # with paid broadcasts enabled
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
LOG_LEVELS = frozenset({"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"})


def blank_is_none(value: object) -> object:
    """An optional setting given as blank text (``WEBHOOK_URL=``) is not set."""
    return None if isinstance(value, str) and not value.strip() else value


def bot_token(value: SecretStr | None) -> SecretStr | None:
    if value is None:
        return None
    bot_id, _, secret = value.get_secret_value().partition(":")
    if not bot_id.isdigit() or len(secret) < 8:
        # Never echo the value: it is a secret even when malformed.
        raise ValueError("expected the form <digits>:<secret> that @BotFather gives")
    return value


def api_url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return value.rstrip("/")


def database_url(value: str) -> str:
    if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
    if in_memory_sqlite(value):
        # Each pooled connection would see its own empty database, and everything (tickets,
        # accounts) would vanish at exit: refused rather than half supported.
        raise ValueError(
            "an in-memory SQLite database is not supported (its data would vanish at exit): "
            "give a file, e.g. sqlite+aiosqlite:///danbiet.sqlite3"
        )
    return value


def in_memory_sqlite(url: str) -> bool:
    """sqlite+aiosqlite:// (no file), ...///:memory: and URI forms with mode=memory."""
    if not url.startswith("sqlite+aiosqlite://"):
        return False
    database = url.removeprefix("sqlite+aiosqlite://").removeprefix("/").split("?")[0]
    return database in ("", ":memory:") or "mode=memory" in url or ":memory:" in database


def user_ids(value: object) -> object:
    """``1, 2; 3`` (or one number) as a set of ids."""
    if isinstance(value, str):
        parts = [part.strip() for part in value.replace(";", ",").split(",")]
        return frozenset(int(part) for part in parts if part)
    if isinstance(value, int):
        return frozenset({value})
    return value


def webhook_url(value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if not parts.hostname or parts.scheme not in ("https", "http"):
        raise ValueError("must be an https:// address Telegram can reach")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        # Telegram only posts to HTTPS; plain HTTP is for a local Bot API server or emulator.
        raise ValueError("must be https:// (plain http only for a local Bot API server)")
    if not parts.path.strip("/"):
        raise ValueError("needs a path, e.g. https://bot.example.org/telegram/webhook")
    return value


def public_base_url(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    parts = urlsplit(value)
    if not parts.hostname or parts.scheme not in ("https", "http"):
        raise ValueError("must be an https:// address, e.g. https://danbiet.example.org")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        # Telegram shows the link to everyone: plain http only for a local test.
        raise ValueError("must be https:// (plain http only on this machine)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError("must be a plain address: no query, fragment or credentials")
    return value.rstrip("/")


def webhook_secret(value: SecretStr | None) -> SecretStr | None:
    if value is not None and not WEBHOOK_SECRET_PATTERN.fullmatch(value.get_secret_value()):
        raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    return value


def log_level(value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return level


def broadcast_rate(rate: float, paid: bool) -> None:
    """Within what Telegram allows a bot: 30 messages/s, or 1000 with paid broadcasts."""
    ceiling = PAID_RATE_LIMIT if paid else BULK_RATE_LIMIT
    if rate > ceiling:
        hint = "" if paid else " (set PAID_BROADCASTS=true for up to 1000)"
        raise ValueError(f"BROADCAST_RATE must be at most {ceiling} messages/s{hint}")
