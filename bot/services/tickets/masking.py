"""Personal data out of text before the public register ("dân kiểm tra") shows it.

Residents' feedback and officials' answers are published; neither may tell who wrote them or
who they are about. :func:`mask_personal_data` turns each of these spans into "***":

- phone numbers: Vietnamese mobiles and landlines in every usual grouping (0912 345 678,
  091-234-5678, (024) 3825 1234, +84 912 345 678, 84912345678) and foreign ones (+ and 8-15
  digits);
- e-mail addresses (also "lan [at] gmail [dot] com") and Telegram @usernames (bots excepted);
- ID and account numbers: CCCD (12 digits), CMND (9), social-insurance books (10), bank
  accounts (9-19 digits, grouped or not), passports (B1234567) and health-insurance cards
  (HS4010123456789);
- names: those given in ``names`` (the resident's, the official's), with or without diacritics;
  Vietnamese full names (a common surname and 1-3 more capitalised words); a capitalised name
  after an honorific ("chị Lan" → "chị ***"); a name after "tên tôi là", "tôi là", "my name
  is", "I am" and the like.

Left alone on purpose, because the register is about them: amounts and statistics (1.500.000
đồng, 3.612 hộ, 92,5%), dates, years, document numbers (68/NQ-CP, 08-CTr/TU), public hotlines
(1900/1800 numbers, 111, 113), and places, streets and schools named after people (phố Lê Duẩn,
quận Hoàng Mai, Trường THCS Trần Phú). The text is NFC-normalised; outside the masked spans it
is kept exactly as it was, zero-width characters included.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from content.normalize import canonical_syllable, strip_diacritics

__all__ = ["MASK", "contains_personal_data", "mask_personal_data"]

MASK = "***"

_Span = tuple[int, int]

# --------------------------------------------------------------------------- characters

# Zero-width and direction marks: invisible, so they can hide inside a phone number or an
# address ("0912\u200b345678") to slip past a filter.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_HSPACE = "[ \u00a0\u202f\t]"  # the spaces people put between groups of digits


class _FoldTable(dict[int, str]):
    """``str.translate`` table: lower case without diacritics (đ → d), always one character for
    one, so that a position in the folded text is the same position in the text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = strip_diacritics(char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def _fold(text: str) -> str:
    return text.translate(_FOLD)


@lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    """Lower case with the diacritics, the tone mark placed one way ("Hoà" and "Hòa" alike)."""
    return canonical_syllable(unicodedata.normalize("NFC", word.casefold()))


@lru_cache(maxsize=1 << 14)
def _bare(word: str) -> bool:
    """True when the word was typed without any diacritic ("Nguyen", not "Nguyễn" or "Dang")."""
    return _fold(word) == word.lower()


_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ng|nh|ch|[cmnpt])?"
)


def _titled(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or word[1:].islower() or word.isupper())


def _acronym(word: str) -> bool:
    """UBND, THCS, BHXH, TP: capitals that do not spell a syllable (NGUYỄN and AN do)."""
    return len(word) > 1 and word.isupper() and _SYLLABLE.fullmatch(_fold(word)) is None


# --------------------------------------------------------------------------- word lists


def _keys(words: str) -> frozenset[str]:
    return frozenset(_key(word) for word in words.split())


def _folds(words: str) -> frozenset[str]:
    return frozenset(_fold(word) for word in words.split())


def _phrases(lines: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded phrases by their first word, longest first."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        words = tuple(_fold(line).split())
        table.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in table.items()}


_SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trương "
    "Lâm Mai Trịnh Đào Cao Lương Tạ Chu Hà Tô Kiều Quách Phùng Vương Thái Triệu Khúc Lưu Châu "
    "Mạc Nghiêm Đàm Lại Hứa Doãn Nông Giáp Thạch Diệp Lã Lò Hầu Ninh"
)
_SURNAME_KEYS = _keys(_SURNAMES)
_SURNAME_FOLDS = _folds(_SURNAMES)

# Honorifics before a name: "chị Lan", "ông Nguyễn Văn Hùng", "Mr Smith".
_HONORIFIC_KEYS = _keys("anh chị ông bà cô chú bác em cháu cụ dì thím mợ cậu dượng thầy bé")
# Without diacritics only where the word means nothing else before a name: not "co" (có),
# "di" (đi), "cau" (câu), "cu" (cũ).
_HONORIFIC_BARE = frozenset({"anh", "chi", "ong", "ba", "chu", "bac", "em", "chau", "thim"})
_TITLE_FOLDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "madam", "sir"})

# Words that never start a name, though capitalised after "tôi là", "anh", "I am" ...
_NOT_NAME_KEYS = _keys(
    "tôi mình chúng bạn họ anh chị em ông bà cô chú bác cháu cụ người ban sở phòng ủy uỷ hội "
    "công nhà cán chủ phó trưởng giám bí thư đồng xin cảm kính gửi thưa dạ vâng không có là và "
    "của các những một tiếng cư thương cựu giáo sinh học nông đại kế nhân chuyên hiệu sĩ mẹ bố "
    "cha vợ chồng con phố phường quận huyện xã thôn tổ tỉnh đường ngõ"
)
_ENGLISH_NOT_NAMES = _folds(
    "the not very so from in at on to and or of for with this that here there you we "
    "president chairman chairwoman chair director secretary minister officer "
    "they he she it i my our your his her their who whom what which is are am was be do "
    "does did have has vietnamese english american british french chinese korean japanese "
    "australian german hanoian retired resident citizen member writing living asking happy "
    "sorry glad grateful interested also just still now currently dear hello hi thanks"
)
# Roles written after "tôi là": "tôi là Chủ tịch UBND phường", unaccented too.
_ROLE_PAIRS = frozenset(
    tuple(_fold(pair).split())
    for pair in (
        "chủ tịch", "phó chủ", "cán bộ", "bí thư", "giám đốc", "tổ trưởng", "trưởng phòng",
        "trưởng ban", "trưởng thôn", "trưởng khu", "đảng viên", "người dân", "công dân",
        "hội viên", "thương binh", "cựu chiến", "giáo viên", "bác sĩ", "sinh viên", "học sinh",
        "công nhân", "nông dân", "thành viên", "ủy viên", "kế toán", "nhân viên", "chuyên viên",
        "đại biểu", "thư ký", "hiệu trưởng", "đồng chí", "thủ trưởng", "phó giám", "phó trưởng",
    )
)  # fmt: skip

