-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    Period conversion: entries into each stage per JST month, and the ratio to the previous
    stage's entries in the same month and segment (the simple ratio meetings quote, e.g.
    SQL / MQL). It mixes cohorts and can exceed 1; see doc block funnel_rules.
#}

with

entries as (

    select * from {{ ref('int_funnel_stage_entries') }}

),

stage_order as (

    select
        stage,
        stage_order,
        lag(stage) over (order by stage_order) as previous_stage
    from {{ ref('funnel_stages') }}
    where is_success_path and in_{{ var('funnel_profile') }}

),

counted as (

    select
        entered_month as month,
        stage,
        {{ segment_columns() }},
        count(*) as entries
    from entries
    group by {{ segment_grouping_sets(['entered_month', 'stage']) }}

),

final as (

    select
        counted.month,
        counted.stage,
        counted.segment_type,
        counted.segment_value,
        counted.entries,
        stage_order.previous_stage,
        coalesce(previous.entries, 0) as previous_stage_entries,
        counted.entries / nullif(previous.entries, 0) as period_rate_from_previous
    from counted
    inner join stage_order
        on counted.stage = stage_order.stage
    left join counted as previous
        on stage_order.previous_stage = previous.stage
        and counted.month = previous.month
        and counted.segment_type = previous.segment_type
        and counted.segment_value = previous.segment_value

)

select * from final
