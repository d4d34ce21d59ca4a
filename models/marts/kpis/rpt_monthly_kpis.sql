{#
    The review meeting's KPIs, one row per JST month and KPI (definitions in the doc block
    kpi_definitions), with the previous month, the target from seed kpi_targets, a status,
    and the action hint from seed kpi_action_hints when the KPI is off target.
    Cohort KPIs (..._cohort_rate) whose window has not closed at as_of are flagged with
    is_mature = false, not hidden: their values will still rise.
#}

{%- set cohort_kpis = {
    'mql_to_sql_cohort_rate': var('kpi_sql_maturity_days'),
    'sql_to_won_cohort_rate': var('kpi_won_maturity_days'),
    'mql_to_won_cohort_rate': var('kpi_won_maturity_days'),
} %}
{%- set kpis = [
    'mql_count', 'mql_to_sql_rate', 'mql_to_sql_cohort_rate', 'mean_hours_to_first_contact',
    'median_hours_to_first_contact', 'uncontacted_share', 'sla_compliance_rate',
    'sql_to_won_rate', 'sql_to_won_cohort_rate', 'mql_to_won_cohort_rate',
] %}

with

entries as (

    select
        person_id,
        cycle,
        stage,
        entered_at,
        entered_month
    from {{ ref('int_funnel_stage_entries') }}
    where stage in ('mql', 'sql', 'customer')

),

cycles as (

    select
        person_id,
        cycle,
        max(entered_month) filter (where stage = 'mql') as mql_month,
        max(entered_month) filter (where stage = 'sql') as sql_month,
        max(entered_month) filter (where stage = 'customer') as customer_month
    from entries
    group by person_id, cycle

),

handoffs as (

    select
        cast(date_trunc('month', handoff_date) as date) as month,
        minutes_to_first_contact / 60.0 as hours_to_first_contact,
        first_contact_at,
        is_sla_compliant
    from {{ ref('fct_mql_handoffs') }}

),

as_of_month as (

    select cast(date_trunc('month', {{ business_date(as_of()) }}) as date) as month

),

data_months as (

    select mql_month as month from cycles
    union all
    select sql_month as month from cycles
    union all
    select month from handoffs

),

first_month as (

    select coalesce(min(data_months.month), any_value(as_of_month.month)) as month
    from as_of_month
    left join data_months
        on true

),

months as (

    select cast(spine.generate_series as date) as month
    from first_month
    cross join as_of_month
    cross join generate_series(first_month.month, as_of_month.month, interval 1 month) as spine

),

stage_counts as (

    select
        months.month,
        count(*) filter (where cycles.mql_month = months.month) as mql_entries,
        count(*) filter (where cycles.sql_month = months.month and cycles.mql_month is not null)
            as sql_entries_from_mql,
        count(*) filter (where cycles.sql_month = months.month) as sql_entries,
        count(*) filter (where cycles.customer_month = months.month) as customer_entries,
        count(*) filter (where cycles.mql_month = months.month and cycles.sql_month is not null)
            as mql_cohort_reached_sql,
        count(*) filter (where cycles.mql_month = months.month and cycles.customer_month is not null)
            as mql_cohort_reached_won,
        count(*) filter (where cycles.sql_month = months.month and cycles.customer_month is not null)
            as sql_cohort_reached_won
    from months
    left join cycles
        on months.month in (cycles.mql_month, cycles.sql_month, cycles.customer_month)
    group by months.month

),

handoff_figures as (

    select
        months.month,
        count(handoffs.month) as handoffs,
        avg(handoffs.hours_to_first_contact) as mean_hours_to_first_contact,
        median(handoffs.hours_to_first_contact) as median_hours_to_first_contact,
        count(*) filter (where handoffs.month is not null and handoffs.first_contact_at is null) as uncontacted,
        count(handoffs.is_sla_compliant) as evaluated,
        count(*) filter (where handoffs.is_sla_compliant) as compliant
    from months
    left join handoffs
        on months.month = handoffs.month
    group by months.month

),

wide as (

    select
        stage_counts.month,
        cast(stage_counts.mql_entries as double) as mql_count,
        stage_counts.sql_entries_from_mql / nullif(stage_counts.mql_entries, 0) as mql_to_sql_rate,
        stage_counts.mql_cohort_reached_sql / nullif(stage_counts.mql_entries, 0) as mql_to_sql_cohort_rate,
        round(handoff_figures.mean_hours_to_first_contact, 2) as mean_hours_to_first_contact,
        round(handoff_figures.median_hours_to_first_contact, 2) as median_hours_to_first_contact,
        handoff_figures.uncontacted / nullif(handoff_figures.handoffs, 0) as uncontacted_share,
        handoff_figures.compliant / nullif(handoff_figures.evaluated, 0) as sla_compliance_rate,
        stage_counts.customer_entries / nullif(stage_counts.sql_entries, 0) as sql_to_won_rate,
        stage_counts.sql_cohort_reached_won / nullif(stage_counts.sql_entries, 0) as sql_to_won_cohort_rate,
        stage_counts.mql_cohort_reached_won / nullif(stage_counts.mql_entries, 0) as mql_to_won_cohort_rate
    from stage_counts
    inner join handoff_figures
        on stage_counts.month = handoff_figures.month

),

long as (

    {%- for kpi in kpis %}
        select
            month,
            '{{ kpi }}' as kpi_code,
            {{ loop.index }} as kpi_order,
            cast({{ kpi }} as double) as value
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
        case compared.kpi_code
            {%- for kpi, days in cohort_kpis.items() %}
                when '{{ kpi }}' then compared.month + interval 1 month + interval {{ days }} day
                    <= {{ business_date(as_of()) }}
            {%- endfor %}
            else compared.month + interval 1 month <= {{ business_date(as_of()) }}
        end as is_mature,
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
