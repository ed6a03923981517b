"""A published release as open data: one CSV row per observation, and the same as JSON with its
sources (the reports, the quoted sentences). Pure: the release's knowledge base in, bytes out.

Column names are stable machine names, the same in every language: a script written against
one release reads the next. Texts come in both languages (``_vi``, ``_en``); the quote is the
report's own Vietnamese sentence, ``quote_en`` our translation where the content has one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from bot.services.kernel.spreadsheet_cells import Cell, csv_bytes
from bot.services.knowledge.open_data_model import OpenRelease
from content.knowledge import KnowledgeBase
from content.schema import Indicator, Localized, Observation, Report

JSON_FORMAT = "danbiet-open-data/1"
COLUMNS = (
    "release_id",
    "release_published_at",
    "area",
    "area_name_vi",
    "area_name_en",
    "indicator",
    "name_vi",
    "name_en",
    "period_key",
    "period_vi",
    "period_en",
    "as_of",
    "qualifier",
    "value",
    "unit_vi",
    "unit_en",
    "plan",
    "plan_label_vi",
    "plan_label_en",
    "reported_percent_of_plan",
    "change_on_previous_year",
    "status",
    "statement_vi",
    "statement_en",
    "quote",
    "quote_en",
    "report",
    "report_title_vi",
    "report_title_en",
    "report_date",
    "report_date_estimated",
)


def _number(value: float | None) -> int | float | None:
    """3612.0 as 3612: a count is written as the report writes it, without a decimal point."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _text(localized: Localized | None, language: str) -> str | None:
    return None if localized is None else localized.get(language)


def observations(kb: KnowledgeBase) -> Iterator[tuple[Indicator, Observation]]:
    """Every observation of the release: indicators in the content's order, each oldest first."""
    for indicator in kb.indicators.values():
        for observation in indicator.history():
            yield indicator, observation


def observation_record(
    release: OpenRelease, kb: KnowledgeBase, indicator: Indicator, observation: Observation
) -> dict[str, Any]:
    """One observation as a flat record keyed by COLUMNS."""
    area = kb.areas.get(indicator.area)
    report: Report | None = kb.reports.get(observation.source.report)
    return {
        "release_id": release.id,
        "release_published_at": release.published_at.isoformat(),
        "area": indicator.area,
        "area_name_vi": _text(area.name if area else None, "vi"),
        "area_name_en": _text(area.name if area else None, "en"),
        "indicator": indicator.key,
        "name_vi": indicator.name.vi,
        "name_en": indicator.name.en,
        "period_key": observation.period_key,
        "period_vi": observation.period.vi,
        "period_en": observation.period.en,
        "as_of": observation.as_of.isoformat(),
        "qualifier": None if observation.qualifier is None else observation.qualifier.value,
        "value": _number(observation.value),
        "unit_vi": _text(observation.unit, "vi"),
        "unit_en": _text(observation.unit, "en"),
        "plan": _number(observation.target),
        "plan_label_vi": _text(observation.target_label, "vi"),
        "plan_label_en": _text(observation.target_label, "en"),
        "reported_percent_of_plan": _number(observation.reported_percent_of_plan),
        "change_on_previous_year": _number(observation.change_on_previous_year),
        "status": observation.status.value,
        "statement_vi": observation.statement.vi,
        "statement_en": observation.statement.en,
        "quote": observation.source.quote,
        "quote_en": observation.source.quote_en,
        "report": observation.source.report,
        "report_title_vi": _text(report.title if report else None, "vi"),
        "report_title_en": _text(report.title if report else None, "en"),
        "report_date": report.published.isoformat() if report else None,
        "report_date_estimated": report.published_estimated if report else None,
    }


def _cell(value: Any) -> Cell:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def release_csv(release: OpenRelease, kb: KnowledgeBase) -> bytes:
    rows = [
        [_cell(record[column]) for column in COLUMNS]
        for record in (
            observation_record(release, kb, indicator, observation)
            for indicator, observation in observations(kb)
        )
    ]
    return csv_bytes(COLUMNS, rows)


def _report(report: Report) -> dict[str, Any]:
    # Reporters are left out: the file says which report, not which people spoke.
    return {
        "key": report.key,
        "title": report.title.model_dump(),
        "period": report.period.model_dump(),
        "period_key": report.period_key,
        "published": report.published.isoformat(),
        "published_estimated": report.published_estimated,
        "publisher": report.publisher.model_dump(),
        "summary": report.summary.model_dump(),
    }


def _observation(
    release: OpenRelease, kb: KnowledgeBase, indicator: Indicator, observation: Observation
) -> dict[str, Any]:
    record = observation_record(release, kb, indicator, observation)
    record["figures"] = [
        {
            "label": figure.label.model_dump(),
            "qualifier": None if figure.qualifier is None else figure.qualifier.value,
            "value": _number(figure.value),
            "unit": figure.unit.model_dump(),
        }
        for figure in observation.figures
    ]
    record["source"] = {
        "report": observation.source.report,
        "quote": observation.source.quote,
        "quote_en": observation.source.quote_en,
    }
    return record


def release_json(release: OpenRelease, kb: KnowledgeBase) -> bytes:
    document = {
        "format": JSON_FORMAT,
        "release": {
            "id": release.id,
            "state": release.state.value,
            "published_at": release.published_at.isoformat(),
            "checksum": release.checksum,
        },
        "programme": {
            "code": kb.programme.code,
            "name": kb.programme.name.model_dump(),
            "issuer": kb.programme.issuer.model_dump(),
        },
        "areas": [{"key": area.key, "name": area.name.model_dump()} for area in kb.areas.values()],
        "indicators": [
            {
                "key": indicator.key,
                "area": indicator.area,
                "name": indicator.name.model_dump(),
                "description": (
                    None if indicator.description is None else indicator.description.model_dump()
                ),
            }
            for indicator in kb.indicators.values()
        ],
        "reports": [_report(report) for report in kb.reports.values()],
        "observations": [
            _observation(release, kb, indicator, observation)
            for indicator, observation in observations(kb)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
