"""Write, audit, publish: the copy of the marts that analysts and BI tools read.

``build.duckdb`` is only ever written by the pipeline, and DuckDB's one-writer rule means a
reader there would block (and be blocked by) every refresh. Readers get
``$LEADFUNNEL_HOME/serve.duckdb`` instead:

1. **gate** (:func:`audit`): the last quality-gate run and the last dbt build must have passed
   (no blocking GX failure; no dbt test whose latest result is an error-severity failure, no
   model in error) and both must have seen the raw data that is in ``build.duckdb`` now (a
   fingerprint of the raw tables: row counts and newest ``_loaded_at``). Otherwise
   :class:`PublishBlocked` says why and nothing is written.
2. **write**: every table of schema ``marts`` (with its dbt descriptions as comments) and a
   ``meta`` table are copied into a temporary file beside ``serve.duckdb``, written with
   ``storage_compatibility_version`` v1.4.0 so DuckDB 1.x readers and BI drivers open it.
3. **audit**: the temporary file is reopened read-only; its storage version, tables and row
   counts must match what was copied.
4. **publish**: ``os.replace`` moves it over ``serve.duckdb`` (atomic on one filesystem). A
   reader that has the old file open keeps reading the old copy, unblocked; a failure at any
   step removes the temporary file and leaves the previous ``serve.duckdb`` untouched.

Optionally every mart (and ``meta``) is exported to ``$LEADFUNNEL_HOME/export/<table>.parquet``
from the published copy, each file replaced atomically.

The gate's state is ``$LEADFUNNEL_HOME/quality/gate.json``; the quality gate and the dbt build
record into it (:func:`record_quality`, :func:`record_build`), from the CLI and from Dagster.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from leadfunnel import __version__
from leadfunnel.paths import Home
from leadfunnel.quality import QualityReport, quality_dir
from leadfunnel.quality.rules import ALL_RULES
from leadfunnel.warehouse import DEFAULT_SCHEMAS, DUCKDB_CONFIG, connect

SERVE_DB = "serve.duckdb"
EXPORT_DIR = "export"
MARTS_SCHEMA = "marts"
META_TABLE = "meta"
STORAGE_VERSION = "v1.4.0"
FAILED_TEST_STATUSES = frozenset({"fail", "error", "runtime error"})
FAILED_NODE_STATUSES = frozenset({"error", "runtime error"})


class PublishBlocked(RuntimeError):
    """The gate refused: the last checks or the last build did not pass (or are out of date)."""


def serve_path(home: Home) -> Path:
    """The published warehouse: ``$LEADFUNNEL_HOME/serve.duckdb``."""
    return home.root / SERVE_DB


def export_dir(home: Home) -> Path:
    """Where the optional Parquet export goes: ``$LEADFUNNEL_HOME/export``."""
    return home.root / EXPORT_DIR


def gate_path(home: Home) -> Path:
    return quality_dir(home) / "gate.json"


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# --------------------------------------------------------------------------------- the gate


def raw_fingerprint(
    con: duckdb.DuckDBPyConnection, schemas: Mapping[str, str] | None = None
) -> dict[str, list]:
    """What the raw tables hold now: table -> [rows, newest loaded-at or None].

    A row's loaded-at is its ``_loaded_at`` (landing), else its ``_fivetran_synced`` (a
    connector wrote it), so a connector's new sync changes the fingerprint too.
    """
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    wanted = {(schemas[r.source].lower(), r.table.name) for r in ALL_RULES}
    rows = con.execute(
        "select table_schema, table_name, "
        "list(lower(column_name)) filter (where lower(column_name) in "
        "('_loaded_at', '_fivetran_synced')) from information_schema.columns "
        "where table_catalog = current_database() group by all order by all"
    ).fetchall()
    out: dict[str, list] = {}
    for schema, table, loaded_columns in rows:
        if (schema.lower(), table.lower()) not in wanted:
            continue
        loaded = [
            f"cast({_q(c)} as timestamp)"
            for c in ("_loaded_at", "_fivetran_synced")
            if c in (loaded_columns or [])
        ]
        newest = f"max(coalesce({', '.join(loaded)}))" if loaded else "null"
        count, latest = con.execute(
            f"select count(*), {newest} from {_q(schema)}.{_q(table)}"
        ).fetchone()
        out[f"{schema}.{table}".lower()] = [count, latest.isoformat() if latest else None]
    return out


def fingerprint_of(home: Home, schemas: Mapping[str, str] | None = None) -> dict[str, list]:
    """:func:`raw_fingerprint` of ``home``'s build.duckdb (caller holds the build lock)."""
    con = connect(home.build_db, read_only=True)
    try:
        return raw_fingerprint(con, schemas)
    finally:
        con.close()


