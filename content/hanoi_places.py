"""Hanoi's wards and communes, where a resident may say they live and a broadcast may be aimed.

Source: Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp
xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025 (in force from 1/7/2025, when
districts were abolished): 126 commune-level units, 51 wards (phường) and 75 communes (xã).
The communes are grouped below by the former district they came from, only to make the list
checkable against the resolution; residents and officials see the unit's name.

A plain list, not a release's content: it changes by law, a few times a decade, not by report.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from content.normalize import fold

SOURCE = "Nghị quyết 1656/NQ-UBTVQH15 (16/6/2025), hiệu lực 1/7/2025"


class PlaceKind(enum.StrEnum):
    WARD = "ward"  # phường
    COMMUNE = "commune"  # xã


WARDS = (
    "Hoàn Kiếm", "Cửa Nam", "Ba Đình", "Ngọc Hà", "Giảng Võ", "Hai Bà Trưng", "Vĩnh Tuy",
    "Bạch Mai", "Đống Đa", "Kim Liên", "Văn Miếu - Quốc Tử Giám", "Láng", "Ô Chợ Dừa",
    "Hồng Hà", "Lĩnh Nam", "Hoàng Mai", "Vĩnh Hưng", "Tương Mai", "Định Công", "Hoàng Liệt",
    "Yên Sở", "Thanh Xuân", "Khương Đình", "Phương Liệt", "Cầu Giấy", "Nghĩa Đô", "Yên Hòa",
    "Tây Hồ", "Phú Thượng", "Tây Tựu", "Phú Diễn", "Xuân Đỉnh", "Đông Ngạc", "Thượng Cát",
    "Từ Liêm", "Xuân Phương", "Tây Mỗ", "Đại Mỗ", "Long Biên", "Bồ Đề", "Việt Hưng",
    "Phúc Lợi", "Hà Đông", "Dương Nội", "Yên Nghĩa", "Phú Lương", "Kiến Hưng", "Thanh Liệt",
    "Chương Mỹ", "Sơn Tây", "Tùng Thiện",
)  # fmt: skip

COMMUNES = (
    # Sóc Sơn
    "Sóc Sơn", "Đa Phúc", "Nội Bài", "Trung Giã", "Kim Anh",
    # Đông Anh
    "Đông Anh", "Phúc Thịnh", "Thư Lâm", "Thiên Lộc", "Vĩnh Thanh",
    # Mê Linh
    "Mê Linh", "Yên Lãng", "Tiến Thắng", "Quang Minh",
    # Gia Lâm
    "Gia Lâm", "Thuận An", "Bát Tràng", "Phù Đổng",
    # Thanh Trì
    "Thanh Trì", "Đại Thanh", "Nam Phù", "Ngọc Hồi",
    # Thường Tín
    "Thường Tín", "Hồng Vân", "Thượng Phúc", "Chương Dương",
    # Phú Xuyên
    "Phú Xuyên", "Phượng Dực", "Chuyên Mỹ", "Đại Xuyên",
    # Thanh Oai
    "Thanh Oai", "Bình Minh", "Tam Hưng", "Dân Hòa",
    # Ứng Hòa
    "Vân Đình", "Ứng Thiên", "Hòa Xá", "Ứng Hòa",
    # Mỹ Đức
    "Mỹ Đức", "Hồng Sơn", "Phúc Sơn", "Hương Sơn",
    # Chương Mỹ
    "Phú Nghĩa", "Xuân Mai", "Trần Phú", "Hòa Phú", "Quảng Bị",
    # Quốc Oai
    "Quốc Oai", "Kiều Phú", "Hưng Đạo", "Phú Cát",
    # Thạch Thất
    "Thạch Thất", "Hạ Bằng", "Tây Phương", "Hòa Lạc", "Yên Xuân",
    # Hoài Đức
    "Hoài Đức", "Dương Hòa", "Sơn Đồng", "An Khánh",
    # Đan Phượng
    "Đan Phượng", "Ô Diên", "Liên Minh",
    # Phúc Thọ
    "Phúc Thọ", "Phúc Lộc", "Hát Môn",
    # Ba Vì
    "Ba Vì", "Quảng Oai", "Cổ Đô", "Minh Châu", "Vật Lại", "Bất Bạt", "Suối Hai", "Yên Bài",
    # Sơn Tây (its one commune)
    "Đoài Phương",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    key: str  # "p-hoan-kiem", "x-soc-son": fits callback data and the database's 64 characters
    kind: PlaceKind
    name: str  # without "Phường"/"Xã": the catalogs add it in each language


def _key(kind: PlaceKind, name: str) -> str:
    prefix = "p" if kind is PlaceKind.WARD else "x"
    return "-".join([prefix, *fold(name).split()])


PLACES: tuple[Place, ...] = tuple(
    Place(_key(kind, name), kind, name)
    for kind, names in ((PlaceKind.WARD, WARDS), (PlaceKind.COMMUNE, COMMUNES))
    for name in names
)
BY_KEY = {place.key: place for place in PLACES}


def places_of(kind: PlaceKind) -> tuple[Place, ...]:
    return tuple(place for place in PLACES if place.kind is kind)


_PREFIXES = {
    "phuong": PlaceKind.WARD,
    "p": PlaceKind.WARD,
    "xa": PlaceKind.COMMUNE,
    "x": PlaceKind.COMMUNE,
}


def find_place(written: str) -> Place | None:
    """The place an official named ("Hoàn Kiếm", "phường Hoàn Kiếm", "xa Soc Son", a key);
    None when Hanoi has no such unit or the name fits more than one."""
    words = fold(written.replace(".", " ")).split()
    if not words:
        return None
    if "-".join(words) in BY_KEY:
        return BY_KEY["-".join(words)]
    kinds = tuple(PlaceKind)
    if len(words) > 1 and words[0] in _PREFIXES:
        kinds, words = (_PREFIXES[words[0]],), words[1:]
    found = [place for place in PLACES if place.kind in kinds and fold(place.name).split() == words]
    return found[0] if len(found) == 1 else None
