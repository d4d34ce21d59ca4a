"""The weekly summary (30-minute meeting): this week's handoffs and their follow-up, overdue
handoffs, notable leads not yet contacted, and sales' not-SQL feedback. HTML and Excel.

The week's figures (handoffs, contacts, decisions, compliance, breaches, by team and rep) are
``rpt_handoffs_weekly``'s; labels, rule sentences and grades come from the label marts.
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
    owner_label,
    records,
    team_label,
    write_outputs,
)
from leadfunnel.report.document import Column, Document, Metric, Metrics, Section, Table, Text
from leadfunnel.report.formatting import is_missing, kpi_text, target_text
from leadfunnel.report.i18n import check_lang, labels
from leadfunnel.report.periods import Week, parse_week
from leadfunnel.report.sections.sla import breach_counts, breaches_table, rules_note
from leadfunnel.report.vocabulary import Vocabulary

WEEKLY_FILES = ("weekly_summary.html", "weekly_summary.xlsx")
NOTABLE_LIMIT = 20
HTML_BREACH_ROWS = 50
RULES = ("first_contact", "follow_up", "decision", "feedback")


def build_weekly_report(db_path: Path, out_root: Path, week: str, lang: str = "ja") -> ReportResult:
    """Write ``out_root/YYYY-Www/weekly_summary.{html,xlsx}`` from the published warehouse."""
    period = parse_week(week)
    lang = check_lang(lang)
    with queries.connect(Path(db_path)) as con:
        document = weekly_document(con, period, lang)
    return write_outputs(document, Path(out_root) / period.key, "weekly_summary", pdf=False)


def weekly_document(con: duckdb.DuckDBPyConnection, week: Week, lang: str) -> Document:
    t = labels(lang)
    tz = business_timezone().key
    words = vocabulary.load(con, lang)
    monday, sunday = week.monday, week.sunday
    figures = records(queries.week_figures(con, monday))
    has_data = bool(figures)
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
        _handoffs_section(figures, handoffs, lang, week, words),
        _overdue_section(con, lang, tz, words),
        _notable_section(con, lang, week, tz, words),
        _feedback_section(con, lang, week, tz, words),
    ]
    return document


def _count(value: object) -> str:
    return f"{int(value or 0):,}"


def _tiles(row: dict, lang: str, words: Vocabulary) -> Metrics:
    """The company's figures of the week (rpt_handoffs_weekly, level all)."""
    t = labels(lang)
    compliance = words.kpis.get("sla_compliance_rate")
    median = words.kpis.get("median_hours_to_first_contact")
    by_rule = " / ".join(f"{words.rule(rule)} {_count(row[f'{rule}_breached'])}" for rule in RULES)
    first_contact = words.rules.get("first_contact")
    tiles = [
        Metric(t["w.summary.handoffs"], _count(row["handoffs"])),
        Metric(
            t["w.summary.first_contact_met"],
            _count(row["first_contact_met"]),
            "good",
            first_contact.description if first_contact else "",
        ),
        Metric(
            t["w.summary.uncontacted"],
            _count(row["never_contacted"]),
            "bad" if row["never_contacted"] else "good",
        ),
        Metric(t["w.summary.sql"], _count(row["sql_decisions"])),
        Metric(t["w.summary.disqualified"], _count(row["disqualified_decisions"])),
        Metric(t["w.summary.undecided"], _count(row["undecided"])),
        Metric(
            t["w.summary.not_compliant"],
            _count(row["not_compliant"]),
            "bad" if row["not_compliant"] else "good",
            f"{t['w.summary.breaches_by_rule']}: {by_rule}",
        ),
    ]
    for kpi, value in (
        (compliance, row["compliance_rate"]),
        (median, row["median_hours_to_first_contact"]),
    ):
        if kpi is None:
            continue
        tiles.append(
            Metric(
                kpi.label,
                kpi_text(value, kpi.format),
                _target_tone(value, kpi.target_min, kpi.target_max),
                f"{t['col.target']} {target_text(kpi.target_min, kpi.target_max, kpi.format)}",
            )
        )
    return Metrics(tiles)


