"""What every table shares: the declarative base and the column types both databases need."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# People's names (residents' from Telegram, officials'), up to 64 + 64 characters with a space,
# stored whole: 256 on PostgreSQL, which enforces the length. SQLite does not enforce it, so its
# tables keep the VARCHAR(128) they were created with (widening there means rebuilding tables
# that others refer to).
PersonName = String(128).with_variant(String(256), "postgresql")

# SQLite autoincrements only an INTEGER primary key; PostgreSQL gets a 64-bit one.
BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC on both SQLite (which stores naive text) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, _dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass
