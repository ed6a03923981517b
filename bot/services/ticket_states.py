"""The life of a ticket: its statuses and the moves between them.

new ──approve──▶ approved ──assign──▶ assigned ──answer──▶ answered ──resolved──▶ resolved
 │                  │                    │                    │
 └──────────────────┴──── reject / close / answer ────────────┴──not resolved──▶ reopened
"""

from __future__ import annotations

import enum
from typing import Final

from bot.errors import DomainError


class TicketStatus(enum.StrEnum):
    NEW = "new"
    APPROVED = "approved"
    ASSIGNED = "assigned"
    ANSWERED = "answered"
    REOPENED = "reopened"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    CLOSED = "closed"


class TicketMove(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    ASSIGN = "assign"
    ANSWER = "answer"
    CLOSE = "close"
    CONFIRM_RESOLVED = "confirm_resolved"  # the resident: the answer solved it
    REOPEN = "reopen"  # the resident: it did not


class RejectReason(enum.StrEnum):
    SPAM = "spam"
    ABUSIVE = "abusive"
    OFF_TOPIC = "off_topic"
    DUPLICATE = "duplicate"


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


class InvalidTransition(DomainError):
    """The move is not allowed from the ticket's status; the message says which."""

    def __init__(self, status: TicketStatus, move: TicketMove) -> None:
        super().__init__(f"cannot {move.value} a ticket that is {status.value}")
        self.status = status
        self.move = move


def allowed(status: TicketStatus, move: TicketMove) -> bool:
    sources, _ = TRANSITIONS[move]
    return status in sources


def next_status(status: TicketStatus, move: TicketMove) -> TicketStatus:
    sources, target = TRANSITIONS[move]
    if status not in sources:
        raise InvalidTransition(status, move)
    return target
