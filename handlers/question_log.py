"""/questions for officials: what residents asked that nothing answers, grouped by meaning
(bot.services.kernel.question_groups), biggest group first, so one FAQ entry answers a whole
group."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.context import Context
from bot.services.kernel.question_groups import QuestionGroup
from handlers.common import Screen, admin_renderer, show
from handlers.moderation import official
from handlers.render import Renderer

SHOWN = 10
QUOTED_CHARS = 200  # a long question is cut in the list; the dashboard shows it whole


async def questions_command(update: Update, context: Context) -> None:
    r = admin_renderer(context)
    groups = await context.bot_data.services.questions.unanswered(official(update), SHOWN)
    await show(update, Screen(question_list(r, groups)))


def question_list(r: Renderer, groups: list[QuestionGroup]) -> str:
    if not groups:
        return r.t("mod-questions-none")
    lines = [r.t("mod-questions-title", count=len(groups)), ""]
    for group in groups:
        lines.append(
            r.t("mod-questions-line", times=group.times_asked, text=escape(_cut(group.text)))
        )
        if group.wordings > 1:
            examples = "; ".join(escape(_cut(example)) for example in group.examples)
            lines.append(r.t("mod-questions-wordings", count=group.wordings, examples=examples))
    return "\n".join(lines)


def _cut(text: str) -> str:
    return text if len(text) <= QUOTED_CHARS else text[: QUOTED_CHARS - 1] + "…"
