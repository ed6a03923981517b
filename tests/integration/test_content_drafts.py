"""Draft content releases on SQLite and PostgreSQL: a copy of the live content, saved with
optimistic concurrency (the second of two editors told, nothing lost), problems located at file,
entity and field, four eyes (an editor never approves), the diff figure by figure, published
releases immutable, every step audited."""

from __future__ import annotations

import asyncio
import copy
import dataclasses

import pytest

from bot.domain.content_drafts import Change, FigureSide
from bot.domain.errors import (
    DraftChanged,
    DraftHasProblems,
    DraftNotFound,
    DraftNotReady,
    DraftUnchanged,
    OwnDraft,
    PermissionDenied,
    ReleaseChanged,
    ReleaseNotDraft,
    ReleaseNotFound,
)
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.kernel.officials import Officials
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.drafts_steps import ProblemChecks
from bot.services.knowledge.faq_draft_model import FaqDraftChanges
from bot.services.knowledge.faq_drafts import FaqDraftService
from bot.services.knowledge.releases import ContentReleases
from content import release_document
from content.release_document import Document
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document

EDITOR = Actor.staff(11, "Biên tập Lan", Role.CONTENT_EDITOR)
SECOND_EDITOR = Actor.staff(12, "Biên tập Huy", Role.CONTENT_EDITOR)
APPROVER = Actor.staff(21, "Duyệt Minh", Role.APPROVER)
ADMINISTRATOR = Actor.staff(3, "Quản trị Tâm", Role.ADMINISTRATOR)
MODERATOR = Actor.staff(1, "Cán bộ Hà", Role.MODERATOR)

OLD_QUOTE = "Đến nay, toàn thành phố có 3.612 hộ nghèo, chiếm 0,16% tổng số hộ dân toàn thành phố"
NEW_QUOTE = "Đến nay, toàn thành phố có 3.498 hộ nghèo, chiếm 0,16% tổng số hộ dân toàn thành phố"


def poor_households(knowledge: LiveKnowledge) -> float | None:
    indicator = knowledge.current.kb.indicators["ho-ngheo"]
    (observation,) = [item for item in indicator.observations if item.period_key == "2022-Q1"]
    return observation.value


def indicator(document: Document, key: str) -> dict[str, object]:
    (found,) = [
        item for item in document["files"]["indicators.yaml"]["indicators"] if item["key"] == key
    ]
    return found  # type: ignore[no-any-return]


@pytest.fixture
def drafts(
    uow_factory: UnitOfWorkFactory, releases: ContentReleases, knowledge: LiveKnowledge
) -> ContentDrafts:
    return ContentDrafts(uow_factory, Officials(()), releases, knowledge)


async def audit_actions(uow_factory: UnitOfWorkFactory) -> list[tuple[str, str, str | None]]:
    async with uow_factory() as uow:
        entries = await uow.audit.recent()
    return [(entry.action, entry.actor_name, entry.detail) for entry in reversed(entries)]


async def test_a_draft_starts_as_a_copy_of_the_live_release(
    drafts: ContentDrafts, releases: ContentReleases, uow_factory: UnitOfWorkFactory
) -> None:
    draft = await drafts.start(EDITOR, "  Quý II/2022\x00\n ")  # as typed: cleaned
    live = await releases.live()
    assert live is not None
    assert draft.document == live[1]
    assert (draft.summary.state, draft.version, draft.editors, draft.problems) == (
        ReleaseState.DRAFT,
        1,
        (),
        (),
    )
    assert (draft.summary.created_by, draft.summary.note) == ("Biên tập Lan", "Quý II/2022")
    assert [item.id for item in await drafts.drafts(MODERATOR)] == [draft.id]
    assert (await audit_actions(uow_factory))[-1] == (
        "content_draft_started",
        "Biên tập Lan",
        f"draft {draft.id} from release 1",
    )
    # Never served: the live release stays release 1.
    assert (await releases.live() or (None,))[0].id == 1  # type: ignore[union-attr]


