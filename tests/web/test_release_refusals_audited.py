"""A refused approval of a content draft is audited, through the dashboard's real HTTP on a real
database: an official without the permission, four eyes, a draft with problems, a version other
than the one reviewed, a release no draft any more. Each refusal is told as before, nothing goes
live, and the row (`content_draft_refused`) names the official and why. Someone who is no
official is refused and not named; an unknown release is no attempt on anything: a 404, no row.
(A draft with no change: test_release_pages.py.) A refused rollback likewise
(`content_release_refused`); the command line's refusals: tests/integration/test_cli_releases.py."""

from __future__ import annotations

import pytest

from bot.domain.errors import PermissionDenied
from bot.domain.records import AuditRecord
from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from tests.release_content import changed_document
from tests.web.conftest import Dashboard, SignIn
from tests.web.test_release_pages import poor_households, staff


async def refusals(services: Services, action: str = "content_draft_refused") -> list[AuditRecord]:
    """The rows of `action`, oldest first."""
    async with services.accounts._uow() as uow:
        rows = await uow.audit.recent(1000)
    return [row for row in reversed(rows) if row.action == action]


async def changed_draft(services: Services, editor: Actor) -> int:
    """A draft `editor` started and saved once with a changed figure (version 2)."""
    draft = await services.content_drafts.start(editor, None)
    await services.content_drafts.save(
        editor, draft.id, 1, changed_document(draft.document), "3.498"
    )
    return draft.id


def by(row: AuditRecord) -> tuple[str, int | None, str]:
    return (row.actor_kind, row.account_id, row.actor_name)


async def sent_back(page_user: Dashboard, path: str, form: dict[str, str], form_page: str) -> str:
    """Send a form the service refuses: the page the official is sent back to, which tells
    the refusal."""
    refused = await page_user.submit(path, form, form_page=form_page)
    assert refused.status == 303
    return await page_user.page(refused.headers["Location"])


async def told_refusal(page_user: Dashboard, draft_id: int, version: str, form_page: str) -> str:
    """Press "approve" (a forged form where the page offers none): the refusal told."""
    path = f"/content/drafts/{draft_id}/approve"
    return await sent_back(page_user, path, {"version": version}, form_page)


async def the_one_refusal(services: Services, knowledge: LiveKnowledge) -> AuditRecord:
    """Nothing went live, and one refusal was audited: its row."""
    assert poor_households(knowledge) == 3612
    (row,) = await refusals(services)
    return row


