"""/healthz and /metrics on the dashboard's server: no session needed, honest answers."""

from __future__ import annotations

import json
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.i18n import Translator
from bot.services.container import Services
from bot.services.kernel.actor import Actor
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.web.app import build_dashboard
from storage.db import create_engine, create_session_factory
from storage.uow import unit_of_work_factory
from tests.tickets import file_ticket
from tests.web.conftest import Dashboard


async def test_healthz_needs_no_session_and_says_what_it_checked(dashboard: Dashboard) -> None:
    response = await dashboard.client.get("/healthz", allow_redirects=False)
    assert response.status == 200
    assert json.loads(await response.text()) == {
        "status": "ok",
        "database": "ok",
        "bot_api": "not_checked",
        "content_release": None,  # a dashboard over content not stored as a release
    }


async def test_metrics_report_tickets_by_status_without_a_session(dashboard: Dashboard) -> None:
    ticket = await file_ticket(dashboard.services, Actor.resident(5001, "vi", "Lan"))
    await file_ticket(
        dashboard.services, Actor.resident(5002, "vi", "Mai"), "Trạm y tế đóng cửa sớm quá", "y-te"
    )
    await dashboard.services.moderation.approve(Actor.system(), ticket.id)
    response = await dashboard.client.get("/metrics", allow_redirects=False)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = await response.text()
    assert 'danbiet_tickets{status="new"} 1.0' in text
    assert 'danbiet_tickets{status="approved"} 1.0' in text
    assert "# TYPE danbiet_updates_total counter" in text


async def test_an_unreachable_database_fails_the_health_check(
    tmp_path: Path, knowledge: LiveKnowledge
) -> None:
    missing = tmp_path / "no-such-directory" / "danbiet.sqlite3"
    engine = create_engine(f"sqlite+aiosqlite:///{missing}")
    services = Services.build(unit_of_work_factory(create_session_factory(engine)), knowledge)
    app = build_dashboard(services, Translator())
    client: TestClient[web.Request, web.Application] = TestClient(TestServer(app))
    async with client:
        health = await client.get("/healthz")
        assert health.status == 503
        assert json.loads(await health.text())["database"] == "unreachable"
        metrics = await client.get("/metrics")  # the counters still come out
        assert metrics.status == 200
    await engine.dispose()
