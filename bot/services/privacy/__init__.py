"""Residents' rights over their data: see it, erase it, and its end after the retention period."""
