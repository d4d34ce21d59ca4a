"""Section 3: the month's funnel (period entries), the MQL cohort by channel, and velocity."""

from __future__ import annotations

import itertools
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
)
from leadfunnel.report.formatting import fmt
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month, add_months
from leadfunnel.report.vocabulary import Vocabulary


def section(
    con: duckdb.DuckDBPyConnection,
    period: Month,
    lang: str,
    month_text: str,
    vocabulary: Vocabulary,
) -> Section:
    t = labels(lang)
    blocks: list = []
    funnel = {row["stage"]: row for row in records(queries.funnel_period(con, period.first))}
    order = vocabulary.stage_order()  # dim_funnel_stages.stage_order
    stages = [s for s in order if s in funnel] + sorted(set(funnel) - set(order))
    stage_label = vocabulary.stage
    top: list = []
    if stages:
        rows = [
            {
                "stage_code": s,
                "stage": stage_label(s),
                "entries": funnel[s]["entries"],
                "previous_stage": stage_label(funnel[s]["previous_stage"])
                if funnel[s]["previous_stage"]
                else None,
                "from_previous": funnel[s]["period_rate_from_previous"],
            }
            for s in stages
        ]
        png = charts.funnel(
            [r["stage"] for r in rows],
            [int(r["entries"]) for r in rows],
            [fmt(r["from_previous"], "rate", lang) if r["previous_stage"] else "" for r in rows],
            t["chart.funnel"].format(month=month_text),
        )
        data = Table(
            sheet="Funnel",
            columns=[
                Column("stage_code", "stage"),
                Column("stage", t["col.stage"]),
                Column("entries", t["col.entries"], "int"),
                Column("previous_stage", t["col.previous_stage"]),
                Column("from_previous", t["col.from_previous"], "rate"),
            ],
            rows=rows,
            title=t["chart.funnel"].format(month=month_text),
        )
        top.append(Chart(data.title, png, data, width=0.49, aspect=3.3 / charts.HALF_WIDTH))
    channel_rows = [
        {
            "channel_code": row["channel"],
            "channel": vocabulary.channel(row["channel"]),
            "cohort_size": row["cohort_size"],
            "sql_count": row["sql_count"],
            "sql_rate": row["sql_rate"],
            "won_count": row["won_count"],
            "won_rate": row["won_rate"],
            "median_days_to_sql": row["median_days_to_sql"],
            "is_mature": bool(row["is_mature"]),
            "maturity": "" if row["is_mature"] else t["provisional"],
        }
        for row in records(queries.channel_cohort(con, period.first))
    ]
    channel_table = None
    if channel_rows:
        chart_title = t["chart.channel"].format(month=month_text)
        png = charts.rate_bars(
            [r["channel"] for r in channel_rows],
            [r["sql_rate"] for r in channel_rows],
            [
                f"{fmt(r['sql_rate'], 'rate', lang)} (n={int(r['cohort_size']):,})"
                for r in channel_rows
            ],
            chart_title,
            faded=[not r["is_mature"] for r in channel_rows],
            height=3.3,
            faded_label=t["chart.hatched"],
        )
        channel_table = Table(
            sheet="Channel_cohort",
            columns=[
                Column("channel_code", "channel", display=False),
                Column("channel", t["col.channel"], width=1.6),
                Column("cohort_size", t["col.cohort_size"], "int"),
                Column("sql_count", t["col.sql_count"], "int"),
                Column("sql_rate", t["col.sql_rate"], "rate"),
                Column("won_count", t["col.won_count"], "int"),
                Column("won_rate", t["col.won_rate"], "rate"),
                Column("median_days_to_sql", t["col.median_days_to_sql"], "days", width=1.6),
                Column("maturity", t["col.mature"], excel=False, width=1.25),
                Column("is_mature", t["col.is_mature"], "bool", display=False),
            ],
            rows=channel_rows,
            title=chart_title,
        )
        top.append(
            Chart(chart_title, png, channel_table, width=0.49, aspect=3.3 / charts.HALF_WIDTH)
        )
    if top:
        blocks.append(Columns(top, [0.5] * len(top)))
    bottom: list = []
    if channel_table is not None:
        bottom.append(channel_table)
    velocity_table = _velocity_table(con, period, lang, stages, vocabulary)
    if velocity_table is not None:
        bottom.append(velocity_table)
    if bottom:
        blocks.append(Columns(bottom, [0.55, 0.45][: len(bottom)]))
    if not blocks:
        return empty_section("s3", 3, lang)
    return Section("s3", 3, t["s3"], t["s3.lead"], blocks)


def _velocity_table(
    con: duckdb.DuckDBPyConnection,
    period: Month,
    lang: str,
    stages: list[str],
    vocabulary: Vocabulary,
) -> Table | None:
    """Median / p90 days between stages: the previous quarter (mostly complete) beside the
    month's quarter (still filling: only the fast conversions have happened yet)."""
    t = labels(lang)
    current = period.quarter_first
    previous = add_months(current, -3)
    quarters = {
        "prev": {
            (r["from_stage"], r["to_stage"]): r for r in records(queries.velocity(con, previous))
        },
        "cur": {
            (r["from_stage"], r["to_stage"]): r for r in records(queries.velocity(con, current))
        },
    }
    if not quarters["prev"] and not quarters["cur"]:
        return None
    success_path = [s.code for s in vocabulary.stages if s.is_success_path and s.is_in_profile]
    order = [s for s in success_path if s in stages] or success_path
    pairs = [*itertools.pairwise(order), ("mql", "sql"), ("mql", "customer")]
    rows, seen = [], set()
    for pair in pairs:
        if pair in seen or not any(pair in q for q in quarters.values()):
            continue
        seen.add(pair)
        row = {"from_stage": vocabulary.stage(pair[0]), "to_stage": vocabulary.stage(pair[1])}
        for key, found in quarters.items():
            hit = found.get(pair, {})
            row[f"{key}_conversions"] = hit.get("conversions")
            row[f"{key}_median_days"] = hit.get("median_days")
            row[f"{key}_p90_days"] = hit.get("p90_days")
        rows.append(row)
    prev_q, cur_q = _quarter_name(previous), _quarter_name(current)
    return Table(
        sheet="Velocity",
        title=t["velocity.title"],
        columns=[
            Column("from_stage", t["col.from_stage"], width=1.8),
            Column("to_stage", t["col.to_stage"], width=1.8),
            Column("prev_conversions", f"{prev_q} {t['col.conversions']}", "int"),
            Column("prev_median_days", f"{prev_q} {t['col.median_days']}", "days"),
            Column("prev_p90_days", f"{prev_q} {t['col.p90_days']}", "days"),
            Column("cur_conversions", f"{cur_q} {t['col.conversions']}", "int"),
            Column("cur_median_days", f"{cur_q} {t['col.median_days']}", "days"),
            Column("cur_p90_days", f"{cur_q} {t['col.p90_days']}", "days"),
        ],
        rows=rows,
    )


def _quarter_name(first: date) -> str:
    return f"{first.year}Q{(first.month - 1) // 3 + 1}"