def _target_tone(value: object, low: float | None, high: float | None) -> str:
    if is_missing(value) or (low is None and high is None):
        return "neutral"
    if (low is not None and value < low) or (high is not None and value > high):
        return "bad"
    return "good"


def _by_owner_table(figures: list[dict], lang: str, words: Vocabulary) -> Table:
    """rpt_handoffs_weekly's rows: the company, then each team and its reps."""
    t = labels(lang)
    rows = []
    for r in figures:
        if r["level"] == "all":
            team, owner = t["all_company"], ""
        elif r["level"] == "team":
            team, owner = team_label(lang, r["team"], r["team_ja"]), ""
        else:
            team = team_label(lang, r["team"], r["team_ja"])
            owner = owner_label(
                lang,
                r["owner_name"],
                None if r["level_value"] == "unassigned" else r["level_value"],
            )
        rows.append(
            {
                "level": r["level"],
                "level_value": r["level_value"],
                "team": team,
                "owner": owner,
                "escalate_to": r["manager_name"],
                **{key: r[key] for key in WEEK_FIGURES},
                "_tone": "bad" if r["not_compliant"] else "neutral",
            }
        )
    compliance = words.kpi_label("sla_compliance_rate")
    return Table(
        sheet="Handoffs_by_owner",
        title=t["w.by_owner"],
        columns=[
            Column("level", t["col.level"], display=False),
            Column("level_value", "level_value", display=False),
            Column("team", t["col.team"], width=1.4),
            Column("owner", t["col.owner"], width=1.2),
            Column("escalate_to", t["col.escalate_to"], display=False),
            Column("handoffs", t["w.summary.handoffs"], "int"),
            Column("contacted", t["col.contacted"], "int", display=False),
            Column("never_contacted", t["w.summary.uncontacted"], "int"),
            Column("first_contact_met", t["w.summary.first_contact_met"], "int", display=False),
            Column("sql_decisions", t["w.summary.sql"], "int"),
            Column("disqualified_decisions", t["w.summary.disqualified"], "int"),
            Column("undecided", t["w.summary.undecided"], "int"),
            Column("evaluated", t["col.evaluated"], "int", display=False),
            Column("compliant", t["col.compliant"], "int", display=False),
            Column("not_compliant", t["w.summary.not_compliant"], "status"),
            *[
                Column(
                    f"{rule}_breached",
                    f"{words.rule(rule)} {words.value('sla_status', 'breached')}",
                    "int",
                    display=False,
                )
                for rule in RULES
            ],
            Column("compliance_rate", compliance, "rate"),
            Column("score_qualified", t["col.score_qualified"], "int", display=False),
            Column(
                "median_minutes_to_first_contact", t["col.median_minutes"], "number", display=False
            ),
            Column("median_hours_to_first_contact", t["col.median_hours"], "hours"),
        ],
        rows=rows,
    )


WEEK_FIGURES = (
    "handoffs",
    "contacted",
    "never_contacted",
    "first_contact_met",
    "sql_decisions",
    "disqualified_decisions",
    "undecided",
    "evaluated",
    "compliant",
    "not_compliant",
    "first_contact_breached",
    "follow_up_breached",
    "decision_breached",
    "feedback_breached",
    "compliance_rate",
    "score_qualified",
    "median_minutes_to_first_contact",
    "median_hours_to_first_contact",
)


