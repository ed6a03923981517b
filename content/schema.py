"""The shape of published content: every figure carries its value, unit, period, date and source.

Content files under ``content/data/`` are validated against these models; the loader turns a
validation error into a message naming the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# Keys travel in callback data (64 bytes) and deep links (`/start <key>`: A-Z a-z 0-9 _ -).
KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}$"
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Model(BaseModel):
    """Strict base: unknown fields are errors, so a typo in a content file never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Model):
    """A text in both languages: Vietnamese first, English second."""

    vi: NonEmpty
    en: NonEmpty

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.vi


class Terms(Model):
    """Words residents may use for an entry, beyond its name: aliases and keywords per language."""

    vi: tuple[NonEmpty, ...] = ()
    en: tuple[NonEmpty, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.vi + self.en


class Status(enum.StrEnum):
    """Where an indicator stands, as the report describes it."""

    ACHIEVED = "achieved"  # completed or exceeded
    BASICALLY_ACHIEVED = "basically_achieved"  # "cơ bản đã hoàn thành": never shown as done
    ON_TRACK = "on_track"  # progressing as planned
    HARD = "hard"  # named by the report as difficult
    REPORTED = "reported"  # a figure without a judgement


class Source(Model):
    """Where a figure comes from: a report (by key) and the sentence that states it."""

    report: Key
    quote: NonEmpty  # verbatim from the report, in Vietnamese
    quote_en: str | None = None  # our translation, labelled as such when shown


class Qualifier(enum.StrEnum):
    """A word the report puts before a figure; every rendering keeps it (catalog key
    ``qualifier-<value>``); QUALIFIER_WORDS is how the Vietnamese report writes it."""

    OVER = "over"  # "trên 5,64 triệu"
    MORE_THAN = "more-than"  # "hơn"
    ABOUT = "about"  # "khoảng"
    NEARLY = "nearly"  # "gần"
    EQUIVALENT = "equivalent"  # "tương đương 13.250 bác sỹ"


QUALIFIER_WORDS: dict[Qualifier, str] = {
    Qualifier.OVER: "trên",
    Qualifier.MORE_THAN: "hơn",
    Qualifier.ABOUT: "khoảng",
    Qualifier.NEARLY: "gần",
    Qualifier.EQUIVALENT: "tương đương",
}


def vi_number(value: float) -> str:
    """``value`` as a Vietnamese report writes it: "7.152,8", "0,16", "3.612"."""
    whole, _, fraction = f"{value:,.6f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


def stated_qualifier(quote: str, value: float) -> Qualifier | None:
    """The qualifier the quote puts before ``value``; LookupError where the quote lacks it."""
    number = re.escape(vi_number(value))
    found = re.search(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)", quote)
    if found is None:
        raise LookupError(f"{vi_number(value)} is not in the source quote")
    before = quote[: found.start()].rstrip().casefold()
    for qualifier, word in QUALIFIER_WORDS.items():
        if before.endswith(word) and not before[: -len(word)][-1:].isalpha():
            return qualifier
    return None


def _check_qualifier(quote: str, value: float, qualifier: Qualifier | None, what: str) -> None:
    """A figure keeps the qualifier its quote gives it, and gets no other. A figure absent from
    its quote is left to the loader's own checks (a mistyped number fails there, once) and to
    the invariant test over every rendering (tests/unit/test_trust_in_numbers.py)."""
    try:
        stated = stated_qualifier(quote, value)
    except LookupError:
        return
    if stated != qualifier:
        raise ValueError(
            f"{what} {vi_number(value)}: the quote says "
            f"{QUALIFIER_WORDS[stated] if stated else 'no qualifier'}, the content says "
            f"{QUALIFIER_WORDS[qualifier] if qualifier else 'no qualifier'}"
        )


class Figure(Model):
    """A secondary number stated beside the main one (a share, a breakdown)."""

    label: Localized
    value: float
    unit: Localized
    qualifier: Qualifier | None = None  # "trên", "khoảng"… as the report writes it


class Observation(Model):
    """One reported state of an indicator: the figure as of one report."""

    period: Localized  # "Quý I/2022", "Q1 2022"
    period_key: Annotated[str, StringConstraints(pattern=r"^\d{4}(-(Q[1-4]|H[12]))?(/\d{4})?$")]
    as_of: dt.date  # the date the figure was published
    value: float | None = None  # None where the report gives only a judgement or a change
    qualifier: Qualifier | None = None  # the word before `value` in the report ("trên")
    unit: Localized | None = None
    statement: Localized  # the figure worded as the report words it
    # The plan the report states for the period, in the same unit as value; only a plan (a
    # "kế hoạch" or "mục tiêu"), never a count out of which something is done (18/27).
    target: float | None = None
    target_label: Localized | None = None  # "kế hoạch năm 2022": required with a target
    reported_percent_of_plan: float | None = None  # only where the report states it
    change_on_previous_year: float | None = None  # percent, signed, where reported
    figures: tuple[Figure, ...] = ()
    status: Status = Status.REPORTED
    source: Source

    @field_validator("target")
    @classmethod
    def _target_positive(cls, target: float | None) -> float | None:
        if target is not None and target <= 0:
            raise ValueError("target must be positive")
        return target

    @model_validator(mode="after")
    def _figures_as_quoted(self) -> Observation:
        if self.target is not None:
            label = self.target_label.vi.casefold() if self.target_label else ""
            if "kế hoạch" not in label and "mục tiêu" not in label:
                raise ValueError(
                    "target is a plan: target_label must name it (“kế hoạch …”, “mục tiêu …”)"
                )
        if self.value is not None:
            _check_qualifier(self.source.quote, self.value, self.qualifier, "value")
        elif self.qualifier is not None:
            raise ValueError("qualifier without a value")
        for figure in self.figures:
            _check_qualifier(self.source.quote, figure.value, figure.qualifier, "figure")
        return self

    def percent_of_plan(self) -> float | None:
        """Progress against the plan: computed from value and target, else as reported."""
        if self.value is not None and self.target is not None:
            return self.value / self.target * 100
        return self.reported_percent_of_plan


class Area(Model):
    """A field of the programme, used to browse indicators and file feedback."""

    key: Key
    name: Localized
    emoji: str = ""


class Department(Model):
    """A city department officials can assign feedback to; `areas` are the fields it handles."""

    key: Key
    name: Localized
    areas: tuple[Key, ...] = ()


class Indicator(Model):
    key: Key
    area: Key
    name: Localized
    description: Localized | None = None
    aliases: Terms = Terms()
    keywords: Terms = Terms()
    observations: tuple[Observation, ...] = Field(min_length=1)

    def latest(self) -> Observation:
        return max(self.observations, key=lambda observation: observation.as_of)

    def headline(self) -> Observation:
        """The observation a card leads with: the latest one that states a figure."""
        with_figure = [item for item in self.observations if item.value is not None]
        return max(with_figure or self.observations, key=lambda observation: observation.as_of)

    def history(self) -> tuple[Observation, ...]:
        return tuple(sorted(self.observations, key=lambda observation: observation.as_of))


class PolicyNote(Model):
    """What one report says of a policy."""

    text: Localized
    source: Source
    figures: tuple[Figure, ...] = ()

    @model_validator(mode="after")
    def _figures_as_quoted(self) -> PolicyNote:
        for figure in self.figures:
            _check_qualifier(self.source.quote, figure.value, figure.qualifier, "figure")
        return self


class Policy(Model):
    key: Key
    area: Key
    name: Localized
    document: str | None = None  # "68/NQ-CP"
    issuer: Localized | None = None
    summary: Localized
    notes: tuple[PolicyNote, ...] = ()
    related_indicators: tuple[Key, ...] = ()
    aliases: Terms = Terms()
    keywords: Terms = Terms()


class Faq(Model):
    key: Key
    question: Localized
    answer: Localized
    source: Source
    # Further sentences the answer draws on (another part of the report, another report):
    # each is cited under the answer, so every figure in it is in a quote the resident sees.
    also: tuple[Source, ...] = ()
    aliases: Terms = Terms()
    keywords: Terms = Terms()


class Person(Model):
    name: NonEmpty
    role: Localized


class Report(Model):
    """A published report, summarised for one period; the sources of every figure."""

    key: Key
    title: Localized
    period: Localized
    period_key: Annotated[str, StringConstraints(pattern=r"^\d{4}-(Q[1-4]|H[12])$")]
    published: dt.date
    # True where the source gives no date and `published` is our estimate: shown as estimated.
    published_estimated: bool = False
    publisher: Localized
    reporters: tuple[Person, ...] = ()
    summary: Localized
    highlights: tuple[Localized, ...] = ()
    indicators: tuple[Key, ...] = ()  # the indicators this report gives figures for
    seed_file: str | None = None
    # The report's full text as pasted in the dashboard's editor (content/editing): every quote
    # of a figure from it is a verbatim span of it. Shipped reports keep theirs in seed_file.
    text: str | None = None


class Programme(Model):
    code: NonEmpty  # "08-CTr/TU"
    name: Localized
    issuer: Localized
    start_year: int
    end_year: int
    standing_agency: Localized
    leaders: tuple[Person, ...]
    motto: Localized
    source: Source

    @field_validator("end_year")
    @classmethod
    def _period_ordered(cls, end_year: int, info: object) -> int:
        start = getattr(info, "data", {}).get("start_year")
        if start is not None and end_year < start:
            raise ValueError("end_year is before start_year")
        return end_year


# "indicator:ho-ngheo": an entry named by its kind and key, in a link between entries.
ENTRY_REF_PATTERN = r"^(indicator|policy|faq|report):[a-z0-9][a-z0-9-]{0,31}$"
EntryRef = Annotated[str, StringConstraints(pattern=ENTRY_REF_PATTERN)]


class Link(Model):
    """Entries that speak of the same thing: an indicator, its policy, the FAQ quoting it, the
    report. A question landing on the group is answered with ``primary`` (the figure) at once,
    with buttons to the ``related`` entries under it, instead of a choice between them."""

    key: Key
    primary: EntryRef
    related: Annotated[tuple[EntryRef, ...], Field(min_length=1)]

    @field_validator("primary")
    @classmethod
    def _primary_answers(cls, primary: str) -> str:
        if primary.startswith("report:"):
            raise ValueError(
                "the primary entry is one a resident can be answered with, not a report"
            )
        return primary

    def members(self) -> tuple[str, ...]:
        return (self.primary, *self.related)


class ContentFile(Model):
    """One YAML file: any of the sections below; the loader merges all files."""

    programme: Programme | None = None
    areas: tuple[Area, ...] = ()
    departments: tuple[Department, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    policies: tuple[Policy, ...] = ()
    faqs: tuple[Faq, ...] = ()
    reports: tuple[Report, ...] = ()
    links: tuple[Link, ...] = ()


def is_valid_key(candidate: str) -> bool:
    return re.fullmatch(KEY_PATTERN, candidate) is not None
