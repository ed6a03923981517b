"""Administrators disable, re-enable, give a new password to and change the role of accounts on
the dashboard; the sign-in page names no shell command."""

from __future__ import annotations

import re

import pytest

from bot.services.kernel.actor import Actor, Role
from tests.web.conftest import PASSWORD, Dashboard

SHOWN_PASSWORD = re.compile(r'<output id="new-password"[^>]*>([^<]+)</output>')


async def test_a_made_password_is_shown_once_and_signs_the_account_in(
    signed_in: Dashboard,
) -> None:
    response = await signed_in.submit("/accounts/moderator/password/new", {}, form_page="/accounts")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = await response.text()
    match = SHOWN_PASSWORD.search(body)
    assert match, body[:800]
    password = match.group(1)
    assert password not in await signed_in.page("/accounts")  # shown on that answer only
    signed_in.client.session.cookie_jar.clear()
    assert (await signed_in.sign_in("moderator", PASSWORD)).status == 401  # the old one is gone
    assert (await signed_in.sign_in("moderator", password)).status == 303


async def test_a_typed_password_is_checked_and_set(signed_in: Dashboard) -> None:
    short = {"password": "ngắn"}
    await signed_in.submit("/accounts/broadcaster/password", short, form_page="/accounts")
    assert "Mật khẩu quá ngắn" in await signed_in.page("/accounts")
    chosen = {"password": "một mật khẩu mới còn dài hơn"}
    response = await signed_in.submit(
        "/accounts/broadcaster/password", chosen, form_page="/accounts"
    )
    assert response.status == 303
    assert "Đã đặt mật khẩu mới cho broadcaster" in await signed_in.page("/accounts")
    signed_in.client.session.cookie_jar.clear()
    assert (await signed_in.sign_in("broadcaster", chosen["password"])).status == 303


async def test_a_role_change_takes_effect_and_is_audited(signed_in: Dashboard) -> None:
    response = await signed_in.submit(
        "/accounts/moderator/role", {"role": "broadcaster"}, form_page="/accounts"
    )
    assert response.status == 303
    page = await signed_in.page("/accounts")
    assert "Tài khoản moderator nay có vai trò Biên tập gửi tin" in page
    listed = await signed_in.services.accounts.accounts(Actor.system())
    assert {a.username: a.role for a in listed}["moderator"] is Role.BROADCASTER
    await signed_in.submit("/accounts/moderator/role", {"role": "emperor"}, form_page="/accounts")
    assert "Biểu mẫu chưa hợp lệ" in await signed_in.page("/accounts")


async def test_an_administrator_cannot_change_their_own_account(signed_in: Dashboard) -> None:
    for path, form in [
        ("/accounts/administrator/role", {"role": "moderator"}),
        ("/accounts/administrator/password/new", {}),
        ("/accounts/Administrator/password", {"password": "một mật khẩu mới còn dài hơn"}),
    ]:
        response = await signed_in.submit(path, form, form_page="/accounts")
        assert response.status == 303
        assert "không thể tự khóa hay thay đổi" in await signed_in.page("/accounts")
    listed = await signed_in.services.accounts.accounts(Actor.system())
    assert {a.username: a.role for a in listed}["administrator"] is Role.ADMINISTRATOR
    page = await signed_in.page("/accounts")
    assert 'action="/accounts/administrator/role"' not in page  # no form for one's own row


@pytest.mark.parametrize("signed_in", ["moderator", "broadcaster"], indirect=True)
async def test_only_administrators_manage_accounts(signed_in: Dashboard) -> None:
    await signed_in.page("/accounts", status=403)


async def test_the_sign_in_page_names_no_shell_command(dashboard: Dashboard) -> None:
    page = await dashboard.page("/login")
    assert "officials add" not in page
    assert "danbiet officials" not in page
    assert "quản trị viên" in page