def _handoffs_section(
    figures: list[dict], handoffs: list[dict], lang: str, week: Week, words: Vocabulary
) -> Section:
    t = labels(lang)
    lead = t["w1.lead"].format(week=week.key)
    company = next((r for r in figures if r["level"] == "all"), None)
    if company is None:
        return Section("w1", 1, t["w1"], lead, [Text(t["no_data.week"], "empty")], False)
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
                "channel": words.channel(h["channel"]),
                "owner": h["owner_name"] or t["unassigned"],
                "team": team_label(lang, h["team"], h["team_ja"]),
                "grade": h["score_grade_at_handoff"],
                "fit": h["fit_score_at_handoff"],
                "engagement": h["engagement_score_at_handoff"],
                "hours_to_first_contact": h["hours_to_first_contact"],
                "attempts": h["contact_attempts"],
                "decision": words.value("decision", h["decision"], t["decision.none"]),
                "reason": h["disqualification_reason"],
                "first_contact_status": words.value("sla_status", fc),
                "decision_status": words.value("sla_status", h["decision_status"]),
                "handoff_id": h["handoff_id"],
                "_tone": tone,
            }
        )
    table = Table(
        sheet="Handoffs",
        title=t["w.handoffs.list"],
        columns=[
            Column("handoff_at", t["col.handoff_at"], "datetime"),
            Column("lead", t["col.lead"]),
            Column("company", t["col.company"]),
            Column("channel", t["col.channel"]),
            Column("owner", t["col.owner"]),
            Column("team", t["col.team"]),
            Column("grade", t["col.grade_at_handoff"]),
            Column("fit", t["col.fit"], "int", display=False),
            Column("engagement", t["col.engagement"], "number", display=False),
            Column("hours_to_first_contact", t["col.hours_to_first_contact"], "number"),
            Column("attempts", t["col.attempts"], "int"),
            Column("decision", t["col.decision"]),
            Column("reason", t["col.reason"], display=False),
            Column("first_contact_status", words.rule("first_contact"), "status"),
            Column("decision_status", words.rule("decision")),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
    )
    blocks = [
        _tiles(company, lang, words),
        rules_note(words, lang),
        _by_owner_table(figures, lang, words),
        table,
    ]
    return Section("w1", 1, t["w1"], lead, blocks)


def _overdue_section(
    con: duckdb.DuckDBPyConnection, lang: str, tz: str, words: Vocabulary
) -> Section:
    t = labels(lang)
    breaches = queries.open_breaches(con, tz)
    if breaches.empty:
        return Section("w2", 2, t["w2"], t["w2.lead"], [Text(t["breaches.none"], "note")])
    n_breached, n_due = breach_counts(breaches)
    table = breaches_table(breaches, lang, None, words)
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
            Column("breached", words.value("sla_status", "breached"), "status"),
            Column("first_contact_breached", t["col.first_contact_breached"], "int"),
            Column("due_soon", words.value("sla_status", "due_soon"), "int"),
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


def _notable_section(
    con: duckdb.DuckDBPyConnection, lang: str, week: Week, tz: str, words: Vocabulary
) -> Section:
    t = labels(lang)
    lead = t["w3.lead"].format(
        fits="/".join(words.fit.qualified), bands="/".join(words.engagement.qualified)
    )
    leads = records(queries.notable_leads(con, week.sunday, tz, NOTABLE_LIMIT))
    if not leads:
        return Section("w3", 3, t["w3"], lead, [Text(t["w.notable.none"], "note")])
    rows = [
        {
            "grade": r["score_grade"],
            "fit": r["fit_score"],
            "engagement": r["engagement_score"],
            "lead": r["lead_name"],
            "company": r["company_name"],
            "title": r["title"],
            "channel": words.channel(r["channel"]),
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
    return Section("w3", 3, t["w3"], lead, [table])


def _feedback_section(
    con: duckdb.DuckDBPyConnection, lang: str, week: Week, tz: str, words: Vocabulary
) -> Section:
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
            "feedback": words.value("sla_status", r["feedback_status"]),
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
            Column("feedback", words.rule("feedback"), "status"),
            Column("handoff_id", "handoff_id", display=False),
        ],
        rows=rows,
    )
    return Section("w4", 4, t["w4"], t["w4.lead"], [table])
