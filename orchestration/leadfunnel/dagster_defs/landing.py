"""Landing assets (one per source system) and the quality gate as their blocking checks.

``landed_extracts`` lands every new file under ``$LEADFUNNEL_HOME/landing`` (the same
``leadfunnel.steps.land`` as `leadfunnel load`), materializing ``landing/salesforce`` and
``landing/marketo``; files it rejects (moved to quarantine) show as a WARN check.

``landing_quality_gate`` runs the Great Expectations suites on the raw tables (the same
``leadfunnel.steps.check`` as `leadfunnel check`). Its checks are blocking: a critical failure
stops the run before dbt builds on the batch; warnings pass with severity WARN. Failing counts
are in the check metadata, the Data Docs path too.
"""

from collections.abc import Iterator

from dagster import (
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    AssetExecutionContext,
    AssetSpec,
    MaterializeResult,
    MetadataValue,
    multi_asset,
    multi_asset_check,
)

from leadfunnel import steps
from leadfunnel.contract import SOURCES, TABLES
from leadfunnel.dagster_defs.dbt import landing_key
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.tags import run_as_of
from leadfunnel.locking import BUILD_POOL
from leadfunnel.quality import Outcome

FILES_CHECK = "files_accepted"
QUALITY_CHECK = "quality_gate"


def _tables(source: str) -> str:
    return ", ".join(t.name for t in TABLES if t.source == source)


@multi_asset(
    name="landed_extracts",
    specs=[
        AssetSpec(
            landing_key(source),
            group_name="landing",
            description=(
                f"Raw {source} extracts landed into build.duckdb (schema {source}: "
                f"{_tables(source)}) from $LEADFUNNEL_HOME/landing."
            ),
            kinds={"duckdb"},
        )
        for source in SOURCES
    ],
    check_specs=[
        AssetCheckSpec(
            FILES_CHECK,
            asset=landing_key(source),
            description="Every new extract file landed (rejected files go to quarantine/).",
        )
        for source in SOURCES
    ],
    pool=BUILD_POOL,
)
def landed_extracts(context: AssetExecutionContext, warehouse: WarehouseResource) -> Iterator:
    home = warehouse.home()
    report = steps.land(home, on_wait=context.log.info)
    unmapped = [r for r in report.rejected if not r.table]
    for result in report.rejected:
        context.log.warning(f"rejected {result.path.name}: {result.message}")
    for source in SOURCES:
        mine = [r for r in report.results if (r.table or "").split(".")[0] == source]
        loaded = [r for r in mine if r.status == "loaded"]
        rejected = [r for r in mine if r.status == "rejected"] + unmapped
        yield MaterializeResult(
            asset_key=landing_key(source),
            metadata={
                "files_loaded": len(loaded),
                "files_skipped": sum(1 for r in mine if r.status == "skipped"),
                "files_rejected": len(rejected),
                "rows_loaded": sum(r.rows for r in loaded),
                "rows_by_table": MetadataValue.json({r.table: r.rows for r in loaded if r.table}),
                "landing": MetadataValue.path(str(home.landing)),
            },
        )
        yield AssetCheckResult(
            asset_key=landing_key(source),
            check_name=FILES_CHECK,
            passed=not rejected,
            severity=AssetCheckSeverity.WARN,
            metadata={
                "rejected": MetadataValue.json({r.path.name: r.message for r in rejected}),
                "quarantine": MetadataValue.path(str(home.quarantine)),
            },
        )


def _check_metadata(outcomes: list[Outcome], docs: str, rows: dict[str, int]) -> dict:
    failed = [o for o in outcomes if not o.success]
    return {
        "expectations": len(outcomes),
        "blocking_failures": sum(1 for o in failed if o.blocking),
        "warnings": sum(1 for o in failed if o.warning),
        "failing_rows": MetadataValue.json(
            {
                f"{o.table}.{o.column or '*'}: {o.rule or o.expectation} [{o.severity}]": (
                    o.unexpected_count
                )
                for o in failed
            }
        ),
        "failures": MetadataValue.md(
            "\n".join(f"- **{o.severity}** {o.describe()}" for o in failed) or "none"
        ),
        "rows_checked": MetadataValue.json(rows),
        "data_docs": MetadataValue.path(docs),
    }


@multi_asset_check(
    name="landing_quality_gate",
    specs=[
        AssetCheckSpec(
            QUALITY_CHECK,
            asset=landing_key(source),
            blocking=True,
            description=(
                "Great Expectations suites on the raw tables: ids filled and unique, required "
                "fields >= 95 % filled, e-mails well-formed, no future timestamps, statuses "
                "known to stage_mappings, references resolve. Critical failures block."
            ),
        )
        for source in SOURCES
    ],
    pool=BUILD_POOL,
)
def landing_quality_gate(context, warehouse: WarehouseResource) -> Iterator[AssetCheckResult]:
    home = warehouse.home()
    report = steps.check(
        home,
        run_as_of(context),
        schemas=warehouse.schemas(),
        progress=context.log.info,
        on_wait=context.log.info,
    )
    context.log.info(report.summary())
    for source in SOURCES:
        outcomes = report.for_source(source)
        blocking = any(o.blocking for o in outcomes)
        yield AssetCheckResult(
            asset_key=landing_key(source),
            check_name=QUALITY_CHECK,
            passed=all(o.success for o in outcomes),
            severity=AssetCheckSeverity.ERROR if blocking else AssetCheckSeverity.WARN,
            metadata=_check_metadata(
                outcomes,
                report.docs,
                {t: n for t, n in report.rows.items() if t.startswith(source + ".")},
            ),
        )
