"""Personal data planted in ticket-like sentences, by class, for the masking tests.

Each item is (class, text, secrets, names): after ``mask_personal_data(text, names)`` none of
``secrets`` may remain (compared case-insensitively, invisible characters removed). Built from
what an audit got through the masking: separators, words for digits, written-out e-mails,
lower-case names, surnames that are words, the resident's own names, zero-width joins,
addresses and family details, ID and account numbers.
"""

from __future__ import annotations

from typing import NamedTuple


class Planted(NamedTuple):
    kind: str
    text: str
    secrets: tuple[str, ...]
    names: tuple[str, ...] = ()


PLANTED: list[Planted] = []


def _add(kind: str, text: str, *secrets: str, names: tuple[str, ...] = ()) -> None:
    PLANTED.append(Planted(kind, text, secrets, names))


# --------------------------------------------------------------------------- phones

_PHONES = ("0912345678", "0987654321", "0356789012", "02438251234", "0868123456", "0703456789")
_SEPARATORS = (" ", ".", "/", "-", "  ", " - ", " . ")
for number in _PHONES:
    for separator in _SEPARATORS:
        written = separator.join((number[:4], number[4:7], number[7:]))
        _add("phone", f"Liên hệ em qua số {written} nhé", number[4:7] + separator + number[7:])
    spaced = " ".join(number)
    _add("phone", f"sđt {spaced} ạ", spaced)
    pairs = ".".join(number[i : i + 2] for i in range(0, len(number), 2))
    _add("phone", f"Gọi cho tôi: {pairs}", pairs)
    _add("phone", f"zalo {number[:3]}/{number[3:6]}/{number[6:]}", number[6:])

# --------------------------------------------------------------------------- phones in words

