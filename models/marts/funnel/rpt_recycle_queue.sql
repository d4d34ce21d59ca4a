{#
    Who to approach again, and when (DOMAIN.md "Recycling"), at as_of:
    - disqualified / recycled: people whose current stage is one of these (back in nurture
      since their latest entry), with the disqualification reason;
    - lost: people whose latest stage is a lost opportunity, with the loss reason;
    - dormant: anyone else not a customer and not in an open opportunity, with no behaviour and
      no sales touch for `dormant_after_days` (since_at = their last sign of life).
    recontact_on comes from seed recycle_rules: the row for the reason type and reason, else
    the reason type's default row. A recontact_on on or before as_of's date is due now.
#}

with

people as (

    select * from {{ ref('dim_people') }}

),

transitions as (

    select * from {{ ref('fct_stage_transitions') }}

),

{# sales's current not-SQL feedback, from the person's CRM lead #}
feedback as (

    select
        person_id,
        disqualification_reason,
        disqualification_detail
    from {{ ref('int_people_enriched') }}

),

opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where person_id is not null and lost_at is not null and lost_at <= {{ as_of() }}

),

rules as (

    select * from {{ ref('recycle_rules') }}

),

latest_losses as (

    select
        person_id,
        arg_max(loss_reason, lost_at) as loss_reason
    from opportunities
    group by person_id

),

latest_entries as (

    select
        person_id,
        arg_max(to_stage, transition_seq) as latest_stage,
        max(transitioned_at) as latest_at
    from transitions
    {# an MA resetting Lead Status to 新規 after recycling keeps the person in the queue #}
    where not (is_regression and to_stage = 'lead')
    group by person_id

),

side_queue as (

    select
        people.person_id,
        latest_entries.latest_stage as reason_type,
        case
            when latest_entries.latest_stage = 'lost' then lost.loss_reason
            else feedback.disqualification_reason
        end as reason,
        latest_entries.latest_at as since_at,
        people.owner_user_id
    from people
    inner join latest_entries
        on people.person_id = latest_entries.person_id
    left join feedback
        on people.person_id = feedback.person_id
    left join latest_losses as lost
        on people.person_id = lost.person_id
    where latest_entries.latest_stage in ('disqualified', 'recycled', 'lost')

),

last_signs_of_life as (

    select
        person_id,
        max(activity_at) as last_at
    from {{ ref('int_marketing_activities_unioned') }}
    where activity_at <= {{ as_of() }}
    group by person_id

    union all

    select
        person_id,
        max(touched_at) as last_at
    from {{ ref('int_sales_touches_unioned') }}
    where touched_at <= {{ as_of() }}
    group by person_id

    union all

    select
        person_id,
        created_at as last_at
    from people
    where created_at <= {{ as_of() }}

),

dormant_queue as (

    select
        people.person_id,
        'dormant' as reason_type,
        cast(null as varchar) as reason,
        max(last_signs_of_life.last_at) as since_at,
        any_value(people.owner_user_id) as owner_user_id
    from people
    inner join last_signs_of_life
        on people.person_id = last_signs_of_life.person_id
    where coalesce(people.current_stage, 'lead') not in ('customer', 'opportunity', 'disqualified', 'recycled', 'lost')
    group by people.person_id
    having max(last_signs_of_life.last_at) <= {{ as_of() }} - to_days({{ var('dormant_after_days') }})

),

queue as (

    select * from side_queue
    union all
    select * from dormant_queue

),

final as (

    select
        queue.person_id,
        queue.reason_type,
        queue.reason,
        queue.since_at,
        {{ recontact_date(
            'coalesce(specific_rules.recontact_rule, default_rules.recontact_rule)',
            'case when specific_rules.recontact_rule is not null then specific_rules.months_after else default_rules.months_after end',
            business_date('queue.since_at')
        ) }} as recontact_on,
        queue.owner_user_id,
        coalesce(specific_rules.note, default_rules.note) as rule_note
    from queue
    left join rules as specific_rules
        on queue.reason_type = specific_rules.reason_type
            and queue.reason = specific_rules.reason
    left join rules as default_rules
        on queue.reason_type = default_rules.reason_type
            and default_rules.reason is null

)

select * from final
