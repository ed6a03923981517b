"""The life of a ticket: its statuses and the moves between them.

new ──approve──▶ approved ──assign──▶ assigned ──answer──▶ answered ──resolved──▶ resolved
 │                  │                    │                    │
 └──────────────────┴──── reject / close / answer ────────────┴──not resolved──▶ reopened

The statuses and moves are enums in bot/domain/statuses.py; a refused move raises
bot.domain.errors.InvalidTransition.
"""

from __future__ import annotations

from typing import Final

from bot.domain.errors import InvalidTransition
from bot.domain.statuses import TicketMove, TicketStatus

# Tickets that still need officials' work; the queue lists these.
OPEN_STATUSES: Final = frozenset(
    {
        TicketStatus.NEW,
        TicketStatus.APPROVED,
        TicketStatus.ASSIGNED,
        TicketStatus.REOPENED,
        TicketStatus.ANSWERED,
    }
)
FINAL_STATUSES: Final = frozenset(
    {TicketStatus.RESOLVED, TicketStatus.REJECTED, TicketStatus.CLOSED}
)
# An answer may be published once it exists and the ticket was not rejected.
PUBLISHABLE_STATUSES: Final = frozenset(
    {TicketStatus.ANSWERED, TicketStatus.RESOLVED, TicketStatus.REOPENED, TicketStatus.CLOSED}
)

_WORKING = frozenset(
    {TicketStatus.NEW, TicketStatus.APPROVED, TicketStatus.ASSIGNED, TicketStatus.REOPENED}
)
TRANSITIONS: Final[dict[TicketMove, tuple[frozenset[TicketStatus], TicketStatus]]] = {
    TicketMove.APPROVE: (frozenset({TicketStatus.NEW}), TicketStatus.APPROVED),
    TicketMove.REJECT: (_WORKING, TicketStatus.REJECTED),
    TicketMove.ASSIGN: (_WORKING, TicketStatus.ASSIGNED),
    # A second answer to an answered ticket is allowed (a follow-up); it stays answered.
    TicketMove.ANSWER: (_WORKING | {TicketStatus.ANSWERED}, TicketStatus.ANSWERED),
    TicketMove.CLOSE: (
        _WORKING | {TicketStatus.ANSWERED, TicketStatus.RESOLVED},
        TicketStatus.CLOSED,
    ),
    TicketMove.CONFIRM_RESOLVED: (frozenset({TicketStatus.ANSWERED}), TicketStatus.RESOLVED),
    TicketMove.REOPEN: (frozenset({TicketStatus.ANSWERED}), TicketStatus.REOPENED),
}


def allowed(status: TicketStatus, move: TicketMove) -> bool:
    sources, _ = TRANSITIONS[move]
    return status in sources


def next_status(status: TicketStatus, move: TicketMove) -> TicketStatus:
    sources, target = TRANSITIONS[move]
    if status not in sources:
        raise InvalidTransition(status, move)
    return target
