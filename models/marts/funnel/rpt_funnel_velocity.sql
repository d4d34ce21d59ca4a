{#
    Velocity: days from entering from_stage to entering to_stage (same cycle), per JST quarter
    of entering from_stage: median, p75, p90. Medians, not means (doc block funnel_rules).
#}

with

conversions as (

    select
        entered_quarter as quarter,
        from_stage,
        to_stage,
        days_to_convert
    from {{ ref('int_funnel_stage_pairs') }}
    where is_converted

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
