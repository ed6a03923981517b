"""Administrators manage accounts from the dashboard; nobody else can."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from bot.services.kernel.actor import Actor, Role
from tests.web.conftest import PASSWORD, Dashboard

# The accounts the dashboard's tests start with: one per role, named after it.
ONE_PER_ROLE = sorted(role.value for role in Role)


async def usernames(dashboard: Dashboard) -> list[str]:
    return sorted(
        account.username for account in await dashboard.services.accounts.accounts(Actor.system())
    )


async def test_an_administrator_adds_an_account_that_can_then_sign_in(
    signed_in: Dashboard,
) -> None:
    response = await signed_in.submit(
        "/accounts",
        {
            "username": "lan.tran",
            "display_name": "Trần Thị Lan <b>",
            "role": "broadcaster",
            "telegram_user_id": "12345678",
            "password": "một mật khẩu dài cho Lan",
        },
        form_page="/accounts",
    )
    assert response.status == 303
    page = await signed_in.page("/accounts")
    assert "Đã thêm tài khoản lan.tran" in page
    assert "Trần Thị Lan &lt;b&gt;" in page
    assert "12345678" in page
    signed_in.client.session.cookie_jar.clear()
    assert (await signed_in.sign_in("lan.tran", "một mật khẩu dài cho Lan")).status == 303
    assert "/broadcasts" in await signed_in.page("/")


def telegram_id(value: str) -> dict[str, str]:
    return {"username": "hoa", "role": "moderator", "password": PASSWORD, "telegram_user_id": value}


async def test_bad_account_forms_are_explained_and_create_nothing(signed_in: Dashboard) -> None:
    cases = [
        ({"username": "X", "role": "moderator", "password": PASSWORD}, "Tên đăng nhập dài 3–64"),
        ({"username": "hoa", "role": "moderator", "password": "ngắn"}, "Mật khẩu quá ngắn"),
        ({"username": "hoa", "role": "emperor", "password": PASSWORD}, "Biểu mẫu chưa hợp lệ"),
        ({"username": "moderator", "role": "moderator", "password": PASSWORD}, "đã có người"),
        # Digits to str.isdigit but not to int(), and an id past Telegram's 52 bits.
        (telegram_id("²²²²²²²"), "Biểu mẫu chưa hợp lệ"),
        (telegram_id("99999999999999999999"), "Biểu mẫu chưa hợp lệ"),
    ]
    for form, message in cases:
        response = await signed_in.submit("/accounts", form, form_page="/accounts")
        assert response.status == 303
        assert message in await signed_in.page("/accounts")
    assert await usernames(signed_in) == ONE_PER_ROLE


async def test_disabling_signs_the_account_out_and_an_admin_cannot_lock_themself_out(
    signed_in: Dashboard,
) -> None:
    response = await signed_in.submit("/accounts/moderator/disable", {}, form_page="/accounts")
    assert response.status == 303
    assert "Đã khóa tài khoản moderator" in await signed_in.page("/accounts")
    await signed_in.submit("/accounts/administrator/disable", {}, form_page="/accounts")
    assert "không thể tự khóa" in await signed_in.page("/accounts")
    await signed_in.submit("/accounts/moderator/enable", {}, form_page="/accounts")
    assert "Đã mở lại tài khoản moderator" in await signed_in.page("/accounts")


@pytest.mark.parametrize(
    "written", ["ADMINISTRATOR", "Administrator", "ａｄｍｉｎｉｓｔｒａｔｏｒ"]
)
async def test_an_admin_cannot_disable_themself_in_other_letter_case(
    signed_in: Dashboard, written: str
) -> None:
    response = await signed_in.submit(
        f"/accounts/{quote(written)}/disable", {}, form_page="/accounts"
    )
    assert response.status == 303
    assert "không thể tự khóa" in await signed_in.page("/accounts")  # still signed in
    accounts = await signed_in.services.accounts.accounts(Actor.system())
    assert not any(account.disabled for account in accounts)


@pytest.mark.parametrize("signed_in", ["moderator", "broadcaster"], indirect=True)
async def test_only_administrators_manage_accounts(signed_in: Dashboard) -> None:
    assert "Không có quyền" in await signed_in.page("/accounts", status=403)
    response = await signed_in.submit(
        "/accounts", {"username": "intruder", "role": "administrator", "password": PASSWORD}
    )
    assert response.status == 403
    response = await signed_in.submit("/accounts/administrator/disable", {})
    assert response.status == 403
    assert await usernames(signed_in) == ONE_PER_ROLE
    assert not any(
        account.disabled for account in await signed_in.services.accounts.accounts(Actor.system())
    )