# Titles written before a name like an honorific: "cô giáo Lan", "chủ tịch Hùng".
_ROLE_TITLES = frozenset(
    tuple(_fold(pair).split())
    for pair in (
        "cô giáo", "thầy giáo", "bác sĩ", "y tá", "điều dưỡng", "cán bộ", "chủ tịch",
        "tổ trưởng", "trưởng thôn", "trưởng khu", "đồng chí", "giám đốc", "bí thư", "kế toán",
        "hiệu trưởng", "thư ký", "giáo viên", "đại biểu", "nhân viên", "chuyên viên", "công an",
        "trưởng phòng", "trưởng ban", "cô bé", "cậu bé",
    )
)  # fmt: skip

# A surname followed by these words is not a name: "Cao tuổi", "Hồ sơ", "Ho tro" (hỗ trợ).
_NOT_NAME_PHRASES = _phrases(
    (
        "cao tuổi", "cao đẳng", "cao điểm", "cao tốc", "cao cấp", "cao su", "cao nhất", "cao hơn",
        "mai táng", "mai sau", "đào tạo", "hồ sơ", "hỗ trợ", "hộ nghèo", "hộ gia đình", "hộ cận",
        "hộ khẩu", "lễ hội", "lệ phí", "làm việc", "lâm nghiệp", "đăng ký", "đăng kí",
        "đảng viên", "tổ chức", "tổ dân", "tổ trưởng", "chủ tịch", "chủ trương", "chu kỳ",
        "chủ động", "chủ nhật", "thái độ", "triệu đồng", "triệu người", "lý do", "lý lịch",
        "lý thuyết", "lý luận", "định kỳ", "đoàn thể", "đoàn thanh niên", "đoàn kết", "đoàn viên",
        "lương hưu", "lương tối thiểu", "lương cơ sở", "lương thực", "dương tính", "phạm vi",
        "hoàng hôn", "vương quốc", "kiều bào", "châu á", "châu âu", "châu phi", "châu mỹ",
        "nghiêm túc", "đàm phán", "hứa hẹn", "phân bổ", "phân loại", "vụ việc", "hạ tầng",
        "lưu ý", "lưu trú", "nông nghiệp", "nông thôn", "nông dân", "ninh bình", "tạ ơn",
        "thạch thất", "giáp ranh", "lò đúc", "cao bằng", "hà giang", "hà nam", "hà tĩnh",
        "hà long", "lâm đồng", "thái bình", "thái nguyên", "đồng nai",
    )
)  # fmt: skip

