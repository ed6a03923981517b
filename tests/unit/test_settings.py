import logging
from pathlib import Path

import pytest

from bot.logging import REDACTED, RedactSecrets
from bot.settings import DEFAULT_API_URL, SettingsError, load_settings

TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_URL",
        "DATABASE_URL",
        "ADMIN_CHAT_ID",
        "ADMIN_USER_IDS",
        "BROADCAST_RATE",
        "PAID_BROADCASTS",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults_run_the_sandbox() -> None:
    settings = load_settings(None)
    assert settings.sandbox
    assert settings.telegram_api_url == DEFAULT_API_URL
    assert settings.broadcast_rate == 25


def test_reads_environment_and_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN={TOKEN}\nADMIN_USER_IDS=1, 2;3\n", encoding="utf-8")
    monkeypatch.setenv("ADMIN_CHAT_ID", "-1001234")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings(env_file)
    assert not settings.sandbox
    assert settings.admin_user_ids == frozenset({1, 2, 3})
    assert settings.admin_chat_id == -1001234
    assert settings.telegram_api_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BROADCAST_RATE", "31", "BROADCAST_RATE must be at most 30"),
        ("BROADCAST_RATE", "0", "BROADCAST_RATE"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN"),
        ("TELEGRAM_API_URL", "ftp://x", "TELEGRAM_API_URL"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL"),
        ("ADMIN_USER_IDS", "12,abc", "ADMIN_USER_IDS"),
        ("ADMIN_CHAT_ID", "group", "ADMIN_CHAT_ID"),
    ],
)
def test_bad_values_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match=message):
        load_settings(None)


def test_paid_broadcasts_raise_the_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAID_BROADCASTS", "true")
    monkeypatch.setenv("BROADCAST_RATE", "500")
    assert load_settings(None).broadcast_rate == 500


def test_a_malformed_token_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "secretvalue-without-colon")
    with pytest.raises(SettingsError) as raised:
        load_settings(None)
    assert "secretvalue" not in str(raised.value)


def test_token_is_redacted_from_log_lines_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    redact = RedactSecrets([TOKEN])
    logger.addFilter(redact)
    try:
        with caplog.at_level(logging.INFO, logger="test.redaction"):
            logger.info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
            try:
                raise RuntimeError(f"cannot reach /bot{TOKEN}/sendMessage")
            except RuntimeError:
                logger.exception("failed")
    finally:
        logger.removeFilter(redact)
    text = caplog.text
    assert TOKEN not in text
    assert text.count(REDACTED) >= 2


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://bot.example.org/hook", "https://"),
        ("http://bot.example.org/hook", "plain http only for a local Bot API server"),
        ("https://bot.example.org", "needs a path"),
        ("https://bot.example.org/", "needs a path"),
    ],
)
def test_a_webhook_url_telegram_cannot_use_is_refused(url: str, problem: str) -> None:
    with pytest.raises(SettingsError, match="WEBHOOK_URL") as raised:
        load_settings(None, telegram_bot_token=TOKEN, webhook_url=url)
    assert problem in str(raised.value)


def test_webhook_path_and_a_secret_every_instance_derives_alike() -> None:
    settings = load_settings(
        None, telegram_bot_token=TOKEN, webhook_url="https://bot.example.org/telegram/hook"
    )
    assert settings.webhook_path == "/telegram/hook"
    again = load_settings(None, telegram_bot_token=TOKEN, webhook_url=settings.webhook_url)
    assert settings.webhook_secret_token == again.webhook_secret_token
    assert TOKEN.split(":")[1] not in settings.webhook_secret_token
    other = load_settings(None, telegram_bot_token=TOKEN.replace("A", "B"))
    assert other.webhook_secret_token != settings.webhook_secret_token
    chosen = load_settings(None, telegram_bot_token=TOKEN, webhook_secret="our-own_Secret1")
    assert chosen.webhook_secret_token == "our-own_Secret1"
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET"):
        load_settings(None, telegram_bot_token=TOKEN, webhook_secret="has space")


def test_every_secret_is_listed_for_redaction() -> None:
    settings = load_settings(
        None,
        telegram_bot_token=TOKEN,
        database_url="postgresql+asyncpg://danbiet:p%40ss%20word@db.internal/danbiet",
    )
    secrets = settings.secrets_to_redact()
    assert TOKEN in secrets
    assert settings.webhook_secret_token in secrets
    assert "p@ss word" in secrets
    assert load_settings(None).secrets_to_redact() == []


def test_every_setting_is_documented_in_the_readme() -> None:
    from bot.settings import Settings

    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    undocumented = [
        name.upper() for name in Settings.model_fields if f"| `{name.upper()}` |" not in readme
    ]
    assert undocumented == []


def test_json_lines_carry_the_instance_and_no_secret(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from bot.logging import configure_logging

    root = logging.getLogger()
    saved = root.handlers[:], root.level
    settings = load_settings(None, telegram_bot_token=TOKEN, webhook_secret="hook-secret-1")
    try:
        configure_logging("INFO", json_lines=True, secrets=settings.secrets_to_redact())
        try:
            raise RuntimeError(f"POST /bot{TOKEN}/setWebhook secret_token=hook-secret-1")
        except RuntimeError:
            logging.getLogger("test.json").exception("registering the webhook failed")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["level"] == "ERROR"
    assert record["pid"] > 0
    assert record["host"]
    assert "registering the webhook failed" in record["message"]
    assert "RuntimeError" in record["message"]  # the traceback, inside the one line
    assert TOKEN not in line
    assert "hook-secret-1" not in line
