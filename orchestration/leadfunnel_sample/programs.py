"""Marketo programs (seminars, webinars, consultations, trade shows, content, e-mails) and the
e-mail send schedule. Loops here run over months and programs, never over people.

Seminar, webinar, consultation and trade-show programs are mirrored as Salesforce campaigns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.calendar import BusinessCalendar
from leadfunnel_sample.config import DAY, HOUR, MINUTE, Window, jst_midnight
from leadfunnel_sample.ids import MARKETO_PROGRAM_BASE

EVENT_CHANNELS: tuple[str, ...] = ("seminar", "webinar", "consultation", "tradeshow")


@dataclass(frozen=True)
class Programs:
    """One entry per program (arrays), plus the e-mail sends."""

    ids: np.ndarray
    names: list[str]
    channels: list[str]
    created: np.ndarray  # epoch seconds
    event_start: np.ndarray  # epoch seconds (month start for consultation; 0 when none)
    event_end: np.ndarray
    deleted: np.ndarray  # bool
    # e-mail sends (one program each)
    send_time: np.ndarray
    send_program: np.ndarray  # program index
    send_kind: np.ndarray  # index into catalog.EMAIL_KINDS

    def of_channel(self, channel: str) -> np.ndarray:
        """Indexes of the live programs of a channel, by event start."""
        mask = np.array([c == channel for c in self.channels]) & ~self.deleted
        index = np.flatnonzero(mask)
        return index[np.argsort(self.event_start[index], kind="stable")]


def _nth_business_day(calendar: BusinessCalendar, first: date, n: int) -> date:
    """The n-th (0-based) business day on or after ``first``."""
    day = (first - calendar.first_day).days
    business = np.flatnonzero(calendar.is_business_day[day:])
    return first + timedelta(days=int(business[n]))


def _months(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def build_programs(window: Window, calendar: BusinessCalendar) -> Programs:
    names: list[str] = []
    channels: list[str] = []
    created: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    deleted: list[bool] = []

    def add(name: str, channel: str, start: int, end: int, lead_days: int, gone: bool = False):
        names.append(name)
        channels.append(channel)
        starts.append(start)
        ends.append(end)
        created.append((start if start else window.start) - lead_days * DAY - 10 * HOUR)
        deleted.append(gone)

    first = window.start_date - timedelta(days=62)
    last = window.end_date + timedelta(days=45)
    for topic in catalog.CONTENT_PROGRAMS:
        add(topic, "content", 0, 0, 200)
    for i, month in enumerate(_months(first, last)):
        label = f"{month.year}年{month.month:02d}月"
        # a seminar in a city, mid-month, 14:00-16:00
        day = _nth_business_day(calendar, month + timedelta(days=9), 0)
        city = catalog.SEMINAR_CITIES[i % len(catalog.SEMINAR_CITIES)]
        topic = catalog.SEMINAR_TOPICS[i % len(catalog.SEMINAR_TOPICS)]
        at = jst_midnight(day) + 14 * HOUR
        add(f"【{city}】{topic} {label}", "seminar", at, at + 2 * HOUR, 45)
        # three webinars, 12:00 or 16:00, one hour
        for k, offset in enumerate((3, 12, 19)):
            day = _nth_business_day(calendar, month + timedelta(days=offset), 0)
            topic = catalog.SEMINAR_TOPICS[(i + k + 2) % len(catalog.SEMINAR_TOPICS)]
            at = jst_midnight(day) + (12 if k % 2 == 0 else 16) * HOUR
            add(f"【ウェビナー】{topic} {day:%Y/%m/%d}", "webinar", at, at + HOUR, 30)
        # the month's individual consultations
        month_end = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        add(
            f"個別相談会 {label}",
            "consultation",
            jst_midnight(month),
            jst_midnight(month_end) - MINUTE,
            20,
        )
        # a trade show in four months of the year, three business days
        for show_month, show in catalog.TRADESHOWS:
            if show_month == month.month:
                day = _nth_business_day(calendar, month + timedelta(days=7), 0)
                at = jst_midnight(day) + 10 * HOUR
                end_day = _nth_business_day(calendar, day, 2)
                add(f"{show} {month.year}", "tradeshow", at, jst_midnight(end_day) + 17 * HOUR, 90)
        if i % 7 == 3:  # a cancelled webinar, deleted in Marketo
            day = _nth_business_day(calendar, month + timedelta(days=25), 0)
            at = jst_midnight(day) + 16 * HOUR
            add(f"【ウェビナー】(中止) 特別企画 {day:%Y/%m/%d}", "webinar", at, at + HOUR, 30, True)

    # e-mail sends: weekly, Tuesday (or the next business day) 10:00-10:30
    send_times, send_programs, send_kinds = [], [], []
    week = window.start_date - timedelta(days=window.start_date.weekday()) + timedelta(days=1)
    n = 0
    while week <= window.end_date:
        day = _nth_business_day(calendar, week, 0)
        at = jst_midnight(day) + 10 * HOUR + (n * 7 % 30) * MINUTE
        if window.start <= at < window.horizon:
            kind = (0, 1, 0, 2, 0, 3)[n % 6]
            send_programs.append(len(names))
            send_times.append(at)
            send_kinds.append(kind)
            add(f"{catalog.EMAIL_KINDS[kind]}_{day:%Y年%m月%d日}配信", "email", at, at, 14)
            n += 1
        week += timedelta(days=7)

    keep = np.array(created) < window.horizon
    index = np.flatnonzero(keep)
    remap = np.full(len(names), -1)
    remap[index] = np.arange(index.size)
    send_programs_arr = remap[np.array(send_programs, dtype=np.int64)]
    return Programs(
        ids=MARKETO_PROGRAM_BASE + np.arange(index.size, dtype=np.int64),
        names=[names[i] for i in index],
        channels=[channels[i] for i in index],
        created=np.array(created, dtype=np.int64)[index],
        event_start=np.array(starts, dtype=np.int64)[index],
        event_end=np.array(ends, dtype=np.int64)[index],
        deleted=np.array(deleted, dtype=bool)[index],
        send_time=np.array(send_times, dtype=np.int64),
        send_program=send_programs_arr,
        send_kind=np.array(send_kinds, dtype=np.int64),
    )