# Places and people whose names are places (streets, wards, schools): never masked by the
# heuristics. Folded, so "Ha Noi" and "HÀ NỘI" are places too.
_PLACES = _phrases(
    (
        # the country, the capital, its districts and towns
        "Việt Nam", "Hà Nội", "Thủ đô", "Thăng Long", "Ba Đình", "Hoàn Kiếm", "Tây Hồ",
        "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng", "Hoàng Mai", "Thanh Xuân",
        "Nam Từ Liêm", "Bắc Từ Liêm", "Từ Liêm", "Hà Đông", "Sơn Tây", "Ba Vì", "Phúc Thọ",
        "Đan Phượng", "Hoài Đức", "Quốc Oai", "Thạch Thất", "Chương Mỹ", "Thanh Oai",
        "Thường Tín", "Phú Xuyên", "Ứng Hòa", "Mỹ Đức", "Thanh Trì", "Gia Lâm", "Đông Anh",
        "Sóc Sơn", "Mê Linh",
        # wards and landmarks that start like a name
        "Mai Dịch", "Mai Động", "Dương Nội", "Hoàng Liệt", "Hoàng Văn Thụ", "Thái Hà",
        "Thái Thịnh", "Kim Liên", "Kim Mã", "Kim Giang", "Kim Ngưu", "Kim Chung", "Bạch Mai",
        "Hồ Gươm", "Hồ Tây", "Hồ Hoàn Kiếm", "Tô Lịch", "Văn Miếu", "Quốc Tử Giám",
        "Hoàng Thành Thăng Long", "Lăng Bác", "Bác Hồ", "Hồ Chí Minh", "Mỹ Đình", "Trung Hòa",
        "Ô Chợ Dừa", "Hà Trì", "Cao Bằng", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Lâm Đồng",
        "Thái Bình", "Thái Nguyên", "Hạ Long", "Đà Nẵng", "Huế", "Bà Rịa", "Vũng Tàu",
        "Hanoi", "Vietnam", "Saigon", "Sài Gòn", "Hà Tây", "Hà Bắc", "Thái Lan", "Hà Lan",
        # streets and wards named after people
        "Bà Triệu", "Ông Ích Khiêm", "Hai Bà Trưng", "Lê Duẩn", "Lê Lợi", "Lê Lai",
        "Lê Thánh Tông", "Lê Văn Lương", "Lê Trọng Tấn", "Lê Đức Thọ", "Lê Hồng Phong",
        "Lê Quang Đạo", "Lê Văn Thiêm", "Lê Văn Hưu", "Lê Đại Hành", "Lê Thanh Nghị",
        "Lê Quý Đôn", "Lê Ngọc Hân", "Lê Thái Tổ", "Lê Văn Hiến", "Lê Trực", "Lê Thạch",
        "Nguyễn Trãi", "Nguyễn Du", "Nguyễn Chí Thanh", "Nguyễn Văn Cừ", "Nguyễn Xiển",
        "Nguyễn Lương Bằng", "Nguyễn Khánh Toàn", "Nguyễn Phong Sắc", "Nguyễn Văn Huyên",
        "Nguyễn Thái Học", "Nguyễn Khuyến", "Nguyễn Tuân", "Nguyễn Trường Tộ", "Nguyễn Văn Linh",
        "Nguyễn Đình Chiểu", "Nguyễn Khoái", "Nguyễn Tam Trinh", "Nguyễn Cơ Thạch",
        "Nguyễn Thị Định", "Nguyễn Huy Tưởng", "Nguyễn Ngọc Vũ", "Nguyễn Viết Xuân",
        "Nguyễn Hữu Thọ", "Nguyễn Công Trứ", "Nguyễn Biểu", "Nguyễn Trung Trực", "Nguyễn Văn Tố",
        "Nguyễn Thị Minh Khai", "Nguyễn Huệ", "Nguyễn Siêu", "Nguyễn Hoàng Tôn",
        "Trần Phú", "Trần Hưng Đạo", "Trần Duy Hưng", "Trần Khát Chân", "Trần Quang Khải",
        "Trần Nhật Duật", "Trần Quốc Toản", "Trần Xuân Soạn", "Trần Khánh Dư", "Trần Cung",
        "Trần Đăng Ninh", "Trần Thái Tông", "Trần Quốc Hoàn", "Trần Bình", "Trần Vỹ",
        "Trần Kim Xuyến", "Trần Nhân Tông", "Trần Đại Nghĩa", "Trần Thủ Độ", "Trần Bình Trọng",
        "Phạm Ngọc Thạch", "Phạm Hùng", "Phạm Văn Đồng", "Phạm Văn Bạch", "Phạm Hồng Thái",
        "Phạm Sư Mạnh", "Phạm Ngũ Lão", "Phạm Tuấn Tài", "Phạm Thận Duật", "Phạm Đình Hổ",
        "Hoàng Hoa Thám", "Hoàng Quốc Việt", "Hoàng Đạo Thúy", "Hoàng Minh Giám", "Hoàng Cầu",
        "Hoàng Diệu", "Hoàng Văn Thái", "Hoàng Ngân", "Hoàng Sâm", "Hoàng Tăng Bí",
        "Hoàng Đạo Thành", "Huỳnh Thúc Kháng", "Phan Đình Phùng", "Phan Chu Trinh",
        "Phan Bội Châu", "Phan Kế Bính", "Phan Huy Chú", "Phan Văn Trường", "Vũ Trọng Phụng",
        "Vũ Tông Phan", "Vũ Phạm Hàm", "Vũ Thạnh", "Vũ Hữu", "Võ Chí Công", "Võ Văn Dũng",
        "Võ Thị Sáu", "Võ Nguyên Giáp", "Đặng Dung", "Đặng Tiến Đông", "Đặng Văn Ngữ",
        "Đặng Thai Mai", "Đặng Trần Côn", "Đặng Xuân Bảng", "Bùi Thị Xuân", "Bùi Xương Trạch",
        "Bùi Huy Bích", "Đỗ Đức Dục", "Đỗ Quang", "Đỗ Hành", "Đỗ Nhuận", "Hồ Tùng Mậu",
        "Hồ Đắc Di", "Hồ Xuân Hương", "Ngô Quyền", "Ngô Gia Tự", "Ngô Thì Nhậm", "Ngô Sĩ Liên",
        "Ngô Thì Sĩ", "Ngô Văn Sở", "Dương Quảng Hàm", "Dương Đình Nghệ", "Dương Văn Bé",
        "Dương Khuê", "Lý Thường Kiệt", "Lý Thái Tổ", "Lý Nam Đế", "Lý Quốc Sư", "Lý Văn Phức",
        "Lý Đạo Thành", "Lý Tự Trọng", "Đinh Tiên Hoàng", "Đinh Lễ", "Đinh Núp", "Đinh Công",
        "Đinh Liệt", "Đoàn Thị Điểm", "Đoàn Trần Nghiệp", "Trương Định", "Trương Hán Siêu",
        "Trương Công Giai", "Lâm Du", "Lâm Hạ", "Mai Hắc Đế", "Mai Anh Tuấn", "Trịnh Hoài Đức",
        "Trịnh Văn Bô", "Trịnh Công Sơn", "Đào Duy Anh", "Đào Duy Từ", "Đào Tấn",
        "Cao Bá Quát", "Cao Xuân Huy", "Cao Lỗ", "Lương Văn Can", "Lương Thế Vinh",
        "Lương Ngọc Quyến", "Lương Định Của", "Lương Yên", "Tạ Quang Bửu", "Tạ Hiện",
        "Chu Văn An", "Chu Huy Mân", "Hà Huy Tập", "Hà Trung", "Hà Kế Tấn", "Hà Hồi",
        "Tô Hiệu", "Tô Hiến Thành", "Tô Ngọc Vân", "Tô Vĩnh Diện", "Kiều Mai", "Phùng Hưng",
        "Phùng Chí Kiên", "Phùng Khoang", "Vương Thừa Vũ", "Thái Phiên", "Triệu Việt Vương",
        "Triệu Quốc Đạt", "Khúc Thừa Dụ", "Tôn Đức Thắng", "Tôn Thất Tùng", "Tôn Thất Thiệp",
        "Quang Trung", "Lạc Long Quân", "Âu Cơ", "Kim Đồng",
    )
)  # fmt: skip

