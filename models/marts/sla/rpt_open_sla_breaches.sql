{#
    What the escalation alert reads: at as_of, one row per undecided handoff and rule
    (first_contact, decision) whose deadline has passed (`breached`) or falls within the next
    `due_soon_hours` (4) hours (`due_soon`). A first-contact row disappears once the lead is
    contacted; both disappear once sales decides. escalate_to_user_id is the owner's manager.
    The lead's latest behaviour is the handoff summary the rep and manager need.
#}

with

handoffs as (

    select * from {{ ref('fct_mql_handoffs') }}
    where decision is null

),

rules as (

    select
        handoff_id,
        'first_contact' as rule,
        first_contact_deadline_at as deadline_at
    from handoffs
    where first_contact_at is null

    union all

    select
        handoff_id,
        'decision' as rule,
        decision_deadline_at as deadline_at
    from handoffs

),

open_rules as (

    select
        rules.*,
        case when {{ as_of() }} > rules.deadline_at then 'breached' else 'due_soon' end as status,
        round({{ fractional_days('rules.deadline_at', as_of()) }} * 24, 2) as hours_overdue
    from rules
    where rules.deadline_at is not null
        and rules.deadline_at <= {{ as_of() }} + to_hours({{ var('due_soon_hours') }})

),

latest_behaviour as (

    {# one row per person: the latest activity (ties broken by activity id), so type and detail match #}
    select
        person_id,
        activity_type as latest_activity_type,
        detail as latest_activity_detail,
        activity_at as latest_activity_at
    from {{ ref('int_marketing_activities_unioned') }}
    where activity_at <= {{ as_of() }}
    qualify
        row_number() over (partition by person_id order by activity_at desc, activity_id desc) = 1

),

final as (

    select
        open_rules.handoff_id,
        handoffs.person_id,
        open_rules.rule,
        open_rules.status,
        open_rules.deadline_at,
        open_rules.hours_overdue,
        handoffs.handoff_at,
        handoffs.owner_user_id,
        owners.manager_user_id as escalate_to_user_id,
        handoffs.team,
        people.full_name as lead_name,
        people.company_name,
        people.title,
        people.score_grade,
        latest_behaviour.latest_activity_type,
        latest_behaviour.latest_activity_detail,
        latest_behaviour.latest_activity_at,
        {{ as_of() }} as evaluated_as_of,
        owners.user_name as owner_name,
        owners.manager_name as escalate_to_name,
        owners.team_ja
    from open_rules
    inner join handoffs
        on open_rules.handoff_id = handoffs.handoff_id
    left join {{ ref('dim_users') }} as owners
        on handoffs.owner_user_id = owners.user_id
    left join {{ ref('dim_people') }} as people
        on handoffs.person_id = people.person_id
    left join latest_behaviour
        on handoffs.person_id = latest_behaviour.person_id

)

select * from final
