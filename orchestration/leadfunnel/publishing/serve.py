"""Write, audit, publish: the copy of the marts that analysts and BI tools read.

``build.duckdb`` is only ever written by the pipeline, and DuckDB's one-writer rule means a
reader there would block (and be blocked by) every refresh. Readers get
``$LEADFUNNEL_HOME/serve.duckdb`` instead:

1. **gate** (``leadfunnel.publishing.gate.audit``): the last quality check and the last dbt
   build passed and saw the raw data that is there now; otherwise :class:`PublishBlocked` says
   why and nothing is written.
2. **write**: every table of schema ``marts`` (with its dbt descriptions as comments) and a
   ``meta`` table are copied into a temporary file beside ``serve.duckdb``, written with
   ``storage_compatibility_version`` v1.4.0 so DuckDB 1.x readers and BI drivers open it.
3. **audit**: the temporary file is reopened read-only; its storage version, tables and row
   counts must match what was copied.
4. **publish**: ``os.replace`` moves it over ``serve.duckdb`` (atomic on one filesystem). A
   reader that has the old file open keeps reading the old copy, unblocked; a failure at any
   step removes the temporary file and leaves the previous ``serve.duckdb`` untouched.

Optionally the published copy is then exported to Parquet (``leadfunnel.publishing.parquet``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from leadfunnel import __version__
from leadfunnel.contract import ALL_TABLES
from leadfunnel.paths import Home
from leadfunnel.publishing import personal
from leadfunnel.publishing.gate import Audit, PublishBlocked, audit, raw_fingerprint
from leadfunnel.publishing.parquet import export_dir, export_tables, temporaries
from leadfunnel.quality.rules import ALL_RULES
from leadfunnel.warehouse import (
    DEFAULT_SCHEMAS,
    DUCKDB_CONFIG,
    connect,
    quote_identifier,
    quote_literal,
)

SERVE_DB = "serve.duckdb"
MARTS_SCHEMA = "marts"
META_TABLE = "meta"
STORAGE_VERSION = "v1.4.0"


def serve_path(home: Home) -> Path:
    """The published warehouse: ``$LEADFUNNEL_HOME/serve.duckdb``."""
    return home.root / SERVE_DB


@dataclass(frozen=True)
class PublishResult:
    path: Path
    published_at: datetime
    as_of: datetime | None
    tables: dict[str, int]  # marts.<table> -> rows
    exported: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()


def publish(
    home: Home,
    *,
    export_parquet: bool = False,
    schemas: Mapping[str, str] | None = None,
    personal_data: str | None = None,
) -> PublishResult:
    """Gate, write, audit and publish ``serve.duckdb`` (caller holds the build lock).

    ``personal_data``: full, pseudonymized or none (see ``publishing.personal``; default
    ``$LEADFUNNEL_PERSONAL_DATA``, else full); the Parquet export has its own setting
    (``$LEADFUNNEL_EXPORT_PERSONAL_DATA``, default pseudonymized)."""
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    serve_mode = personal.mode(personal_data, personal.SERVE_ENV, "full")
    export_mode = personal.mode(None, personal.EXPORT_ENV, "pseudonymized")
    con = connect(home.build_db, read_only=True)
    try:
        verdict = audit(home, raw_fingerprint(con, schemas))
        if not verdict.ok:
            raise PublishBlocked(
                f"not published, {serve_path(home).name} is unchanged: "
                + "; ".join(verdict.reasons)
            )
        published_at = datetime.now(UTC)
        _sweep_temporaries(home)
        tmp = home.root / f".{SERVE_DB}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            tables = _write(con, tmp, verdict, published_at, schemas, serve_mode)
            _audit_copy(tmp, tables)
            _fsync(tmp)
            os.replace(tmp, serve_path(home))
            _fsync(home.root)
        finally:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    finally:
        con.close()
    warnings = list(verdict.warnings)
    exported: tuple[Path, ...] = ()
    if export_parquet:
        # serve.duckdb is already published: a failed export is a warning, not a failed publish
        try:
            published = [tuple(name.split(".")) for name in tables] + [("main", META_TABLE)]
            exported = export_tables(
                serve_path(home), export_dir(home), published, personal_data=export_mode
            )
        except (OSError, duckdb.Error) as error:
            warnings.append(f"Parquet export failed, serve.duckdb was published: {error}")
    return PublishResult(
        path=serve_path(home),
        published_at=published_at,
        as_of=verdict.as_of,
        tables=tables,
        exported=exported,
        warnings=tuple(warnings),
    )


def _sweep_temporaries(home: Home) -> None:
    """Remove temporary files a crashed publish or export left behind. The caller holds the
    build lock, so no other publish of this home is writing one."""
    leftovers = [
        *home.root.glob(f".{SERVE_DB}.*.tmp"),
        *home.root.glob(f".{SERVE_DB}.*.tmp.wal"),
        *temporaries(export_dir(home)),
    ]
    for path in leftovers:
        path.unlink(missing_ok=True)


def _write(
    con: duckdb.DuckDBPyConnection,
    tmp: Path,
    verdict: Audit,
    published_at: datetime,
    schemas: Mapping[str, str],
    personal_data: str = "full",
) -> dict[str, int]:
    con.execute(
        f"attach {quote_literal(str(tmp))} as serve "
        f"(storage_version {quote_literal(STORAGE_VERSION)}, read_write)"
    )
    try:
        marts = con.execute(
            "select table_name, comment from duckdb_tables() "
            "where database_name = current_database() and schema_name = ? order by table_name",
            [MARTS_SCHEMA],
        ).fetchall()
        if not marts:
            raise PublishBlocked(
                f"not published: build.duckdb has no tables in schema {MARTS_SCHEMA} "
                "(run `leadfunnel build` first)"
            )
        con.execute(f"create schema serve.{quote_identifier(MARTS_SCHEMA)}")
        counts: dict[str, int] = {}
        for name, comment in marts:
            source = f"{quote_identifier(MARTS_SCHEMA)}.{quote_identifier(name)}"
            target = f"serve.{source}"
            columns = personal.select_list(con, source, name, personal_data)
            con.execute(f"create table {target} as select {columns} from {source}")
            if comment:
                con.execute(f"comment on table {target} is {quote_literal(comment)}")
            for column, column_comment in con.execute(
                "select column_name, comment from duckdb_columns() "
                "where database_name = current_database() and schema_name = ? "
                "and table_name = ? and comment is not null",
                [MARTS_SCHEMA, name],
            ).fetchall():
                con.execute(
                    f"comment on column {target}.{quote_identifier(column)} "
                    f"is {quote_literal(column_comment)}"
                )
            (counts[f"{MARTS_SCHEMA}.{name}"],) = con.execute(
                f"select count(*) from {target}"
            ).fetchone()
        _write_meta(con, verdict, published_at, counts, schemas, personal_data)
        con.execute("checkpoint serve")
    finally:
        con.execute("detach serve")
    return counts


def _write_meta(
    con: duckdb.DuckDBPyConnection,
    verdict: Audit,
    published_at: datetime,
    counts: dict[str, int],
    schemas: Mapping[str, str],
    personal_data: str = "full",
) -> None:
    rows: list[tuple] = []

    def add(section: str, name: str, value=None, number=None, at=None) -> None:
        if isinstance(at, datetime) and at.tzinfo is not None:
            at = at.astimezone(UTC).replace(tzinfo=None)
        if value is None and at is None and number is None:
            return  # e.g. no timestamps to judge a table's freshness by
        if value is None:
            value = at.isoformat() if at else f"{number:g}"
        rows.append((section, name, str(value), number, at))

    add("build", "published_at", at=published_at)
    add("build", "as_of", at=verdict.as_of)
    # after a selected refresh only these marts are as of as_of; the rest as of full_build_as_of
    add("build", "full_build_as_of", at=verdict.full_as_of)
    if verdict.partial_models:
        add("build", "partial_refresh_models", value=",".join(verdict.partial_models))
    add("build", "cross_mart_reconciliation", value=_reconciliation(verdict))
    add("build", "built_at", at=verdict.built_at)
    add("build", "quality_checked_at", at=verdict.checked_at)
    add("build", "leadfunnel_version", value=__version__)
    add("build", "personal_data", value=personal_data)
    for name, newest, landed in _freshness(con, schemas):
        add("freshness", name, at=newest)
        if landed is not None:
            add("landed", name, at=landed)
    for name, rows_ in counts.items():
        add("row_count", name, number=rows_)
    for name, value in verdict.summary.items():
        if isinstance(value, str):
            add("check", name, value=value)
        else:
            add("check", name, number=value)
    for text in verdict.warnings:
        add("warning", text.split(":")[0], value=text)
    for name, missing in _missing_inputs(con, schemas):
        add("missing_input", name, value=missing)
    con.execute(
        f"create table serve.main.{META_TABLE} (section varchar not null, name varchar not null, "
        "value varchar, value_number double, value_at timestamp)"
    )
    con.executemany(f"insert into serve.main.{META_TABLE} values (?, ?, ?, ?, ?)", rows)
    con.execute(
        f"comment on table serve.main.{META_TABLE} is "
        + quote_literal(
            "What this published copy is: section build (published_at, as_of, built_at, "
            "quality_checked_at, full_build_as_of, partial_refresh_models, "
            "cross_mart_reconciliation), freshness (newest record per source and raw table, UTC), "
            "landed (newest landing), row_count (per mart), check (quality gate and dbt tests), "
            "warning (non-blocking failures), missing_input (raw tables and columns of the "
            "contract this warehouse lacks: the models read them as empty / NULL, see "
            "docs/raw-tables.md)."
        )
    )


def _missing_inputs(
    con: duckdb.DuckDBPyConnection, schemas: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(source.table, what is missing) for every contract table or column the raw schemas
    lack: the models read a missing table as no rows and a missing column as NULL, and the
    published copy says so instead of leaving a silent NULL."""
    present: dict[tuple[str, str], set[str]] = {
        (schema.lower(), table.lower()): {c.lower() for c in columns}
        for schema, table, columns in con.execute(
            "select table_schema, table_name, list(column_name) from information_schema.columns "
            "where table_catalog = current_database() group by all"
        ).fetchall()
    }
    out: list[tuple[str, str]] = []
    for raw in ALL_TABLES:
        columns = present.get((schemas[raw.source].lower(), raw.name))
        if columns is None:
            out.append((raw.qualified_name, "table (read as no rows)"))
            continue
        lacking = [c for c in raw.columns if c.lower() not in columns]
        if lacking:
            out.append((raw.qualified_name, "columns (read as NULL): " + ", ".join(lacking)))
    return out