async def test_two_editors_saving_one_draft_the_second_is_told_and_nothing_is_lost(
    drafts: ContentDrafts, uow_factory: UnitOfWorkFactory
) -> None:
    draft = await drafts.start(EDITOR, None)
    first = changed_document(draft.document)
    saved = await drafts.save(EDITOR, draft.id, 1, first, "hộ nghèo 3.498")
    assert (saved.version, saved.editors) == (2, ("Biên tập Lan",))
    other = copy.deepcopy(draft.document)
    indicator(other, "ho-ngheo")["name"] = {"vi": "Hộ nghèo (sửa)", "en": "Poor households"}
    with pytest.raises(DraftChanged) as refused:
        await drafts.save(SECOND_EDITOR, draft.id, 1, other, "tên")
    assert (refused.value.expected, refused.value.current) == (1, 2)
    kept = await drafts.get(EDITOR, draft.id)
    assert (kept.version, kept.document, kept.editors) == (2, first, ("Biên tập Lan",))
    # Told, the second editor saves on top of the newer version: both changes are kept.
    on_top = copy.deepcopy(kept.document)
    indicator(on_top, "ho-ngheo")["name"] = {"vi": "Hộ nghèo (sửa)", "en": "Poor households"}
    both = await drafts.save(SECOND_EDITOR, draft.id, 2, on_top, "tên")
    assert both.version == 3
    assert both.editors == ("Biên tập Lan", "Biên tập Huy")
    observation = indicator(both.document, "ho-ngheo")["observations"][0]  # type: ignore[index]
    assert observation["value"] == 3498
    actions = [item[:2] for item in await audit_actions(uow_factory)]
    assert actions[-2:] == [
        ("content_draft_saved", "Biên tập Lan"),
        ("content_draft_saved", "Biên tập Huy"),
    ]


async def test_saves_at_the_same_moment_one_wins_the_other_is_refused(
    drafts: ContentDrafts,
) -> None:
    draft = await drafts.start(EDITOR, None)
    mine = changed_document(draft.document)
    theirs = copy.deepcopy(draft.document)
    indicator(theirs, "ho-ngheo")["name"] = {"vi": "Hộ nghèo mới", "en": "Poor households"}
    outcomes = await asyncio.gather(
        drafts.save(EDITOR, draft.id, 1, mine, "a"),
        drafts.save(SECOND_EDITOR, draft.id, 1, theirs, "b"),
        return_exceptions=True,
    )
    refused = [item for item in outcomes if isinstance(item, DraftChanged)]
    saved = [item for item in outcomes if not isinstance(item, BaseException)]
    assert (len(saved), len(refused)) == (1, 1)
    now = await drafts.get(EDITOR, draft.id)
    assert (now.version, now.document) == (2, saved[0].document)
    assert len(now.editors) == 1


async def test_problems_are_located_at_file_entity_and_field_and_block_approval(
    drafts: ContentDrafts,
) -> None:
    draft = await drafts.start(EDITOR, None)
    broken = copy.deepcopy(draft.document)
    observation = indicator(broken, "ho-ngheo")["observations"][0]  # type: ignore[index]
    observation["value"] = "ba nghìn"
    saved = await drafts.save(EDITOR, draft.id, 1, broken, "dở dang")  # stored all the same
    assert saved.version == 2
    places = [(item.file, item.entity, item.field) for item in saved.problems]
    assert ("indicators.yaml", "ho-ngheo", "observations[0].value") in places
    assert all(item.message for item in saved.problems)
    with pytest.raises(DraftHasProblems):
        await drafts.approve(APPROVER, draft.id, 2)


async def test_four_eyes_an_editor_never_approves_and_an_approver_publishes(
    drafts: ContentDrafts, uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge
) -> None:
    draft = await drafts.start(ADMINISTRATOR, None)
    await drafts.save(ADMINISTRATOR, draft.id, 1, changed_document(draft.document), "3.498")
    with pytest.raises(OwnDraft):  # an administrator may do everything but approve their own
        await drafts.approve(ADMINISTRATOR, draft.id, 2)
    with pytest.raises(PermissionDenied):
        await drafts.approve(EDITOR, draft.id, 2)
    with pytest.raises(DraftChanged):  # not the version the approver reviewed
        await drafts.approve(APPROVER, draft.id, 1)
    assert poor_households(knowledge) == 3612
    published = await drafts.approve(APPROVER, draft.id, 2)
    release = published.release
    assert (release.id, release.state, release.replaces_id) == (draft.id, ReleaseState.LIVE, 1)
    assert release.published_by == "Duyệt Minh"
    # Served at once, without a restart.
    assert (knowledge.current.release_id, poor_households(knowledge)) == (draft.id, 3498)
    assert await drafts.drafts(APPROVER) == []
    assert (await audit_actions(uow_factory))[-1] == (
        "content_draft_approved",
        "Duyệt Minh",
        f"draft {draft.id} version 2 ({release.checksum[:12]}) live, replaces release 1; "
        "edited by Quản trị Tâm",
    )


