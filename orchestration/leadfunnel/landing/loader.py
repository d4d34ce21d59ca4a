"""Land extract files into the raw schemas of a DuckDB warehouse.

File naming
    A file lands in the raw table its name gives: ``<source>__<table>[__<suffix>].<ext>``, or
    ``<table>[__<suffix>].<ext>`` inside a folder named for the source, e.g.
    ``salesforce__lead.csv``, ``salesforce/lead.csv``, ``salesforce/lead__2026-11-01.parquet``.
    ``<ext>`` is ``csv``, ``parquet``, ``jsonl``, ``ndjson`` or ``xlsx`` (Excel: see
    ``files`` for which sheets hold which table); the suffix tells incremental extracts apart.
    Names starting with ``_`` or ``.`` (files or folders) are skipped. A file whose name gives
    no table of the contract (a connector's other tables, a README) is recorded as ignored and
    left where it is. Files load sorted by relative path.

Per file
    Hash (SHA-256) and detect the encoding (UTF-8, UTF-8 with BOM, CP932, UTF-16 with BOM;
    other than UTF-8 is transcoded to a UTF-8 temp copy; an Excel sheet is written out as a
    UTF-8 CSV), match the headers to the contract's columns (``headers``), then in ONE
    transaction: stage the rows in a temp table, check them (required columns, castable values,
    present and unique ids), create or widen the raw table, upsert, write the ledger row, and
    the same for each further sheet of a workbook; commit. Any failure rolls everything back:
    nothing of the file lands; the file moves to the quarantine folder with
    ``<name>.reason.txt`` (one sentence naming the file and the row/column or line), the
    rejection is written to the ledger in its own transaction, and the other files still load.

Raw tables
    ``<schema>.<table>`` with the contract's columns and types (a file's missing columns are
    NULL; the result's ``warnings`` name them, except the connector's bookkeeping columns),
    any extra columns as VARCHAR (added when first seen), and ``_loaded_at`` (UTC) and
    ``_source_file``. Timestamps are UTC without zone: values with an offset are converted,
    values without one are taken as UTC.

Upsert and ledger
    Upsert by ``id``: the table's rows whose id is in the file are deleted and the file's rows
    inserted, so the last load of a record wins. ``leadfunnel_meta.load_ledger`` records every
    attempt (see ``ledger``); a file whose content (hash) already loaded into the same table is
    skipped and changes nothing, so loading a folder twice is harmless.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from leadfunnel.landing.casts import install_macros
from leadfunnel.landing.columns import ColumnPlan, plan_columns
from leadfunnel.landing.encoding import Scan, line_of_offset, scan_file, transcode
from leadfunnel.landing.errors import LandingError, OutsideContract
from leadfunnel.landing.excel import open_workbook, sheet_to_csv
from leadfunnel.landing.files import (
    TEXT_FORMATS,
    ExtractFile,
    discover,
    format_of,
    label_for,
    map_file,
    sheet_tables,
)
from leadfunnel.landing.ledger import ensure_ledger, previous_load, previously_ignored, record
from leadfunnel.landing.quarantine import quarantine
from leadfunnel.landing.readers import reader_sql, source_columns
from leadfunnel.landing.results import FileResult, LoadReport
from leadfunnel.landing.staging import check_unique_ids, check_values, drop_stage, stage
from leadfunnel.landing.upsert import ensure_table, upsert
from leadfunnel.warehouse import DEFAULT_SCHEMAS

DUCKDB_CONFIG: dict[str, object] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": True,
}


@dataclass
class _Session:
    """What loading needs across files: one connection, the schemas, the folders."""

    con: duckdb.DuckDBPyConnection
    schemas: dict[str, str]
    quarantine_dir: Path
    workdir: Path
    # a rejected file is moved into quarantine when it sits in the home's landing folder, and
    # copied there when it is the user's own export folder (a load never empties it)
    keep_rejected: bool = False

    def table_name(self, extract: ExtractFile) -> str:
        """``schema.table`` where ``extract`` lands."""
        assert extract.table is not None
        return f"{self.schemas[extract.table.source]}.{extract.table.name}"


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A writing connection to ``db_path``: no extension downloads, UTC, file order kept."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db_path), config=dict(DUCKDB_CONFIG))
    con.execute("set TimeZone = 'UTC'")
    con.execute("set preserve_insertion_order = true")  # staged rowid = file row
    con.execute("set enable_progress_bar = false")  # it would draw over the caller's output
    install_macros(con)
    ensure_ledger(con)
    return con


@contextmanager
def _session(
    db_path: Path,
    quarantine_dir: Path,
    schemas: Mapping[str, str] | None,
    keep_rejected: bool = False,
) -> Iterator[_Session]:
    chosen = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    con = connect(Path(db_path))
    try:
        with tempfile.TemporaryDirectory(prefix="leadfunnel-landing-") as workdir:
            yield _Session(con, chosen, Path(quarantine_dir), Path(workdir), keep_rejected)
    finally:
        con.close()


def load_directory(
    directory: Path,
    db_path: Path,
    quarantine_dir: Path,
    schemas: Mapping[str, str] | None = None,
    progress: Callable[[FileResult], None] | None = None,
    keep_rejected: bool = False,
) -> LoadReport:
    """Land every extract file under ``directory`` into ``db_path``; see the module docstring.

    ``keep_rejected``: copy rejected files to quarantine instead of moving them (for a folder
    that is not the home's landing folder: the user's own exports stay where they are).
    ``schemas`` maps a source to its DuckDB schema (default: salesforce, marketo);
    ``progress`` is called with each result as soon as it is known (one per file, one per
    table for a workbook of several sheets).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise LandingError(f"{directory} is not a folder of extract files")
    db_path = Path(db_path)
    own_files = [quarantine_dir, db_path, Path(f"{db_path}.wal"), Path(f"{db_path}.tmp")]
    report = LoadReport()
    with _session(db_path, quarantine_dir, schemas, keep_rejected) as session:
        for path in discover(directory, exclude=own_files):
            for result in _load_one(session, path, label_for(path, directory)):
                report.results.append(result)
                if progress is not None:
                    progress(result)
    return report


