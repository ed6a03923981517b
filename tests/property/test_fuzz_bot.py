"""Fuzzing the running bot with residents' texts and forged button presses: every update gets
an answer, and no handler ever fails."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.sandbox.emulator import BotApiEmulator
from tests.e2e.helpers import ADMIN_CHAT, MEMBER, OFFICIAL, buttons
from tests.property.conftest import RESIDENT, LiveBot

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD = st.sampled_from(
    ["\u0301", "\u200b", "\u202e", "\ufeff", "\U0001f600", "\x00", "\x1b", "<b>", "&amp;", "'\""]
)
RESIDENT_TEXT = st.one_of(
    st.text(min_size=1, max_size=200),
    st.lists(
        st.one_of(ODD, st.sampled_from(["bhyt", "hộ nghèo", "ho ngheo", "/start", " "])),
        min_size=1,
        max_size=30,
    ).map("".join),
    st.sampled_from(["a" * 4096, "ư" * 4096, "/feedback", "/cancel", "/subscribe", "/help"]),
    # Wide characters: as many as fit Telegram's 4,096 units, so the reply's quote may not.
    st.tuples(
        st.characters(min_codepoint=0x10000, max_codepoint=0x1FAFF), st.integers(1, 2048)
    ).map(lambda pair: pair[0] * pair[1]),
    st.text(min_size=1, max_size=20).map(lambda tail: "/" + tail),
).filter(lambda text: text.strip() != "" and text.strip("\u200b\ufeff\x00 \t\n") != "")


async def say(live_bot: LiveBot, text: str, user: int = RESIDENT, chat: int | None = None) -> int:
    """Send and wait until the bot is done with it; returns how many messages it sent or
    edited in reply."""
    emulator = live_bot.emulator
    before, handled = len(emulator.calls), live_bot.handled
    await emulator.send_text(user, text, chat_id=chat)
    await live_bot.handled_beyond(handled)
    answered = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}
    return sum(1 for method, _params in emulator.calls[before:] if method in answered)


@FUZZ
@given(text=RESIDENT_TEXT)
def test_every_text_gets_a_reply_and_no_handler_fails(live_bot: LiveBot, text: str) -> None:
    replies = live_bot.run(say(live_bot, text))
    assert live_bot.update_errors == 0, text
    assert replies >= 1, f"no reply to {text!r}"


def real_callback_data(emulator: BotApiEmulator) -> list[str]:
    return [
        str(button["callback_data"])
        for message in emulator.bot_messages(RESIDENT)
        for button in buttons(message)
        if "callback_data" in button
    ]


def opened(live_bot: LiveBot) -> tuple[list[str], list[dict[str, Any]]]:
    """Menus the resident opened once per bot (fixed, so every example draws from the same
    pool): the callback data they carry, and the messages to press on."""
    if live_bot.pool is None:
        for opening in ("/start", "/feedback", "/subscribe", "/myfeedback", "ho ngheo"):
            live_bot.run(say(live_bot, opening))
        messages = [dict(message) for message in live_bot.emulator.bot_messages(RESIDENT)]
        live_bot.pool = (real_callback_data(live_bot.emulator), messages)
    return live_bot.pool


async def press(live_bot: LiveBot, user: int, message: dict[str, Any], data: str) -> None:
    emulator = live_bot.emulator
    handled = live_bot.handled
    query = await emulator.press_button(user, message["chat"]["id"], message["message_id"], data)
    await emulator.wait_for_callback_answer(query, timeout=20)
    await live_bot.handled_beyond(handled)


@FUZZ
@given(choice=st.data())
def test_every_forged_button_press_is_answered_and_no_handler_fails(
    live_bot: LiveBot, choice: st.DataObject
) -> None:
    real, messages = opened(live_bot)
    data = choice.draw(
        st.one_of(
            st.sampled_from(real),
            st.sampled_from(real).flatmap(
                lambda seen: st.integers(0, len(seen)).map(lambda cut: seen[:cut] + "9" * 3)
            ),
            st.text(max_size=64).filter(lambda text: len(text.encode()) <= 64),
            st.binary(max_size=64).map(lambda raw: raw.decode("latin-1")),
        ),
        label="callback_data",
    )
    message = choice.draw(st.sampled_from(messages), label="message")
    # A resident, or a member of the officials' group who is no official, presses it.
    presser = choice.draw(st.sampled_from([RESIDENT, MEMBER]), label="presser")
    live_bot.run(press(live_bot, presser, message, data))
    assert live_bot.update_errors == 0, data


# What an official types after a command: ids of any size, digits of other scripts, codes,
# wide characters and markup.
OFFICIAL_ARGUMENT = st.one_of(
    st.from_regex(r"#?[0-9]{1,30}", fullmatch=True),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.text(min_size=1, max_size=40),
    st.tuples(st.sampled_from(["😀", "&", "<b>", "ư"]), st.integers(1, 2100)).map(
        lambda pair: pair[0] * pair[1]
    ),
)


@FUZZ
@given(
    command=st.sampled_from(["/ban", "/unban", "/queue", "/ticket", "/broadcast"]),
    argument=OFFICIAL_ARGUMENT,
)
def test_every_officials_command_gets_a_reply_and_no_handler_fails(
    live_bot: LiveBot, command: str, argument: str
) -> None:
    text = f"{command} {argument}"
    if len(text.encode("utf-16-le")) // 2 > 4096:  # Telegram would not deliver it at all
        text = text[:2000]
    replies = live_bot.run(say(live_bot, text, OFFICIAL, ADMIN_CHAT))
    assert live_bot.update_errors == 0, text
    assert replies >= 1, f"no reply to {text!r}"
