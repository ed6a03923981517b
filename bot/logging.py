"""Logging set-up: plain or JSON lines, and no secret ever reaches a log line."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterable

# Bot API URLs carry the token: /bot123456:AA.../sendMessage
_TOKEN_PATTERN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
REDACTED = "[REDACTED]"


class RedactSecrets(logging.Filter):
    """Replaces known secrets and anything shaped like a bot token in the final message."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret]

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return _TOKEN_PATTERN.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            # Exceptions (httpx errors) may quote the URL: format now, redacted.
            formatter = logging.Formatter()
            record.exc_text = self.redact(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.msg = f"{record.msg}\n{record.exc_text}"
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    """One object per line; host and pid tell several instances' lines apart."""

    host = socket.gethostname()

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "host": self.host,
            "pid": record.process,
        }
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str, *, json_lines: bool = False, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactSecrets(secrets))
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, token included, at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # One line per migration step on every start is noise in the terminal.
    logging.getLogger("alembic").setLevel(logging.WARNING)
