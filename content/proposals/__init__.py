"""Proposals from a pasted report: each figure with its clause, unit, indicator and period.

Pure code (no I/O beyond :func:`read_report`, no database, no Telegram): the dashboard editor
and ``danbiet content propose`` both call :func:`propose`.
"""

from content.proposals.propose import Proposal, propose
from content.proposals.report import MAX_REPORT_BYTES, ReportError, read_report

__all__ = ["MAX_REPORT_BYTES", "Proposal", "ReportError", "propose", "read_report"]
