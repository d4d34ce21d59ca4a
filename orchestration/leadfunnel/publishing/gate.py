"""The publish gate's state: what the last quality check and the last dbt build saw and found.

The state is ``$LEADFUNNEL_HOME/quality/gate.json``. The quality gate records into it
(:func:`record_quality`), and so does every dbt build, from the CLI and from Dagster alike,
through :func:`recorded_build`: the raw data's fingerprint, "a build is under way" before dbt
starts, and dbt's results (run_results, manifest, error) when it ends however it ends.

:func:`audit` turns the state into a verdict: the last quality-gate run and the last dbt build
must have passed (no blocking GX failure; no dbt test whose latest result is an error-severity
failure, no model in error) and both must have seen the raw data that is in ``build.duckdb``
now (a fingerprint of the raw tables: row counts and newest ``_loaded_at``). Otherwise
:class:`PublishBlocked` says why and nothing is published (``leadfunnel.publishing.serve``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from leadfunnel.dbt_runner import latest_run_results, read_manifest
from leadfunnel.paths import Home
from leadfunnel.quality import QualityReport, quality_dir
from leadfunnel.quality.rules import ALL_RULES
from leadfunnel.warehouse import DEFAULT_SCHEMAS, connect, quote_identifier

FAILED_TEST_STATUSES = frozenset({"fail", "error", "runtime error"})
FAILED_NODE_STATUSES = frozenset({"error", "runtime error"})


class PublishBlocked(RuntimeError):
    """The gate refused: the last checks or the last build did not pass (or are out of date)."""


def gate_path(home: Home) -> Path:
    return quality_dir(home) / "gate.json"


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
            f"cast({quote_identifier(c)} as timestamp)"
            for c in ("_loaded_at", "_fivetran_synced")
            if c in (loaded_columns or [])
        ]
        newest = f"max(coalesce({', '.join(loaded)}))" if loaded else "null"
        count, latest = con.execute(
            f"select count(*), {newest} from {quote_identifier(schema)}.{quote_identifier(table)}"
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
class BuildRecord:
    """What one dbt build leaves for the gate; the caller fills it in while dbt runs."""

    as_of: datetime
    started: datetime
    run_results: Mapping | None = None
    manifest: Mapping | None = None

    def read_artifacts(self, target: Path) -> None:
        """Take dbt's run_results (if written by this build) and manifest from ``target``."""
        self.run_results = latest_run_results(self.started, target)
        self.manifest = read_manifest(target)


@contextmanager
def recorded_build(
    home: Home,
    as_of: datetime,
    *,
    full: bool,
    schemas: Mapping[str, str] | None = None,
) -> Iterator[BuildRecord]:
    """Record the dbt build run inside the block in the gate (caller holds the build lock).

    Before the block: the raw data's fingerprint, then "a build is under way", so an
    interrupted build can never leave the previous build's "ok" behind for a publish to trust.
    After it, whether it ended normally, with an error or interrupted: :func:`record_build`
    with what the block put in the :class:`BuildRecord` and the error's first line, if any.
    ``full`` is False for a selected build (the handoff refresh).
    """
    fingerprint = fingerprint_of(home, schemas) if home.build_db.exists() else {}
    record = BuildRecord(as_of=as_of, started=datetime.now(UTC))
    record_build_started(home, as_of=as_of, full=full)
    error: str | None = None
    try:
        yield record
    except BaseException as exc:  # also Ctrl-C and a terminated Dagster run
        text = str(exc).strip()
        error = text.splitlines()[0] if text else type(exc).__name__
        raise
    finally:
        record_build(
            home,
            as_of=record.as_of,
            run_results=record.run_results,
            manifest=record.manifest,
            fingerprint=fingerprint,
            full=full,
            error=error,
        )


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
