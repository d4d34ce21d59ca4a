"""How values look in HTML and PDF (Excel gets the raw value and a number format).

A KPI's look comes from its mart (``dim_kpis``: ``display_format``, the unit's labels), passed
in as a :class:`~leadfunnel.report.vocabulary.KpiFormat`; the other kinds are plain shapes
(whole numbers, rates as percentages, dates).
"""

from __future__ import annotations

import math
from datetime import date, datetime

from leadfunnel.report.i18n import label
from leadfunnel.report.vocabulary import KpiFormat

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


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def _pattern(pattern: str) -> tuple[bool, bool, int]:
    """(is a percentage, groups thousands, decimals) of an Excel-style number format."""
    percent = pattern.endswith("%")
    core = pattern.rstrip("%")
    decimals = len(core.split(".", 1)[1]) if "." in core else 0
    return percent, "," in core, decimals


def number(value: object, pattern: str, compact: bool = False) -> str:
    """``value`` in an Excel-style format (``#,##0``, ``#,##0.0``, ``0.0%``); ``compact`` drops
    trailing zero decimals (targets: ``20%``, ``24``)."""
    percent, grouping, decimals = _pattern(pattern)
    shown = float(value) * (100 if percent else 1)
    text = f"{shown:{',' if grouping else ''}.{decimals}f}"
    if compact and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


def kpi_text(value: object, kpi: KpiFormat, compact: bool = False) -> str:
    """A KPI value with its unit label, e.g. ``1,234 件``, ``24.5%``, ``12.3 時間``."""
    if is_missing(value):
        return "—"
    text = number(value, kpi.display_format, compact)
    return f"{text} {kpi.unit_label}" if kpi.unit_label else text


def change_text(value: object, kpi: KpiFormat) -> str:
    """A month-over-month change: a rate's in percentage points (``+2.3 pt``), else in the
    KPI's unit (``+1.5 時間``, ``-12 件``)."""
    if is_missing(value):
        return "—"
    percent, grouping, decimals = _pattern(kpi.display_format)
    shown = float(value) * (100 if percent else 1)
    suffix = f" {kpi.change_label}" if kpi.change_label else ""
    if round(shown, decimals) == 0:
        return f"±{0:.{decimals}f}{suffix}"
    return f"{shown:+{',' if grouping else ''}.{decimals}f}{suffix}"


def kpi_excel_format(kpi: KpiFormat | None, change: bool = False) -> str | None:
    """The workbook's number format of a KPI value (or, signed, of its change)."""
    if kpi is None:
        return None
    pattern = kpi.display_format
    return f"+{pattern};-{pattern};{pattern}" if change else pattern


def fmt(value: object, kind: str, lang: str, unit: KpiFormat | None = None) -> str:
    """``value`` shown as ``kind`` (``kpi`` and ``change`` take the KPI's format)."""
    if kind == "status":
        return "" if is_missing(value) else str(value)
    if is_missing(value):
        return "—"
    if kind == "kpi":
        return kpi_text(value, unit) if unit else f"{value}"
    if kind == "change":
        return change_text(value, unit) if unit else f"{value}"
    if kind in ("int", "count"):
        return f"{round(float(value)):,}"
    if kind == "rate":
        return f"{float(value) * 100:.1f}%"
    if kind in ("hours", "days", "number"):
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


def target_text(target_min: object, target_max: object, kpi: KpiFormat) -> str:
    """``20–30%``, ``≧ 100 件``, ``≦ 24 時間``; ``—`` without a target."""
    low = None if is_missing(target_min) else kpi_text(target_min, kpi, compact=True)
    high = None if is_missing(target_max) else kpi_text(target_max, kpi, compact=True)
    if low and high:
        if kpi.display_format.endswith("%"):
            return f"{low.rstrip('%')}–{high}"
        return f"{low} – {high}"
    if low:
        return f"≧ {low}"
    if high:
        return f"≦ {high}"
    return "—"
