{#
    Both scores at each MQL handoff: fit (current attributes) and engagement at the handoff
    moment (the latest score change at or before it, decayed to the handoff). Used for MQL
    quality (marketing SLA) and the scoring review.
#}

with

handoffs as (

    select
        handoff_id,
        person_id,
        handoff_at
    from {{ ref('int_mql_handoffs') }}

),

engagement as (

    select * from {{ engagement_at('handoffs', 'handoff_id', 'handoff_at', ref('int_lead_score_history')) }}

),

final as (

    select
        handoffs.handoff_id,
        fit.fit_score as fit_score_at_handoff,
        coalesce(engagement.engagement_score, 0) as engagement_score_at_handoff
    from handoffs
    inner join {{ ref('int_people_fit_scored') }} as fit
        on handoffs.person_id = fit.person_id
    left join engagement
        on handoffs.handoff_id = engagement.moment_key

)

select * from final
