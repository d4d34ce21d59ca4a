"""Section 2: MQL -> SQL over 12 months, period and cohort rate (immature cohorts marked)."""

from __future__ import annotations

import duckdb

from leadfunnel.report import charts, queries
from leadfunnel.report.common import empty_section, records
from leadfunnel.report.document import (
    Chart,
    Column,
    Section,
    Table,
)
from leadfunnel.report.formatting import fmt, is_missing
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month


def section(con: duckdb.DuckDBPyConnection, period: Month, lang: str) -> Section:
    t = labels(lang)
    first = period.back(11)
    trend = records(queries.mql_sql_trend(con, first, period.first))
    sql = {row["month"]: row for row in records(queries.sql_entries(con, first, period.first))}
    if not trend:
        return empty_section("s2", 2, lang)
    rows = []
    for row in trend:
        rows.append(
            {
                "month": row["month"],
                "mql_count": row["mql_count"],
                "sql_from_mql": sql.get(row["month"], {}).get("sql_from_mql", 0),
                "sql_sgl": sql.get(row["month"], {}).get("sql_sgl", 0),
                "period_rate": row["period_rate"],
                "cohort_rate": row["cohort_rate"],
                "cohort_is_mature": bool(row["cohort_is_mature"]),
                "cohort_mark": "" if row["cohort_is_mature"] else t["provisional"],
            }
        )
    target = (trend[-1]["target_min"], trend[-1]["target_max"])
    png = charts.trend(
        months=[f"{r['month']:%Y-%m}" for r in rows],
        mql_counts=[r["mql_count"] for r in rows],
        period_rates=[r["period_rate"] for r in rows],
        cohort_rates=[r["cohort_rate"] for r in rows],
        cohort_mature=[r["cohort_is_mature"] for r in rows],
        target=tuple(None if is_missing(v) else float(v) for v in target),
        labels={
            "mql": t["col.mql_count"],
            "period": t["col.period_rate"],
            "cohort": t["col.cohort_rate"],
            "immature": t["chart.immature"],
            "target_band": t["chart.target_band"],
            "rate": "MQL→SQL",
        },
    )
    data = Table(
        sheet="Trend",
        columns=[
            Column("month", t["col.month"], "month"),
            Column("mql_count", t["col.mql_count"], "int"),
            Column("sql_from_mql", t["col.sql_from_mql"], "int"),
            Column("sql_sgl", t["col.sql_sgl"], "int"),
            Column("period_rate", t["col.period_rate"], "rate"),
            Column("cohort_rate", t["col.cohort_rate"], "rate"),
            Column("cohort_is_mature", t["col.cohort_mature"], "bool"),
        ],
        rows=rows,
        title=t["chart.trend"],
    )
    # the same numbers, months across, for the page
    across = _months_across(rows, lang)
    return Section(
        "s2",
        2,
        t["s2"],
        t["s2.lead"],
        [Chart(t["chart.trend"], png, data, width=1.0, aspect=4.0 / charts.FULL_WIDTH), across],
    )


def _months_across(rows: list[dict], lang: str) -> Table:
    t = labels(lang)
    metrics = [
        ("mql_count", t["col.mql_count"], "int"),
        ("sql_from_mql", t["col.sql_from_mql"], "int"),
        ("sql_sgl", t["col.sql_sgl"], "int"),
        ("period_rate", t["col.period_rate"], "rate"),
        ("cohort_rate", t["col.cohort_rate"], "rate"),
    ]
    columns = [Column("metric", "", width=1.7)]
    columns += [Column(f"m{i}", f"{r['month']:%Y-%m}", width=0.8) for i, r in enumerate(rows)]
    table_rows = []
    for key, name, kind in metrics:
        out = {"metric": name}
        for i, r in enumerate(rows):
            text = fmt(r[key], kind, lang)
            if key == "cohort_rate" and not r["cohort_is_mature"] and not is_missing(r[key]):
                text += "*"
            out[f"m{i}"] = text
        table_rows.append(out)
    return Table(columns=columns, rows=table_rows, title=None)
