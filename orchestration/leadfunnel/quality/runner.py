"""Run the quality gate: every raw table of ``build.duckdb`` through its GX suite.

A "batch" here is the whole raw table as it stands after a landing run, not only the rows of
the files just landed. That keeps the gate stateless and strict: bad rows block the publish
until a corrected extract replaces them (landing upserts by id), also after restarts; it works
the same for tables a connector writes (no ``_source_file``); and referential integrity is
across batches anyway. Only the columns the rules need are read.

Great Expectations runs on a file context under ``$LEADFUNNEL_HOME/quality/gx``: suites,
validation results (kept ``LEADFUNNEL_QUALITY_KEEP_DAYS`` days, default 14) and the Data Docs
site (``quality/gx/uncommitted/data_docs/local_site/index.html``).
"""

from __future__ import annotations

import math
import os
import shutil
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before great_expectations is imported

import great_expectations as gx
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig

from leadfunnel.paths import Home
from leadfunnel.quality import latest_report_path, quality_dir
from leadfunnel.quality.frames import TablePlan, plan_table, read_frame
from leadfunnel.quality.results import Outcome, QualityReport
from leadfunnel.quality.rules import ALL_RULES, stage_mapping_values
from leadfunnel.quality.suites import suite
from leadfunnel.warehouse import DEFAULT_SCHEMAS, WarehouseError, connect

DATASOURCE = "leadfunnel_raw"
BATCH = "whole_table"
KEEP_DAYS_ENV = "LEADFUNNEL_QUALITY_KEEP_DAYS"


def gx_context(home: Home):
    """The file-backed GX context under ``$LEADFUNNEL_HOME/quality`` (created when missing)."""
    root = quality_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    if context.config.analytics_enabled is not False:
        context.enable_analytics(False)  # also in the project file, not only the environment
    bars = context.variables.progress_bars  # a config object when new, a dict once saved
    enabled = (
        bars.get("globally", True) if isinstance(bars, dict) else getattr(bars, "globally", True)
    )
    if bars is None or enabled:
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        context.variables.save()
    return context


def validate(
    home: Home,
    as_of: datetime,
    *,
    schemas: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> QualityReport:
    """Validate every raw table present in ``home``'s build.duckdb at ``as_of``.

    The caller holds the build lock. The report is saved to ``quality/latest.json``.
    """
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    if not home.build_db.exists():
        raise WarehouseError(
            f"there is no warehouse at {home.build_db} yet: land extracts first "
            "(leadfunnel load DIR) or set LEADFUNNEL_HOME to the folder that holds build.duckdb"
        )
    as_of = as_of.astimezone(UTC)
    checked_at = datetime.now(UTC)
    known = stage_mapping_values()
    context = gx_context(home)
    datasource = context.data_sources.add_or_update_pandas(DATASOURCE)
    run_id = RunIdentifier(
        run_name=f"leadfunnel as_of {as_of:%Y-%m-%dT%H:%M:%SZ}", run_time=checked_at
    )
    report = QualityReport(as_of=as_of, checked_at=checked_at)

    con = connect(home.build_db, read_only=True)
    try:
        columns, types = _catalog(con, schemas)
        for rules in ALL_RULES:
            if rules.name not in columns:
                if not rules.table.optional_table:
                    report.outcomes.append(
                        Outcome(
                            table=rules.name,
                            expectation="table_exists",
                            column=None,
                            severity="critical",
                            success=False,
                            rule="required raw table is missing",
                        )
                    )
                continue
            started = time.perf_counter()
            plan = plan_table(rules, schemas, columns)
            frame = read_frame(con, plan, schemas, types[rules.name], as_of)
            result = _run_suite(context, datasource, plan, known, frame, run_id)
            report.tables.append(plan.name)
            report.rows[plan.name] = len(frame)
            report.skipped += [f"{plan.name}: {s}" for s in plan.skipped]
            report.outcomes += _outcomes(plan, result)
            if progress is not None:
                failed = sum(1 for o in report.outcomes if o.table == plan.name and not o.success)
                progress(
                    f"checked {plan.name:<48} {len(frame):>10,} rows, {failed} failed "
                    f"({time.perf_counter() - started:.1f}s)"
                )
    finally:
        con.close()
    _prune(quality_dir(home) / "gx" / "uncommitted")
    sites = context.build_data_docs()
    report.docs = _as_path(sites.get("local_site", ""))
    report.save(latest_report_path(home))
    return report


def _catalog(con, schemas: Mapping[str, str]) -> tuple[dict[str, set[str]], dict[str, dict]]:
    """Contract tables present: qualified name -> lower-cased columns, and column -> type."""
    by_schema = {schema.lower(): source for source, schema in schemas.items()}
    rows = con.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns"
    ).fetchall()
    columns: dict[str, set[str]] = {}
    types: dict[str, dict[str, str]] = {}
    for schema, table, column, data_type in rows:
        source = by_schema.get(schema.lower())
        if source is None:
            continue
        qualified = f"{source}.{table.lower()}"
        columns.setdefault(qualified, set()).add(column.lower())
        types.setdefault(qualified, {})[column.lower()] = data_type
    return columns, types


def _run_suite(context, datasource, plan: TablePlan, known, frame, run_id):
    try:
        asset = datasource.get_asset(plan.name)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=plan.name)
    try:
        batch = asset.get_batch_definition(BATCH)
    except KeyError:
        batch = asset.add_batch_definition_whole_dataframe(BATCH)
    expectation_suite = context.suites.add_or_update(suite(plan, known))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=plan.name, data=batch, suite=expectation_suite)
    )
    return definition.run(
        batch_parameters={"dataframe": frame},
        result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
        run_id=run_id,
    )


def _outcomes(plan: TablePlan, result) -> list[Outcome]:
    outcomes = []
    for item in result.results:
        config = item.expectation_config
        details = item.result or {}
        examples = tuple(
            str(v) for v in (details.get("partial_unexpected_list") or [])[:5] if not _missing(v)
        )
        if item.exception_info and item.exception_info.get("raised_exception"):
            message = item.exception_info.get("exception_message") or "the expectation raised"
            examples = (message.splitlines()[0],)
        outcomes.append(
            Outcome(
                table=plan.name,
                expectation=config.type,
                column=config.kwargs.get("column"),
                severity=str(getattr(config.severity, "value", config.severity)),
                success=bool(item.success),
                unexpected_count=int(details.get("unexpected_count") or 0),
                element_count=int(details.get("element_count") or 0),
                unexpected_percent=float(details.get("unexpected_percent") or 0.0),
                examples=examples,
                rule=(config.meta or {}).get("rule", ""),
            )
        )
    return outcomes


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _prune(uncommitted: Path) -> None:
    """Drop validation results (and their Data Docs pages) older than the keep window."""
    try:
        keep_days = float(os.environ.get(KEEP_DAYS_ENV, "") or 14)
    except ValueError:
        keep_days = 14.0
    cutoff = time.time() - keep_days * 86400
    for root in (
        uncommitted / "validations",
        uncommitted / "data_docs" / "local_site" / "validations",
    ):
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)


def _as_path(url: str) -> str:
    return url.removeprefix("file://")
