{#
    The facts of each MQL handoff (a person entering mql, per cycle), before SLA rules:

    - owner: the owner at the handoff, from the owner assignments (cnf_owner_assignments). An
      assignment recorded at the mql entry or up to `handoff_assignment_grace_minutes` (15)
      after it belongs to the handoff: assignment rules run right after the status change.
      Before any recorded assignment, the owner before the first change; without any, the
      person's current owner.
    - touches: completed sales touches (int_sales_touches_unioned, by sales users) on the person
      at or after the handoff and before the person's next handoff (a recycled person's second
      handoff is measured on its own), up to as_of. A touch before the handoff does not count.
    - decision: the first entry after the handoff, in the same cycle, into sql or a later success
      stage (`sql`) or into disqualified / recycled / lost (`disqualified`).
    - contact_attempts: touches from the handoff until the decision, or until as_of.
    - not-SQL feedback (reason, detail): the CRM keeps only the lead's current values. When the
      CRM tracks the fields' history (any cnf_feedback_changes row), they belong to the latest
      handoff; when it does not, to the latest handoff that ended in not-SQL (a person recycled
      after a not-SQL decision and later made SQL keeps the reason on the earlier cycle).
      Another handoff's feedback is read from the fields'
      history (cnf_feedback_changes between that handoff and the next) when the CRM tracks
      it; otherwise it is unknown (is_feedback_known = false) and
      the feedback rule does not apply to it, rather than being judged on another cycle's values.
#}

with

transitions as (

    select * from {{ ref('int_stage_transitions') }}

),

people as (

    select
        person_id,
        owner_user_id,
        disqualification_reason,
        disqualification_detail
    from {{ ref('int_people_enriched') }}

),

handoffs as (

    select
        person_id,
        cycle,
        min(transitioned_at) as handoff_at
    from transitions
    where to_stage = 'mql'
    group by person_id, cycle

),

sequenced as (

    select
        *,
        lead(handoff_at) over (partition by person_id order by handoff_at) as next_handoff_at
    from handoffs

),

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

owner_assignments as (

    select
        person_records.person_id,
        assignments.owner_user_id,
        assignments.valid_from,
        assignments.valid_to
    from {{ ref('cnf_owner_assignments') }} as assignments
    inner join person_records
        on assignments.record_system = person_records.record_system
            and assignments.record_id = person_records.record_id

),

owners_at_handoff as (

    select
        sequenced.person_id,
        sequenced.cycle,
        arg_max(owner_assignments.owner_user_id, owner_assignments.valid_from) filter (
            where owner_assignments.valid_from
            <= sequenced.handoff_at + to_minutes({{ var('handoff_assignment_grace_minutes') }})
        ) as assigned_owner_user_id,
        arg_min(owner_assignments.owner_user_id, owner_assignments.valid_to) filter (
            where owner_assignments.valid_from is null
        ) as initial_owner_user_id
    from sequenced
    inner join owner_assignments
        on sequenced.person_id = owner_assignments.person_id
    group by sequenced.person_id, sequenced.cycle

),

touches as (

    select
        person_id,
        touched_at
    from {{ ref('int_sales_touches_unioned') }}
    where is_sales_user
        and touched_at <= {{ as_of() }}

),

decisions as (

    select
        sequenced.person_id,
        sequenced.cycle,
        arg_min(
            case when transitions.to_stage in ('sql', 'opportunity', 'customer') then 'sql' else 'disqualified' end,
            transitions.transition_seq
        ) as decision,
        min(transitions.transitioned_at) as decided_at
    from sequenced
    inner join transitions
        on sequenced.person_id = transitions.person_id
            and sequenced.cycle = transitions.cycle
            and sequenced.handoff_at <= transitions.transitioned_at
            and transitions.to_stage in ('sql', 'opportunity', 'customer', 'disqualified', 'recycled', 'lost')
    group by sequenced.person_id, sequenced.cycle

),

with_decisions as (

    select
        sequenced.*,
        decisions.decision,
        decisions.decided_at
    from sequenced
    left join decisions
        on sequenced.person_id = decisions.person_id
            and sequenced.cycle = decisions.cycle

),