def _reconciliation(verdict: Audit) -> str:
    """Whether the marts of this copy were reconciled with each other by dbt's tests."""
    if not verdict.partial_models:
        return "checked: every mart is from one build and the tests across marts passed"
    return (
        "not claimed: a selected refresh rebuilt "
        + ", ".join(verdict.partial_models)
        + "; the other marts are from the full build as of full_build_as_of, and the tests "
        "across marts run in the next full build"
    )


def _freshness(
    con: duckdb.DuckDBPyConnection, schemas: Mapping[str, str]
) -> list[tuple[str, datetime | None, datetime | None]]:
    """(source or source.table, newest record, newest landing) for every raw table present."""
    present = {
        (schema.lower(), table.lower()): {c.lower() for c in columns}
        for schema, table, columns in con.execute(
            "select table_schema, table_name, list(column_name) from information_schema.columns "
            "where table_catalog = current_database() group by all"
        ).fetchall()
    }
    per_table: list[tuple[str, datetime | None, datetime | None]] = []
    for rules in ALL_RULES:
        columns = present.get((schemas[rules.source].lower(), rules.table.name))
        if columns is None:
            continue
        times = [c for c in rules.event_times if c in columns]
        newest = (
            "greatest(" + ", ".join(f"max({quote_identifier(c)})" for c in times) + ")"
            if times
            else "null"
        )
        landed = "max(_loaded_at)" if "_loaded_at" in columns else "null"
        relation = f"{quote_identifier(schemas[rules.source])}.{quote_identifier(rules.table.name)}"
        row = con.execute(f"select {newest}, {landed} from {relation}").fetchone()
        per_table.append((rules.name, row[0], row[1]))
    per_source = []
    for source in sorted({name.split(".")[0] for name, _, _ in per_table}):
        newest = [n for name, n, _ in per_table if name.startswith(source + ".") and n]
        landed = [n for name, _, n in per_table if name.startswith(source + ".") and n]
        per_source.append(
            (source, max(newest) if newest else None, max(landed) if landed else None)
        )
    return per_source + per_table


