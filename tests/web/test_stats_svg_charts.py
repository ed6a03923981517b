"""The statistics' charts are drawn into the page as it renders (real database, real services,
the dashboard through its test client): they always show the data as it is, and no request of
the dashboard imports or runs matplotlib."""

from __future__ import annotations

import re
import sys

import pytest

from bot.services.kernel.actor import Actor
from tests.tickets import file_ticket
from tests.web.conftest import Dashboard

VALUES = re.compile(r'<text class="value"[^>]*>([^<]*)</text>')


def chart(body: str, name: str) -> str:
    found = re.search(rf'<svg id="chart-{name}" .*?</svg>', body, re.S)
    assert found, name
    return found.group(0)


@pytest.fixture
def without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any import of matplotlib, or of a part of it already imported, fails from here on."""
    for name in [name for name in sys.modules if name.split(".")[0] == "matplotlib"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.mark.usefixtures("without_matplotlib")
async def test_charts_follow_each_new_ticket_without_matplotlib(signed_in: Dashboard) -> None:
    with pytest.raises(ImportError):
        import matplotlib  # noqa: F401  (the fixture works)
    services = signed_in.services
    await file_ticket(services, Actor.resident(4101, "vi", "Cư dân A"), topic="y-te")
    first = await signed_in.page("/stats")
    assert sum(int(value) for value in VALUES.findall(chart(first, "status"))) == 1
    weekly = VALUES.findall(chart(first, "weekly"))
    assert weekly[-2:] == ["1", "0"]  # this week: one filed, none answered yet

    await file_ticket(services, Actor.resident(4102, "vi", "Cư dân B"), topic="y-te")
    second = await signed_in.page("/stats")
    assert sum(int(value) for value in VALUES.findall(chart(second, "status"))) == 2
    assert VALUES.findall(chart(second, "weekly"))[-2:] == ["2", "0"]
    assert VALUES.findall(chart(second, "topic"))[0] == "2"  # the most filed field first

    # Another language: other words on the same counts.
    signed_in.client.session.cookie_jar.update_cookies({"danbiet_lang": "en"})
    english = await signed_in.page("/stats")
    assert VALUES.findall(chart(english, "status")) == VALUES.findall(chart(second, "status"))
    assert '<title id="chart-status-title">Bar chart' in chart(english, "status")
