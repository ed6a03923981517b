"""The shipped content: valid, complete, and every number traceable to a source report."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from content.knowledge import KnowledgeBase
from content.loader import DEFAULT_CONTENT_DIR, check_content
from content.schema import (
    KEY_PATTERN,
    Figure,
    Indicator,
    Localized,
    Observation,
    Programme,
    Qualifier,
    Source,
    Status,
    Terms,
)

REPO = Path(__file__).resolve().parents[2]
UNRELATED_TAIL = "Tin cùng chuyên mục"  # from here on, the first seed is unrelated news


def seeds_dir() -> Path | None:
    """The source reports: $DANBIET_SEEDS_DIR, else the copy the repository keeps."""
    candidates = [os.environ.get("DANBIET_SEEDS_DIR"), str(REPO / "content" / "seeds")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "report-2022-q1.txt").is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def seeds(kb: KnowledgeBase) -> dict[str, str]:
    """Report key → the programme-related text of its seed file."""
    directory = seeds_dir()
    if directory is None:
        pytest.skip("source reports not found: set DANBIET_SEEDS_DIR to the seeds directory")
    texts = {}
    for report in kb.reports.values():
        assert report.seed_file, f"{report.key} has no seed_file"
        text = (directory / report.seed_file).read_text(encoding="utf-8")
        texts[report.key] = unicodedata.normalize("NFC", text.split(UNRELATED_TAIL)[0])
    return texts


def squash(text: str) -> str:
    """Remove all whitespace: the seeds run words together ("thành phốđã")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def vi_number(value: float) -> str:
    """3612 → "3.612", 7152.8 → "7.152,8", 0.16 → "0,16" (Vietnamese style, as the reports)."""
    value = abs(value)
    text = f"{value:,.10f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def observations(kb: KnowledgeBase) -> Iterator[tuple[Indicator, Observation]]:
    for indicator in kb.indicators.values():
        for observation in indicator.observations:
            yield indicator, observation


def observation(kb: KnowledgeBase, key: str, period_key: str) -> Observation:
    found = [item for item in kb.indicators[key].observations if item.period_key == period_key]
    assert len(found) == 1, f"{key} has no single {period_key} observation"
    return found[0]


def figure(item: Observation, label_part: str) -> Figure:
    found = [entry for entry in item.figures if label_part in entry.label.vi]
    assert len(found) == 1, f"no single figure labelled {label_part!r}"
    return found[0]


def all_sources(kb: KnowledgeBase) -> Iterator[tuple[str, Source]]:
    yield "programme", kb.programme.source
    for indicator, item in observations(kb):
        yield f"{indicator.key} {item.period_key}", item.source
    for policy in kb.policies.values():
        for number, note in enumerate(policy.notes):
            yield f"{policy.key} note {number}", note.source
    for faq in kb.faqs.values():
        yield faq.key, faq.source
        for number, source in enumerate(faq.also):
            yield f"{faq.key} also {number}", source


# ------------------------------------------------------------------------------ it loads


def test_shipped_content_is_valid() -> None:
    errors = check_content()
    assert errors == [], "\n".join(str(error) for error in errors)


def test_shipped_content_is_in_the_package() -> None:
    assert DEFAULT_CONTENT_DIR == REPO / "content" / "data"
    names = {path.name for path in DEFAULT_CONTENT_DIR.glob("*.yaml")}
    expected = {"programme.yaml", "indicators.yaml", "policies.yaml", "faq.yaml", "reports.yaml"}
    assert expected <= names