async def test_a_published_release_never_changes_start_a_draft(
    drafts: ContentDrafts, releases: ContentReleases, knowledge: LiveKnowledge
) -> None:
    draft = await drafts.start(EDITOR, None)
    await drafts.save(EDITOR, draft.id, 1, changed_document(draft.document), "3.498")
    await drafts.approve(APPROVER, draft.id, 2)
    live = await drafts.get(EDITOR, draft.id)
    for target in (1, draft.id):
        with pytest.raises(ReleaseNotDraft):
            await drafts.save(EDITOR, target, 2, live.document, "x")
        with pytest.raises(ReleaseNotDraft):
            await drafts.approve(APPROVER, target, 2)
        with pytest.raises(ReleaseNotDraft):
            await drafts.discard(EDITOR, target)
    assert (await drafts.get(EDITOR, draft.id)).document == live.document
    with pytest.raises(ReleaseNotFound):
        await drafts.save(EDITOR, 999, 1, live.document, "x")
    # Rollback steps back over the approved draft.
    restored = await releases.rollback(APPROVER)
    assert (restored.id, poor_households(knowledge)) == (1, 3612)


async def test_the_diff_shows_each_figure_old_and_new_with_both_quotes(
    drafts: ContentDrafts,
) -> None:
    draft = await drafts.start(EDITOR, None)
    changed = changed_document(draft.document)
    faqs = changed["files"]["faq.yaml"]["faqs"]
    removed_faq = faqs.pop(0)["key"]
    added = copy.deepcopy(faqs[0])
    added["key"] = "cau-hoi-moi"
    faqs.append(added)
    await drafts.save(EDITOR, draft.id, 1, changed, "quý II")
    diff = await drafts.diff(APPROVER, draft.id)
    assert diff.live_id == 1
    entities = {(item.kind, item.key): item for item in diff.entities}
    assert entities["indicators", "ho-ngheo"].change is Change.CHANGED
    assert entities["indicators", "ho-ngheo"].fields == ("observations",)
    assert entities["faqs", "cau-hoi-moi"].change is Change.ADDED
    assert entities["faqs", removed_faq].change is Change.REMOVED
    figure, share = [item for item in diff.figures if item.key == "ho-ngheo"]
    assert (figure.at, figure.label, figure.change) == ("2022-Q1", None, Change.CHANGED)
    assert figure.name == entities["indicators", "ho-ngheo"].name == "Hộ nghèo"
    assert figure.old == FigureSide(3612, "hộ", OLD_QUOTE, "report-2022-q1")
    assert figure.new == FigureSide(3498, "hộ", NEW_QUOTE, "report-2022-q1")
    # The share beside it kept its number, but the quote it stands in changed: shown too.
    assert (share.at, share.label) == ("2022-Q1", "Tỷ lệ so với tổng số hộ dân toàn thành phố")
    assert share.old == FigureSide(0.16, "%", OLD_QUOTE, "report-2022-q1")
    assert share.new == FigureSide(0.16, "%", NEW_QUOTE, "report-2022-q1")
    assert [item.key for item in diff.figures if item.key != "ho-ngheo"] == []


async def test_discard_and_permissions(
    drafts: ContentDrafts, uow_factory: UnitOfWorkFactory
) -> None:
    with pytest.raises(PermissionDenied):
        await drafts.start(MODERATOR, None)
    with pytest.raises(PermissionDenied):
        await drafts.start(APPROVER, None)
    draft = await drafts.start(EDITOR, None)
    discarded = await drafts.discard(SECOND_EDITOR, draft.id)
    assert discarded.state is ReleaseState.DISCARDED
    assert await drafts.drafts(EDITOR) == []
    with pytest.raises(ReleaseNotDraft):
        await drafts.save(EDITOR, draft.id, 1, draft.document, "x")
    assert (await audit_actions(uow_factory))[-1] == (
        "content_draft_discarded",
        "Biên tập Huy",
        f"draft {draft.id}",
    )


