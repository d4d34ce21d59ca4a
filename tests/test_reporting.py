"""When reports are due, and where they are written from (hand-worked calendar cases)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from leadfunnel.due_reports import (
    MONTHLY_FILE,
    NothingPublished,
    ReportPeriod,
    periods_due,
    previous_month,
    previous_week,
    write_report,
)
from leadfunnel.paths import PROJECT_DIR, home

JST = ZoneInfo("Asia/Tokyo")


def test_previous_periods_cross_year_boundaries():
    assert previous_month(datetime(2027, 1, 4).date()) == "2026-12"
    # Monday 2027-01-04: the week before is ISO week 53 of 2026
    assert previous_week(datetime(2027, 1, 4).date()) == "2026-W53"
    assert previous_week(datetime(2026, 11, 23).date()) == "2026-W47"


def test_monthly_review_is_due_from_the_first_business_day(tmp_path):
    target = home(tmp_path).ensure()
    # 2027-01-01..03 are the year-end break and a weekend: January's first business day is the 4th
    on_new_year = periods_due(target, datetime(2027, 1, 1, 8, 0, tzinfo=JST))
    assert ReportPeriod("month", "2026-12") not in on_new_year
    assert ReportPeriod("week", "2026-W52") in on_new_year
    first_business_day = periods_due(target, datetime(2027, 1, 4, 8, 0, tzinfo=JST))
    assert ReportPeriod("month", "2026-12") in first_business_day


def test_a_written_report_is_no_longer_due(tmp_path):
    target = home(tmp_path).ensure()
    written = target.root / "reports" / "2026-12" / MONTHLY_FILE
    written.parent.mkdir(parents=True)
    written.write_bytes(b"%PDF")
    due = periods_due(target, datetime(2027, 1, 4, 8, 0, tzinfo=JST))
    assert ReportPeriod("month", "2026-12") not in due


def test_reports_need_a_published_warehouse(tmp_path):
    with pytest.raises(NothingPublished, match="nothing is published"):
        write_report(home(tmp_path).ensure(), ReportPeriod("month", "2026-10"))


def test_cli_report_without_a_published_warehouse_is_one_sentence(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leadfunnel.cli",
            "report",
            "--month",
            "2026-10",
            "--home",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nothing is published" in result.stderr
