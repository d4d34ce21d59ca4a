-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    SLA compliance per JST month of handoff, for the whole company, each team and each owner.
    compliance_rate = compliant / evaluated, where evaluated = handoffs whose compliance is
    known (is_sla_compliant not null): pending handoffs are neither compliant nor breaches.
    Per rule, <rule>_rate = met / (met + breached). Hours to first contact are over contacted
    handoffs; never_contacted_share counts handoffs with no contact by as_of (recent ones
    included).
#}

{%- set rules = ['first_contact', 'follow_up', 'decision', 'feedback'] %}

with

named_handoffs as (

    {{ handoffs_with_owner_names(ref('fct_mql_handoffs'), ref('dim_users')) }}

),

handoffs as (

    select
        *,
        cast(date_trunc('month', handoff_date) as date) as month,
        minutes_to_first_contact / 60.0 as hours_to_first_contact
    from named_handoffs

),

aggregated as (

    select
        month,
        {{ handoff_level_columns() }},
        count(*) as handoffs,
        count(is_sla_compliant) as evaluated,
        count(*) filter (where is_sla_compliant) as compliant,
        {%- for rule in rules %}
        count(*) filter (where {{ rule }}_status = 'met') as {{ rule }}_met,
        count(*) filter (where {{ rule }}_status = 'breached') as {{ rule }}_breached,
        count(*) filter (where {{ rule }}_status = 'pending') as {{ rule }}_pending,
        {%- endfor %}
        count(first_contact_at) as contacted,
        avg(hours_to_first_contact) as mean_hours_to_first_contact,
        median(hours_to_first_contact) as median_hours_to_first_contact,
        quantile_cont(hours_to_first_contact, 0.9) as p90_hours_to_first_contact,
        count(*) filter (where first_contact_bucket = '<=5m') as contacted_within_5m,
        count(*) filter (where first_contact_bucket in ('<=5m', '<=1h')) as contacted_within_1h,
        count(*) filter (where first_contact_bucket = 'none') as never_contacted
    from handoffs
    group by {{ handoff_levels_grouping('month') }}

),

final as (

    select
        aggregated.month,
        aggregated.level,
        aggregated.level_value,
        aggregated.handoffs,
        aggregated.evaluated,
        aggregated.compliant,
        aggregated.compliant / nullif(aggregated.evaluated, 0) as compliance_rate,
        {%- for rule in rules %}
        aggregated.{{ rule }}_met,
        aggregated.{{ rule }}_breached,
        aggregated.{{ rule }}_pending,
        aggregated.{{ rule }}_met / nullif(aggregated.{{ rule }}_met + aggregated.{{ rule }}_breached, 0)
            as {{ rule }}_rate,
        {%- endfor %}
        aggregated.contacted,
        round(aggregated.mean_hours_to_first_contact, 2) as mean_hours_to_first_contact,
        round(aggregated.median_hours_to_first_contact, 2) as median_hours_to_first_contact,
        round(aggregated.p90_hours_to_first_contact, 2) as p90_hours_to_first_contact,
        aggregated.contacted_within_5m / aggregated.handoffs as contacted_within_5m_share,
        aggregated.contacted_within_1h / aggregated.handoffs as contacted_within_1h_share,
        aggregated.never_contacted / aggregated.handoffs as never_contacted_share,
        aggregated.team,
        aggregated.team_ja,
        aggregated.owner_name,
        aggregated.manager_name
    from aggregated

)

select * from final
