"""Section 8: the published copy's build information, check results, source freshness and
warnings (the ``meta`` table of serve.duckdb); "no quality results yet" without it."""

from __future__ import annotations

from datetime import datetime

import duckdb

from leadfunnel.report import queries
from leadfunnel.report.common import (
    records,
    to_local,
    tz_abbrev,
)
from leadfunnel.report.document import (
    Column,
    Columns,
    Section,
    Stack,
    Table,
    Text,
)
from leadfunnel.report.i18n import labels

BUILD_ORDER = ("as_of", "published_at", "built_at", "quality_checked_at", "leadfunnel_version")
CHECK_ORDER = (
    "quality_gate",
    "quality_blocking_failures",
    "quality_warnings",
    "quality_expectations",
    "dbt_tests_failed",
    "dbt_tests_warned",
    "dbt_tests",
)


def _order(order: tuple[str, ...], name: str) -> tuple[int, str]:
    return (order.index(name) if name in order else len(order), name)


def section(con: duckdb.DuckDBPyConnection, lang: str, number: int, tz: str) -> Section:
    """Build info, check summary, source freshness and warnings from the ``meta`` table."""
    t = labels(lang)
    meta = records(queries.meta(con))
    if not meta:
        return Section("s8", number, t["s8"], t["s8.lead"], [Text(t["dq.none"], "empty")], False)
    build_rows, check_rows, warning_rows = [], [], []
    for row in meta:
        section, name = row["section"], row["name"]
        if section == "build":
            value = row["value_at"] if row["value_at"] is not None else row["value"]
            if isinstance(value, datetime):
                value = f"{to_local(value, tz):%Y-%m-%d %H:%M} {tz_abbrev(tz)}"
            build_rows.append(
                {"item": t.get(f"dq.build.{name}", name), "value": value, "name": name}
            )
        elif section == "check":
            if row["value_number"] is not None:
                value = f"{row['value_number']:,.0f}"
            else:
                value = t.get(f"dq.{row['value']}", row["value"] or "—")
            tone = "neutral"
            if name == "quality_gate":
                tone = "good" if row["value"] == "passed" else "bad"
            elif name in ("quality_blocking_failures", "dbt_tests_failed"):
                tone = "bad" if (row["value_number"] or 0) > 0 else "good"
            elif name in ("quality_warnings", "dbt_tests_warned"):
                tone = "warn" if (row["value_number"] or 0) > 0 else "good"
            check_rows.append(
                {
                    "item": t.get(f"dq.check.{name}", name),
                    "value": value,
                    "name": name,
                    "_tone": tone,
                }
            )
        elif section == "warning":
            warning_rows.append({"item": row["value"] or name})
    build_rows.sort(key=lambda r: _order(BUILD_ORDER, r["name"]))
    check_rows.sort(key=lambda r: _order(CHECK_ORDER, r["name"]))
    build = Table(
        sheet="Data_quality",
        title=t["dq.build"],
        columns=[
            Column("name", "name", display=False),
            Column("item", t["col.item"], width=1.3),
            Column("value", t["col.value_text"], width=1.7),
        ],
        rows=build_rows,
    )
    checks = Table(
        sheet="Data_quality",
        title=t["dq.checks"],
        columns=[
            Column("name", "name", display=False),
            Column("item", t["col.item"], width=1.5),
            Column("value", t["col.value_text"], "status", width=1.5),
        ],
        rows=[r for r in check_rows if r["name"] != "quality_docs"],
    )
    fresh_rows = [
        {
            "source": r["name"],
            "is_source": bool(r["is_source"]),
            "newest_record": to_local(r["newest_record"], tz),
            "landed_at": to_local(r["landed_at"], tz),
            "age_days": r["age_days"],
            "_tone": "neutral",
        }
        for r in records(queries.meta_freshness(con))
    ]
    for r in fresh_rows:
        for key in ("newest_record", "landed_at"):
            if r[key] is not None:
                r[key] = r[key].replace(tzinfo=None)
    freshness = Table(
        sheet="Freshness",
        title=t["dq.freshness"],
        columns=[
            Column("source", t["col.source"], width=1.6),
            Column("is_source", "is_source", "bool", display=False),
            Column("newest_record", t["col.newest_record"], "datetime", width=1.3),
            Column("landed_at", t["col.landed_at"], "datetime", width=1.3),
            Column("age_days", t["col.age_days"], "days", width=0.8),
        ],
        rows=fresh_rows,
    )
    # on the page: the sources and their tables, most stale table first
    shown = [r for r in fresh_rows if r["is_source"]]
    tables = sorted(
        (r for r in fresh_rows if not r["is_source"]), key=lambda r: -(r["age_days"] or 0)
    )
    freshness_page = Table(
        columns=[c for c in freshness.columns if c.display],
        rows=shown + tables,
        title=t["dq.freshness"],
        pdf_max_rows=14,
        html_max_rows=40,
        overflow_sheet="Freshness",
    )
    freshness.show = False  # the workbook gets every table in name order
    warnings_table = Table(
        sheet="Data_quality",
        title=t["dq.warnings"],
        columns=[Column("item", t["dq.warnings"])],
        rows=warning_rows,
        pdf_max_rows=8,
    )
    left: list = [build, checks]
    right: list = [freshness_page]
    right.append(warnings_table if warning_rows else Text(t["dq.no_warnings"], "note"))
    blocks: list = [Columns([Stack(left), Stack(right)], [0.42, 0.58])]
    blocks.append(freshness)
    return Section("s8", number, t["s8"], t["s8.lead"], blocks)
