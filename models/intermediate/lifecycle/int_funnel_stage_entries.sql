{#
    First entry of each person into each success-path stage, per cycle, with the person's
    segments: the population of every funnel report.
#}

with

transitions as (

    select * from {{ ref('int_stage_transitions') }}
    where is_success_path

),

people as (

    select * from {{ ref('int_people_enriched') }}

),

users as (

    select * from {{ ref('int_users_enriched') }}

),

entries as (

    select
        person_id,
        cycle,
        to_stage as stage,
        any_value(stage_order) as stage_order,
        min(transitioned_at) as entered_at
    from transitions
    group by person_id, cycle, to_stage

),

final as (

    select
        entries.*,
        {{ business_month('entries.entered_at') }} as entered_month,
        {{ business_quarter('entries.entered_at') }} as entered_quarter,
        {{ segment_values() }}
    from entries
    inner join people
        on entries.person_id = people.person_id
    left join users
        on people.owner_user_id = users.user_id

)

select * from final
