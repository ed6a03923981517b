"""The delivery outbox's worker: sends broadcast rows to Telegram at BROADCAST_RATE."""
