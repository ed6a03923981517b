"""Typed bot_data: what every handler can reach, set once by the composition root."""

from __future__ import annotations

from typing import TypeAlias

from telegram.ext import CallbackContext, ExtBot

from bot.i18n import Translator
from bot.metrics import Metrics
from bot.services.container import Services


class BotData:
    """PTB creates this with no arguments; bot.app fills it before the first update."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self._translator: Translator | None = None
        self._metrics = Metrics()

    def install(
        self, services: Services, translator: Translator, metrics: Metrics | None = None
    ) -> None:
        self._services = services
        self._translator = translator
        if metrics is not None:
            self._metrics = metrics

    @property
    def metrics(self) -> Metrics:
        return self._metrics

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are not installed; build the bot with bot.app")
        return self._services

    @property
    def translate(self) -> Translator:
        if self._translator is None:
            raise RuntimeError("translator is not installed; build the bot with bot.app")
        return self._translator


Context: TypeAlias = CallbackContext[
    ExtBot[None], dict[object, object], dict[object, object], BotData
]
