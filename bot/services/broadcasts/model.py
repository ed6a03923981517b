"""Broadcasts and their deliveries: states, what officials see, what the worker exchanges."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.domain.records import BroadcastRecord, ClaimedDelivery
from bot.domain.statuses import BroadcastStatus, DeliveryStatus, SendOutcome
from bot.i18n import LANGUAGES, Language
from content.charts import ChartText
from content.schema import Indicator, Observation, Report

# Telegram's limits, after entities are parsed (we count the HTML source: never less).
MAX_TEXT_CHARS = 4096
MAX_CAPTION_CHARS = 1024


UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT)


@dataclass(frozen=True, slots=True)
class ResidentMessage:
    """One language's message exactly as residents receive it."""

    text: str  # HTML: the photo's caption if it fits one, else a message before the photo
    photo: bytes | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    broadcast: BroadcastRecord
    messages: Mapping[Language, ResidentMessage]  # every language someone will receive
    recipients: Mapping[Language, int]

    @property
    def total(self) -> int:
        return sum(self.recipients.values())

    @property
    def borrowed(self) -> dict[Language, Language]:
        """Readers of a language the official wrote nothing in, with the language they get
        (a text written in one language only): the composer is told who reads which."""
        written = self.broadcast.written_in
        return {
            language: written
            for language in LANGUAGES
            if written in LANGUAGES and language != written and self.recipients.get(language)
        }


def text_languages(text: str | Mapping[Language, str]) -> dict[Language, str]:
    """The official's text per language, blanks dropped; one plain text is Vietnamese."""
    given: Mapping[Language, str] = {"vi": text} if isinstance(text, str) else text
    return {
        language: given[language].strip()
        for language in LANGUAGES
        if language in given and given[language].strip()
    }


@dataclass(frozen=True, slots=True)
class Progress:
    broadcast: BroadcastRecord
    counts: Mapping[str, int] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def sent(self) -> int:
        return self.count(DeliveryStatus.SENT)

    @property
    def remaining(self) -> int:
        return sum(self.count(status) for status in UNFINISHED)

    @property
    def done(self) -> int:
        return self.total - self.remaining

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status(self) -> BroadcastStatus:
        return self.broadcast.status


@dataclass(frozen=True, slots=True)
class ProgressView:
    """Progress as the worker shows it: with the measured rate and the time left."""

    progress: Progress
    rate: float | None = None  # messages per second lately
    time_left: dt.timedelta | None = None


class ConfirmOutcome(enum.StrEnum):
    STARTED = "started"
    SCHEDULED = "scheduled"
    ALREADY = "already"  # a second confirmation: nothing created twice


@dataclass(frozen=True, slots=True)
class Confirmation:
    outcome: ConfirmOutcome
    progress: Progress


@dataclass(frozen=True, slots=True)
class ReportLine:
    indicator: Indicator
    observation: Observation


@dataclass(frozen=True, slots=True)
class ReportDigest:
    """What a quarterly broadcast says: the report's figure for each of its indicators."""

    report: Report
    programme_code: str
    lines: tuple[ReportLine, ...]


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A figure a broadcast carried that the content now states differently."""

    indicator: Indicator
    period_key: str
    old_value: float | None
    old_target: float | None
    now: Observation | None  # None: the figure was withdrawn


@dataclass(frozen=True, slots=True)
class CorrectionCandidate:
    broadcast: BroadcastRecord
    changes: tuple[FigureChange, ...]
    reached: int  # residents who received it


@dataclass(frozen=True, slots=True)
class ReportOffer:
    report: Report
    recipients: int  # subscribers of its areas and indicators (and of everything), now


@dataclass(frozen=True, slots=True)
class Offers:
    """What the dashboard offers to broadcast after a publish."""

    # the live reports not broadcast yet (in the group's offer: those its release added or
    # changed), newest first
    reports: tuple[ReportOffer, ...]
    corrections: tuple[CorrectionCandidate, ...]


class BroadcastComposer(Protocol):
    """Words residents read; implemented by the front end that owns the catalogs."""

    def text_message(self, language: Language, html: str) -> str: ...

    def report_message(self, language: Language, digest: ReportDigest, max_chars: int) -> str:
        """At most `max_chars` visible characters (a photo's caption is short)."""
        ...

    def correction_message(
        self,
        language: Language,
        original: BroadcastRecord,
        changes: Sequence[FigureChange],
        reports: Mapping[str, Report],
    ) -> str: ...

    def chart_text(self, language: Language, digest: ReportDigest) -> ChartText: ...

    def percent(self, language: Language, value: float) -> str: ...


# --- between the outbox and the worker ----------------------------------------------------------

Job = ClaimedDelivery


@dataclass(frozen=True, slots=True)
class SendResult:
    job: Job
    outcome: SendOutcome
    message_id: int | None = None
    error: str | None = None
    photo_file_id: str | None = None  # set when this send uploaded the chart


class NoComposer:
    """For a front end that prepares no broadcasts (the CLI): preparing one is a bug.

    The methods keep the BroadcastComposer signatures, hence the unused arguments."""

    def _missing(self) -> RuntimeError:
        return RuntimeError("no BroadcastComposer was given to Services.build")

    def text_message(self, language: Language, html: str) -> str:  # noqa: ARG002
        raise self._missing()

    def report_message(self, language: Language, digest: ReportDigest, max_chars: int) -> str:  # noqa: ARG002
        raise self._missing()

    def correction_message(
        self,
        language: Language,  # noqa: ARG002
        original: BroadcastRecord,  # noqa: ARG002
        changes: Sequence[FigureChange],  # noqa: ARG002
        reports: Mapping[str, Report],  # noqa: ARG002
    ) -> str:
        raise self._missing()

    def chart_text(self, language: Language, digest: ReportDigest) -> ChartText:  # noqa: ARG002
        raise self._missing()

    def percent(self, language: Language, value: float) -> str:  # noqa: ARG002
        raise self._missing()
