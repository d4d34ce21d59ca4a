"""The report's one query layer: every number in a report is read from the marts here.

Functions take a read-only connection to the PUBLISHED warehouse (``serve.duckdb``: schema
``marts`` plus the ``meta`` table) and return pandas DataFrames with plain column names; nothing
outside this module runs SQL. Months and dates are JST (the marts' ``month`` / ``handoff_date``
columns already are); timestamps come back converted from UTC to the business time zone.
Labels, units, thresholds and grades are read from the label marts (``dim_funnel_stages``,
``dim_channels``, ``dim_kpis``, ``dim_sla_policies``, ``dim_score_grades``), each in the
report's language (``lang`` is checked by the caller: ja or en).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from leadfunnel.warehouse import open_published

MARTS = "marts"
FIRST_CONTACT_BUCKETS = ("<=5m", "<=1h", "<=24h", ">24h", "none")  # fct_mql_handoffs' values
LABEL_MARTS = (
    "dim_funnel_stages",
    "dim_channels",
    "dim_kpis",
    "dim_sla_policies",
    "dim_score_grades",
    "dim_value_labels",
)


class ReportError(RuntimeError):
    """The report cannot be built (no warehouse, not a leadfunnel warehouse, bad argument)."""


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only (never downloads extensions; session in UTC)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise ReportError(
            f"there is no published warehouse at {db_path}: run `leadfunnel build` and publish "
            "it first (the report reads serve.duckdb, never build.duckdb)"
        )
    con = open_published(db_path)
    if not _has_table(con, MARTS, "rpt_monthly_kpis"):
        con.close()
        raise ReportError(
            f"{db_path} has no marts.rpt_monthly_kpis: it is not a built leadfunnel warehouse"
        )
    missing = [
        name for name in (*LABEL_MARTS, "rpt_handoffs_weekly") if not _has_table(con, MARTS, name)
    ]
    if missing:
        con.close()
        raise ReportError(
            f"{db_path} has no marts.{missing[0]}: it was published by an older leadfunnel; "
            "build and publish it again"
        )
    return con


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    (found,) = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchone()
    return bool(found)


# the handoffs (h) with the lead (p) and the owner (u)
_HANDOFFS_WITH_PEOPLE = (
    f"from {MARTS}.fct_mql_handoffs as h "
    f"left join {MARTS}.dim_people as p on h.person_id = p.person_id "
    f"left join {MARTS}.dim_users as u on h.owner_user_id = u.user_id "
)


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def _jst(column: str, tz: str) -> str:
    """SQL converting a UTC ``timestamp`` column to the business time zone."""
    return f"timezone('{tz}', timezone('UTC', {column}))"


# ---------------------------------------------------------------------------------- labels


def stage_labels(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """The lifecycle stages in stage order, with their label in ``lang``."""
    return _df(
        con,
        f"select stage, stage_order, label_{lang} as label, is_success_path, is_in_profile "
        f"from {MARTS}.dim_funnel_stages order by stage_order, stage",
    )


def channel_labels(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Channel code -> label in ``lang``."""
    return _df(con, f"select channel, channel_{lang} as label from {MARTS}.dim_channels")


