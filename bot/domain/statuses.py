"""Every status and kind the bot stores, as enums end to end (storage converts at its boundary)."""

from __future__ import annotations

import enum


class Step(enum.StrEnum):
    """Where a resident is in the /feedback conversation."""

    TOPIC = "topic"
    TEXT = "text"
    ATTACH = "attach"
    IDENTITY = "identity"
    CONSENT = "consent"  # may officials publish it (masked) in the public register?
    CONFIRM = "confirm"


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


class BroadcastKind(enum.StrEnum):
    TEXT = "text"
    REPORT = "report"
    CORRECTION = "correction"


class BroadcastStatus(enum.StrEnum):
    DRAFT = "draft"  # previewed, nothing sent, no delivery rows
    SCHEDULED = "scheduled"  # confirmed for later; rows are made when it is due
    SENDING = "sending"
    PAUSED = "paused"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"  # claimed by a worker; maybe sent, not yet recorded
    SENT = "sent"
    BLOCKED = "blocked"  # 403: the resident blocked the bot
    FAILED = "failed"  # a permanent error, or too many transient ones
    SKIPPED = "skipped"  # unsubscribed before their turn came
    CANCELLED = "cancelled"


class BroadcastRefusal(enum.StrEnum):
    """Why a broadcast (or a move on one) was refused."""

    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    UNKNOWN_REPORT = "unknown_report"
    UNKNOWN_BROADCAST = "unknown_broadcast"
    NOTHING_TO_CORRECT = "nothing_to_correct"
    NOT_DRAFT = "not_draft"
    TIME_PASSED = "time_passed"
    FINISHED = "finished"  # paused, resumed or cancelled too late


class DraftStatus(enum.StrEnum):
    DRAFT = "draft"  # being written
    READY = "ready"  # complete and valid: its YAML may be copied into the FAQ file


class SendOutcome(enum.StrEnum):
    """What one send of an outbox row (a broadcast's or a resident's notice) came to."""

    SENT = "sent"
    BLOCKED = "blocked"  # 403
    REJECTED = "rejected"  # 400 and the like: sending again cannot help
    TRANSIENT = "transient"  # 5xx, time-outs, network: try again later


class ReleaseState(enum.StrEnum):
    """A content release's state; only a draft may change, and exactly one release is live."""

    DRAFT = "draft"  # being edited on the dashboard, then approved: never served
    LIVE = "live"  # published and served now
    RETIRED = "retired"  # published and served before: kept for history and rollback
    DISCARDED = "discarded"  # a draft given up: kept for history, never served
