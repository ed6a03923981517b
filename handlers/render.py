"""Content and answers rendered to Telegram HTML via the catalogs; every outside text escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from babel.dates import format_date

from bot.i18n import Language, Translator, format_number, format_quantity
from content.schema import (
    Area,
    Faq,
    Figure,
    Indicator,
    Observation,
    Policy,
    Programme,
    Qualifier,
    Report,
    Source,
    Status,
)

PROGRESS_CELLS = 10
_STATUS_KEYS = {
    Status.ACHIEVED: "status-achieved",
    Status.BASICALLY_ACHIEVED: "status-basically-achieved",
    Status.ON_TRACK: "status-on-track",
    Status.HARD: "status-hard",
    Status.REPORTED: "status-reported",
}


def progress_bar(percent: float) -> str:
    """A ten-cell bar; over 100% is shown full."""
    filled = max(0, min(PROGRESS_CELLS, round(percent / 100 * PROGRESS_CELLS)))
    return "▰" * filled + "▱" * (PROGRESS_CELLS - filled)


@dataclass(frozen=True, slots=True)
class Renderer:
    translate: Translator
    language: Language

    def t(self, key: str, **args: str | int | float) -> str:
        return self.translate(self.language, key, **args)

    def number(self, value: float) -> str:
        return format_number(self.language, value)

    def quantity(self, value: float, unit: str, qualifier: Qualifier | None = None) -> str:
        """A number with its unit: "3.612 hộ", but "0,16%" (no space before a percent sign);
        with the report's qualifier before it: "trên 5,64 triệu lượt đối tượng"."""
        number = format_quantity(self.language, value, unit)
        if qualifier is None:
            return number
        return f"{self.t('qualifier-' + qualifier.value)} {number}"

    def date(self, value: dt.date) -> str:
        pattern = "dd/MM/yyyy" if self.language == "vi" else "d MMM yyyy"
        return str(format_date(value, pattern, locale=self.language))

    def report_date(self, report: Report) -> str:
        """The report's date, marked as estimated where the content says it is."""
        shown = self.date(report.published)
        return self.t("date-estimated", date=shown) if report.published_estimated else shown

    # -- content cards ---------------------------------------------------------------------

    def indicator_card(
        self, indicator: Indicator, reports: Mapping[str, Report], *, with_history: bool = True
    ) -> str:
        headline = indicator.headline()
        lines = [f"📊 <b>{escape(indicator.name.get(self.language))}</b>"]
        lines += self._observation_lines(headline)
        lines.append(self._source_line(headline.source, reports))
        history = indicator.history()
        if with_history and len(history) > 1:
            lines.append("")
            lines.append(self.t("history-title"))
            for observation in history:
                lines.append(
                    self.t(
                        "history-line",
                        period=escape(observation.period.get(self.language)),
                        statement=escape(observation.statement.get(self.language)),
                    )
                )
        return "\n".join(lines)

    def _observation_lines(self, observation: Observation) -> list[str]:
        lines = []
        period = escape(observation.period.get(self.language))
        unit = observation.unit.get(self.language) if observation.unit else ""
        if observation.value is not None:
            quantity = escape(self.quantity(observation.value, unit, observation.qualifier))
            lines.append(self.t("figure-line", quantity=quantity, period=period))
        else:
            lines.append(self.t("period-line", period=period))
        lines.append(escape(observation.statement.get(self.language)))
        lines += [self._figure_line(figure) for figure in observation.figures]
        if observation.target is not None:
            target_label = (
                escape(observation.target_label.get(self.language))
                if observation.target_label
                else self.t("target-default-label")
            )
            lines.append(
                self.t(
                    "target-line",
                    label=target_label,
                    quantity=escape(self.quantity(observation.target, unit)),
                )
            )
        percent = observation.percent_of_plan()
        if percent is not None:
            computed = observation.value is not None and observation.target is not None
            key = "progress-line" if computed else "progress-reported-line"
            lines.append(
                self.t(
                    key,
                    bar=progress_bar(percent),
                    percent=format_number(self.language, percent, digits=1),
                )
            )
        if observation.change_on_previous_year is not None:
            change = observation.change_on_previous_year
            key = "change-up" if change >= 0 else "change-down"
            lines.append(self.t(key, percent=format_number(self.language, abs(change), digits=1)))
        lines.append(self.t(_STATUS_KEYS[observation.status]))
        return lines

    def _figure_line(self, figure: Figure) -> str:
        return self.t(
            "extra-figure-line",
            label=escape(figure.label.get(self.language)),
            quantity=escape(
                self.quantity(figure.value, figure.unit.get(self.language), figure.qualifier)
            ),
        )

    def _source_line(self, source: Source, reports: Mapping[str, Report]) -> str:
        report = reports.get(source.report)
        quote = escape(source.quote)
        if self.language == "en" and source.quote_en:
            quote = escape(source.quote_en)
        if report is None:
            return self.t("source-unknown", quote=quote)
        return self.t(
            "source-line",
            quote=quote,
            report=escape(report.title.get(self.language)),
            date=self.report_date(report),
        )

    def policy_card(self, policy: Policy, reports: Mapping[str, Report]) -> str:
        lines = [f"📜 <b>{escape(policy.name.get(self.language))}</b>"]
        if policy.document:
            lines.append(self.t("policy-document", document=escape(policy.document)))
        if policy.issuer:
            lines.append(self.t("policy-issuer", issuer=escape(policy.issuer.get(self.language))))
        lines.append(escape(policy.summary.get(self.language)))
        for note in policy.notes:
            lines.append("")
            lines.append("• " + escape(note.text.get(self.language)))
            lines += [self._figure_line(figure) for figure in note.figures]
            lines.append(self._source_line(note.source, reports))
        return "\n".join(lines)

    def faq_card(self, faq: Faq, reports: Mapping[str, Report]) -> str:
        return "\n".join(
            [
                f"❓ <b>{escape(faq.question.get(self.language))}</b>",
                escape(faq.answer.get(self.language)),
                *(self._source_line(source, reports) for source in (faq.source, *faq.also)),
            ]
        )

    def summary_line(self, indicator: Indicator) -> str:
        """One line for inline results and lists: the latest figure and its period."""
        headline = indicator.headline()
        period = headline.period.get(self.language)
        if headline.value is None:
            return f"{headline.statement.get(self.language)} ({period})"
        unit = headline.unit.get(self.language) if headline.unit else ""
        return f"{self.quantity(headline.value, unit, headline.qualifier)} ({period})"

    # -- screens ---------------------------------------------------------------------------

    def welcome(self, first_name: str, programme: Programme, bot_username: str) -> str:
        return self.t(
            "welcome",
            name=escape(first_name),
            programme=escape(programme.name.get(self.language)),
            code=escape(programme.code),
            bot=escape(bot_username),
        )

    def area_title(self, area: Area) -> str:
        return f"{area.emoji} {area.name.get(self.language)}".strip()
