"""Saved answers: officials list, add, change and delete them; the ticket page offers those of
the ticket's topic (bot/web/tickets.py). Every action is one SavedAnswers call."""

from __future__ import annotations

from typing import NoReturn

from aiohttp import web

from bot.domain.errors import DomainError
from bot.domain.ticket_work import SavedAnswerForm
from bot.web import context
from bot.web.pages import render, route_url, see_other, see_refusal

routes = web.RouteTableDef()

ANSWER = r"/saved-answers/{id:\d{1,9}}"
MAX_FORM_CHARS = 20_000  # the service enforces the real limits and says so


@routes.get("/saved-answers", name="saved-answers")
async def saved_answers(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    listed = await services.saved_answers.listed(context.staff(request).actor)
    return render(request, "tickets/saved_answers.html", _page(request, listed=listed))


@routes.get(ANSWER, name="saved-answer")
async def saved_answer(request: web.Request) -> web.StreamResponse:
    services = context.services(request)
    found = await services.saved_answers.get(
        context.staff(request).actor, int(request.match_info["id"])
    )
    return render(request, "tickets/saved_answer.html", _page(request, answer=found))


@routes.post("/saved-answers", name="saved-answer-add")
async def add(request: web.Request) -> web.StreamResponse:
    await _save(request, None)


@routes.post(ANSWER, name="saved-answer-change")
async def change(request: web.Request) -> web.StreamResponse:
    await _save(request, int(request.match_info["id"]))


@routes.post(ANSWER + "/delete", name="saved-answer-delete")
async def delete(request: web.Request) -> web.StreamResponse:
    await context.services(request).saved_answers.remove(
        context.staff(request).actor, int(request.match_info["id"])
    )
    await see_other(request, route_url(request, "saved-answers"), "saved-answer-deleted")


async def _save(request: web.Request, answer_id: int | None) -> NoReturn:
    form = await request.post()

    def field(name: str) -> str:
        value = form.get(name)
        return value[:MAX_FORM_CHARS] if isinstance(value, str) else ""

    back = (
        route_url(request, "saved-answers")
        if answer_id is None
        else route_url(request, "saved-answer", id=answer_id)
    )
    try:
        saved = await context.services(request).saved_answers.save(
            context.staff(request).actor,
            SavedAnswerForm(field("topic") or None, field("title"), field("text")),
            answer_id,
        )
    except DomainError as error:
        await see_refusal(request, back, error)
    await see_other(
        request, route_url(request, "saved-answers"), "saved-answer-saved", title=saved.title
    )


def _page(request: web.Request, **values: object) -> dict[str, object]:
    kb = context.services(request).knowledge.current.kb
    return {
        **values,
        "areas": list(kb.areas.values()),
        "area_names": {key: area.name for key, area in kb.areas.items()},
        "max_text": context.services(request).moderation.reply_max_chars,
    }
