"""The public open-data pages and files over real HTTP, without signing in: the index, an
indicator's page with its chart and quotes, every published release as CSV and JSON (a retired
one too, a draft never), in Vietnamese or English, escaped, safe in a spreadsheet."""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import escape

from bot.domain.content_releases import NewRelease
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.clock import utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.web.context import DashboardConfig
from bot.web.security import SECURITY_HEADERS
from content import release_document
from content.schema import Indicator
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document
from tests.web.conftest import Dashboard

PUBLISHER = Actor(ActorKind.SYSTEM, None, name="Người vận hành Lan")
FORMULA = '=HYPERLINK("http://evil.example","bấm")'
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def knowledge() -> Iterator[LiveKnowledge]:
    # One per test (not the session's): publishing here swaps it.
    live = LiveKnowledge.load(None)
    yield live
    live.close()


@pytest.fixture
async def site(dashboard: Dashboard) -> Dashboard:
    """The dashboard's server with the shipped content stored as release 1, nobody signed in."""
    await dashboard.services.releases.start()
    return dashboard


async def fetch(
    site: Dashboard, path: str, status: int = 200, headers: dict[str, str] | None = None
) -> Any:
    response = await site.client.get(path, headers=headers or {}, allow_redirects=False)
    assert response.status == status, (path, response.status, (await response.text())[:300])
    return response


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def hostile_document() -> dict[str, Any]:
    """The next report's content with an indicator's name and statement an attacker wrote."""
    document = changed_document()
    indicator = document["files"]["indicators.yaml"]["indicators"][0]
    indicator["name"]["en"] = f"{FORMULA} {SCRIPT}"
    indicator["observations"][0]["statement"]["en"] = "@SUM(1+1);-2+3 <img src=x onerror=alert(2)>"
    return document


def shipped(knowledge: LiveKnowledge, key: str) -> Indicator:
    return knowledge.current.kb.indicators[key]


async def test_the_index_is_public_and_lists_indicators_and_releases(site: Dashboard) -> None:
    response = await fetch(site, "/open/")
    body = await response.text()
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    assert 'href="/open/indicators/ho-ngheo"' in body
    assert "Hộ nghèo" in body
    assert 'href="/open/releases/live.csv"' in body
    assert 'href="/open/releases/1.json"' in body
    assert "Dữ liệu mở" in body
    assert "/login" not in body  # no sign-in asked for
    moved = await fetch(site, "/open", status=301)
    assert moved.headers["Location"] == "/open/"


async def test_the_language_comes_from_the_address_then_the_browser(site: Dashboard) -> None:
    english = await (await fetch(site, "/open/indicators/ho-ngheo?lang=en")).text()
    assert "Poor households" in english
    assert '<html lang="en">' in english
    assert 'href="/open/?lang=en"' in english  # the chosen language is kept by the links
    british = {"Accept-Language": "en-GB,en;q=0.9"}
    browser = await (await fetch(site, "/open/indicators/ho-ngheo", headers=british)).text()
    assert '<html lang="en">' in browser
    preferred = await (
        await fetch(site, "/open/", headers={"Accept-Language": "fr, en;q=0.5, vi;q=0.8"})
    ).text()
    assert '<html lang="vi">' in preferred


async def test_an_indicator_page_shows_every_observation_with_its_quote_report_and_chart(
    site: Dashboard, knowledge: LiveKnowledge
) -> None:
    body = await (await fetch(site, "/open/indicators/ho-ngheo")).text()
    for observation in shipped(knowledge, "ho-ngheo").history():
        assert html.escape(observation.source.quote) in body
        assert html.escape(observation.period.vi) in body
    assert "3.612 hộ" in body
    assert "ngày 13/04/2022" in body  # the report's date
    assert 'src="/open/charts/1/ho-ngheo.png?lang=vi"' in body
    chart = await fetch(site, "/open/charts/1/ho-ngheo.png?lang=vi")
    assert chart.headers["Content-Type"] == "image/png"
    assert (await chart.read()).startswith(b"\x89PNG")
    assert "immutable" in chart.headers["Cache-Control"]
    assert "t.me" not in body  # no bot name known: no link to it


@pytest.mark.parametrize("config", [DashboardConfig(bot_username="danbiet_bot")])
async def test_the_page_links_to_the_same_indicator_in_the_bot(site: Dashboard) -> None:
    body = await (await fetch(site, "/open/indicators/bao-phu-bhyt")).text()
    assert 'href="https://t.me/danbiet_bot?start=bao-phu-bhyt"' in body


