"""The Dagster definitions: they load and validate, and the schedules, the business calendar and
the landing sensor behave, evaluated with Dagster's own test contexts."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dagster import (
    AssetKey,
    DagsterInstance,
    Definitions,
    RunRequest,
    SensorResult,
    SkipReason,
    build_schedule_context,
    build_sensor_context,
)

from leadfunnel.business_days import first_business_day, is_business_day
from leadfunnel.dagster_defs.dbt import dbt_build_args, handoff_selection, leadfunnel_dbt_assets
from leadfunnel.dagster_defs.instance import ensure_dagster_home
from leadfunnel.dagster_defs.landing import landed_extracts, landing_quality_gate
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.schedules import (
    daily_refresh,
    handoff_refresh,
    monthly_review,
    weekly_summary,
)
from leadfunnel.dagster_defs.sensors import landing_sensor
from leadfunnel.dagster_defs.serving import published_warehouse
from leadfunnel.dagster_defs.tags import AS_OF_TAG
from leadfunnel.definitions import defs
from leadfunnel.locking import BUILD_POOL, build_lock
from leadfunnel.paths import PROJECT_DIR, home

JST = ZoneInfo("Asia/Tokyo")
LANDING = [AssetKey(["landing", "salesforce"]), AssetKey(["landing", "marketo"])]


def test_definitions_load_and_validate():
    Definitions.validate_loadable(defs)


def test_assets_follow_the_layers_and_share_the_build_pool():
    graph = defs.resolve_asset_graph()
    groups = {key: graph.get(key).group_name for key in graph.materializable_asset_keys}
    assert {groups[key] for key in LANDING} == {"landing"}
    assert groups[AssetKey("published_warehouse")] == "serving"
    assert {"seeds", "staging", "intermediate", "marts"} <= set(groups.values())
    assert groups[AssetKey(["marts", "dim_people"])] == "marts"
    # the dbt sources are the landing assets of their source system
    assert graph.get(AssetKey(["staging", "stg_salesforce__leads"])).parent_keys == {LANDING[0]}
    # the publish waits for every mart
    marts = {key for key, group in groups.items() if group == "marts"}
    assert marts <= graph.get(AssetKey("published_warehouse")).parent_keys
    # every step that opens build.duckdb is in the pool of one
    for definition in (
        landed_extracts,
        landing_quality_gate,
        leadfunnel_dbt_assets,
        published_warehouse,
    ):
        assert definition.node_def.pool == BUILD_POOL, definition.node_def.name


def test_quality_gate_and_dbt_tests_are_asset_checks():
    checks = set(defs.resolve_asset_graph().asset_check_keys)
    for key in LANDING:
        assert any(c.asset_key == key and c.name == "quality_gate" for c in checks)
    assert any(c.name == "readable_by_duckdb_1x" for c in checks)
    dbt_checks = [c for c in checks if c.asset_key.path[0] in ("staging", "intermediate", "marts")]
    assert len(dbt_checks) > 50
    assert all(spec.blocking for spec in landing_quality_gate.check_specs)


def test_dbt_build_args_are_the_clis_without_project_flags():
    args = dbt_build_args(datetime(2026, 10, 31, tzinfo=UTC), {"salesforce_schema": "sf"})
    assert args[0] == "build"
    assert "--project-dir" not in args and "--profiles-dir" not in args
    assert args[args.index("--vars") + 1] == (
        '{"as_of": "2026-10-31T00:00:00Z", "salesforce_schema": "sf"}'
    )


def test_handoff_selection_narrows_when_the_sla_models_exist():
    def manifest(*names: str) -> dict:
        return {
            "nodes": {f"model.leadfunnel.{n}": {"name": n, "resource_type": "model"} for n in names}
        }

    assert handoff_selection(manifest("dim_people")) == "+path:models/marts"
    assert handoff_selection(manifest("dim_people", "fct_mql_handoffs")) == "+fct_mql_handoffs"
    assert (
        handoff_selection(manifest("fct_mql_handoffs", "rpt_open_sla_breaches"))
        == "+fct_mql_handoffs +rpt_open_sla_breaches"
    )
    job = defs.resolve_job_def("handoff_refresh_job")
    selected = job.asset_layer.selected_asset_keys
    assert set(LANDING) | {AssetKey("published_warehouse")} <= selected


# ----------------------------------------------------------------- calendar and schedules


@pytest.mark.parametrize(
    ("year", "month", "first"),
    [
        (2027, 1, date(2027, 1, 4)),  # Jan 1 holiday, 2-3 weekend and year-end break
        (2028, 1, date(2028, 1, 4)),  # Jan 3 is a Monday, but still the year-end break
        (2025, 11, date(2025, 11, 4)),  # Nov 1-2 weekend, Nov 3 Culture Day (a Monday)
        (2026, 5, date(2026, 5, 1)),  # a Friday before Golden Week: a business day
        (2026, 8, date(2026, 8, 3)),  # Aug 1 is a Saturday
        (2030, 9, date(2030, 9, 2)),  # Sep 1 is a Sunday
    ],
)
def test_first_business_day(year, month, first):
    assert first_business_day(year, month) == first


def test_business_days_follow_the_japanese_calendar():
    assert not is_business_day(date(2025, 5, 6))  # substitute holiday (振替休日)
    assert not is_business_day(date(2026, 12, 30))  # year-end break
    assert is_business_day(date(2026, 12, 28))
    assert not is_business_day(date(2040, 1, 1))  # beyond the seed: the holidays package
    # the monthly schedule's cron (days 1-7) always contains the first business day
    assert all(first_business_day(y, m).day <= 7 for y in range(2015, 2041) for m in range(1, 13))


def _evaluate(schedule_def, moment: datetime):
    with build_schedule_context(scheduled_execution_time=moment) as context:
        return schedule_def.evaluate_tick(context)


def test_schedules_run_in_tokyo_time():
    for schedule_def in (handoff_refresh, daily_refresh, monthly_review, weekly_summary):
        assert schedule_def.execution_timezone == "Asia/Tokyo"
    assert list(handoff_refresh.cron_schedule) == ["*/15 8-19 * * 1-5", "0 20 * * 1-5"]
    assert daily_refresh.cron_schedule == "0 6 * * *"
    assert weekly_summary.cron_schedule == "0 8 * * 1"
    assert daily_refresh.job_name == "refresh_job"
    assert handoff_refresh.job_name == "handoff_refresh_job"
    assert monthly_review.job_name == "monthly_review_job"
    assert weekly_summary.job_name == "weekly_summary_job"


def test_handoff_refresh_carries_its_tick_as_as_of():
    moment = datetime(2026, 11, 24, 9, 15, tzinfo=JST)
    data = _evaluate(handoff_refresh, moment)
    (request,) = data.run_requests
    assert request.tags[AS_OF_TAG] == "2026-11-24T00:15:00Z"


@pytest.mark.parametrize(
    ("day", "fires"),
    [
        (date(2027, 1, 1), False),
        (date(2027, 1, 4), True),
        (date(2025, 11, 3), False),
        (date(2025, 11, 4), True),
        (date(2026, 5, 1), True),
        (date(2026, 5, 7), False),
    ],
)
def test_monthly_review_fires_on_the_first_business_day_only(day, fires):
    moment = datetime(day.year, day.month, day.day, 8, 0, tzinfo=JST)
    data = _evaluate(monthly_review, moment)
    if fires:
        assert len(data.run_requests) == 1
    else:
        assert not data.run_requests
        assert "not the first business day" in data.skip_message


# ----------------------------------------------------------------------- landing sensor


def _write(path: Path, text: str, age_seconds: float = 120.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settled = time.time() - age_seconds
    os.utime(path, (settled, settled))
    return path


def _tick(root: Path, cursor: str | None = None):
    with DagsterInstance.ephemeral() as instance:
        context = build_sensor_context(
            instance=instance,
            cursor=cursor,
            resources={"warehouse": WarehouseResource(root=str(root))},
        )
        return landing_sensor(context)


def test_landing_sensor_requests_a_run_for_new_files_once(tmp_path):
    root = tmp_path / "home"
    _write(root / "landing" / "salesforce__user_role.csv", "Id,Name\n00E1,営業部\n")
    result = _tick(root)
    assert isinstance(result, SensorResult)
    (request,) = result.run_requests
    assert isinstance(request, RunRequest) and request.tags["leadfunnel/new_files"] == "1"
    # same files, advanced cursor: nothing new
    again = _tick(root, result.cursor)
    assert isinstance(again, SkipReason) and "no new files" in again.skip_message
    # a file still being written waits until it settles
    _write(root / "landing" / "salesforce__user__b.csv", "Id,Name\n", age_seconds=0)
    waiting = _tick(root, result.cursor)
    assert "still being written" in waiting.skip_message


def test_landing_sensor_ignores_files_already_in_the_ledger(tmp_path):
    from leadfunnel.steps import land

    target = home(tmp_path / "home").ensure()
    _write(target.landing / "salesforce__user_role.csv", "Id,Name\n00E1,営業部\n")
    report = land(target)
    assert len(report.loaded) == 1
    result = _tick(target.root)  # a fresh cursor, e.g. a new Dagster instance
    assert not result.run_requests
    assert "already in the load ledger" in result.skip_reason.skip_message


def test_landing_sensor_skips_while_the_warehouse_is_busy(tmp_path):
    target = home(tmp_path / "home").ensure()
    _write(target.landing / "salesforce__user_role.csv", "Id,Name\n00E1,営業部\n")
    code = (
        "import sys, time\n"
        "from leadfunnel.locking import build_lock\n"
        "from leadfunnel.paths import home\n"
        f"with build_lock(home({str(target.root)!r}), purpose='test holder'):\n"
        "    print('held', flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = _tick(target.root)
        assert isinstance(result, SkipReason)
        assert "busy" in result.skip_message and "test holder" in result.skip_message
    finally:
        holder.communicate("\n", timeout=30)
    # released: the lock is free again for this process
    with build_lock(target, timeout=5):
        pass


# ------------------------------------------------------------------------- instance, CLI


def test_dev_instance_serializes_build_runs_and_disables_telemetry(tmp_path):
    ensure_dagster_home(tmp_path / "dagster")
    with DagsterInstance.from_config(str(tmp_path / "dagster")) as instance:
        assert instance.get_concurrency_config().pool_config.pool_granularity.value == "run"
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
        assert instance.telemetry_enabled is False


def test_dagster_cli_validates_the_definitions_offline(tmp_path):
    ensure_dagster_home(tmp_path / "dagster")
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "LEADFUNNEL_HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("dagster")),
            "definitions",
            "validate",
            "-m",
            "leadfunnel.definitions",
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        env=env,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Validation successful" in (result.stdout + result.stderr)
