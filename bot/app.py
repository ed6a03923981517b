"""The composition root: settings → engine → content → services → python-telegram-bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults, Updater

from bot.content_refresh import content_refreshes
from bot.context import BotData
from bot.delivery.setup import build_worker
from bot.i18n import LANGUAGES, Translator
from bot.metrics import Metrics
from bot.periodic import repeating
from bot.polling import PollingLeader
from bot.retention import retention_sweeps
from bot.services.composition import build_services
from bot.services.container import Services
from bot.services.kernel.clock import Clock, utc_now
from bot.settings import Settings
from bot.telegram_http import AiohttpRequest
from bot.telegram_retry import RetryingRateLimiter
from bot.update_processor import PerUserUpdateProcessor
from bot.web.app import DashboardParts, build_dashboard
from bot.web.context import DashboardConfig
from bot.web.photos import TelegramPhotoSource
from bot.webhook import WebhookReceiver
from bot.webhook_reply import WebhookReplies
from handlers import COMMANDS, OFFICIAL_COMMANDS, register
from handlers.broadcast_texts import BroadcastTexts
from handlers.broadcast_views import ProgressTexts
from handlers.deadline_reminders import OverdueReminders
from handlers.release_offers import ReleaseOfferPoster
from handlers.roster import TelegramAdministratorRoster
from handlers.ticket_notifier import NoticeViews, TelegramTicketNotifier

logger = logging.getLogger(__name__)

BotApplication = Application[Any, Any, Any, Any, BotData, Any]
CONCURRENT_UPDATES = 32  # updates from different residents are handled side by side
HEALTH_TIMEOUT_SECONDS = 5
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _telegram_request(settings: Settings, connections: int) -> AiohttpRequest:
    timeout = settings.telegram_timeout
    return AiohttpRequest(connections, timeout=timeout, media_timeout=timeout * 3)


def build_application(
    settings: Settings,
    services: Services,
    translator: Translator,
    metrics: Metrics | None = None,
) -> BotApplication:
    if settings.telegram_bot_token is None:
        raise ValueError("a token is needed to build the bot")
    api = settings.telegram_api_url
    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .context_types(ContextTypes(bot_data=BotData))
        # Every text comes from the catalogs, escaped for HTML; no message wants a link preview.
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW))
        .concurrent_updates(PerUserUpdateProcessor(CONCURRENT_UPDATES, metrics))
        .rate_limiter(
            WebhookReplies(
                RetryingRateLimiter(settings.telegram_max_attempts, metrics),
                enabled=settings.webhook_reply_in_response,
            )
        )
        # aiohttp rather than PTB's httpx: the pool's bookkeeping was most of a reply's cost.
        .request(_telegram_request(settings, CONCURRENT_UPDATES))
        .get_updates_request(_telegram_request(settings, 1))
        .build()
    )
    application.bot_data.install(services, translator, metrics)
    if settings.admin_chat_id is not None:
        roster = TelegramAdministratorRoster(application.bot, settings.admin_chat_id)
        services.officials.bind_roster(roster)
    services.ticket_events.subscribe(
        TelegramTicketNotifier(
            application.bot, translator, services.moderation, settings.admin_chat_id
        )
    )
    register(application)
    return application


async def publish_commands(application: BotApplication, admin_chat_id: int | None) -> None:
    """The command menu in both languages (Telegram picks by the user's app language); in the
    officials' group, their own commands."""
    translate = application.bot_data.translate
    for language in LANGUAGES:
        commands = [BotCommand(name, translate(language, key)) for name, key in COMMANDS]
        # Vietnamese is the default for every user; English for English-language clients.
        code = None if language == "vi" else language
        await application.bot.set_my_commands(commands, language_code=code)
        if admin_chat_id is not None:
            officials = [
                BotCommand(name, translate(language, key)) for name, key in OFFICIAL_COMMANDS
            ]
            await application.bot.set_my_commands(
                officials, scope=BotCommandScopeChat(admin_chat_id), language_code=code
            )


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    services: Services
    application: BotApplication
    dashboard_url: str
    polling: PollingLeader | None  # None in webhook mode


@dataclass(frozen=True, slots=True)
class UpdateIntake:
    """How updates reach this instance: the webhook's receiver, or the polling leader (one of
    the two; the dashboard serves the webhook and reports which)."""

    receiver: WebhookReceiver | None = None
    polling: PollingLeader | None = None


def _updater(application: BotApplication) -> Updater:
    if application.updater is None:
        raise RuntimeError("the application was built without an Updater")
    return application.updater


async def register_webhook(application: BotApplication, settings: Settings) -> None:
    """Every instance registers the same webhook: idempotent, and none depends on another."""
    if settings.webhook_url is None:
        raise ValueError("WEBHOOK_URL is not set")
    await application.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret_token,
        allowed_updates=Update.ALL_TYPES,
        max_connections=settings.webhook_max_connections,
        drop_pending_updates=False,
    )
    logger.info("updates arrive by webhook at %s", settings.webhook_url)


