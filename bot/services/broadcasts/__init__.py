"""Broadcasts to subscribers: subscriptions, composing and confirming a broadcast, the outbox
the delivery worker drains."""
