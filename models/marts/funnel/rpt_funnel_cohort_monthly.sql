-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    Cohort conversion: of the people (per cycle) who entered from_stage in a JST month, how many
    reached to_stage in the same cycle, how fast. Every later success-path stage is a to_stage,
    so mql -> customer is the end-to-end rate. See doc block funnel_rules.
#}

{%- set windows = [30, 90, 180] %}

with

members as (

    select
        *,
        entered_month as cohort_month
    from {{ ref('int_funnel_stage_pairs') }}

),

aggregated as (

    select
        cohort_month,
        from_stage,
        to_stage,
        {{ segment_columns() }},
        count(*) as cohort_size,
        count(*) filter (where is_converted) as converted_count,
        {%- for days in windows %}
        count(*) filter (where is_converted and days_to_convert <= {{ days }}) as converted_within_{{ days }}d,
        {%- endfor %}
        median(days_to_convert) filter (where is_converted) as median_days_to_convert
    from members
    group by {{ segment_grouping_sets(['cohort_month', 'from_stage', 'to_stage']) }}

),

{# one maturity rule for every cohort rate: seed funnel_stages.cohort_maturity_days of to_stage #}
maturity as (

    select
        stage,
        cohort_maturity_days
    from {{ ref('funnel_stages') }}

),

with_maturity as (

    select
        aggregated.*,
        maturity.cohort_maturity_days
    from aggregated
    left join maturity
        on aggregated.to_stage = maturity.stage

),

final as (

    select
        cohort_month,
        from_stage,
        to_stage,
        segment_type,
        segment_value,
        cohort_size,
        converted_count,
        converted_count / cohort_size as conversion_rate,
        {%- for days in windows %}
        converted_within_{{ days }}d,
        {%- endfor %}
        round(median_days_to_convert, 2) as median_days_to_convert,
        {{ cohort_is_mature('cohort_month', 'cohort_maturity_days') }} as is_mature
    from with_maturity

)

select * from final
