"""Which files land, in which order, and into which raw table each goes.

A file maps to a raw table by its name: ``<source>__<table>[__<suffix>].<ext>`` anywhere, or
``<table>[__<suffix>].<ext>`` inside a folder named for the source (``salesforce/lead.csv``).
The optional suffix tells incremental extracts apart (``lead__2026-11-01.csv``). Names are
matched case-insensitively. Files and folders whose name starts with ``_`` or ``.`` are not
extracts (``_truth/``, ``.DS_Store``) and are ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from leadfunnel.contract import SOURCES, TABLES_BY_NAME, RawTable
from leadfunnel.landing.errors import LandingError

# file extension -> reader
FORMATS: dict[str, str] = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".jsonl": "json",
    ".ndjson": "json",
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
    """A file that maps to a contract table; ``label`` is its path as messages show it."""

    path: Path
    label: str
    format: str
    table: RawTable


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
    """The contract table ``path`` lands in; LandingError naming the file and the rule if none."""
    file_format = format_of(path)
    if file_format is None:
        raise LandingError(
            f"{label}: {path.suffix or 'a file without extension'} is not a supported "
            f"extract format; {EXPECTED_PATTERN}"
        )
    qualified = _table_name(path)
    if qualified is None or qualified not in TABLES_BY_NAME:
        raise LandingError(
            f"{label}: no raw table of the contract matches this name; {EXPECTED_PATTERN}"
        )
    return ExtractFile(path, label, file_format, TABLES_BY_NAME[qualified])


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
