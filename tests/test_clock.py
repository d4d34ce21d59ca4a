"""The one clock (``leadfunnel.clock``): as_of parsing is strict and UTC; the business time
zone is one setting that moves dbt's var, alert times, business dates and schedules together.
Hand-worked: 2026-11-19 20:00 UTC is 2026-11-20 05:00 in Tokyo (UTC+9), 15:00 on the 19th in
New York (EST, UTC-5 in November) and 21:00 on the 19th in Berlin (CET, UTC+1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
import yaml

from leadfunnel.alerts import Breach, payload
from leadfunnel.clock import (
    BUSINESS_TIMEZONE_ENV,
    DEFAULT_BUSINESS_TIMEZONE,
    business_date,
    business_time_text,
    business_timezone_name,
    format_as_of,
    parse_as_of,
)
from leadfunnel.dbt_runner import dbt_args
from leadfunnel.paths import PROJECT_DIR

MOMENT = datetime(2026, 11, 19, 20, 0, tzinfo=UTC)


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


def test_the_business_timezone_defaults_to_tokyo(monkeypatch):
    monkeypatch.delenv(BUSINESS_TIMEZONE_ENV, raising=False)
    assert business_timezone_name() == "Asia/Tokyo"
    assert business_time_text(datetime(2026, 11, 20, 0, 0)) == "2026-11-20 09:00 JST"  # naive: UTC


def _deadline_shown_by_the_alert(deadline: datetime) -> str:
    message = payload(
        Breach(
            handoff_id="H1",
            rule="first_contact",
            person_id="P1",
            deadline_at=deadline,
            hours_overdue=1.0,
            owner_user_id="U1",
            owner_name=None,
            manager_user_id=None,
            manager_name=None,
            lead_name=None,
            company_name=None,
        )
    )
    fields = [f["text"].split("\n") for f in message["blocks"][1]["fields"]]
    return dict(fields)["*期限*"]


@pytest.mark.parametrize(
    ("zone", "dbt_var", "shown", "day"),
    [
        # the default is dbt_project.yml's default too: no var needed
        ("Asia/Tokyo", None, "2026-11-20 05:00 JST", date(2026, 11, 20)),
        ("America/New_York", "America/New_York", "2026-11-19 15:00 EST", date(2026, 11, 19)),
        ("Europe/Berlin", "Europe/Berlin", "2026-11-19 21:00 CET", date(2026, 11, 19)),
    ],
)
def test_one_setting_moves_the_dbt_var_alert_times_and_business_dates(
    monkeypatch, zone, dbt_var, shown, day
):
    monkeypatch.setenv(BUSINESS_TIMEZONE_ENV, zone)
    args = dbt_args("build", as_of=MOMENT)
    assert json.loads(args[args.index("--vars") + 1]).get("business_timezone") == dbt_var
    assert _deadline_shown_by_the_alert(MOMENT.replace(tzinfo=None)) == shown
    assert business_date(MOMENT) == day


def test_the_default_is_the_dbt_projects_default():
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["business_timezone"] == DEFAULT_BUSINESS_TIMEZONE


def test_an_unknown_business_timezone_is_one_sentence(monkeypatch):
    monkeypatch.setenv(BUSINESS_TIMEZONE_ENV, "Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="LEADFUNNEL_BUSINESS_TIMEZONE='Mars/Olympus_Mons' is not"):
        dbt_args("build")


def test_the_schedules_run_in_the_business_timezone():
    """The Dagster schedules read the setting when the definitions load (a fresh process)."""
    code = (
        "from leadfunnel.dagster_defs.schedules import schedules; "
        "print(sorted({s.execution_timezone for s in schedules}))"
    )
    env = dict(os.environ, **{BUSINESS_TIMEZONE_ENV: "America/New_York"})
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "['America/New_York']"
