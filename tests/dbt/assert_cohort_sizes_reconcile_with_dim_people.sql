-- A returned row is a stage whose cohorts do not add up: the all-segment cohort sizes of a
-- from_stage (summed over months) must equal the people-cycles that entered it in
-- fct_stage_transitions, and the first-cycle part must equal dim_people's <stage>_at count.
{%- set stages = ['lead', 'mql', 'tql', 'sal', 'sql', 'opportunity'] %}

with

cohorts as (

    select
        from_stage as stage,
        sum(cohort_size) as cohort_entries
    from {{ ref('rpt_funnel_cohort_monthly') }}
    where segment_type = 'all'
        and to_stage = 'customer'
    group by from_stage

),

transitions as (

    select
        to_stage as stage,
        count(distinct person_id || ':' || cycle) as transition_entries,
        count(distinct person_id) filter (where cycle = 1) as first_cycle_people
    from {{ ref('fct_stage_transitions') }}
    where is_success_path
    group by to_stage

),

people as (

    {%- for stage in stages %}
        select
            '{{ stage }}' as stage,
            count({{ stage }}_at) as people_with_date
        from {{ ref('dim_people') }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select
    transitions.stage,
    cohorts.cohort_entries,
    transitions.transition_entries,
    transitions.first_cycle_people,
    people.people_with_date
from transitions
inner join people
    on transitions.stage = people.stage
left join cohorts
    on transitions.stage = cohorts.stage
where coalesce(cohorts.cohort_entries, 0) <> transitions.transition_entries
    or transitions.first_cycle_people <> people.people_with_date
