"""Telegram's HTML formatting subset, parsed the way the Bot API parses it.

The parser follows tdlib's ``parse_html`` (the code behind the Bot API) closely enough that a
message rejected by Telegram is rejected here too, with the same wording, so end-to-end tests
catch un-escaped user text long before a real user does. Offsets and lengths of the produced
entities are counted in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.sandbox.entities.text import (
    EntityParseError,
    FormattedText,
    JsonDict,
    make_link_entity,
    utf8_offset,
    utf16_len,
)

SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_SIMPLE_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# tdlib's is_space(); NUL counts because tdlib scans a NUL-terminated buffer.
_SPACES = frozenset(" \t\r\n\v\f\0")
_MARKUP_START = re.compile(r"[<&]")


def decode_html_entity(source: str, position: int) -> tuple[str, int] | None:
    """Decode the character reference starting at ``source[position] == "&"``.

    Returns the character and the index after the reference, or None when this "&" is a
    literal ampersand (Telegram accepts those). Like tdlib, the closing ";" is optional.
    """
    end = position + 1
    size = len(source)
    if end < size and source[end] == "#":
        end += 1
        value = 0
        if end < size and source[end] == "x":
            end += 1
            digits_start = end
            while end < size and source[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(source[end], 16)
                end += 1
                if value >= 0x10FFFF:
                    return None
        else:
            digits_start = end
            while end < size and source[end].isascii() and source[end].isdigit():
                value = value * 10 + int(source[end])
                end += 1
                if value >= 0x10FFFF:
                    return None
        if end == digits_start or value == 0 or end - position >= 10:
            return None
        if 0xD800 <= value <= 0xDFFF:  # a lone surrogate is no character
            return None
        character = chr(value)
    else:
        while end < size and source[end].isascii() and source[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(source[position + 1 : end])
        if named is None:
            return None
        character = named
    if end < size and source[end] == ";":
        end += 1
    return character, end


@dataclass(slots=True)
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    output_index: int  # index into the output chunks, for <a> links without href
    open_order: int


@dataclass(slots=True)
class _Collected:
    """Entities in the order tags closed, with the opening order for stable sorting."""

    items: list[tuple[int, JsonDict]] = field(default_factory=list)

    def add(self, open_order: int, entity: JsonDict) -> None:
        self.items.append((open_order, entity))

    def sorted(self) -> list[JsonDict]:
        ordered = sorted(
            self.items, key=lambda item: (item[1]["offset"], -item[1]["length"], item[0])
        )
        return [entity for _, entity in ordered]


class _HtmlParser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.size = len(source)
        self.position = 0
        self.chunks: list[str] = []
        self.utf16_offset = 0
        self.stack: list[_OpenTag] = []
        self.entities = _Collected()
        self.opened = 0

    def error(self, message: str) -> EntityParseError:
        return EntityParseError(message)

    def byte_offset(self, index: int) -> int:
        return utf8_offset(self.source, index)

    def emit(self, chunk: str) -> None:
        self.chunks.append(chunk)
        self.utf16_offset += utf16_len(chunk)

    def skip_spaces(self) -> None:
        while self.position < self.size and self.source[self.position] in _SPACES:
            self.position += 1

    def parse(self) -> FormattedText:
        source = self.source
        while self.position < self.size:
            character = source[self.position]
            if character == "&":
                decoded = decode_html_entity(source, self.position)
                if decoded is not None:
                    self.emit(decoded[0])
                    self.position = decoded[1]
                else:
                    self.emit("&")
                    self.position += 1
            elif character == "<":
                if self.position + 1 < self.size and source[self.position + 1] == "/":
                    self.parse_end_tag()
                else:
                    self.parse_start_tag()
            else:
                markup = _MARKUP_START.search(source, self.position)
                run_end = markup.start() if markup is not None else self.size
                self.emit(source[self.position : run_end])
                self.position = run_end
        if self.stack:
            raise self.error(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        return FormattedText("".join(self.chunks), self.entities.sorted())

    def parse_start_tag(self) -> None:
        source = self.source
        begin = self.position
        self.position += 1
        name_start = self.position
        while (
            self.position < self.size
            and source[self.position] not in _SPACES
            and source[self.position] != ">"
        ):
            self.position += 1
        if self.position >= self.size:
            raise self.error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        tag = source[name_start : self.position].lower()
        if tag not in SUPPORTED_TAGS:
            raise self.error(
                f'Unsupported start tag "{tag}" at byte offset {self.byte_offset(begin)}'
            )
        argument = ""
        while True:
            self.skip_spaces()
            if self.position >= self.size:
                raise self.error(
                    f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(begin)}'
                )
            if source[self.position] == ">":
                break
            attribute, value = self.parse_attribute(tag, begin)
            argument = _tag_argument(tag, attribute, value, argument)
        self.position += 1  # the ">"
        if tag == "span" and argument != "spoiler":
            raise self.error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        self.stack.append(_OpenTag(tag, argument, self.utf16_offset, len(self.chunks), self.opened))
        self.opened += 1

    def parse_attribute(self, tag: str, tag_begin: int) -> tuple[str, str]:
        source = self.source
        attribute = self._attribute_name(tag, tag_begin)
        self.skip_spaces()
        if self.position >= self.size or source[self.position] != "=":
            if tag == "blockquote" and attribute == "expandable":
                return attribute, ""
            raise self.error(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {self.byte_offset(tag_begin)}'
            )
        self.position += 1
        self.skip_spaces()
        if self.position >= self.size:
            raise self.error(
                f'Unclosed start tag "{tag}" at byte offset {self.byte_offset(tag_begin)}'
            )
        if source[self.position] not in "'\"":
            return attribute, self._unquoted_value()
        return attribute, self._quoted_value(tag_begin)

    def _attribute_name(self, tag: str, tag_begin: int) -> str:
        source = self.source
        name_start = self.position
        while (
            self.position < self.size
            and source[self.position] not in _SPACES
            and source[self.position] not in "=>"
        ):
            self.position += 1
        attribute = source[name_start : self.position].lower()
        if not attribute:
            raise self.error(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{self.byte_offset(tag_begin)}"
            )
        return attribute

    def _unquoted_value(self) -> str:
        """An unquoted name token: letters, digits, periods and hyphens, case-insensitive."""
        source = self.source
        token_start = self.position
        while self.position < self.size and (
            (source[self.position].isascii() and source[self.position].isalnum())
            or source[self.position] in ".-"
        ):
            self.position += 1
        if self.position < self.size and (
            source[self.position] not in _SPACES and source[self.position] != ">"
        ):
            raise self.error(
                f"Unexpected end of name token at byte offset {self.byte_offset(token_start)}"
            )
        return source[token_start : self.position].lower()

    def _quoted_value(self, tag_begin: int) -> str:
        source = self.source
        quote = source[self.position]
        self.position += 1
        value: list[str] = []
        while self.position < self.size and source[self.position] != quote:
            if source[self.position] == "&":
                decoded = decode_html_entity(source, self.position)
                if decoded is not None:
                    value.append(decoded[0])
                    self.position = decoded[1]
                    continue
            value.append(source[self.position])
            self.position += 1
        if self.position >= self.size:
            raise self.error(f"Unclosed start tag at byte offset {self.byte_offset(tag_begin)}")
        self.position += 1  # the closing quote
        return "".join(value)

    def parse_end_tag(self) -> None:
        source = self.source
        begin = self.position
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.position += 2  # "</"
        name_start = self.position
        while (
            self.position < self.size
            and source[self.position] not in _SPACES
            and source[self.position] != ">"
        ):
            self.position += 1
        end_name = source[name_start : self.position]
        self.skip_spaces()
        if self.position >= self.size or source[self.position] != ">":
            raise self.error(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.position += 1
        open_tag = self.stack.pop()
        if end_name and end_name.lower() != open_tag.name:
            raise self.error(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{open_tag.name}>", found "</{end_name}>"'
            )
        if self.utf16_offset > open_tag.utf16_offset:
            self.close_entity(open_tag)

    def close_entity(self, tag: _OpenTag) -> None:
        offset = tag.utf16_offset
        length = self.utf16_offset - offset
        simple_type = _SIMPLE_TAG_TYPES.get(tag.name)
        if simple_type is not None:
            self.entities.add(tag.open_order, _entity(offset, length, simple_type))
        elif tag.name == "a":
            url = tag.argument or "".join(self.chunks[tag.output_index :])
            link = make_link_entity(offset, length, url)
            if link is not None:
                self.entities.add(tag.open_order, link)
        elif tag.name == "code":
            inside_pre = bool(self.stack) and self.stack[-1].name == "pre"
            entity = _entity(offset, length, "code")
            if inside_pre and tag.argument:
                entity["language"] = tag.argument
            self.entities.add(tag.open_order, entity)
        elif tag.name == "pre":
            self.close_pre(tag, offset, length)
        elif tag.name == "blockquote":
            kind = "expandable_blockquote" if tag.argument else "blockquote"
            self.entities.add(tag.open_order, _entity(offset, length, kind))
        elif tag.name == "tg-emoji":
            if not tag.argument.isdigit():
                raise self.error("Invalid custom emoji identifier specified")
            entity = _entity(offset, length, "custom_emoji")
            entity["custom_emoji_id"] = tag.argument
            self.entities.add(tag.open_order, entity)

    def close_pre(self, tag: _OpenTag, offset: int, length: int) -> None:
        # A pre block holds no other formatting: a <code class="language-x"> spanning all of it
        # only lends its language, and any other code entity inside is dropped.
        language = ""
        kept: list[tuple[int, JsonDict]] = []
        for order, entity in self.entities.items:
            inside = offset <= entity["offset"] and entity["offset"] + entity["length"] <= (
                offset + length
            )
            if entity["type"] == "code" and inside:
                if entity["offset"] == offset and entity["length"] == length:
                    language = entity.get("language", "")
                continue
            kept.append((order, entity))
        self.entities.items = kept
        entity = _entity(offset, length, "pre")
        if language:
            entity["language"] = language
        self.entities.add(tag.open_order, entity)


def _entity(offset: int, length: int, kind: str) -> JsonDict:
    return {"offset": offset, "length": length, "type": kind}


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "1"
    return current


def parse_html(source: str) -> FormattedText:
    """Parse Telegram-HTML into plain text and entities; raise EntityParseError like Telegram."""
    return _HtmlParser(source).parse()


def escape_html(text: str) -> str:
    """Escape the three characters that Telegram-HTML requires escaping in text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
