"""What subscribers read: announcements, quarterly summaries and corrections, from the catalogs.

The broadcast service freezes these texts when an official prepares a broadcast, so the preview
in the admin chat is exactly what every subscriber receives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from bot.domain.records import BroadcastRecord
from bot.i18n import Language, Translator, format_number
from bot.services.broadcasts.composition import visible_length
from bot.services.broadcasts.model import FigureChange, ReportDigest, ReportLine
from bot.services.kernel.clock import LOCAL_TIME
from content.charts import ChartText
from content.schema import Observation, Report, Status
from handlers.render import Renderer

_STATUS_KEYS = {
    Status.ACHIEVED: "broadcast-status-achieved",
    Status.BASICALLY_ACHIEVED: "broadcast-status-basically-achieved",
    Status.ON_TRACK: "broadcast-status-on-track",
    Status.HARD: "broadcast-status-hard",
    Status.REPORTED: "broadcast-status-reported",
}


class BroadcastTexts:
    """The BroadcastComposer of bot.services.broadcasts.model, written with the catalogs."""

    def __init__(self, translate: Translator) -> None:
        self._translate = translate

    def _r(self, language: Language) -> Renderer:
        return Renderer(self._translate, language)

    def text_message(self, language: Language, html: str) -> str:
        r = self._r(language)
        return f"{r.t('broadcast-text-header')}\n\n{html}\n\n{r.t('broadcast-footer')}"

    def report_message(self, language: Language, digest: ReportDigest, max_chars: int) -> str:
        """Title, one line per indicator, source, footer; lines are dropped from the end
        (with a pointer to /indicators) when the whole would not fit `max_chars`."""
        r = self._r(language)
        report = digest.report
        period = escape(report.period.get(language))
        code = escape(digest.programme_code)
        head = r.t("broadcast-report-title", period=period, code=code)
        tail = [
            "",
            r.t("broadcast-report-source", period=period, code=code, date=r.report_date(report)),
            r.t("broadcast-report-ask"),
            "",
            r.t("broadcast-footer"),
        ]
        lines = [self._line(r, line) for line in digest.lines]
        shown = len(lines)
        while True:
            body = lines[:shown]
            if shown < len(lines):
                body.append(r.t("broadcast-report-more", count=len(lines) - shown))
            text = "\n".join([head, "", *body, *tail])
            if visible_length(text) <= max_chars or shown == 0:
                return text
            shown -= 1

    def _line(self, r: Renderer, line: ReportLine) -> str:
        """Every figure the report gives for the indicator, with its qualifier, its plan (only
        where the report states one), its change on last year, then the report's judgement."""
        observation = line.observation
        name = escape(line.indicator.name.get(r.language))
        parts = []
        if observation.value is not None:
            parts.append(self._value_part(r, observation, observation.value))
        if observation.target is not None:
            label = observation.target_label.get(r.language) if observation.target_label else ""
            target = escape(_quantity(r, observation, observation.target))
            parts.append(r.t("broadcast-report-target", label=escape(label), quantity=target))
        for figure in observation.figures:
            quantity = r.quantity(figure.value, figure.unit.get(r.language), figure.qualifier)
            parts.append(
                r.t(
                    "broadcast-report-figure",
                    label=escape(figure.label.get(r.language)),
                    quantity=escape(quantity),
                )
            )
        change = observation.change_on_previous_year
        if change is not None:
            key = "broadcast-report-change-up" if change >= 0 else "broadcast-report-change-down"
            parts.append(r.t(key, percent=format_number(r.language, abs(change), digits=1)))
        if observation.status is not Status.REPORTED or not parts:
            parts.append(self._status(r, observation))
        return r.t("broadcast-report-line", name=name, details="; ".join(parts))

    def _value_part(self, r: Renderer, observation: Observation, value: float) -> str:
        quantity = escape(r.quantity(value, _unit(r, observation), observation.qualifier))
        percent = observation.percent_of_plan()
        if percent is None:
            return r.t("broadcast-report-value", quantity=quantity)
        label = observation.target_label.get(r.language) if observation.target_label else ""
        key = (
            "broadcast-report-value-plan"
            if observation.target is not None
            else "broadcast-report-value-plan-reported"
        )
        shown = format_number(r.language, percent, digits=1)
        return r.t(key, quantity=quantity, percent=shown, label=escape(label))

    def _status(self, r: Renderer, observation: Observation) -> str:
        return r.t(_STATUS_KEYS[observation.status])

    def correction_message(
        self,
        language: Language,
        original: BroadcastRecord,
        changes: Sequence[FigureChange],
        reports: Mapping[str, Report],
    ) -> str:
        r = self._r(language)
        sent_on = (original.started_at or original.created_at).astimezone(LOCAL_TIME).date()
        lines = [r.t("correction-title", date=r.date(sent_on))]
        for change in changes:
            lines += self._change_lines(r, change, reports)
        lines += ["", r.t("correction-apology"), "", r.t("broadcast-footer")]
        return "\n".join(lines)

    def _change_lines(
        self, r: Renderer, change: FigureChange, reports: Mapping[str, Report]
    ) -> list[str]:
        name = escape(change.indicator.name.get(r.language))
        now = change.now
        period = escape(now.period.get(r.language)) if now else escape(change.period_key)
        unit_source = now or change.indicator.headline()
        old = escape(_value(r, unit_source, change.old_value))
        if now is None:
            return [r.t("correction-line-withdrawn", name=name, period=period, old=old)]
        lines = [
            r.t(
                "correction-line",
                name=name,
                period=period,
                old=old,
                new=escape(
                    _value(r, now, now.value)
                    if now.value is None
                    else r.quantity(now.value, _unit(r, now), now.qualifier)
                ),
            )
        ]
        if change.old_target != now.target:
            lines.append(
                r.t(
                    "correction-target",
                    old=escape(_value(r, now, change.old_target)),
                    new=escape(_value(r, now, now.target)),
                )
            )
        lines.append(self._source(r, now, reports))
        return lines

    def _source(self, r: Renderer, observation: Observation, reports: Mapping[str, Report]) -> str:
        source = observation.source
        quote = source.quote_en if r.language == "en" and source.quote_en else source.quote
        report = reports.get(source.report)
        title = report.title.get(r.language) if report else source.report
        published = report.published if report else observation.as_of
        return r.t(
            "correction-source", quote=escape(quote), report=escape(title), date=r.date(published)
        )

    def chart_text(self, language: Language, digest: ReportDigest) -> ChartText:
        r = self._r(language)
        period = digest.report.period.get(language)
        return ChartText(
            title=r.t("broadcast-chart-title", code=digest.programme_code, period=period),
            axis=r.t("broadcast-chart-axis"),
            plan=r.t("broadcast-chart-plan"),
        )

    def percent(self, language: Language, value: float) -> str:
        return format_number(language, value, digits=1) + "%"


def _unit(r: Renderer, observation: Observation) -> str:
    return observation.unit.get(r.language) if observation.unit else ""


def _quantity(r: Renderer, observation: Observation, value: float) -> str:
    return r.quantity(value, _unit(r, observation))


def _value(r: Renderer, observation: Observation, value: float | None) -> str:
    return r.t("correction-no-value") if value is None else _quantity(r, observation, value)
