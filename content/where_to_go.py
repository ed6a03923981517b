"""Where residents take a personal case: offices as content, with their source where a report
states their role (content/guidance/where_to_go.yaml). Pure after loading."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import Field, field_validator

from content.message_kinds import GUIDANCE_DIR, fold_words
from content.schema import Key, Localized, Model, NonEmpty, Source

WHERE_TO_GO_FILE = GUIDANCE_DIR / "where_to_go.yaml"


class Office(Model):
    key: Key
    always: bool  # named for every personal case, whatever its topic
    name: Localized
    role: Localized
    topics: tuple[NonEmpty, ...] = ()
    source: Source | None = None


class WhereToGo(Model):
    offices: tuple[Office, ...] = Field(min_length=1)

    @field_validator("offices")
    @classmethod
    def _unique_and_general(cls, offices: tuple[Office, ...]) -> tuple[Office, ...]:
        keys = [office.key for office in offices]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"offices listed twice: {', '.join(duplicates)}")
        if not any(office.always for office in offices):
            raise ValueError("at least one office must be named for every case (always: true)")
        for office in offices:
            if not office.always and not office.topics:
                raise ValueError(f"{office.key}: an office not always named needs topics")
        return offices

    def for_message(self, text: str) -> tuple[Office, ...]:
        """The offices for this message: those always named and those whose topic it names,
        in the order of the file (the nearest office first)."""
        folded = f" {' '.join(fold_words(text))} "
        return tuple(
            office
            for office in self.offices
            if office.always
            or any(f" {' '.join(fold_words(topic))} " in folded for topic in office.topics)
        )


def read_where_to_go(path: Path = WHERE_TO_GO_FILE) -> WhereToGo:
    """Read and validate the offices; raises pydantic's ValidationError naming the field."""
    return WhereToGo.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_where_to_go() -> WhereToGo:
    return read_where_to_go()
