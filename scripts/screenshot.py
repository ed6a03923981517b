"""Screenshot of the sandbox chat page for the README, from a real run.

Starts the sandbox (emulator, real bot, chat page) on a fresh database, asks a question in
Chromium, and saves the page once the answer with its source is shown.

    .venv/bin/python scripts/screenshot.py [docs/sandbox.png]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.launcher import running_sandbox
from bot.sandbox import chromium
from bot.settings import load_settings


async def main(output: Path) -> None:
    with tempfile.TemporaryDirectory() as directory:
        settings = load_settings(
            None,
            sandbox_port=0,
            web_port=0,
            sandbox_database_url=f"sqlite+aiosqlite:///{Path(directory) / 'shot.sqlite3'}",
            log_level="WARNING",
        )
        async with running_sandbox(settings) as sandbox, async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium.chromium_path(), args=list(chromium.ARGS)
            )
            page = await browser.new_page(viewport={"width": 1100, "height": 900})
            await page.goto(sandbox.url)
            box = page.get_by_role("textbox").first
            await box.fill("ty le ho ngheo")
            await box.press("Enter")
            await page.get_by_text("Nguồn:").first.wait_for()
            output.parent.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(output))
            await browser.close()
    print(f"saved {output}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/sandbox.png")))
