{#
    The funnel's headline conversion per JST month, where the review meeting's conversion KPIs
    are defined (rpt_monthly_kpis selects them):

    - period rates: of the month's entries, mql_to_sql_rate = SQL entries of cycles that had an
      MQL / MQL entries in the month; sql_to_won_rate = customer entries / SQL entries. Both
      count entries of the month, so they compare flows, not the same people (can exceed 1).
    - cohort rates: of the cycles that entered the from stage in the month, the share that
      reached the to stage in the same cycle by as_of (rpt_funnel_cohort_monthly, segment all),
      with is_mature per the seed funnel_stages' cohort_maturity_days of the to stage.
    One row per month from the first month with an MQL or SQL entry to as_of's month.
#}

with

entries as (

    select
        person_id,
        cycle,
        stage,
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

as_of_month as (

    select cast(date_trunc('month', {{ business_date(as_of()) }}) as date) as month

),

first_month as (

    select coalesce(least(min(cycles.mql_month), min(cycles.sql_month)), any_value(as_of_month.month)) as month
    from as_of_month
    left join cycles
        on true

),

months as (

    select cast(spine.generate_series as date) as month
    from first_month
    cross join as_of_month
    cross join generate_series(first_month.month, as_of_month.month, interval 1 month) as spine

),

period_counts as (

    select
        months.month,
        count(*) filter (where cycles.mql_month = months.month) as mql_entries,
        count(*) filter (where cycles.sql_month = months.month and cycles.mql_month is not null)
            as sql_entries_from_mql,
        count(*) filter (where cycles.sql_month = months.month) as sql_entries,
        count(*) filter (where cycles.customer_month = months.month) as customer_entries
    from months
    left join cycles
        on months.month in (cycles.mql_month, cycles.sql_month, cycles.customer_month)
    group by months.month

),

cohorts as (

    select
        cohort_month,
        from_stage || '_to_' || to_stage as pair,
        conversion_rate
    from {{ ref('rpt_funnel_cohort_monthly') }}
    where segment_type = 'all'
        and (from_stage, to_stage) in (('mql', 'sql'), ('sql', 'customer'), ('mql', 'customer'))

),

maturity as (

    select
        max(cohort_maturity_days) filter (where stage = 'sql') as sql_days,
        max(cohort_maturity_days) filter (where stage = 'customer') as customer_days
    from {{ ref('funnel_stages') }}

),

final as (

    select
        period_counts.month,
        period_counts.mql_entries,
        period_counts.sql_entries_from_mql,
        period_counts.sql_entries,
        period_counts.customer_entries,
        period_counts.sql_entries_from_mql / nullif(period_counts.mql_entries, 0) as mql_to_sql_rate,
        period_counts.customer_entries / nullif(period_counts.sql_entries, 0) as sql_to_won_rate,
        mql_sql.conversion_rate as mql_to_sql_cohort_rate,
        {{ cohort_is_mature('period_counts.month', 'maturity.sql_days') }} as is_mql_to_sql_cohort_mature,
        sql_won.conversion_rate as sql_to_won_cohort_rate,
        {{ cohort_is_mature('period_counts.month', 'maturity.customer_days') }} as is_sql_to_won_cohort_mature,
        mql_won.conversion_rate as mql_to_won_cohort_rate,
        {{ cohort_is_mature('period_counts.month', 'maturity.customer_days') }} as is_mql_to_won_cohort_mature
    from period_counts
    cross join maturity
    left join cohorts as mql_sql
        on period_counts.month = mql_sql.cohort_month and mql_sql.pair = 'mql_to_sql'
    left join cohorts as sql_won
        on period_counts.month = sql_won.cohort_month and sql_won.pair = 'sql_to_customer'
    left join cohorts as mql_won
        on period_counts.month = mql_won.cohort_month and mql_won.pair = 'mql_to_customer'

)

select * from final
