"""The content editor's pages over real HTTP: a draft's entities in forms whose problems show
beside their fields with the input kept, a pasted report's proposals accepted into the draft,
two editors saving one draft (the second told, nothing lost), a published release read only,
HTML escaped, forged addresses not found."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from aiohttp import FormData
from markupsafe import escape

from bot.domain.statuses import ReleaseState
from bot.services.container import Services
from bot.services.kernel.actor import Actor, Role
from content.editing import Address, sections
from content.loader import DEFAULT_CONTENT_DIR
from content.proposals import MAX_REPORT_BYTES
from tests.web.conftest import Dashboard

EDITOR = pytest.mark.parametrize("signed_in", [Role.CONTENT_EDITOR.value], indirect=True)
SOMEONE_ELSE = Actor.staff(9001, "Biên tập Huy", Role.CONTENT_EDITOR)
SCRIPT = "<script>alert('x')</script>"
NEXT_REPORT = (
    (DEFAULT_CONTENT_DIR.parent / "seeds" / "report-2023-h1.txt")
    .read_text(encoding="utf-8")
    .replace("2023", "2024")
)
VERSION = re.compile(r'name="version" value="(\d+)"')


async def start_draft(services: Services) -> int:
    await services.releases.start()
    view = await services.content_drafts.start(SOMEONE_ELSE, "quý mới")
    return view.summary.id


def base(draft_id: int) -> str:
    return f"/content/drafts/{draft_id}/edit"


def version_of(page: str) -> str:
    found = VERSION.search(page)
    assert found, "no version in the form"
    return found.group(1)


def field_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'name="{name}"[^>]*>([^<]*)</textarea>', page
    )
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


async def form(dashboard: Dashboard, path: str) -> dict[str, str]:
    """The form's fields as the browser would send them untouched."""
    page = await dashboard.page(path)
    values = {}
    for name in re.findall(r'<(?:input|textarea|select)[^>]*name="([a-z_]+)"', page):
        if name == "csrf_token":
            continue
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
        if select is None:
            values[name] = field_value(page, name)
            continue
        selected = re.search(r'<option value="([^"]*)" selected', select.group(1))
        values[name] = html.unescape(selected.group(1)) if selected else ""
    return values


def report_form(**changes: str) -> dict[str, str]:
    values = {
        "key": "report-2024-h1",
        "title_vi": "Báo cáo 6 tháng đầu năm 2024",
        "title_en": "H1 2024 report",
        "published": "2024-07-10",
        "publisher_vi": "Sở Lao động - Thương binh và Xã hội Hà Nội",
        "publisher_en": "Hanoi DOLISA",
        "summary_vi": "Kết quả 6 tháng đầu năm 2024.",
        "summary_en": "Results of H1 2024.",
        "text": NEXT_REPORT,
    }
    return {**values, **changes}


async def post_multipart(dashboard: Dashboard, path: str, values: dict[str, str]) -> str:
    page = await dashboard.page(path)
    token = html.unescape(re.findall(r'name="csrf_token" value="([^"]+)"', page)[0])
    data = FormData(default_to_multipart=True)  # as the browser sends the report form
    for name, value in {**values, "csrf_token": token, "version": version_of(page)}.items():
        data.add_field(name, value)
    response = await dashboard.client.post(path, data=data, allow_redirects=False)
    assert response.status == 303, (response.status, (await response.text())[:800])
    return response.headers["Location"]


async def save(dashboard: Dashboard, path: str, values: dict[str, str], status: int = 303) -> str:
    response = await dashboard.submit(path, values, form_page=path)
    body = await response.text()
    assert response.status == status, (response.status, body[:800])
    return response.headers.get("Location", body)


