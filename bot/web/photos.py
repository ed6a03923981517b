"""Residents' photos for the ticket page, fetched from the Bot API by file id (never stored)."""

from __future__ import annotations

import mimetypes

from telegram import Bot

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB


class TelegramPhotoSource:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def download(self, file_id: str) -> tuple[bytes, str]:
        file = await self._bot.get_file(file_id)
        data = bytes(await file.download_as_bytearray())
        if len(data) > MAX_PHOTO_BYTES:
            raise ValueError("photo larger than the Bot API allows")
        guessed, _ = mimetypes.guess_type(file.file_path or "")
        return data, guessed if guessed and guessed.startswith("image/") else "image/jpeg"
