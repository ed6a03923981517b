"""Build the worker from settings: its own connection pool, sized to the rate."""

from __future__ import annotations

from bot.delivery.config import WorkerConfig
from bot.delivery.notices import NoticeLoop, NoticePresenter
from bot.delivery.sender import TelegramSender
from bot.delivery.worker import BroadcastQueue, DeliveryWorker, ProgressPresenter
from bot.metrics import Metrics
from bot.services.container import Services
from bot.settings import Settings


def build_worker(
    settings: Settings,
    services: Services,
    presenter: ProgressPresenter,
    notice_presenter: NoticePresenter,
    metrics: Metrics | None = None,
) -> DeliveryWorker:
    if settings.telegram_bot_token is None:
        raise ValueError("a token is needed to send broadcasts")
    config = WorkerConfig.for_rate(
        settings.broadcast_rate, settings.broadcast_batch, settings.broadcast_lease_seconds
    )
    sender = TelegramSender.connect(
        settings.telegram_bot_token.get_secret_value(),
        settings.telegram_api_url,
        connections=config.concurrency,
        metrics=metrics,
    )
    notices = NoticeLoop(services.notices, sender, notice_presenter, config)
    return DeliveryWorker(
        BroadcastQueue(services.outbox, services.broadcast_signals),
        sender,
        presenter,
        config,
        notices=notices,
    )