def _read_gate(home: Home) -> dict:
    path = gate_path(home)
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _write_gate(home: Home, gate: dict) -> None:
    path = gate_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(gate, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


def record_quality(home: Home, report: QualityReport, fingerprint: dict[str, list]) -> None:
    """Record a quality-gate run in the gate."""
    gate = _read_gate(home)
    gate["quality"] = {
        "checked_at": report.checked_at.isoformat(),
        "as_of": report.as_of.isoformat(),
        "passed": report.passed,
        "expectations": len(report.outcomes),
        "blocking": [o.describe() for o in report.blocking],
        "warnings": [o.describe() for o in report.warnings],
        "docs": report.docs,
        "fingerprint": fingerprint,
    }
    _write_gate(home, gate)


def dbt_results(run_results: Mapping | None) -> dict[str, dict]:
    """dbt's run_results.json as node id -> {status, failures, message} (pure)."""
    out: dict[str, dict] = {}
    for result in (run_results or {}).get("results", []):
        message = (result.get("message") or "").strip().splitlines()
        out[result["unique_id"]] = {
            "status": str(result.get("status", "")).lower(),
            "failures": result.get("failures"),
            "message": message[0][:300] if message else "",
        }
    return out


def record_build_started(home: Home, *, as_of: datetime, full: bool) -> None:
    """Mark a dbt build as under way: until it is recorded, the gate refuses to publish."""
    gate = _read_gate(home)
    section = dict(gate.get("dbt", {}))
    section.update(
        {
            "as_of": as_of.astimezone(UTC).isoformat(),
            "ok": False,
            "error": "a dbt build is under way or was interrupted (run `leadfunnel build`)",
            "full": full,
        }
    )
    section.setdefault("nodes", {})
    section.setdefault("fingerprint", {})
    gate["dbt"] = section
    _write_gate(home, gate)


def dbt_test_parents(manifest: Mapping | None) -> dict[str, frozenset[str]]:
    """dbt's manifest as test (data or unit test) id -> the ids of the nodes it depends on."""
    out: dict[str, frozenset[str]] = {}
    for section in ("nodes", "unit_tests"):
        for uid, node in ((manifest or {}).get(section) or {}).items():
            if uid.split(".")[0] in ("test", "unit_test"):
                out[uid] = frozenset((node.get("depends_on") or {}).get("nodes") or ())
    return out


def record_build(
    home: Home,
    *,
    as_of: datetime,
    run_results: Mapping | None,
    fingerprint: dict[str, list],
    full: bool,
    error: str | None = None,
    manifest: Mapping | None = None,
) -> dict:
    """Record a dbt build in the gate; return the dbt section.

    A full build (no selection) replaces the per-node results. A selected build (the 15-minute
    handoff refresh) updates the nodes it ran, and forgets the earlier results of every test
    on a model it rebuilt: that test either ran again now (its every parent was rebuilt) or it
    spans marts of two builds and is left to the next full build. So a failed refresh blocks
    the publish until a build that runs its failing test passes, and never longer. Without the
    ``manifest`` (which tests depend on what) earlier results are all kept.
    """
    gate = _read_gate(home)
    results = dbt_results(run_results)
    previous = {} if full else dict(gate.get("dbt", {}).get("nodes", {}))
    rebuilt_ids = {
        uid
        for uid, node in results.items()
        if uid.startswith("model.") and node["status"] == "success"
    }
    parents = dbt_test_parents(manifest)
    previous = {
        uid: node
        for uid, node in previous.items()
        if uid in results or not (parents.get(uid, frozenset()) & rebuilt_ids)
    }
    nodes = previous | results
    if error is None and not results:
        error = "dbt wrote no run results (the build did not finish)"
    # A selected build (the 15-minute handoff refresh) rebuilds some marts only: the published
    # meta says which, and as of when the rest were built (the last full build).
    full_as_of = (
        as_of.astimezone(UTC).isoformat()
        if full and error is None
        else gate.get("dbt", {}).get("full_as_of", "")
    )
    rebuilt = sorted(
        uid.split(".")[-1]
        for uid, node in results.items()
        if uid.startswith("model.") and node["status"] == "success"
    )
    section = {
        "finished_at": datetime.now(UTC).isoformat(),
        "as_of": as_of.astimezone(UTC).isoformat(),
        "ok": error is None,
        "error": error or "",
        "full": full,
        "full_as_of": full_as_of,
        "rebuilt_models": [] if full else rebuilt,
        "fingerprint": fingerprint,
        "nodes": nodes,
    }
    gate["dbt"] = section
    _write_gate(home, gate)
    return section


@dataclass
class Audit:
    """The gate's verdict and the check summary the published ``meta`` table carries."""

    reasons: list[str]
    as_of: datetime | None
    built_at: datetime | None
    checked_at: datetime | None
    summary: dict[str, float | str]
    warnings: list[str] = field(default_factory=list)
    full_as_of: datetime | None = None
    partial_models: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons


def audit(home: Home, fingerprint: dict[str, list] | None = None) -> Audit:
    """Whether ``home`` may be published now (caller holds the build lock)."""
    gate = _read_gate(home)
    quality, dbt = gate.get("quality"), gate.get("dbt")
    fingerprint = fingerprint_of(home) if fingerprint is None else fingerprint
    reasons: list[str] = []
    if quality is None:
        reasons.append("the quality gate has not run on this warehouse (run `leadfunnel check`)")
    elif not quality["passed"]:
        first = quality["blocking"][0] if quality["blocking"] else "see the Data Docs"
        reasons.append(
            f"the quality gate failed with {len(quality['blocking'])} blocking failure(s) "
            f"(first: {first})"
        )
    elif quality["fingerprint"] != fingerprint:
        reasons.append("raw data changed since the last quality check (run `leadfunnel check`)")
    if dbt is None:
        reasons.append("no dbt build is recorded for this warehouse (run `leadfunnel build`)")
    else:
        nodes = dbt.get("nodes", {})
        failed_tests = sorted(
            uid
            for uid, node in nodes.items()
            if uid.split(".")[0] in ("test", "unit_test") and node["status"] in FAILED_TEST_STATUSES
        )
        failed_nodes = sorted(
            uid
            for uid, node in nodes.items()
            if uid.split(".")[0] not in ("test", "unit_test")
            and node["status"] in FAILED_NODE_STATUSES
        )
        if not dbt["ok"] and not failed_tests and not failed_nodes:
            reasons.append(f"the last dbt build failed ({dbt['error'] or 'see logs/dbt.log'})")
        if failed_tests:
            reasons.append(
                f"{len(failed_tests)} dbt test(s) failed with severity error "
                f"(first: {failed_tests[0].split('.')[2]})"
            )
        if failed_nodes:
            reasons.append(
                f"{len(failed_nodes)} dbt model(s) failed (first: {failed_nodes[0].split('.')[2]})"
            )
        if dbt["fingerprint"] != fingerprint:
            reasons.append("raw data changed since the last dbt build (run `leadfunnel build`)")
    nodes = (dbt or {}).get("nodes", {})
    tests = {uid: n for uid, n in nodes.items() if uid.split(".")[0] in ("test", "unit_test")}
    dbt_warned = sorted(uid for uid, n in tests.items() if n["status"] == "warn")
    summary: dict[str, float | str] = {
        "quality_gate": "passed" if quality and quality["passed"] else "failed",
        "quality_expectations": float((quality or {}).get("expectations", 0)),
        "quality_blocking_failures": float(len((quality or {}).get("blocking", []))),
        "quality_warnings": float(len((quality or {}).get("warnings", []))),
        "quality_docs": (quality or {}).get("docs", ""),
        "dbt_tests": float(len(tests)),
        "dbt_tests_failed": float(
            sum(1 for n in tests.values() if n["status"] in FAILED_TEST_STATUSES)
        ),
        "dbt_tests_warned": float(len(dbt_warned)),
    }
    warnings = list((quality or {}).get("warnings", [])) + [
        f"dbt test {uid.split('.')[2]}: {tests[uid]['failures'] or 0} failing rows (warn)"
        for uid in dbt_warned
    ]

    def moment(section: dict | None, key: str) -> datetime | None:
        return datetime.fromisoformat(section[key]) if section and section.get(key) else None

    return Audit(
        reasons=reasons,
        as_of=moment(dbt, "as_of"),
        built_at=moment(dbt, "finished_at"),
        checked_at=moment(quality, "checked_at"),
        summary=summary,
        warnings=warnings,
        full_as_of=moment(dbt, "full_as_of"),
        partial_models=tuple(dbt.get("rebuilt_models", [])) if dbt and not dbt.get("full") else (),
    )


# ------------------------------------------------------------------------ write and publish


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
) -> PublishResult:
    """Gate, write, audit and publish ``serve.duckdb`` (caller holds the build lock)."""
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
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
            tables = _write(con, tmp, verdict, published_at, schemas)
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
            exported = export_parquet_files(home)
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
        *export_dir(home).glob(".*.parquet.*.tmp"),
    ]
    for path in leftovers:
        path.unlink(missing_ok=True)


