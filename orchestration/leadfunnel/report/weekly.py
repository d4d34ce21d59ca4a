"""The weekly summary (30-minute meeting): this week's handoffs and their follow-up, overdue
handoffs, notable leads not yet contacted, and sales' not-SQL feedback. HTML and Excel."""

from __future__ import annotations

from pathlib import Path

import duckdb

from leadfunnel.report import queries
from leadfunnel.report.common import (
    ReportResult,
    as_of_text,
    generated_text,
    owner_label,
    records,
    team_label,
    write_outputs,
)
from leadfunnel.report.document import Column, Document, Metric, Metrics, Section, Table, Text
from leadfunnel.report.i18n import check_lang, labels
from leadfunnel.report.periods import Week, parse_week
from leadfunnel.report.sections.sla import breach_counts, breaches_table
from leadfunnel.report.settings import scoring_rules

WEEKLY_FILES = ("weekly_summary.html", "weekly_summary.xlsx")
NOTABLE_LIMIT = 20
HTML_BREACH_ROWS = 50


def build_weekly_report(db_path: Path, out_root: Path, week: str, lang: str = "ja") -> ReportResult:
    """Write ``out_root/YYYY-Www/weekly_summary.{html,xlsx}`` from the published warehouse."""
    period = parse_week(week)
    lang = check_lang(lang)
    with queries.connect(Path(db_path)) as con:
        document = weekly_document(con, period, lang)
    return write_outputs(document, Path(out_root) / period.key, "weekly_summary", pdf=False)


def weekly_document(con: duckdb.DuckDBPyConnection, week: Week, lang: str) -> Document:
    t = labels(lang)
    tz = scoring_rules().timezone
    monday, sunday = week.monday, week.sunday
    summary = records(queries.week_summary(con, monday, sunday))[0]
    has_data = bool(summary["handoffs"])
    handoffs = records(queries.week_handoffs(con, monday, sunday, tz))
    document = Document(
        kind="weekly",
        lang=lang,
        title=t["weekly.title"],
        period_label=t["week_label"].format(
            key=week.key, monday=f"{monday:%Y-%m-%d}", sunday=f"{sunday:%Y-%m-%d}"
        ),
        period_key=week.key,
        as_of_label=as_of_text(queries.as_of(con), tz),
        generated_label=generated_text(tz),
        sections=[],
        has_data=has_data,
        notice=None if has_data else t["no_data.week"],
    )
    document.sections = [
        _handoffs_section(summary, handoffs, lang, week),
        _overdue_section(con, lang, tz),
        _notable_section(con, lang, week, tz),
        _feedback_section(con, lang, week, tz),
    ]
    return document


def _decision(t: dict, value: str | None) -> str:
    return t[f"decision.{value}"] if value else t["decision.none"]


def _status(t: dict, value: str | None) -> str:
    return t.get(f"status.{value}", value or "—")


def _channel(t: dict, value: str | None) -> str:
    return t.get(f"channel.{value}", value or "")


