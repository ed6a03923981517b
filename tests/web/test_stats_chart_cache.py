"""The statistics charts are drawn once per version of their data: the page and its images,
asked again and again, draw nothing more until a ticket changes a count; then the charts that
show it are drawn again (real database, real services, the dashboard through its test client)."""

from __future__ import annotations

import asyncio
import re
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.errors import PermissionDenied
from bot.services.kernel.actor import Actor
from bot.services.stats import chart_cache
from bot.services.stats.chart_cache import ChartCache, ChartSpec, WeeklyChart, version
from bot.services.stats.charts import WeeklyLabels
from tests.tickets import file_ticket
from tests.web.conftest import Dashboard

CHART = re.compile(r'src="/stats/charts/(status|topic|weekly)\.png\?v=([0-9a-f]{16})"')


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each chart was drawn (and it is still drawn, for real)."""
    counted: Counter[str] = Counter()

    def counting(name: str, draw: Callable[..., bytes]) -> Callable[..., bytes]:
        def drawing(*args: Any) -> bytes:
            counted[name] += 1
            return draw(*args)

        return drawing

    for name in ("status", "topic", "weekly"):
        original = getattr(chart_cache, f"{name}_chart")
        monkeypatch.setattr(chart_cache, f"{name}_chart", counting(name, original))
    return counted


async def versions_and_images(signed_in: Dashboard) -> dict[str, str]:
    body = await signed_in.page("/stats")
    versions = dict(CHART.findall(body))
    assert set(versions) == {"status", "topic", "weekly"}
    for name, key in versions.items():
        response = await signed_in.client.get(f"/stats/charts/{name}.png?v={key}")
        assert response.status == 200
        assert (await response.read()).startswith(b"\x89PNG")
    return versions


async def test_charts_are_drawn_once_per_data_version(
    signed_in: Dashboard, drawings: Counter[str]
) -> None:
    services = signed_in.services
    await file_ticket(services, Actor.resident(4101, "vi", "Cư dân A"), topic="y-te")
    first = await versions_and_images(signed_in)
    assert drawings == {"status": 1, "topic": 1, "weekly": 1}

    # The same data: the same versions, nothing drawn again, with or without the version.
    assert await versions_and_images(signed_in) == first
    for name in first:
        response = await signed_in.client.get(f"/stats/charts/{name}.png")
        assert response.status == 200
        assert response.headers["Cache-Control"] == "no-cache"
    assert drawings == {"status": 1, "topic": 1, "weekly": 1}

    # A new ticket changes every chart's counts: each is drawn again, once.
    await file_ticket(services, Actor.resident(4102, "vi", "Cư dân B"), topic="y-te")
    second = await versions_and_images(signed_in)
    assert all(second[name] != first[name] for name in first)
    assert await versions_and_images(signed_in) == second
    assert drawings == {"status": 2, "topic": 2, "weekly": 2}

    # Another language is other words on the same counts: another version of each.
    signed_in.client.session.cookie_jar.update_cookies({"danbiet_lang": "en"})
    english = await versions_and_images(signed_in)
    assert set(english.values()).isdisjoint(second.values())
    assert drawings == {"status": 3, "topic": 3, "weekly": 3}


async def test_a_forged_version_shows_the_data_as_it_is(
    signed_in: Dashboard, drawings: Counter[str]
) -> None:
    versions = await versions_and_images(signed_in)
    response = await signed_in.client.get("/stats/charts/status.png?v=<script>")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-cache"  # not kept under a forged name
    current = await signed_in.client.get(f"/stats/charts/status.png?v={versions['status']}")
    assert await response.read() == await current.read()
    assert drawings["status"] == 1


def weekly(filed: int) -> WeeklyChart:
    labels = WeeklyLabels("Theo tuần", "Phiếu", "Nhận", "Trả lời")
    return WeeklyChart(labels, ("16/03",), (filed,), (0,))


async def test_officials_asking_together_share_one_drawing() -> None:
    started = threading.Event()
    release = threading.Event()
    drawn: list[ChartSpec] = []

    def slow(spec: ChartSpec) -> bytes:
        drawn.append(spec)
        started.set()
        release.wait(10)
        return b"png"

    cache = ChartCache(draw=slow)
    key = cache.prepare(weekly(3))
    assert key == version(weekly(3)) != version(weekly(4))
    waiting = [asyncio.ensure_future(cache.drawn(key)) for _ in range(3)]
    waiting.append(asyncio.ensure_future(cache.png(weekly(3))))
    await asyncio.to_thread(started.wait, 10)
    release.set()
    assert await asyncio.gather(*waiting) == [b"png"] * 4
    assert drawn == [weekly(3)]
    assert await cache.drawn("0" * 16) is None


async def test_a_failed_drawing_is_not_kept_and_the_oldest_versions_go() -> None:
    attempts: list[int] = []

    def flaky(spec: ChartSpec) -> bytes:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the font went missing")
        return b"png"

    cache = ChartCache(kept=2, draw=flaky)
    with pytest.raises(RuntimeError):
        await cache.png(weekly(1))
    assert await cache.png(weekly(1)) == b"png"  # drawn again, not the failure kept
    await cache.png(weekly(2))
    await cache.png(weekly(3))
    assert await cache.drawn(version(weekly(1))) is None  # beyond the two kept
    assert await cache.drawn(version(weekly(3))) == b"png"


async def test_a_drawn_chart_is_only_for_who_may_see_the_statistics(signed_in: Dashboard) -> None:
    versions = await versions_and_images(signed_in)
    stats = signed_in.services.stats
    assert await stats.drawn_chart(Actor.system(), versions["topic"])
    with pytest.raises(PermissionDenied):
        await stats.drawn_chart(Actor.official(555, "Kẻ lạ"), versions["topic"])