def _audit_copy(tmp: Path, tables: dict[str, int]) -> None:
    check = duckdb.connect(str(tmp), read_only=True, config=dict(DUCKDB_CONFIG))
    try:
        (tags,) = check.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone()
        version = (tags or {}).get("storage_version", "")
        if not version.startswith(STORAGE_VERSION):
            raise RuntimeError(f"the published copy has storage version {version or 'unknown'}")
        for name, expected in tables.items():
            schema, table = name.split(".")
            (rows,) = check.execute(
                f"select count(*) from {quote_identifier(schema)}.{quote_identifier(table)}"
            ).fetchone()
            if rows != expected:
                raise RuntimeError(f"the published copy of {name} has {rows} rows, not {expected}")
        (meta_rows,) = check.execute(f"select count(*) from {META_TABLE}").fetchone()
        if not meta_rows:
            raise RuntimeError("the published copy has an empty meta table")
    finally:
        check.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_meta(path: Path) -> list[tuple]:
    """The ``meta`` rows of a published copy (opened read-only)."""
    con = duckdb.connect(str(path), read_only=True, config=dict(DUCKDB_CONFIG))
    try:
        return con.execute(
            f"select section, name, value, value_number, value_at from {META_TABLE} order by all"
        ).fetchall()
    finally:
        con.close()
