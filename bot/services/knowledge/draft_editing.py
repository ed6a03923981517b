"""The content editor over the drafts service: one entity of a draft read as form values, saved
from them field by field, and a pasted report's proposals accepted into the draft.

The rules are content/editing's (pure); the draft's storage, versions, editors, audit and
permissions are ContentDrafts' (`save` checks EDIT_CONTENT, refuses a published release and a
draft saved by someone else since the version the form was read at). A form with a problem at a
field saves nothing and comes back with the problems, each at its field.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from bot.domain.content_drafts import DraftView, RejectedProposal
from bot.domain.errors import ContentEntityNotFound
from bot.services.kernel.actor import Actor
from bot.services.knowledge.drafts import ContentDrafts
from bot.services.knowledge.proposal_rejections import ProposalRejections
from content import editing
from content.editing import Address, Edit, FieldError, ShownProposal
from content.editing.entities import UnknownEntity
from content.release_document import Document

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class EntityForm:
    """A form as the page shows it: the draft (its version goes back with the form), the
    values of each field, and their problems (none when it was read, not sent)."""

    draft: DraftView
    values: dict[str, str]
    errors: tuple[FieldError, ...] = ()
    saved: bool = False
    key: str | None = None  # the entity's key once saved (an observation's: its indicator's)
    index: int | None = None  # an observation's position once saved


@dataclass(frozen=True, slots=True)
class Proposals:
    draft: DraftView
    report_key: str
    shown: tuple[ShownProposal, ...]  # every proposal of the report's text
    rejected: tuple[tuple[ShownProposal, RejectedProposal], ...] = ()  # and who rejected it

    @property
    def open(self) -> tuple[ShownProposal, ...]:
        """The proposals still offered: not rejected by anyone."""
        set_aside = {item.number for item, _ in self.rejected}
        return tuple(item for item in self.shown if item.number not in set_aside)


class DraftEditing:
    def __init__(self, drafts: ContentDrafts, rejections: ProposalRejections) -> None:
        self._drafts = drafts
        self._rejections = rejections

    async def draft(self, actor: Actor, draft_id: int) -> DraftView:
        """The draft, whose entities the editor's first page lists."""
        return await self._drafts.get(actor, draft_id)

    async def entity(self, actor: Actor, draft_id: int, address: Address) -> EntityForm:
        """The form of an entity of the draft (a new one's when its key is None)."""
        view = await self._drafts.get(actor, draft_id)
        values = _found(draft_id, _values, view.document, address)
        return EntityForm(view, values)

    async def save_entity(
        self,
        actor: Actor,
        draft_id: int,
        expected_version: int,
        address: Address,
        values: Mapping[str, str],
    ) -> EntityForm:
        """Write the entity from the form into the draft, or say what is wrong at each field
        (nothing saved). Raises DraftChanged when someone saved the draft since
        ``expected_version`` (nothing overwritten), ReleaseNotDraft for a published release."""
        view = await self._drafts.get(actor, draft_id)
        edit = await asyncio.to_thread(
            _found, draft_id, _edit, view.document, address, dict(values)
        )
        return await self._saved(actor, view, expected_version, edit, values)

    async def remove(
        self, actor: Actor, draft_id: int, expected_version: int, address: Address
    ) -> DraftView:
        """Remove the entity from the draft; what still refers to it is then among the draft's
        problems, each at its field. Raises DraftChanged when someone saved the draft since
        ``expected_version``, ReleaseNotDraft for a published release."""
        view = await self._drafts.get(actor, draft_id)
        if address.key is None:
            raise ContentEntityNotFound(draft_id, "no key")
        document = _found(
            draft_id, editing.remove_entity, view.document, address.kind, address.key, address.index
        )
        place = "" if address.index is None else f" [{address.index}]"
        change = f"removed {address.kind} {address.key}{place}"
        return await self._drafts.save(actor, draft_id, expected_version, document, change)

    async def proposals(self, actor: Actor, draft_id: int, report_key: str) -> Proposals:
        """The proposals for a report of the draft, from its pasted text."""
        view = await self._drafts.get(actor, draft_id)
        shown = await asyncio.to_thread(
            _found, draft_id, editing.proposals_for, view.document, report_key
        )
        by_fingerprint = {
            item.fingerprint: item
            for item in await self._rejections.rejected(actor, draft_id, report_key)
        }
        rejected = tuple(
            (item, by_fingerprint[item.fingerprint])
            for item in shown
            if item.fingerprint in by_fingerprint
        )
        return Proposals(view, report_key, tuple(shown), rejected)

    async def reject(
        self, actor: Actor, draft_id: int, report_key: str, number: int, *, again: bool = False
    ) -> None:
        """Set proposal ``number`` of the report aside for every editor of the draft, as the
        actor's rejection (``again``: offer it again). Changes nothing in the draft."""
        view = await self._drafts.get(actor, draft_id)
        shown = await asyncio.to_thread(
            _found, draft_id, editing.proposals_for, view.document, report_key
        )
        if not 0 <= number < len(shown):
            raise ContentEntityNotFound(draft_id, f"{report_key} proposal {number}")
        item = shown[number]
        step = self._rejections.restore if again else self._rejections.reject
        await step(actor, draft_id, report_key, item.fingerprint, item.proposal.number)

    async def proposal(
        self, actor: Actor, draft_id: int, report_key: str, number: int
    ) -> EntityForm:
        """The accept form of one proposal, filled in from it."""
        view = await self._drafts.get(actor, draft_id)
        values = await asyncio.to_thread(
            _found, draft_id, editing.proposal_form, view.document, report_key, number
        )
        return EntityForm(view, values)

    async def accept(
        self, actor: Actor, draft_id: int, expected_version: int, values: Mapping[str, str]
    ) -> EntityForm:
        """Add the (edited) proposal to the draft as an observation, or say what is wrong."""
        view = await self._drafts.get(actor, draft_id)
        edit = await asyncio.to_thread(editing.accept_proposal, view.document, dict(values))
        return await self._saved(actor, view, expected_version, edit, values)

    async def _saved(
        self,
        actor: Actor,
        view: DraftView,
        expected_version: int,
        edit: Edit,
        values: Mapping[str, str],
    ) -> EntityForm:
        if not edit.ok:
            return EntityForm(view, dict(values), edit.errors, key=edit.key, index=edit.index)
        change = f"edited {edit.key}" + (f" [{edit.index}]" if edit.index is not None else "")
        saved = await self._drafts.save(
            actor, view.summary.id, expected_version, edit.document, change
        )
        return EntityForm(saved, dict(values), saved=True, key=edit.key, index=edit.index)


def _values(document: Document, address: Address) -> dict[str, str]:
    return editing.form_values(document, address.kind, address.key, address.index)


def _edit(document: Document, address: Address, values: dict[str, str]) -> Edit:
    return editing.edit_entity(document, address.kind, values, key=address.key, index=address.index)


def _found(draft_id: int, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """An address the draft does not have (a forged or stale key) is "not found"."""
    try:
        return function(*args, **kwargs)
    except UnknownEntity as error:
        raise ContentEntityNotFound(draft_id, str(error)) from None