@EDITOR
async def test_the_draft_lists_its_entities(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    page = await signed_in.page(base(draft_id))
    assert 'id="indicator-ho-ngheo"' in page
    assert f"{base(draft_id)}/indicator/ho-ngheo/observations/0" in page
    assert f"{base(draft_id)}/report/report-2022-q1/proposals" in page


@EDITOR
async def test_paste_a_report_accept_a_proposal_and_it_is_in_the_draft(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    location = await post_multipart(signed_in, f"{base(draft_id)}/report/new", report_form())
    assert location == f"{base(draft_id)}/report/report-2024-h1"
    page = await signed_in.page(location)
    assert "6 tháng đầu năm 2024" in page  # the period, read from the text

    proposals = await signed_in.page(f"{base(draft_id)}/report/report-2024-h1/proposals")
    assert "<mark>4 Nghị quyết</mark>" in proposals
    accept = f"{base(draft_id)}/report/report-2024-h1/proposals/0"
    values = await form(signed_in, accept)
    assert values["indicator"] == "van-ban-ban-hanh"
    assert values["value"] == "4"
    values["statement_en"] = "4 resolutions of the City People's Council were submitted."
    location = await save(signed_in, accept, values)
    assert location.endswith("/proposals#proposal-0")
    proposals = await signed_in.page(location.split("#")[0])
    assert re.search(r'id="proposal-0" class="proposal accepted"', proposals)

    view = await services.content_drafts.get(SOMEONE_ELSE, draft_id)
    found = sections.find(view.document, "indicators", "van-ban-ban-hanh")
    assert found is not None
    observation = found[1]["observations"][-1]
    assert observation["period_key"] == "2024-H1"
    assert observation["source"]["quote"] in NEXT_REPORT
    assert view.problems == ()


@EDITOR
async def test_a_rejected_proposal_is_kept_with_the_draft_with_who_rejected_it(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    path = f"{base(draft_id)}/report/report-2022-q1/proposals"
    first = await services.draft_editing.proposals(SOMEONE_ELSE, draft_id, "report-2022-q1")
    figure = first.shown[0].figure
    response = await signed_in.submit(f"{path}/0/reject", {}, form_page=path)
    assert response.status == 303
    assert response.headers["Location"] == f"{path}#proposals"
    page = await signed_in.page(path)
    assert "Đã bỏ qua đề xuất" in page
    open_list, _, rejected = page.partition('id="rejected"')
    assert 'id="proposal-0"' not in open_list
    assert 'id="proposal-1"' in open_list
    assert 'id="rejected-0"' in rejected
    assert f"<mark>{escape(figure)}</mark>" in rejected
    # Another editor (another browser, a reload) is not offered it again, and sees who.
    other = await services.draft_editing.proposals(SOMEONE_ELSE, draft_id, "report-2022-q1")
    assert [item.number for item in other.open] == [item.number for item in first.shown[1:]]
    ((item, by),) = other.rejected
    assert (item.number, by.figure) == (0, first.shown[0].proposal.number)
    assert by.by.identity.startswith("account:")
    assert escape(by.by.name) in rejected
    # Rejecting changes nothing in the draft, and is audited.
    assert other.draft.version == first.draft.version
    async with services.accounts._uow() as uow:
        (entry, *_) = await uow.audit.recent()
    assert (entry.action, entry.detail) == (
        "content_proposal_rejected",
        f"draft {draft_id} report report-2022-q1: {first.shown[0].proposal.number}",
    )
    # Offered again on request; a proposal the report does not have is not found.
    await signed_in.submit(f"{path}/0/restore", {}, form_page=path)
    again = await services.draft_editing.proposals(SOMEONE_ELSE, draft_id, "report-2022-q1")
    assert (len(again.open), again.rejected) == (len(first.shown), ())
    forged = await signed_in.submit(f"{path}/999/reject", {}, form_page=path)
    assert forged.status == 404


@EDITOR
async def test_problems_beside_their_fields_with_the_input_kept(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    path = f"{base(draft_id)}/indicator/ho-ngheo/observations/0"
    values = await form(signed_in, path)
    values |= {"value": "3.613", "quote": "Một câu không có trong báo cáo 3.613"}
    page = await save(signed_in, path, values, status=400)
    assert 'id="problem-quote"' in page
    assert "không có nguyên văn trong báo cáo report-2022-q1" in page
    assert field_value(page, "value") == "3.613"
    assert field_value(page, "quote") == "Một câu không có trong báo cáo 3.613"
    values["quote"] = (await form(signed_in, path))["quote"]
    page = await save(signed_in, path, values, status=400)
    assert 'id="problem-value"' in page
    assert "Số 3.613 không có trong trích dẫn" in page
    view = await signed_in.services.content_drafts.get(SOMEONE_ELSE, draft_id)
    assert view.version == 1  # nothing saved


@EDITOR
async def test_a_policy_note_is_edited_in_its_own_form(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    assert f"{base(draft_id)}/policy/nq-68-cp/notes/0" in await signed_in.page(base(draft_id))
    path = f"{base(draft_id)}/policy/nq-68-cp/notes/0"
    values = await form(signed_in, path)
    values["note_en"] = "Q1 2022: support went on, on time and to the right people."
    assert await save(signed_in, path, values) == path
    assert "support went on" in await signed_in.page(path)
    values["quote"] = "Một câu không có trong báo cáo"
    page = await save(signed_in, path, values, status=400)
    assert 'id="problem-quote"' in page


@EDITOR
async def test_a_duplicate_key_is_refused_at_its_field(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    values = await form(signed_in, f"{base(draft_id)}/indicator/ho-ngheo")
    values["key"] = "ho-ngheo"
    page = await save(signed_in, f"{base(draft_id)}/indicator/new", values, status=400)
    assert 'id="problem-key"' in page
    assert "Mã ho-ngheo đã có" in page


@EDITOR
async def test_two_editors_saving_one_draft_the_second_is_told_and_loses_nothing(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    path = f"{base(draft_id)}/indicator/ho-ngheo"
    mine = await form(signed_in, path)
    # Someone else saves the same indicator meanwhile.
    address = Address("indicator", "ho-ngheo")
    theirs = await services.draft_editing.entity(SOMEONE_ELSE, draft_id, address)
    changed = {**theirs.values, "name_en": "Households in poverty"}
    await services.draft_editing.save_entity(
        SOMEONE_ELSE,
        draft_id,
        theirs.draft.version,
        address,
        changed,
    )
    mine["name_vi"] = "Hộ nghèo (đã sửa)"
    page = await save(signed_in, path, mine, status=409)
    assert "có người đã lưu bản nháp này" in page
    assert field_value(page, "name_vi") == "Hộ nghèo (đã sửa)"  # my input, kept
    assert 'id="newer-name_en"' in page
    assert "Households in poverty" in page
    assert version_of(page) == "2"
    view = await services.content_drafts.get(SOMEONE_ELSE, draft_id)
    entry = sections.find(view.document, "indicators", "ho-ngheo")
    assert entry is not None
    assert entry[1]["name"]["en"] == "Households in poverty"
    # Saving again (at the newer version) saves mine.
    again = await form(signed_in, path)
    again["name_vi"] = "Hộ nghèo (đã sửa)"
    await save(signed_in, path, again)
    view = await services.content_drafts.get(SOMEONE_ELSE, draft_id)
    entry = sections.find(view.document, "indicators", "ho-ngheo")
    assert entry is not None
    assert entry[1]["name"] == {"vi": "Hộ nghèo (đã sửa)", "en": "Households in poverty"}


@EDITOR
async def test_a_published_release_is_read_only(signed_in: Dashboard) -> None:
    services = signed_in.services
    live = await services.releases.start()
    assert live.state is ReleaseState.LIVE
    path = f"{base(live.id)}/indicator/ho-ngheo"
    page = await signed_in.page(path)
    assert 'id="read-only"' in page
    assert 'id="save"' not in page
    values = await form(signed_in, path)
    values["name_en"] = "Changed"
    location = await save(signed_in, path, values)
    assert location == "/content"
    notice = await signed_in.page("/content")
    assert "Bản phát hành đã công bố thì không sửa được nữa" in notice


@EDITOR
async def test_html_and_script_are_escaped_in_every_page(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    path = f"{base(draft_id)}/indicator/ho-ngheo"
    values = await form(signed_in, path)
    values |= {"name_en": SCRIPT, "aliases_vi": values["aliases_vi"] + "\n" + SCRIPT}
    await save(signed_in, path, values)
    for page in (
        await signed_in.page(path + "?lang=en"),
        await signed_in.page(base(draft_id)),
    ):
        assert SCRIPT not in page
    assert str(escape(SCRIPT)) in await signed_in.page(path)


@EDITOR
async def test_forged_addresses_are_not_found(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    await signed_in.page(f"{base(draft_id)}/indicator/khong-co", status=404)
    await signed_in.page(f"{base(draft_id)}/indicator/ho-ngheo/observations/99", status=404)
    await signed_in.page(f"{base(draft_id)}/report/report-2022-q1/proposals/99999", status=404)
    await signed_in.page(f"{base(draft_id)}/report/khong-co/proposals", status=404)
    await signed_in.page(f"{base(987654)}", status=404)
    await signed_in.page(f"{base(draft_id)}/area/giam-ngheo", status=404)


@EDITOR
async def test_a_form_without_its_version_saves_nothing_and_keeps_the_input(
    signed_in: Dashboard,
) -> None:
    draft_id = await start_draft(signed_in.services)
    path = f"{base(draft_id)}/indicator/ho-ngheo"
    values = await form(signed_in, path)
    values |= {"version": "không", "name_en": "Changed"}
    page = await save(signed_in, path, values, status=409)
    assert field_value(page, "name_en") == "Changed"
    view = await signed_in.services.content_drafts.get(SOMEONE_ELSE, draft_id)
    assert view.version == 1


@pytest.mark.parametrize("signed_in", [Role.MODERATOR.value], indirect=True)
async def test_an_official_without_the_editor_role_may_not_save(signed_in: Dashboard) -> None:
    draft_id = await start_draft(signed_in.services)
    path = f"{base(draft_id)}/indicator/ho-ngheo"
    values = await form(signed_in, path)
    await save(signed_in, path, values, status=403)


@EDITOR
async def test_a_report_of_one_megabyte_is_pasted(signed_in: Dashboard, tmp_path: Path) -> None:
    draft_id = await start_draft(signed_in.services)
    filler = "Nội dung khác của báo cáo, không có số liệu nào. " * 40000
    text = (NEXT_REPORT + "\n" + filler)[:MAX_REPORT_BYTES]
    while len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        text = text[:-1000]
    assert len(text.encode("utf-8")) > MAX_REPORT_BYTES - 2000
    location = await post_multipart(
        signed_in, f"{base(draft_id)}/report/new", report_form(text=text)
    )
    page = await signed_in.page(
        location.replace("/report/report-2024-h1", "/report/report-2024-h1/proposals")
    )
    assert "<mark>4 Nghị quyết</mark>" in page


@EDITOR
async def test_an_entity_is_removed_after_a_confirm_and_what_refers_to_it_is_reported(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    faq = f"{base(draft_id)}/faq/chuong-trinh-la-gi"
    assert f'href="{faq}/remove"' in await signed_in.page(faq)
    confirm = await signed_in.page(f"{faq}/remove")
    assert 'id="remove-form"' in confirm
    assert "chuong-trinh-la-gi" in confirm
    outline = await save(signed_in, f"{faq}/remove", {"version": version_of(confirm)})
    assert outline == base(draft_id)
    page = await signed_in.page(outline)
    assert "Đã xoá khỏi bản nháp" in page
    assert f'{faq}"' not in page
    # A report that FAQs quote: removed, each FAQ is a problem at its field.
    report = f"{base(draft_id)}/report/report-2022-q1/remove"
    await save(signed_in, report, {"version": version_of(await signed_in.page(report))})
    view = await services.content_drafts.get(Actor.system(), draft_id)
    assert sections.find(view.document, "reports", "report-2022-q1") is None
    assert ("faq.yaml", "thoi-gian-chuong-trinh", "source.report") in {
        (item.file, item.entity, item.field) for item in view.problems
    }
    assert "thoi-gian-chuong-trinh" in await signed_in.page(base(draft_id))  # listed there
    # An observation: the indicator keeps the others.
    (_, before) = sections.find(view.document, "indicators", "ho-ngheo") or (None, {})
    observation = f"{base(draft_id)}/indicator/ho-ngheo/observations/0/remove"
    await save(signed_in, observation, {"version": version_of(await signed_in.page(observation))})
    view = await services.content_drafts.get(Actor.system(), draft_id)
    (_, after) = sections.find(view.document, "indicators", "ho-ngheo") or (None, {})
    assert after["observations"] == before["observations"][1:]
    # The approval diff shows each removal, the observation's figure too.
    review = await services.content_drafts.review(Actor.system(), draft_id)
    removed = {
        (item.kind, item.key) for item in review.diff.entities if item.change.value == "removed"
    }
    assert {("faqs", "chuong-trinh-la-gi"), ("reports", "report-2022-q1")} <= removed
    assert any(
        item.key == "ho-ngheo" and item.change.value == "removed" for item in review.diff.figures
    )


@EDITOR
async def test_a_stale_or_forged_removal_removes_nothing(signed_in: Dashboard) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    path = f"{base(draft_id)}/indicator/viec-lam/remove"
    stale = await save(signed_in, path, {"version": "0"})
    assert stale == path
    assert "Có người vừa lưu bản nháp này" in await signed_in.page(stale)
    view = await services.content_drafts.get(Actor.system(), draft_id)
    assert sections.find(view.document, "indicators", "viec-lam") is not None
    for forged in ("indicator/khong-co/remove", "indicator/ho-ngheo/observations/99/remove"):
        response = await signed_in.client.get(f"{base(draft_id)}/{forged}")
        assert response.status == 404


@EDITOR
async def test_further_figures_and_sources_are_rows_of_the_form(signed_in: Dashboard) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    path = f"{base(draft_id)}/indicator/ho-ngheo/observations/0"
    page = await signed_in.page(path)
    assert field_value(page, "figures-0-value") == "0,16"
    assert 'name="figures-1-value"' in page  # a blank row to add one
    values = await form(signed_in, path)  # the observation's own fields
    row = {
        "rows": "1",
        "figures-0-label_vi": field_value(page, "figures-0-label_vi"),
        "figures-0-label_en": field_value(page, "figures-0-label_en"),
        "figures-0-value": "0,16",
        "figures-0-unit_vi": "%",
        "figures-0-unit_en": "%",
        "figures-1-label_vi": "Số hộ nghèo " + SCRIPT,
        "figures-1-label_en": "Poor households",
        "figures-1-value": "3.613",
        "figures-1-unit_vi": "hộ",
        "figures-1-unit_en": "households",
    }
    refused = await save(signed_in, path, {**values, **row}, status=400)
    assert 'id="problem-figures-1-value"' in refused
    assert "Số 3.613 không có trong trích dẫn" in refused
    assert field_value(refused, "figures-1-label_vi") == "Số hộ nghèo " + SCRIPT  # kept
    assert SCRIPT not in refused
    await save(signed_in, path, {**values, **row, "figures-1-value": "3.612"})
    saved = await signed_in.page(path)
    assert field_value(saved, "figures-1-value") == "3.612"
    assert 'name="figures-2-value"' in saved
    values["version"] = version_of(saved)
    # Removed with its box ticked.
    await save(
        signed_in, path, {**values, **row, "figures-1-value": "3.612", "figures-0-remove": "1"}
    )
    view = await services.content_drafts.get(Actor.system(), draft_id)
    found = sections.find(view.document, "indicators", "ho-ngheo")
    assert found is not None
    (figure,) = found[1]["observations"][0]["figures"]
    assert (figure["value"], figure["unit"]["vi"]) == (3612, "hộ")
    # A FAQ's further source: a quote not in its report is refused at its row.
    faq = f"{base(draft_id)}/faq/ai-bao-cao"
    faq_page = await signed_in.page(faq)
    faq_values = await form(signed_in, faq)
    sources = {
        f"also-{index}-{name}": field_value(faq_page, f"also-{index}-{name}")
        for index in range(3)
        for name in ("quote", "quote_en")
    }
    reports = ("report-2022-q1", "report-2023-h1", "report-2023-h1")  # the selects' choices
    sources |= {f"also-{index}-source_report": key for index, key in enumerate(reports)}
    forged = {**faq_values, **sources, "rows": "1", "also-2-quote": "Một câu bịa ra"}
    page = await save(signed_in, faq, forged, status=400)
    assert 'id="problem-also-2-quote"' in page
    assert "không có nguyên văn trong báo cáo report-2023-h1" in page


@EDITOR
async def test_a_form_sent_back_keeps_each_row_s_remove_box_as_it_was_sent(
    signed_in: Dashboard,
) -> None:
    services = signed_in.services
    draft_id = await start_draft(services)
    path = f"{base(draft_id)}/indicator/ho-ngheo/observations/0"
    page = await signed_in.page(path)
    assert not re.search(r'name="figures-0-remove"[^>]*checked', page)
    values = await form(signed_in, path)
    rows = {
        "rows": "1",
        **{
            f"figures-0-{name}": field_value(page, f"figures-0-{name}")
            for name in ("label_vi", "label_en", "value", "unit_vi", "unit_en")
        },
        "figures-0-remove": "1",
        "figures-1-label_vi": "Số hộ nghèo",
        "figures-1-label_en": "Poor households",
        "figures-1-value": "3.613",  # not what the quote says
        "figures-1-unit_vi": "hộ",
        "figures-1-unit_en": "households",
    }
    # Sent back with its problems: the ticked box stays ticked, the other one unticked.
    refused = await save(signed_in, path, {**values, **rows}, status=400)
    assert 'id="problem-figures-1-value"' in refused
    assert re.search(r'name="figures-0-remove"[^>]*checked', refused)
    assert not re.search(r'name="figures-1-remove"[^>]*checked', refused)
    # Sent back after someone else saved the draft meanwhile: the same.
    address = Address("indicator", "ho-ngheo")
    theirs = await services.draft_editing.entity(SOMEONE_ELSE, draft_id, address)
    changed = {**theirs.values, "name_en": "Households in poverty"}
    await services.draft_editing.save_entity(
        SOMEONE_ELSE, draft_id, theirs.draft.version, address, changed
    )
    kept = await save(signed_in, path, {**values, **rows, "figures-1-value": "3.612"}, status=409)
    assert "có người đã lưu bản nháp này" in kept
    assert re.search(r'name="figures-0-remove"[^>]*checked', kept)
    assert not re.search(r'name="figures-1-remove"[^>]*checked', kept)
