"""Synthetic entries for bench/qa.py: a deterministic knowledge base of any size, to measure
search latency and false matches far beyond the real content's 35 entries."""

from __future__ import annotations

import itertools
import random
import unicodedata

from content.index import EntryKind, SearchEntry

_VI_WORDS = """
trợ cấp|người cao tuổi|trẻ em|khuyết tật|nhà ở|giao thông|môi trường|rác thải|điện|nước|
trường học|giáo viên|bệnh viện|học phí|lương|thuế|đất đai|xây dựng|du lịch|văn hóa|thể thao|
an ninh|công an|phường|quận|chợ|giá cả|thực phẩm|nông nghiệp|lúa|cây xanh|công viên|xe buýt|
đường sắt|cầu|sông|lũ lụt|hạn hán|người lao động|doanh nghiệp|hộ gia đình|thu nhập|tiền điện|
học bổng|sinh viên|mầm non|phụ nữ|thanh niên|người có công|thương binh|liệt sĩ|cựu chiến binh|
nhà văn hóa|thư viện|bảo tàng|lễ hội|làng nghề|nông thôn mới|chiếu sáng|vỉa hè|cấp nước|
thoát nước|ngập úng|ô nhiễm|không khí|tiếng ồn|cây xanh đô thị|chung cư|tái định cư|
giải phóng mặt bằng|
cải cách hành chính|dịch vụ công|một cửa|chữ ký số|hộ chiếu|khai sinh|kết hôn|hộ tịch|
chứng thực|tiêm chủng|dinh dưỡng|người khuyết tật|trẻ mồ côi|người vô gia cư|bảo trợ xã hội|
nhà tình nghĩa|quỹ vì người nghèo|khuyến nông|tín dụng|ngân sách|dự toán|quyết toán|
kiểm tra|giám sát|thanh tra|khiếu nại|tố cáo|tiếp công dân|đối thoại|tuyên truyền|
phòng cháy|chữa cháy|cứu hộ|an toàn thực phẩm|vệ sinh|dịch bệnh|sốt xuất huyết|tay chân miệng|
đào tạo|kỹ năng|việc làm thêm|xuất khẩu lao động|hợp đồng|tiền lương|làm thêm giờ|công đoàn|
số hóa|chuyển đổi số|cổng thông tin|ứng dụng|tổng đài|đường dây nóng|hỗ trợ|chính sách|
kế hoạch|chỉ tiêu|kết quả|báo cáo|nghị quyết|quyết định|thông báo|hướng dẫn|đề án|dự án
""".replace("\n", "").split("|")

_EN_WORDS = (
    "support", "benefit", "school", "road", "tax", "housing", "elderly", "children",
    "disability", "transport", "waste", "electricity", "park", "bus", "river", "flood", "market",
    "food", "farm", "tourism", "culture", "sport", "security", "police", "land", "construction",
    "fee", "salary", "pension", "insurance", "health", "hospital", "teacher", "student",
    "scholarship", "kindergarten", "women", "youth", "veterans", "library", "museum", "festival",
    "village", "lighting", "sidewalk", "drainage", "pollution", "air", "noise", "apartment",
    "resettlement", "clearance", "reform", "service", "passport", "birth", "marriage",
    "registration", "vaccination", "nutrition", "orphan", "homeless", "welfare", "charity",
    "budget", "inspection", "complaint", "dialogue", "campaign", "fire", "rescue", "hygiene",
    "disease", "dengue", "training", "skills", "overtime", "contract", "wage", "union",
    "digital", "portal", "application", "hotline", "policy", "plan", "target", "result",
    "report", "resolution", "decision", "notice", "guide", "scheme", "project", "programme",
    "household", "income", "poverty", "jobs", "water", "clean", "city", "district", "ward",
)  # fmt: skip

# For made-up Vietnamese words: onsets, rhymes (the tone goes on the rhyme's first vowel).
_ONSETS = (
    "b", "c", "ch", "d", "đ", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph",
    "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
_RHYMES = (
    "a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "e", "em", "en", "eo", "i", "ia",
    "iêu", "in", "inh", "o", "oa", "oai", "oan", "oc", "oi", "om", "on", "ong", "u", "ua", "ui",
    "um", "un", "ung", "uy", "ư", "ưa", "ưi", "ương", "ơ", "ơi", "ơn", "ê", "ên", "ênh", "iêng",
    "uôn", "uông",
)  # fmt: skip
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _vocabulary(rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    """Vietnamese and English words: the civic lists above, then made-up words (Vietnamese
    syllables in pairs, English-looking strings) up to ``size`` each, in a random order that
    becomes their frequency rank."""
    vi = list(dict.fromkeys(word.strip() for word in _VI_WORDS if word.strip()))
    seen = set(vi)
    while len(vi) < size:
        syllables = []
        for _ in range(2):
            tone = rng.choice(_TONES)
            rhyme = rng.choice(_RHYMES)
            syllables.append(
                unicodedata.normalize("NFC", rng.choice(_ONSETS) + rhyme[0] + tone + rhyme[1:])
            )
        word = " ".join(syllables)
        if word not in seen:
            seen.add(word)
            vi.append(word)
    en = list(dict.fromkeys(_EN_WORDS))
    seen = set(en)
    while len(en) < size:
        word = "".join(
            rng.choice("bcdfglmnprstvw") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))
        )
        if word not in seen:
            seen.add(word)
            en.append(word)
    rng.shuffle(vi)
    rng.shuffle(en)
    return vi, en


def synthetic_entries(count: int, seed: int = 8, *, dense: bool = False) -> list[SearchEntry]:
    """``count`` entries of random names, aliases, keywords and a context sentence.

    By default words are drawn with Zipf frequencies (rank r drawn ∝ 1/r) from a vocabulary of
    4,000 Vietnamese and 4,000 English words, as words are in real text: a few in many
    entries, most in few. ``dense`` draws uniformly from the ~200-word civic lists only: every
    word then sits in 10-50% of the entries, a stress case for candidate gathering."""
    rng = random.Random(seed)
    kinds = list(EntryKind)
    if dense:
        vi_words = [word.strip() for word in _VI_WORDS if word.strip()]
        en_words = list(_EN_WORDS)
        vi_cumulative = list(itertools.accumulate([1.0] * len(vi_words)))
        en_cumulative = list(itertools.accumulate([1.0] * len(en_words)))
    else:
        vi_words, en_words = _vocabulary(rng, 4000)
        vi_cumulative = list(itertools.accumulate(1 / rank for rank in range(1, 4001)))
        en_cumulative = vi_cumulative

    def vi(low: int, high: int) -> str:
        size = rng.randint(low, high)
        return " ".join(rng.choices(vi_words, cum_weights=vi_cumulative, k=size))

    def en(low: int, high: int) -> str:
        size = rng.randint(low, high)
        return " ".join(rng.choices(en_words, cum_weights=en_cumulative, k=size))

    entries = []
    for number in range(count):
        entries.append(
            SearchEntry(
                kind=kinds[number % len(kinds)],
                key=f"syn-{number}",
                texts=(vi(2, 4), en(2, 4), vi(1, 3), vi(1, 3), en(1, 3)),
                keywords=(vi(1, 2), vi(1, 1), en(1, 2)),
                context=(vi(6, 12), en(6, 12)),
            )
        )
    return entries
