{#
    Velocity: days from entering from_stage to entering to_stage (same cycle), per JST quarter
    of entering from_stage: median, p75, p90. Medians, not means (doc block funnel_rules).
#}

with

entries as (

    select * from {{ ref('int_funnel_stage_entries') }}

),

conversions as (

    select
        from_entries.entered_quarter as quarter,
        from_entries.stage as from_stage,
        to_entries.stage as to_stage,
        greatest(0, {{ fractional_days('from_entries.entered_at', 'to_entries.entered_at') }}) as days_to_convert
    from entries as from_entries
    inner join entries as to_entries
        on from_entries.person_id = to_entries.person_id
        and from_entries.cycle = to_entries.cycle
        and to_entries.stage_order > from_entries.stage_order

),

final as (

    select
        quarter,
        from_stage,
        to_stage,
        count(*) as conversions,
        round(quantile_cont(days_to_convert, 0.5), 2) as median_days,
        round(quantile_cont(days_to_convert, 0.75), 2) as p75_days,
        round(quantile_cont(days_to_convert, 0.9), 2) as p90_days
    from conversions
    group by quarter, from_stage, to_stage

)

select * from final
