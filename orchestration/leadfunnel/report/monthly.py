"""The monthly review: nine sections in the order of the meeting's agenda.

1 KPI scorecard, 2 MQL -> SQL trend, 3 funnel / channel cohort / velocity, 4 SLA,
5 not-SQL reasons and feedback, 6 scoring review, 7 recycling, 8 data quality, 9 actions
(one module each under ``sections``). Every number comes from ``queries`` and every label,
unit, threshold and grade from the label marts (``vocabulary``); the sections only arrange
them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from leadfunnel.clock import business_timezone
from leadfunnel.report import queries, vocabulary
from leadfunnel.report.common import (
    ReportResult,
    as_of_text,
    generated_text,
    today_at,
    write_outputs,
)
from leadfunnel.report.document import Document, Section, Text
from leadfunnel.report.i18n import check_lang, labels, month_label
from leadfunnel.report.periods import Month, parse_month
from leadfunnel.report.sections import (
    actions,
    funnel,
    not_sql,
    quality,
    recycling,
    scorecard,
    scoring,
    sla,
    trend,
)

MONTHLY_FILES = ("monthly_review.html", "monthly_review.pdf", "monthly_review.xlsx")


def build_monthly_report(
    db_path: Path, out_root: Path, month: str, lang: str = "ja"
) -> ReportResult:
    """Write ``out_root/YYYY-MM/monthly_review.{html,pdf,xlsx}`` from the published warehouse.

    ``db_path`` is the published ``serve.duckdb`` (opened read-only). A month without data
    still gives the three files, saying so.
    """
    period = parse_month(month)
    lang = check_lang(lang)
    with queries.connect(Path(db_path)) as con:
        document = monthly_document(con, period, lang)
    return write_outputs(document, Path(out_root) / period.key, "monthly_review", pdf=True)


def monthly_document(con: duckdb.DuckDBPyConnection, period: Month, lang: str) -> Document:
    """The monthly review of ``period`` as a :class:`Document` (no files written)."""
    t = labels(lang)
    tz = business_timezone().key
    words = vocabulary.load(con, lang)
    as_of = queries.as_of(con)
    month_text = month_label(lang, period.first.year, period.first.month)
    scorecard_frame = queries.kpi_scorecard(con, period.first)
    has_data = not scorecard_frame.empty
    document = Document(
        kind="monthly",
        lang=lang,
        title=t["monthly.title"],
        period_label=month_text,
        period_key=period.key,
        as_of_label=as_of_text(as_of, tz),
        generated_label=generated_text(tz),
        sections=[],
        has_data=has_data,
        footnote=t["provisional.note"],
    )
    if not has_data:
        first, last = queries.kpi_months(con)
        hint = (
            t["data_range"].format(first=f"{first:%Y-%m}", last=f"{last:%Y-%m}")
            if first
            else t["data_range.none"]
        )
        document.notice = t["no_data"]
        document.sections = [
            Section("no_data", 0, t["no_data"], hint, [Text(t["no_data"], "empty")], False),
            quality.section(con, lang, 8, tz),
        ]
        return document

    today = today_at(as_of, tz)
    kpis = scorecard.kpi_rows(scorecard_frame, lang, words)
    sla_target = scorecard.target_min(kpis, "sla_compliance_rate")
    breaches = queries.open_breaches(con, tz)
    feedback = queries.feedback_completeness(con, period.first)
    document.sections = [
        scorecard.section(kpis, lang, month_text),
        trend.section(con, period, lang),
        funnel.section(con, period, lang, month_text, words),
        sla.section(con, period, lang, kpis, sla_target, breaches, words),
        not_sql.section(con, period, lang, feedback),
        scoring.section(con, period, lang, words),
        recycling.section(con, lang, today, words),
        quality.section(con, lang, 8, tz),
        actions.section(kpis, lang, breaches, feedback),
    ]
    return document
