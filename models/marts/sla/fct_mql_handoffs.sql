{#
    One row per MQL handoff (a person entering mql, per cycle), measured against the SLA in
    seed sla_policies (rules stated in the doc block sla_rules and docs/DECISIONLOG.md).
    Business time uses dim_business_calendar and the business clock macros.
#}

{%- set span = business_minutes_per_day() %}

with

handoffs as (

    select * from {{ ref('int_mql_handoffs') }}

),

users as (

    select
        user_id,
        team
    from {{ ref('dim_users') }}

),

policies as (

    select
        max(threshold) filter (where rule = 'first_contact') as first_contact_threshold,
        coalesce(max(unit) filter (where rule = 'first_contact'), 'hours') as first_contact_unit,
        coalesce(max(threshold) filter (where rule = 'follow_up'), 0) as follow_up_attempts,
        max(threshold) filter (where rule = 'decision') as decision_business_days,
        coalesce(max(unit) filter (where rule = 'feedback'), 'required') as feedback_unit
    from {{ ref('sla_policies') }}

),

clocked as (

    select
        handoffs.*,
        policies.*,
        handoff_day.business_day_number as handoff_business_day_number,
        {{ business_clock('handoffs.handoff_at', 'handoff_day') }} as handoff_clock,
        {{ business_clock('handoffs.first_contact_at', 'contact_day') }} as contact_clock,
        decision_day.business_day_number as decision_business_day_number
    from handoffs
    cross join policies
    {{ join_business_day('handoffs.handoff_at', 'handoff_day', ref('dim_business_calendar')) }}
    {{ join_business_day('handoffs.first_contact_at', 'contact_day', ref('dim_business_calendar')) }}
    {{ join_business_day('handoffs.decided_at', 'decision_day', ref('dim_business_calendar')) }}

),

deadlines as (

    select
        clocked.*,
        case
            when clocked.first_contact_unit = 'business_hours'
                then
                    {{ business_clock_moment(
                        'clocked.handoff_clock + clocked.first_contact_threshold * 60',
                        'first_contact_deadline_day',
                    ) }}
            else clocked.handoff_at + to_microseconds(cast(clocked.first_contact_threshold * 3600000000 as bigint))
        end as first_contact_deadline_at,
        {{ from_business_time(
            'cast(decision_deadline_day.calendar_date as timestamp) + to_minutes(' ~ business_hours_end_minute() ~ ')'
        ) }} as decision_deadline_at
    from clocked
    left join {{ ref('dim_business_calendar') }} as first_contact_deadline_day
        on first_contact_deadline_day.is_business_day
            and first_contact_deadline_day.business_day_number
            = {{ business_clock_day_number('clocked.handoff_clock + clocked.first_contact_threshold * 60') }}
    left join {{ ref('dim_business_calendar') }} as decision_deadline_day
        on decision_deadline_day.is_business_day
            and decision_deadline_day.business_day_number
            = clocked.handoff_business_day_number + cast(clocked.decision_business_days as integer)

),

statuses as (

    select
        deadlines.*,
        case
            when first_contact_at is not null and first_contact_at <= first_contact_deadline_at then 'met'
            when first_contact_at is not null then 'breached'
            when {{ as_of() }} > first_contact_deadline_at then 'breached'
            else 'pending'
        end as first_contact_status,
        case
            when decision = 'sql' then 'met'
            when contact_attempts >= follow_up_attempts then 'met'
            when decision = 'disqualified' then 'breached'
            when {{ as_of() }} > decision_deadline_at then 'breached'
            else 'pending'
        end as follow_up_status,
        case
            when decided_at is not null and decided_at <= decision_deadline_at then 'met'
            when decided_at is not null then 'breached'
            when {{ as_of() }} > decision_deadline_at then 'breached'
            else 'pending'
        end as decision_status,
        case
            when feedback_unit = 'not_required' then 'not_applicable'
            when decision = 'sql' then 'not_applicable'
            {# an earlier cycle's feedback the CRM no longer shows (see int_mql_handoffs) #}
            when decision = 'disqualified' and not is_feedback_known then 'not_applicable'
            when decision = 'disqualified'
                and disqualification_reason is not null
                and disqualification_detail is not null then 'met'
            when decision = 'disqualified' then 'breached'
            else 'pending'
        end as feedback_status
    from deadlines

),

{# the score grade at the handoff, graded as dim_people.score_grade is (macros fit_grade, engagement_band) #}
graded_scores as (

    select
        handoff_id,
        fit_score_at_handoff,
        engagement_score_at_handoff,
        {{ fit_grade('fit_score_at_handoff') }} as fit_grade_at_handoff,
        cast({{ engagement_band('engagement_score_at_handoff') }} as varchar) as engagement_band_at_handoff
    from {{ ref('int_handoff_scores') }}

),

final as (

    select
        statuses.handoff_id,
        statuses.person_id,
        cast(statuses.cycle as integer) as cycle,
        statuses.handoff_at,
        {{ business_date('statuses.handoff_at') }} as handoff_date,
        statuses.owner_user_id,
        users.team,
        statuses.first_contact_at,
        round({{ fractional_days('statuses.handoff_at', 'statuses.first_contact_at') }} * 1440, 2)
            as minutes_to_first_contact,
        round(statuses.contact_clock - statuses.handoff_clock, 2) as business_minutes_to_first_contact,
        case
            when statuses.first_contact_at is null then 'none'
            when statuses.first_contact_at <= statuses.handoff_at + interval 5 minute then '<=5m'
            when statuses.first_contact_at <= statuses.handoff_at + interval 1 hour then '<=1h'
            when statuses.first_contact_at <= statuses.handoff_at + interval 24 hour then '<=24h'
            else '>24h'
        end as first_contact_bucket,
        statuses.contact_attempts,
        statuses.decision,
        statuses.decided_at,
        cast(statuses.decision_business_day_number - statuses.handoff_business_day_number as integer)
            as business_days_to_decision,
        statuses.disqualification_reason,
        statuses.disqualification_detail,
        statuses.first_contact_deadline_at,
        statuses.decision_deadline_at,
        statuses.first_contact_status,
        statuses.follow_up_status,
        statuses.decision_status,
        statuses.feedback_status,
        case
            when 'breached' in (
                    statuses.first_contact_status, statuses.follow_up_status,
                    statuses.decision_status, statuses.feedback_status
                ) then false
            when 'pending' in (
                    statuses.first_contact_status, statuses.follow_up_status,
                    statuses.decision_status, statuses.feedback_status
                ) then null
            else true
        end as is_sla_compliant,
        scores.fit_score_at_handoff,
        scores.engagement_score_at_handoff,
        coalesce(
            scores.fit_score_at_handoff >= {{ var('mql_fit_threshold') }}
            and scores.engagement_score_at_handoff >= {{ var('mql_engagement_threshold') }},
            false
        ) as is_score_qualified_at_handoff,
        scores.fit_grade_at_handoff,
        scores.engagement_band_at_handoff,
        scores.fit_grade_at_handoff || scores.engagement_band_at_handoff as score_grade_at_handoff
    from statuses
    left join users
        on statuses.owner_user_id = users.user_id
    left join graded_scores as scores
        on statuses.handoff_id = scores.handoff_id

)

select * from final