# Words before a place's name: "phố Lê Duẩn", "bệnh viện Bạch Mai". Written with diacritics
# (so that "chợ" counts, "cho" = "for" does not) or, when unambiguous, without.
_PLACE_WORD_KEYS = frozenset(
    tuple(_key(word) for word in line.split())
    for line in (
        "phố", "đường", "quận", "huyện", "phường", "xã", "thị trấn", "thị xã", "ngõ", "ngách",
        "hẻm", "kiệt", "thôn", "xóm", "ấp", "bản", "tổ", "trường", "viện", "chợ", "cầu", "hồ",
        "sông", "tỉnh", "thành phố", "tp", "khu", "làng", "bến", "chùa", "đền", "đình",
        "công viên", "chung cư", "tòa", "toà", "tòa nhà", "trạm", "trung tâm", "ngã tư",
        "ngã ba", "đại lộ", "kênh", "núi", "cụm", "công ty", "cty", "tnhh", "siêu thị",
        "cửa hàng", "nhà thuốc", "phòng khám", "ktx", "kđt", "kdt", "thcs", "thpt", "mầm non",
        "tiểu học", "trung học", "đại học", "cao đẳng", "đường phố", "bệnh viện", "lăng",
        "ga", "bến xe", "khu đô thị", "khu tập thể", "tổ dân phố", "cầu vượt", "chợ đầu mối",
    )
)  # fmt: skip
_PLACE_WORD_BARE = frozenset(
    tuple(line.split())
    for line in (
        "pho", "duong", "quan", "huyen", "phuong", "thi tran", "thi xa", "ngo", "ngach", "hem",
        "thon", "xom", "truong", "tinh", "thanh pho", "tp", "khu", "lang", "cong vien",
        "chung cu", "trung tam", "nga tu", "nga ba", "dai lo", "cong ty", "cty", "tnhh",
        "sieu thi", "cua hang", "nha thuoc", "phong kham", "benh vien", "ktx", "kdt", "thcs",
        "thpt", "mam non", "tieu hoc", "trung hoc", "dai hoc", "cao dang", "khu do thi",
        "to dan pho",
    )
)  # fmt: skip
# After a place word a person may still follow: "trưởng thôn Nguyễn Văn A", "cán bộ phường ...".
_ROLE_BEFORE_PLACE = frozenset({"truong", "pho", "bo", "an", "tich", "thu", "vien", "ky"})
# English puts the place word after: "Tran Phu Street", "Bach Mai Hospital".
_ENGLISH_PLACE_AFTER = _folds(
    "street st road rd avenue ave boulevard district ward commune province city hospital "
    "school lake bridge market park pagoda temple village town university college station "
    "building tower bay river primary secondary high"
)
# A name ends before these, even capitalised: "Nguyễn Văn An Phường Ba Đình".
_NAME_BREAK_KEYS = _keys("phố phường quận huyện xã thôn ngõ ngách tỉnh đường tổ tôi mình bạn")
_SCHOOL_KEYS = _keys("tiểu trung đại mầm cao thcs thpt")
_LOCATION_PREPOSITIONS = _keys("ở tại gần")
_LOCATION_PREPOSITIONS_BARE = frozenset({"o", "tai", "gan", "in", "at", "near"})

# A given name followed by these words is an ordinary word: "Bảo hiểm", "Phúc lợi".
_COMPOUNDS = frozenset(
    tuple(_fold(pair).split())
    for pair in (
        "bảo hiểm", "bảo trợ", "bảo vệ", "bảo đảm", "bảo lãnh", "bảo tàng", "an sinh", "an toàn",
        "an ninh", "phúc lợi", "hạnh phúc", "bình đẳng", "bình thường", "bình quân", "minh bạch",
        "tâm lý", "hải quan", "thành phố", "thành ủy", "thành niên", "thành viên", "thanh niên",
        "thanh toán", "thanh tra", "quốc gia", "quốc tế", "trung tâm", "trung ương", "nghĩa vụ",
        "dũng cảm", "hoa hồng", "long trọng", "xuân hè", "thu nhập", "thu hồi", "hòa bình",
        "hoà bình", "tiến độ", "phát triển", "việt nam", "hùng vương", "lợi ích", "thắng lợi",
        "nhân dân", "tâm huyết", "hiền lành", "trí tuệ", "đức tính", "nam giới", "nam bộ",
        "mai táng", "sơn la", "hà nội", "hương vị", "ngọc trai", "kim loại", "bình dương",
        "công bằng", "công khai", "tín dụng", "hưng thịnh", "quang trung", "hiếu học",
        "anh hùng", "anh dũng", "anh minh",
    )
)  # fmt: skip

# --------------------------------------------------------------------------- patterns

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+", re.IGNORECASE)
_AT = r"(?:\s?@\s?|\s?[\[({]\s?(?:at|a còng|a cong)\s?[\])}]\s?)"
_DOT = r"(?:\.|\s?[\[({]\s?(?:dot|chấm|cham)\s?[\])}]\s?)"
_EMAIL = re.compile(
    rf"(?<![\w.+\-])[\w.+\-]*\w{_AT}\w[\w\-]*(?:{_DOT}\w[\w\-]*)*{_DOT}[^\W\d_]{{2,}}(?![\w\-@])",
    re.IGNORECASE,
)
_USERNAME = re.compile(r"(?<![\w@./])@[A-Za-z][A-Za-z0-9_]{4,31}(?![\w@])")
_PASSPORT = re.compile(r"(?<!\w)[A-Z]\d{7,8}(?!\w)")
_HEALTH_CARD = re.compile(r"(?<!\w)[A-Z]{2}\s?\d\s?\d{2}\s?\d{10}(?!\w)")
# A run of digit groups with the separators people use inside one number; whether it is a
# phone, an ID or an amount is decided piece by piece in _number_spans.
_NUMBER = re.compile(
    rf"(?<![\d_])(?:\+{_HSPACE}?\(?{_HSPACE}?|\({_HSPACE}?\+?{_HSPACE}?)?\d+"
    rf"(?:(?:[.\-–,]|{_HSPACE}{{1,2}}\(?|\){_HSPACE}{{0,2}}\(?|\()\d+)*"
)
_PIECE = re.compile(r"[^ \u00a0\u202f\t,]+")
_NOT_DIGIT = re.compile(r"\D")
_GROUPS = re.compile(r"\d+")
_VN_PHONE = re.compile(r"(?:0|84|840)(?:[35789]\d{8}|2\d{9}|1[2689]\d{8})")
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")
_AMOUNT_SPACED = re.compile(rf"[1-9]\d{{0,2}}(?:{_HSPACE}\d{{3}})+(?:,\d+)?")
_DATE = re.compile(r"\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d\d|(?:19|20)\d\d[.\-]\d{1,2}[.\-]\d{1,2}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_UNIT_AFTER = re.compile(
    r"[ \u00a0]?(?:đồng|đ|dong|vnđ|vnd|usd|\$|€|tỷ|tỉ|ty|triệu|trieu|nghìn|nghin|ngàn|ngan|"
    r"người|nguoi|hộ|lượt|luot|suất|lần|%|m2|m²|km|kg|tấn)(?![^\W\d_])",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:\$|€|usd|vnd|vnđ)[ \u00a0]?$", re.IGNORECASE)
