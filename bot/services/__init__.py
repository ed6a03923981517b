"""Business rules, grouped by context (tickets, broadcasts, knowledge, access, stats) over a
shared kernel; no Telegram, no aiohttp, no SQL. See docs/architecture.md."""
