"""One clock: the business time zone, and the pipeline's "now" (``as_of``).

- **The business time zone** is the setting ``LEADFUNNEL_BUSINESS_TIMEZONE`` (an IANA name,
  default ``Asia/Tokyo``). "Today", report periods, schedules and the times alerts show are
  counted there, and dbt counts there too: ``leadfunnel.dbt_runner.dbt_args`` passes a
  setting other than the default as the dbt var ``business_timezone`` (whose default in
  ``dbt_project.yml`` is the same Asia/Tokyo), so dbt and Python always use the same zone.
- **as_of** is an aware UTC datetime. On the command line and in run tags it is ISO-8601
  (:func:`parse_as_of`: an offset is honoured, a value without one is UTC); dbt gets it as
  ``2026-11-21T00:00:00Z`` (:func:`format_as_of`).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BUSINESS_TIMEZONE_ENV = "LEADFUNNEL_BUSINESS_TIMEZONE"
DEFAULT_BUSINESS_TIMEZONE = "Asia/Tokyo"


def business_timezone_name() -> str:
    """The business time zone's IANA name (``$LEADFUNNEL_BUSINESS_TIMEZONE``, else Asia/Tokyo)."""
    name = os.environ.get(BUSINESS_TIMEZONE_ENV, "").strip() or DEFAULT_BUSINESS_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{BUSINESS_TIMEZONE_ENV}={name!r} is not an IANA time zone (e.g. Asia/Tokyo)"
        ) from None
    return name


def business_timezone() -> ZoneInfo:
    """The business time zone."""
    return ZoneInfo(business_timezone_name())


def business_date(moment: datetime | None = None) -> date:
    """The calendar date in the business time zone at ``moment`` (default: now; naive = UTC)."""
    return _aware(moment or datetime.now(UTC)).astimezone(business_timezone()).date()


def business_time_text(moment: datetime) -> str:
    """``moment`` as local business time with the zone's abbreviation: ``2026-11-20 09:00 JST``
    (a naive ``moment`` is UTC)."""
    return _aware(moment).astimezone(business_timezone()).strftime("%Y-%m-%d %H:%M %Z")


def as_of_or_now(as_of: datetime | None = None) -> datetime:
    """``as_of`` in UTC, or now when it is None."""
    return (as_of or datetime.now(UTC)).astimezone(UTC)


def parse_as_of(value: str | None) -> datetime | None:
    """An ISO-8601 timestamp as an aware UTC datetime; a value without an offset is UTC.

    >>> parse_as_of("2026-11-21T09:00:00+09:00").isoformat()
    '2026-11-21T00:00:00+00:00'
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text[-1] in "zZ":
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"as_of '{value}' is not an ISO-8601 timestamp (e.g. 2026-11-21T09:00:00Z)"
        ) from None
    return _aware(parsed).astimezone(UTC)


def format_as_of(moment: datetime) -> str:
    """The dbt var form of a moment: ``2026-11-21T00:00:00Z`` (UTC, microseconds if any)."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds" if utc.microsecond else "seconds") + "Z"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