def test_programme(kb: KnowledgeBase) -> None:
    programme: Programme = kb.programme
    assert programme.code == "08-CTr/TU"
    assert (programme.start_year, programme.end_year) == (2021, 2025)
    assert "khóa XVII" in programme.issuer.vi
    assert "Sở Lao động - Thương binh và Xã hội Hà Nội" in programme.standing_agency.vi
    assert [leader.name for leader in programme.leaders] == ["Nguyễn Ngọc Tuấn", "Nguyễn Lan Hương"]
    assert "Trưởng ban Chỉ đạo" in programme.leaders[0].role.vi
    assert "Phó trưởng Ban Thường trực" in programme.leaders[1].role.vi
    assert "dân biết, dân bàn, dân làm, dân kiểm tra, dân thụ hưởng" in programme.motto.vi
    assert "không nợ chỉ tiêu, kể cả những việc khó" in programme.motto.vi
    assert "Phát triển hệ thống an sinh xã hội" in programme.name.vi


def test_areas(kb: KnowledgeBase) -> None:
    assert {"giam-ngheo", "viec-lam", "giao-duc-nghe-nghiep", "y-te", "bao-hiem"} <= set(kb.areas)
    assert {"tro-giup-xa-hoi", "giao-duc", "van-hoa-xa-hoi", "chuong-trinh"} <= set(kb.areas)
    for area in kb.areas.values():
        assert area.emoji, f"area {area.key} has no emoji"
    used = {item.area for item in kb.indicators.values()} | {p.area for p in kb.policies.values()}
    assert used == set(kb.areas), "every area has at least one indicator or policy"


# ------------------------------------------------------------------------------ the figures


def test_poor_households(kb: KnowledgeBase) -> None:
    item = observation(kb, "ho-ngheo", "2022-Q1")
    assert item.value == 3612
    assert item.unit is not None
    assert item.unit.vi == "hộ"
    assert figure(item, "tổng số hộ dân").value == 0.16
    assert item.as_of.isoformat() == "2022-04-13"
    assert item.period == Localized(vi="Quý I/2022", en="Q1 2022")


def test_near_poor_households(kb: KnowledgeBase) -> None:
    item = observation(kb, "ho-can-ngheo", "2022-Q1")
    assert item.value == 30176
    assert figure(item, "Tỷ lệ").value == 1.38


def test_jobs(kb: KnowledgeBase) -> None:
    item = observation(kb, "viec-lam", "2022-Q1")
    assert (item.value, item.target) == (50019, 160000)
    assert item.target_label is not None
    assert item.target_label.vi == "kế hoạch năm 2022"
    assert item.change_on_previous_year == 29.2
    percent = item.percent_of_plan()
    assert percent is not None
    assert round(percent, 1) == 31.3 == item.reported_percent_of_plan


def test_vocational_enrolment(kb: KnowledgeBase) -> None:
    item = observation(kb, "tuyen-sinh-gdnn", "2022-Q1")
    assert (item.value, item.target) == (20839, 224500)
    assert item.change_on_previous_year == 44
    percent = item.percent_of_plan()
    assert percent is not None
    assert round(percent, 1) == 9.3 == item.reported_percent_of_plan


def test_cremation(kb: KnowledgeBase) -> None:
    item = observation(kb, "hoa-tang", "2022-Q1")
    assert item.value == 68
    assert item.unit is not None
    assert item.unit.vi == "%"


def test_health_insurance_is_quoted_not_reinterpreted(kb: KnowledgeBase) -> None:
    item = observation(kb, "bao-phu-bhyt", "2022-Q1")
    assert item.value == 91.8
    assert item.unit is not None
    assert "dân số" in item.unit.vi
    assert "lực lượng vũ trang" in item.unit.vi
    assert item.target is None, "no target: the bot must not compute 91.8 / x"
    assert item.reported_percent_of_plan == 92.5
    assert item.percent_of_plan() == 92.5
    expected = "đạt 91,8% dân số (chưa bao gồm lực lượng vũ trang), đạt 92,5% kế hoạch năm 2022"
    assert expected in item.statement.vi
    assert expected in item.source.quote


def test_unemployment_insurance(kb: KnowledgeBase) -> None:
    item = observation(kb, "bao-hiem-that-nghiep", "2022-Q1")
    assert item.value is None
    assert item.change_on_previous_year == -31.2
    assert "giảm 31,2%" in item.statement.vi


