"""Removing an entity from a draft in the content editor: a report, an indicator, one of its
observations, a policy, one of its notes or a FAQ, after a confirm page. What still refers to it
(a FAQ quoting a removed report, a policy naming a removed indicator) is then among the draft's
problems, each at its field, listed on the draft's outline; the approval diff shows it removed.

Thin: each view parses the address, calls `services.draft_editing` and renders or redirects."""

from __future__ import annotations

from aiohttp import web

from bot.domain.errors import DraftChanged, ReleaseNotDraft
from bot.web import context
from bot.web.content_editor import (
    BASE,
    INDEX,
    KEY,
    KIND,
    NESTED,
    _address,
    _draft_id,
    _editable,
    _version,
)
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()

REMOVE = "/remove"


async def confirm_page(request: web.Request) -> web.StreamResponse:
    """What is about to be removed, and a button to remove it (a published release: none)."""
    address = _address(request)
    form = await context.services(request).draft_editing.entity(
        context.staff(request).actor, _draft_id(request), address
    )
    name = next(
        (
            form.values[field]
            for field in ("name_vi", "question_vi", "title_vi", "period_vi", "note_vi")
            if form.values.get(field)
        ),
        "",
    )
    return render(
        request,
        "content/editor_remove.html",
        {
            "draft": form.draft,
            "editable": _editable(form.draft),
            "address": address,
            "name": name,
            "action": request.path,
            "errors": {},
        },
    )


async def remove(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    actor, draft_id = context.staff(request).actor, _draft_id(request)
    try:
        await context.services(request).draft_editing.remove(
            actor, draft_id, _version(form), _address(request)
        )
    except DraftChanged as error:
        await see_refusal(request, request.path, error)
    except ReleaseNotDraft as error:
        await see_refusal(request, route_url(request, "content"), error)
    outline = route_url(request, "content-draft-edit", draft_id=draft_id)
    await see_other(request, outline, "content-editor-removed")


def _removal_routes() -> None:
    routes.get(BASE + "/" + KIND + "/" + KEY + REMOVE, name="content-draft-edit-remove")(
        confirm_page
    )
    routes.post(BASE + "/" + KIND + "/" + KEY + REMOVE, name="content-draft-edit-delete")(remove)
    for _, path, stem in NESTED:
        routes.get(path + INDEX + REMOVE, name=stem + "-remove")(confirm_page)
        routes.post(path + INDEX + REMOVE, name=stem + "-delete")(remove)


_removal_routes()
