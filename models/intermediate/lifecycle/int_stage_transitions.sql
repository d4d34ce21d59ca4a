{#
    One row per stage entry of a person, in order. From the evidence in
    int_stage_events_unioned (stages outside the var funnel_profile's set are ignored):

    1. Cycles. A person's journey starts in cycle 1. An entry into mql after the person went
       to a side stage that ends a cycle (seed funnel_stages.ends_cycle: disqualified,
       recycled, lost; not `unmapped`) since their previous mql entry (or ever, for the first)
       starts the next cycle: a recycled person who re-qualifies.
    2. Repeats. Consecutive entries into the same stage are one entry (the first one): the
       same change reported twice, or two status values of one stage.
    3. Regressions. A success-path entry whose stage comes before the furthest stage already
       reached in the cycle is_regression (it moved backwards).
    4. Skips. When an entry moves forward past stages of the set that the cycle has not
       reached, those stages are inferred (evidence `inferred`, is_skip) at the later entry's
       time. Never below mql in a later cycle, and for sales-generated leads never into
       stages owned by marketing or inside sales: SGLs enter at sal/sql and are not MQLs.
#}

{%- set profile_column = 'in_' ~ var('funnel_profile') %}
{#- the columns an observed and an inferred entry share, in one place #}
{%- set entry_columns = 'person_id, stage, entered_at, evidence, source_system, source_value, '
    ~ 'source_event_id, stage_order, is_success_path, event_seq, cycle, is_regression, is_skip' %}
{%- if var('funnel_profile') not in ('startup', 'mid', 'large', 'b2b_full', 'b2c') %}
    {{ exceptions.raise_compiler_error("var funnel_profile must be one of startup, mid, large, b2b_full, b2c, not '" ~ var('funnel_profile') ~ "'") }}
{%- endif %}

with

evidence as (

    select * from {{ ref('int_stage_events_unioned') }}

),

stages as (

    select * from {{ ref('funnel_stages') }}
    where {{ profile_column }}

),

people as (

    select
        person_id,
        is_sales_generated
    from {{ ref('int_people_enriched') }}

),

ordered as (

    select
        evidence.*,
        stages.stage_order,
        stages.is_success_path,
        stages.ends_cycle,
        row_number() over (
            partition by evidence.person_id
            order by
                evidence.entered_at,
                stages.stage_order,
                case evidence.evidence
                    when 'status_history' then 1
                    when 'conversion' then 2
                    when 'opportunity' then 3
                    else 4
                end,
                evidence.source_event_id
        ) as event_seq
    from evidence
    inner join stages
        on evidence.stage = stages.stage

),

side_counted as (

    select
        *,
        sum(case when ends_cycle then 1 else 0 end) over (
            partition by person_id order by event_seq rows unbounded preceding
        ) as side_entries_so_far
    from ordered

),

reentries as (

    select
        *,
        stage = 'mql'
        and side_entries_so_far > coalesce(max(case when stage = 'mql' then side_entries_so_far end) over (
            partition by person_id order by event_seq
            rows between unbounded preceding and 1 preceding
        ), 0) as is_reentry
    from side_counted

),

cycled as (

    select
        *,
        cast(1 + sum(case when is_reentry then 1 else 0 end) over (
            partition by person_id order by event_seq rows unbounded preceding
        ) as integer) as cycle
    from reentries

),

collapsed as (

    select *
    from cycled
    qualify lag(stage) over (partition by person_id order by event_seq) is distinct from stage

),

with_reach as (

    select
        collapsed.*,
        max(case when is_success_path then stage_order end) over (
            partition by person_id, cycle order by event_seq
            rows between unbounded preceding and 1 preceding
        ) as reached_order
    from collapsed

),

observed as (

    select
        with_reach.*,
        is_success_path and stage_order < coalesce(reached_order, 0) as is_regression,
        false as is_skip
    from with_reach

),

inferred as (

    select
        observed.person_id,
        skipped.stage,
        observed.entered_at,
        'inferred' as evidence,
        'leadfunnel' as source_system,
        observed.stage as source_value,
        observed.source_event_id || ':skip:' || skipped.stage as source_event_id,
        skipped.stage_order,
        true as is_success_path,
        observed.event_seq,
        observed.cycle,
        false as is_regression,
        true as is_skip
    from observed
    inner join people
        on observed.person_id = people.person_id
    inner join stages as skipped
        on skipped.is_success_path
            and observed.stage_order > skipped.stage_order
            and skipped.stage_order > coalesce(observed.reached_order, 0)
            and (
                observed.cycle = 1
                or skipped.stage_order >= (
                    select stage_order from stages
                    where stage = 'mql'
                )
            )
            and (not people.is_sales_generated or skipped.owner_department = 'sales')
    where observed.is_success_path
        and observed.stage_order > coalesce(observed.reached_order, 0)

),

all_entries as (

    select {{ entry_columns }} from observed
    union all
    select {{ entry_columns }} from inferred

),

final as (

    select
        md5(person_id || ':' || source_event_id || ':' || stage) as transition_id,
        person_id,
        cycle,
        lag(stage) over (partition by person_id order by event_seq, stage_order) as from_stage,
        stage as to_stage,
        entered_at as transitioned_at,
        evidence,
        is_skip,
        is_regression,
        is_success_path,
        stage_order,
        cast(row_number() over (partition by person_id order by event_seq, stage_order) as integer) as transition_seq,
        source_system,
        source_value
    from all_entries

)

select * from final