def test_health_indicators(kb: KnowledgeBase) -> None:
    item = observation(kb, "chi-tieu-y-te", "2022-Q1")
    assert item.value is None
    assert item.status is Status.BASICALLY_ACHIEVED  # "cơ bản đã hoàn thành": not "completed"
    assert "cơ bản đã hoàn thành theo kế hoạch" in item.statement.vi


def test_support_under_resolutions_68_and_15(kb: KnowledgeBase) -> None:
    item = observation(kb, "ho-tro-nq68", "2022-Q1")
    assert item.value == 5.64
    assert item.unit is not None
    assert item.unit.vi == "triệu lượt đối tượng"
    assert figure(item, "Tổng kinh phí").value == 7152.8
    assert figure(item, "bằng tiền").value == 6843
    assert figure(item, "cho vay").value == 309.7
    for entry in item.figures:
        assert entry.unit.vi == "tỷ đồng"


def test_indicators_completed(kb: KnowledgeBase) -> None:
    item = observation(kb, "chi-tieu-hoan-thanh", "2023-H1")
    assert item.value == 18
    # 27 is the number of indicators, not a plan for the period: no "% of plan" from it.
    assert item.target is None
    assert item.percent_of_plan() is None
    assert figure(item, "Tổng số chỉ tiêu").value == 27


def test_resolutions_and_plans(kb: KnowledgeBase) -> None:
    item = observation(kb, "van-ban-ban-hanh", "2023-H1")
    assert figure(item, "Nghị quyết của HĐND").value == 4
    assert figure(item, "Kế hoạch của UBND").value == 6


def test_doctors(kb: KnowledgeBase) -> None:
    item = observation(kb, "bac-si", "2023-H1")
    assert item.status is Status.HARD
    assert item.value is None, "the report gives no current figure"
    assert item.target == 15
    assert item.unit is not None
    assert item.unit.vi == "bác sỹ/vạn dân"
    doctors = figure(item, "Số bác sỹ")
    assert (doctors.value, doctors.qualifier) == (13250, Qualifier.EQUIVALENT)
    assert item.percent_of_plan() is None


@pytest.mark.parametrize("key", ["quan-ly-suc-khoe", "sua-hoc-duong", "tham-gia-bhxh"])
def test_hard_indicators_without_figures(kb: KnowledgeBase, key: str) -> None:
    item = observation(kb, key, "2023-H1")
    assert item.status is Status.HARD
    assert item.value is None
    assert item.target is None
    assert item.figures == ()


def test_later_report_keeps_earlier_figures_in_history(kb: KnowledgeBase) -> None:
    history = kb.indicators["bao-phu-bhyt"].history()
    assert [item.period_key for item in history] == ["2022-Q1", "2023-H1"]
    assert history[0].value == 91.8
    assert kb.indicators["bao-phu-bhyt"].latest().status is Status.HARD


def test_every_fact_is_present(kb: KnowledgeBase) -> None:
    """One line per figure of FACTS.md: (indicator, period, where, value)."""
    numbers: set[tuple[str, float]] = set()
    for indicator, item in observations(kb):
        for value in (item.value, item.target, item.reported_percent_of_plan):
            if value is not None:
                numbers.add((indicator.key, value))
        if item.change_on_previous_year is not None:
            numbers.add((indicator.key, item.change_on_previous_year))
        numbers.update((indicator.key, entry.value) for entry in item.figures)
    expected = {
        ("ho-ngheo", 3612), ("ho-ngheo", 0.16),
        ("ho-can-ngheo", 30176), ("ho-can-ngheo", 1.38),
        ("viec-lam", 50019), ("viec-lam", 160000), ("viec-lam", 31.3), ("viec-lam", 29.2),
        ("tuyen-sinh-gdnn", 20839), ("tuyen-sinh-gdnn", 224500), ("tuyen-sinh-gdnn", 9.3),
        ("tuyen-sinh-gdnn", 44),
        ("hoa-tang", 68),
        ("bao-phu-bhyt", 91.8), ("bao-phu-bhyt", 92.5),
        ("bao-hiem-that-nghiep", -31.2),
        ("ho-tro-nq68", 5.64), ("ho-tro-nq68", 7152.8), ("ho-tro-nq68", 6843),
        ("ho-tro-nq68", 309.7),
        ("chi-tieu-hoan-thanh", 18), ("chi-tieu-hoan-thanh", 27),
        ("van-ban-ban-hanh", 4), ("van-ban-ban-hanh", 6),
        ("bac-si", 15), ("bac-si", 13250),
    }  # fmt: skip
    assert expected <= numbers
    assert numbers <= expected, "a number not in FACTS.md: add it there (with its source) first"