FAQ = FaqDraftChanges(
    faq_key="ai-lap-danh-sach",
    question_vi="Ai lập danh sách hộ nghèo?",
    question_en="Who draws up the list of poor households?",
    answer_vi="Báo cáo không nói ai lập danh sách; xin hỏi Sở Lao động - Thương binh và Xã hội.",
    answer_en="The report does not say; please ask the Department of Labour.",
    source_report="report-2022-q1",
    source_quote="Đến nay, toàn thành phố có 3.612 hộ nghèo",
)


async def test_a_complete_faq_draft_becomes_an_entry_of_the_open_draft_release(
    drafts: ContentDrafts,
    uow_factory: UnitOfWorkFactory,
    knowledge: LiveKnowledge,
) -> None:
    faq_drafts = FaqDraftService(uow_factory, knowledge, Officials(()))
    faq = await faq_drafts.start(EDITOR, "Ai lập danh sách hộ nghèo?")
    with pytest.raises(DraftNotReady):  # incomplete: nothing added, no draft started
        await drafts.add_faq(EDITOR, faq.id)
    assert await drafts.drafts(EDITOR) == []
    await faq_drafts.update(EDITOR, faq.id, FAQ)
    with pytest.raises(PermissionDenied):
        await drafts.add_faq(MODERATOR, faq.id)
    added = await drafts.add_faq(EDITOR, faq.id)  # no open draft: one is started
    (entry,) = [
        item for item in added.document["files"]["faq.yaml"]["faqs"] if item["key"] == FAQ.faq_key
    ]
    assert entry["source"] == {"report": "report-2022-q1", "quote": FAQ.source_quote}
    assert (added.version, added.editors, added.problems) == (2, ("Biên tập Lan",), ())
    with pytest.raises(DraftNotFound):  # the FAQ draft is done with
        await faq_drafts.get(EDITOR, faq.id)
    # The next one joins the same open draft.
    second = await faq_drafts.start(EDITOR, "Hộ nghèo là gì?")
    await faq_drafts.update(EDITOR, second.id, dataclasses.replace(FAQ, faq_key="ho-ngheo-la-gi"))
    again = await drafts.add_faq(SECOND_EDITOR, second.id)
    assert (again.id, again.version) == (added.id, 3)
    assert again.editors == ("Biên tập Lan", "Biên tập Huy")
    await drafts.approve(APPROVER, added.id, 3)
    assert {"ai-lap-danh-sach", "ho-ngheo-la-gi"} <= set(knowledge.current.kb.faqs)
    actions = [item[0] for item in await audit_actions(uow_factory)]
    assert "content_draft_started" in actions
    assert actions[-1] == "content_draft_approved"
    assert actions.count("content_draft_saved") == 2


async def test_two_approvals_at_once_publish_the_draft_once(
    drafts: ContentDrafts, uow_factory: UnitOfWorkFactory
) -> None:
    draft = await drafts.start(EDITOR, None)
    await drafts.save(EDITOR, draft.id, 1, changed_document(draft.document), "3.498")
    other_approver = Actor.staff(22, "Duyệt Hương", Role.APPROVER)
    outcomes = await asyncio.gather(
        drafts.approve(APPROVER, draft.id, 2),
        drafts.approve(other_approver, draft.id, 2),
        return_exceptions=True,
    )
    published = [item for item in outcomes if not isinstance(item, BaseException)]
    refused = [item for item in outcomes if isinstance(item, BaseException)]
    assert len(published) == 1
    assert len(refused) == 1
    assert isinstance(refused[0], ReleaseChanged | ReleaseNotDraft), refused[0]
    async with uow_factory() as uow:
        states = [(item.id, item.state) for item in await uow.content_releases.recent(10)]
    assert states == [(draft.id, ReleaseState.LIVE), (1, ReleaseState.RETIRED)]
    approvals = [item for item in await audit_actions(uow_factory) if item[0].endswith("approved")]
    assert len(approvals) == 1


