"""Japanese business days, for schedules that follow the working calendar.

A business day is a weekday that is not a national holiday (including substitute and
citizens' holidays) and not a company day off. The same rule as the mart
``dim_business_calendar``, from the same seeds:

- ``seeds/calendar/business_calendar.csv`` (national holidays, 2015-2035); dates outside it,
  or a checkout without it, use the ``holidays`` package;
- ``seeds/calendar/company_holidays.csv`` (``annual`` rows by ``MM-DD``, other rows by
  ``holiday_date``); without it, the year-end break Dec 29 - Jan 3.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays

from leadfunnel.paths import SEEDS_DIR

YEAR_END_BREAK = frozenset({"12-29", "12-30", "12-31", "01-01", "01-02", "01-03"})


def _rows(name: str) -> list[dict[str, str]] | None:
    path = SEEDS_DIR / "calendar" / name
    if not path.exists():
        return None
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _seeded_national_holidays() -> tuple[frozenset[date], date | None, date | None]:
    rows = _rows("business_calendar.csv") or []
    days = [date.fromisoformat(r["calendar_date"]) for r in rows]
    holidays_ = frozenset(
        date.fromisoformat(r["calendar_date"])
        for r in rows
        if r.get("is_national_holiday", "").strip().lower() == "true"
    )
    return holidays_, (min(days) if days else None), (max(days) if days else None)


@lru_cache(maxsize=1)
def _company_days_off() -> tuple[frozenset[str], frozenset[date]]:
    rows = _rows("company_holidays.csv")
    if rows is None:
        return YEAR_END_BREAK, frozenset()
    annual = frozenset(r["month_day"].strip() for r in rows if r["rule"].strip() == "annual")
    dated = frozenset(
        date.fromisoformat(r["holiday_date"].strip())
        for r in rows
        if r["rule"].strip() != "annual" and r.get("holiday_date", "").strip()
    )
    return annual, dated


@lru_cache(maxsize=64)
def _package_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Japan(years=year).keys())


def is_national_holiday(day: date) -> bool:
    seeded, first, last = _seeded_national_holidays()
    if first is not None and last is not None and first <= day <= last:
        return day in seeded
    return day in _package_holidays(day.year)


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a business day (weekday, no national holiday, no company day off)."""
    if day.weekday() >= 5 or is_national_holiday(day):
        return False
    annual, dated = _company_days_off()
    return day.strftime("%m-%d") not in annual and day not in dated


def first_business_day(year: int, month: int) -> date:
    """The first business day of ``year``-``month`` (e.g. 2027-01-04)."""
    day = date(year, month, 1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day
