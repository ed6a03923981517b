"""Pydantic's validation errors of one entity, each at the form field it concerns, worded by
a catalog message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from content.editing.errors import GENERAL, FieldError
from content.editing.fields import Field


def _field_at(fields: tuple[Field, ...], loc: tuple[Any, ...]) -> Field | None:
    best = None
    for field in fields:
        size = len(field.path)
        if tuple(loc[:size]) == field.path and (best is None or size > len(best.path)):
            best = field
    if best is None and loc:
        best = next((field for field in fields if field.path[: len(loc)] == tuple(loc)), None)
    return best


def _message(error: Any, field: Field | None) -> tuple[str, dict[str, str]]:
    kind = error["type"]
    detail = str(error["msg"]).removeprefix("Value error, ")
    if kind in ("missing", "string_too_short"):
        return "content-editor-error-required", {}
    if kind == "string_pattern_mismatch":
        if field is not None and field.kind == "key":
            return "content-editor-error-key", {}
        return "content-editor-error-period-key", {}
    if kind == "enum":
        return "content-editor-error-choice", {}
    if kind in ("value_error", "assertion_error"):
        return "content-editor-error-rule", {"detail": detail}
    return "content-editor-error-invalid", {"detail": detail}


def model_errors(
    model: type[BaseModel], fields: tuple[Field, ...], entry: dict[str, Any], *, new_indicator: bool
) -> Iterator[FieldError]:
    """``new_indicator``: an indicator's empty observations are no problem of its form."""
    try:
        model.model_validate(entry)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            if new_indicator and loc == ("observations",):
                continue  # a new indicator gets its observations next (the draft says so)
            field = _field_at(fields, loc)
            name = field.name if field is not None else GENERAL
            if not loc:  # a rule over several fields: the one it names
                text = str(error["msg"])
                name = "qualifier" if "qualifier" in text else GENERAL
                name = "target_label" if "target_label" in text else name
            key, args = _message(error, field)
            yield FieldError(name, key, args)
