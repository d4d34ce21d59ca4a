-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    Marketing's side of the SLA per JST month: MQLs handed over vs the monthly target (seed
    kpi_targets, kpi mql_count), MQL quality (share of the month's handoffs whose fit and
    engagement met the MQL thresholds at the handoff), and lead data completeness (share of the
    month's new people with every field of var required_lead_fields filled) vs 95 %.
#}

{%- set field_columns = {'company': 'company_name'} %}
{%- set required = var('required_lead_fields') %}

with

handoffs as (

    select
        cast(date_trunc('month', handoff_date) as date) as month,
        is_score_qualified_at_handoff
    from {{ ref('fct_mql_handoffs') }}

),

handoff_months as (

    select
        month,
        count(*) as mql_count,
        count(*) filter (where is_score_qualified_at_handoff) as score_qualified_mqls
    from handoffs
    group by month

),

new_people as (

    select
        {{ business_month('created_at') }} as month,
        {%- for field in required %}
        {%- set column = field_columns.get(field, field) %}
        {{ column }} is not null as has_{{ field }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('dim_people') }}
    where created_at <= {{ as_of() }}

),

people_months as (

    select
        month,
        count(*) as new_leads,
        count(*) filter (where {% for field in required %}has_{{ field }}{% if not loop.last %} and {% endif %}{% endfor %}) as complete_leads,
        {%- for field in required %}
        avg(case when has_{{ field }} then 1.0 else 0.0 end) as {{ field }}_fill_rate{% if not loop.last %},{% endif %}
        {%- endfor %}
    from new_people
    group by month

),

targets as (

    select
        max(target_min) filter (where kpi_code = 'mql_count') as mql_target,
        coalesce(max(target_min) filter (where kpi_code = 'lead_data_completeness'), 0.95) as completeness_target
    from {{ ref('kpi_targets') }}

),

months as (

    select month from handoff_months
    union
    select month from people_months

),

final as (

    select
        months.month,
        coalesce(handoff_months.mql_count, 0) as mql_count,
        targets.mql_target,
        coalesce(handoff_months.mql_count, 0) / nullif(targets.mql_target, 0) as mql_target_attainment,
        coalesce(handoff_months.score_qualified_mqls, 0) as score_qualified_mqls,
        handoff_months.score_qualified_mqls / nullif(handoff_months.mql_count, 0) as mql_quality_rate,
        coalesce(people_months.new_leads, 0) as new_leads,
        coalesce(people_months.complete_leads, 0) as complete_leads,
        people_months.complete_leads / nullif(people_months.new_leads, 0) as lead_completeness_rate,
        targets.completeness_target,
        people_months.complete_leads / nullif(people_months.new_leads, 0) >= targets.completeness_target
            as is_completeness_met,
        {%- for field in required %}
        people_months.{{ field }}_fill_rate{% if not loop.last %},{% endif %}
        {%- endfor %}
    from months
    cross join targets
    left join handoff_months
        on months.month = handoff_months.month
    left join people_months
        on months.month = people_months.month

)

select * from final