@asynccontextmanager
async def serving_dashboard(
    settings: Settings,
    services: Services,
    translator: Translator,
    application: BotApplication,
    updates: UpdateIntake,
) -> AsyncIterator[str]:
    """The officials' dashboard on WEB_HOST:WEB_PORT while the bot runs; yields its address."""
    receiver, polling = updates.receiver, updates.polling
    parts = DashboardParts(
        config=DashboardConfig(
            behind_https_proxy=settings.web_behind_https_proxy,
            bot_username=application.bot.username,
        ),
        photos=TelegramPhotoSource(application.bot),
        metrics=application.bot_data.metrics,
        bot_probe=lambda: bot_api_reachable(application),
        webhook=(
            (settings.webhook_path, receiver.handle)
            if receiver is not None and settings.webhook_path
            else None
        ),
        updates_source=lambda: (
            "webhook" if polling is None else "polling" if polling.leading.is_set() else "standby"
        ),
    )
    dashboard = build_dashboard(services, translator, parts)
    runner = web.AppRunner(dashboard, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(
            runner,
            settings.web_host,
            settings.web_port,
            reuse_port=settings.web_reuse_port or None,
        )
        try:
            await site.start()
        except OSError as error:
            raise DashboardPortError(
                f"cannot serve the dashboard on {settings.web_host}:{settings.web_port} "
                f"({error.strerror}); choose another port with WEB_PORT"
            ) from None
        host, port = runner.addresses[0][:2]
        yield f"http://{host}:{port}/"
    finally:
        await runner.cleanup()


async def bot_api_reachable(application: BotApplication) -> bool:
    """One getMe within HEALTH_TIMEOUT_SECONDS: the Bot API answers this bot's token."""
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
            await application.bot.get_me()
    except Exception as error:  # unreachable, slow or refusing: all mean "not healthy"
        # The error's name only: a URL in its text would carry the token.
        logger.warning("health check: the Bot API did not answer getMe (%s)", type(error).__name__)
        return False
    return True


def overdue_reminders(
    application: BotApplication, services: Services, translator: Translator, settings: Settings
) -> OverdueReminders:
    """The reminders of overdue tickets (handlers/deadline_reminders.py), as this bot sends them."""
    return OverdueReminders(
        application.bot,
        translator,
        services.ticket_deadlines,
        services.knowledge,
        settings.admin_chat_id,
    )


def release_offers(
    application: BotApplication, services: Services, translator: Translator, settings: Settings
) -> ReleaseOfferPoster:
    """What a publish leaves to broadcast, told once to the officials' group
    (handlers/release_offers.py), as this bot posts it."""
    return ReleaseOfferPoster(
        application.bot, translator, services.release_offers, settings.admin_chat_id
    )


class DashboardPortError(RuntimeError):
    """The dashboard's port is taken or not allowed; the message says what to change."""


@asynccontextmanager
async def running_bot(settings: Settings, *, clock: Clock = utc_now) -> AsyncIterator[Runtime]:
    """Migrate, load content, start polling; on exit stop polling and release everything.
    `clock`: what the services take for now (a test's own, to make tickets overdue)."""
    # The search thread holds the GIL while it works; a 1 ms switch interval (default 5 ms)
    # hands the event loop back sooner, so replies never queue behind a long search.
    sys.setswitchinterval(0.001)
    translator = Translator()
    wiring = await build_services(
        settings, broadcast_composer=BroadcastTexts(translator), clock=clock
    )
    services = wiring.services
    try:
        filled = await services.ticket_search.reindex()
        if filled:
            logger.info("search text filled in for %d earlier tickets", filled)
        metrics = Metrics()
        application = build_application(settings, services, translator, metrics)
        async with application:
            await publish_commands(application, settings.admin_chat_id)
            await application.start()
            receiver = (
                WebhookReceiver(application, settings.webhook_secret_token)
                if settings.webhook_url
                else None
            )
            # Broadcasts and residents' notices: their own tasks, pacer and connection pool,
            # beside the replies.
            worker = build_worker(
                settings, services, ProgressTexts(translator), NoticeViews(translator), metrics
            )
            sweeps = contextlib.AsyncExitStack()
            try:
                services.recorder.start()
                await worker.start()
                await sweeps.enter_async_context(retention_sweeps(services.privacy))
                reminders = overdue_reminders(application, services, translator, settings)
                await sweeps.enter_async_context(
                    repeating(
                        reminders.run_once,
                        settings.ticket_reminder_seconds,
                        name="overdue-reminders",
                        at_once=False,  # once a day is kept by the claims, not by this
                    )
                )
                offers = release_offers(application, services, translator, settings)
                await sweeps.enter_async_context(
                    content_refreshes(
                        services.releases, settings.content_refresh_seconds, offers.run_once
                    )
                )
                polling = (
                    PollingLeader(
                        _updater(application),
                        wiring.leader_lock(),
                        interval=settings.polling_standby_seconds,
                    )
                    if receiver is None
                    else None
                )
                async with serving_dashboard(
                    settings, services, translator, application, UpdateIntake(receiver, polling)
                ) as dashboard_url:
                    if polling is not None:
                        await polling.start()
                    else:
                        await register_webhook(application, settings)
                    try:
                        yield Runtime(settings, services, application, dashboard_url, polling)
                    finally:
                        # Take no more updates and finish the ones being handled.
                        if receiver is not None:
                            await receiver.close()
                        if polling is not None:
                            await polling.stop()
            finally:
                await sweeps.aclose()
                await worker.stop()
                await application.stop()
                # Changes already committed still reach the admin group's cards (residents'
                # notices wait in the outbox for the next start).
                await services.ticket_events.drain()
                await services.recorder.stop()
    finally:
        await wiring.close()


async def run_until_stopped(settings: Settings, stop: asyncio.Event) -> None:
    async with running_bot(settings) as runtime:
        me = runtime.application.bot
        logger.info(
            "danbiet is running as @%s; officials' dashboard at %s; stop with Ctrl+C",
            me.username,
            runtime.dashboard_url,
        )
        await stop.wait()
    logger.info("danbiet stopped")
