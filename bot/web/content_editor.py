"""The content editor: a draft release's reports, indicators and their observations, policies
and FAQs, each edited in a form whose problems are shown beside their fields, with what the
editor typed; a pasted report's proposals accepted, edited or rejected one by one.

Thin: each view parses the form, calls one method of `services.draft_editing` (which checks the
fields with content/editing and saves through the drafts service) and renders. Two editors
saving one draft: the second is told (DraftChanged), sees their own input and, beside each field,
what was saved meanwhile; nothing is lost. A published release is never edited (ReleaseNotDraft:
start a draft)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn, cast

from aiohttp import web
from multidict import MultiMapping

from bot.domain.content_drafts import DraftView
from bot.domain.errors import DraftChanged, ReleaseNotDraft
from bot.domain.statuses import ReleaseState
from bot.services.knowledge.draft_editing import EntityForm
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal
from content.editing import KINDS, Address, EntityKind, FieldError, field_names
from content.editing.fields import Field
from content.editing.outline import QUALIFIERS, STATUSES, outline
from content.editing.report_proposals import NEW_INDICATOR, NEW_PREFIX
from content.editing.rows import ROWS, shown_rows

routes = web.RouteTableDef()

BASE = r"/content/drafts/{draft_id:\d{1,9}}/edit"
KIND = r"{kind:report|indicator|policy|faq}"
KEY = r"{key:[a-z0-9][a-z0-9-]{0,31}}"
OBSERVATIONS = BASE + "/indicator/" + KEY + "/observations"
NOTES = BASE + "/policy/" + KEY + "/notes"
INDEX = r"/{index:\d{1,4}}"
# A nested entity's routes: (kind, its container's path, the route names' stem).
NESTED = (
    ("observation", OBSERVATIONS, "content-draft-edit-observation"),
    ("note", NOTES, "content-draft-edit-note"),
)
PROPOSALS = BASE + "/report/" + KEY + "/proposals"
# The accept form's own fields beyond an observation's: the indicator, or a new one.
ACCEPT_FIELDS = ("indicator", *(NEW_PREFIX + field.name for field in NEW_INDICATOR))


def _draft_id(request: web.Request) -> int:
    return int(request.match_info["draft_id"])


def _kind(request: web.Request) -> EntityKind:
    """The kind in the address, or the nested kind its route is named after."""
    name = request.match_info.route.name or ""
    for kind, _, stem in NESTED:
        if name.startswith(stem):
            return cast(EntityKind, kind)
    return cast(EntityKind, request.match_info["kind"])


def _address(request: web.Request) -> Address:
    return Address(_kind(request), _key(request), _index(request))


def _key(request: web.Request) -> str | None:
    return request.match_info.get("key")


def _index(request: web.Request) -> int | None:
    index = request.match_info.get("index")
    return int(index) if index is not None else None


def _editable(draft: DraftView) -> bool:
    """Only a draft changes: a published release is shown read only (start a draft)."""
    return draft.summary.state is ReleaseState.DRAFT


def _version(form: MultiMapping[Any]) -> int:
    """The draft's version the form was read at; a form without one (forged, or from before
    versions) is treated as read at none: the draft changed since, the input comes back kept."""
    version = str(form.get("version", ""))
    return int(version) if version.isdigit() and len(version) < 10 else 0


def _values(form: MultiMapping[Any], names: Iterable[str]) -> dict[str, str]:
    """The fields the form sent, as typed (a checkbox left unticked sends nothing)."""
    return {name: str(form.get(name, "")) for name in names}


def _names(kind: EntityKind) -> list[str]:
    return [field.name for field in KINDS[kind].fields]


# ------------------------------------------------------------------------------ the draft


@routes.get(BASE, name="content-draft-edit")
async def draft_outline(request: web.Request) -> web.StreamResponse:
    draft = await context.services(request).draft_editing.draft(
        context.staff(request).actor, _draft_id(request)
    )
    return render(
        request,
        "content/editor_outline.html",
        {
            "draft": draft,
            "editable": _editable(draft),
            "outline": outline(draft.document, context.language(request)),
        },
    )


# ------------------------------------------------------------------------------ one entity


# Routes are added in order: ".../new" before ".../{key}", which "new" would match.
@routes.get(BASE + "/" + KIND + "/new", name="content-draft-edit-new")
async def entity_page(request: web.Request) -> web.StreamResponse:
    form = await context.services(request).draft_editing.entity(
        context.staff(request).actor, _draft_id(request), _address(request)
    )
    return _entity_page(request, form)


@routes.post(BASE + "/" + KIND + "/new", name="content-draft-edit-create")  # noqa: RET503
async def save_entity(request: web.Request) -> web.StreamResponse:
    address = _address(request)
    form = await request.post()
    values = _values(form, field_names(address.kind, form.keys()))
    editing = context.services(request).draft_editing
    actor, draft_id = context.staff(request).actor, _draft_id(request)
    try:
        result = await editing.save_entity(actor, draft_id, _version(form), address, values)
    except DraftChanged:
        newer = await editing.entity(actor, draft_id, address)
        return _entity_page(request, _kept(newer, values), newer=newer.values, status=409)
    except ReleaseNotDraft as error:
        await see_refusal(request, route_url(request, "content"), error)
    if not result.saved:
        return _entity_page(request, result, status=400)
    await _saved(request, address.kind, result)


def _more_form_routes() -> None:
    """The rest of each form's routes, after ".../new" above; a nested entity's by its stem."""
    routes.get(BASE + "/" + KIND + "/" + KEY, name="content-draft-edit-entity")(entity_page)
    routes.post(BASE + "/" + KIND + "/" + KEY, name="content-draft-edit-save")(save_entity)
    for _, path, stem in NESTED:
        routes.get(path + "/new", name=stem + "-new")(entity_page)
        routes.post(path + "/new", name=stem + "-create")(save_entity)
        routes.get(path + INDEX, name=stem)(entity_page)
        routes.post(path + INDEX, name=stem + "-save")(save_entity)


_more_form_routes()


async def _saved(request: web.Request, kind: EntityKind, result: EntityForm) -> NoReturn:
    draft_id = _draft_id(request)
    stem = next((stem for nested, _, stem in NESTED if nested == kind), None)
    if stem is not None:
        location = route_url(
            request, stem, draft_id=draft_id, key=str(result.key), index=result.index or 0
        )
    else:
        location = route_url(
            request, "content-draft-edit-entity", draft_id=draft_id, kind=kind, key=str(result.key)
        )
    await see_other(request, location, "content-editor-saved")


def _kept(newer: EntityForm, values: dict[str, str]) -> EntityForm:
    """The form as the editor typed it, at the newer version (saving again saves it)."""
    return EntityForm(newer.draft, values, (FieldError("", "content-editor-draft-changed"),))


def _entity_page(
    request: web.Request,
    form: EntityForm,
    *,
    newer: Mapping[str, str] | None = None,
    status: int = 200,
) -> web.Response:
    kind = _kind(request)
    return _form_page(
        request,
        "content/editor_entity.html",
        form,
        {
            "kind": kind,
            "fields": KINDS[kind].fields,
            "row_kind": ROWS.get(kind),
            "rows": shown_rows(ROWS[kind], form.values) if kind in ROWS else [],
            "key": _key(request),
            "index": _index(request),
            "newer": newer or {},
        },
        status=status,
    )


def _form_page(
    request: web.Request,
    template: str,
    form: EntityForm,
    values: dict[str, Any],
    status: int = 200,
) -> web.Response:
    """``values["newer"]``: what was saved meanwhile, shown beside each field it differs in."""
    errors: dict[str, list[FieldError]] = {}
    for error in form.errors:
        errors.setdefault(error.field, []).append(error)
    newer: Mapping[str, str] = values.get("newer") or {}
    changed = {name: value for name, value in newer.items() if value != form.values.get(name)}
    shown = outline(form.draft.document, context.language(request))
    return render(
        request,
        template,
        {
            **values,
            "newer": changed,
            "draft": form.draft,
            "editable": _editable(form.draft),
            "values": form.values,
            "errors": errors,
            "outline": shown,
            "statuses": STATUSES,
            "qualifiers": QUALIFIERS,
            "report_keys": {item.key for item in shown.reports},
        },
        status=status,
    )


# ------------------------------------------------------------------------------ proposals


@routes.get(PROPOSALS, name="content-draft-edit-proposals")
async def proposals_page(request: web.Request) -> web.StreamResponse:
    found = await context.services(request).draft_editing.proposals(
        context.staff(request).actor, _draft_id(request), str(_key(request))
    )
    return render(
        request,
        "content/editor_proposals.html",
        {
            "draft": found.draft,
            "editable": _editable(found.draft),
            "report_key": found.report_key,
            "proposals": found.shown,
            "rejected": found.rejected,
            "open": found.open,
        },
    )


PROPOSAL = PROPOSALS + r"/{number:\d{1,5}}"


@routes.get(PROPOSAL, name="content-draft-edit-proposal")
async def proposal_page(request: web.Request) -> web.StreamResponse:
    form = await context.services(request).draft_editing.proposal(
        context.staff(request).actor,
        _draft_id(request),
        str(_key(request)),
        int(request.match_info["number"]),
    )
    return _proposal_page(request, form)


@routes.post(PROPOSAL, name="content-draft-edit-accept")  # noqa: RET503 - see_other raises
async def accept_proposal(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    values = _values(form, [*_names("observation"), *ACCEPT_FIELDS])
    editing = context.services(request).draft_editing
    actor, draft_id, report = context.staff(request).actor, _draft_id(request), str(_key(request))
    number = int(request.match_info["number"])
    try:
        result = await editing.accept(actor, draft_id, _version(form), values)
    except DraftChanged:
        newer = await editing.proposal(actor, draft_id, report, number)
        return _proposal_page(request, _kept(newer, values), status=409)
    except ReleaseNotDraft as error:
        await see_refusal(request, route_url(request, "content"), error)
    if not result.saved:
        return _proposal_page(request, result, status=400)
    location = route_url(request, "content-draft-edit-proposals", draft_id=draft_id, key=report)
    await see_other(request, f"{location}#proposal-{number}", "content-editor-accepted")


@routes.post(PROPOSAL + "/reject", name="content-draft-edit-reject")
async def reject_proposal(request: web.Request) -> web.StreamResponse:
    """Set a proposal aside for every editor of the draft (or, restoring, offer it again)."""
    again = request.match_info.route.name == "content-draft-edit-restore"
    draft_id, report = _draft_id(request), str(_key(request))
    try:
        await context.services(request).draft_editing.reject(
            context.staff(request).actor,
            draft_id,
            report,
            int(request.match_info["number"]),
            again=again,
        )
    except ReleaseNotDraft as error:
        await see_refusal(request, route_url(request, "content"), error)
    location = route_url(request, "content-draft-edit-proposals", draft_id=draft_id, key=report)
    notice = "content-editor-restored" if again else "content-editor-rejected"
    await see_other(request, f"{location}#proposals", notice)


routes.post(PROPOSAL + "/restore", name="content-draft-edit-restore")(reject_proposal)


def _proposal_page(request: web.Request, form: EntityForm, status: int = 200) -> web.Response:
    new_fields = [
        Field(NEW_PREFIX + field.name, field.path, field.kind, True) for field in NEW_INDICATOR
    ]
    return _form_page(
        request,
        "content/editor_proposal.html",
        form,
        {
            "kind": "observation",
            "fields": KINDS["observation"].fields,
            "new_fields": new_fields,
            "report_key": _key(request),
            "number": int(request.match_info["number"]),
            "newer": {},
        },
        status=status,
    )
