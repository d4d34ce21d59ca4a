"""The business time zone (Asia/Tokyo by default): "today" and dates are counted there."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DEFAULT_BUSINESS_TIMEZONE = "Asia/Tokyo"


def business_timezone() -> ZoneInfo:
    """The business time zone (env LEADFUNNEL_BUSINESS_TIMEZONE, default Asia/Tokyo)."""
    return ZoneInfo(os.environ.get("LEADFUNNEL_BUSINESS_TIMEZONE", DEFAULT_BUSINESS_TIMEZONE))


def business_date(moment: datetime | None = None) -> date:
    """The calendar date in the business time zone at ``moment`` (default: now)."""
    moment = moment or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(business_timezone()).date()
