"""Section 4: SLA compliance by team and rep, time to first contact, open breaches."""

from __future__ import annotations

import duckdb
import pandas as pd

from leadfunnel.report import charts, queries
from leadfunnel.report.common import empty_section, owner_label, records, team_label
from leadfunnel.report.document import (
    Chart,
    Column,
    Columns,
    Metric,
    Metrics,
    Section,
    Table,
    Text,
)
from leadfunnel.report.formatting import fmt, is_missing, kpi_text
from leadfunnel.report.i18n import labels
from leadfunnel.report.periods import Month
from leadfunnel.report.vocabulary import Vocabulary

BUCKET_COLORS = {
    "<=5m": charts.GREEN,
    "<=1h": "#66a86a",
    "<=24h": charts.BLUE,
    ">24h": charts.RED,
    "none": charts.GREY,
}


PDF_REP_ROWS = 7
PDF_BREACH_ROWS = 7


def section(
    con: duckdb.DuckDBPyConnection,
    period: Month,
    lang: str,
    kpis: list[dict],
    target: float | None,
    breaches: pd.DataFrame,
    vocabulary: Vocabulary,
) -> Section:
    """``target``: the SLA compliance KPI's lower target (dim_kpis), None without one."""
    t = labels(lang)
    teams = records(queries.sla_by_team(con, period.first))
    if not teams:
        return empty_section("s4", 4, lang)
    team_rows = []
    for row in teams:
        name = (
            t["all_company"]
            if row["level"] == "all"
            else team_label(lang, row["team"], row["team_ja"])
        )
        rate = row["compliance_rate"]
        team_rows.append(
            {
                "level": row["level"],
                "team": name,
                "handoffs": row["handoffs"],
                "evaluated": row["evaluated"],
                "compliant": row["compliant"],
                "compliance_rate": rate,
                "first_contact_rate": row["first_contact_rate"],
                "follow_up_rate": row["follow_up_rate"],
                "decision_rate": row["decision_rate"],
                "feedback_rate": row["feedback_rate"],
                "median_hours_to_first_contact": row["median_hours_to_first_contact"],
                "never_contacted_share": row["never_contacted_share"],
                "_tone": _rate_tone(rate, target),
            }
        )
    company = next((r for r in team_rows if r["level"] == "all"), team_rows[0])
    n_breached, n_due = breach_counts(breaches)
    by_code = {row["kpi_code"]: row for row in kpis}
    median = by_code.get("median_hours_to_first_contact", {})
    tiles = Metrics(
        [
            Metric(
                t["col.compliance_rate"],
                fmt(company["compliance_rate"], "rate", lang),
                company["_tone"],
                f"{t['col.compliant']} {fmt(company['compliant'], 'int', lang)} / "
                f"{t['col.evaluated']} {fmt(company['evaluated'], 'int', lang)} "
                f"({t['col.handoffs']} {fmt(company['handoffs'], 'int', lang)})",
            ),
            Metric(
                vocabulary.kpi_label("median_hours_to_first_contact"),
                kpi_text(
                    median.get("value"), vocabulary.kpi_format("median_hours_to_first_contact")
                ),
                median.get("_tone", "neutral"),
                median.get("status", ""),
            ),
            Metric(
                t["breaches.title"].split("(")[0].split(" (")[0],
                f"{n_breached:,}",
                "bad" if n_breached else "good",
                t["breaches.summary"].format(breached=n_breached, due_soon=n_due),
            ),
        ]
    )
    team_only = [r for r in team_rows if r["level"] == "team"] or team_rows
    team_chart_rows = [company, *team_only] if company not in team_only else team_only
    png = charts.rate_bars(
        [r["team"] for r in team_chart_rows],
        [r["compliance_rate"] for r in team_chart_rows],
        [
            f"{fmt(r['compliance_rate'], 'rate', lang)} ({fmt(r['evaluated'], 'int', lang)})"
            for r in team_chart_rows
        ],
        t["chart.team"],
        target=(target, None),
        color_by_target=target is not None,
        target_label=(
            f"{t['col.target']} "
            f"{kpi_text(target, vocabulary.kpi_format('sla_compliance_rate'), compact=True)}"
            if target is not None
            else ""
        ),
        height=2.5,
    )
    team_table = Table(
        sheet="SLA_team",
        title=t["chart.team"],
        columns=[
            Column("level", "level", display=False),
            Column("team", t["col.team"]),
            Column("handoffs", t["col.handoffs"], "int"),
            Column("evaluated", t["col.evaluated"], "int"),
            Column("compliant", t["col.compliant"], "int"),
            Column("compliance_rate", t["col.compliance_rate"], "rate"),
            *[
                Column(f"{rule}_rate", vocabulary.rule(rule), "rate")
                for rule in ("first_contact", "follow_up", "decision", "feedback")
            ],
            Column("median_hours_to_first_contact", t["col.median_hours"], "hours"),
            Column("never_contacted_share", t["col.never_contacted"], "rate"),
        ],
        rows=team_rows,
    )
    buckets = records(queries.first_contact_distribution(con, period.first))
    bucket_rows = [
        {
            "bucket_code": b["bucket"],
            "bucket": vocabulary.value("first_contact_bucket", b["bucket"]),
            "handoffs": b["handoffs"],
        }
        for b in buckets
    ]
    bucket_png = charts.distribution(
        [r["bucket"] for r in bucket_rows],
        [int(r["handoffs"]) for r in bucket_rows],
        [BUCKET_COLORS[r["bucket_code"]] for r in bucket_rows],
        t["chart.first_contact"],
    )
    bucket_table = Table(
        sheet="First_contact",
        title=t["chart.first_contact"],
        columns=[
            Column("bucket_code", "bucket"),
            Column("bucket", t["col.bucket"]),
            Column("handoffs", t["col.handoffs"], "int"),
        ],
        rows=bucket_rows,
    )
    charts_row = Columns(
        [
            Chart(t["chart.team"], png, team_table, width=0.49, aspect=2.5 / charts.HALF_WIDTH),
            Chart(
                t["chart.first_contact"],
                bucket_png,
                bucket_table,
                width=0.49,
                aspect=2.5 / charts.HALF_WIDTH,
            ),
        ],
        [0.5, 0.5],
    )
    reps = records(queries.sla_by_owner(con, period.first))
    rep_rows = [
        {
            "owner_user_id": r["owner_user_id"],
            "owner": owner_label(lang, r["owner_name"], r["owner_user_id"]),
            "team": team_label(lang, r["team"], r["team_ja"]),
            "handoffs": r["handoffs"],
            "evaluated": r["evaluated"],
            "compliant": r["compliant"],
            "compliance_rate": r["compliance_rate"],
            "first_contact_breached": r["first_contact_breached"],
            "decision_breached": r["decision_breached"],
            "median_hours_to_first_contact": r["median_hours_to_first_contact"],
            "_tone": _rate_tone(r["compliance_rate"], target),
        }
        for r in reps
    ]
    rep_table = Table(
        sheet="SLA_rep",
        title=t["sla.reps_title"],
        columns=[
            Column("owner_user_id", "owner_user_id", display=False),
            Column("owner", t["col.owner"], width=1.3),
            Column("team", t["col.team"], width=1.6),
            Column("handoffs", t["col.handoffs"], "int", width=0.8),
            Column("compliance_rate", t["col.compliance_rate"], "rate", width=0.9),
            Column("evaluated", t["col.evaluated"], "int", display=False),
            Column("compliant", t["col.compliant"], "int", display=False),
            Column("first_contact_breached", t["col.first_contact_breached"], "int", display=False),
            Column("decision_breached", t["col.decision_breached"], "int", display=False),
            Column("median_hours_to_first_contact", t["col.median_hours"], "hours", width=1.2),
        ],
        rows=rep_rows,
        pdf_max_rows=PDF_REP_ROWS,
    )
    breach_table = breaches_table(breaches, lang, PDF_BREACH_ROWS, vocabulary)
    bottom = Columns([rep_table, breach_table], [0.44, 0.56])
    return Section(
        "s4",
        4,
        t["s4"],
        t["s4.lead"],
        [tiles, charts_row, bottom, rules_note(vocabulary, lang), rules_table(vocabulary, lang)],
    )


