"""The open-data service on SQLite and PostgreSQL: every published release (live and retired)
as CSV and JSON with its sources, never a draft; an indicator's public view; nothing naming
an official."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bot.domain.content_releases import NewRelease
from bot.domain.statuses import ReleaseState
from bot.services.kernel.actor import Actor, ActorKind
from bot.services.kernel.clock import utc_now
from bot.services.kernel.live_knowledge import LiveKnowledge
from bot.services.knowledge.open_data import OpenData, indicator_address
from bot.services.knowledge.open_data_files import COLUMNS
from bot.services.knowledge.open_data_model import FileFormat
from bot.services.knowledge.releases import ContentReleases
from content import release_document
from storage.uow import UnitOfWorkFactory
from tests.release_content import changed_document

PUBLISHER = Actor(ActorKind.SYSTEM, None, name="Người vận hành Lan")


@pytest.fixture
def open_data(uow_factory: UnitOfWorkFactory, knowledge: LiveKnowledge) -> OpenData:
    return OpenData(uow_factory, knowledge)


async def store_draft(uow_factory: UnitOfWorkFactory) -> int:
    """A draft as the editor will leave one: stored, never published."""
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
                note="bản nháp",
                replaces_id=None,
            )
        )
        await uow.commit()
    assert draft_id is not None
    return draft_id


def parsed_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


async def test_the_live_release_as_csv_has_every_observation_with_its_quote_and_report(
    releases: ContentReleases, open_data: OpenData, knowledge: LiveKnowledge
) -> None:
    found = await open_data.release_file(None, FileFormat.CSV)
    assert found is not None
    assert found.release.live
    assert found.filename == f"danbiet-release-{found.release.id}.csv"
    rows = parsed_csv(found.data)
    kb = knowledge.current.kb
    expected = [
        (indicator.key, observation.period_key)
        for indicator in kb.indicators.values()
        for observation in indicator.history()
    ]
    assert [(row["indicator"], row["period_key"]) for row in rows] == expected
    assert list(rows[0]) == list(COLUMNS)
    poor = next(row for row in rows if row["indicator"] == "ho-ngheo")
    assert poor["value"] == "3612"
    assert poor["unit_vi"] == "hộ"
    assert "3.612 hộ nghèo" in poor["quote"]
    assert poor["report"] == "report-2022-q1"
    assert poor["report_date"] == "2022-04-13"
    assert poor["report_date_estimated"] == "false"
    assert poor["name_vi"] == "Hộ nghèo"
    assert poor["name_en"] == "Poor households"
    for row in rows:
        assert row["quote"].strip(), row
        assert row["report_title_vi"], row
        assert row["release_id"] == str(found.release.id)


async def test_the_json_holds_the_same_observations_with_their_sources_and_no_official(
    releases: ContentReleases, open_data: OpenData
) -> None:
    as_csv = await open_data.release_file(None, FileFormat.CSV)
    as_json = await open_data.release_file(None, FileFormat.JSON)
    assert as_csv is not None
    assert as_json is not None
    document = json.loads(as_json.data.decode("utf-8"))
    assert document["format"] == "danbiet-open-data/1"
    assert document["release"]["state"] == "live"
    assert len(document["observations"]) == len(parsed_csv(as_csv.data))
    reports = {report["key"] for report in document["reports"]}
    for observation in document["observations"]:
        assert observation["source"]["quote"].strip()
        assert observation["source"]["report"] in reports
    text = as_json.data.decode("utf-8")
    assert "published_by" not in text
    assert "created_by" not in text
    assert "system" not in json.dumps(document["release"])


async def test_a_retired_release_stays_downloadable_and_a_draft_never_is(
    releases: ContentReleases, open_data: OpenData, uow_factory: UnitOfWorkFactory
) -> None:
    first = await releases.live()
    assert first is not None
    second = await releases.publish(PUBLISHER, changed_document())
    draft_id = await store_draft(uow_factory)

    listed = await open_data.releases()
    assert [(item.id, item.state) for item in listed] == [
        (second.release.id, ReleaseState.LIVE),
        (first[0].id, ReleaseState.RETIRED),
    ]
    old = await open_data.release_file(first[0].id, FileFormat.CSV)
    assert old is not None
    assert not old.release.live
    old_poor = next(row for row in parsed_csv(old.data) if row["indicator"] == "ho-ngheo")
    assert old_poor["value"] == "3612"
    live = await open_data.release_file(None, FileFormat.CSV)
    assert live is not None
    assert live.release.id == second.release.id
    live_poor = next(row for row in parsed_csv(live.data) if row["indicator"] == "ho-ngheo")
    assert live_poor["value"] == "3498"
    for fmt in FileFormat:
        assert await open_data.release_file(draft_id, fmt) is None
    assert await open_data.release_file(999_999, FileFormat.CSV) is None
    assert await open_data.release_file(2**40, FileFormat.JSON) is None
    assert draft_id not in [item.id for item in listed]
    published = await open_data.release_file(None, FileFormat.JSON)
    assert published is not None
    assert str(PUBLISHER.name) not in published.data.decode()


async def test_an_indicator_page_has_its_whole_history_with_reports(
    releases: ContentReleases, open_data: OpenData
) -> None:
    page = await open_data.indicator("ho-ngheo")
    assert page is not None
    assert page.release.live
    assert [view.observation.period_key for view in page.history] == ["2022-Q1", "2023-H1"]
    assert all(view.report is not None for view in page.history)
    assert page.charted
    assert await open_data.indicator("khong-co") is None
    assert await open_data.indicator("../etc/passwd") is None
    chart = await open_data.chart(page.release.id, "ho-ngheo", "vi", lambda name: name)
    assert chart is not None
    assert chart.startswith(b"\x89PNG")
    again = await open_data.chart(page.release.id, "ho-ngheo", "vi", lambda _name: "other")
    assert again is chart  # drawn once per release and language
    assert await open_data.chart(page.release.id, "khong-co", "vi", lambda name: name) is None


async def test_an_indicator_dropped_from_the_live_release_keeps_its_page(
    releases: ContentReleases, open_data: OpenData
) -> None:
    first = await releases.live()
    assert first is not None
    document = changed_document()
    indicators = document["files"]["indicators.yaml"]["indicators"]
    dropped = next(item for item in indicators if item["key"] == "hoa-tang")
    indicators.remove(dropped)
    for name in ("links.yaml", "reports.yaml", "policies.yaml", "faq.yaml"):
        _forget(document["files"].get(name), "hoa-tang")
    published = await releases.publish(PUBLISHER, document)
    assert published.changed
    page = await open_data.indicator("hoa-tang")
    assert page is not None
    assert page.release.id == first[0].id
    assert not page.release.live


def _forget(data: object, key: str) -> None:
    """Remove every mention of an indicator from a file's data (links, report lists)."""
    if isinstance(data, dict):
        for name, value in list(data.items()):
            if isinstance(value, list):
                data[name] = [
                    item
                    for item in value
                    if item not in (key, f"indicator:{key}")
                    and not (isinstance(item, dict) and f"indicator:{key}" == item.get("primary"))
                ]
                for item in data[name]:
                    _forget(item, key)
            else:
                _forget(value, key)


