{#
    One row per scored marketing activity up to `as_of`. The rule is the one for the activity's
    (activity_type, category), else the activity type's rule with an empty category. A rule's
    daily_cap limits the points one person earns from it per JST calendar day: once the day's
    running total reaches the cap, further activities earn what is left of it, then 0.
#}

with

activities as (

    select * from {{ ref('int_marketing_activities_unioned') }}
    where activity_at <= {{ as_of() }}

),

rules as (

    select * from {{ ref('engagement_score_rules') }}

),

matched as (

    select
        activities.person_id,
        activities.activity_id,
        activities.activity_at as occurred_at,
        activities.activity_type,
        activities.category,
        coalesce(specific_rules.rule_id, fallback_rules.rule_id) as rule_id,
        coalesce(specific_rules.points, fallback_rules.points) as rule_points,
        case
            when specific_rules.rule_id is not null then specific_rules.daily_cap
            else fallback_rules.daily_cap
        end as daily_cap
    from activities
    left join rules as specific_rules
        on activities.activity_type = specific_rules.activity_type
            and activities.category = specific_rules.category
    left join rules as fallback_rules
        on activities.activity_type = fallback_rules.activity_type
            and fallback_rules.category is null

),

running as (

    select
        *,
        {{ business_date('occurred_at') }} as score_date,
        coalesce(sum(rule_points) over (
            partition by person_id, rule_id, {{ business_date('occurred_at') }}
            order by occurred_at, activity_id
            rows between unbounded preceding and 1 preceding
        ), 0) as points_before
    from matched
    where rule_id is not null

),

final as (

    select
        person_id,
        activity_id,
        occurred_at,
        score_date,
        activity_type,
        category,
        rule_id,
        rule_points,
        cast(case
            when daily_cap is null then rule_points
            else greatest(0, least(rule_points, daily_cap - points_before))
        end as integer) as points,
        daily_cap is not null and points_before + rule_points > daily_cap as is_capped
    from running

)

select * from final