def rules_note(vocabulary: Vocabulary, lang: str) -> Text:
    """The SLA rules in one line, as dim_sla_policies words them (thresholds filled in)."""
    t = labels(lang)
    rules = " / ".join(f"{r.label}: {r.description}" for r in vocabulary.rules.values())
    return Text(f"{t['sla.rules_title']}: {rules}", "note")


def rules_table(vocabulary: Vocabulary, lang: str) -> Table:
    """The SLA rules for the workbook (dim_sla_policies)."""
    t = labels(lang)
    table = Table(
        sheet="SLA_rules",
        title=t["sla.rules_title"],
        columns=[
            Column("rule_code", "rule"),
            Column("rule", t["col.rule"]),
            Column("threshold", t["col.threshold"], "number"),
            Column("unit", "unit"),
            Column("description", t["col.description"]),
        ],
        rows=[
            {
                "rule_code": r.rule,
                "rule": r.label,
                "threshold": r.threshold,
                "unit": r.unit,
                "description": r.description,
            }
            for r in vocabulary.rules.values()
        ],
    )
    table.show = False
    return table


def breach_counts(breaches: pd.DataFrame) -> tuple[int, int]:
    """How many open breaches are breached and how many due soon."""
    if breaches.empty:
        return 0, 0
    status = breaches["status"]
    return int((status == "breached").sum()), int((status == "due_soon").sum())


