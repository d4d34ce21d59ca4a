"""Report assets (group ``reports``): the monthly review and the weekly summary, written from
the published ``serve.duckdb`` (never the build file) by ``leadfunnel.due_reports``, the same
functions `leadfunnel report` and `leadfunnel run` use.

The period is the one before the run's as_of (its business date): the previous month for the
monthly review (the ``monthly_review`` schedule fires on the first business day), the previous
ISO week for the weekly summary (Mondays). Each run rewrites its report, so a rerun after a fix
replaces it.
"""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from leadfunnel.clock import business_date
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.serving import published_warehouse
from leadfunnel.dagster_defs.tags import run_as_of
from leadfunnel.due_reports import ReportPeriod, previous_month, previous_week, write_report


def _materialize(result) -> MaterializeResult:
    return MaterializeResult(
        metadata={
            "folder": MetadataValue.path(str(result.folder)),
            "files": MetadataValue.json({k: str(v) for k, v in result.paths.items()}),
            "has_data": result.has_data,
            "sections": len(result.sections),
            "seconds": round(result.seconds, 2),
        }
    )


@asset(
    name="monthly_review_report",
    group_name="reports",
    deps=[published_warehouse],
    kinds={"pdf", "html", "excel"},
    description="reports/YYYY-MM/monthly_review.{html,pdf,xlsx}: the month before the as_of.",
)
def monthly_review_report(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    month = previous_month(business_date(run_as_of(context)))
    context.log.info(f"monthly review of {month}")
    return _materialize(write_report(warehouse.home(), ReportPeriod("month", month)))


@asset(
    name="weekly_summary_report",
    group_name="reports",
    deps=[published_warehouse],
    kinds={"html", "excel"},
    description="reports/YYYY-Www/weekly_summary.{html,xlsx}: the ISO week before the as_of.",
)
def weekly_summary_report(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    week = previous_week(business_date(run_as_of(context)))
    context.log.info(f"weekly summary of {week}")
    return _materialize(write_report(warehouse.home(), ReportPeriod("week", week)))