def _handoffs_section(summary: dict, handoffs: list[dict], lang: str, week: Week) -> Section:
    t = labels(lang)
    lead = t["w1.lead"].format(week=week.key)
    if not handoffs:
        return Section("w1", 1, t["w1"], lead, [Text(t["no_data.week"], "empty")], False)
    tiles = Metrics(
        [
            Metric(t["w.summary.handoffs"], f"{summary['handoffs']:,}"),
            Metric(t["w.summary.contacted_24h"], f"{summary['contacted_24h']:,}", "good"),
            Metric(
                t["w.summary.uncontacted"],
                f"{summary['uncontacted']:,}",
                "bad" if summary["uncontacted"] else "good",
            ),
            Metric(t["w.summary.sql"], f"{summary['sql']:,}"),
            Metric(t["w.summary.disqualified"], f"{summary['disqualified']:,}"),
            Metric(t["w.summary.undecided"], f"{summary['undecided']:,}"),
            Metric(
                t["w.summary.breached"],
                f"{summary['breached']:,}",
                "bad" if summary["breached"] else "good",
            ),
        ]
    )
    rows = []
    for h in handoffs:
        fc = h["first_contact_status"]
        tone = (
            "bad"
            if "breached" in (fc, h["decision_status"])
            else ("good" if h["is_sla_compliant"] else "neutral")
        )
        rows.append(
            {
                "handoff_at": h["handoff_at"],
                "lead": h["lead_name"],
                "company": h["company_name"],
                "channel": _channel(t, h["channel"]),
                "owner": h["owner_name"] or t["unassigned"],
                "team": team_label(lang, h["team"], h["team_ja"]),
                "fit": h["fit_score_at_handoff"],
                "engagement": h["engagement_score_at_handoff"],
                "hours_to_first_contact": h["hours_to_first_contact"],
                "attempts": h["contact_attempts"],
                "decision": _decision(t, h["decision"]),
                "reason": h["disqualification_reason"],
                "first_contact_status": _status(t, fc),
                "decision_status": _status(t, h["decision_status"]),
                "handoff_id": h["handoff_id"],
                "_tone": tone,
            }
        )
    table = Table(
        sheet="Handoffs",
        columns=[
            Column("handoff_at", t["col.handoff_at"], "datetime"),
            Column("lead", t["col.lead"]),
            Column("company", t["col.company"]),
            Column("channel", t["col.channel"]),
            Column("owner", t["col.owner"]),
            Column("team", t["col.team"]),
            Column("fit", t["col.fit"], "int", display=False),
            Column("engagement", t["col.engagement"], "number", display=False),
            Column("hours_to_first_contact", t["col.hours_to_first_contact"], "number"),
            Column("attempts", t["col.attempts"], "int"),
            Column("decision", t["col.decision"]),
            Column("reason", t["col.reason"], display=False),
            Column("first_contact_status", t["col.first_contact_status"], "status"),
            Column("decision_status", t["col.decision_status"]),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
    )
    return Section("w1", 1, t["w1"], lead, [tiles, table])


def _overdue_section(con: duckdb.DuckDBPyConnection, lang: str, tz: str) -> Section:
    t = labels(lang)
    breaches = queries.open_breaches(con, tz)
    if breaches.empty:
        return Section("w2", 2, t["w2"], t["w2.lead"], [Text(t["breaches.none"], "note")])
    n_breached, n_due = breach_counts(breaches)
    table = breaches_table(breaches, lang, None)
    table.title = t["w.overdue.list"]
    table.html_max_rows = HTML_BREACH_ROWS
    for column in table.columns:
        if column.key in ("team", "handoff_at", "deadline_at"):
            column.display = True
    owners = Table(
        sheet="Overdue_by_owner",
        title=t["w.overdue.by_owner"],
        columns=[
            Column("owner", t["col.owner"]),
            Column("team", t["col.team"]),
            Column("escalate_to", t["col.escalate_to"]),
            Column("breached", t["status.breached"], "status"),
            Column("first_contact_breached", t["col.first_contact_breached"], "int"),
            Column("due_soon", t["status.due_soon"], "int"),
            Column("max_hours_overdue", t["col.max_hours_overdue"], "int"),
        ],
        rows=[
            {
                "owner": owner_label(lang, r["owner_name"], r["owner_user_id"]),
                "team": team_label(lang, r["team"], r["team_ja"]),
                "escalate_to": r["escalate_to_name"],
                "breached": r["breached"],
                "first_contact_breached": r["first_contact_breached"],
                "due_soon": r["due_soon"],
                "max_hours_overdue": r["max_hours_overdue"],
                "_tone": "bad" if r["breached"] else "warn",
            }
            for r in records(queries.breaches_by_owner(con))
        ],
    )
    return Section(
        "w2",
        2,
        t["w2"],
        t["w2.lead"],
        [Text(t["breaches.summary"].format(breached=n_breached, due_soon=n_due)), owners, table],
    )


def _notable_section(con: duckdb.DuckDBPyConnection, lang: str, week: Week, tz: str) -> Section:
    t = labels(lang)
    leads = records(queries.notable_leads(con, week.sunday, tz, NOTABLE_LIMIT))
    if not leads:
        return Section("w3", 3, t["w3"], t["w3.lead"], [Text(t["w.notable.none"], "note")])
    rows = [
        {
            "grade": r["score_grade"],
            "fit": r["fit_score"],
            "engagement": r["engagement_score"],
            "lead": r["lead_name"],
            "company": r["company_name"],
            "title": r["title"],
            "channel": _channel(t, r["channel"]),
            "handoff_at": r["handoff_at"],
            "owner": r["owner_name"] or t["unassigned"],
            "team": team_label(lang, r["team"], r["team_ja"]),
            "handoff_id": r["handoff_id"],
        }
        for r in leads
    ]
    table = Table(
        sheet="Notable_leads",
        columns=[
            Column("grade", t["col.grade"]),
            Column("fit", t["col.fit"], "int"),
            Column("engagement", t["col.engagement"], "number"),
            Column("lead", t["col.lead"]),
            Column("company", t["col.company"]),
            Column("title", t["col.title"]),
            Column("channel", t["col.channel"]),
            Column("handoff_at", t["col.handoff_at"], "datetime"),
            Column("owner", t["col.owner"]),
            Column("team", t["col.team"]),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
    )
    return Section("w3", 3, t["w3"], t["w3.lead"], [table])


def _feedback_section(con: duckdb.DuckDBPyConnection, lang: str, week: Week, tz: str) -> Section:
    t = labels(lang)
    decisions = records(queries.week_decisions(con, week.monday, week.sunday, tz))
    if not decisions:
        return Section("w4", 4, t["w4"], t["w4.lead"], [Text(t["w.decisions.none"], "note")])
    rows = [
        {
            "decided_at": r["decided_at"],
            "lead": r["lead_name"],
            "company": r["company_name"],
            "owner": r["owner_name"] or t["unassigned"],
            "reason": r["disqualification_reason"] or t["not_entered"],
            "detail": r["disqualification_detail"] or t["not_entered"],
            "feedback": _status(t, r["feedback_status"]),
            "handoff_id": r["handoff_id"],
            "_tone": "good" if r["feedback_status"] == "met" else "bad",
        }
        for r in decisions
    ]
    table = Table(
        sheet="NotSQL_feedback",
        columns=[
            Column("decided_at", t["col.decided_at"], "datetime"),
            Column("lead", t["col.lead"]),
            Column("company", t["col.company"]),
            Column("owner", t["col.owner"]),
            Column("reason", t["col.reason"]),
            Column("detail", t["col.detail"]),
            Column("feedback", t["col.feedback_rate"], "status"),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
    )
    return Section("w4", 4, t["w4"], t["w4.lead"], [table])