async def test_an_estimated_report_date_says_so(site: Dashboard, knowledge: LiveKnowledge) -> None:
    kb = knowledge.current.kb
    estimated = [report for report in kb.reports.values() if report.published_estimated]
    assert estimated, "the shipped content has a report whose date is estimated"
    key = next(
        indicator.key
        for indicator in kb.indicators.values()
        if any(item.source.report == estimated[0].key for item in indicator.observations)
    )
    body = await (await fetch(site, f"/open/indicators/{key}")).text()
    assert "(ước tính)" in body


async def test_unknown_addresses_get_the_one_not_found_page(site: Dashboard) -> None:
    for path in (
        "/open/indicators/khong-co",
        "/open/indicators/%3Cscript%3E",
        "/open/releases/99.csv",
        "/open/releases/0.json",
        "/open/releases/99999999999.csv",
        "/open/releases/live.xml",
        "/open/charts/1/khong-co.png",
        "/open/charts/99/ho-ngheo.png",
    ):
        response = await fetch(site, path, status=404)
        assert "Không tìm thấy" in await response.text()


async def test_the_live_release_downloads_as_csv_that_parses_back(
    site: Dashboard, knowledge: LiveKnowledge
) -> None:
    response = await fetch(site, "/open/releases/live.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="danbiet-release-1.csv"'
    )
    rows = csv_rows(await response.read())
    count = sum(len(item.observations) for item in knowledge.current.kb.indicators.values())
    assert len(rows) == count
    for row in rows:
        indicator = shipped(knowledge, row["indicator"])
        (observation,) = [
            item for item in indicator.observations if item.period_key == row["period_key"]
        ]
        assert row["quote"] == observation.source.quote  # every figure with its quote
        assert row["statement_vi"] == observation.statement.vi


async def test_the_json_validates_and_gives_every_figure_its_source(site: Dashboard) -> None:
    response = await fetch(site, "/open/releases/1.json")
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="danbiet-release-1.json"'
    )
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    document = json.loads(await response.read())
    assert set(document) == {
        "format",
        "release",
        "programme",
        "areas",
        "indicators",
        "reports",
        "observations",
    }
    assert document["release"]["id"] == 1
    assert document["release"]["state"] == "live"
    reports = {report["key"]: report for report in document["reports"]}
    indicators = {item["key"] for item in document["indicators"]}
    for observation in document["observations"]:
        assert observation["indicator"] in indicators
        assert observation["source"]["quote"].strip()
        report = reports[observation["source"]["report"]]
        assert observation["report_date"] == report["published"]
        assert isinstance(observation["value"], int | float | None)
        assert isinstance(observation["report_date_estimated"], bool)


async def test_a_retired_release_stays_downloadable_and_a_draft_never_is(
    site: Dashboard, uow_factory: UnitOfWorkFactory
) -> None:
    await site.services.releases.publish(PUBLISHER, changed_document())
    document = changed_document()
    async with uow_factory() as uow:
        draft_id = await uow.content_releases.add(
            NewRelease(
                ReleaseState.DRAFT,
                release_document.to_json(document),
                release_document.checksum({"draft": document}),
                created_at=utc_now(),
                created_by="Biên tập viên Hòa",
                published_at=None,
                published_by=None,
                note=None,
                replaces_id=None,
            )
        )
        await uow.commit()
    page = await (await fetch(site, "/open/indicators/ho-ngheo")).text()
    assert "<del>3.612 hộ</del>" in page  # the earlier figure, struck through
    assert "phiên bản 1, công bố" in page
    retired = csv_rows(await (await fetch(site, "/open/releases/1.csv")).read())
    assert next(row for row in retired if row["indicator"] == "ho-ngheo")["value"] == "3612"
    live = csv_rows(await (await fetch(site, "/open/releases/live.csv")).read())
    assert next(row for row in live if row["indicator"] == "ho-ngheo")["value"] == "3498"
    assert live[0]["release_id"] == "2"
    for fmt in ("csv", "json"):
        await fetch(site, f"/open/releases/{draft_id}.{fmt}", status=404)
    index = await (await fetch(site, "/open/")).text()
    assert 'id="release-1"' in index
    assert f'id="release-{draft_id}"' not in index
    assert PUBLISHER.name is not None
    assert PUBLISHER.name not in index


async def test_html_and_formulas_in_the_content_stay_text(site: Dashboard) -> None:
    await site.services.releases.publish(PUBLISHER, hostile_document())
    page = await (await fetch(site, "/open/indicators/ho-ngheo?lang=en")).text()
    assert SCRIPT not in page
    assert str(escape(SCRIPT)) in page
    assert "<img src=x" not in page
    data = await (await fetch(site, "/open/releases/live.csv")).read()
    row = next(row for row in csv_rows(data) if row["indicator"] == "ho-ngheo")
    assert row["name_en"] == "'" + f"{FORMULA} {SCRIPT}"
    # Every piece a ";"-splitting Excel would see as a formula is defused too.
    assert row["statement_en"].startswith("'@SUM(1+1);'-2+3")
