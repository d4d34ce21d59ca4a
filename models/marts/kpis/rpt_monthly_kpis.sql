{#
    The review meeting's KPIs, one row per JST month and KPI (definitions in the doc block
    kpi_definitions), with the previous month, the target from seed kpi_targets, a status,
    and the action hint from seed kpi_action_hints when the KPI is off target.

    Nothing is computed here: each KPI is selected from the mart that defines it
    (README "Where each KPI is defined"):
    - mql_count: rpt_marketing_sla_monthly (handoffs of the month; 0 in a month without any);
    - mql_to_sql_rate, sql_to_won_rate and the cohort rates: rpt_funnel_conversion_monthly;
    - mean/median hours to first contact, uncontacted_share (never_contacted_share) and
      sla_compliance_rate (compliance_rate): rpt_sla_compliance_monthly, level all.
    Cohort KPIs whose window has not closed at as_of (seed funnel_stages.cohort_maturity_days)
    are flagged with is_mature = false, not hidden: their values will still rise. Period KPIs
    are mature once their month has ended.
#}

{%- set kpis = [
    'mql_count', 'mql_to_sql_rate', 'mql_to_sql_cohort_rate', 'mean_hours_to_first_contact',
    'median_hours_to_first_contact', 'uncontacted_share', 'sla_compliance_rate',
    'sql_to_won_rate', 'sql_to_won_cohort_rate', 'mql_to_won_cohort_rate',
] %}
{%- set cohort_maturity = {
    'mql_to_sql_cohort_rate': 'is_mql_to_sql_cohort_mature',
    'sql_to_won_cohort_rate': 'is_sql_to_won_cohort_mature',
    'mql_to_won_cohort_rate': 'is_mql_to_won_cohort_mature',
} %}

with

conversion as (

    select * from {{ ref('rpt_funnel_conversion_monthly') }}

),

marketing as (

    select
        month,
        mql_count
    from {{ ref('rpt_marketing_sla_monthly') }}

),

sla as (

    select
        month,
        mean_hours_to_first_contact,
        median_hours_to_first_contact,
        never_contacted_share,
        compliance_rate
    from {{ ref('rpt_sla_compliance_monthly') }}
    where level = 'all'

),

wide as (

    select
        conversion.month,
        cast(coalesce(marketing.mql_count, 0) as double) as mql_count,
        conversion.mql_to_sql_rate,
        conversion.mql_to_sql_cohort_rate,
        sla.mean_hours_to_first_contact,
        sla.median_hours_to_first_contact,
        sla.never_contacted_share as uncontacted_share,
        sla.compliance_rate as sla_compliance_rate,
        conversion.sql_to_won_rate,
        conversion.sql_to_won_cohort_rate,
        conversion.mql_to_won_cohort_rate,
        conversion.is_mql_to_sql_cohort_mature,
        conversion.is_sql_to_won_cohort_mature,
        conversion.is_mql_to_won_cohort_mature,
        conversion.month + interval 1 month <= {{ business_date(as_of()) }} as is_month_over
    from conversion
    left join marketing
        on conversion.month = marketing.month
    left join sla
        on conversion.month = sla.month

),

long as (

    {%- for kpi in kpis %}
        select
            month,
            '{{ kpi }}' as kpi_code,
            {{ loop.index }} as kpi_order,
            cast({{ kpi }} as double) as value,
            {{ cohort_maturity.get(kpi, 'is_month_over') }} as is_mature
        from wide
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

compared as (

    select
        long.*,
        lag(long.value) over (partition by long.kpi_code order by long.month) as previous_value,
        targets.target_min,
        targets.target_max
    from long
    left join {{ ref('kpi_targets') }} as targets
        on long.kpi_code = targets.kpi_code

),

final as (

    select
        compared.month,
        compared.kpi_code,
        compared.value,
        compared.previous_value,
        compared.value - compared.previous_value as change,
        compared.target_min,
        compared.target_max,
        case
            when compared.value is null then null
            when compared.target_min is null and compared.target_max is null then 'no_target'
            when compared.value < compared.target_min then 'below'
            when compared.value > compared.target_max then 'above'
            else 'within'
        end as status,
        compared.is_mature,
        hints.action_hint_ja,
        hints.action_hint_en,
        compared.kpi_order
    from compared
    left join {{ ref('kpi_action_hints') }} as hints
        on compared.kpi_code = hints.kpi_code
            and hints.status = case
                when compared.value < compared.target_min then 'below'
                when compared.value > compared.target_max then 'above'
            end

)

select * from final
