"""The form of each kind of entity: its fields, in the order an editor fills them in, each
naming where in the entry it is stored (``("name", "vi")`` is ``name.vi``) and how it is typed.

Aliases and keywords are fields of indicators, policies and FAQs (one term a line).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal[
    "key",  # an entry's key (content.schema.KEY_PATTERN)
    "line",  # one line of text
    "text",  # several lines
    "long",  # a report's full text (up to content.proposals.MAX_REPORT_BYTES)
    "terms",  # one term a line
    "number",  # Vietnamese or plain
    "date",
    "flag",
    "area",  # an area's key, chosen from the document's areas
    "report",  # a report's key, chosen from the document's reports
    "indicators",  # indicator keys, one a line
    "status",
    "qualifier",
]


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the form field's name, also the catalog key's tail (content-editor-field-…)
    path: tuple[str | int, ...]  # an int: a position in a list (a row, content/editing/rows.py)
    kind: FieldKind
    required: bool = False
    label: str | None = None  # the catalog key of its label, when not named after ``name``

    @property
    def label_key(self) -> str:
        return self.label or "content-editor-field-" + self.name.replace("_", "-")


def _pair(name: str, path: str, kind: FieldKind = "line", required: bool = True) -> list[Field]:
    """A text in both languages: Vietnamese first, English second."""
    return [
        Field(f"{name}_vi", (path, "vi"), kind, required),
        Field(f"{name}_en", (path, "en"), kind, required),
    ]


def _terms() -> list[Field]:
    return [
        Field("aliases_vi", ("aliases", "vi"), "terms"),
        Field("aliases_en", ("aliases", "en"), "terms"),
        Field("keywords_vi", ("keywords", "vi"), "terms"),
        Field("keywords_en", ("keywords", "en"), "terms"),
    ]


def _source() -> list[Field]:
    return [
        Field("source_report", ("source", "report"), "report", True),
        Field("quote", ("source", "quote"), "text", True),
        Field("quote_en", ("source", "quote_en"), "text"),
    ]


REPORT: tuple[Field, ...] = (
    Field("key", ("key",), "key", True),
    *_pair("title", "title", "text"),
    Field("published", ("published",), "date", True),
    Field("published_estimated", ("published_estimated",), "flag"),
    *_pair("period", "period", required=False),  # found in the text when left empty
    Field("period_key", ("period_key",), "line"),
    *_pair("publisher", "publisher", "text"),
    *_pair("summary", "summary", "text"),
    Field("text", ("text",), "long", True),
)
INDICATOR: tuple[Field, ...] = (
    Field("key", ("key",), "key", True),
    Field("area", ("area",), "area", True),
    *_pair("name", "name"),
    *_pair("description", "description", "text", required=False),
    *_terms(),
)
OBSERVATION: tuple[Field, ...] = (
    *_pair("period", "period"),
    Field("period_key", ("period_key",), "line", True),
    Field("as_of", ("as_of",), "date", True),
    Field("qualifier", ("qualifier",), "qualifier"),
    Field("value", ("value",), "number"),
    *_pair("unit", "unit", required=False),
    Field("target", ("target",), "number"),
    *_pair("target_label", "target_label", required=False),
    Field("reported_percent_of_plan", ("reported_percent_of_plan",), "number"),
    Field("change_on_previous_year", ("change_on_previous_year",), "number"),
    *_pair("statement", "statement", "text"),
    Field("status", ("status",), "status"),
    *_source(),
)
POLICY: tuple[Field, ...] = (
    Field("key", ("key",), "key", True),
    Field("area", ("area",), "area", True),
    *_pair("name", "name"),
    Field("document", ("document",), "line"),
    *_pair("issuer", "issuer", required=False),
    *_pair("summary", "summary", "text"),
    Field("related_indicators", ("related_indicators",), "indicators"),
    *_terms(),
)
NOTE: tuple[Field, ...] = (  # what one report says of a policy, in its words
    *_pair("note", "text", "text"),
    *_source(),
)
FAQ: tuple[Field, ...] = (
    Field("key", ("key",), "key", True),
    *_pair("question", "question"),
    *_pair("answer", "answer", "text"),
    *_source(),
    *_terms(),
)
# Optional texts in both languages: left out of the entry when both are empty.
OPTIONAL_PAIRS = frozenset({"description", "issuer", "unit", "target_label", "period"})
NUMBER_FIELDS = ("value", "target", "reported_percent_of_plan", "change_on_previous_year")
