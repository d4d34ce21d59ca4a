"""The Dagster definitions of leadfunnel: ``dagster dev -m leadfunnel.definitions`` (make dev).

Assets by group (the layers): ``landing`` (landed extracts per source system, with the quality
gate as blocking checks), ``seeds``/``staging``/``intermediate``/``marts`` (every dbt model via
``@dbt_assets``; dbt tests are asset checks), ``serving`` (the published ``serve.duckdb``);
``reports`` (the monthly review and weekly summary, from the published copy). Every asset
that touches ``build.duckdb`` is in the concurrency pool ``leadfunnel_build_duckdb`` (limit one
per run, see ``dagster_defs.instance``) and takes the build lock shared with the CLI.
"""

from __future__ import annotations

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ["GX_ANALYTICS_ENABLED"] = "false"

from dagster import Definitions

from leadfunnel.dagster_defs.dbt import leadfunnel_dbt_assets
from leadfunnel.dagster_defs.jobs import (
    handoff_refresh_job,
    monthly_review_job,
    publish_job,
    refresh_job,
    weekly_summary_job,
)
from leadfunnel.dagster_defs.landing import landed_extracts, landing_quality_gate
from leadfunnel.dagster_defs.reports import monthly_review_report, weekly_summary_report
from leadfunnel.dagster_defs.resources import resources_from_env
from leadfunnel.dagster_defs.schedules import schedules
from leadfunnel.dagster_defs.sensors import sensors
from leadfunnel.dagster_defs.serving import published_warehouse, readable_by_duckdb_1x

defs = Definitions(
    assets=[
        landed_extracts,
        leadfunnel_dbt_assets,
        published_warehouse,
        monthly_review_report,
        weekly_summary_report,
    ],
    asset_checks=[landing_quality_gate, readable_by_duckdb_1x],
    jobs=[refresh_job, handoff_refresh_job, publish_job, monthly_review_job, weekly_summary_job],
    schedules=schedules,
    sensors=sensors,
    resources=resources_from_env(),
)
