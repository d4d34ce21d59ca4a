"""The Japanese business calendar as arrays, and business-time arithmetic over numpy arrays.

Business hours are 9:00-18:00 JST on business days: weekdays that are neither national
holidays (including substitute holidays, from the `holidays` package) nor in the year-end break
(Dec 29 - Jan 3). Times are int64 epoch seconds (UTC). "Business seconds" count only the
seconds inside business hours, so adding business time is a lookup in a cumulative array.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import holidays
import numpy as np

from leadfunnel_sample.config import BUSINESS_DAY_SECONDS, DAY, HOUR, JST_OFFSET, jst_midnight

OPEN = 9 * HOUR


@dataclass(frozen=True)
class BusinessCalendar:
    """Business days from ``first_day`` on, one entry per calendar day."""

    first_day: date
    first_midnight: int  # epoch seconds of 00:00 JST on first_day
    is_business_day: np.ndarray  # bool per day
    before: np.ndarray  # business seconds before each day (int64)

    @classmethod
    def build(cls, first_day: date, last_day: date) -> BusinessCalendar:
        days = (last_day - first_day).days + 1
        dates = [first_day + timedelta(days=i) for i in range(days)]
        national = holidays.Japan(years=range(first_day.year, last_day.year + 1))
        weekday = np.array([d.weekday() for d in dates]) < 5
        holiday = np.array([d in national for d in dates])
        year_end = np.array(
            [(d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3) for d in dates]
        )
        is_business_day = weekday & ~holiday & ~year_end
        seconds = is_business_day.astype(np.int64) * BUSINESS_DAY_SECONDS
        before = np.concatenate([[0], np.cumsum(seconds)[:-1]]).astype(np.int64)
        return cls(first_day, jst_midnight(first_day), is_business_day, before)

    # ------------------------------------------------------------------ day lookups
    def day_index(self, t: np.ndarray) -> np.ndarray:
        """The JST calendar day of each time, as an index into this calendar."""
        index = (np.asarray(t, dtype=np.int64) - self.first_midnight) // DAY
        if index.size and (index.min() < 0 or index.max() >= self.is_business_day.size):
            raise ValueError("a time falls outside the business calendar")
        return index

    def midnight(self, day_index: np.ndarray) -> np.ndarray:
        return self.first_midnight + np.asarray(day_index, dtype=np.int64) * DAY

    def is_business_time(self, t: np.ndarray) -> np.ndarray:
        t = np.asarray(t, dtype=np.int64)
        day = self.day_index(t)
        second = t - self.midnight(day)
        return self.is_business_day[day] & (second >= OPEN) & (second < OPEN + BUSINESS_DAY_SECONDS)

    # ------------------------------------------------------------------ business time
    def business_seconds(self, t: np.ndarray) -> np.ndarray:
        """Business seconds from the calendar's start up to each time."""
        t = np.asarray(t, dtype=np.int64)
        day = self.day_index(t)
        into = np.clip(t - self.midnight(day) - OPEN, 0, BUSINESS_DAY_SECONDS)
        return self.before[day] + into * self.is_business_day[day]

    def from_business_seconds(self, b: np.ndarray) -> np.ndarray:
        """The time at which ``b`` business seconds have passed (a day's end rolls over to the
        next business day's 9:00)."""
        b = np.asarray(b, dtype=np.int64)
        ends = self.before + self.is_business_day * BUSINESS_DAY_SECONDS
        day = np.searchsorted(ends, b, side="right")
        if day.size and day.max() >= ends.size:
            raise ValueError("business time runs past the end of the business calendar")
        return self.midnight(day) + OPEN + (b - self.before[day])

    def add_business(self, t: np.ndarray, seconds: np.ndarray) -> np.ndarray:
        """``t`` plus ``seconds`` of business time (from the next business moment on)."""
        return self.from_business_seconds(
            self.business_seconds(t) + np.asarray(seconds, dtype=np.int64)
        )

    def business_days_between(self, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
        """Elapsed business time between two times, in business days (float)."""
        return (self.business_seconds(t1) - self.business_seconds(t0)) / BUSINESS_DAY_SECONDS

    def next_business_day(self, t: np.ndarray, hour_offset: np.ndarray) -> np.ndarray:
        """The first business day strictly after the JST day of ``t``, at 00:00 + hour_offset
        seconds."""
        day = self.day_index(t)
        following = self._next_business_day_index(day + 1)
        return self.midnight(following) + np.asarray(hour_offset, dtype=np.int64)

    def _next_business_day_index(self, day: np.ndarray) -> np.ndarray:
        business_days = np.flatnonzero(self.is_business_day)
        position = np.searchsorted(business_days, day, side="left")
        if position.size and position.max() >= business_days.size:
            raise ValueError("no business day left in the business calendar")
        return business_days[position]


def jst_day_number(t: np.ndarray) -> np.ndarray:
    """The JST calendar day of each time as days since 1970-01-01 (for per-day grouping)."""
    return (np.asarray(t, dtype=np.int64) + JST_OFFSET) // DAY
