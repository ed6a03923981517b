"""FAQ drafts: started from a resident's unanswered question (a button on the statistics page),
completed field by field, then added to a draft content release (no YAML to paste), where a
second official approves it with the rest of the draft; the YAML stays downloadable for the
shell (`danbiet content export|publish`).

Nothing here publishes an entry. The services check permissions and list what is missing; this
module words it next to each field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web
from multidict import MultiMapping

from bot.domain.errors import DraftChanged, DraftFieldTooLong, DraftNotReady, EmptyQuestion
from bot.domain.faq_drafts import DraftProblem, ProblemKind
from bot.domain.statuses import DraftStatus
from bot.services.knowledge.faq_draft_model import LIMITS, TERM_CHARS, FaqDraftChanges, FaqDraftView
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()

DRAFT = r"{draft_id:\d{1,9}}"  # longer numbers are no draft (and would overflow the column)

FieldKind = Literal["line", "text", "terms", "area", "report"]


@dataclass(frozen=True, slots=True)
class FormField:
    name: str  # a FaqDraftContent field
    kind: FieldKind
    required: bool

    @property
    def label_key(self) -> str:
        return field_label_key(self.name)

    @property
    def limit(self) -> int:
        return LIMITS[self.name]


def _field(name: str, kind: FieldKind, required: bool = True) -> FormField:
    return FormField(name, kind, required)


# The form, in the order an official fills it in.
FIELDS: tuple[FormField, ...] = (
    _field("faq_key", "line"),
    _field("area", "area", required=False),
    _field("question_vi", "line"),
    _field("question_en", "line"),
    _field("answer_vi", "text"),
    _field("answer_en", "text"),
    _field("source_report", "report"),
    _field("source_quote", "text"),
    _field("source_quote_en", "text", required=False),
    _field("aliases_vi", "terms", required=False),
    _field("aliases_en", "terms", required=False),
    _field("keywords_vi", "terms", required=False),
    _field("keywords_en", "terms", required=False),
)
FIELD_BY_NAME = {field.name: field for field in FIELDS}
FIELD_NAMES = frozenset(FIELD_BY_NAME)
# Problems worded for one field rather than by their kind alone.
_SPECIFIC_PROBLEMS = {
    (ProblemKind.INVALID, "faq_key"): "web-faq-problem-invalid-key",
    (ProblemKind.INVALID, "source_report"): "web-faq-problem-invalid-key",
}


@dataclass(frozen=True, slots=True)
class ShownProblem:
    field: str
    label_key: str | None  # None: a field the form does not show (its name is shown instead)
    message_key: str


def field_label_key(name: str) -> str:
    return "web-faq-field-" + name.replace("_", "-")


def problem_message_key(problem: DraftProblem) -> str:
    specific = _SPECIFIC_PROBLEMS.get((problem.kind, problem.field))
    return specific or "web-faq-problem-" + problem.kind.value.replace("_", "-")


def shown_problems(problems: tuple[DraftProblem, ...]) -> list[ShownProblem]:
    return [
        ShownProblem(
            item.field,
            field_label_key(item.field) if item.field in FIELD_NAMES else None,
            problem_message_key(item),
        )
        for item in problems
    ]


def values_of(view: FaqDraftView) -> dict[str, str]:
    """What each form field shows: the saved text, or one term a line."""
    values: dict[str, str] = {}
    for field in FIELDS:
        value = getattr(view.content, field.name)
        if field.kind == "terms":
            values[field.name] = "\n".join(value)
        else:
            values[field.name] = value or ""
    return values


def values_from(form: MultiMapping[Any], view: FaqDraftView) -> dict[str, str]:
    """What the form sent, as typed; what it did not send, as saved."""
    saved = values_of(view)
    return {field.name: str(form.get(field.name, saved[field.name])) for field in FIELDS}


def changes_from(form: MultiMapping[Any]) -> FaqDraftChanges:
    """The fields the form sent (a field it did not send stays as it is); terms one a line."""
    changes: dict[str, Any] = {}
    for field in FIELDS:
        if field.name not in form:
            continue
        value = str(form[field.name])
        changes[field.name] = value.splitlines() if field.kind == "terms" else value
    return FaqDraftChanges(**changes)


def _draft_id(request: web.Request) -> int:
    return int(request.match_info["draft_id"])


def _draft_url(request: web.Request, draft_id: int) -> str:
    return route_url(request, "faq-draft", draft_id=draft_id)


@routes.get("/faq/drafts", name="faq-drafts")
async def drafts_page(request: web.Request) -> web.StreamResponse:
    views = await context.services(request).faq_drafts.list(context.staff(request).actor)
    return render(request, "faq/list.html", {"drafts": views})


@routes.post("/faq/drafts", name="faq-draft-start")
async def start_draft(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    question = str(form.get("question", ""))
    try:
        view = await context.services(request).faq_drafts.start(
            context.staff(request).actor, question
        )
    except (EmptyQuestion, DraftFieldTooLong) as error:
        await see_refusal(request, route_url(request, "stats"), error)
    await see_other(request, _draft_url(request, view.id))


@routes.get("/faq/drafts/" + DRAFT, name="faq-draft")
async def draft_page(request: web.Request) -> web.StreamResponse:
    view = await context.services(request).faq_drafts.get(
        context.staff(request).actor, _draft_id(request)
    )
    return _edit_page(request, view, values_of(view))


@routes.post("/faq/drafts/" + DRAFT, name="faq-draft-save")  # noqa: RET503 - see_other raises
async def save_draft(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    actor = context.staff(request).actor
    drafts = context.services(request).faq_drafts
    draft_id = _draft_id(request)
    try:
        await drafts.update(actor, draft_id, changes_from(form))
    except DraftFieldTooLong as error:
        # Shown again as typed, with what is too long: nothing was saved.
        view = await drafts.get(actor, draft_id)
        return _edit_page(request, view, values_from(form, view), too_long=error, status=400)
    await see_other(request, _draft_url(request, draft_id), "web-faq-saved")


@routes.post("/faq/drafts/" + DRAFT + "/ready", name="faq-draft-ready")
async def mark_ready(request: web.Request) -> web.StreamResponse:
    draft_id = _draft_id(request)
    try:
        await context.services(request).faq_drafts.update(
            context.staff(request).actor, draft_id, FaqDraftChanges(status=DraftStatus.READY)
        )
    except DraftNotReady as error:
        await see_refusal(request, _draft_url(request, draft_id), error)
    await see_other(request, _draft_url(request, draft_id), "web-faq-marked-ready")


@routes.post("/faq/drafts/" + DRAFT + "/discard", name="faq-draft-discard")
async def discard_draft(request: web.Request) -> web.StreamResponse:
    await context.services(request).faq_drafts.discard(
        context.staff(request).actor, _draft_id(request)
    )
    await see_other(request, route_url(request, "faq-drafts"), "web-faq-discarded")


@routes.post("/faq/drafts/" + DRAFT + "/to-release", name="faq-draft-to-release")
async def add_to_release(request: web.Request) -> web.StreamResponse:
    draft_id = _draft_id(request)
    try:
        release = await context.services(request).content_drafts.add_faq(
            context.staff(request).actor, draft_id
        )
    except (DraftNotReady, DraftChanged) as error:
        await see_refusal(request, _draft_url(request, draft_id), error)
    location = route_url(request, "content-draft", draft_id=release.id)
    await see_other(request, location, "content-draft-faq-added", id=release.id)


@routes.get("/faq/drafts/" + DRAFT + ".yaml", name="faq-draft-yaml")
async def draft_yaml(request: web.Request) -> web.StreamResponse:
    drafts = context.services(request).faq_drafts
    draft_id = _draft_id(request)
    try:
        view = await drafts.get(context.staff(request).actor, draft_id)
        text = drafts.as_yaml(view)
    except DraftNotReady as error:
        await see_refusal(request, _draft_url(request, draft_id), error)
    # A complete draft's key matches content.schema.KEY_PATTERN: safe in a header as it is.
    filename = f"faq-{view.content.faq_key}.yaml"
    return web.Response(
        text=text,
        content_type="text/yaml",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _edit_page(
    request: web.Request,
    view: FaqDraftView,
    values: Mapping[str, str],
    *,
    too_long: DraftFieldTooLong | None = None,
    status: int = 200,
) -> web.Response:
    kb = context.services(request).knowledge.current.kb
    language = context.language(request)
    problems = shown_problems(view.problems)
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        by_field.setdefault(problem.field, []).append(problem.message_key)
    areas = [(key, area.name.get(language)) for key, area in kb.areas.items()]
    reports = [
        (key, report.title.get(language), report.published) for key, report in kb.reports.items()
    ]
    return render(
        request,
        "faq/edit.html",
        {
            "view": view,
            "fields": FIELDS,
            "values": values,
            "problems": problems,
            "problems_by_field": by_field,
            "areas": areas,
            "area_keys": {key for key, _ in areas},
            "reports": reports,
            "report_keys": {key for key, *_ in reports},
            "yaml": context.services(request).faq_drafts.as_yaml(view) if view.complete else None,
            "too_long": _too_long(too_long),
            "ready": view.status is DraftStatus.READY,
        },
        status=status,
    )


def _too_long(error: DraftFieldTooLong | None) -> dict[str, Any] | None:
    if error is None:
        return None
    field = FIELD_BY_NAME.get(error.field)
    if field is not None and field.kind == "terms":
        message = "web-faq-too-long-term" if error.limit == TERM_CHARS else "web-faq-too-many-terms"
    else:
        message = "web-faq-too-long-text"
    label = field.label_key if field is not None else None
    return {"message": message, "label_key": label, "field": error.field, "limit": error.limit}
