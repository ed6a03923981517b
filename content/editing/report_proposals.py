"""A pasted report's figures proposed as observations, accepted one by one into the document.

The proposer (content/proposals) reads the report's own text in the document; each proposal
shows its value, unit, plan, change, the indicator it seems to belong to, the period, and its
quote with the figure picked out. Accepting one is adding an observation through the same form
and checks as any other (content/editing/entities.py), to an existing indicator or to a new one
made there and then; the quote stays verbatim from the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from content.editing import sections
from content.editing.entities import Edit, UnknownEntity, _written, edit_entity
from content.editing.errors import FieldError
from content.editing.fields import INDICATOR
from content.editing.rules import duplicate_key, unknown_keys
from content.editing.values import show_number
from content.guidance_checks import squash
from content.proposals import Proposal, propose
from content.release_document import Document
from content.schema import QUALIFIER_WORDS, Indicator

QUALIFIERS = {word: qualifier.value for qualifier, word in QUALIFIER_WORDS.items()}
# The new indicator's fields on the accept form: the indicator form's, prefixed.
NEW_INDICATOR = tuple(
    field for field in INDICATOR if field.name in {"key", "area"} or field.name.startswith("name_")
)
NEW_PREFIX = "new_"


@dataclass(frozen=True, slots=True)
class ShownProposal:
    number: int  # its place among the report's proposals: the address of its form
    proposal: Proposal
    before: str  # the quote, cut around the figure (each part escaped where it is shown)
    figure: str
    after: str
    accepted: bool  # an observation of the document already quotes it with this number

    @property
    def fingerprint(self) -> str:
        """What the proposal is, whatever its place (the report's text edited, indicators
        added): its kind, its figure as written and its quote. A rejection is kept by it."""
        proposal = self.proposal
        token = "\x1f".join((proposal.kind, proposal.number, squash(proposal.quote)))
        return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]


def _report(document: Document, report_key: str) -> tuple[dict[str, Any], str]:
    found = sections.find(document, "reports", report_key)
    text = sections.report_text(document, report_key)
    if found is None or text is None:
        raise UnknownEntity(report_key)
    return found[1], text


def _indicators(document: Document) -> list[Indicator]:
    """The document's indicators that are valid (a draft may hold one being written)."""
    valid = []
    for _, item in sections.entries(document, "indicators"):
        try:
            valid.append(Indicator.model_validate(item))
        except ValidationError:
            continue
    return valid


def _date(report: Mapping[str, Any]) -> dt.date:
    try:
        return dt.date.fromisoformat(str(report.get("published")))
    except ValueError:  # a report the editor has not dated validly yet: nothing to propose
        raise UnknownEntity(str(report.get("key"))) from None


def _proposals(document: Document, report_key: str) -> tuple[dict[str, Any], str, list[Proposal]]:
    report, text = _report(document, report_key)
    return report, text, propose(text, _date(report), _indicators(document))


def _numbers(observation: Mapping[str, Any]) -> set[float]:
    names = ("value", "target", "reported_percent_of_plan", "change_on_previous_year")
    found = set()
    for name in names:
        value = observation.get(name)
        if isinstance(value, int | float):
            found.add(abs(float(value)))
    return found


def _accepted(document: Document, report_key: str) -> list[tuple[str, set[float]]]:
    quoted = []
    for _, indicator in sections.entries(document, "indicators"):
        for observation in indicator.get("observations") or []:
            source = observation.get("source") if isinstance(observation, dict) else None
            if isinstance(source, dict) and source.get("report") == report_key:
                quoted.append((squash(str(source.get("quote", ""))), _numbers(observation)))
    return quoted


def proposals_for(document: Document, report_key: str) -> list[ShownProposal]:
    """Every proposal for the report's text, in the order of the text. Raises UnknownEntity
    for a report the document does not have (or has without its text)."""
    _, text, found = _proposals(document, report_key)
    accepted = _accepted(document, report_key)
    shown = []
    for number, proposal in enumerate(found):
        start = min(max(proposal.start, proposal.quote_start), proposal.quote_end)
        end = min(max(proposal.end, start), proposal.quote_end)
        quote = squash(proposal.quote)
        done = any(quote == other and abs(proposal.value) in values for other, values in accepted)
        shown.append(
            ShownProposal(
                number,
                proposal,
                text[proposal.quote_start : start],
                text[start:end],
                text[end : proposal.quote_end],
                done,
            )
        )
    return shown


