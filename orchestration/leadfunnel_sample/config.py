"""The knobs of the sample company and its time window.

Everything the simulation decides by a number lives here, so a reader can see the company at a
glance: the MA's MQL definition (the warehouse's defaults), behaviour rates, sales behaviour and
the share of dirty data. Times inside the generator are int64 seconds since the Unix epoch, UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

JST_OFFSET = 9 * 3600  # Asia/Tokyo has no daylight saving time
DAY = 86_400
HOUR = 3_600
MINUTE = 60
BUSINESS_DAY_SECONDS = 9 * HOUR  # 9:00-18:00


@dataclass(frozen=True)
class Settings:
    """How the company behaves. The defaults are the sample company."""

    # ---- the MA's MQL definition (the warehouse's defaults in dbt_project.yml)
    mql_fit_threshold: int = 30
    mql_engagement_threshold: float = 50.0
    engagement_half_life_days: float = 90.0
    # ---- people and companies
    people_per_account: float = 3.5
    sales_generated_share: float = 0.12
    # ---- behaviour (per Marketo lead; scaled by the person's interest)
    email_sends_per_week: float = 1.0
    baseline_sessions_per_month: float = 0.3
    bursts_per_year: float = 0.3
    burst_sessions: float = 1.8
    form_share_in_burst_session: float = 0.13
    program_registrations_per_year: float = 0.6
    unsubscribe_share: float = 0.07
    email_invalid_share: float = 0.015
    # ---- recycling: after a recycle the person is quiet until the score has decayed below
    # this value (and at least the cool-down), so a re-MQL needs new behaviour
    recycle_quiet_score: float = 40.0
    recycle_min_quiet_days: float = 30.0
    max_cycles: int = 3
    # ---- sales
    stale_share: float = 0.05
    late_decision_share: float = 0.12
    open_task_share: float = 0.25
    outside_hours_share: float = 0.06
    # ---- processing
    chunk_people: int = 100_000


@dataclass(frozen=True)
class Window:
    """The simulated period: from ``start`` (00:00 JST) to ``horizon`` (24:00 JST of end_date)."""

    start_date: date
    end_date: date
    start: int
    horizon: int  # exclusive: nothing happens at or after it

    @property
    def span(self) -> int:
        return self.horizon - self.start


def jst_midnight(day: date) -> int:
    """Epoch seconds of 00:00 JST on ``day``."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return int(midnight.timestamp()) - JST_OFFSET


def make_window(end_date: date, months: int) -> Window:
    """The window of ``months`` calendar months that ends with ``end_date`` (inclusive)."""
    if months < 1:
        raise ValueError(f"months must be at least 1, not {months}")
    year, month = end_date.year, end_date.month - months
    while month < 1:
        month += 12
        year -= 1
    day = min(end_date.day, _days_in_month(year, month))
    start_date = date(year, month, day) + timedelta(days=1)
    return Window(
        start_date=start_date,
        end_date=end_date,
        start=jst_midnight(start_date),
        horizon=jst_midnight(end_date + timedelta(days=1)),
    )


def _days_in_month(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def rng_for(seed: int, *stream: int) -> np.random.Generator:
    """An independent, reproducible random stream for one step (and chunk) of the simulation."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, *stream])))


# Stream ids: one per step, so changing one step never shifts the randomness of another.
STREAM_USERS = 1
STREAM_PROGRAMS = 2
STREAM_ACCOUNTS = 3
STREAM_PEOPLE = 4
STREAM_DIRTY = 5
STREAM_BEHAVIOUR = 6
STREAM_SALES = 7
STREAM_OPPORTUNITIES = 8
STREAM_RECORDS = 9