_HOUSE_NUMBER_BEFORE = re.compile(
    r"(?:^|[\s,(])(?:số\s|so\s)?(\d{1,4}[A-Za-z]?(?:[/\-]\d{1,4}[A-Za-z]?)*)[ \u00a0]$",
    re.IGNORECASE,
)
_PLACE_ABBREVIATION_BEFORE = re.compile(r"(?:^|[^\w])(?:Q|P|TP|Tp|H|TX|TT|X)\.[ \u00a0]?$")
_MAX_PIECES = 6  # no phone or account number is written in more groups than this

_WORD = re.compile(r"[^\W\d_]+")
# Introductions, matched in the folded text. Strong ones are followed by a name even in
# lower case; weak ones ("tôi là người dân") only by a capitalised one.
_STRONG_LEAD = re.compile(
    r"(?<!\w)(?:"
    r"(?:ho\s+(?:va\s+)?)?ten\s+(?:cua\s+)?(?:toi|em|minh|chau|con(?:\s+toi|\s+em)?|be|me|bo|"
    r"vo|chong)\s*(?:la(?!\w)|:)"
    r"|ho\s+(?:va\s+)?ten(?:\s+la(?!\w)|\s*:)"
    r"|(?<!co\s)(?<!mang\s)ten\s*(?:la(?!\w)|:)"
    r"|(?:toi|em|minh|chau|con|be|con\s+toi|con\s+em)\s+ten(?:\s+la)?(?!\w)"
    r"|my\s+name\s+is(?!\w)|my\s+name['’]s(?!\w)|(?:full\s+)?name\s*:"
    r")"
)
_WEAK_LEAD = re.compile(
    r"(?<!\w)(?:(?:toi|em|minh|chau|con\s+toi|con\s+em)\s+la|i\s+am|i['’]m)(?!\w)"
)
_LEAD_GAP = re.compile(r"[\s:,\-–]{0,3}")
# In a lower-case name after a strong lead these words end the name.
_LOWER_NAME_STOPS = _folds(
    "o tai sinh tuoi nha hien dang la va xin muon hoi co thuoc so sdt dt email zalo toi em "
    "minh chau con can duoc khong gi a ah nhe nha vay ma da se cua tu den and i from "
    "living who what is am my dia chi lien he dien thoai phuong quan xa pho duong"
)


# --------------------------------------------------------------------------- public API


def mask_personal_data(text: str, names: Iterable[str] = ()) -> str:
    """The text (NFC) with every phone number, e-mail address, ID or account number and
    personal name replaced by "***"; everything else is left exactly as it was."""
    text = unicodedata.normalize("NFC", text)
    spans = _spans(text, tuple(names))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(MASK)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def contains_personal_data(text: str, names: Iterable[str] = ()) -> bool:
    """True when :func:`mask_personal_data` would mask something (NFC aside): shown to an
    official as a warning before publishing."""
    return bool(_spans(unicodedata.normalize("NFC", text), tuple(names)))


# --------------------------------------------------------------------------- spans


def _spans(text: str, names: tuple[str, ...]) -> list[_Span]:
    """Spans to mask in ``text`` (NFC), sorted and merged where they overlap or touch."""
    if not text:
        return []
    if _INVISIBLE.isdisjoint(text):
        visible, positions = text, None
    else:
        # Look for personal data in the text without its invisible characters, then mask in
        # the original text the span from the first to the last character found.
        positions = [index for index, char in enumerate(text) if char not in _INVISIBLE]
        visible = "".join(text[index] for index in positions)
    found = _contact_spans(visible) + _name_spans(_Words.of(visible), _known_names(names))
    if positions is not None:
        found = [(positions[start], positions[end - 1] + 1) for start, end in found]
    merged: list[_Span] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _contact_spans(text: str) -> list[_Span]:
    spans = [match.span() for match in _EMAIL.finditer(text)]
    spans += [
        match.span()
        for match in _USERNAME.finditer(text)
        if not match.group().lower().endswith("bot")
    ]
    spans += [match.span() for match in _PASSPORT.finditer(text)]
    spans += [match.span() for match in _HEALTH_CARD.finditer(text)]
    urls = [match.span() for match in _URL.finditer(text)] if "/" in text or "www" in text else []
    for match in _NUMBER.finditer(text):
        in_url = any(start <= match.start() < end for start, end in urls)
        spans += _number_spans(text, match.start(), match.end(), in_url)
    return spans


def _number_spans(text: str, start: int, end: int, in_url: bool) -> list[_Span]:
    """The personal numbers in a run of digit groups: the longest run of pieces (groups split
    by spaces or commas) that is one, from the left, so that "0912345678, 0987654321" is two
    numbers and "năm 2023 0912345678" keeps its year."""
    pieces = [match.span() for match in _PIECE.finditer(text, start, end)]
    sizes = [sum(char.isdigit() for char in text[a:b]) for a, b in pieces]
    spans: list[_Span] = []
    first = 0
    while first < len(pieces):
        if _is_decimals(text, pieces, sizes, first):
            first += 1
            continue
        found = _longest_number(text, pieces, sizes, first, in_url)
        if found is None:
            first += 1
        else:
            spans.append(_without_loose_parentheses(text, (pieces[first][0], pieces[found][1])))
            first = found + 1
    return spans