def load_file(
    path: Path,
    db_path: Path,
    quarantine_dir: Path,
    schemas: Mapping[str, str] | None = None,
    root: Path | None = None,
) -> LoadReport:
    """Land one file (messages name it relative to ``root``, else as ``folder/name``).

    The report has one result, or one per table for a workbook of several sheets.
    """
    path = Path(path)
    with _session(Path(db_path), quarantine_dir, schemas) as session:
        return LoadReport(_load_one(session, path, label_for(path, root)))


@dataclass(frozen=True)
class _Part:
    """What one table of a file lands from: the file DuckDB reads and how messages name it.

    ``first_row`` is the number messages give the first data row (2 for an Excel sheet whose
    header is row 1; 1 for the data rows of other files); ``shown`` names each column.
    """

    extract: ExtractFile
    readable: Path
    format: str
    first_row: int = 1
    shown: tuple[str, ...] = ()


def _load_one(session: _Session, path: Path, label: str) -> list[FileResult]:
    """Land, skip, ignore or reject one file; never raises for a problem with the file."""
    sha256, table = "", None
    if path.is_symlink():
        # a link could point anywhere on the machine: only files really in the folder land
        message = (
            f"{label}: is a symbolic link (to {os.readlink(path)}); links are not followed, "
            "copy the file itself into the folder"
        )
        result = FileResult(path, None, "rejected", 0, 0, 0, message, "", None)
        record(session.con, result, _utc_now())
        return [result]
    try:
        scan = scan_file(path, text=format_of(path) in TEXT_FORMATS)
        sha256 = scan.sha256
        extract = map_file(path, label)
        if extract.format == "xlsx":
            return _land_workbook(session, extract, scan)
        table = session.table_name(extract)
        previous = previous_load(session.con, sha256, table)
        if previous is not None:
            return [_skip(session, extract, table, scan, previous)]
        with _readable_copy(session, extract, scan) as readable:
            return _land(session, [_Part(extract, readable, extract.format)], scan)
    except OutsideContract as outside:
        return [_ignore(session, path, sha256, str(outside))]
    except LandingError as error:
        message = str(error)
    except duckdb.Error as error:
        message = f"{label}: {_first_line(str(error))}"
    except OSError as error:
        message = f"{label}: cannot be read or written ({error.strerror or error})"
    return [_reject(session, path, table, sha256, message)]


