"""Telegram's MarkdownV2 and legacy Markdown, parsed the way the Bot API parses them.

Like the HTML parser, this mirrors tdlib's ``parse_markdown_v2`` / ``parse_markdown`` so that
text Telegram refuses (an unescaped "." or "-" is the classic) is refused here with the same
wording. Offsets are UTF-16 code units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.sandbox.entities.text import (
    EntityParseError,
    FormattedText,
    JsonDict,
    make_link_entity,
    utf8_offset,
    utf16_len,
)

_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_CODE_RESERVED = frozenset("`")
_TYPE_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "code": "Code",
    "pre": "Pre",
    "custom_emoji": "CustomEmoji",
}
_CUSTOM_EMOJI_URL = re.compile(r"tg://emoji\?id=(\d{1,19})$")


@dataclass(slots=True)
class _OpenEntity:
    kind: str
    argument: str
    utf16_offset: int
    byte_source_index: int
    output_index: int


def _reserved_error(character: str) -> EntityParseError:
    return EntityParseError(
        f"Character '{character}' is reserved and must be escaped with the preceding '\\'"
    )


def _is_escapable(character: str) -> bool:
    return 0 < ord(character) <= 126


class _MarkdownV2Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.size = len(source)
        self.position = 0
        self.chunks: list[str] = []
        self.utf16_offset = 0
        self.stack: list[_OpenEntity] = []
        self.entities: list[tuple[int, JsonDict]] = []
        self.quote_start: int | None = None
        self.quote_expandable = False

    def at(self, index: int) -> str:
        return self.source[index] if index < self.size else ""

    def emit(self, chunk: str) -> None:
        self.chunks.append(chunk)
        self.utf16_offset += utf16_len(chunk)

    def in_code(self) -> bool:
        return bool(self.stack) and self.stack[-1].kind in {"code", "pre"}

    def add(self, entity: JsonDict) -> None:
        self.entities.append((len(self.entities), entity))

    def parse(self) -> FormattedText:
        while self.position < self.size:
            if self.handle_line_start():
                continue
            character = self.source[self.position]
            if (
                character == "\\"
                and self.position + 1 < self.size
                and _is_escapable(self.source[self.position + 1])
            ):
                self.emit(self.source[self.position + 1])
                self.position += 2
                continue
            reserved = _CODE_RESERVED if self.in_code() else _RESERVED
            if character not in reserved:
                self.emit(character)
                self.position += 1
                continue
            if self.is_expandability_mark():
                self.quote_expandable = True
                self.position += 2
            elif self.stack and self.is_end_of(self.stack[-1].kind):
                self.close_entity()
            else:
                self.open_entity(character)
        self.close_quote(self.utf16_offset)
        if self.stack:
            open_entity = self.stack[-1]
            name = _TYPE_NAMES[open_entity.kind]
            if open_entity.kind == "pre" and open_entity.argument:
                name = "PreCode"
            raise EntityParseError(
                f"Can't find end of {name} entity at byte offset "
                f"{utf8_offset(self.source, open_entity.byte_source_index)}"
            )
        ordered = sorted(self.entities, key=lambda item: (item[1]["offset"], -item[1]["length"]))
        return FormattedText("".join(self.chunks), [entity for _, entity in ordered])

    def handle_line_start(self) -> bool:
        """Consume a ">" (or "**>") that opens a block quotation line; close finished quotes."""
        if self.position > 0 and self.source[self.position - 1] != "\n":
            return False
        if self.in_code():
            return False
        if self.source.startswith("**>", self.position):
            marker_length, expandable = 3, True
        elif self.source.startswith(">", self.position):
            marker_length, expandable = 1, False
        else:
            # The newline ending the previous line is not part of the quotation.
            self.close_quote(self.utf16_offset - 1 if self.position > 0 else 0)
            return False
        if self.quote_start is None:
            self.quote_start = self.utf16_offset
            self.quote_expandable = expandable
        self.position += marker_length
        return True

    def close_quote(self, end: int) -> None:
        if self.quote_start is None:
            return
        if end > self.quote_start:
            kind = "expandable_blockquote" if self.quote_expandable else "blockquote"
            self.add({"offset": self.quote_start, "length": end - self.quote_start, "type": kind})
        self.quote_start = None
        self.quote_expandable = False

    def is_expandability_mark(self) -> bool:
        """A "||" ending a quoted line marks the quotation as expandable."""
        if self.quote_start is None or not self.source.startswith("||", self.position):
            return False
        if self.stack and self.stack[-1].kind == "spoiler":
            return False
        return self.at(self.position + 2) in {"", "\n"}

    def is_end_of(self, kind: str) -> bool:
        character = self.source[self.position]
        following = self.at(self.position + 1)
        if kind == "bold":
            return character == "*"
        if kind == "italic":
            return character == "_" and following != "_"
        if kind == "underline":
            return character == "_" and following == "_"
        if kind == "strikethrough":
            return character == "~"
        if kind == "spoiler":
            return character == "|" and following == "|"
        if kind == "code":
            return character == "`"
        if kind == "pre":
            return self.source.startswith("```", self.position)
        return character == "]"  # text_link, custom_emoji

    def open_entity(self, character: str) -> None:
        begin = self.position
        following = self.at(self.position + 1)
        argument = ""
        if character == "_" and following == "_":
            kind = "underline"
            self.position += 2
        elif character == "_":
            kind = "italic"
            self.position += 1
        elif character == "*":
            kind = "bold"
            self.position += 1
        elif character == "~":
            kind = "strikethrough"
            self.position += 1
        elif character == "|" and following == "|":
            kind = "spoiler"
            self.position += 2
        elif character == "[":
            kind = "text_link"
            self.position += 1
        elif character == "!" and following == "[":
            kind = "custom_emoji"
            self.position += 2
        elif character == "`" and self.source.startswith("```", self.position):
            kind = "pre"
            argument = self.open_pre()
        elif character == "`":
            kind = "code"
            self.position += 1
        else:
            raise _reserved_error(character)
        self.stack.append(_OpenEntity(kind, argument, self.utf16_offset, begin, len(self.chunks)))

    def open_pre(self) -> str:
        """Skip "```", an optional language and one newline; return the language."""
        self.position += 3
        language_end = self.position
        while language_end < self.size and not (
            self.source[language_end].isspace() or self.source[language_end] == "`"
        ):
            language_end += 1
        language = ""
        if language_end != self.position and self.at(language_end) not in {"", "`"}:
            language = self.source[self.position : language_end]
            self.position = language_end
        if self.at(self.position) in {"\n", "\r"}:
            pair = self.source[self.position : self.position + 2]
            self.position += 2 if pair in {"\r\n", "\n\r"} else 1
        return language

    def close_entity(self) -> None:
        open_entity = self.stack.pop()
        kind = open_entity.kind
        offset = open_entity.utf16_offset
        length = self.utf16_offset - offset
        entity: JsonDict | None = {"offset": offset, "length": length, "type": kind}
        if kind in {"underline", "spoiler"}:
            self.position += 2
        elif kind == "pre":
            self.position += 3
            if open_entity.argument and entity is not None:
                entity["language"] = open_entity.argument
        elif kind == "text_link":
            url = self.read_link_target(open_entity)
            entity = make_link_entity(offset, length, url)
        elif kind == "custom_emoji":
            url = self.read_link_target(open_entity)
            emoji = _CUSTOM_EMOJI_URL.match(url)
            if emoji is None:
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            if entity is not None:
                entity["custom_emoji_id"] = emoji.group(1)
        else:
            self.position += 1
        if entity is not None and length > 0:
            self.add(entity)

    def read_link_target(self, open_entity: _OpenEntity) -> str:
        """After "]": read "(url)" with "\\" escapes, or use the link text itself as the URL."""
        if self.at(self.position + 1) != "(":
            self.position += 1
            return "".join(self.chunks[open_entity.output_index :])
        self.position += 2
        url_begin = self.position
        url: list[str] = []
        while self.position < self.size and self.source[self.position] != ")":
            character = self.source[self.position]
            if (
                character == "\\"
                and self.position + 1 < self.size
                and _is_escapable(self.source[self.position + 1])
            ):
                url.append(self.source[self.position + 1])
                self.position += 2
                continue
            url.append(character)
            self.position += 1
        if self.position >= self.size:
            raise EntityParseError(
                f"Can't find end of a URL at byte offset {utf8_offset(self.source, url_begin)}"
            )
        self.position += 1
        return "".join(url)


def parse_markdown_v2(source: str) -> FormattedText:
    """Parse MarkdownV2 into plain text and entities; raise EntityParseError like Telegram."""
    return _MarkdownV2Parser(source).parse()


_LEGACY_TYPES = {"_": "italic", "*": "bold", "`": "code"}


def _pre_language(source: str, position: int) -> tuple[str, int]:
    """The language after an opening ```, if any, and where the block's text starts."""
    size = len(source)
    language = ""
    language_end = position
    while language_end < size and source[language_end] not in " \n\t`":
        language_end += 1
    if language_end != position and language_end < size and source[language_end] != "`":
        language = source[position:language_end]
        position = language_end
    if position < size and source[position] == "\n":
        position += 1
    return language, position


