-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    The weekly meeting's handoff figures: per ISO week of the handoff's JST date (Monday to
    Sunday) for the company (level all), each team and each owner, at as_of: handoffs, first
    contacts, decisions, SLA compliance and breaches per rule, MQL quality, and time to first
    contact. Same definitions as fct_mql_handoffs and rpt_sla_compliance_monthly, by week.
#}

{%- set rules = ['first_contact', 'follow_up', 'decision', 'feedback'] %}

with

named_handoffs as (

    {{ handoffs_with_owner_names(ref('fct_mql_handoffs'), ref('dim_users')) }}

),

handoffs as (

    select
        *,
        cast(date_trunc('week', handoff_date) as date) as week_start
    from named_handoffs

),

aggregated as (

    select
        week_start,
        {{ handoff_level_columns() }},
        count(*) as handoffs,
        count(first_contact_at) as contacted,
        count(*) filter (where first_contact_at is null) as never_contacted,
        count(*) filter (where decision = 'sql') as sql_decisions,
        count(*) filter (where decision = 'disqualified') as disqualified_decisions,
        count(*) filter (where decision is null) as undecided,
        count(is_sla_compliant) as evaluated,
        count(*) filter (where is_sla_compliant) as compliant,
        count(*) filter (where not is_sla_compliant) as not_compliant,
        {%- for rule in rules %}
        count(*) filter (where {{ rule }}_status = 'met') as {{ rule }}_met,
        count(*) filter (where {{ rule }}_status = 'breached') as {{ rule }}_breached,
        {%- endfor %}
        count(*) filter (where is_score_qualified_at_handoff) as score_qualified,
        median(minutes_to_first_contact) as median_minutes_to_first_contact
    from handoffs
    group by {{ handoff_levels_grouping('week_start') }}

),

final as (

    select
        aggregated.week_start,
        strftime(aggregated.week_start, '%G-W%V') as iso_week,
        aggregated.level,
        aggregated.level_value,
        aggregated.team,
        aggregated.team_ja,
        aggregated.owner_name,
        aggregated.manager_name,
        aggregated.handoffs,
        aggregated.contacted,
        aggregated.never_contacted,
        aggregated.sql_decisions,
        aggregated.disqualified_decisions,
        aggregated.undecided,
        aggregated.evaluated,
        aggregated.compliant,
        aggregated.not_compliant,
        aggregated.compliant / nullif(aggregated.evaluated, 0) as compliance_rate,
        {%- for rule in rules %}
        aggregated.{{ rule }}_met,
        aggregated.{{ rule }}_breached,
        {%- endfor %}
        aggregated.score_qualified,
        round(aggregated.median_minutes_to_first_contact, 2) as median_minutes_to_first_contact,
        round(aggregated.median_minutes_to_first_contact / 60.0, 2) as median_hours_to_first_contact,
        {{ as_of() }} as evaluated_as_of
    from aggregated

)

select * from final
