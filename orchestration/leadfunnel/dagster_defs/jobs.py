"""Asset jobs: what each schedule and sensor runs.

- ``refresh_job``: everything (land, quality gate, every dbt model and test, publish);
- ``handoff_refresh_job``: land, quality gate, the dbt models the SLA reports need (see
  ``handoff_selection``) and publish;
- ``publish_job``: publish only;
- ``monthly_review_job`` / ``weekly_summary_job``: publish, then the report (the
  ``monthly_review`` and ``weekly_summary`` schedules).
"""

from dagster import AssetSelection, define_asset_job
from dagster_dbt import build_dbt_asset_selection

from leadfunnel.dagster_defs.dbt import handoff_selection, leadfunnel_dbt_assets
from leadfunnel.dagster_defs.dbt_project import manifest
from leadfunnel.dagster_defs.landing import landed_extracts
from leadfunnel.dagster_defs.reports import monthly_review_report, weekly_summary_report
from leadfunnel.dagster_defs.serving import published_warehouse

refresh_job = define_asset_job(
    "refresh_job",
    selection=AssetSelection.all() - AssetSelection.groups("reports"),
    description="Land new extracts, check them, build every dbt model and test, publish.",
)

handoff_refresh_job = define_asset_job(
    "handoff_refresh_job",
    selection=(
        AssetSelection.assets(landed_extracts)
        | build_dbt_asset_selection(
            [leadfunnel_dbt_assets], dbt_select=handoff_selection(manifest())
        )
        | AssetSelection.assets(published_warehouse)
    ),
    description=(
        "Land, check, build what the handoff marts (fct_mql_handoffs, rpt_open_sla_breaches, "
        "rpt_handoffs_weekly) need (every mart "
        "until those models exist), publish."
    ),
)

publish_job = define_asset_job(
    "publish_job",
    selection=AssetSelection.assets(published_warehouse),
    description="Publish serve.duckdb from the current build.",
)

monthly_review_job = define_asset_job(
    "monthly_review_job",
    selection=AssetSelection.assets(published_warehouse, monthly_review_report),
    description="Publish, then write the previous month's review (HTML, PDF, Excel).",
)

weekly_summary_job = define_asset_job(
    "weekly_summary_job",
    selection=AssetSelection.assets(published_warehouse, weekly_summary_report),
    description="Publish, then write the previous ISO week's summary (HTML, Excel).",
)
