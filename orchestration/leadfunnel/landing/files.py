"""Which files land, in which order, and into which raw table each goes.

A file maps to a raw table by its name: ``<source>__<table>[__<suffix>].<ext>`` anywhere, or
``<table>[__<suffix>].<ext>`` inside a folder named for the source (``salesforce/lead.csv``).
The optional suffix tells incremental extracts apart (``lead__2026-11-01.csv``). Names are
matched case-insensitively. Files and folders whose name starts with ``_`` or ``.`` are not
extracts (``_truth/``, ``.DS_Store``) and are skipped silently. A file whose name gives no
table of the contract (``salesforce/account_history.csv``, ``README.md``) is outside the
contract: it is recorded as ignored and left where it is.

An Excel workbook (``.xlsx``) named like a table holds that table in its sheet named like the
table, else in its first sheet. Any other workbook holds one table per sheet named like a table
(``lead``, ``salesforce__lead``; the source from the sheet name, the folder or the workbook's
name, e.g. ``salesforce.xlsx``); its other sheets are ignored.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from leadfunnel.contract import SOURCES, TABLES_BY_NAME, RawTable
from leadfunnel.landing.errors import LandingError, OutsideContract

# file extension -> reader
FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".jsonl": "json",
    ".ndjson": "json",
    ".xlsx": "xlsx",
}
TEXT_FORMATS = frozenset({"csv", "json"})
EXPECTED_PATTERN = (
    "expected <source>__<table>[__<suffix>].<ext> or <source>/<table>[__<suffix>].<ext>, "
    f"with source {' or '.join(SOURCES)}, table a raw table of the contract and ext "
    f"{', '.join(e.lstrip('.') for e in FORMATS)} (e.g. salesforce__lead.csv, "
    "marketo/activity_visit_webpage__2026-11-01.parquet)"
)


@dataclass(frozen=True)
class ExtractFile:
    """A file (or a workbook's sheet) that maps to a contract table.

    ``label`` is how messages name it; ``table`` is None for a workbook whose sheets say the
    tables (see :func:`sheet_tables`); ``sheet`` is the sheet of a workbook part.
    """

    path: Path
    label: str
    format: str
    table: RawTable | None
    sheet: str | None = None


def is_ignored(name: str) -> bool:
    """Whether a file or folder name marks something that is not an extract."""
    return name.startswith(("_", "."))


def discover(directory: Path, exclude: Iterable[Path] = ()) -> list[Path]:
    """Every candidate extract under ``directory``, sorted by relative path (load order)."""
    excluded = {path.resolve() for path in exclude}
    found: list[Path] = []
    for folder, subfolders, names in os.walk(directory):
        here = Path(folder)
        subfolders[:] = [
            name
            for name in subfolders
            if not is_ignored(name) and (here / name).resolve() not in excluded
        ]
        found.extend(
            here / name
            for name in names
            if not is_ignored(name) and (here / name).resolve() not in excluded
        )
    return sorted(found, key=lambda path: path.relative_to(directory).as_posix())


def label_for(path: Path, root: Path | None) -> str:
    """How messages name ``path``: relative to the landing folder, else ``folder/name``."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def format_of(path: Path) -> str | None:
    """The reader for ``path`` by extension (csv, parquet, json), or None if unsupported."""
    return FORMATS.get(path.suffix.lower())


def map_file(path: Path, label: str) -> ExtractFile:
    """The contract table ``path`` lands in (None for a workbook of several tables).

    OutsideContract when the name gives no table of the contract; LandingError for a table of
    the contract in a format landing does not read.
    """
    file_format = format_of(path)
    qualified = _table_name(path)
    table = TABLES_BY_NAME.get(qualified or "")
    if file_format is None:
        if table is None:
            raise OutsideContract(f"{label}: {_outside(qualified)}; ignored")
        raise LandingError(
            f"{label}: {path.suffix or 'a file without extension'} is not a supported "
            f"extract format; {EXPECTED_PATTERN}"
        )
    if table is None and file_format != "xlsx":
        raise OutsideContract(f"{label}: {_outside(qualified)}; ignored")
    return ExtractFile(path, label, file_format, table)


def _outside(qualified: str | None) -> str:
    if qualified is None:
        return "the name gives no raw table of the contract"
    hint = _similar(qualified)
    return f"{qualified} is not a raw table of the contract" + (
        f" (did you mean {hint}?)" if hint else ""
    )


def _similar(qualified: str) -> str | None:
    source = qualified.split(".")[0]
    names = [name for name in TABLES_BY_NAME if name.startswith(source + ".")]
    close = difflib.get_close_matches(qualified, names, n=1, cutoff=0.95)
    return close[0] if close else None


def _sheet_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def sheet_tables(workbook: ExtractFile, sheets: list[str]) -> tuple[list[ExtractFile], list[str]]:
    """The workbook's parts (one per sheet that holds a contract table) and its other sheets.

    A workbook named like a table: that table, from the sheet named like it, else the first
    sheet. Otherwise each sheet named ``<table>`` (the source from the folder or the
    workbook's name) or ``<source>__<table>``. OutsideContract when no sheet holds a table.
    """
    label = workbook.label
    if workbook.table is not None:
        names = {workbook.table.name, workbook.table.qualified_name.replace(".", "__")}
        chosen = next((s for s in sheets if _sheet_key(s) in names), sheets[0] if sheets else None)
        if chosen is None:
            raise LandingError(f"{label}: the workbook has no sheet")
        part = ExtractFile(
            workbook.path, _sheet_label(label, chosen), "xlsx", workbook.table, chosen
        )
        return [part], [s for s in sheets if s != chosen]
    source = _workbook_source(workbook.path)
    parts, others = [], []
    for sheet in sheets:
        table = TABLES_BY_NAME.get(_sheet_table(_sheet_key(sheet), source) or "")
        if table is None:
            others.append(sheet)
        else:
            parts.append(
                ExtractFile(workbook.path, _sheet_label(label, sheet), "xlsx", table, sheet)
            )
    if not parts:
        raise OutsideContract(
            f"{label}: neither the workbook's name nor a sheet's name "
            f"({', '.join(sheets) or 'none'}) gives a raw table of the contract; ignored"
        )
    return parts, others


def _sheet_label(label: str, sheet: str) -> str:
    return f"{label}, sheet {sheet!r}"


def _workbook_source(path: Path) -> str | None:
    folder = path.parent.name.lower()
    if folder in SOURCES:
        return folder
    first = path.stem.lower().split("__")[0]
    return first if first in SOURCES else None


def _sheet_table(key: str, source: str | None) -> str | None:
    parts = key.split("__")
    if not all(parts):
        return None
    if parts[0] in SOURCES and len(parts) in (2, 3):
        return f"{parts[0]}.{parts[1]}"
    if source is not None and len(parts) in (1, 2):
        return f"{source}.{parts[0]}"
    return None


def _table_name(path: Path) -> str | None:
    """``source.table`` from the file name (or its folder), None if the name does not fit."""
    parts = path.stem.lower().split("__")
    folder = path.parent.name.lower()
    if not all(parts):
        return None
    if parts[0] in SOURCES and len(parts) in (2, 3):
        if folder in SOURCES and folder != parts[0]:
            return None  # marketo/salesforce__lead.csv: folder and name disagree
        return f"{parts[0]}.{parts[1]}"
    if folder in SOURCES and len(parts) in (1, 2):
        return f"{folder}.{parts[0]}"
    return None
