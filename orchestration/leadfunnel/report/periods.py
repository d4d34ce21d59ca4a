"""The report periods: a JST month ``YYYY-MM`` and an ISO week ``YYYY-Www``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


class PeriodError(ValueError):
    """A month or week argument that is not in the expected form."""


@dataclass(frozen=True)
class Month:
    first: date  # first day of the month

    @property
    def key(self) -> str:
        return f"{self.first:%Y-%m}"

    @property
    def next_first(self) -> date:
        return add_months(self.first, 1)

    def back(self, months: int) -> date:
        """First day of the month ``months`` before this one."""
        return add_months(self.first, -months)

    @property
    def quarter_first(self) -> date:
        return date(self.first.year, (self.first.month - 1) // 3 * 3 + 1, 1)


@dataclass(frozen=True)
class Week:
    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


def add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> Month:
    """``"2026-10"`` -> Month; anything else raises :class:`PeriodError`."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(f"month must be YYYY-MM (e.g. 2026-10), not {text!r}")
    return Month(date(int(match.group(1)), int(match.group(2)), 1))


def parse_week(text: str) -> Week:
    """``"2026-W43"`` -> Week (ISO 8601 week, Monday to Sunday); else :class:`PeriodError`."""
    match = re.fullmatch(r"(\d{4})-?W(\d{2})", text.strip(), flags=re.IGNORECASE)
    if not match:
        raise PeriodError(f"week must be an ISO week YYYY-Www (e.g. 2026-W43), not {text!r}")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise PeriodError(f"{text!r} is not a week: {year} has no ISO week {number}") from None
    return Week(year, number)
