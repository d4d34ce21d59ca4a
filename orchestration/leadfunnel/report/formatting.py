"""How values look in HTML and PDF (Excel gets the raw value and a number format)."""

from __future__ import annotations

import math
from datetime import date, datetime

from leadfunnel.report.i18n import label

# KPI units (rpt_monthly_kpis stores rates as fractions and times in hours)
KPI_UNITS: dict[str, str] = {
    "mql_count": "count",
    "mean_hours_to_first_contact": "hours",
    "median_hours_to_first_contact": "hours",
}

EXCEL_FORMATS: dict[str, str] = {
    "int": "#,##0",
    "count": "#,##0",
    "rate": "0.0%",
    "hours": "0.0",
    "days": "0.0",
    "number": "0.0",
    "date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "datetime": "yyyy-mm-dd hh:mm",
}


def kpi_unit(kpi_code: str) -> str:
    return KPI_UNITS.get(kpi_code, "rate")


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def fmt(value: object, kind: str, lang: str, unit: str | None = None) -> str:
    """``value`` shown as ``kind`` (``kpi`` and ``change`` take the unit)."""
    if kind == "status":
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return "—"
    if kind == "kpi":
        kind = {"count": "int", "hours": "hours", "rate": "rate"}[unit or "rate"]
    if kind == "change":
        return _change(float(value), unit or "rate", lang)
    if kind in ("int", "count"):
        return f"{round(float(value)):,}"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    if kind == "hours":
        return f"{float(value):,.1f} {label(lang, 'unit.hours')}"
    if kind in ("days", "number"):
        return f"{float(value):,.1f}"
    if kind == "month":
        return f"{value:%Y-%m}" if isinstance(value, date | datetime) else str(value)
    if kind == "date":
        return f"{value:%Y-%m-%d}" if isinstance(value, date | datetime) else str(value)
    if kind == "datetime":
        return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else str(value)
    if kind == "bool":
        return label(lang, "yes") if value else label(lang, "no")
    return str(value)


def _change(value: float, unit: str, lang: str) -> str:
    if unit == "rate":
        points = value * 100
        return f"{points:+.1f} {label(lang, 'unit.pt')}" if round(points, 1) else "±0.0 pt"
    if unit == "hours":
        return f"{value:+,.1f} {label(lang, 'unit.hours')}" if round(value, 1) else "±0.0"
    return f"{round(value):+,}" if round(value) else "±0"


def target_text(target_min: object, target_max: object, unit: str, lang: str) -> str:
    """``20.0–30.0%``, ``≧ 150``, ``≦ 24.0 時間``; ``—`` without a target."""
    kind = {"count": "int", "hours": "hours", "rate": "rate"}[unit]
    low = None if is_missing(target_min) else fmt(target_min, kind, lang)
    high = None if is_missing(target_max) else fmt(target_max, kind, lang)
    if low and high:
        if kind == "rate":
            return f"{float(target_min) * 100:.0f}–{float(target_max) * 100:.0f}%"
        return f"{low} – {high}"
    if low:
        return f"≧ {low}"
    if high:
        return f"≦ {high}"
    return "—"