# ------------------------------------------------------------------------------ traceability


def test_every_quote_is_in_its_seed(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    for where, source in all_sources(kb):
        assert squash(source.quote) in squash(seeds[source.report]), (
            f"{where}: quote not found in the seed of {source.report}: {source.quote!r}"
        )
        assert source.quote_en, f"{where}: no English translation of the quote"


def test_every_number_of_an_observation_is_in_its_quote(kb: KnowledgeBase) -> None:
    for indicator, item in observations(kb):
        values = [item.value, item.target, item.reported_percent_of_plan]
        values += [item.change_on_previous_year]
        values += [entry.value for entry in item.figures]
        quote = squash(item.source.quote)
        for value in values:
            if value is not None:
                assert vi_number(value) in quote, (
                    f"{indicator.key} {item.period_key}: {vi_number(value)} not in its quote"
                )


def test_every_number_of_a_policy_note_is_in_its_quote(kb: KnowledgeBase) -> None:
    for policy in kb.policies.values():
        for note in policy.notes:
            for entry in note.figures:
                assert vi_number(entry.value) in squash(note.source.quote), policy.key


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Numbers our wording adds around the reports': Q1/H1/Q2 labels, "per 10,000" for "vạn" and
# "17th term" for "khóa XVII".
WORDING_NUMBERS = {1.0, 2.0, 10000.0, 17.0}


def parse_number(token: str, language: str) -> float:
    thousands, decimal = (".", ",") if language == "vi" else (",", ".")
    return float(token.replace(thousands, "").replace(decimal, "."))


def localized_texts(kb: KnowledgeBase) -> Iterator[tuple[str, Localized]]:
    """Every text shown to residents, with where it is."""

    def walk(value: object, where: str) -> Iterator[tuple[str, Localized]]:
        if isinstance(value, Localized):
            yield where, value
        elif isinstance(value, tuple):
            for number, item in enumerate(value):
                yield from walk(item, f"{where}[{number}]")
        elif isinstance(value, BaseModel) and not isinstance(value, Terms):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), f"{where}.{name}")

    yield from walk(kb.programme, "programme")
    for section in ("areas", "indicators", "policies", "faqs", "reports"):
        for key, entry in getattr(kb, section).items():
            yield from walk(entry, f"{section}.{key}")


