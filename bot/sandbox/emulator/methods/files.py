"""Photos and documents: sending them (uploaded, by URL or by file_id) and getFile."""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.sandbox.botapi.params import JsonDict, Parameters, UploadedFile, bad_request
from bot.sandbox.emulator.methods.base import MethodHandler
from bot.sandbox.emulator.methods.sending import Sender, is_url
from bot.sandbox.emulator.records import TINY_PNG


class FileMethods(Sender):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "sendPhoto": self.send_photo,
            "sendDocument": self.send_document,
            "getFile": self.get_file,
        }

    async def send_photo(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        photo = self._input_file(params, "photo")
        caption = self._caption_content(params)
        markup = self._reply_markup(params, chat)
        if isinstance(photo, UploadedFile):
            sizes = self.state.store_photo(photo.data)
        elif is_url(photo):
            # No internet here: a URL photo becomes a synthetic image.
            sizes = self.state.store_photo(TINY_PNG)
        else:
            self._existing_file(photo, "photo")
            sizes = self.state.photo_sets[photo]
        content: JsonDict = {"photo": sizes, **caption}
        if params.flag("has_spoiler"):
            content["has_media_spoiler"] = True
        return await self._send(params, chat, content, markup)

    async def send_document(self, params: Parameters) -> JsonDict:
        chat = self._writable_chat(params)
        document = self._input_file(params, "document")
        caption = self._caption_content(params)
        markup = self._reply_markup(params, chat)
        if isinstance(document, UploadedFile):
            stored = self.state.store_file(
                "document",
                document.data,
                file_name=document.filename,
                mime_type=document.content_type,
            )
        elif is_url(document):
            name = urlsplit(document).path.rsplit("/", 1)[-1] or "file"
            stored = self.state.store_file("document", b"", file_name=name)
        else:
            stored = self._existing_file(document, "document")
        document_json: JsonDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            document_json["file_name"] = stored.file_name
        if stored.mime_type:
            document_json["mime_type"] = stored.mime_type
        return await self._send(params, chat, {"document": document_json, **caption}, markup)

    async def get_file(self, params: Parameters) -> JsonDict:
        file_id = params.string("file_id", required=True) or ""
        stored = self.state.files.get(file_id)
        if stored is None:
            raise bad_request("invalid file_id")
        return stored.as_file()