touch_facts as (

    select
        with_decisions.person_id,
        with_decisions.cycle,
        min(touches.touched_at) as first_contact_at,
        count(touches.touched_at) filter (
            where touches.touched_at <= coalesce(with_decisions.decided_at, {{ as_of() }})
        ) as contact_attempts
    from with_decisions
    inner join touches
        on with_decisions.person_id = touches.person_id
            and with_decisions.handoff_at <= touches.touched_at
            and (with_decisions.next_handoff_at is null or with_decisions.next_handoff_at > touches.touched_at)
    group by with_decisions.person_id, with_decisions.cycle

),

feedback_changes as (

    select
        person_records.person_id,
        changes.changed_at,
        changes.feedback_value as new_value,
        changes.feedback_field
    from {{ ref('cnf_feedback_changes') }} as changes
    inner join person_records
        on changes.record_system = person_records.record_system
            and changes.record_id = person_records.record_id
    where changes.changed_at <= {{ as_of() }}

),

historic_feedback as (

    select
        with_decisions.person_id,
        with_decisions.cycle,
        arg_max(feedback_changes.new_value, feedback_changes.changed_at) filter (
            where feedback_changes.feedback_field = 'reason'
        ) as disqualification_reason,
        arg_max(feedback_changes.new_value, feedback_changes.changed_at) filter (
            where feedback_changes.feedback_field = 'detail'
        ) as disqualification_detail
    from with_decisions
    inner join feedback_changes
        on with_decisions.person_id = feedback_changes.person_id
            and with_decisions.handoff_at <= feedback_changes.changed_at
            and (
                with_decisions.next_handoff_at is null
                or with_decisions.next_handoff_at > feedback_changes.changed_at
            )
    group by with_decisions.person_id, with_decisions.cycle

),

{# whether the CRM tracks the history of the not-SQL fields at all #}
feedback_tracking as (

    select count(*) > 0 as is_tracked
    from {{ ref('cnf_feedback_changes') }}

),

latest_not_sql_cycles as (

    select
        person_id,
        max(cycle) as cycle
    from with_decisions
    where decision = 'disqualified'
    group by person_id

),

{# the cycle the lead's current not-SQL fields belong to #}
feedback_cycles as (

    select
        with_decisions.person_id,
        with_decisions.cycle,
        coalesce(
            case
                when feedback_tracking.is_tracked then with_decisions.next_handoff_at is null
                else with_decisions.cycle = latest_not_sql_cycles.cycle
            end,
            false
        ) as holds_current_feedback
    from with_decisions
    cross join feedback_tracking
    left join latest_not_sql_cycles
        on with_decisions.person_id = latest_not_sql_cycles.person_id

),

final as (

    select
        md5(with_decisions.person_id || ':' || cast(with_decisions.cycle as varchar)) as handoff_id,
        with_decisions.person_id,
        with_decisions.cycle,
        with_decisions.handoff_at,
        with_decisions.next_handoff_at,
        coalesce(
            owners_at_handoff.assigned_owner_user_id,
            owners_at_handoff.initial_owner_user_id,
            people.owner_user_id
        ) as owner_user_id,
        touch_facts.first_contact_at,
        cast(coalesce(touch_facts.contact_attempts, 0) as integer) as contact_attempts,
        with_decisions.decision,
        with_decisions.decided_at,
        case
            when coalesce(with_decisions.decision, '') <> 'disqualified' then null
            when feedback_cycles.holds_current_feedback then people.disqualification_reason
            else historic_feedback.disqualification_reason
        end as disqualification_reason,
        case
            when coalesce(with_decisions.decision, '') <> 'disqualified' then null
            when feedback_cycles.holds_current_feedback then people.disqualification_detail
            else historic_feedback.disqualification_detail
        end as disqualification_detail,
        coalesce(
            coalesce(with_decisions.decision, '') <> 'disqualified'
            or feedback_cycles.holds_current_feedback
            or historic_feedback.person_id is not null,
            false
        ) as is_feedback_known
    from with_decisions
    inner join people
        on with_decisions.person_id = people.person_id
    left join owners_at_handoff
        on with_decisions.person_id = owners_at_handoff.person_id
            and with_decisions.cycle = owners_at_handoff.cycle
    left join touch_facts
        on with_decisions.person_id = touch_facts.person_id
            and with_decisions.cycle = touch_facts.cycle
    inner join feedback_cycles
        on with_decisions.person_id = feedback_cycles.person_id
            and with_decisions.cycle = feedback_cycles.cycle
    left join historic_feedback
        on with_decisions.person_id = historic_feedback.person_id
            and with_decisions.cycle = historic_feedback.cycle

)

select * from final
