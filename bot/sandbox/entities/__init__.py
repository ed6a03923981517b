"""Telegram's formatted text: the HTML and Markdown parsers and the UTF-16 arithmetic they share."""
