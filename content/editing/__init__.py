"""The dashboard's content editor, pure: one entity of a release document read as form values,
written back from them and checked field by field with the rules of ``danbiet content check``;
a pasted report turned into proposed observations an editor accepts into the document.

Imports neither the bot nor the database: the drafts service stores what this returns.
"""

from content.editing.entities import (
    KINDS,
    Address,
    Edit,
    EntityKind,
    edit_entity,
    field_names,
    form_values,
    remove_entity,
)
from content.editing.errors import FieldError
from content.editing.report_proposals import (
    ShownProposal,
    accept_proposal,
    proposal_form,
    proposals_for,
)

__all__ = [
    "KINDS",
    "Address",
    "Edit",
    "EntityKind",
    "FieldError",
    "ShownProposal",
    "accept_proposal",
    "edit_entity",
    "field_names",
    "form_values",
    "proposal_form",
    "proposals_for",
    "remove_entity",
]
