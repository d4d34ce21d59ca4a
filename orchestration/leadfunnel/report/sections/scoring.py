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
from leadfunnel.report.formatting import fmt, is_missing, number
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month
from leadfunnel.report.vocabulary import Scale, Vocabulary


def section(
    con: duckdb.DuckDBPyConnection, period: Month, lang: str, vocabulary: Vocabulary
) -> Section:
    """Grades, their boundaries and the MQL thresholds are dim_score_grades'; the handoffs'
    grades are fct_mql_handoffs'."""
    t = labels(lang)
    fit, band = vocabulary.fit, vocabulary.engagement
    first = period.back(2)
    matrix = records(queries.scoring_matrix(con, first, period.first))
    cells = [r for r in matrix if r["level"] == "cell"]
    if not cells:
        return empty_section("s6", 6, lang)
    grid = {(r["fit_grade"], r["engagement_band"]): r for r in cells}
    counts = [[int(grid.get((f, b), {}).get("mqls", 0)) for b in band.codes] for f in fit.codes]
    rates = [
        [grid[(f, b)]["sql_rate"] if (f, b) in grid else None for b in band.codes]
        for f in fit.codes
    ]
    png = charts.heatmap(
        [g.label for g in fit.grades],
        [g.label for g in band.grades],
        counts,
        rates,
        t["chart.scoring"],
        fit.label,
        band.label,
        highlight=_mql_corner(fit, band),
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
            Column("fit_grade", fit.label),
            Column("engagement_band", band.label),
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
        summary("fit", "fit_grade", fit.label),
        summary("band", "engagement_band", band.label),
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
                fit=fit.label,
                fit_grades=" / ".join(g.label for g in fit.grades),
                band=band.label,
                bands=" / ".join(g.label for g in band.grades),
            )
            + " "
            + t["scoring.mql_rule"].format(
                mf=_score(fit.mql_threshold), me=_score(band.mql_threshold)
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


def _score(value: float | None) -> str:
    return "—" if value is None else number(value, "#,##0.##", compact=True)


def _mql_corner(fit: Scale, band: Scale) -> tuple[int, int] | None:
    """The last fit grade and band (indexes, best first) of the cells whose every score meets
    both MQL thresholds (dim_score_grades.is_mql_qualified), or None when there is none."""
    fits = [g.is_mql_qualified for g in fit.grades]
    bands = [g.is_mql_qualified for g in band.grades]
    if not any(fits) or not any(bands):
        return None
    return sum(fits) - 1, sum(bands) - 1