def _is_decimals(text: str, pieces: Sequence[_Span], sizes: Sequence[int], index: int) -> bool:
    """The decimals of "3,1415926535": not a number of their own."""
    start = pieces[index][0]
    return (
        index > 0
        and sizes[index - 1] <= 3
        and pieces[index - 1][1] == start - 1
        and text[start - 1] == ","
    )


def _longest_number(
    text: str, pieces: Sequence[_Span], sizes: Sequence[int], first: int, in_url: bool
) -> int | None:
    """The last piece of the longest personal number starting at piece ``first``, if any."""
    for last in range(min(len(pieces), first + _MAX_PIECES) - 1, first - 1, -1):
        if sum(sizes[first : last + 1]) < 8:
            return None  # too short for any phone or ID, and shorter runs are shorter still
        span = (pieces[first][0], pieces[last][1])
        if _is_personal_number(text, span, pieces[first : last + 1], in_url):
            return last
    return None


def _is_personal_number(text: str, span: _Span, pieces: Sequence[_Span], in_url: bool) -> bool:
    start, end = span
    written = text[start:end]
    digits = _NOT_DIGIT.sub("", written)
    count = len(digits)
    if count < 8:
        return False
    phone = _VN_PHONE.fullmatch(digits) is not None
    if in_url:
        return phone and written == digits  # "zalo.me/0912345678", not an article's number
    bare = written.lstrip("+") == digits
    if start > 0 and text[start - 1].isalpha() and not (phone or (bare and count >= 9)):
        return False  # glued to a word: "B1234567" is a passport, "x2021" nothing
    sizes = [len(_NOT_DIGIT.sub("", text[a:b])) for a, b in pieces]
    if len(pieces) > 1 and max(sizes) > 5 and not phone and "+" not in written[:3]:
        return False  # "2023 0912345678": two numbers side by side, not one in groups
    if any(_DATE.fullmatch(text[a:b].strip("()")) for a, b in pieces):
        return False
    if "+" in written[:3]:
        if digits.startswith("84"):
            return phone
        if _AMOUNT.fullmatch(written.lstrip("(+ ")) or _UNIT_AFTER.match(text, end):
            return False  # "+15.000.000 đồng" is a rise, not a phone
        return count <= 15
    groups = _GROUPS.findall(written)
    if digits[0] == "0":
        if phone:
            return True
        return count >= 9 and max(map(len, groups)) > 2 and (count <= 19 or bare)
    if count < 9 or _AMOUNT.fullmatch(written):
        return False
    if _UNIT_AFTER.match(text, end) or _CURRENCY_BEFORE.search(text, max(0, start - 5), start):
        return False
    if digits.startswith(("1800", "1900")) and count <= 10:
        return False  # public hotlines
    if all(_YEAR.fullmatch(group) for group in groups):
        return False  # "2021 2022 2023"
    if phone:
        return True  # 84912345678
    if _AMOUNT_SPACED.fullmatch(written) or max(map(len, groups)) <= 2:
        return False  # "1 500 000 000", "1 2 3 4 5 6 7 8 9"
    return bare or count <= 19


def _without_loose_parentheses(text: str, span: _Span) -> _Span:
    """A parenthesised number masks as "(***)"; "(024) 3825 1234" masks whole."""
    start, end = span
    written = text[start:end]
    if written.startswith("(") and written.count("(") > written.count(")"):
        start += 1
        while start < end and not (text[start].isdigit() or text[start] == "+"):
            start += 1
    return start, end