def _link_url(source: str, position: int, text: str) -> tuple[str, int]:
    """The URL of [text](url) and where parsing goes on; [text] alone links to its text."""
    if position < len(source) and source[position] == "(":
        url_end = source.find(")", position)
        if url_end == -1:
            raise EntityParseError(
                f"Can't find end of a URL at byte offset {utf8_offset(source, position + 1)}"
            )
        return source[position + 1 : url_end], url_end + 1
    return text, position


def _styled_entity(character: str, offset: int, length: int, language: str | None) -> JsonDict:
    """Italic, bold, code, or (``language`` not None) a pre block."""
    if language is None:
        return {"offset": offset, "length": length, "type": _LEGACY_TYPES[character]}
    entity: JsonDict = {"offset": offset, "length": length, "type": "pre"}
    if language:
        entity["language"] = language
    return entity


def parse_markdown(source: str) -> FormattedText:
    """Parse legacy Markdown (parse_mode "Markdown"): _italic_, *bold*, `code`, ```pre```,
    [text](url). No nesting; a backslash escapes only _ * ` [."""
    chunks: list[str] = []
    utf16_offset = 0
    entities: list[JsonDict] = []
    size = len(source)
    position = 0
    while position < size:
        character = source[position]
        if character == "\\" and position + 1 < size and source[position + 1] in "_*`[":
            chunks.append(source[position + 1])
            utf16_offset += 1
            position += 2
            continue
        if character not in "_*`[":
            chunks.append(character)
            utf16_offset += utf16_len(character)
            position += 1
            continue
        begin = position
        end_character = "]" if character == "[" else character
        is_pre = source.startswith("```", position)
        position += 3 if is_pre else 1
        language = ""
        if is_pre:
            language, position = _pre_language(source, position)
        entity_offset = utf16_offset
        inner_start = len(chunks)
        while position < size and not (
            source.startswith("```", position) if is_pre else source[position] == end_character
        ):
            chunks.append(source[position])
            utf16_offset += utf16_len(source[position])
            position += 1
        if position >= size:
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {utf8_offset(source, begin)}"
            )
        position += 3 if is_pre else 1
        length = utf16_offset - entity_offset
        entity: JsonDict | None
        if character == "[":
            url, position = _link_url(source, position, "".join(chunks[inner_start:]))
            entity = make_link_entity(entity_offset, length, url)
        else:
            entity = _styled_entity(character, entity_offset, length, language if is_pre else None)
        if entity is not None and length > 0:
            entities.append(entity)
    return FormattedText("".join(chunks), entities)