def _land_workbook(session: _Session, workbook: ExtractFile, scan: Scan) -> list[FileResult]:
    """Land every sheet of ``workbook`` that holds a table, all in one transaction."""
    with open_workbook(workbook.path, workbook.label) as book:
        parts, others = sheet_tables(workbook, list(book.sheetnames))
        tables = [session.table_name(part) for part in parts]
        previous = [previous_load(session.con, scan.sha256, table) for table in tables]
        if all(previous):
            return [
                _skip(session, part, table, scan, before)
                for part, table, before in zip(parts, tables, previous, strict=True)
                if before is not None
            ]
        readable = []
        for number, part in enumerate(parts):
            assert part.sheet is not None
            sheet = sheet_to_csv(
                book, part.sheet, session.workdir / f"sheet{number}.csv", part.label
            )
            readable.append(_Part(part, sheet.csv_path, "csv", sheet.header_row + 1, sheet.shown))
    try:
        results = _land(session, readable, scan)
    finally:
        for part in readable:
            part.readable.unlink(missing_ok=True)
    if others and workbook.table is None:
        message = (
            f"{workbook.label}: sheet(s) {', '.join(repr(s) for s in others)} give no raw "
            "table of the contract; ignored"
        )
        results.append(_ignore(session, workbook.path, scan.sha256, message))
    return results


def _land(session: _Session, parts: list[_Part], scan: Scan) -> list[FileResult]:
    """Stage, check and upsert every part in ONE transaction; LandingError if one is bad."""
    con = session.con
    planned = []
    for part in parts:
        extract = part.extract
        assert extract.table is not None
        columns = source_columns(
            con, part.format, part.readable, extract.label, extract.table, part.shown
        )
        planned.append((part, columns, plan_columns(extract.table, columns, extract.label)))
    loaded_at = _utc_now()
    results = []
    con.begin()
    try:
        for part, columns, plan in planned:
            extract, label = part.extract, part.extract.label
            table = session.table_name(extract)
            schema = session.schemas[plan.table.source]
            reader = reader_sql(part.format, part.readable, columns)
            first_rowid = stage(con, reader, columns, part.format, label) - (part.first_row - 1)
            rows = check_values(con, plan, label, first_rowid)
            check_unique_ids(con, plan, label, first_rowid)
            ensure_table(con, schema, plan)
            inserted, replaced, kept = upsert(con, schema, plan, loaded_at, label)
            result = FileResult(
                extract.path,
                table,
                "loaded",
                rows,
                inserted,
                replaced,
                _loaded_message(label, table, rows, inserted, replaced, plan, kept),
                scan.sha256,
                warnings=_warnings(plan),
            )
            record(con, result, loaded_at)
            drop_stage(con)
            results.append(result)
        con.commit()
    except BaseException as error:
        # a failed COMMIT has already ended the transaction: keep the real error
        with contextlib.suppress(duckdb.Error):
            con.rollback()
        raise error
    return results


