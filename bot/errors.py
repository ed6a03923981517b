"""Domain errors that front ends turn into polite answers."""

from __future__ import annotations


class DomainError(Exception):
    """A request that the rules refuse; the message is for logs, not for users."""


class PermissionDenied(DomainError):
    pass
