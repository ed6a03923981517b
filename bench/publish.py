"""From publish to the residents' first answer with the new figure, through the running bot.

    .venv/bin/python bench/publish.py [--rounds 5] [--database-url URL]

The sandbox exactly as `danbiet run` starts it (the real bot, its dashboard's services, our Bot
API emulator), on a fresh SQLite database (or --database-url: PostgreSQL). Each round, as the
dashboard does it: a content editor starts a draft, pastes the next quarter's report and accepts
its poor-households figure (content/editing through services.draft_editing); an approver
approves it. Timed from the approve call: its return (the release stored, live and swapped into
this instance), and the first reply to a resident's question ("ty le ho ngheo") that gives the
new figure, asked through the emulator until it does. Then a rollback, timed to the first reply
with the old figure again. Other instances see a publish at their next look at the live release
(every CONTENT_REFRESH_SECONDS, 3 s by default; tests/e2e/test_content_releases.py checks two
instances on PostgreSQL within 10 s).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.launcher import Sandbox, running_sandbox  # noqa: E402
from bot.services.access.model import AccountProfile  # noqa: E402
from bot.services.kernel.actor import Actor, Role  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from content.editing import Address  # noqa: E402

PASSWORD = "một câu mật khẩu dài cho phép đo"  # noqa: S105 - a throwaway sandbox account
QUESTION = "ty le ho ngheo"
OLD_FIGURE = "3.612"
NEW_FIGURE = "2.981"
REPORT_KEY = "report-2024-q1"
REPORT = (
    "Sáng 15/4/2024, Ban Chỉ đạo Chương trình số 08-CTr/TU của Thành ủy giao ban kết quả thực "
    "hiện quý I/2024.\n"
    "Báo cáo cho biết, đến nay, toàn thành phố có 2.981 hộ nghèo, chiếm 0,13% tổng số hộ dân "
    "toàn thành phố; 25.112 hộ cận nghèo, chiếm 1,02%.\n"
)
REPORT_FORM = {
    "key": REPORT_KEY,
    "title_vi": "Giao ban kết quả quý I/2024",
    "title_en": "Results of Q1 2024",
    "published": "2024-04-15",
    "publisher_vi": "Sở Lao động - Thương binh và Xã hội Hà Nội",
    "publisher_en": "Hanoi DOLISA",
    "summary_vi": "Kết quả quý I/2024.",
    "summary_en": "Results of Q1 2024.",
    "text": REPORT,
}
ANSWER_TIMEOUT = 30.0


async def account(sandbox: Sandbox, username: str, role: Role) -> Actor:
    view = await sandbox.services.accounts.add(
        Actor.system(), username, PASSWORD, role, profile=AccountProfile(username)
    )
    return Actor.staff(view.id, username, role)


async def ask(sandbox: Sandbox, resident_id: int) -> str:
    sent = await sandbox.emulator.send_text(resident_id, QUESTION)
    reply = await sandbox.emulator.wait_for_bot_message(
        resident_id, after=sent["message"]["message_id"], timeout=10
    )
    return str(reply["text"])


async def until_answered(sandbox: Sandbox, resident_id: int, figure: str, start: float) -> float:
    """Seconds from `start` to the first reply giving `figure` in the card's first line."""
    while True:
        text = await ask(sandbox, resident_id)
        if figure in text.split("•", 1)[0]:
            return time.perf_counter() - start
        if time.perf_counter() - start > ANSWER_TIMEOUT:
            raise SystemExit(f"no answer with {figure} {ANSWER_TIMEOUT}s after the change")


async def prepared_draft(sandbox: Sandbox, editor: Actor, round_number: int) -> int:
    """A draft holding the pasted report and its poor-households figure, accepted."""
    services = sandbox.services
    draft = await services.content_drafts.start(editor, f"bench/publish.py round {round_number}")
    draft_id = draft.summary.id
    saved = await services.draft_editing.save_entity(
        editor, draft_id, draft.version, Address("report"), REPORT_FORM
    )
    assert saved.saved, saved.errors
    found = await services.draft_editing.proposals(editor, draft_id, REPORT_KEY)
    (number,) = [item.number for item in found.shown if item.figure == "2.981 hộ"]
    form = await services.draft_editing.proposal(editor, draft_id, REPORT_KEY, number)
    values = {**form.values, "statement_en": "The city has 2,981 poor households."}
    accepted = await services.draft_editing.accept(editor, draft_id, form.draft.version, values)
    assert accepted.saved, accepted.errors
    return draft_id


async def measure(rounds: int, database_url: str) -> list[dict[str, float]]:
    settings = load_settings(
        None,
        telegram_bot_token=None,
        admin_chat_id=None,
        sandbox_port=0,
        sandbox_database_url=database_url,
    )
    results = []
    async with running_sandbox(settings) as sandbox:
        editor = await account(sandbox, "bench-editor", Role.CONTENT_EDITOR)
        approver = await account(sandbox, "bench-approver", Role.APPROVER)
        resident = sandbox.hub.create_resident("Cư dân đo", "vi")
        assert OLD_FIGURE in await ask(sandbox, resident.id)
        for round_number in range(rounds):
            draft_id = await prepared_draft(sandbox, editor, round_number)
            version = (await sandbox.services.content_drafts.get(approver, draft_id)).version
            start = time.perf_counter()
            await sandbox.services.content_drafts.approve(approver, draft_id, version)
            approved = time.perf_counter() - start
            answered = await until_answered(sandbox, resident.id, NEW_FIGURE, start)
            start = time.perf_counter()
            await sandbox.services.releases.rollback(approver)
            rolled_back = await until_answered(sandbox, resident.id, OLD_FIGURE, start)
            results.append(
                {"approve": approved, "first_answer": answered, "rollback_answer": rolled_back}
            )
            print(
                f"round {round_number + 1}: approve {approved * 1000:.0f} ms, first answer with "
                f"the new figure {answered * 1000:.0f} ms, after a rollback "
                f"{rolled_back * 1000:.0f} ms",
                flush=True,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="danbiet-bench-publish-") as temporary:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(temporary) / 'bench.sqlite3'}"
        results = asyncio.run(measure(args.rounds, url))
    for name in ("approve", "first_answer", "rollback_answer"):
        values = [item[name] * 1000 for item in results]
        print(
            f"{name}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms "
            f"({len(values)} rounds)"
        )


if __name__ == "__main__":
    main()
