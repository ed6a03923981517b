"""Reading a report file for the proposer: UTF-8 text, not empty, not over MAX_REPORT_BYTES."""

from __future__ import annotations

from pathlib import Path

MAX_REPORT_BYTES = 1_000_000  # a quarterly report is ~10 kB; this bounds the work, not the use


class ReportError(Exception):
    """A report that cannot be read; the message is one line, fit to show."""


def read_report(path: Path) -> str:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ReportError(f"{path} is not a file")
        if size > MAX_REPORT_BYTES:
            raise ReportError(
                f"{path} is {size} bytes; a report may have at most {MAX_REPORT_BYTES} bytes"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except OSError as error:
        raise ReportError(f"{path}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ReportError(f"{path} is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise ReportError(f"{path} is empty")
    return text