async def test_the_review_says_when_another_release_went_live_since_the_draft_started(
    drafts: ContentDrafts,
) -> None:
    first = await drafts.start(EDITOR, None)
    second = await drafts.start(SECOND_EDITOR, None)
    assert (first.summary.replaces_id, second.summary.replaces_id) == (1, 1)
    await drafts.save(EDITOR, first.id, 1, changed_document(first.document), "3.498")
    review = await drafts.review(APPROVER, second.id)
    assert (review.started_from, review.live_moved, review.edited_by_viewer) == (1, False, False)
    await drafts.approve(APPROVER, first.id, 2)
    other = copy.deepcopy(second.document)
    indicator(other, "viec-lam")["name"] = {"vi": "Việc làm mới", "en": "Jobs"}
    await drafts.save(SECOND_EDITOR, second.id, 1, other, "tên")
    review = await drafts.review(SECOND_EDITOR, second.id)
    assert review.edited_by_viewer
    assert (review.started_from, review.diff.live_id, review.live_moved) == (1, first.id, True)
    # The diff is against what is live now: approving would undo the first draft's figure.
    (undone,) = [item for item in review.diff.figures if item.label is None]
    assert (undone.key, undone.old, undone.new) == (
        "ho-ngheo",
        FigureSide(3498, "hộ", NEW_QUOTE, "report-2022-q1"),
        FigureSide(3612, "hộ", OLD_QUOTE, "report-2022-q1"),
    )


async def test_a_draft_with_no_change_is_not_approved_and_the_refusal_is_audited(
    drafts: ContentDrafts, uow_factory: UnitOfWorkFactory
) -> None:
    draft = await drafts.start(EDITOR, None)
    changed = await drafts.save(EDITOR, draft.id, 1, changed_document(draft.document), "3.498")
    # Saved back to what is live: the same content, whatever its history.
    await drafts.save(EDITOR, draft.id, changed.version, draft.document, "undo")
    review = await drafts.review(APPROVER, draft.id)
    assert (review.diff.unchanged, review.diff.entities, review.diff.figures) == (True, (), ())
    with pytest.raises(DraftUnchanged) as refused:
        await drafts.approve(APPROVER, draft.id, 3)
    assert refused.value.release == 1
    assert (await audit_actions(uow_factory))[-1] == (
        "content_draft_refused",
        "Duyệt Minh",
        f"draft {draft.id}: nothing changed since release 1",
    )
    async with uow_factory() as uow:
        states = [(item.id, item.state) for item in await uow.content_releases.recent(10)]
    assert states == [(draft.id, ReleaseState.DRAFT), (1, ReleaseState.LIVE)]
    # One change makes it approvable.
    await drafts.save(EDITOR, draft.id, 3, changed_document(draft.document), "3.498")
    assert not (await drafts.review(APPROVER, draft.id)).diff.unchanged
    assert (await drafts.approve(APPROVER, draft.id, 4)).release.id == draft.id


async def test_a_documents_check_is_reused_by_pages_but_approval_checks_again(
    drafts: ContentDrafts, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = release_document.check_document

    def counting(document: Document) -> list[object]:
        checked.append(release_document.checksum(document))
        return real(document)  # type: ignore[return-value]

    monkeypatch.setattr(release_document, "check_document", counting)
    draft = await drafts.start(EDITOR, None)
    broken = copy.deepcopy(draft.document)
    indicator(broken, "ho-ngheo")["observations"][0]["value"] = "ba nghìn"  # type: ignore[index]
    saved = await drafts.save(EDITOR, draft.id, 1, broken, "dở dang")
    again = await drafts.get(EDITOR, draft.id)  # the page after the save: no second check
    assert again.problems == saved.problems != ()
    assert len(checked) == 2  # the copy of the live release, then the saved document, once each
    # Approval never trusts a remembered check: it runs the full one itself.
    drafts.checks = ProblemChecks(0)
    monkeypatch.setattr(drafts.checks, "of", _nothing_found)
    assert (await drafts.get(EDITOR, draft.id)).problems == ()
    with pytest.raises(DraftHasProblems):
        await drafts.approve(APPROVER, draft.id, 2)
    assert len(checked) == 3


async def _nothing_found(document: Document) -> tuple[()]:
    return ()
