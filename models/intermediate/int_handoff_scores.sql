{#
    Both scores at each MQL handoff: fit (current attributes) and engagement at the handoff
    moment (the latest score change at or before it, decayed to the handoff). Used for MQL
    quality (marketing SLA) and the scoring review.
#}

with

handoffs as (

    select handoff_id, person_id, handoff_at from {{ ref('int_mql_handoffs') }}

),

history as (

    select person_id, valid_from, engagement_score from {{ ref('fct_lead_score_history') }}

),

latest as (

    select
        handoffs.handoff_id,
        arg_max(history.engagement_score, history.valid_from) as engagement_at_change,
        max(history.valid_from) as changed_at,
        any_value(handoffs.handoff_at) as handoff_at
    from handoffs
    inner join history
        on handoffs.person_id = history.person_id
        and history.valid_from <= handoffs.handoff_at
    group by handoffs.handoff_id

),

final as (

    select
        handoffs.handoff_id,
        fit.fit_score as fit_score_at_handoff,
        coalesce(round(
            latest.engagement_at_change
            * {{ decay_factor(fractional_days('latest.changed_at', 'latest.handoff_at')) }},
            6
        ), 0) as engagement_score_at_handoff
    from handoffs
    inner join {{ ref('int_people_fit_scored') }} as fit
        on handoffs.person_id = fit.person_id
    left join latest
        on handoffs.handoff_id = latest.handoff_id

)

select * from final
