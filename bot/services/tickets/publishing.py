"""The public version of a ticket: what the register /answers shows, masked every time.

The original text stays private. The public version is masked at filing (with the resident's
Telegram names, also for an anonymous ticket) and may be edited by an official; it is masked
again whenever it is shown, so an edit cannot put personal data back.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.records import ReplyRecord, TicketRecord
from bot.services.tickets.masking import mask_personal_data
from bot.services.tickets.model import PublicPreview


def masking_names(ticket: TicketRecord, replies: Sequence[ReplyRecord]) -> list[str]:
    names = [name for name in (ticket.author_name,) if name]
    return names + [reply.official_name for reply in replies]


def public_question(ticket: TicketRecord, replies: Sequence[ReplyRecord]) -> str:
    text = ticket.public_text if ticket.public_text is not None else ticket.text
    return mask_personal_data(text, masking_names(ticket, replies))


def public_preview(ticket: TicketRecord, replies: Sequence[ReplyRecord]) -> PublicPreview:
    answer = replies[-1].text if replies else ""
    return PublicPreview(
        code=ticket.code,
        question=public_question(ticket, replies),
        answer=mask_personal_data(answer, masking_names(ticket, replies)),
    )
