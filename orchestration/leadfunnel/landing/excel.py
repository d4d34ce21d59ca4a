"""Excel workbooks (``.xlsx``): each sheet that holds a table, written out as a UTF-8 CSV.

Japanese teams keep leads in Excel. A sheet is read with openpyxl (read-only, the values Excel
last calculated) and written as CSV text, so it lands exactly like a CSV file: the same header
matching, casts and checks. Values Excel typed are written so the casts read them as the
contract's types: dates and times as ISO-8601 (``2026-01-05 09:00:00``, UTC like any value
without an offset), numbers without a spurious ``.0`` when whole, booleans as true/false.

The header is the first non-empty row; the data rows follow it, and messages name rows as
Excel numbers them. Empty rows at the end and empty columns at the right are not data. A cell
holding an Excel error (``#N/A``, ``#VALUE!``) or a value in a column without a header is
a bad cell: LandingError naming the sheet, the row and the column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from leadfunnel.landing.errors import LandingError

_EXACT_INTEGERS = 2**53  # whole floats below this print exactly as integers


@dataclass(frozen=True)
class Sheet:
    """A sheet written as CSV: where, its header row (Excel's number), its columns as shown."""

    csv_path: Path
    header_row: int
    shown: tuple[str, ...]  # per column: "C (Created Date)", how messages name it


@contextmanager
def open_workbook(path: Path, label: str) -> Iterator[Workbook]:
    """The workbook at ``path``, read-only (LandingError if it is not a readable .xlsx)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, ValueError, ...
        raise LandingError(f"{label}: not a readable Excel workbook ({error})") from None
    try:
        yield book
    finally:
        book.close()


def sheet_to_csv(book: Workbook, sheet: str, target: Path, label: str) -> Sheet:
    """Write ``sheet`` of ``book`` to ``target`` as UTF-8 CSV; LandingError on a bad cell."""
    rows = book[sheet].iter_rows()
    header_row, header = _header(rows, label)
    shown = tuple(
        f"{get_column_letter(i)} ({name})" if name else get_column_letter(i)
        for i, name in enumerate(header, start=1)
    )
    width = len(header)
    pending: list[list[str]] = []  # empty rows: data only if a row with values follows
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number, cells in enumerate(rows, start=header_row + 1):
            values = [_text(cell, label, number, shown, i) for i, cell in enumerate(cells)]
            beyond = next((i for i in range(width, len(values)) if values[i] != ""), None)
            if beyond is not None:
                raise LandingError(
                    f"{label}: row {number}, column {get_column_letter(beyond + 1)}: "
                    f"{values[beyond]!r} is in a column without a header"
                )
            values = (values + [""] * width)[:width]
            if not any(values):
                pending.append(values)
                continue
            writer.writerows(pending)
            pending.clear()
            writer.writerow(values)
    return Sheet(target, header_row, shown)


def _header(rows, label: str) -> tuple[int, list[str]]:
    for number, cells in enumerate(rows, start=1):
        names = [_header_name(cell.value) for cell in cells]
        while names and not names[-1]:
            names.pop()
        if names:
            return number, names
    raise LandingError(f"{label}: the sheet is empty; expected a header row")


def _header_name(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _text(cell, label: str, row: int, shown: tuple[str, ...], index: int) -> str:
    """A cell's value as the text the casts read ('' for an empty cell)."""
    value = cell.value
    if getattr(cell, "data_type", None) == "e":
        where = shown[index] if index < len(shown) else get_column_letter(index + 1)
        raise LandingError(f"{label}: row {row}, column {where}: the cell holds the error {value}")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < _EXACT_INTEGERS:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
