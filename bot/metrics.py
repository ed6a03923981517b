"""What `/metrics` reports to Prometheus. One registry per running bot (tests start many).

Counters are bumped where things happen (the update processor, the error handler, the question
handlers, the broadcast sender); the gauges of tickets, deliveries and notices by status are
read from the database when Prometheus asks, so every instance reports the same truth.
"""

from __future__ import annotations

from collections.abc import Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from telegram import Update

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds; a reply is expected well under a second, a slow search or a crowded event loop not.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.updates = Counter(
            "danbiet_updates", "Telegram updates handled", ["kind"], registry=self.registry
        )
        self.update_seconds = Histogram(
            "danbiet_update_seconds",
            "Time to handle one update, reply included",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.update_errors = Counter(
            "danbiet_update_errors", "Updates whose handler failed", registry=self.registry
        )
        self.answers = Counter(
            "danbiet_answers",
            "Residents' questions by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "danbiet_telegram_rate_limited",
            "429 answers from Telegram (client: replies or broadcasts)",
            ["client"],
            registry=self.registry,
        )
        self.polling_leader = Gauge(
            "danbiet_polling_leader",
            "1 while this instance is the one polling Telegram (0: standby or webhook)",
            registry=self.registry,
        )
        self.tickets = Gauge(
            "danbiet_tickets", "Feedback tickets by status", ["status"], registry=self.registry
        )
        self.deliveries = Gauge(
            "danbiet_broadcast_deliveries",
            "Broadcast delivery rows by outcome",
            ["status"],
            registry=self.registry,
        )

        self.notices = Gauge(
            "danbiet_notices",
            "Residents' notices of officials' actions, by outcome",
            ["status"],
            registry=self.registry,
        )

    def set_counts(
        self,
        tickets: Mapping[str, int],
        deliveries: Mapping[str, int],
        notices: Mapping[str, int],
    ) -> None:
        for status, count in tickets.items():
            self.tickets.labels(status).set(count)
        for status, count in deliveries.items():
            self.deliveries.labels(status).set(count)
        for status, count in notices.items():
            self.notices.labels(status).set(count)

    def render(self) -> bytes:
        return generate_latest(self.registry)


def update_kind(update: object) -> str:
    """A small, fixed set of label values (Prometheus labels must not grow without bound)."""
    if not isinstance(update, Update):
        return "other"
    for kind in ("message", "callback_query", "inline_query", "my_chat_member", "edited_message"):
        if getattr(update, kind, None) is not None:
            return kind
    return "other"
