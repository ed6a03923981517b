"""The officials' dashboard: server-rendered pages (aiohttp + Jinja2) over the same services as
the Telegram admin group. Works without JavaScript; nothing is loaded from elsewhere."""
