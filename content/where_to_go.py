"""Where residents take a personal case: offices as content (content/guidance/where_to_go.yaml),
each with its source: a report's sentence stating its role (verbatim), or the official
documents the file declares that give it (a law, a decree). Checked by ``danbiet content check``
(content/guidance_checks.py). Pure after loading."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import Field, field_validator, model_validator

from content.message_kinds import GUIDANCE_DIR, fold_words
from content.schema import Key, Localized, Model, NonEmpty, Source

WHERE_TO_GO_FILE = GUIDANCE_DIR / "where_to_go.yaml"


class Document(Model):
    """An official document that gives an office its role, declared once in the file."""

    key: Key
    number: NonEmpty  # as the document is numbered: "38/2013/QH13"
    title: Localized  # its kind and subject: "Luật Việc làm"
    issuer: Localized


class Office(Model):
    key: Key
    always: bool  # named for every personal case, whatever its topic
    name: Localized
    role: Localized
    topics: tuple[NonEmpty, ...] = ()
    source: Source | None = None  # a report's sentence stating the role, verbatim
    official: tuple[Key, ...] = ()  # else the declared documents that give it

    @model_validator(mode="after")
    def _sourced(self) -> Office:
        if self.source is None and not self.official:
            raise ValueError(
                f"{self.key}: no source: quote a report (source) or name a declared official "
                "document (official)"
            )
        return self


@dataclass(frozen=True, slots=True)
class Referral:
    """An office named to a resident, with the official documents that give it its role."""

    office: Office
    documents: tuple[Document, ...] = ()


class WhereToGo(Model):
    documents: tuple[Document, ...] = ()
    offices: tuple[Office, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _documents_declared(self) -> WhereToGo:
        declared = [document.key for document in self.documents]
        twice = sorted({key for key in declared if declared.count(key) > 1})
        if twice:
            raise ValueError(f"documents listed twice: {', '.join(twice)}")
        for office in self.offices:
            unknown = [key for key in office.official if key not in declared]
            if unknown:
                raise ValueError(f"{office.key}: undeclared document {', '.join(unknown)}")
        return self

    def document(self, key: str) -> Document:
        return next(document for document in self.documents if document.key == key)

    def documents_of(self, office: Office) -> tuple[Document, ...]:
        """The official documents giving the office its role ("Luật Việc làm 38/2013/QH13"),
        for the reply's catalog line ``kind-personal-official``."""
        return tuple(self.document(key) for key in office.official)

    def referrals(self, text: str) -> tuple[Referral, ...]:
        """The offices for this message (``for_message``), each with its documents."""
        return tuple(
            Referral(office, self.documents_of(office)) for office in self.for_message(text)
        )

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
