"""The dbt command line is built by one pure function; as_of parsing is strict and UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from leadfunnel.dbt_runner import dbt_args, dbt_env, format_as_of, parse_as_of
from leadfunnel.paths import PROJECT_DIR, home


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-21T09:00:00Z", datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),
        ("2026-11-21T09:00:00+09:00", datetime(2026, 11, 21, 0, 0, tzinfo=UTC)),
        ("2026-11-21 09:00:00", datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),
        ("2026-11-21", datetime(2026, 11, 21, 0, 0, tzinfo=UTC)),
        ("2026-01-01T00:30:00+09:00", datetime(2025, 12, 31, 15, 30, tzinfo=UTC)),
    ],
)
def test_parse_as_of_reads_offsets_and_treats_naive_as_utc(text, expected):
    assert parse_as_of(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "21/11/2026"])
def test_parse_as_of_rejects_what_is_not_iso(text):
    with pytest.raises(ValueError, match="not an ISO-8601 timestamp"):
        parse_as_of(text)


def test_parse_as_of_empty_means_now():
    assert parse_as_of(None) is None
    assert parse_as_of("  ") is None


def test_format_as_of_round_trips_through_parse():
    moment = datetime(2026, 3, 31, 15, 0, 0, 250_000, tzinfo=UTC)
    assert format_as_of(moment) == "2026-03-31T15:00:00.250000Z"
    assert parse_as_of(format_as_of(moment)) == moment
    assert format_as_of(datetime(2026, 3, 31, 15, tzinfo=UTC)) == "2026-03-31T15:00:00Z"


def test_dbt_args_carry_project_vars_and_selection():
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


def test_dbt_args_without_vars_pass_none():
    assert "--vars" not in dbt_args("parse")


def test_dbt_env_points_at_home_and_turns_telemetry_off(tmp_path):
    env = dbt_env(home(tmp_path), base={"PATH": "/usr/bin"})
    assert env["LEADFUNNEL_BUILD_DB"] == str(tmp_path.resolve() / "build.duckdb")
    assert env["DO_NOT_TRACK"] == "1"
    assert env["DBT_SEND_ANONYMOUS_USAGE_STATS"] == "false"
    assert env["PATH"] == "/usr/bin"
