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

handoffs as (

    select
        *,
        cast(date_trunc('month', handoff_date) as date) as month,
        minutes_to_first_contact / 60.0 as hours_to_first_contact
    from {{ ref('fct_mql_handoffs') }}

),

aggregated as (

    select
        month,
        case
            when grouping(owner_user_id) = 0 then 'owner'
            when grouping(team) = 0 then 'team'
            else 'all'
        end as level,
        case
            when grouping(owner_user_id) = 0 then coalesce(owner_user_id, 'unassigned')
            when grouping(team) = 0 then coalesce(team, 'unassigned')
            else 'all'
        end as level_value,
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
    group by grouping sets ((month), (month, team), (month, team, owner_user_id))

),

final as (

    select
        month,
        level,
        level_value,
        handoffs,
        evaluated,
        compliant,
        compliant / nullif(evaluated, 0) as compliance_rate,
        {%- for rule in rules %}
        {{ rule }}_met,
        {{ rule }}_breached,
        {{ rule }}_pending,
        {{ rule }}_met / nullif({{ rule }}_met + {{ rule }}_breached, 0) as {{ rule }}_rate,
        {%- endfor %}
        contacted,
        round(mean_hours_to_first_contact, 2) as mean_hours_to_first_contact,
        round(median_hours_to_first_contact, 2) as median_hours_to_first_contact,
        round(p90_hours_to_first_contact, 2) as p90_hours_to_first_contact,
        contacted_within_5m / handoffs as contacted_within_5m_share,
        contacted_within_1h / handoffs as contacted_within_1h_share,
        never_contacted / handoffs as never_contacted_share
    from aggregated

)

select * from final
