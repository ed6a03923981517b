"""The unit written after a figure: "hộ", "lượt người", "%", "tỷ đồng", "triệu lượt đối tượng".

A multiplier (nghìn, triệu, tỷ) stays part of the unit and the value stays as written:
"5,64 triệu lượt đối tượng" is 5.64 with unit "triệu lượt đối tượng", as
content/data/indicators.yaml stores it, so a proposal compares with the existing observations
and the number the editor sees is the number in the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest first, so "lượt người" wins over "lượt" and "bác sỹ/vạn dân" over "bác sỹ".
BASE_UNITS: tuple[str, ...] = (
    "bác sỹ/vạn dân",
    "bác sĩ/vạn dân",
    "giường bệnh/vạn dân",
    "điều dưỡng/vạn dân",
    "lượt đối tượng",
    "lượt người",
    "lượt khách",
    "lượt hộ",
    "lượt",
    "hộ gia đình",
    "hộ",
    "lao động",
    "người",
    "trẻ em",
    "trẻ",
    "học sinh",
    "sinh viên",
    "trường học",
    "trường",
    "công trình",
    "bác sỹ",
    "bác sĩ",
    "giường bệnh",
    "giường",
    "chỉ tiêu",
    "nghị quyết",
    "kế hoạch",
    "quyết định",
    "văn bản",
    "đề án",
    "dự án",
    "lĩnh vực",
    "đối tượng",
    "doanh nghiệp",
    "cơ sở",
    "xã",
    "phường",
    "quận",
    "huyện",
    "thôn",
    "căn hộ",
    "căn nhà",
    "ngôi nhà",
    "nhà",
    "suất",
    "phần quà",
    "thẻ",
    "hồ sơ",
    "lớp",
    "lần",
    "km",
    "ha",
    "tấn",
    "đồng",
    "USD",
)
MULTIPLIERS: tuple[str, ...] = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ")


def _flexible(unit: str) -> str:
    """A unit as a pattern that tolerates the missing or doubled spaces of scraped text."""
    parts = [re.escape(part) for part in unit.split()]
    return r"\s*".join(parts).replace("/", r"\s*/\s*")


_BASE = "|".join(_flexible(unit) for unit in BASE_UNITS)
_MULTIPLIER = "|".join(MULTIPLIERS)
# After the number: "%" (with "dân số" when the share is of the population), or a multiplier
# and/or a base unit; the unit must end a word.
UNIT_RE = re.compile(
    rf"[ \t]*(?:(?P<percent>%(?:[ \t]*dân số(?!\w))?)"
    rf"|(?P<multiplier>{_MULTIPLIER})(?:[ \t]*(?P<after>{_BASE})(?!\w)|(?!\w))"
    rf"|(?P<base>{_BASE})(?!\w))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Unit:
    label: str  # tidy form: lowercase, single spaces ("tỷđồng" → "tỷ đồng")
    end: int  # where the unit ends in the text
    percent: bool


def _tidy(written: str) -> str:
    words = re.sub(r"\s*/\s*", "/", written.strip())
    spaced = re.sub(r"(?<=[^\W\d_])(?=đ)", " ", words.lower())  # "tỷđồng" → "tỷ đồng"
    return " ".join(spaced.split()).replace("usd", "USD")


def read_unit(text: str, end: int) -> Unit | None:
    """The unit right after a number ending at ``end``, or None."""
    match = UNIT_RE.match(text, end)
    if match is None:
        return None
    if match.group("percent"):
        return Unit(_tidy(match.group("percent")), match.end(), True)
    return Unit(_tidy(match.group(0)), match.end(), False)
