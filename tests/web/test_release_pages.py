"""The content releases on the dashboard, through real HTTP on a real database: a draft started,
its review showing the diff figure by figure with both quotes, four eyes (an editor never
approves, refused in the page and in the service), approve-and-publish, rollback with a confirm
step, a published release read-only, forged ids, HTML in any field escaped, a FAQ draft added to
the content draft."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator

import pytest

from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.knowledge.faq_draft_model import FaqDraftChanges
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document
from tests.web.conftest import Dashboard, SignIn

SCRIPT = "<script>alert('x')</script>"
NEW_QUOTE = "Đến nay, toàn thành phố có 3.498 hộ nghèo"


@pytest.fixture
async def knowledge() -> AsyncIterator[LiveKnowledge]:
    # One per test: approving swaps it (the dashboard tests' shared one must stay as shipped).
    live = LiveKnowledge.load()
    yield live
    live.close()


async def staff(services: Services, role: Role) -> Actor:
    """The dashboard account of `role`, as the service sees it when it acts."""
    (account,) = [
        item for item in await services.accounts.accounts(Actor.system()) if item.role is role
    ]
    return Actor.staff(account.id, account.display_name, role)


def poor_households(knowledge: LiveKnowledge) -> float | None:
    indicator = knowledge.current.kb.indicators["ho-ngheo"]
    (observation,) = [item for item in indicator.observations if item.period_key == "2022-Q1"]
    return observation.value


async def start_draft(dashboard: Dashboard, note: str) -> int:
    response = await dashboard.submit("/content/drafts", {"note": note}, form_page="/content")
    assert response.status == 303, await response.text()
    location = response.headers["Location"]
    assert location.startswith("/content/drafts/")
    return int(location.rsplit("/", 1)[1])


async def test_an_editor_drafts_and_a_second_official_approves_the_diff(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    async with sign_in_as(Role.CONTENT_EDITOR) as editor:
        draft_id = await start_draft(editor, "Quý II " + SCRIPT)
        page = await editor.page(f"/content/drafts/{draft_id}")
        assert f"Đã tạo bản nháp {draft_id} từ bản phát hành đang dùng" in page
        assert SCRIPT not in page
        assert "&lt;script&gt;" in page
        view = await services.content_drafts.get(Actor.system(), draft_id)
        changed = changed_document(view.document)
        await services.content_drafts.save(
            await staff(services, Role.CONTENT_EDITOR), draft_id, 1, changed, "3.498"
        )
        listing = await editor.page("/content")
        assert f'id="draft-{draft_id}"' in listing
        assert "Cán bộ content_editor" in listing  # the draft's editor, listed
        review = await editor.page(f"/content/drafts/{draft_id}/review")
        assert "Bạn đã sửa bản nháp này nên không thể tự duyệt" in review
        assert 'id="approve"' not in review
        refused = await editor.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "2"},
            form_page=f"/content/drafts/{draft_id}",
        )
        assert refused.status == 403  # not an approver: refused by the service
    assert poor_households(knowledge) == 3612

    async with sign_in_as(Role.APPROVER) as approver:
        review = await approver.page(f"/content/drafts/{draft_id}/review")
        assert "3.612" in review
        assert "3.498" in review
        assert "toàn thành phố có 3.612 hộ nghèo" in review  # the old quote
        assert NEW_QUOTE in review  # and the new one
        assert 'id="approve"' in review
        assert 'id="live-moved"' not in review  # started from the live release: nothing moved
        stale = await approver.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "1"},
            form_page=f"/content/drafts/{draft_id}/review",
        )
        assert stale.status == 303
        assert stale.headers["Location"] == f"/content/drafts/{draft_id}/review"
        assert "Có người vừa lưu bản nháp này" in await approver.page(stale.headers["Location"])
        assert poor_households(knowledge) == 3612
        approved = await approver.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "2"},
            form_page=f"/content/drafts/{draft_id}/review",
        )
        assert approved.status == 303
        assert approved.headers["Location"] == "/content"
        content = await approver.page("/content")
        assert f"bản phát hành {draft_id} đang được dùng" in content
        assert (knowledge.current.release_id, poor_households(knowledge)) == (draft_id, 3498)
        # Published: read only, and refused if forged.
        page = await approver.page(f"/content/drafts/{draft_id}")
        assert 'id="immutable"' in page
        assert f"<h1>Bản phát hành {draft_id} " in page
        again = await approver.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "2"},
            form_page="/content",
        )
        assert again.status == 303
        assert "không sửa được nữa" in await approver.page(again.headers["Location"])


async def test_a_draft_with_no_change_offers_no_approval_and_a_forged_one_is_told(
    sign_in_as: SignIn, knowledge: LiveKnowledge, uow_factory: UnitOfWorkFactory
) -> None:
    async with sign_in_as(Role.CONTENT_EDITOR) as editor:
        draft_id = await start_draft(editor, "")
    async with sign_in_as(Role.APPROVER) as approver:
        review = await approver.page(f"/content/drafts/{draft_id}/review")
        assert 'id="approve"' not in review
        assert "Không có gì thay đổi so với bản phát hành 1" in review
        forged = await approver.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "1"},
            form_page=f"/content/drafts/{draft_id}/review",
        )
        assert forged.status == 303
        assert forged.headers["Location"] == f"/content/drafts/{draft_id}/review"
        told = await approver.page(forged.headers["Location"])
        assert "Không có gì thay đổi so với bản phát hành 1" in told
    assert knowledge.current.release_id == 1
    async with uow_factory() as uow:
        (entry, *_) = await uow.audit.recent()
    assert (entry.action, entry.detail) == (
        "content_draft_refused",
        f"draft {draft_id}: nothing changed since release 1",
    )


async def test_an_administrator_who_edited_is_refused_and_told(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    async with sign_in_as(Role.ADMINISTRATOR) as admin:
        draft_id = await start_draft(admin, "")
        view = await services.content_drafts.get(Actor.system(), draft_id)
        actor = await staff(services, Role.ADMINISTRATOR)
        await services.content_drafts.save(actor, draft_id, 1, changed_document(view.document), "x")
        review = await admin.page(f"/content/drafts/{draft_id}/review")
        assert 'id="approve"' not in review
        # The button is not offered; a forged form is refused by the service, and told.
        forged = await admin.submit(
            f"/content/drafts/{draft_id}/approve", {"version": "2"}, form_page="/content"
        )
        assert forged.status == 303
        told = await admin.page(forged.headers["Location"])
        assert "Bạn đã sửa bản nháp này nên không thể tự duyệt" in told
    assert poor_households(knowledge) == 3612


async def test_rollback_asks_first_then_steps_back_one_release(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    draft = await services.content_drafts.start(await staff(services, Role.CONTENT_EDITOR), None)
    editor = await staff(services, Role.CONTENT_EDITOR)
    await services.content_drafts.save(editor, draft.id, 1, changed_document(draft.document), "x")
    await services.content_drafts.approve(await staff(services, Role.APPROVER), draft.id, 2)
    assert poor_households(knowledge) == 3498
    async with sign_in_as(Role.APPROVER) as approver:
        content = await approver.page("/content")
        assert 'id="rollback"' in content
        confirm = await approver.page("/content/rollback")
        assert f"Bản phát hành {draft.id} đang dùng sẽ thôi dùng và bản 1 được dùng lại" in confirm
        assert poor_households(knowledge) == 3498  # asking changes nothing
        stale = await approver.submit("/content/rollback", {"live": "1"}, form_page="/content")
        assert stale.status == 303
        assert "vừa thay đổi" in await approver.page(stale.headers["Location"])
        assert poor_households(knowledge) == 3498
        done = await approver.submit(
            "/content/rollback", {"live": str(draft.id)}, form_page="/content/rollback"
        )
        assert done.status == 303
        assert "bản phát hành 1 đang được dùng" in await approver.page("/content")
        assert (knowledge.current.release_id, poor_households(knowledge)) == (1, 3612)
        nothing = await approver.page("/content/rollback")
        assert "Không có bản phát hành nào trước bản đang dùng" in nothing


async def test_forged_ids_garbled_forms_and_roles(sign_in_as: SignIn, services: Services) -> None:
    async with sign_in_as(Role.MODERATOR) as moderator:
        content = await moderator.page("/content")
        assert 'id="start-draft"' not in content  # not offered
        refused = await moderator.submit("/content/drafts", {"note": ""}, form_page="/content")
        assert refused.status == 403
        assert await services.content_drafts.drafts(Actor.system()) == []
    async with sign_in_as(Role.CONTENT_EDITOR) as editor:
        for path in ("/content/drafts/999999", "/content/drafts/999999/review"):
            await editor.page(path, status=404)
        await editor.page("/content/drafts/12345678901", status=404)
        missing = await editor.submit("/content/drafts/999999/discard", {}, form_page="/content")
        assert missing.status == 404
        draft_id = await start_draft(editor, "")
        garbled = await editor.submit(
            f"/content/drafts/{draft_id}/approve", {"version": "abc"}, form_page="/content"
        )
        assert garbled.status == 403  # an editor may not approve, whatever the form says
        discarded = await editor.submit(
            f"/content/drafts/{draft_id}/discard", {}, form_page=f"/content/drafts/{draft_id}"
        )
        assert discarded.status == 303
        assert f"Đã bỏ bản nháp {draft_id}" in await editor.page("/content")
        assert await services.content_drafts.drafts(Actor.system()) == []


async def test_html_in_any_field_is_shown_as_text(sign_in_as: SignIn, services: Services) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    draft = await services.content_drafts.start(editor, SCRIPT)
    document = copy.deepcopy(draft.document)
    indicators = document["files"]["indicators.yaml"]["indicators"]
    (poor,) = [item for item in indicators if item["key"] == "ho-ngheo"]
    poor["name"]["vi"] = SCRIPT
    poor["observations"][0]["figures"][0]["label"]["vi"] = SCRIPT
    poor["observations"][0]["value"] = SCRIPT  # a problem, its message quoting the value
    await services.content_drafts.save(editor, draft.id, 1, document, SCRIPT)
    async with sign_in_as(Role.APPROVER) as approver:
        for path in (
            "/content",
            f"/content/drafts/{draft.id}",
            f"/content/drafts/{draft.id}/review",
        ):
            page = await approver.page(path)
            assert "<script>" not in page, path
        review = await approver.page(f"/content/drafts/{draft.id}/review")
        assert "&lt;script&gt;" in review


async def test_a_complete_faq_draft_goes_into_the_content_draft(
    sign_in_as: SignIn, services: Services
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    faq = await services.faq_drafts.start(editor, "Ai lập danh sách hộ nghèo?")
    await services.faq_drafts.update(
        editor,
        faq.id,
        FaqDraftChanges(
            faq_key="ai-lap-danh-sach",
            question_vi="Ai lập danh sách hộ nghèo?",
            question_en="Who draws up the list of poor households?",
            answer_vi="Báo cáo không nói; xin hỏi Sở Lao động - Thương binh và Xã hội.",
            answer_en="The report does not say; please ask the Department of Labour.",
            source_report="report-2022-q1",
            source_quote="Đến nay, toàn thành phố có 3.612 hộ nghèo",
        ),
    )
    async with sign_in_as(Role.CONTENT_EDITOR) as page_user:
        page = await page_user.page(f"/faq/drafts/{faq.id}")
        assert 'id="to-release"' in page
        added = await page_user.submit(
            f"/faq/drafts/{faq.id}/to-release", {}, form_page=f"/faq/drafts/{faq.id}"
        )
        assert added.status == 303
        location = added.headers["Location"]
        shown = await page_user.page(location)
        assert "Đã thêm câu hỏi vào bản nháp" in shown
        draft_id = int(location.rsplit("/", 1)[1])
        review = await page_user.page(f"/content/drafts/{draft_id}/review")
        assert 'id="change-faqs-ai-lap-danh-sach"' in review


async def test_the_review_warns_when_another_release_went_live_since(
    sign_in_as: SignIn, services: Services
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    first = await services.content_drafts.start(editor, None)
    second = await services.content_drafts.start(editor, None)
    await services.content_drafts.save(editor, first.id, 1, changed_document(first.document), "x")
    await services.content_drafts.approve(await staff(services, Role.APPROVER), first.id, 2)
    async with sign_in_as(Role.APPROVER) as approver:
        review = await approver.page(f"/content/drafts/{second.id}/review")
        assert 'id="live-moved"' in review
        assert f"Bản nháp này tạo từ bản phát hành 1, nhưng từ đó bản {first.id}" in review
