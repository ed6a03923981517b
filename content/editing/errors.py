"""A problem with one field of an edited entity, named by its catalog message."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

GENERAL = ""  # the field of a problem that belongs to no one field (the whole entity)


@dataclass(frozen=True, slots=True)
class FieldError:
    """``field`` is the form's field name (GENERAL for the whole entity); ``key`` the catalog
    message (``content-editor-error-…``) and ``args`` its arguments."""

    field: str
    key: str
    args: dict[str, str] = dataclasses.field(default_factory=dict)
