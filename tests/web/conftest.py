"""The dashboard on a real database (SQLite, and PostgreSQL when configured), driven through
aiohttp's test client: real HTTP, real cookies, real forms."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

import pytest
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient, TestServer
from argon2 import PasswordHasher

from bot.i18n import Translator
from bot.services.access.model import AccountProfile
from bot.services.container import Services, ServiceSettings
from bot.services.kernel.actor import Actor, Role
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.web.app import DashboardParts, build_dashboard
from bot.web.context import DashboardConfig
from handlers.broadcast_texts import BroadcastTexts
from storage.uow import UnitOfWorkFactory

PASSWORD = "một câu mật khẩu dài 2025"
TELEGRAM_OFFICIAL_ID = 900001
# Cheap hashing parameters: the tests check the flow, not argon2's strength.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Dashboard:
    services: Services
    client: TestClient[web.Request, web.Application]

    async def page(self, path: str, status: int = 200) -> str:
        response = await self.client.get(path, allow_redirects=False)
        body = await response.text()
        assert response.status == status, (path, response.status, body[:500])
        return body

    async def csrf(self, path: str = "/") -> str:
        match = CSRF_FIELD.search(await self.page(path))
        assert match, f"no CSRF field on {path}"
        return html.unescape(match.group(1))

    async def sign_in(self, username: str, password: str = PASSWORD) -> ClientResponse:
        token = await self.csrf("/login")
        return await self.client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token, "next": "/"},
            allow_redirects=False,
        )

    async def submit(
        self, path: str, data: dict[str, str] | list[tuple[str, str]], *, form_page: str = "/"
    ) -> ClientResponse:
        """POST a form the way the browser does: with this session's CSRF token."""
        token = await self.csrf(form_page)
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        return await self.client.post(
            path, data=[*fields, ("csrf_token", token)], allow_redirects=False
        )


@pytest.fixture
def knowledge() -> Iterator[LiveKnowledge]:
    # Each test its own: publishing, rolling back and the content editor swap what it serves.
    # Cheap: the content is parsed once per process (tests/parsed_once.py).
    live = LiveKnowledge.load(None)
    yield live
    live.close()


# A browser of its own for each official (sign_in_as(role) as a context manager), one bot.
SignIn = Callable[[Role], AbstractAsyncContextManager[Dashboard]]


@pytest.fixture
async def services(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> Services:
    built = Services.build(
        uow_factory,
        knowledge,
        ServiceSettings(admin_user_ids=frozenset({TELEGRAM_OFFICIAL_ID})),
        password_hasher=FAST_HASHER,
        broadcast_composer=BroadcastTexts(Translator()),
    )
    for role in Role:
        await built.accounts.add(
            Actor.system(),
            role.value,
            PASSWORD,
            role,
            profile=AccountProfile(f"Cán bộ {role.value}"),
        )
    return built


@pytest.fixture
def config() -> DashboardConfig:
    return DashboardConfig()


@pytest.fixture
async def dashboard(services: Services, config: DashboardConfig) -> AsyncIterator[Dashboard]:
    app = build_dashboard(services, Translator(), DashboardParts(config=config))
    server = TestServer(app)
    client: TestClient[web.Request, web.Application] = TestClient(server)
    async with client:
        yield Dashboard(services, client)


@pytest.fixture
async def sign_in_as(services: Services, config: DashboardConfig) -> SignIn:
    """A browser of its own for each official, on the same bot."""
    await services.releases.start()

    @asynccontextmanager
    async def signed(role: Role) -> AsyncIterator[Dashboard]:
        app = build_dashboard(services, Translator(), DashboardParts(config=config))
        client: TestClient[web.Request, web.Application] = TestClient(TestServer(app))
        async with client:
            dashboard = Dashboard(services, client)
            response = await dashboard.sign_in(role.value)
            assert response.status == 303, await response.text()
            yield dashboard

    return signed


@pytest.fixture
async def signed_in(dashboard: Dashboard, request: pytest.FixtureRequest) -> Dashboard:
    """Signed in as the role named by `@pytest.mark.parametrize('signed_in', [...], indirect=True)`
    (administrator by default)."""
    role = getattr(request, "param", Role.ADMINISTRATOR.value)
    response = await dashboard.sign_in(role)
    assert response.status == 303, await response.text()
    return dashboard
