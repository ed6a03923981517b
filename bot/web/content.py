"""The content: what residents are told (each area's indicators and policies, with the report
sentence each figure comes from), the content releases (the live one checked as `danbiet
content check` checks, the retired ones, the open drafts), a draft's page, its review (the diff
against the live release, figure by figure) with approve-and-publish, discard, and rollback with
a confirm step. Editing a draft's entities is bot/web/content_editor.py's (route names
`content-draft-edit`…): the draft page links there when those routes exist."""

from __future__ import annotations

from aiohttp import web

from bot.domain.errors import (
    DraftChanged,
    DraftHasProblems,
    DraftUnchanged,
    NoEarlierRelease,
    OwnDraft,
    ReleaseChanged,
    ReleaseNotDraft,
)
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()

DRAFT = r"{draft_id:\d{1,9}}"  # longer numbers are no release (and would overflow the column)
# The editing forms' route (bot/web/content_editor.py): linked from the draft page if present.
EDIT_ROUTE = "content-draft-edit"


@routes.get("/content", name="content")
async def content_page(request: web.Request) -> web.StreamResponse:
    report = await context.services(request).content_review.review(context.staff(request).actor)
    return render(
        request,
        "content/overview.html",
        {
            "report": report,
            "listing": report.releases,
            "indicator_count": sum(len(section.indicators) for section in report.areas),
            "policy_count": sum(len(section.policies) for section in report.areas),
        },
    )


@routes.post("/content/drafts", name="content-draft-start")
async def start_draft(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    note = str(form.get("note", ""))
    view = await context.services(request).content_drafts.start(context.staff(request).actor, note)
    await see_other(request, _draft_url(request, view.id), "content-draft-started", id=view.id)


@routes.get("/content/drafts/" + DRAFT, name="content-draft")
async def draft_page(request: web.Request) -> web.StreamResponse:
    draft_id = _draft_id(request)
    view = await context.services(request).content_drafts.get(
        context.staff(request).actor, draft_id
    )
    edit = request.app.router.named_resources().get(EDIT_ROUTE)
    edit_url = None if edit is None else str(edit.url_for(draft_id=str(draft_id)))
    return render(request, "content/draft.html", {"view": view, "edit_url": edit_url})


@routes.get("/content/drafts/" + DRAFT + "/review", name="content-draft-review")
async def review_page(request: web.Request) -> web.StreamResponse:
    review = await context.services(request).content_drafts.review(
        context.staff(request).actor, _draft_id(request)
    )
    return render(request, "content/review.html", {"review": review, "view": review.draft})


@routes.post("/content/drafts/" + DRAFT + "/approve", name="content-draft-approve")
async def approve_draft(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    draft_id = _draft_id(request)
    try:
        published = await context.services(request).content_drafts.approve(
            context.staff(request).actor, draft_id, _version(form.get("version"))
        )
    except (
        DraftChanged,
        OwnDraft,
        DraftHasProblems,
        DraftUnchanged,
        ReleaseNotDraft,
        ReleaseChanged,
    ) as error:
        await see_refusal(request, _review_url(request, draft_id), error)
    await see_other(
        request, route_url(request, "content"), "release-now-live", id=published.release.id
    )


@routes.post("/content/drafts/" + DRAFT + "/discard", name="content-draft-discard")
async def discard_draft(request: web.Request) -> web.StreamResponse:
    draft_id = _draft_id(request)
    try:
        await context.services(request).content_drafts.discard(
            context.staff(request).actor, draft_id
        )
    except ReleaseNotDraft as error:
        await see_refusal(request, _draft_url(request, draft_id), error)
    await see_other(request, route_url(request, "content"), "content-draft-discarded", id=draft_id)


@routes.get("/content/rollback", name="content-rollback-confirm")
async def rollback_page(request: web.Request) -> web.StreamResponse:
    listing = await context.services(request).content_drafts.listing(context.staff(request).actor)
    return render(request, "content/rollback.html", {"listing": listing})


@routes.post("/content/rollback", name="content-rollback")
async def rollback(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    try:
        restored = await context.services(request).releases.rollback(
            context.staff(request).actor, _release_id(form.get("live"))
        )
    except (NoEarlierRelease, ReleaseChanged) as error:
        await see_refusal(request, route_url(request, "content"), error)
    await see_other(request, route_url(request, "content"), "release-rolled-back", id=restored.id)


def _draft_id(request: web.Request) -> int:
    return int(request.match_info["draft_id"])


def _draft_url(request: web.Request, draft_id: int) -> str:
    return route_url(request, "content-draft", draft_id=draft_id)


def _review_url(request: web.Request, draft_id: int) -> str:
    return route_url(request, "content-draft-review", draft_id=draft_id)


def _version(value: object) -> int:
    """The version a form was filled in from; 0 (no version: refused as changed) if garbled."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 9 else 0


def _release_id(value: object) -> int:
    """The live release the official confirmed rolling back; 0 (none: refused) if garbled."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 9 else 0