def _write(
    con: duckdb.DuckDBPyConnection,
    tmp: Path,
    verdict: Audit,
    published_at: datetime,
    schemas: Mapping[str, str],
) -> dict[str, int]:
    con.execute(
        f"attach {_lit(str(tmp))} as serve (storage_version {_lit(STORAGE_VERSION)}, read_write)"
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
        con.execute(f"create schema serve.{_q(MARTS_SCHEMA)}")
        counts: dict[str, int] = {}
        for name, comment in marts:
            target = f"serve.{_q(MARTS_SCHEMA)}.{_q(name)}"
            con.execute(f"create table {target} as select * from {_q(MARTS_SCHEMA)}.{_q(name)}")
            if comment:
                con.execute(f"comment on table {target} is {_lit(comment)}")
            for column, column_comment in con.execute(
                "select column_name, comment from duckdb_columns() "
                "where database_name = current_database() and schema_name = ? "
                "and table_name = ? and comment is not null",
                [MARTS_SCHEMA, name],
            ).fetchall():
                con.execute(f"comment on column {target}.{_q(column)} is {_lit(column_comment)}")
            (counts[f"{MARTS_SCHEMA}.{name}"],) = con.execute(
                f"select count(*) from {target}"
            ).fetchone()
        _write_meta(con, verdict, published_at, counts, schemas)
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
    con.execute(
        f"create table serve.main.{META_TABLE} (section varchar not null, name varchar not null, "
        "value varchar, value_number double, value_at timestamp)"
    )
    con.executemany(f"insert into serve.main.{META_TABLE} values (?, ?, ?, ?, ?)", rows)
    con.execute(
        f"comment on table serve.main.{META_TABLE} is "
        + _lit(
            "What this published copy is: section build (published_at, as_of, built_at, "
            "quality_checked_at, full_build_as_of, partial_refresh_models, "
            "cross_mart_reconciliation), freshness (newest record per source and raw table, UTC), "
            "landed (newest landing), row_count (per mart), check (quality gate and dbt tests), "
            "warning (non-blocking failures)."
        )
    )


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
        newest = "greatest(" + ", ".join(f"max({_q(c)})" for c in times) + ")" if times else "null"
        landed = "max(_loaded_at)" if "_loaded_at" in columns else "null"
        relation = f"{_q(schemas[rules.source])}.{_q(rules.table.name)}"
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
            (rows,) = check.execute(f"select count(*) from {_q(schema)}.{_q(table)}").fetchone()
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


def export_parquet_files(home: Home) -> tuple[Path, ...]:
    """Export every mart and ``meta`` of the published copy to ``export/<table>.parquet``."""
    target = export_dir(home)
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(serve_path(home)), read_only=True, config=dict(DUCKDB_CONFIG))
    written: list[Path] = []
    try:
        names = [
            (schema, table)
            for schema, table in con.execute(
                "select schema_name, table_name from duckdb_tables() "
                "where database_name = current_database() order by all"
            ).fetchall()
            if schema == MARTS_SCHEMA or table == META_TABLE
        ]
        for schema, table in names:
            path = target / f"{table}.parquet"
            tmp = target / f".{table}.parquet.{os.getpid()}.tmp"
            con.execute(
                f"copy (select * from {_q(schema)}.{_q(table)}) to {_lit(str(tmp))} "
                "(format parquet, compression zstd)"
            )
            os.replace(tmp, path)
            written.append(path)
    finally:
        con.close()
    keep = {p.name for p in written}
    for stale in target.glob("*.parquet"):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)
    return tuple(written)


def read_meta(path: Path) -> list[tuple]:
    """The ``meta`` rows of a published copy (opened read-only)."""
    con = duckdb.connect(str(path), read_only=True, config=dict(DUCKDB_CONFIG))
    try:
        return con.execute(
            f"select section, name, value, value_number, value_at from {META_TABLE} order by all"
        ).fetchall()
    finally:
        con.close()
