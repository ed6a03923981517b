"""One save in the content editor, as the dashboard makes it: the form read, saved, and the
page shown after the save (the redirect), with and without remembering each document's check.

    .venv/bin/python bench/editor_save.py [--rounds 6] [--database-url URL]

The sandbox exactly as `danbiet run` starts it, on a fresh SQLite database (or --database-url).
A content editor starts a draft; each round renames an indicator in it (a real save: a new
version, a new document) through services.draft_editing: `entity` (the form, opened before the
clock starts), then timed `save_entity` and `entity` (the page the redirect shows). Baseline:
ContentDrafts.checks = ProblemChecks(0), every read of the draft runs the full `content check`;
candidate: ProblemChecks() (the default), each document checked once. Rounds alternate baseline
and candidate in the same run. Approval is not measured: it always runs its own full check.
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

from bot.launcher import running_sandbox  # noqa: E402
from bot.services.access.model import AccountProfile  # noqa: E402
from bot.services.kernel.actor import Actor, Role  # noqa: E402
from bot.services.knowledge.drafts_steps import ProblemChecks  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from content.editing import Address  # noqa: E402

PASSWORD = "một câu mật khẩu dài cho phép đo"  # noqa: S105 - a throwaway sandbox account
INDICATOR = Address("indicator", "viec-lam")


async def measure(rounds: int, database_url: str) -> dict[str, list[float]]:
    settings = load_settings(
        None,
        telegram_bot_token=None,
        admin_chat_id=None,
        sandbox_port=0,
        sandbox_database_url=database_url,
    )
    results: dict[str, list[float]] = {"baseline": [], "remembered": []}
    async with running_sandbox(settings) as sandbox:
        services = sandbox.services
        view = await services.accounts.add(
            Actor.system(),
            "bench-editor",
            PASSWORD,
            Role.CONTENT_EDITOR,
            profile=AccountProfile("bench-editor"),
        )
        editor = Actor.staff(view.id, "bench-editor", Role.CONTENT_EDITOR)
        draft = await services.content_drafts.start(editor, "bench/editor_save.py")
        drafts = services.draft_editing._drafts  # the plain drafts service the editor uses
        for number in range(rounds * 2):
            name = "baseline" if number % 2 == 0 else "remembered"
            drafts.checks = ProblemChecks(0) if name == "baseline" else ProblemChecks()
            # The editor opens the form (not timed), then saves: the save and the page after it.
            form = await services.draft_editing.entity(editor, draft.id, INDICATOR)
            start = time.perf_counter()
            values = {**form.values, "name_en": f"Jobs (round {number})"}
            saved = await services.draft_editing.save_entity(
                editor, draft.id, form.draft.version, INDICATOR, values
            )
            assert saved.saved, saved.errors
            shown = await services.draft_editing.entity(editor, draft.id, INDICATOR)
            assert shown.values["name_en"] == values["name_en"]
            elapsed = time.perf_counter() - start
            results[name].append(elapsed)
            print(f"round {number // 2 + 1} {name}: {elapsed * 1000:.0f} ms", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="danbiet-bench-editor-") as temporary:
        url = args.database_url or f"sqlite+aiosqlite:///{Path(temporary) / 'bench.sqlite3'}"
        results = asyncio.run(measure(args.rounds, url))
    medians = {name: statistics.median(values) * 1000 for name, values in results.items()}
    for name, values in results.items():
        print(
            f"{name}: median {medians[name]:.0f} ms, max {max(values) * 1000:.0f} ms "
            f"({len(values)} rounds)"
        )
    print(f"save + page after it: {medians['baseline'] / medians['remembered']:.2f}x")


if __name__ == "__main__":
    main()
