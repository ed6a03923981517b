"""What the emulated Telegram stores: chats, messages, files, members and injected faults,
as plain records, with the JSON shapes the Bot API gives them."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.sandbox.botapi.params import ApiError, JsonDict

# Keys kept in stored messages for the sandbox page but never sent to the bot.
INTERNAL_MESSAGE_KEYS = frozenset({"html"})
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})
PRESENT_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})
ADMIN_STATUSES = frozenset({"creator", "administrator"})
SUPERGROUP_ID_LIMIT = -1_000_000_000_000  # supergroup ids are -100 followed by the id
# Update kinds delivered when allowed_updates was never set (or set to []).
DEFAULT_UPDATE_KINDS = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)
# A 1x1 transparent PNG: the content of synthetic photos, so that bots can download them.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


class EmulatorError(Exception):
    """The simulation API was misused (unknown user or chat, missing button, ...)."""


def public_message(message: JsonDict) -> JsonDict:
    """The message as the Bot API returns it: without the emulator's internal keys."""
    if INTERNAL_MESSAGE_KEYS.isdisjoint(message):
        return message
    return {key: value for key, value in message.items() if key not in INTERNAL_MESSAGE_KEYS}


@dataclass(slots=True)
class ChatState:
    chat: JsonDict  # the Chat object embedded in messages
    members: dict[int, str] = field(default_factory=dict)  # user id -> status (groups)
    messages: dict[int, JsonDict] = field(default_factory=dict)  # in message_id order
    edit_counts: dict[int, int] = field(default_factory=dict)
    last_message_id: int = 0
    reply_keyboard: JsonDict | None = None  # the reply keyboard / force reply shown now
    force_reply_to: int | None = None  # the message a ForceReply asks users to answer

    @property
    def id(self) -> int:
        chat_id: int = self.chat["id"]
        return chat_id

    @property
    def is_private(self) -> bool:
        return bool(self.chat["type"] == "private")

    def messages_after(self, message_id: int) -> list[JsonDict]:
        """Messages newer than ``message_id``, oldest first, scanning only those."""
        newer: list[JsonDict] = []
        for message in reversed(self.messages.values()):
            if message["message_id"] <= message_id:
                break
            newer.append(message)
        newer.reverse()
        return newer


@dataclass(frozen=True, slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # photo, document, sticker
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def as_file(self) -> JsonDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass(slots=True)
class Fault:
    method: str  # lower-case method name or "*"
    error: ApiError
    remaining: int


def summarize_message(message: JsonDict) -> str:
    """One line describing a message."""
    if "text" in message:
        body = repr(message["text"][:120])
    elif "photo" in message:
        body = f"[photo] {message.get('caption', '')[:100]!r}"
    elif "document" in message:
        body = f"[document {message['document'].get('file_name', '')}]"
    elif "location" in message:
        body = "[location]"
    else:
        body = "[" + ", ".join(sorted(set(message) - {"message_id", "from", "chat", "date"})) + "]"
    markup = message.get("reply_markup", {}).get("inline_keyboard")
    if markup:
        body += " buttons=" + repr([button.get("text") for row in markup for button in row])
    if "edit_date" in message:
        body += " (edited)"
    return f"#{message['message_id']}: {body}"


FILE_ID_PREFIXES = {"photo": "AgACAgIAAx", "sticker": "CAACAgIAAx", "document": "BQACAgIAAx"}


def utf16_slice(text: str, offset: int, length: int) -> str:
    encoded = text.encode("utf-16-le", "surrogatepass")
    return encoded[offset * 2 : (offset + length) * 2].decode("utf-16-le", "surrogatepass")


def chat_member_json(user: JsonDict, status: str) -> JsonDict:
    """A ChatMember object with the fields its status requires."""
    member: JsonDict = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(
            can_be_edited=False,
            is_anonymous=False,
            can_manage_chat=True,
            can_delete_messages=True,
            can_manage_video_chats=True,
            can_restrict_members=True,
            can_promote_members=False,
            can_change_info=True,
            can_invite_users=True,
            can_post_stories=False,
            can_edit_stories=False,
            can_delete_stories=False,
            can_pin_messages=True,
        )
    elif status == "kicked":
        member["until_date"] = 0
    elif status == "restricted":
        member.update(
            is_member=True,
            until_date=0,
            **dict.fromkeys(
                (
                    "can_change_info",
                    "can_invite_users",
                    "can_pin_messages",
                    "can_send_messages",
                    "can_send_polls",
                    "can_send_other_messages",
                    "can_add_web_page_previews",
                    "can_manage_topics",
                    "can_send_audios",
                    "can_send_documents",
                    "can_send_photos",
                    "can_send_videos",
                    "can_send_video_notes",
                    "can_send_voice_notes",
                    "can_edit_tag",
                    "can_react_to_messages",
                ),
                False,
            ),
        )
    return member
