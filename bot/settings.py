"""Settings from the environment and `.env`, validated once at start: each variable, its
default, its bounds and its description here; what a value must look like (a token, a URL, a
list of ids, the broadcast rate within Telegram's limits) in bot/settings_checks.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot import settings_checks as checks
from bot.domain.deadlines import DeadlineRules, DeadlineSettingError
from bot.services.access.model import LoginPolicy

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///danbiet.sqlite3"


class SettingsError(Exception):
    """A setting has a bad value: the message names it and says what is expected."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(
        default=None,
        description="Token from @BotFather; without it `danbiet run` starts the sandbox.",
    )
    telegram_api_url: str = Field(
        default=DEFAULT_API_URL,
        description="Bot API server root; the bot calls <root>/bot<token>/<method>.",
    )
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy async URL: sqlite+aiosqlite:///file or postgresql+asyncpg://...",
    )
    admin_chat_id: int | None = Field(
        default=None, description="Telegram chat id of the officials' group (negative for groups)."
    )
    admin_user_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), description="Comma-separated Telegram user ids of officials."
    )
    telegram_timeout: float = Field(
        default=10,
        gt=0,
        le=120,
        description="Seconds to connect, send or wait for one Bot API answer before retrying.",
    )
    telegram_max_attempts: int = Field(
        default=5,
        ge=1,
        le=20,
        description="Tries per reply on 5xx, time-outs and dropped connections (429s wait).",
    )
    database_outage_seconds: float = Field(
        default=30,
        ge=0,
        le=600,
        description=(
            "How long handling an update waits for an unreachable database (a restart, a "
            "failover) before the resident is told to try again."
        ),
    )
    broadcast_rate: float = Field(
        default=25.0, gt=0, description="Broadcast messages per second (at most 30, or 1000 paid)."
    )
    paid_broadcasts: bool = Field(
        default=False, description="Allow BROADCAST_RATE up to 1000/s (Telegram paid broadcasts)."
    )
    broadcast_max_attempts: int = Field(
        default=5, ge=1, le=20, description="Tries per recipient on 5xx and time-outs."
    )
    broadcast_batch: int = Field(
        default=50,
        ge=1,
        le=1000,
        description="Rows a worker claims at once: at most this many are re-sent after a crash.",
    )
    broadcast_lease_seconds: float = Field(
        default=60,
        ge=5,
        le=3600,
        description=(
            "PostgreSQL with several instances: rows a killed instance had claimed go to "
            "another after this long (at least the time to send one batch)."
        ),
    )
    feedback_tickets_per_day: int = Field(
        default=5, ge=1, le=1000, description="New feedback tickets a resident may file per 24 h."
    )
    feedback_max_chars: int = Field(
        default=2000,
        ge=200,
        le=3000,
        description="Longest feedback text (characters); it must fit an officials' card.",
    )
    personal_data_retention_months: int = Field(
        default=12,
        ge=1,
        le=120,
        description="Months after a ticket is closed before its personal data is anonymised.",
    )
    # --- an official's working day with tickets (bot/domain/deadlines.py) ---
    ticket_deadline_days: int = Field(
        default=5,
        ge=0,
        le=60,
        description="Working days (Mon-Fri, Hanoi) for a first answer to a ticket.",
    )
    ticket_deadline_overrides: str = Field(
        default="",
        description="Other deadlines, e.g. 'topic:y-te=3, department:so-gddt=7, "
        "topic:ho-ngheo@department:so-ldtbxh=2' (the most specific applies).",
    )
    ticket_holidays: str = Field(
        default="", description="Days off besides weekends, ISO dates: '2026-09-02, 2026-09-03'."
    )
    ticket_reminder_seconds: float = Field(
        default=900.0,
        gt=0,
        le=86400,
        description="Seconds between two looks for overdue tickets to remind of (once a day each).",
    )
    content_dir: Path | None = Field(
        default=None,
        description="Directory of content YAML files stored as the first content release on a "
        "database with none; default: the packaged content.",
    )
    content_refresh_seconds: float = Field(
        default=3.0,
        gt=0,
        le=300,
        description="Seconds between two looks at which content release is live.",
    )
    sandbox_port: int = Field(
        default=8080, ge=0, le=65535, description="Port of the sandbox chat page (0: any free)."
    )
    sandbox_database_url: str = Field(
        default="sqlite+aiosqlite:///danbiet-sandbox.sqlite3",
        description="Database of the sandbox, kept apart from DATABASE_URL.",
    )
    web_host: str = Field(
        default="127.0.0.1",
        description="Address the officials' dashboard listens on (put a reverse proxy in front).",
    )
    web_port: int = Field(
        default=8081, ge=0, le=65535, description="Port of the officials' dashboard (0: any free)."
    )
    web_reuse_port: bool = Field(
        default=False,
        description=(
            "Several danbiet processes on one host share WEB_PORT (Linux SO_REUSEPORT): the "
            "kernel spreads webhook and dashboard connections over them."
        ),
    )
    web_behind_https_proxy: bool = Field(
        default=False,
        description="Trust X-Forwarded-Proto from the reverse proxy: cookies get Secure on HTTPS.",
    )
    web_session_hours: float = Field(
        default=8, gt=0, le=24 * 7, description="A dashboard sign-in lasts at most this long."
    )
    web_idle_minutes: float = Field(
        default=30, gt=0, le=24 * 60, description="Signed out after this long without a request."
    )
    web_max_failed_logins: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Failed sign-ins (by address, or by name) before each next attempt waits.",
    )
    web_lockout_minutes: float = Field(
        default=15,
        gt=0,
        le=24 * 60,
        description="The longest pause between sign-in attempts after too many failures.",
    )
    webhook_url: str | None = Field(
        default=None,
        description=(
            "Public HTTPS address Telegram posts updates to (e.g. https://bot.example.org/"
            "telegram/webhook); set, the dashboard's server receives them there instead of polling."
        ),
    )
    public_base_url: str | None = Field(
        default=None,
        description=(
            "Public address of the dashboard's server (e.g. https://danbiet.example.org), where "
            "anyone may read the open data under /open/; set, indicator cards in Telegram get a "
            '"view on the web" button to the indicator\'s page. Unset: no button.'
        ),
    )
    webhook_secret: SecretStr | None = Field(
        default=None,
        description=(
            "X-Telegram-Bot-Api-Secret-Token (1-256 of A-Z a-z 0-9 _ -); default: derived from "
            "the bot token, so every instance agrees without another secret to share."
        ),
    )
    webhook_max_connections: int = Field(
        default=40, ge=1, le=100, description="Parallel webhook connections Telegram may open."
    )
    webhook_reply_in_response: bool = Field(
        default=True,
        description=(
            "Webhook mode: answer a resident's message in the HTTP response to its update (no "
            "request of its own; Telegram reports no failure of it, so it is not retried)."
        ),
    )
    polling_standby_seconds: float = Field(
        default=5,
        gt=0,
        le=300,
        description=(
            "Polling with several instances on PostgreSQL: how often a standby tries to become "
            "the one poller, and the leader checks it still is."
        ),
    )
    log_level: str = Field(default="INFO", description="Python logging level.")
    log_json: bool = Field(default=False, description="Log one JSON object per line.")

    # Each value's shape is checked in bot/settings_checks.py.
    _blank_is_none = field_validator(
        "telegram_bot_token", "webhook_url", "public_base_url", mode="before"
    )(staticmethod(checks.blank_is_none))
    _token_shape = field_validator("telegram_bot_token")(staticmethod(checks.bot_token))
    _api_url_shape = field_validator("telegram_api_url")(staticmethod(checks.api_url))
    _database_url_shape = field_validator("database_url", "sandbox_database_url")(
        staticmethod(checks.database_url)
    )
    _split_ids = field_validator("admin_user_ids", mode="before")(staticmethod(checks.user_ids))
    _webhook_url_shape = field_validator("webhook_url")(staticmethod(checks.webhook_url))
    _public_url_shape = field_validator("public_base_url")(staticmethod(checks.public_base_url))
    _secret_shape = field_validator("webhook_secret")(staticmethod(checks.webhook_secret))
    _known_level = field_validator("log_level")(staticmethod(checks.log_level))

    @model_validator(mode="after")
    def _deadlines_readable(self) -> Settings:
        try:
            self.deadline_rules()
        except DeadlineSettingError as error:
            raise ValueError(f"TICKET_DEADLINE_OVERRIDES or TICKET_HOLIDAYS: {error}") from None
        return self

    @model_validator(mode="after")
    def _rate_within_telegram_limits(self) -> Settings:
        checks.broadcast_rate(self.broadcast_rate, self.paid_broadcasts)
        return self

    def deadline_rules(self) -> DeadlineRules:
        return DeadlineRules.parse(
            self.ticket_deadline_days, self.ticket_deadline_overrides, self.ticket_holidays
        )

    @property
    def login_policy(self) -> LoginPolicy:
        return LoginPolicy(
            max_failures=self.web_max_failed_logins,
            lockout=dt.timedelta(minutes=self.web_lockout_minutes),
            session_lifetime=dt.timedelta(hours=self.web_session_hours),
            idle_timeout=dt.timedelta(minutes=self.web_idle_minutes),
        )

    @property
    def webhook_path(self) -> str | None:
        """Where our server receives updates: the path of WEBHOOK_URL."""
        return urlsplit(self.webhook_url).path if self.webhook_url else None

    @property
    def webhook_secret_token(self) -> str:
        """WEBHOOK_SECRET, or one derived from the bot token (the same on every instance)."""
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value()
        if self.telegram_bot_token is None:
            raise ValueError("a webhook needs a bot token")
        token = self.telegram_bot_token.get_secret_value().encode()
        return hmac.new(token, b"danbiet webhook secret", hashlib.sha256).hexdigest()

    def secrets_to_redact(self) -> list[str]:
        """Every secret a log line must never show: token, webhook secret, database password."""
        secrets = []
        if self.telegram_bot_token is not None:
            secrets += [self.telegram_bot_token.get_secret_value(), self.webhook_secret_token]
        for url in (self.database_url, self.sandbox_database_url):
            password = urlsplit(url).password
            if password:
                secrets.append(unquote(password))
        return secrets

    @property
    def sandbox(self) -> bool:
        """No token: run against the built-in emulator instead of Telegram."""
        return self.telegram_bot_token is None


def load_settings(env_file: Path | None = Path(".env"), **overrides: Any) -> Settings:
    """Read and validate settings; a bad value raises SettingsError naming the variable."""
    try:
        return Settings(_env_file=env_file, **overrides)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            name = "_".join(str(part) for part in item["loc"]).upper()
            message = item["msg"].removeprefix("Value error, ")
            problems.append(f"{name}: {message}" if name else message)
        raise SettingsError("Invalid settings: " + "; ".join(problems)) from None
