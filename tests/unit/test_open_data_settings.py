"""PUBLIC_BASE_URL: optional, an https address (plain http only on this machine), named when
wrong, and without it the cards keep their old buttons (tests/e2e/test_open_data_links.py)."""

from __future__ import annotations

import pytest

from bot.services.composition import service_settings
from bot.services.container import ServiceSettings
from bot.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("   ", None),
        ("https://danbiet.example.org", "https://danbiet.example.org"),
        ("https://danbiet.example.org/", "https://danbiet.example.org"),
        ("https://example.org/danbiet/", "https://example.org/danbiet"),
        ("http://127.0.0.1:8081", "http://127.0.0.1:8081"),
    ],
)
def test_a_public_address_is_optional_and_kept_without_its_last_slash(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str | None
) -> None:
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    settings = load_settings(None)
    assert settings.public_base_url == expected
    assert service_settings(settings).public_base_url == expected


@pytest.mark.parametrize(
    "value",
    [
        "danbiet.example.org",
        "ftp://danbiet.example.org",
        "http://danbiet.example.org",
        "https://danbiet.example.org/?next=1",
        "https://user:secret@danbiet.example.org",
        "javascript:alert(1)",
    ],
)
def test_a_bad_public_address_is_named(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    with pytest.raises(SettingsError, match="PUBLIC_BASE_URL"):
        load_settings(None)


def test_unset_by_default() -> None:
    assert ServiceSettings().public_base_url is None
