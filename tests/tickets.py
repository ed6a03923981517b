"""Filing tickets in tests the way residents do: through the real feedback conversation."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.records import TicketRecord
from bot.services.container import Services
from bot.services.kernel.actor import Actor

POTHOLE = "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập, đề nghị sửa sớm"


@dataclass(frozen=True, slots=True)
class FeedbackChoices:
    """What the resident answers in /feedback besides the topic and the text."""

    anonymous: bool = False
    consent: bool = True  # to publishing
    photo: str | None = None  # a Telegram file_id
    location: tuple[float, float] | None = None


async def file_ticket(
    services: Services,
    resident: Actor,
    text: str = POTHOLE,
    topic: str = "giao-duc",
    choices: FeedbackChoices = FeedbackChoices(),
) -> TicketRecord:
    intake = services.feedback_intake
    await intake.start(resident, "vi")
    await intake.choose_topic(resident, topic)
    await intake.give_text(resident, text)
    if choices.photo is not None:
        await intake.give_photo(resident, choices.photo, None)
    if choices.location is not None:
        await intake.give_location(resident, *choices.location)
    await intake.finish_attachments(resident)
    await intake.choose_identity(resident, anonymous=choices.anonymous)
    await intake.choose_consent(resident, allow=choices.consent)
    filed = await intake.submit(resident)
    await services.ticket_events.drain()
    return filed.view.ticket
