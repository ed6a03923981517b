"""Cells a spreadsheet shows and never runs: the one rule for every CSV and XLSX danbiet writes
(the officials' ticket export, the public open-data files).

Spreadsheets run formulas: a text beginning with "=" would execute in the reader's Excel, so
such cells are written with a leading apostrophe (OWASP's CSV-injection advice). In a CSV file a
formula may also hide after a separator: Excel in decimal-comma locales (Việt Nam's among them)
splits lines on ";", so "abc;=cmd" becomes a cell "=cmd". Every CSV field is therefore quoted,
and every piece after a ";", ",", tab or line break that would start a formula gets its
apostrophe too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

# Fullwidth forms too: Excel with an East Asian input method reads "＝1+1" as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A piece of a CSV cell that a separator-splitting reader would take for a formula: right
# after a separator (or at the start), past blanks Excel ignores.
_HIDDEN_FORMULA = re.compile(
    r"(?:^|(?<=[;,\t\r\n]))(?=[ \u00a0\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])"
)
Cell = str | int | float | None


def defused(value: Cell) -> Cell:
    """A text cell that a spreadsheet will show, never run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_defused(value: Cell) -> Cell:
    """A CSV text cell no piece of which a spreadsheet will run, however it splits the line."""
    if isinstance(value, str):
        return _HIDDEN_FORMULA.sub("'", value)
    return value


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """A CSV file: every field quoted and defused, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    # Quoted fields: a reader splitting on ";" keeps a quoted field whole.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_defused(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else csv_defused(cell) for cell in row])
    # The byte-order mark makes Excel read the file as UTF-8 (Vietnamese letters intact).
    return buffer.getvalue().encode("utf-8-sig")
