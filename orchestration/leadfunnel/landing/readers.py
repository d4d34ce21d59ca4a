"""DuckDB's own readers for each extract format, their columns, and their errors as sentences.

CSV is read as RFC 4180 (comma, double quotes, header row), every column as VARCHAR, with
DuckDB's sniffer off so a malformed line fails with its line number instead of a guessed
dialect. JSON lines are read with every key as VARCHAR. Parquet keeps its own types.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from leadfunnel.contract import RawTable
from leadfunnel.landing.casts import literal
from leadfunnel.landing.errors import LandingError
from leadfunnel.landing.headers import match_headers, normalize_header

CSV_OPTIONS = (
    "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
    "strict_mode = true, parallel = true"
)


@dataclass(frozen=True)
class SourceColumn:
    """A column of the file: its header, the column it lands in, its type in the file.

    ``read_name`` is the header as the reader names it; ``header`` is how messages show the
    column (the header, or an Excel column letter with it).
    """

    read_name: str
    name: str
    type: str
    header: str = ""

    @property
    def shown(self) -> str:
        return self.header or self.name


def source_columns(
    con: duckdb.DuckDBPyConnection,
    file_format: str,
    path: Path,
    label: str,
    table: RawTable,
    shown: tuple[str, ...] = (),
) -> list[SourceColumn]:
    """The columns of the UTF-8 file ``path``, matched to ``table`` (LandingError if bad).

    ``shown`` overrides how messages name each column (an Excel sheet's column letters).
    """
    if file_format == "csv":
        headers = _csv_header(path, label)
        kinds = ["VARCHAR"] * len(headers)
    else:
        described = _describe(con, _raw_reader(file_format, path), file_format, label)
        headers = [name for name, _ in described]
        kinds = ["VARCHAR" if file_format == "json" else kind for _, kind in described]
    names = match_headers(table, headers, label)
    shown = shown or tuple(
        name if normalize_header(header) == name else f"{name} ({header.strip()})"
        for header, name in zip(headers, names, strict=True)
    )
    return [
        SourceColumn(header, name, kind, shown_as)
        for header, name, kind, shown_as in zip(headers, names, kinds, shown, strict=True)
    ]


def reader_sql(file_format: str, path: Path, columns: list[SourceColumn]) -> str:
    """A table-function call reading every row of ``path`` with ``columns``."""
    if file_format == "csv":
        return f"read_csv({literal(str(path))}, columns = {_struct(columns)}, {CSV_OPTIONS})"
    if file_format == "json":
        return (
            f"read_json({literal(str(path))}, format = 'newline_delimited', "
            f"columns = {_struct(columns)})"
        )
    return _raw_reader(file_format, path)


def _struct(columns: list[SourceColumn]) -> str:
    return "{" + ", ".join(f"{literal(c.read_name)}: 'VARCHAR'" for c in columns) + "}"


def _raw_reader(file_format: str, path: Path) -> str:
    if file_format == "parquet":
        return f"read_parquet({literal(str(path))})"
    return f"read_json({literal(str(path))}, format = 'newline_delimited', sample_size = -1)"


def _describe(
    con: duckdb.DuckDBPyConnection, reader: str, file_format: str, label: str
) -> list[tuple[str, str]]:
    try:
        rows = con.execute(f"describe select * from {reader}").fetchall()
    except duckdb.Error as error:
        raise LandingError(explain_read_error(error, file_format, label)) from None
    return [(name, kind) for name, kind, *_ in rows]


def _csv_header(path: Path, label: str) -> list[str]:
    """The header row of a UTF-8 CSV file, parsed as RFC 4180."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            header = next(csv.reader(handle), None)
        except csv.Error as error:
            raise LandingError(
                f"{label}: line 1: the header row is not valid CSV ({error})"
            ) from None
    if not header:
        raise LandingError(f"{label}: the file is empty; expected a header row")
    return header


def explain_read_error(error: duckdb.Error, file_format: str, label: str) -> str:
    """DuckDB's reader error as one sentence naming the file and, where known, the line."""
    text = str(error)
    if file_format == "csv":
        return _explain_csv(text, label)
    if file_format == "json":
        found = re.search(r"at byte \d+ in line (\d+): ([^\n]*?)\.?\s*(?:\n|$)", text)
        if found:
            # DuckDB names the line where it noticed the problem: for an object left open that
            # is the next line. The first line that is not a JSON value is the bad one.
            named = re.search(r'in file "([^"]+)"', text)
            line = _first_bad_json_line(Path(named.group(1))) if named else None
            return f"{label}: line {line or found.group(1)}: malformed JSON ({found.group(2)})"
        return f"{label}: not readable as JSON lines ({_first_line(text)})"
    return f"{label}: not a readable Parquet file ({_first_line(text)})"


def _first_bad_json_line(path: Path) -> int | None:
    """The number of the first non-blank line of a JSON-lines file that is not one JSON
    value (read only after DuckDB has rejected the file, to name the right line)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        json.loads(line)
                    except ValueError:
                        return number
    except OSError:
        return None
    return None


def _explain_csv(text: str, label: str) -> str:
    line = re.search(r"CSV Error on Line: (\d+)", text)
    where = f"line {line.group(1)}" if line else "the file"
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if counts:
        expected, found = counts.groups()
        return f"{label}: {where}: expected {expected} fields (as in the header) but found {found}"
    if "unterminated quote" in text:
        return f"{label}: {where}: a quoted value is never closed (unterminated quote)"
    if "Maximum line size" in text:
        return f"{label}: {where}: the line is longer than DuckDB's maximum line size"
    return f"{label}: {where}: malformed CSV ({_first_line(text)})"


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return re.sub(r"^[A-Za-z ]*Error: ", "", first).strip()
