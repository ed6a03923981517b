"""How our tools launch Debian's Chromium headless: the browser tests and the README screenshot.

Nothing downloads a browser: Playwright is given this executable. The flags keep Chromium from
reaching out to the network, which is closed here.
"""

from __future__ import annotations

import os

DEFAULT_PATH = "/usr/bin/chromium"
ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


def chromium_path() -> str:
    """CHROMIUM_PATH if set, else Debian's package `chromium`."""
    return os.environ.get("CHROMIUM_PATH", DEFAULT_PATH)
