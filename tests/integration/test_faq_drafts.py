"""FAQ drafts on SQLite and PostgreSQL: started from residents' questions, completed, checked
against the content schema, exported as YAML that `danbiet content check` accepts."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.domain.errors import (
    DraftFieldTooLong,
    DraftNotFound,
    DraftNotReady,
    EmptyQuestion,
    PermissionDenied,
)
from bot.domain.faq_drafts import DraftProblem, ProblemKind
from bot.domain.records import AuditRecord
from bot.domain.statuses import DraftStatus
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.faq_draft_model import LIMITS, FaqDraftChanges
from bot.services.knowledge.faq_drafts import FaqDraftService, suggest_key
from content.loader import DEFAULT_CONTENT_DIR, check_content, load_knowledge_base
from storage.uow import UnitOfWorkFactory

OFFICIAL_ID = 900001
MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)
ADMINISTRATOR = Actor.staff(3, "Quản trị Minh", Role.ADMINISTRATOR)
BROADCASTER = Actor.staff(2, "Cán bộ Lan", Role.BROADCASTER)
TELEGRAM_OFFICIAL = Actor.official(OFFICIAL_ID, "Cán bộ Tuấn")
NOW = dt.datetime(2026, 3, 18, 3, 0, tzinfo=dt.UTC)
QUESTION = "Học phí trường nghề năm nay là bao nhiêu?"

COMPLETE = FaqDraftChanges(
    faq_key="hoc-phi-truong-nghe",
    question_vi="Học phí trường nghề năm nay là bao nhiêu?",
    question_en="How much are vocational school fees this year?",
    answer_vi=(
        "Theo báo cáo: học viên được hỗ trợ học phí: 50% với người thuộc hộ cận nghèo.\n"
        '# Không phải chú thích, và "ngoặc kép" vẫn giữ nguyên.\n'
        "- cả dòng bắt đầu bằng gạch ngang"
    ),
    answer_en="yes",  # a word YAML would read as true unless quoted
    area="giao-duc-nghe-nghiep",
    aliases_vi=["học phí học nghề", "hoc phi truong nghe"],
    aliases_en=["vocational fees"],
    keywords_vi=["học phí", "  học phí  ", "trường nghề"],  # the repeat is dropped
    keywords_en=["tuition: fees"],
    source_report="report-2022-q1",
    source_quote="Giáo dục nghề nghiệp: tuyển sinh đạt kết quả tốt",
    source_quote_en="Vocational training: enrolment went well",
)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def knowledge() -> Iterator[LiveKnowledge]:
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def drafts(
    uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge, clock: Clock
) -> FaqDraftService:
    return FaqDraftService(uow_factory, knowledge, Officials({OFFICIAL_ID}), clock=clock)


async def audit_actions(uow_factory: UnitOfWorkFactory) -> list[tuple[str, int | None, str]]:
    async with uow_factory() as uow:
        entries = await uow.audit.recent()
    return [(entry.action, entry.account_id, entry.actor_name) for entry in reversed(entries)]


def kinds(problems: tuple[DraftProblem, ...]) -> set[tuple[str, ProblemKind]]:
    return {(problem.field, problem.kind) for problem in problems}


async def test_a_draft_starts_prefilled_and_lists_what_is_missing(
    drafts: FaqDraftService, uow_factory: UnitOfWorkFactory
) -> None:
    view = await drafts.start(MODERATOR, f"  {QUESTION}\u200b\x07 ")
    assert view.draft.from_question == QUESTION
    assert view.content.question_vi == QUESTION
    assert view.content.question_en is None
    assert view.content.faq_key == "hoc-phi-truong-nghe-nam-nay-la"
    assert view.status is DraftStatus.DRAFT
    assert (view.draft.created_by, view.draft.created_by_name) == (1, "Cán bộ Hà")
    assert view.missing == (
        "question_en",
        "answer_vi",
        "answer_en",
        "source_report",
        "source_quote",
    )
    assert not view.complete
    assert await audit_actions(uow_factory) == [("faq_draft_started", 1, "Cán bộ Hà")]


async def test_an_english_question_prefills_the_english_question(
    drafts: FaqDraftService,
) -> None:
    view = await drafts.start(MODERATOR, "How do I apply for unemployment benefit?")
    assert view.content.question_en == "How do I apply for unemployment benefit?"
    assert view.content.question_vi is None


async def test_the_same_question_folded_gives_the_same_draft(
    drafts: FaqDraftService, uow_factory: UnitOfWorkFactory
) -> None:
    first = await drafts.start(MODERATOR, QUESTION)
    again = await drafts.start(TELEGRAM_OFFICIAL, "hoc phi truong nghe nam nay la bao nhieu")
    assert again.id == first.id
    assert again.draft.from_question == QUESTION  # the wording it started from
    assert [item.id for item in await drafts.list(MODERATOR)] == [first.id]
    assert [action for action, *_ in await audit_actions(uow_factory)] == ["faq_draft_started"]
    other = await drafts.start(MODERATOR, "Học phí đại học năm nay là bao nhiêu?")
    assert other.id != first.id


async def test_a_question_without_words_or_too_long_starts_nothing(
    drafts: FaqDraftService,
) -> None:
    with pytest.raises(EmptyQuestion):
        await drafts.start(MODERATOR, " ?!… 🙂 ")
    with pytest.raises(DraftFieldTooLong):
        await drafts.start(MODERATOR, "hỏi " * 600)
    assert await drafts.list(MODERATOR) == []


async def test_who_may_draft(drafts: FaqDraftService) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    for actor in (ADMINISTRATOR, TELEGRAM_OFFICIAL):
        assert (await drafts.get(actor, view.id)).id == view.id
    for actor in (BROADCASTER, Actor.official(555, "Kẻ lạ"), Actor.resident(1001, "vi")):
        with pytest.raises(PermissionDenied):
            await drafts.start(actor, "Trợ cấp thất nghiệp nhận ở đâu?")
        with pytest.raises(PermissionDenied):
            await drafts.list(actor)
        with pytest.raises(PermissionDenied):
            await drafts.update(actor, view.id, FaqDraftChanges(answer_vi="Không."))
        with pytest.raises(PermissionDenied):
            await drafts.discard(actor, view.id)
    assert (await drafts.get(MODERATOR, view.id)).content.answer_vi is None


async def test_a_complete_draft_becomes_ready_and_an_edit_can_take_it_back(
    drafts: FaqDraftService, uow_factory: UnitOfWorkFactory, clock: Clock
) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    with pytest.raises(DraftNotReady) as refused:
        await drafts.update(MODERATOR, view.id, FaqDraftChanges(status=DraftStatus.READY))
    assert ("answer_vi", ProblemKind.MISSING) in kinds(refused.value.problems)
    assert (await drafts.get(MODERATOR, view.id)).status is DraftStatus.DRAFT

    clock.now = NOW + dt.timedelta(minutes=5)
    done = await drafts.update(MODERATOR, view.id, COMPLETE)
    assert done.problems == ()
    assert done.complete
    assert done.content.keywords_vi == ("học phí", "trường nghề")
    assert done.content.answer_vi == COMPLETE.answer_vi
    assert done.report is not None
    assert done.report.key == "report-2022-q1"
    assert done.area is not None
    assert done.area.key == "giao-duc-nghe-nghiep"
    assert done.draft.updated_at == NOW + dt.timedelta(minutes=5)
    assert done.status is DraftStatus.DRAFT  # ready only when an official says so

    ready = await drafts.update(ADMINISTRATOR, view.id, FaqDraftChanges(status=DraftStatus.READY))
    assert ready.status is DraftStatus.READY
    kept = await drafts.update(MODERATOR, view.id, FaqDraftChanges(answer_en="Yes, it is."))
    assert kept.status is DraftStatus.READY  # still valid: still ready
    broken = await drafts.update(MODERATOR, view.id, FaqDraftChanges(answer_en=""))
    assert broken.status is DraftStatus.DRAFT
    assert broken.missing == ("answer_en",)
    assert broken.content.answer_en is None

    entries = await recent(uow_factory)
    assert [entry.action for entry in entries] == [  # the refused "ready" left no row
        "faq_draft_started",
        *["faq_draft_updated"] * 4,
    ]
    details = [entry.detail or "" for entry in entries]
    assert details[-4].startswith(f"FAQ draft {view.id}: faq_key, question_en, answer_vi")
    assert details[-3] == f"FAQ draft {view.id}: status=ready"
    assert details[-1] == f"FAQ draft {view.id}: answer_en, status=draft"


async def recent(uow_factory: UnitOfWorkFactory) -> list[AuditRecord]:
    async with uow_factory() as uow:
        return list(reversed(await uow.audit.recent()))


async def test_invalid_values_are_kept_and_named(
    drafts: FaqDraftService, knowledge: LiveKnowledge
) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    taken = next(iter(knowledge.current.kb.faqs))
    changed = await drafts.update(
        MODERATOR,
        view.id,
        FaqDraftChanges(
            faq_key="Học Phí!", source_report="bao-cao-khong-co", area="khong-co", answer_vi="  "
        ),
    )
    assert changed.content.faq_key == "học phí!"  # kept as written (lowercased) to be fixed
    assert changed.content.answer_vi is None  # blank is empty
    assert {
        ("faq_key", ProblemKind.INVALID),
        ("source_report", ProblemKind.UNKNOWN_REPORT),
        ("area", ProblemKind.UNKNOWN_AREA),
        ("answer_vi", ProblemKind.MISSING),
    } <= kinds(changed.problems)
    assert changed.report is None
    taken_key = await drafts.update(MODERATOR, view.id, FaqDraftChanges(faq_key=taken))
    assert ("faq_key", ProblemKind.KEY_TAKEN) in kinds(taken_key.problems)


async def test_two_drafts_may_not_publish_the_same_key(drafts: FaqDraftService) -> None:
    first = await drafts.start(MODERATOR, QUESTION)
    second = await drafts.start(MODERATOR, "Trợ cấp thất nghiệp nhận ở đâu?")
    await drafts.update(MODERATOR, first.id, FaqDraftChanges(faq_key="tro-cap"))
    second = await drafts.update(MODERATOR, second.id, FaqDraftChanges(faq_key="tro-cap"))
    assert ("faq_key", ProblemKind.KEY_IN_OTHER_DRAFT) in kinds(second.problems)
    listed = {item.id: item for item in await drafts.list(MODERATOR)}
    assert ("faq_key", ProblemKind.KEY_IN_OTHER_DRAFT) in kinds(listed[first.id].problems)


async def test_every_field_has_a_limit_and_text_is_cleaned(drafts: FaqDraftService) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    with pytest.raises(DraftFieldTooLong) as too_long:
        await drafts.update(
            MODERATOR, view.id, FaqDraftChanges(answer_vi="a" * (LIMITS["answer_vi"] + 1))
        )
    assert (too_long.value.field, too_long.value.limit) == ("answer_vi", LIMITS["answer_vi"])
    with pytest.raises(DraftFieldTooLong):
        await drafts.update(MODERATOR, view.id, FaqDraftChanges(question_en="q" * 501))
    with pytest.raises(DraftFieldTooLong):
        await drafts.update(MODERATOR, view.id, FaqDraftChanges(faq_key="k" * 33))
    with pytest.raises(DraftFieldTooLong):
        await drafts.update(
            MODERATOR, view.id, FaqDraftChanges(keywords_vi=[f"từ {n}" for n in range(21)])
        )
    with pytest.raises(DraftFieldTooLong):
        await drafts.update(MODERATOR, view.id, FaqDraftChanges(aliases_en=["x" * 101]))
    cleaned = await drafts.update(
        MODERATOR,
        view.id,
        FaqDraftChanges(
            answer_vi="Dòng một\x00\u200b  \r\nDòng   hai\u202e\n\n",
            question_en="What\nabout\tfees?",
            keywords_en=["", "fees\n", "  "],
        ),
    )
    assert cleaned.content.answer_vi == "Dòng một\nDòng hai"
    assert cleaned.content.question_en == "What about fees?"
    assert cleaned.content.keywords_en == ("fees",)
    assert (await drafts.get(MODERATOR, view.id)).content == cleaned.content


async def test_discarding_removes_the_draft_and_the_question_may_start_again(
    drafts: FaqDraftService, uow_factory: UnitOfWorkFactory
) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    await drafts.discard(MODERATOR, view.id)
    with pytest.raises(DraftNotFound):
        await drafts.get(MODERATOR, view.id)
    with pytest.raises(DraftNotFound):
        await drafts.discard(MODERATOR, view.id)
    with pytest.raises(DraftNotFound):
        await drafts.update(MODERATOR, view.id, FaqDraftChanges(answer_vi="x"))
    assert await drafts.list(MODERATOR) == []
    assert [action for action, *_ in await audit_actions(uow_factory)] == [
        "faq_draft_started",
        "faq_draft_discarded",
    ]
    again = await drafts.start(MODERATOR, QUESTION)
    assert again.id != view.id


async def test_the_yaml_passes_the_content_check_and_loads_as_written(
    drafts: FaqDraftService, tmp_path: Path
) -> None:
    view = await drafts.start(MODERATOR, QUESTION)
    with pytest.raises(DraftNotReady):
        drafts.as_yaml(view)
    done = await drafts.update(MODERATOR, view.id, COMPLETE)
    entry = drafts.as_yaml(done)
    assert entry.startswith("  # area: giao-duc-nghe-nghiep\n  - key: hoc-phi-truong-nghe\n")
    assert "answer:\n      vi: |-\n" in entry  # a multi-line answer as a literal block

    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    faq_file = content / "faq.yaml"
    faq_file.write_text(faq_file.read_text(encoding="utf-8") + "\n" + entry, encoding="utf-8")

    assert check_content(content) == []
    faq = load_knowledge_base(content).faqs["hoc-phi-truong-nghe"]
    assert faq.question.vi == COMPLETE.question_vi
    assert faq.question.en == COMPLETE.question_en
    assert faq.answer.vi == COMPLETE.answer_vi
    assert faq.answer.en == "yes"
    assert faq.source.report == "report-2022-q1"
    assert faq.source.quote == COMPLETE.source_quote
    assert faq.source.quote_en == COMPLETE.source_quote_en
    assert faq.aliases.vi == ("học phí học nghề", "hoc phi truong nghe")
    assert faq.aliases.en == ("vocational fees",)
    assert faq.keywords.vi == ("học phí", "trường nghề")
    assert faq.keywords.en == ("tuition: fees",)
    assert yaml.safe_load(entry)[0]["key"] == "hoc-phi-truong-nghe"


async def test_yaml_without_optional_fields_passes_the_check(
    drafts: FaqDraftService, tmp_path: Path
) -> None:
    view = await drafts.start(MODERATOR, "Ai ký chương trình?")
    done = await drafts.update(
        MODERATOR,
        view.id,
        FaqDraftChanges(
            faq_key="ai-ky",
            question_en="Who signed the programme?",
            answer_vi="Thành ủy Hà Nội.",
            answer_en="The Hanoi Party Committee.",
            source_report="report-2022-q1",
            source_quote="Thành ủy",
        ),
    )
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, content)
    with (content / "faq.yaml").open("a", encoding="utf-8") as faq_file:
        faq_file.write(drafts.as_yaml(done))
    assert check_content(content) == []
    assert "ai-ky" in load_knowledge_base(content).faqs


def test_suggested_keys_are_valid_keys() -> None:
    assert suggest_key("Học phí năm nay?") == "hoc-phi-nam-nay"
    assert suggest_key("Đường ĐT-70 khi nào xong") == "duong-dt-70-khi-nao-xong"
    assert suggest_key("a" * 40) is None  # no whole word fits
    assert suggest_key("🙂 ?") is None
    long = suggest_key("chế độ trợ cấp thất nghiệp cho người lao động tự do ở Hà Nội")
    assert long is not None
    assert len(long) <= 32
