"""Proposals rejected from a draft's pasted report, kept with the draft: neither another editor
nor a reload offers them again, and the page says who rejected each. Rejecting changes nothing
in the draft's document (its version stays), so it makes no one an editor of the draft; each
rejection, and each proposal offered again, is audited in its own transaction."""

from __future__ import annotations

from bot.domain.content_drafts import DraftEditor, RejectedProposal
from bot.domain.errors import ReleaseNotFound
from bot.services.kernel.actor import Actor
from bot.services.kernel.audit import AuditNote, audit_entry
from bot.services.kernel.clock import Clock, utc_now
from bot.services.kernel.officials import Officials, Permission
from bot.services.knowledge.drafts_steps import Step, identity, label_of, still_a_draft
from storage.uow import UnitOfWork, UnitOfWorkFactory


class ProposalRejections:
    def __init__(self, uow: UnitOfWorkFactory, officials: Officials, clock: Clock = utc_now):
        self._uow = uow
        self._officials = officials
        self._clock = clock

    async def rejected(
        self, actor: Actor, draft_id: int, report_key: str
    ) -> tuple[RejectedProposal, ...]:
        """The proposals of the draft's report that were rejected, oldest first."""
        await self._officials.require(actor, Permission.VIEW_CONTENT)
        async with self._uow() as uow:
            return tuple(await uow.content_releases.rejected_proposals(draft_id, report_key))

    async def reject(
        self, actor: Actor, draft_id: int, report_key: str, fingerprint: str, figure: str
    ) -> None:
        """Set the proposal aside for everyone (once: rejecting it again changes nothing)."""
        step, proposal = await self._step(actor, report_key, fingerprint, figure)
        async with self._uow() as uow:
            await _open_draft(uow, draft_id)
            if await uow.content_releases.reject_proposal(draft_id, proposal):
                await _audit(uow, step, "content_proposal_rejected", draft_id, proposal)
            await uow.commit()

    async def restore(
        self, actor: Actor, draft_id: int, report_key: str, fingerprint: str, figure: str
    ) -> None:
        """Offer a rejected proposal again."""
        step, proposal = await self._step(actor, report_key, fingerprint, figure)
        async with self._uow() as uow:
            await _open_draft(uow, draft_id)
            if await uow.content_releases.restore_proposal(draft_id, report_key, fingerprint):
                await _audit(uow, step, "content_proposal_restored", draft_id, proposal)
            await uow.commit()

    async def _step(
        self, actor: Actor, report_key: str, fingerprint: str, figure: str
    ) -> tuple[Step, RejectedProposal]:
        """The editor's permission checked; the step and the proposal as this editor sets it."""
        official = await self._officials.require(actor, Permission.EDIT_CONTENT)
        step = Step(actor, label_of(actor, official), self._clock())
        by = DraftEditor(identity(actor), step.label, step.at)
        return step, RejectedProposal(report_key, fingerprint, figure[:64], by)


async def _open_draft(uow: UnitOfWork, draft_id: int) -> None:
    summary = await uow.content_releases.summary(draft_id)
    if summary is None:
        raise ReleaseNotFound(draft_id)
    still_a_draft(summary)


async def _audit(
    uow: UnitOfWork, step: Step, action: str, draft_id: int, proposal: RejectedProposal
) -> None:
    detail = f"draft {draft_id} report {proposal.report_key}: {proposal.figure}"
    await uow.audit.add(
        audit_entry(step.actor, step.label, action, step.at, AuditNote(detail=detail))
    )
