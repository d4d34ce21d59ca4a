"""Moved to :mod:`leadfunnel.clock`, the one clock. Only this alias is left, for code written
against the old module on other branches (the reports); delete it once nothing imports it."""

from leadfunnel.clock import DEFAULT_BUSINESS_TIMEZONE, business_date, business_timezone

__all__ = ["DEFAULT_BUSINESS_TIMEZONE", "business_date", "business_timezone"]