# --------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class _Words:
    """The letter words of a text with their positions; ``linked[i]`` when only horizontal
    spaces stand between word i-1 and word i."""

    text: str
    folded: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    folds: list[str]
    linked: list[bool]

    @classmethod
    def of(cls, text: str) -> _Words:
        folded = _fold(text)
        starts: list[int] = []
        ends: list[int] = []
        for match in _WORD.finditer(text):
            starts.append(match.start())
            ends.append(match.end())
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        folds = [folded[a:b] for a, b in zip(starts, ends, strict=True)]
        linked = [False] + [_is_hspace(text, ends[i - 1], starts[i]) for i in range(1, len(starts))]
        return cls(text, folded, starts, ends, words, folds, linked)

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, index: int) -> str:
        """The text between word ``index - 1`` and word ``index``."""
        return self.text[self.ends[index - 1] : self.starts[index]] if index > 0 else ""

    def phrase_at(self, index: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        """Length in words of the longest phrase of ``table`` starting at ``index``, or 0."""
        for phrase in table.get(self.folds[index], ()):
            stop = index + len(phrase)
            if (
                stop <= len(self.folds)
                and all(self.linked[index + 1 : stop])
                and tuple(self.folds[index:stop]) == phrase
            ):
                return len(phrase)
        return 0


def _is_hspace(text: str, start: int, end: int) -> bool:
    return 0 < end - start <= 3 and all(char in " \u00a0\u202f\t" for char in text[start:end])


@lru_cache(maxsize=1 << 14)
def _is_surname(word: str) -> bool:
    """ "Nguyễn", or "Nguyen" typed without diacritics; but "Đường" is not "Dương", nor
    "Hỗ" "Hồ"."""
    if not _titled(word):
        return False
    return _key(word) in _SURNAME_KEYS or (_bare(word) and _fold(word) in _SURNAME_FOLDS)


def _is_honorific(words: _Words, index: int) -> bool:
    """ "anh", "bà", "Mr", or a title such as "cô giáo" ending at this word."""
    word = words.words[index]
    return (
        _key(word) in _HONORIFIC_KEYS
        or (_bare(word) and words.folds[index] in _HONORIFIC_BARE)
        or words.folds[index] in _TITLE_FOLDS
        or (
            index > 0
            and words.linked[index]
            and (words.folds[index - 1], words.folds[index]) in _ROLE_TITLES
        )
    )


def _starts_name(words: _Words, index: int) -> bool:
    """May a name start at this capitalised word (after "anh", "tôi là", "I am" ...)?"""
    word, fold = words.words[index], words.folds[index]
    if not _titled(word) or _acronym(word) or fold in _ENGLISH_NOT_NAMES:
        return False
    if _key(word) in _NOT_NAME_KEYS:
        return False
    nxt = index + 1
    if nxt < len(words) and words.linked[nxt]:
        pair = (fold, words.folds[nxt])
        return pair not in _ROLE_PAIRS and pair not in _COMPOUNDS  # "Chủ tịch", "Thành phố"
    return True


def _continues_name(words: _Words, index: int) -> bool:
    word = words.words[index]
    return (
        words.linked[index]
        and _titled(word)
        and not _acronym(word)
        and words.folds[index] not in _ENGLISH_NOT_NAMES
        and _key(word) not in _NAME_BREAK_KEYS
    )


def _name_end(words: _Words, index: int, protected: list[bool], limit: int) -> int:
    """The end of a name whose words run on from ``index`` (exclusive), at most ``limit``."""
    limit = min(limit, len(words))
    while index < limit and not protected[index] and _continues_name(words, index):
        index += 1
    return index


# --------------------------------------------------------------------------- places


def _protected(words: _Words) -> list[bool]:
    """Words that belong to a place's name, which the name heuristics must leave alone."""
    count = len(words)
    protected = [False] * count
    for index in range(count):
        word = words.words[index]
        if not word[0].isupper():
            continue
        length = words.phrase_at(index, _PLACES)
        if length and not _after_surname(words, index):
            protected[index : index + length] = [True] * length
            continue
        before = words.text[max(0, words.starts[index] - 24) : words.starts[index]]
        last = before.rstrip()[-1:]
        if (
            _place_word_before(words, index)
            or _location_before(words, index)
            or (last == "." and _PLACE_ABBREVIATION_BEFORE.search(before))
            or (last.isdigit() and _house_number_before(before))
        ):
            _protect_run(words, index, protected)
    for index in range(1, count):
        # English puts the place word after the name: "Tran Phu Street".
        if words.linked[index] and words.folds[index] in _ENGLISH_PLACE_AFTER:
            first = index - 1
            while first > 0 and words.linked[first] and _titled(words.words[first - 1]):
                first -= 1
            if _titled(words.words[index - 1]) and index - first <= 5:
                protected[first:index] = [True] * (index - first)
    return protected


def _after_surname(words: _Words, index: int) -> bool:
    """Is this word part of a name begun by a surname one or two words before? Then "Hoàng
    Mai" in "Nguyễn Hoàng Mai" is a person, not the district."""
    for back in (1, 2):
        first = index - back
        if first < 0 or not words.linked[first + 1] or not _titled(words.words[first + 1]):
            return False
        if _is_surname(words.words[first]):
            return True
    return False


def _place_word_before(words: _Words, index: int) -> bool:
    """Does a place word ("phố", "bệnh viện", "Trường THCS") stand right before this word?"""
    if index == 0 or not words.linked[index]:
        return False
    for length in (3, 2, 1):
        first = index - length
        if first < 0 or not all(words.linked[first + 1 : index + 1]):
            continue
        span = words.words[first:index]
        keys = tuple(_key(word) for word in span)
        folds = tuple(words.folds[first:index])
        if keys not in _PLACE_WORD_KEYS and not (
            all(map(_bare, span)) and folds in _PLACE_WORD_BARE
        ):
            continue
        if first > 0 and words.linked[first] and words.folds[first - 1] in _ROLE_BEFORE_PLACE:
            return False  # "trưởng thôn Nguyễn Văn A" is a person
        if folds == ("truong",) and _titled(span[0]):
            # "Trường THCS Trần Phú", "Trường Tiểu học ..." but "Trường Giang" is a person.
            following = words.words[index]
            return _acronym(following) or _key(following) in _SCHOOL_KEYS or _is_surname(following)
        return True
    return False


def _house_number_before(before: str) -> bool:
    match = _HOUSE_NUMBER_BEFORE.search(before)
    return match is not None and not _YEAR.fullmatch(match.group(1))


def _location_before(words: _Words, index: int) -> bool:
    if index == 0 or not words.linked[index]:
        return False
    word = words.words[index - 1]
    return _key(word) in _LOCATION_PREPOSITIONS or (
        _bare(word) and words.folds[index - 1] in _LOCATION_PREPOSITIONS_BARE
    )


def _protect_run(words: _Words, index: int, protected: list[bool]) -> None:
    """Protect the capitalised words of a place's name from ``index``: at most five, and not
    a person named after it ("phường Ba Đình Nguyễn Văn A" protects "Ba Đình" only)."""
    stop = min(len(words), index + 5)
    current = index
    while current < stop and (current == index or words.linked[current]):
        word = words.words[current]
        if not word[0].isupper():
            break
        if (
            current - index >= 2
            and _is_surname(word)
            and current + 1 < len(words)
            and _continues_name(words, current + 1)
        ):
            break
        protected[current] = True
        current += 1


# --------------------------------------------------------------------------- names


def _name_spans(words: _Words, known: _KnownNames) -> list[_Span]:
    if not words.words:
        return []
    protected = _protected(words)
    spans: list[_Span] = []
    lead_ends: set[int] = set()
    for first, stop in _full_names(words, protected):
        spans.append((words.starts[first], words.ends[stop - 1]))
    for first, stop in _honorific_names(words, protected):
        spans.append((words.starts[first], words.ends[stop - 1]))
    for first, stop in _introduced_names(words, protected, lead_ends):
        spans.append((words.starts[first], words.ends[stop - 1]))
    spans += _known_name_spans(words, known, protected, lead_ends)
    return spans


def _full_names(words: _Words, protected: list[bool]) -> Iterable[_Span]:
    """Vietnamese full names: a surname and one to three more capitalised words."""
    index = 0
    count = len(words)
    while index < count:
        if (
            not protected[index]
            and _is_surname(words.words[index])
            and not words.phrase_at(index, _NOT_NAME_PHRASES)
        ):
            stop = _name_end(words, index + 1, protected, index + 4)
            if stop - index >= 2:
                yield index, stop
                index = stop
                continue
        index += 1


def _honorific_names(words: _Words, protected: list[bool]) -> Iterable[_Span]:
    """ "anh Tuấn", "bà Trần Thị Hoa", "Mr. Smith": the name, not the honorific."""
    for index in range(len(words) - 1):
        following = index + 1
        if not _is_honorific(words, index):
            continue
        gap = words.gap(following)
        linked = words.linked[following] or (
            words.folds[index] in _TITLE_FOLDS and gap.strip() == "." and len(gap) <= 2
        )
        if linked and not protected[following] and _starts_name(words, following):
            yield following, _name_end(words, following + 1, protected, following + 4)


def _introduced_names(words: _Words, protected: list[bool], lead_ends: set[int]) -> Iterable[_Span]:
    """Names after "tên tôi là", "tôi là", "my name is", "I am" ... ``lead_ends`` gets the
    index of each word right after an introduction."""
    for pattern, strong in ((_STRONG_LEAD, True), (_WEAK_LEAD, False)):
        for match in pattern.finditer(words.folded):
            index = _first_word_from(words, match.end())
            if index is None:
                continue
            lead_ends.add(index)
            if protected[index]:
                continue
            if _starts_name(words, index):
                yield index, _name_end(words, index + 1, protected, index + 4)
            elif strong and words.words[index].islower():
                stop = index
                while (
                    stop < min(len(words), index + 4)
                    and (stop == index or words.linked[stop])
                    and words.words[stop].islower()
                    and words.folds[stop] not in _LOWER_NAME_STOPS
                ):
                    stop += 1
                if stop > index:
                    yield index, stop


def _first_word_from(words: _Words, position: int) -> int | None:
    """The word starting right after ``position`` (past a colon or spaces), if any."""
    gap = _LEAD_GAP.match(words.text, position)
    start = gap.end() if gap else position
    low, high = 0, len(words.starts)
    while low < high:
        middle = (low + high) // 2
        if words.starts[middle] < start:
            low = middle + 1
        else:
            high = middle
    if low < len(words.starts) and words.starts[low] == start and "\n" not in words.gap(low):
        return low
    return None


# --------------------------------------------------------------------------- known names


@dataclass(frozen=True, slots=True)
class _KnownNames:
    """The forms of the given names to look for: several words (any case) by their first
    folded word, longest first; single given names (capitalised) by their folded form."""

    multi: dict[str, tuple[tuple[str, ...], ...]]
    single: dict[str, tuple[str, ...]]


@lru_cache(maxsize=256)
def _known_names(names: tuple[str, ...]) -> _KnownNames:
    multi: dict[str, set[tuple[str, ...]]] = {}
    single: dict[str, set[str]] = {}
    for name in names:
        parts = tuple(_WORD.findall(unicodedata.normalize("NFC", name)))
        if not parts:
            continue
        if len(parts) == 1:
            if len(parts[0]) >= 3 and _key(parts[0]) not in _HONORIFIC_KEYS:
                single.setdefault(_fold(parts[0]), set()).add(parts[0])
            continue
        # Telegram often has "An Nguyễn" (first name, last name): try the Vietnamese order too.
        orders = [parts]
        if _is_surname(parts[-1].title()) and not _is_surname(parts[0].title()):
            orders.append((parts[-1], *parts[:-1]))
        for order in orders:
            forms = {order} | {order[cut:] for cut in range(1, len(order) - 1)}
            if len(order) >= 3:
                forms.add((order[0], order[-1]))  # "Nguyễn An" for "Nguyễn Văn An"
            for form in forms:
                multi.setdefault(_fold(form[0]), set()).add(form)
        given = orders[-1][-1]
        if len(given) >= 3 and _key(given) not in _HONORIFIC_KEYS:
            single.setdefault(_fold(given), set()).add(given)
    return _KnownNames(
        {first: tuple(sorted(forms, key=len, reverse=True)) for first, forms in multi.items()},
        {fold: tuple(forms) for fold, forms in single.items()},
    )


def _same_word(written: str, name: str) -> bool:
    """ "Nguyen" matches "Nguyễn" (typed without diacritics), "Nguyễn" matches "nguyễn"; but
    "Vân" does not match "Văn"."""
    if _fold(written) != _fold(name):
        return False
    return _bare(written) or _bare(name) or _key(written) == _key(name)


def _known_name_spans(
    words: _Words, known: _KnownNames, protected: list[bool], lead_ends: set[int]
) -> list[_Span]:
    spans: list[_Span] = []
    count = len(words)
    for index in range(count):
        fold = words.folds[index]
        for form in known.multi.get(fold, ()):
            stop = index + len(form)
            if (
                stop <= count
                and all(words.linked[index + 1 : stop])
                and all(map(_same_word, words.words[index:stop], form))
            ):
                spans.append((words.starts[index], words.ends[stop - 1]))
                break
        forms = known.single.get(fold, ())
        if not forms or protected[index]:
            continue
        word = words.words[index]
        if not any(_same_word(word, form) for form in forms):
            continue
        nxt = index + 1
        if nxt < count and words.linked[nxt] and (fold, words.folds[nxt]) in _COMPOUNDS:
            continue  # "Bảo hiểm" for a resident named Bảo
        after_honorific = (
            index > 0
            and words.linked[index]
            and _is_honorific(words, index - 1)
            and (words.folds[index - 1], fold) not in _COMPOUNDS  # "anh hùng" is a hero
        )
        if _titled(word) or after_honorific or index in lead_ends:
            spans.append((words.starts[index], words.ends[index]))
    return spans
