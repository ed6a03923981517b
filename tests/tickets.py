"""Filing tickets in tests the way residents do: through the real feedback conversation."""

from __future__ import annotations

from bot.domain.records import TicketRecord
from bot.services.container import Services
from bot.services.kernel.actor import Actor

POTHOLE = "Đường vào trường tiểu học ở ngõ 12 bị hỏng nặng, mưa là ngập, đề nghị sửa sớm"


async def file_ticket(  # noqa: PLR0913 - keyword-only fields of the ticket filed
    services: Services,
    resident: Actor,
    text: str = POTHOLE,
    topic: str = "giao-duc",
    *,
    anonymous: bool = False,
    consent: bool = True,
    photo: str | None = None,
    location: tuple[float, float] | None = None,
) -> TicketRecord:
    intake = services.feedback_intake
    await intake.start(resident, "vi")
    await intake.choose_topic(resident, topic)
    await intake.give_text(resident, text)
    if photo is not None:
        await intake.give_photo(resident, photo, None)
    if location is not None:
        await intake.give_location(resident, *location)
    await intake.finish_attachments(resident)
    await intake.choose_identity(resident, anonymous=anonymous)
    await intake.choose_consent(resident, allow=consent)
    filed = await intake.submit(resident)
    await services.ticket_events.drain()
    return filed.view.ticket