def value_labels(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Labels of status, decision, bucket and reason-type codes in ``lang``, by domain."""
    return _df(
        con,
        f"select domain, code, label_{lang} as label from {MARTS}.dim_value_labels "
        "order by domain, sort_order, code",
    )


def kpi_labels(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Each KPI's label, unit, unit labels and number format in ``lang``, and its target."""
    return _df(
        con,
        f"select kpi_code, label_{lang} as label, unit, unit_label_{lang} as unit_label, "
        f"change_label_{lang} as change_label, display_format, direction, target_min, "
        f"target_max, description from {MARTS}.dim_kpis order by kpi_code",
    )


def sla_rules(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """The SLA rules in the order they apply: label, threshold, unit and sentence in ``lang``."""
    return _df(
        con,
        f"select rule, rule_order, label_{lang} as label, threshold, unit, "
        f"description_{lang} as description from {MARTS}.dim_sla_policies "
        "order by rule_order, rule",
    )


def score_grades(con: duckdb.DuckDBPyConnection, lang: str) -> pd.DataFrame:
    """Fit grades and engagement bands, best first, with their bounds and labels in ``lang``."""
    return _df(
        con,
        "select score_type, grade, grade_order, lower_bound, upper_bound, mql_threshold, "
        f"is_mql_qualified, label_{lang} as label, score_label_{lang} as score_label "
        f"from {MARTS}.dim_score_grades order by score_type, grade_order",
    )


# ------------------------------------------------------------------------------ provenance


def meta(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """The published copy's ``meta`` table (section, name, value, value_number, value_at)."""
    if not _has_table(con, "main", "meta"):
        return None
    return _df(
        con,
        "select section, name, value, value_number, value_at from main.meta order by section, name",
    )


def as_of(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """The build's as_of (UTC, naive): from ``meta``, else the as_of the marts were built at."""
    if _has_table(con, "main", "meta"):
        row = con.execute(
            "select value_at from main.meta where section = 'build' and name = 'as_of'"
        ).fetchone()
        if row and row[0] is not None:
            return row[0]
    (value,) = con.execute(
        f"select coalesce((select max(evaluated_as_of) from {MARTS}.rpt_open_sla_breaches), "
        f"(select max(scored_as_of) from {MARTS}.fct_account_scores))"
    ).fetchone()
    return value


def kpi_months(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """First and last month of the scorecard."""
    first, last = con.execute(
        f"select min(month), max(month) from {MARTS}.rpt_monthly_kpis"
    ).fetchone()
    return first, last


# --------------------------------------------------------------------------- 1 scorecard


def kpi_scorecard(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """rpt_monthly_kpis for one month, in scorecard order (empty when the month has no row)."""
    return _df(
        con,
        "select kpi_code, value, previous_value, change, target_min, target_max, status, "
        "is_mature, action_hint_ja, action_hint_en, kpi_order "
        f"from {MARTS}.rpt_monthly_kpis where month = ? order by kpi_order, kpi_code",
        [month],
    )


# ------------------------------------------------------------------------------- 2 trend


def mql_sql_trend(con: duckdb.DuckDBPyConnection, first: date, month: date) -> pd.DataFrame:
    """Per month from ``first`` to ``month``: MQLs, period and cohort MQL->SQL rate, maturity."""
    return _df(
        con,
        "select month, "
        "max(value) filter (where kpi_code = 'mql_count') as mql_count, "
        "max(value) filter (where kpi_code = 'mql_to_sql_rate') as period_rate, "
        "max(value) filter (where kpi_code = 'mql_to_sql_cohort_rate') as cohort_rate, "
        "bool_and(is_mature) filter (where kpi_code = 'mql_to_sql_cohort_rate') "
        "as cohort_is_mature, "
        "max(target_min) filter (where kpi_code = 'mql_to_sql_rate') as target_min, "
        "max(target_max) filter (where kpi_code = 'mql_to_sql_rate') as target_max "
        f"from {MARTS}.rpt_monthly_kpis where month between ? and ? group by month order by month",
        [first, month],
    )


def sql_entries(con: duckdb.DuckDBPyConnection, first: date, month: date) -> pd.DataFrame:
    """SQL entries per month by origin: via MQL (marketing, the period rate's numerator) and
    sales-generated (SGL), from the period funnel's ``origin`` segment."""
    return _df(
        con,
        "select month, "
        "coalesce(sum(entries) filter (where segment_value = 'marketing'), 0) as sql_from_mql, "
        "coalesce(sum(entries) filter (where segment_value = 'sales'), 0) as sql_sgl "
        f"from {MARTS}.rpt_funnel_period_monthly "
        "where stage = 'sql' and segment_type = 'origin' and month between ? and ? "
        "group by month order by month",
        [first, month],
    )


# ------------------------------------------------------------------------------ 3 funnel


def funnel_period(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """Entries into each success-path stage in the month, with the previous stage's entries."""
    return _df(
        con,
        "select stage, entries, previous_stage, previous_stage_entries, "
        "period_rate_from_previous "
        f"from {MARTS}.rpt_funnel_period_monthly "
        "where month = ? and segment_type = 'all'",
        [month],
    )


def channel_cohort(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """The month's MQL cohort by channel: size, reached SQL, reached won, maturity."""
    return _df(
        con,
        "select segment_value as channel, max(cohort_size) as cohort_size, "
        "max(converted_count) filter (where to_stage = 'sql') as sql_count, "
        "max(conversion_rate) filter (where to_stage = 'sql') as sql_rate, "
        "max(converted_count) filter (where to_stage = 'customer') as won_count, "
        "max(conversion_rate) filter (where to_stage = 'customer') as won_rate, "
        "max(median_days_to_convert) filter (where to_stage = 'sql') as median_days_to_sql, "
        "bool_and(is_mature) as is_mature "
        f"from {MARTS}.rpt_funnel_cohort_monthly "
        "where cohort_month = ? and from_stage = 'mql' and segment_type = 'channel' "
        "and to_stage in ('sql', 'customer') "
        "group by segment_value order by cohort_size desc, channel",
        [month],
    )


def velocity(con: duckdb.DuckDBPyConnection, quarter: date) -> pd.DataFrame:
    """Days between stages for people entering ``from_stage`` in the quarter."""
    return _df(
        con,
        "select from_stage, to_stage, conversions, median_days, p75_days, p90_days "
        f"from {MARTS}.rpt_funnel_velocity where quarter = ?",
        [quarter],
    )


# --------------------------------------------------------------------------------- 4 SLA


def sla_by_team(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """SLA compliance of the company (level all) and each team in the month."""
    return _df(
        con,
        "select s.level, s.team, s.team_ja, s.handoffs, s.evaluated, "
        "s.compliant, s.compliance_rate, s.first_contact_rate, s.follow_up_rate, "
        "s.decision_rate, s.feedback_rate, s.median_hours_to_first_contact, "
        "s.never_contacted_share "
        f"from {MARTS}.rpt_sla_compliance_monthly as s "
        "where s.month = ? and s.level in ('all', 'team') "
        "order by s.level = 'all', s.level_value",
        [month],
    )


def sla_by_owner(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """SLA compliance of each rep (owner at handoff) in the month, worst first."""
    return _df(
        con,
        "select s.level_value as owner_user_id, s.owner_name, s.manager_name, s.team, "
        "s.team_ja, s.handoffs, s.evaluated, s.compliant, s.compliance_rate, "
        "s.first_contact_breached, s.decision_breached, s.median_hours_to_first_contact "
        f"from {MARTS}.rpt_sla_compliance_monthly as s "
        "where s.month = ? and s.level = 'owner' "
        "order by s.compliance_rate asc nulls last, s.handoffs desc, s.owner_name",
        [month],
    )


def first_contact_distribution(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """The month's handoffs by time-to-first-contact bucket (every bucket, zero included)."""
    buckets = ", ".join(f"('{b}', {i})" for i, b in enumerate(FIRST_CONTACT_BUCKETS))
    return _df(
        con,
        f"with buckets(bucket, bucket_order) as (values {buckets}) "
        "select buckets.bucket, count(h.handoff_id) as handoffs "
        "from buckets "
        f"left join {MARTS}.fct_mql_handoffs as h on h.first_contact_bucket = buckets.bucket "
        "and h.handoff_date >= ? and h.handoff_date < ? "
        "group by buckets.bucket, buckets.bucket_order order by buckets.bucket_order",
        [month, _next_month(month)],
    )


def open_breaches(con: duckdb.DuckDBPyConnection, tz: str) -> pd.DataFrame:
    """Open SLA breaches and due-soon deadlines at as_of, most overdue first."""
    return _df(
        con,
        "select b.status, b.rule, b.hours_overdue, b.team, b.team_ja, b.owner_user_id, "
        "b.owner_name, b.escalate_to_name, b.lead_name, "
        f"b.company_name, b.title, b.score_grade, {_jst('b.handoff_at', tz)} as handoff_at, "
        f"{_jst('b.deadline_at', tz)} as deadline_at, b.latest_activity_type, "
        "b.latest_activity_detail, b.handoff_id "
        f"from {MARTS}.rpt_open_sla_breaches as b "
        "order by b.status = 'breached' desc, b.hours_overdue desc, b.handoff_id, b.rule",
    )


# ----------------------------------------------------------------------- 5 not-SQL reasons


def not_sql_reasons(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """The month's not-SQL decisions (by handoff month) by reason, most frequent first."""
    return _df(
        con,
        "select disqualification_reason as reason, count(*) as decisions, "
        "count(*) filter (where nullif(trim(disqualification_detail), '') is not null) "
        "as with_detail "
        f"from {MARTS}.fct_mql_handoffs "
        "where decision = 'disqualified' and handoff_date >= ? and handoff_date < ? "
        "group by 1 order by decisions desc, reason nulls last",
        [month, _next_month(month)],
    )


def feedback_completeness(con: duckdb.DuckDBPyConnection, month: date) -> pd.DataFrame:
    """Feedback rule of the month's handoffs (rpt_sla_compliance_monthly, level all)."""
    return _df(
        con,
        "select feedback_met, feedback_breached, feedback_pending, feedback_rate "
        f"from {MARTS}.rpt_sla_compliance_monthly where month = ? and level = 'all'",
        [month],
    )


# ------------------------------------------------------------------------------ 6 scoring


def scoring_matrix(con: duckdb.DuckDBPyConnection, first: date, month: date) -> pd.DataFrame:
    """Handoffs from ``first`` to ``month`` by fit grade and engagement band AT THE HANDOFF
    (fct_mql_handoffs.fit_grade_at_handoff / engagement_band_at_handoff, graded in dbt as
    dim_people.score_grade is). ``level`` is cell (grade x band), fit (per grade), band (per
    band) or all.
    """
    return _df(
        con,
        "with graded as ("
        "select fit_grade_at_handoff as fit_grade, engagement_band_at_handoff as engagement_band, "
        f"decision from {MARTS}.fct_mql_handoffs where handoff_date >= ? and handoff_date < ?) "
        "select case grouping(fit_grade, engagement_band) when 0 then 'cell' when 1 then 'fit' "
        "when 2 then 'band' else 'all' end as level, fit_grade, engagement_band, "
        "count(*) as mqls, count(*) filter (where decision = 'sql') as sqls, "
        "count(*) filter (where decision = 'disqualified') as disqualified, "
        "count(*) filter (where decision is null) as undecided, "
        "count(*) filter (where decision = 'sql') / count(*) as sql_rate "
        "from graded group by grouping sets ((fit_grade, engagement_band), (fit_grade), "
        "(engagement_band), ()) "
        "order by list_position(['cell', 'fit', 'band', 'all'], level), fit_grade nulls last, "
        "engagement_band nulls last",
        [first, _next_month(month)],
    )


def mql_quality(con: duckdb.DuckDBPyConnection, first: date, month: date) -> pd.DataFrame:
    """Marketing's SLA per month: MQL quality (score-qualified at handoff) and completeness."""
    return _df(
        con,
        "select month, mql_count, score_qualified_mqls, mql_quality_rate, "
        "lead_completeness_rate, completeness_target "
        f"from {MARTS}.rpt_marketing_sla_monthly where month between ? and ? order by month",
        [first, month],
    )


# ---------------------------------------------------------------------------- 7 recycling


def recycle_by_due_month(
    con: duckdb.DuckDBPyConnection, today: date, horizon_months: int = 12
) -> pd.DataFrame:
    """The recycle queue by due month and reason type at ``today`` (the as_of date).

    ``due_month`` is null for people due now (recontact_on on or before today); months beyond
    ``horizon_months`` are gathered into the horizon month (``is_later``).
    """
    horizon = today.replace(day=1)
    for _ in range(horizon_months):
        horizon = _next_month(horizon)
    return _df(
        con,
        "with queue as (select reason_type, case when recontact_on <= ? then null "
        "else least(cast(date_trunc('month', recontact_on) as date), ?) end as due_month "
        f"from {MARTS}.rpt_recycle_queue) "
        "select due_month, coalesce(due_month = ?, false) as is_later, reason_type, "
        "count(*) as people from queue group by all "
        "order by due_month nulls first, reason_type",
        [today, horizon, horizon],
    )


def recycle_by_reason(con: duckdb.DuckDBPyConnection, today: date) -> pd.DataFrame:
    """The recycle queue by reason type and reason: people, due now, next recontact date."""
    return _df(
        con,
        "select reason_type, reason, count(*) as people, "
        "count(*) filter (where recontact_on <= ?) as due_now, "
        "min(recontact_on) filter (where recontact_on > ?) as next_due_on "
        f"from {MARTS}.rpt_recycle_queue group by all "
        "order by people desc, reason_type, reason nulls last",
        [today, today],
    )


# ------------------------------------------------------------------------- 8 data quality


def meta_freshness(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """Newest record and last landing per source and raw table, with the age at as_of."""
    if not _has_table(con, "main", "meta"):
        return None
    return _df(
        con,
        "with build as (select max(value_at) filter (where name = 'as_of') as as_of "
        "from main.meta where section = 'build') "
        "select f.name, not contains(f.name, '.') as is_source, f.value_at as newest_record, "
        "l.value_at as landed_at, "
        "round(date_diff('minute', f.value_at, build.as_of) / 1440.0, 1) as age_days "
        "from main.meta as f cross join build "
        "left join main.meta as l on l.section = 'landed' and l.name = f.name "
        "where f.section = 'freshness' order by is_source desc, f.name",
    )


# ---------------------------------------------------------------------------- the weekly


def week_figures(con: duckdb.DuckDBPyConnection, monday: date) -> pd.DataFrame:
    """rpt_handoffs_weekly for the week starting ``monday``: the company first, then each team
    and its owners (at as_of)."""
    return _df(
        con,
        "select level, level_value, team, team_ja, owner_name, manager_name, handoffs, "
        "contacted, never_contacted, sql_decisions, disqualified_decisions, undecided, "
        "evaluated, compliant, not_compliant, compliance_rate, first_contact_met, "
        "first_contact_breached, follow_up_breached, decision_breached, feedback_breached, "
        "score_qualified, median_minutes_to_first_contact, median_hours_to_first_contact "
        f"from {MARTS}.rpt_handoffs_weekly where week_start = ? "
        "order by level <> 'all', team nulls last, level <> 'team', owner_name nulls last, "
        "level_value",
        [monday],
    )


def breaches_by_owner(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Open breaches at as_of per owner: breached / due soon and the oldest, most overdue first."""
    return _df(
        con,
        "select owner_user_id, any_value(owner_name) as owner_name, any_value(team) as team, "
        "any_value(team_ja) as team_ja, any_value(escalate_to_name) as escalate_to_name, "
        "count(*) filter (where status = 'breached') as breached, "
        "count(*) filter (where status = 'due_soon') as due_soon, "
        "count(*) filter (where status = 'breached' and rule = 'first_contact') "
        "as first_contact_breached, "
        "max(hours_overdue) filter (where status = 'breached') as max_hours_overdue "
        f"from {MARTS}.rpt_open_sla_breaches "
        "group by owner_user_id order by breached desc, due_soon desc, owner_name",
    )


def week_handoffs(
    con: duckdb.DuckDBPyConnection, monday: date, sunday: date, tz: str
) -> pd.DataFrame:
    """The week's MQL handoffs (JST dates) with their follow-up status."""
    return _df(
        con,
        f"select {_jst('h.handoff_at', tz)} as handoff_at, p.full_name as lead_name, "
        "p.company_name, p.title, p.channel, h.score_grade_at_handoff, h.fit_score_at_handoff, "
        "h.engagement_score_at_handoff, h.team, u.team_ja, u.user_name as owner_name, "
        "h.minutes_to_first_contact / 60.0 as hours_to_first_contact, h.contact_attempts, "
        "h.decision, h.disqualification_reason, h.first_contact_status, h.follow_up_status, "
        "h.decision_status, h.feedback_status, h.is_sla_compliant, h.handoff_id "
        f"{_HANDOFFS_WITH_PEOPLE}"
        "where h.handoff_date between ? and ? order by h.handoff_at, h.handoff_id",
        [monday, sunday],
    )


def week_decisions(
    con: duckdb.DuckDBPyConnection, monday: date, sunday: date, tz: str
) -> pd.DataFrame:
    """Not-SQL decisions made in the week (JST): the quality feedback from sales."""
    decided = _jst("h.decided_at", tz)
    return _df(
        con,
        f"select {decided} as decided_at, p.full_name as lead_name, p.company_name, "
        "u.user_name as owner_name, h.disqualification_reason, h.disqualification_detail, "
        "h.feedback_status, h.handoff_id "
        f"{_HANDOFFS_WITH_PEOPLE}"
        f"where h.decision = 'disqualified' and cast({decided} as date) between ? and ? "
        "order by h.decided_at, h.handoff_id",
        [monday, sunday],
    )


def notable_leads(
    con: duckdb.DuckDBPyConnection, until: date, tz: str, limit: int = 20
) -> pd.DataFrame:
    """Undecided handoffs up to ``until`` with no contact yet whose current grade is high: a fit
    grade and an engagement band that both meet the MQL thresholds (dim_score_grades)."""
    qualified = (
        f"(select grade from {MARTS}.dim_score_grades where score_type = '{{}}' "
        "and is_mql_qualified)"
    )
    return _df(
        con,
        "select p.score_grade, p.fit_score, p.engagement_score, p.full_name as lead_name, "
        "p.company_name, p.title, p.channel, "
        f"{_jst('h.handoff_at', tz)} as handoff_at, u.user_name as owner_name, h.team, "
        "u.team_ja, h.handoff_id "
        f"from {MARTS}.fct_mql_handoffs as h "
        f"inner join {MARTS}.dim_people as p on h.person_id = p.person_id "
        f"left join {MARTS}.dim_users as u on h.owner_user_id = u.user_id "
        "where h.decision is null and h.first_contact_at is null and h.handoff_date <= ? "
        f"and left(p.score_grade, 1) in {qualified.format('fit')} "
        f"and substr(p.score_grade, 2) in {qualified.format('engagement')} "
        "order by p.score_grade, p.engagement_score desc, h.handoff_at, h.handoff_id "
        "limit ?",
        [until, limit],
    )


def _next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)
