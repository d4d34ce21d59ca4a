"""Section 7: leads waiting to be recycled, by reason and due month (rpt_recycle_queue)."""

from __future__ import annotations

from datetime import date

import duckdb

from leadfunnel.report import charts, queries
from leadfunnel.report.common import empty_section, records
from leadfunnel.report.document import (
    Chart,
    Column,
    Columns,
    Section,
    Table,
    Text,
)
from leadfunnel.report.i18n import labels, month_short
from leadfunnel.report.vocabulary import Vocabulary

REASON_TYPE_COLORS = {
    "disqualified": charts.BLUE,
    "recycled": charts.LIGHT_BLUE,
    "lost": charts.ORANGE,
    "dormant": charts.GREY,
}


PDF_RECYCLE_ROWS = 12


def section(
    con: duckdb.DuckDBPyConnection, lang: str, today: date, vocabulary: Vocabulary
) -> Section:
    t = labels(lang)

    def reason_type(code: str) -> str:
        return vocabulary.value("recycle_reason_type", code)

    by_month = records(queries.recycle_by_due_month(con, today))
    by_reason = records(queries.recycle_by_reason(con, today))
    if not by_reason:
        return empty_section("s7", 7, lang)
    types = [k for k in REASON_TYPE_COLORS if any(r["reason_type"] == k for r in by_month)]
    types += sorted({r["reason_type"] for r in by_month} - set(types))
    buckets: list[date | None] = []
    for r in by_month:
        if r["due_month"] not in buckets:
            buckets.append(r["due_month"])
    later = {r["due_month"] for r in by_month if r["is_later"]}

    def bucket_name(value: date | None) -> str:
        if value is None:
            return t["recycle.due_now"]
        return f"{value:%Y-%m}" + ("+" if value in later else "")

    def tick(index: int, value: date | None) -> str:
        """Month on the axis, with the year under the first month and under January."""
        if value is None:
            return t["recycle.due_now"]
        name = month_short(lang, value.month) + ("+" if value in later else "")
        first = index == 0 or buckets[index - 1] is None
        return f"{name}\n{value.year}" if first or value.month == 1 else name

    counts = {(r["due_month"], r["reason_type"]): int(r["people"]) for r in by_month}
    series = {reason_type(k): [counts.get((b, k), 0) for b in buckets] for k in types}
    png = charts.stacked(
        [tick(i, b) for i, b in enumerate(buckets)],
        series,
        [REASON_TYPE_COLORS.get(k, charts.GREY) for k in types],
        t["chart.recycle"],
    )
    month_rows = [
        {
            "due_month": r["due_month"],
            "due_label": bucket_name(r["due_month"]),
            "reason_type_code": r["reason_type"],
            "reason_type": reason_type(r["reason_type"]),
            "people": r["people"],
        }
        for r in by_month
    ]
    data = Table(
        sheet="Recycling_due",
        title=t["chart.recycle"],
        columns=[
            Column("due_month", t["col.due_month"], "month"),
            Column("due_label", t["col.due_month"]),
            Column("reason_type_code", "reason_type"),
            Column("reason_type", t["col.reason_type"]),
            Column("people", t["col.people"], "int"),
        ],
        rows=month_rows,
    )
    reason_rows = [
        {
            "reason_type": reason_type(r["reason_type"]),
            "reason": r["reason"] if r["reason"] else "—",
            "people": r["people"],
            "due_now": r["due_now"],
            "next_due_on": r["next_due_on"],
        }
        for r in by_reason
    ]
    reason_table = Table(
        sheet="Recycling",
        columns=[
            Column("reason_type", t["col.reason_type"], width=0.9),
            Column("reason", t["col.reason"], width=1.5),
            Column("people", t["col.people"], "int", width=0.7),
            Column("due_now", t["col.due_now"], "int", width=0.8),
            Column("next_due_on", t["col.next_due_on"], "date", width=1.1),
        ],
        rows=reason_rows,
        pdf_max_rows=PDF_RECYCLE_ROWS,
    )
    total = sum(int(r["people"]) for r in by_reason)
    due = sum(int(r["due_now"]) for r in by_reason)
    return Section(
        "s7",
        7,
        t["s7"],
        t["s7.lead"],
        [
            Text(t["recycle.summary"].format(total=f"{total:,}", due=f"{due:,}")),
            Columns(
                [
                    Chart(
                        t["chart.recycle"],
                        png,
                        data,
                        width=0.58,
                        aspect=3.4 / (charts.FULL_WIDTH * 0.6),
                    ),
                    reason_table,
                ],
                [0.58, 0.42],
            ),
        ],
    )
