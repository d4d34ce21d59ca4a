"""Section 5: not-SQL reasons as a Pareto chart, and how complete the feedback was."""

from __future__ import annotations

import duckdb
import pandas as pd

from leadfunnel.report import charts, queries
from leadfunnel.report.common import records
from leadfunnel.report.document import (
    Chart,
    Column,
    Columns,
    Metric,
    Metrics,
    Section,
    Stack,
    Table,
    Text,
)
from leadfunnel.report.formatting import fmt, is_missing
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month

PDF_REASON_ROWS = 10


def section(
    con: duckdb.DuckDBPyConnection, period: Month, lang: str, feedback: pd.DataFrame
) -> Section:
    t = labels(lang)
    reasons = records(queries.not_sql_reasons(con, period.first))
    fb = records(feedback)
    blocks: list = []
    side: list = []
    if fb and not (fb[0]["feedback_met"] == 0 and fb[0]["feedback_breached"] == 0):
        row = fb[0]
        decided = int(row["feedback_met"] + row["feedback_breached"])
        rate = row["feedback_rate"]
        side.append(
            Metrics(
                [
                    Metric(
                        t["feedback.title"],
                        fmt(rate, "rate", lang),
                        "good" if not is_missing(rate) and rate >= 1 else "bad",
                        t["feedback.text"].format(
                            decided=f"{decided:,}",
                            met=f"{int(row['feedback_met']):,}",
                            rate=fmt(rate, "rate", lang),
                            pending=f"{int(row['feedback_pending']):,}",
                        ),
                    )
                ]
            )
        )
    else:
        side.append(Text(t["feedback.none"], "note"))
    if reasons:
        total = sum(int(r["decisions"]) for r in reasons) or 1
        running = 0
        rows = []
        for r in reasons:
            running += int(r["decisions"])
            rows.append(
                {
                    "reason": r["reason"] if r["reason"] else t["not_entered"],
                    "decisions": r["decisions"],
                    "share": r["decisions"] / total,
                    "cumulative": running / total,
                    "with_detail": r["with_detail"],
                }
            )
        png = charts.pareto(
            [r["reason"] for r in rows],
            [int(r["decisions"]) for r in rows],
            t["chart.pareto"],
            t["col.cumulative"],
        )
        table = Table(
            sheet="NotSQL_reasons",
            title=t["chart.pareto"],
            columns=[
                Column("reason", t["col.reason"], width=2.0),
                Column("decisions", t["col.decisions"], "int"),
                Column("share", t["col.share"], "rate"),
                Column("cumulative", t["col.cumulative"], "rate"),
                Column("with_detail", t["col.with_detail"], "int"),
            ],
            rows=rows,
            pdf_max_rows=PDF_REASON_ROWS,
        )
        blocks.append(
            Columns(
                [
                    Chart(
                        t["chart.pareto"],
                        png,
                        table,
                        width=0.6,
                        aspect=3.5 / (charts.FULL_WIDTH * 0.62),
                    ),
                    Stack([*side, table]),
                ],
                [0.6, 0.4],
            )
        )
    else:
        blocks += [*side, Text(t["no_data.section"], "empty")]
    return Section("s5", 5, t["s5"], t["s5.lead"], blocks, has_data=bool(reasons or fb))