async def test_an_official_without_the_permission_is_refused_and_audited(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    draft_id = await changed_draft(services, editor)
    async with sign_in_as(Role.CONTENT_EDITOR) as page_user:
        forged = await page_user.submit(
            f"/content/drafts/{draft_id}/approve",
            {"version": "2"},
            form_page=f"/content/drafts/{draft_id}",
        )
        assert forged.status == 403
    # Someone who is no official at all is refused too, and logged, never named in the log.
    with pytest.raises(PermissionDenied):
        await services.content_drafts.approve(Actor.official(990001, "Người lạ"), draft_id, 2)
    assert poor_households(knowledge) == 3612
    (row,) = await refusals(services)
    assert by(row) == ("staff", editor.account_id, "Cán bộ content_editor")
    assert row.detail == f"draft {draft_id}: account {editor.account_id} may not approve_content"


async def test_an_approver_who_edited_the_draft_is_refused_and_audited(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    admin = await staff(services, Role.ADMINISTRATOR)
    draft_id = await changed_draft(services, admin)
    async with sign_in_as(Role.ADMINISTRATOR) as page_user:
        told = await told_refusal(page_user, draft_id, "2", "/content")
        assert "Bạn đã sửa bản nháp này nên không thể tự duyệt" in told
    row = await the_one_refusal(services, knowledge)
    assert by(row) == ("staff", admin.account_id, "Cán bộ administrator")
    assert row.detail == f"draft {draft_id}: four eyes: Cán bộ administrator edited it"


async def test_a_draft_with_problems_is_refused_and_audited(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    draft = await services.content_drafts.start(editor, None)
    document = changed_document(draft.document)
    indicators = document["files"]["indicators.yaml"]["indicators"]
    (poor,) = [item for item in indicators if item["key"] == "ho-ngheo"]
    poor["observations"][0]["value"] = "nhiều"  # not a number: a problem
    saved = await services.content_drafts.save(editor, draft.id, 1, document, "x")
    count = len(saved.problems)
    assert count
    approver = await staff(services, Role.APPROVER)
    async with sign_in_as(Role.APPROVER) as page_user:
        review = await page_user.page(f"/content/drafts/{draft.id}/review")
        assert 'id="approve"' not in review  # not offered; a forged form is refused
        told = await told_refusal(page_user, draft.id, "2", f"/content/drafts/{draft.id}/review")
        assert f"Bản nháp còn {count} lỗi" in told
    row = await the_one_refusal(services, knowledge)
    assert by(row) == ("staff", approver.account_id, "Cán bộ approver")
    assert row.detail == f"draft {draft.id}: {count} problem(s) in the draft"


async def test_a_version_other_than_the_one_reviewed_is_refused_and_audited(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    draft_id = await changed_draft(services, editor)
    approver = await staff(services, Role.APPROVER)
    async with sign_in_as(Role.APPROVER) as page_user:
        # Version 1 is what they reviewed; the editor saved version 2 since.
        told = await told_refusal(page_user, draft_id, "1", f"/content/drafts/{draft_id}/review")
        assert "Có người vừa lưu bản nháp này" in told
    row = await the_one_refusal(services, knowledge)
    assert by(row) == ("staff", approver.account_id, "Cán bộ approver")
    assert row.detail == f"draft {draft_id}: draft {draft_id} is at version 2, not 1"


async def test_a_release_no_draft_any_more_is_refused_and_audited_an_unknown_one_is_not(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    published = await changed_draft(services, editor)
    discarded = await changed_draft(services, editor)
    await services.content_drafts.discard(editor, discarded)
    approver = await staff(services, Role.APPROVER)
    async with sign_in_as(Role.APPROVER) as page_user:
        approved = await page_user.submit(
            f"/content/drafts/{published}/approve",
            {"version": "2"},
            form_page=f"/content/drafts/{published}/review",
        )
        assert approved.headers["Location"] == "/content"
        for release_id in (published, discarded):  # pressed again; a page left open
            told = await told_refusal(page_user, release_id, "2", "/content")
            assert "không sửa được nữa" in told
        unknown = await page_user.submit(
            "/content/drafts/999999/approve", {"version": "1"}, form_page="/content"
        )
        assert unknown.status == 404
    assert (knowledge.current.release_id, poor_households(knowledge)) == (published, 3498)
    rows = await refusals(services)
    assert [by(row) for row in rows] == [("staff", approver.account_id, "Cán bộ approver")] * 2
    assert [row.detail for row in rows] == [
        f"draft {published}: release {published} is live",
        f"draft {discarded}: release {discarded} is discarded",
    ]


async def test_a_refused_rollback_is_audited_naming_the_official_and_why(
    sign_in_as: SignIn, services: Services, knowledge: LiveKnowledge
) -> None:
    editor = await staff(services, Role.CONTENT_EDITOR)
    async with sign_in_as(Role.APPROVER) as approver:
        # Nothing to roll back to: release 1 replaced nothing.
        nothing = await sent_back(approver, "/content/rollback", {"live": "1"}, "/content")
        assert "Không có bản phát hành nào trước bản đang dùng" in nothing
        draft_id = await changed_draft(services, editor)
        await services.content_drafts.approve(await staff(services, Role.APPROVER), draft_id, 2)
        # A confirm page left open while another release went live: refused, told, audited.
        stale = await sent_back(approver, "/content/rollback", {"live": "1"}, "/content")
        assert "vừa thay đổi" in stale
    # An official without the permission (a forged form).
    async with sign_in_as(Role.CONTENT_EDITOR) as page_user:
        forged = await page_user.submit(
            "/content/rollback", {"live": str(draft_id)}, form_page="/content"
        )
        assert forged.status == 403
    # Someone who is no official at all is refused too, never named in the log.
    with pytest.raises(PermissionDenied):
        await services.releases.rollback(Actor.official(990001, "Người lạ"))
    assert poor_households(knowledge) == 3498  # nothing rolled back
    rows = await refusals(services, "content_release_refused")
    assert [(row.actor_kind, row.actor_name) for row in rows] == [
        ("staff", "Cán bộ approver"),
        ("staff", "Cán bộ approver"),
        ("staff", "Cán bộ content_editor"),
    ]
    assert [row.detail for row in rows[:2]] == [
        "rollback: no release before the live one",
        f"rollback: release {draft_id} is live, not 1",
    ]
    assert rows[2].detail is not None
    assert rows[2].detail.endswith("may not publish_content")