def test_the_card_address_needs_a_base_and_a_key() -> None:
    assert indicator_address(None, "ho-ngheo", "vi") is None
    assert indicator_address("https://x.example", "ho-ngheo", "vi") == (
        "https://x.example/open/indicators/ho-ngheo"
    )
    assert indicator_address("https://x.example/", "ho-ngheo", "en") == (
        "https://x.example/open/indicators/ho-ngheo?lang=en"
    )
    assert indicator_address("https://x.example", "<b>", "vi") is None


async def test_a_release_downloaded_while_live_says_retired_after_the_next_publish(
    releases: ContentReleases, open_data: OpenData
) -> None:
    before = await open_data.release_file(None, FileFormat.JSON)
    assert before is not None
    assert json.loads(before.data)["release"]["state"] == "live"
    await releases.publish(PUBLISHER, changed_document())
    after = await open_data.release_file(before.release.id, FileFormat.JSON)
    assert after is not None
    assert json.loads(after.data)["release"]["state"] == "retired"
    live = await open_data.release_file(None, FileFormat.JSON)
    assert live is not None
    assert live.release.id != before.release.id


async def test_a_corrected_figure_keeps_the_figure_an_earlier_release_stated(
    releases: ContentReleases, open_data: OpenData
) -> None:
    first = await releases.live()
    assert first is not None
    await releases.publish(PUBLISHER, changed_document())
    page = await open_data.indicator("ho-ngheo")
    assert page is not None
    corrected, later = page.history
    assert corrected.observation.value == 3498
    assert [(item.release.id, item.observation.value) for item in corrected.earlier] == [
        (first[0].id, 3612)
    ]
    assert later.earlier == ()  # the same in both releases: nothing to tell
    unchanged = await open_data.indicator("ho-can-ngheo")
    assert unchanged is not None
    assert all(view.earlier == () for view in unchanged.history)
