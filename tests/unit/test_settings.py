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
