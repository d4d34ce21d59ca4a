"""Writing the review reports from the published warehouse, and knowing when they are due.

Shared by `leadfunnel report`, `leadfunnel run` ("report when due") and the Dagster report
assets. Reports read ``serve.duckdb`` (the published copy), never ``build.duckdb``, and land
in ``$LEADFUNNEL_HOME/reports/<period>/``:

- the monthly review of a month is due from the first business day of the next month;
- the weekly summary of an ISO week is due from the Monday after it.

A due report is written once; re-running does not rewrite it (ask `leadfunnel report` for that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from leadfunnel.business_days import first_business_day
from leadfunnel.clock import business_date
from leadfunnel.paths import Home
from leadfunnel.publishing.serve import serve_path

MONTHLY_FILE = "monthly_review.pdf"
WEEKLY_FILE = "weekly_summary.html"


class NothingPublished(RuntimeError):
    """There is no published warehouse to report from."""


@dataclass(frozen=True)
class ReportPeriod:
    """A report to write: kind ``month`` (``YYYY-MM``) or ``week`` (``YYYY-Www``)."""

    kind: str
    label: str


def reports_dir(home: Home) -> Path:
    return home.root / "reports"


def previous_month(day: date) -> str:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


def previous_week(day: date) -> str:
    year, week, _ = (day - timedelta(days=7)).isocalendar()
    return f"{year}-W{week:02d}"


def periods_due(home: Home, as_of: datetime) -> list[ReportPeriod]:
    """The reports due at ``as_of`` (its business date) that have not been written yet."""
    today = business_date(as_of)
    due = []
    month = previous_month(today)
    if (
        today >= first_business_day(today.year, today.month)
        and not (reports_dir(home) / month / MONTHLY_FILE).exists()
    ):
        due.append(ReportPeriod("month", month))
    week = previous_week(today)
    if not (reports_dir(home) / week / WEEKLY_FILE).exists():
        due.append(ReportPeriod("week", week))
    return due


def write_report(home: Home, period: ReportPeriod, lang: str = "ja"):
    """Write one report from ``serve.duckdb``; returns the report's ``ReportResult``."""
    from leadfunnel.report import build_monthly_report, build_weekly_report

    served = serve_path(home)
    if not served.exists():
        raise NothingPublished(
            f"nothing is published at {served} yet: run `leadfunnel run` (or `leadfunnel "
            "publish` after a build) before writing reports"
        )
    build = build_monthly_report if period.kind == "month" else build_weekly_report
    return build(served, reports_dir(home), period.label, lang=lang)


def write_due_reports(home: Home, as_of: datetime, lang: str = "ja") -> list:
    """Write every report due at ``as_of`` that is not there yet."""
    return [write_report(home, period, lang) for period in periods_due(home, as_of)]
