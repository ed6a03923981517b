"""For operators, not officials: `/healthz` (database and Bot API reachable) for the load
balancer and `/metrics` for Prometheus. Neither needs a session; neither shows residents' data.
Expose them to the monitoring network only (docs/deploy.md, README)."""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.metrics import CONTENT_TYPE
from bot.web import context

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()


@routes.get("/healthz", name="healthz")
async def healthz(request: web.Request) -> web.StreamResponse:
    database = await context.services(request).health.database_reachable()
    probe = request.app[context.BOT_PROBE]
    bot_api = "not_checked" if probe is None else ("ok" if await probe() else "unreachable")
    healthy = database and bot_api != "unreachable"
    body = {
        "status": "ok" if healthy else "failing",
        "database": "ok" if database else "unreachable",
        "bot_api": bot_api,
        # Which content release this instance answers from: after a publish or a rollback,
        # every instance should name the same one within seconds (None: not stored yet).
        "content_release": context.services(request).knowledge.current.release_id,
    }
    source = request.app[context.UPDATES_SOURCE]
    if source is not None:
        body["updates"] = source()
    return web.Response(
        text=json.dumps(body),
        content_type="application/json",
        status=200 if healthy else 503,
    )


@routes.get("/metrics", name="metrics")
async def metrics(request: web.Request) -> web.StreamResponse:
    collected = request.app[context.METRICS]
    source = request.app[context.UPDATES_SOURCE]
    if source is not None:
        collected.polling_leader.set(1 if source() == "polling" else 0)
    try:
        counts = await context.services(request).health.counts()
    except Exception:  # the database is away: the counters still tell what happened
        logger.warning("metrics: could not read the counts by status", exc_info=True)
    else:
        collected.set_counts(counts.tickets, counts.deliveries, counts.notices)
    return web.Response(body=collected.render(), headers={"Content-Type": CONTENT_TYPE})
