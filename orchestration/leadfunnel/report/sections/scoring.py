"""Section 6: MQLs and MQL -> SQL by fit grade and engagement band at the handoff (input for
the quarterly MQL definition review)."""

from __future__ import annotations

import duckdb

from leadfunnel.report import charts, queries
from leadfunnel.report.common import empty_section, records
from leadfunnel.report.document import (
    Chart,
    Column,
    Columns,
    Section,
    Stack,
    Table,
    Text,
)
from leadfunnel.report.formatting import fmt, is_missing
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month
from leadfunnel.report.settings import ENGAGEMENT_BANDS, FIT_GRADES, scoring_rules


def section(con: duckdb.DuckDBPyConnection, period: Month, lang: str) -> Section:
    t = labels(lang)
    rules = scoring_rules()
    first = period.back(2)
    matrix = records(queries.scoring_matrix(con, first, period.first, rules))
    cells = [r for r in matrix if r["level"] == "cell"]
    if not cells:
        return empty_section("s6", 6, lang)
    grid = {(r["fit_grade"], r["engagement_band"]): r for r in cells}
    counts = [
        [int(grid.get((f, b), {}).get("mqls", 0)) for b in ENGAGEMENT_BANDS] for f in FIT_GRADES
    ]
    rates = [
        [grid[(f, b)]["sql_rate"] if (f, b) in grid else None for b in ENGAGEMENT_BANDS]
        for f in FIT_GRADES
    ]
    fit_index = _boundary_index(rules.fit_grade_boundaries, rules.mql_fit_threshold)
    band_index = _boundary_index(rules.engagement_band_boundaries, rules.mql_engagement_threshold)
    highlight = (
        (fit_index, band_index) if fit_index is not None and band_index is not None else None
    )
    f1, f2, f3 = rules.fit_grade_boundaries
    e1, e2, e3 = rules.engagement_band_boundaries
    png = charts.heatmap(
        _grade_ticks(FIT_GRADES, rules.fit_grade_boundaries),
        _grade_ticks(ENGAGEMENT_BANDS, rules.engagement_band_boundaries),
        counts,
        rates,
        t["chart.scoring"],
        t["scoring.axis_fit"],
        t["scoring.axis_band"],
        highlight=highlight,
        highlight_label="MQL",
    )
    level_names = {"cell": "cell", "fit": "fit", "band": "band", "all": "all"}
    data_rows = [
        {
            "level": level_names[r["level"]],
            "fit_grade": r["fit_grade"],
            "engagement_band": r["engagement_band"],
            **_counts(r),
        }
        for r in matrix
    ]
    data = Table(
        sheet="Scoring",
        title=t["chart.scoring"],
        columns=[
            Column("level", "level"),
            Column("fit_grade", t["col.fit_grade"]),
            Column("engagement_band", t["col.engagement_band"]),
            *_count_columns(t),
        ],
        rows=data_rows,
    )

    def summary(level: str, key: str, name: str) -> Table:
        rows = [
            {"grade": r[key] if r[key] is not None else t["unknown"], **_counts(r)}
            for r in matrix
            if r["level"] == level
        ]
        rows += [
            {"grade": t["total"], **_counts(r), "_tone": "neutral"}
            for r in matrix
            if r["level"] == "all"
        ]
        return Table(columns=[Column("grade", name, width=1.3), *_count_columns(t)], rows=rows)

    quality = records(queries.mql_quality(con, period.first, period.first))
    notes: list = [
        Text(t["scoring.window"].format(first=f"{first:%Y-%m}", last=period.key), "note"),
        summary("fit", "fit_grade", t["scoring.axis_fit"]),
        summary("band", "engagement_band", t["scoring.axis_band"]),
    ]
    if quality and not is_missing(quality[0]["mql_quality_rate"]):
        q = quality[0]
        notes.append(
            Text(
                t["scoring.quality"].format(
                    rate=fmt(q["mql_quality_rate"], "rate", lang),
                    n=f"{int(q['score_qualified_mqls']):,}",
                    total=f"{int(q['mql_count']):,}",
                )
            )
        )
    notes.append(
        Text(
            t["scoring.rules"].format(
                f1=f1,
                f2=f2,
                f3=f3,
                e1=e1,
                e2=e2,
                e3=e3,
                mf=rules.mql_fit_threshold,
                me=rules.mql_engagement_threshold,
            ),
            "note",
        )
    )
    notes.append(Text(t["scoring.hint"], "note"))
    chart = Chart(t["chart.scoring"], png, data, width=0.48, aspect=3.6 / charts.HALF_WIDTH)
    return Section("s6", 6, t["s6"], t["s6.lead"], [Columns([chart, Stack(notes)], [0.5, 0.5])])


COUNT_KEYS = ("mqls", "sqls", "disqualified", "undecided", "sql_rate")


def _counts(row: dict) -> dict:
    """MQLs, SQLs, not-SQL, undecided and SQL rate of a scoring_matrix row."""
    return {key: row[key] for key in COUNT_KEYS}


def _count_columns(t: dict) -> list[Column]:
    return [
        Column(key, t[f"col.{key}"], "rate" if key == "sql_rate" else "int") for key in COUNT_KEYS
    ]


def _grade_ticks(names: tuple[str, ...], boundaries: tuple[float, float, float]) -> list[str]:
    """``A (≧45)``, ``B (≧30)``, ``C (≧15)``, ``D (<15)``."""
    ticks = [f"{name} (≧{bound:g})" for name, bound in zip(names, boundaries, strict=False)]
    return [*ticks, f"{names[-1]} (<{boundaries[-1]:g})"]


def _boundary_index(boundaries: tuple[float, float, float], threshold: float) -> int | None:
    """Grade index (0 = A / band 1) whose lower boundary is the MQL threshold, if any."""
    for index, boundary in enumerate(boundaries):
        if abs(boundary - threshold) < 1e-9:
            return index
    return None