def test_no_number_is_invented(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    """Every number in any text, in either language, is a number the reports state."""
    stated = {
        parse_number(token, "vi") for text in seeds.values() for token in NUMBER.findall(text)
    }
    stated |= WORDING_NUMBERS
    for where, text in localized_texts(kb):
        for language in ("vi", "en"):
            for token in NUMBER.findall(text.get(language)):
                number = parse_number(token, language)
                assert number in stated, f"{where}.{language}: {token} is in no report"


def test_as_of_and_period_follow_the_report(kb: KnowledgeBase) -> None:
    for indicator, item in observations(kb):
        report = kb.reports[item.source.report]
        assert item.as_of == report.published, indicator.key
        assert item.period_key == report.period_key, indicator.key
        assert item.period == report.period, indicator.key


def test_reports_list_exactly_the_indicators_they_give_figures_for(kb: KnowledgeBase) -> None:
    for report in kb.reports.values():
        sourced = {
            indicator.key
            for indicator, item in observations(kb)
            if item.source.report == report.key
        }
        assert set(report.indicators) == sourced, report.key
        assert len(report.indicators) == len(set(report.indicators)), report.key


def test_reports(kb: KnowledgeBase) -> None:
    first, second = kb.reports["report-2022-q1"], kb.reports["report-2023-h1"]
    assert first.published.isoformat() == "2022-04-13"
    assert (first.period_key, second.period_key) == ("2022-Q1", "2023-H1")
    assert [person.name for person in first.reporters][:2] == ["Hoàng Thành Thái", "Chử Xuân Dũng"]
    assert second.reporters[0].name == "Nguyễn Hồng Dân"
    assert (first.seed_file, second.seed_file) == ("report-2022-q1.txt", "report-2023-h1.txt")
    for report in (first, second):
        assert report.highlights
        assert report.summary.vi
        assert report.summary.en


def test_seed_files_exist(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    assert set(seeds) == set(kb.reports)


# ------------------------------------------------------------------------------ status


def test_status_follows_the_report_wording(kb: KnowledgeBase) -> None:
    for indicator, item in observations(kb):
        quote = item.source.quote.lower()
        if item.status is Status.HARD:
            assert "khó" in quote, indicator.key
        elif item.status is Status.ACHIEVED:
            assert "hoàn thành" in quote, indicator.key
            assert "cơ bản đã hoàn thành" not in quote, f"{indicator.key}: basically completed"
        elif item.status is Status.BASICALLY_ACHIEVED:
            assert "cơ bản đã hoàn thành" in quote, indicator.key
        elif item.status is Status.ON_TRACK:
            assert "tốt" in quote or "tiến độ" in quote, indicator.key
        else:
            assert item.status is Status.REPORTED
            assert item.value is not None or item.figures or item.change_on_previous_year, (
                f"{indicator.key}: 'reported' is a figure without a judgement"
            )


# ------------------------------------------------------------------------------ keys and words


def all_keys(kb: KnowledgeBase) -> Iterator[str]:
    for section in ("areas", "indicators", "policies", "faqs", "reports"):
        yield from getattr(kb, section)


def test_every_key_matches_the_pattern(kb: KnowledgeBase) -> None:
    for key in all_keys(kb):
        assert re.fullmatch(KEY_PATTERN, key), key
        assert len(key.encode()) <= 32, key


def test_deep_link_keys_are_unambiguous(kb: KnowledgeBase) -> None:
    """`/start <key>` may name an indicator, a policy, a FAQ or a report: no key twice."""
    keys = [*kb.indicators, *kb.policies, *kb.faqs, *kb.reports]
    assert len(keys) == len(set(keys))


def test_expected_keys(kb: KnowledgeBase) -> None:
    assert {
        "ho-ngheo", "ho-can-ngheo", "viec-lam", "tuyen-sinh-gdnn", "hoa-tang", "bao-phu-bhyt",
        "bao-hiem-that-nghiep", "chi-tieu-y-te", "ho-tro-nq68", "chi-tieu-hoan-thanh",
        "van-ban-ban-hanh", "bac-si", "quan-ly-suc-khoe", "sua-hoc-duong",
    } <= set(kb.indicators)  # fmt: skip
    assert {"nq-68-cp", "nq-15-ubnd", "tin-dung-chinh-sach", "chuong-trinh-sua-hoc-duong"} <= set(
        kb.policies
    )
    assert {"de-an-y-te-2022-2025", "dau-tu-cong"} <= set(kb.policies)
    assert set(kb.reports) == {"report-2022-q1", "report-2023-h1"}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def searchable(kb: KnowledgeBase) -> Iterator[tuple[str, Terms, Terms]]:
    for section in ("indicators", "policies", "faqs"):
        for key, entry in getattr(kb, section).items():
            yield f"{section}.{key}", entry.aliases, entry.keywords


def test_every_entry_has_words_in_both_languages(kb: KnowledgeBase) -> None:
    for where, aliases, keywords in searchable(kb):
        assert aliases.vi or keywords.vi, f"{where}: no Vietnamese alias or keyword"
        assert aliases.en or keywords.en, f"{where}: no English alias or keyword"


def test_no_diacritic_free_copies(kb: KnowledgeBase) -> None:
    """The matcher folds diacritics itself: "ho ngheo" beside "hộ nghèo" is noise."""
    for where, aliases, keywords in searchable(kb):
        for language in ("vi", "en"):
            terms = [*getattr(aliases, language), *getattr(keywords, language)]
            folded = [fold(term) for term in terms]
            assert len(folded) == len(set(folded)), f"{where}.{language}: {terms}"


def test_vietnamese_words_are_nfc(kb: KnowledgeBase) -> None:
    for where, aliases, keywords in searchable(kb):
        for term in aliases.all() + keywords.all():
            assert unicodedata.normalize("NFC", term) == term, f"{where}: {term!r}"
    for where, text in localized_texts(kb):
        assert unicodedata.normalize("NFC", text.vi) == text.vi, where


def test_common_abbreviations_are_covered(kb: KnowledgeBase) -> None:
    words = " ".join(
        term for _, aliases, keywords in searchable(kb) for term in aliases.all() + keywords.all()
    )
    for abbreviation in ("BHYT", "BHXH", "BHTN", "GDNN", "LĐTBXH", "HN", "NQ", "MTTQ", "HĐND"):
        assert re.search(rf"\b{abbreviation}\b", words), abbreviation
    assert "UBND" in words


@pytest.mark.parametrize(
    ("key", "vi", "en"),
    [
        ("ho-ngheo", "hộ nghèo", "poverty rate"),
        ("bao-phu-bhyt", "BHYT", "health insurance coverage"),
        ("viec-lam", "việc làm", "jobs created"),
        ("bao-hiem-that-nghiep", "BHTN", "unemployment benefit"),
        ("tuyen-sinh-gdnn", "GDNN", "vocational training"),
    ],
)
def test_terms_residents_type(kb: KnowledgeBase, key: str, vi: str, en: str) -> None:
    indicator = kb.indicators[key]
    terms_vi = " | ".join(indicator.aliases.vi + indicator.keywords.vi + (indicator.name.vi,))
    terms_en = " | ".join(indicator.aliases.en + indicator.keywords.en + (indicator.name.en,))
    assert vi.casefold() in terms_vi.casefold()
    assert en.casefold() in terms_en.casefold()


# ------------------------------------------------------------------------------ FAQs


def test_faqs(kb: KnowledgeBase) -> None:
    answers = {key: faq.answer.vi for key, faq in kb.faqs.items()}
    assert "Nguyễn Ngọc Tuấn" in answers["truong-ban-chi-dao"]
    assert "Nguyễn Lan Hương" in answers["pho-truong-ban-thuong-truc"]
    assert "Sở Lao động - Thương binh và Xã hội" in answers["co-quan-thuong-truc"]
    assert "2021-2025" in answers["thoi-gian-chuong-trinh"]
    assert "dân kiểm tra" in answers["vi-sao-cong-khai"]
    assert "BHXH, BHYT tăng chậm" in answers["kho-khan"]
    assert "bệnh án điện tử" in answers["kho-khan"]
    assert "trái tuyến" in answers["nhiem-vu-quy-2-2022"]
    assert "sĩ số" in answers["nhiem-vu-quy-2-2022"]
    assert "18/27" in answers["bao-nhieu-chi-tieu-dat"]
    assert "y tế, văn hóa, giáo dục" in answers["linh-vuc-dau-tu-cong"]
    assert "nông thôn" in answers["uu-tien-dau-tu"]
    for name in ("Hoàng Thành Thái", "Nguyễn Hồng Dân", "Chử Xuân Dũng"):
        assert name in answers["ai-bao-cao"]
    assert "Phát triển hệ thống an sinh xã hội" in answers["chuong-trinh-la-gi"]
