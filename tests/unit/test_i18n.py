import re
from pathlib import Path

import pytest

from bot.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    MissingMessage,
    Translator,
    as_language,
    format_number,
    format_quantity,
)

PLACEABLE = re.compile(r"\{\s*\$([a-z_]+)\s*\}")


def _placeables(language: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    current = ""
    for line in (LOCALES_DIR / language / "main.ftl").read_text(encoding="utf-8").splitlines():
        if line and line[0].isalpha() and "=" in line:
            current = line.split("=", 1)[0].strip()
            found[current] = set()
        if current:
            found[current].update(PLACEABLE.findall(line))
    return found


def test_every_key_exists_in_both_languages() -> None:
    translate = Translator()
    vi, en = translate.keys("vi"), translate.keys("en")
    assert vi, "the Vietnamese catalog is empty"
    assert vi - en == set(), f"missing in English: {sorted(vi - en)}"
    assert en - vi == set(), f"missing in Vietnamese: {sorted(en - vi)}"


def test_both_languages_use_the_same_arguments() -> None:
    vi, en = _placeables("vi"), _placeables("en")
    different = {key: (vi[key], en[key]) for key in vi if vi[key] != en.get(key)}
    assert different == {}


def test_every_key_used_in_code_exists() -> None:
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("handlers", "bot")
        for path in Path(folder).rglob("*.py")
        if "sandbox" not in path.parts  # the emulator speaks Telegram's words, not ours
    )
    used = set(re.findall(r'\.t\(\s*"([a-z0-9-]+)"', source))
    used |= set(re.findall(r'"((?:command|status|menu|button|language)-[a-z0-9-]+)"', source))
    missing = used - Translator().keys("vi")
    assert used, "no catalog keys found in the code"
    assert missing == set()


def test_formats_numbers_as_each_language_writes_them() -> None:
    translate = Translator()
    assert format_number("vi", 3612) == "3.612"
    assert format_number("en", 3612) == "3,612"
    assert format_number("vi", 91.8) == "91,8"
    assert format_number("en", 7152.8) == "7,152.8"
    text = translate("vi", "change-up", percent=29.2)
    assert "29,2%" in text
    assert "\u2068" not in text, "bidi isolation marks would show in Telegram"


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(MissingMessage):
        Translator()("vi", "no-such-key")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("vi", "vi"), ("en-GB", "en"), ("EN", "en"), ("fr", None), (None, None), ("", None)],
)
def test_maps_telegram_language_codes(code: str | None, expected: str | None) -> None:
    assert as_language(code) == expected


def test_catalogs_list_vietnamese_first() -> None:
    assert LANGUAGES[0] == "vi"


def test_a_unit_follows_a_space_but_a_percent_sign_does_not() -> None:
    assert format_quantity("vi", 3612, "hộ") == "3.612 hộ"
    assert format_quantity("en", 3612, "households") == "3,612 households"
    assert format_quantity("vi", 0.16, "%") == "0,16%"
    assert format_quantity("en", 0.16, "%") == "0.16%"
    assert format_quantity("vi", 12.5, None) == "12,5"