@contextmanager
def _readable_copy(session: _Session, extract: ExtractFile, scan: Scan) -> Iterator[Path]:
    """The file itself if DuckDB can read it, else a UTF-8 copy (removed afterwards)."""
    if scan.nul_offset is not None:
        # DuckDB's CSV reader takes a NUL for the end of the data: the rows after it would be
        # dropped without a word. A file lands whole or not at all.
        line = line_of_offset(extract.path, scan.nul_offset)
        raise LandingError(
            f"{extract.label}: line {line}: contains a NUL byte (\\0), which is not text; "
            "remove it (or export the file again) and land it again"
        )
    encoding = _transcode_from(extract, scan)
    if encoding is None:
        yield extract.path
        return
    copy = session.workdir / f"utf8{extract.path.suffix.lower()}"
    transcode(extract.path, encoding, copy, extract.label, scan)
    try:
        yield copy
    finally:
        copy.unlink(missing_ok=True)


def _transcode_from(extract: ExtractFile, scan: Scan) -> str | None:
    """The encoding to transcode ``extract`` from, or None when DuckDB reads it as it is."""
    if extract.format not in TEXT_FORMATS:
        return None
    if scan.encoding is None:
        return "cp932"  # not UTF-8: Japanese Excel's CP932, or undecodable
    if scan.encoding == "utf-16" or (scan.encoding == "utf-8-sig" and extract.format == "json"):
        return scan.encoding  # DuckDB's JSON reader refuses a BOM; its CSV reader skips it
    return None


def _skip(
    session: _Session,
    extract: ExtractFile,
    table: str,
    scan: Scan,
    previous: tuple[str, datetime, int],
) -> FileResult:
    """Record and return a skip: this content already landed in ``table``."""
    first_path, first_at, rows = previous
    message = (
        f"{extract.label}: already loaded into {table} on {first_at:%Y-%m-%d %H:%M:%S} UTC "
        f"(same SHA-256, from {Path(first_path).name}); skipped"
    )
    result = FileResult(extract.path, table, "skipped", rows, 0, 0, message, scan.sha256)
    record(session.con, result, _utc_now())
    return result


def _reject(
    session: _Session, path: Path, table: str | None, sha256: str, message: str
) -> FileResult:
    """Quarantine ``path`` with its reason and record the rejection in its own transaction."""
    moved: Path | None = None
    try:
        moved = quarantine(path, session.quarantine_dir, message, keep=session.keep_rejected)
    except OSError as error:
        message += f" (could not put it in quarantine: {error.strerror or error})"
    result = FileResult(path, table, "rejected", 0, 0, 0, message, sha256, moved)
    record(session.con, result, _utc_now())
    return result


def _ignore(session: _Session, path: Path, sha256: str, message: str) -> FileResult:
    """Record (once per path and content) and return: the file is outside the contract."""
    result = FileResult(path, None, "ignored", message=message, sha256=sha256)
    if not previously_ignored(session.con, str(path.resolve()), sha256):
        record(session.con, result, _utc_now())
    return result


def _loaded_message(
    label: str,
    table: str,
    rows: int,
    inserted: int,
    replaced: int,
    plan: ColumnPlan,
    kept: int = 0,
) -> str:
    noun = "row" if rows == 1 else "rows"
    message = f"{label}: {rows:,} {noun} into {table} ({inserted:,} new, {replaced:,} replaced"
    message += f", {kept:,} older than the version landed, kept out)" if kept else ")"
    if plan.missing_reported:
        message += f"; {_warnings(plan)[0]}"
    if plan.extras:
        message += f"; extra columns kept as VARCHAR: {_listed(plan.extras)}"
    return message


def _warnings(plan: ColumnPlan) -> tuple[str, ...]:
    """What the file lacked, for the ledger and for `leadfunnel load` to print."""
    if not plan.missing_reported:
        return ()
    return (f"columns not in the file, landed as NULL: {', '.join(plan.missing_reported)}",)


def _listed(names: tuple[str, ...], shown: int = 20) -> str:
    more = f" and {len(names) - shown:,} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return re.sub(r"^[A-Za-z ]*Error: ", "", first).strip()