def _english_units(document: Document) -> dict[str, str]:
    """How the document already translates each unit ("hộ" → "households")."""
    units: dict[str, str] = {}
    for _, indicator in sections.entries(document, "indicators"):
        for observation in indicator.get("observations") or []:
            if not isinstance(observation, dict):
                continue
            for item in [observation, *(observation.get("figures") or [])]:
                unit = item.get("unit") if isinstance(item, dict) else None
                if isinstance(unit, dict) and unit.get("vi") and unit.get("en"):
                    units.setdefault(str(unit["vi"]).casefold(), str(unit["en"]))
    return units


def proposal_form(document: Document, report_key: str, number: int) -> dict[str, str]:
    """The accept form of proposal ``number``, filled in from it and from its report."""
    report, _, found = _proposals(document, report_key)
    if not 0 <= number < len(found):
        raise UnknownEntity(f"{report_key} proposal {number}")
    proposal = found[number]
    stated = report.get("period")
    period: dict[str, Any] = stated if isinstance(stated, dict) else {}
    values = {
        "indicator": proposal.indicator or "",
        "period_vi": str(period.get("vi") or proposal.period.vi),
        "period_en": str(period.get("en") or proposal.period.en),
        "period_key": str(report.get("period_key") or proposal.period.key or ""),
        "as_of": str(report.get("published") or proposal.period.as_of.isoformat()),
        "qualifier": QUALIFIERS.get(proposal.qualifier or "", ""),
        "unit_vi": proposal.unit or "",
        "unit_en": _english_units(document).get((proposal.unit or "").casefold(), ""),
        "statement_vi": proposal.quote,
        "status": "reported",
        "source_report": report_key,
        "quote": proposal.quote,
    }
    number_field = {
        "change": "change_on_previous_year",
        "percent_of_plan": "reported_percent_of_plan",
    }.get(proposal.kind, "value")
    values[number_field] = show_number(proposal.value)
    if proposal.kind == "value":
        if proposal.plan is not None:
            values["target"] = show_number(proposal.plan)
            values["target_label_vi"], values["target_label_en"] = "kế hoạch", "plan"
        if proposal.percent_of_plan is not None:
            values["reported_percent_of_plan"] = show_number(proposal.percent_of_plan)
        if proposal.change is not None:
            values["change_on_previous_year"] = show_number(proposal.change)
    return values


def accept_proposal(document: Document, values: Mapping[str, str]) -> Edit:
    """The document with the observation the accept form describes: added to the indicator it
    names, or to a new indicator made from the form's ``new_…`` fields; or the problems."""
    chosen = values.get("indicator", "").strip()
    if chosen and sections.find(document, "indicators", chosen) is not None:
        return edit_entity(document, "observation", values, key=chosen)
    if chosen:
        return Edit(document, (FieldError("indicator", "content-editor-error-choice"),))
    new_values = {field.name: values.get(NEW_PREFIX + field.name, "") for field in NEW_INDICATOR}
    indicator, errors = _written(NEW_INDICATOR, new_values, {})
    problems = [
        *errors,
        *duplicate_key(document, "indicators", indicator.get("key"), None),
        *unknown_keys(document, "areas", "area", indicator.get("area")),
    ]
    problems += [
        FieldError(field.name, "content-editor-error-required")
        for field in NEW_INDICATOR
        if not new_values[field.name].strip()
    ]
    if problems:
        renamed = {(NEW_PREFIX + error.field, error.key): error for error in problems}
        return Edit(
            document,
            tuple(FieldError(field, key, error.args) for (field, key), error in renamed.items()),
        )
    # The indicator first, then the observation through the observation form's own checks:
    # kept only if both pass.
    with_indicator = sections.put(document, "indicators", {**indicator, "observations": []}, None)
    edit = edit_entity(with_indicator, "observation", values, key=indicator["key"])
    return edit if edit.ok else Edit(document, edit.errors)
