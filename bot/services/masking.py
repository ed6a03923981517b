"""TEMPORARY placeholder while the real masking module is written (it replaces this file)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PHONE = re.compile(r"(?:\+?84|0)(?:[\s.-]?\d){8,10}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    for name in names:
        if name:
            text = text.replace(name, "***")
    return _EMAIL.sub("***", _PHONE.sub("***", text))


def contains_personal_data(text: str, names: Iterable[str] = ()) -> bool:
    return mask_personal_data(text, names) != text
