"""Repositories: the only place that writes SQL. They never commit; the unit of work does."""

from __future__ import annotations

import dataclasses
import enum
import functools
import typing
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from sqlalchemy import any_, literal
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

Record = TypeVar("Record")


def row_record(record_type: type[Record], row: object) -> Record:
    """The plain record of a row: the record's fields, read off the row of the same names.

    Statuses are stored as text and typed as enums in the domain: they are converted here, at
    the boundary, so that nothing above storage sees a status as a plain string."""
    readers = _readers(typing.cast(type, record_type))
    return record_type(**{name: convert(getattr(row, name)) for name, convert in readers})


def as_enum(kind: type[enum.Enum], value: Any) -> Any:
    return None if value is None else kind(value)


@functools.cache
def _readers(record_type: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    hints = typing.get_type_hints(record_type)
    readers: list[tuple[str, Callable[[Any], Any]]] = []
    for field in dataclasses.fields(record_type):
        kind = _enum_of(hints[field.name])
        convert = functools.partial(as_enum, kind) if kind is not None else _same
        readers.append((field.name, convert))
    return tuple(readers)


def _enum_of(hint: Any) -> type[enum.Enum] | None:
    """The enum a field holds, alone or optional (`TicketStatus`, `RejectReason | None`)."""
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def _same(value: Any) -> Any:
    return value


def dialect_insert(session: AsyncSession) -> Any:
    """INSERT with ON CONFLICT for the session's database (SQLite and PostgreSQL spell it alike)."""
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def one_of(session: AsyncSession, column: Any, values: Collection[Any]) -> Any:
    """``column IN values``; on PostgreSQL ``column = ANY($1)`` with the values as one array.

    An IN list is a statement of its own for every length, and asyncpg prepares each new
    statement on every pooled connection (a round trip): the reads shared by the residents
    writing at once (batches of 1 to 32) kept preparing. One array parameter is one statement.
    """
    if session.get_bind().dialect.name != "postgresql":
        return column.in_(values)
    return column == any_(literal(list(values), postgresql.ARRAY(column.type)))
