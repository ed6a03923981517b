"""The domain: records, statuses, the ticket state machine and the errors, shared by every layer.

It imports nothing of the services, storage or the front ends (an import-linter contract)."""
