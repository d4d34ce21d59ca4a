"""Write seeds/calendar/business_calendar.csv: one row per date 2015-2035 with Japan's national
holidays (including substitute holidays, 振替休日, and citizens' holidays, 国民の休日) from the
`holidays` package.

    uv run python scripts/generate_business_calendar.py

The company's own days off (default: the Dec 29 - Jan 3 year-end break) are not here: they are
in seeds/calendar/company_holidays.csv, which a company edits; dim_business_calendar combines
both. Re-run this script when the range needs extending or the holidays package learns of a
change to the law (e.g. a moved Sports Day, as in 2020 and 2021), and commit the CSV.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import holidays

FIRST_YEAR = 2015
LAST_YEAR = 2035
OUT = Path(__file__).resolve().parents[1] / "seeds" / "calendar" / "business_calendar.csv"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def calendar_rows(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> list[dict]:
    national = holidays.Japan(years=range(first_year, last_year + 1), language="ja")
    rows, business_day_number = [], 0
    day = date(first_year, 1, 1)
    while day <= date(last_year, 12, 31):
        is_weekend = day.weekday() >= 5
        holiday_name = national.get(day)
        is_business_day = not is_weekend and holiday_name is None
        business_day_number += int(is_business_day)
        rows.append(
            {
                "calendar_date": day.isoformat(),
                "day_of_week": WEEKDAYS[day.weekday()],
                "is_weekend": str(is_weekend).lower(),
                "is_national_holiday": str(holiday_name is not None).lower(),
                "holiday_name": holiday_name or "",
                "is_business_day": str(is_business_day).lower(),
                "business_day_number": business_day_number,
            }
        )
        day += timedelta(days=1)
    return rows


def main() -> None:
    rows = calendar_rows()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} days to {OUT}")


if __name__ == "__main__":
    main()