_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_DIGIT_WORDS_BARE = ("khong", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin")
for number in _PHONES:
    spoken = " ".join(_DIGIT_WORDS[int(digit)] for digit in number)
    _add("spoken phone", f"Số của tôi là {spoken}, gọi giờ hành chính", spoken)
    bare = " ".join(_DIGIT_WORDS_BARE[int(digit)] for digit in number)
    _add("spoken phone", f"so dien thoai {bare} nhe", bare)
    mixed = number[:4] + " " + " ".join(_DIGIT_WORDS[int(digit)] for digit in number[4:])
    _add("spoken phone", f"gọi {mixed}", " ".join(_DIGIT_WORDS[int(d)] for d in number[4:]))
_add("spoken phone", "không chín một hai, ba bốn năm, sáu bảy tám", "ba bốn năm, sáu bảy tám")
_add("spoken phone", "Khong Chin Mot Hai Ba Bon Nam Sau Bay Tam", "Ba Bon Nam Sau Bay Tam")
_add("spoken phone", "call zero nine one two three four five six seven eight", "four five six")

# --------------------------------------------------------------------------- e-mail

_MAILS = (
    ("lan.nguyen", "gmail", "com"),
    ("tuan_tran92", "yahoo", "com.vn"),
    ("hoa.le", "hanoi.gov", "vn"),
    ("binhminh", "outlook", "com"),
)
for local, domain, tld in _MAILS:
    spoken_domain = domain.replace(".", " chấm ")
    spoken_tld = tld.replace(".", " chấm ")
    _add("email", f"mail {local} a còng {spoken_domain} chấm {spoken_tld} nhé", local)
    _add("email", f"email: {local} a cong {domain} cham {tld}", local)
    _add("email", f"write to {local} at {domain} dot {tld.replace('.', ' dot ')}", local)
    _add("email", f"thư {local}＠{domain}.{tld}", local)
    _add("email", f"thư {local} ＠ {domain}．{tld}", local)
    _add("email", f"gửi {local} @ {domain} . {tld}", local)
    _add("email", f"gửi {local}@ {domain}.{tld} ạ", local)
    _add("email", f"gửi {local} (at) {domain} (dot) {tld}", local)

# --------------------------------------------------------------------------- lower-case names

_FULL_NAMES = (
    "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thu Hằng", "Hoàng Đức Anh",
    "Vũ Thị Lan", "Đặng Quốc Bảo", "Bùi Văn Nam", "Đỗ Thị Hương", "Ngô Quang Huy",
)  # fmt: skip
_BARE = {"ễ": "e", "ầ": "a", "ị": "i", "ê": "e", "ạ": "a", "ằ": "a", "à": "a", "ũ": "u",
         "ặ": "a", "ố": "o", "ù": "u", "ă": "a", "ỗ": "o", "ư": "u", "ơ": "o", "đ": "d",
         "Đ": "D", "ứ": "u", "á": "a", "ả": "a", "ấ": "a", "ô": "o", "ạ ": "a"}  # fmt: skip


def _without_diacritics(text: str) -> str:
    return "".join(_BARE.get(char, char) for char in text)


for name in _FULL_NAMES:
    lower = name.lower()
    plain = _without_diacritics(name)
    _add("lower-case name", f"nhà {lower} ở cuối phố bị dột mái", lower)
    _add("lower-case name", f"đề nghị {plain.lower()} trả lời", plain.lower())
    _add("lower-case name", f"Kính gửi {plain}, đường hỏng", plain)

# ------------------------------------------------------------------------ surnames that are words

for name in (
    "Quan Văn Hải", "Phó Đức Phương", "Mai Thị Hồng", "Cao Văn Sơn", "Hồ Thị Thu",
    "Lâm Văn Tùng", "Tô Thị Ngọc", "Kiều Văn Dũng", "Lại Thị Hà", "Triệu Văn Long",
    "Thân Văn Toàn", "Tống Thị Lan",
):  # fmt: skip
    _add("surname that is a word", f"Hồ sơ của {name} chưa được giải quyết", name)
    _add("surname that is a word", f"hộ {name.lower()} xin hỗ trợ", name.lower())

# ------------------------------------------------------------------------ the resident's own names

for first, last in (
    ("Hùng", "Nguyễn"), ("Lan", "Trần"), ("Tuấn", "Lê"), ("Hằng", "Phạm"), ("Minh", "Đỗ"),
    ("Bảo", "Vũ"), ("Thảo", "Đinh"), ("Quyên", "Lò"),
):  # fmt: skip
    telegram = (f"{first} {last}", first, last)
    _add("own name", f"Tôi là {first.lower()}, nhà bị ngập", first.lower(), names=telegram)
    _add("own name", f"{first} xin hỏi về trợ cấp", f"{first} xin", names=telegram)
    _add("own name", f"Gia đình {last} {first} đề nghị", f"{last} {first}", names=telegram)
    _add("own name", f"mẹ của {first} bị ốm", f"của {first}", names=telegram)
_add("own name", "Nhờ cán bộ gọi lại cho lan_hn92 ạ", "lan_hn92", names=("Lan", "lan_hn92"))
_add("own name", "Liên hệ @lanhn qua Telegram", "lanhn", names=("Lan", "lanhn"))

# --------------------------------------------------------------------------- zero-width joins

for name in ("Nguyễn Văn An", "Trần Thị Bích", "Lê Hoàng Nam", "Phạm Minh Châu"):
    first, *rest = name.split()
    for joiner in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"):
        joined = joiner.join(name.split())
        _add("zero-width join", f"Người gửi: {joined}, phường Đống Đa", rest[-1])
_add("zero-width join", "gọi 09\u200b12\u200b34\u200b56\u200b78", "56")
_add("zero-width join", "mail lan\u200b.nguyen\u200b@\u200bgmail.com", "lan")

# --------------------------------------------------------------------------- addresses

for text, secret in (
    ("Nhà tôi ở số nhà 12 ngõ 34 phố Huế", "12"),
    ("Nhà tôi ở số nhà 12 ngõ 34 phố Huế", "34"),
    ("địa chỉ: số 15 ngõ 68 Cầu Giấy", "15"),
    ("địa chỉ: số 15 ngõ 68 Cầu Giấy", "68"),
    ("nhà 25 ngách 4/12 ngõ 100 Trần Duy Hưng", "4/12"),
    ("ngách 12/34/5 phố Vọng", "12/34/5"),
    ("hẻm 45 đường Láng", "45"),
    ("kiệt 7 đường Nguyễn Trãi", "kiệt 7"),
    ("tổ dân phố số 5 phường Phúc Xá", "số 5"),
    ("tổ dân phố 12, phường Mai Dịch", "12"),
    ("Tổ 3, phường Yên Hoà", "3"),
    ("TDP số 9 Hà Đông", "9"),
    ("thôn Đông Hội, xã Đông Hội", "thôn Đông"),
    ("xóm Chùa, thôn Bầu", "Chùa"),
    ("xóm 4 xã Tiên Dương", "xóm 4"),
    ("ở thôn 2 xã Vân Nội", "thôn 2"),
    ("so nha 8 ngo 52 pho Trieu Khuc", "8"),
    ("so nha 8 ngo 52 pho Trieu Khuc", "52"),
    ("ngo 179 Vinh Hung", "179"),
    ("nhà số 40 Lý Thường Kiệt", "40"),
    ("căn hộ 1205 tòa B, khu đô thị Linh Đàm", "1205"),
    ("phòng 305 nhà A2 khu tập thể Kim Liên", "305"),
    ("ở 18 Hàng Bạc, quận Hoàn Kiếm", "18"),
    ("tại số 7 Hàng Gai", "7"),
    ("nhà em ở ngõ 5 Hoàng Cầu", "ngõ 5"),
    ("ngõ Văn Chương số 3", "số 3"),
    ("lô 12 khu đấu giá Vạn Phúc", "12"),
    ("ấp 3, xã Tân Phú", "ấp 3"),
):
    _add("address", text, secret)

# --------------------------------------------------------------------------- family details

for text, secret in (
    ("Con trai tôi tên Minh năm nay học lớp 5", "Minh"),
    ("con trai tôi tên là nguyễn minh khôi", "khôi"),
    ("Con gái tôi là Lan bị khuyết tật", "Lan"),
    ("vợ tôi tên Hoa làm công nhân", "Hoa"),
    ("Chồng tôi tên là Trần Văn Bình đã mất", "Bình"),
    ("cháu nội tôi tên Bảo", "Bảo"),
    ("Mẹ tôi tên là Đào Thị Sen", "Sen"),
    ("bố em tên Hùng bị tai nạn", "Hùng"),
    ("con út của tôi tên Na", "Na"),
    ("em trai tôi tên là Quang", "Quang"),
    ("con gai toi ten la thu trang", "thu trang"),
    ("chong toi ten Tuan", "Tuan"),
    ("My son's name is Kevin", "Kevin"),
    ("my daughter is called Linh", "Linh"),
):
    _add("family", text, secret)

# --------------------------------------------------------------------------- ID and account numbers

for text, secret in (
    ("CCCD: 001 204 012 345", "012 345"),
    ("số CCCD 001.204.012.345", "012.345"),
    ("căn cước 0012-0401-2345", "2345"),
    ("cccd so 036095001234", "036095001234"),
    ("CMND 012.345.678", "345.678"),
    ("CMND số 1 2 3 4 5 6 7 8 9", "5 6 7 8 9"),
    ("STK 0011-0041-23456 Vietcombank", "23456"),
    ("số tài khoản 19035678901234 Techcombank", "19035678901234"),
    ("tk 1903 5678 9012 34", "9012 34"),
    ("stk: 102.345.678.901 Vietinbank", "678.901"),
    ("mã số BHXH 0123 456 789", "456 789"),
    ("thẻ BHYT DN 4 01 0123456789", "0123456789"),
    ("hộ chiếu số C1234567", "C1234567"),
    ("mã số thuế 0101234567", "0101234567"),
    ("biển số xe 29A-123.45", "123.45"),
    ("biển số 30E 12345", "12345"),
):
    _add("id number", text, secret)