def breaches_table(
    breaches: pd.DataFrame, lang: str, pdf_rows: int | None, vocabulary: Vocabulary
) -> Table:
    """Open breaches (status, rule, hours overdue, owner, lead) for the monthly and weekly."""
    t = labels(lang)
    rows = [
        {
            "status": vocabulary.value("sla_status", r["status"]),
            "rule": vocabulary.rule(r["rule"]),
            "hours_overdue": r["hours_overdue"],
            "owner": owner_label(lang, r["owner_name"], r["owner_user_id"]),
            "team": team_label(lang, r["team"], r["team_ja"]),
            "escalate_to": r["escalate_to_name"],
            "lead": r["lead_name"],
            "company": r["company_name"],
            "grade": r["score_grade"],
            "handoff_at": r["handoff_at"],
            "deadline_at": r["deadline_at"],
            "latest_activity": r["latest_activity_detail"] or r["latest_activity_type"],
            "handoff_id": r["handoff_id"],
            "_tone": "bad" if r["status"] == "breached" else "warn",
        }
        for r in records(breaches)
    ]
    return Table(
        sheet="Open_breaches",
        title=t["breaches.title"],
        columns=[
            Column("status", t["col.status"], "status", width=0.8),
            Column("rule", t["col.rule"], width=0.8),
            Column("hours_overdue", t["col.hours_overdue"], "int", width=0.8),
            Column("owner", t["col.owner"], width=1.1),
            Column("team", t["col.team"], display=False),
            Column("escalate_to", t["col.escalate_to"], width=1.1),
            Column("lead", t["col.lead"], width=1.0),
            Column("company", t["col.company"], width=1.5),
            Column("grade", t["col.grade"], width=0.6),
            Column("handoff_at", t["col.handoff_at"], "datetime", display=False),
            Column("deadline_at", t["col.deadline_at"], "datetime", display=False),
            Column("latest_activity", t["col.latest_activity"], display=False),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
        pdf_max_rows=pdf_rows,
    )


def _rate_tone(rate: object, target: float | None) -> str:
    if is_missing(rate) or target is None:
        return "neutral"
    return "good" if float(rate) >= target else "bad"
