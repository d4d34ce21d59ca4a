"""The dbt command line is built by one pure function (``dbt_args``), the same for the CLI
and Dagster; dbt runs with this project's paths and no telemetry."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from leadfunnel.clock import BUSINESS_TIMEZONE_ENV
from leadfunnel.dbt_runner import dbt_args, dbt_env
from leadfunnel.paths import PROJECT_DIR, home


def test_dbt_args_carry_project_vars_and_selection(monkeypatch):
    monkeypatch.delenv(BUSINESS_TIMEZONE_ENV, raising=False)
    args = dbt_args(
        "build",
        as_of=datetime(2026, 11, 21, 0, 0, tzinfo=UTC),
        select=["marts"],
        exclude=["tag:slow"],
        extra_vars={"salesforce__campaign_enabled": False},
    )
    assert args[0] == "build"
    assert args[args.index("--project-dir") + 1] == str(PROJECT_DIR)
    assert args[args.index("--profiles-dir") + 1] == str(PROJECT_DIR)
    dbt_vars = json.loads(args[args.index("--vars") + 1])
    assert dbt_vars == {"as_of": "2026-11-21T00:00:00Z", "salesforce__campaign_enabled": False}
    assert args[args.index("--select") + 1] == "marts"
    assert args[args.index("--exclude") + 1] == "tag:slow"


def test_dbt_args_without_vars_pass_none(monkeypatch):
    monkeypatch.delenv(BUSINESS_TIMEZONE_ENV, raising=False)
    assert "--vars" not in dbt_args("parse")


def test_dbt_env_points_at_home_and_turns_telemetry_off(tmp_path):
    env = dbt_env(home(tmp_path), base={"PATH": "/usr/bin"})
    assert env["LEADFUNNEL_BUILD_DB"] == str(tmp_path.resolve() / "build.duckdb")
    assert env["DO_NOT_TRACK"] == "1"
    assert env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "false"
    assert env["PATH"] == "/usr/bin"
