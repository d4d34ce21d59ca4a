{#
    The lead score as it changes: one row per person per moment the score changes.

    Engagement only rises at scored events and decays in between, so the history needs a row
    per event time (plus one at the person's creation, with engagement 0), never a row per day.
    The decayed sum at event i is computed with one window sum:

        E(t_i) = sum_{j<=i} p_j * 0.5^((t_i - t_j)/h)
               = 0.5^((t_i - t0)/h) * sum_{j<=i} p_j * 2^((t_j - t0)/h)

    with t0 the person's first event. Because engagement is highest right at an event, the
    first qualifying moment is always an event time, which this history has exactly. Scores are
    rounded to 6 decimals before comparing with the thresholds, so an event that brings the
    score to exactly the threshold qualifies despite floating point.
    The same per-person state (t0, running sum) is what an incremental version would carry.
#}

{%- set half_life = var('engagement_half_life_days') | float %}

with

score_events as (

    select * from {{ ref('int_score_events') }}
    where points > 0

),

people as (

    select
        dim.person_id,
        dim.created_at,
        fit.fit_score
    from {{ ref('int_people_enriched') }} as dim
    inner join {{ ref('int_people_fit_scored') }} as fit
        on dim.person_id = fit.person_id

),

points_per_moment as (

    select
        person_id,
        occurred_at,
        sum(points) as points,
        cast(count(*) as integer) as scored_events
    from score_events
    group by person_id, occurred_at

),

anchored as (

    select
        *,
        min(occurred_at) over (partition by person_id) as first_event_at
    from points_per_moment

),

decayed as (

    select
        person_id,
        occurred_at as valid_from,
        cast(points as integer) as points_added,
        scored_events,
        round(
            sum(points / {{ decay_factor(fractional_days('first_event_at', 'occurred_at')) }})
                over (partition by person_id order by occurred_at rows unbounded preceding)
            * {{ decay_factor(fractional_days('first_event_at', 'occurred_at')) }},
            6
        ) as engagement_score
    from anchored

),

creation_rows as (

    select
        people.person_id,
        people.created_at as valid_from,
        cast(0 as integer) as points_added,
        cast(0 as integer) as scored_events,
        0.0 as engagement_score
    from people
    left join anchored
        on people.person_id = anchored.person_id
            and people.created_at >= anchored.occurred_at
    where people.created_at is not null
        and people.created_at <= {{ as_of() }}
        and anchored.person_id is null

),

moments as (

    select * from decayed
    union all
    select * from creation_rows

),

final as (

    select
        moments.person_id,
        moments.valid_from,
        lead(moments.valid_from) over (
            partition by moments.person_id order by moments.valid_from
        ) as valid_to,
        people.fit_score,
        moments.engagement_score,
        moments.points_added,
        moments.scored_events,
        people.fit_score >= {{ var('mql_fit_threshold') }}
        and moments.engagement_score >= {{ var('mql_engagement_threshold') }}
            as is_mql_qualified,
        {%- if half_life > 0 %}
            case
                when moments.engagement_score >= {{ var('mql_engagement_threshold') }}
                    and {{ var('mql_engagement_threshold') }} > 0
                    then moments.valid_from + to_microseconds(cast(
                            {{ half_life }} * 86400000000.0
                            * log2(moments.engagement_score / {{ var('mql_engagement_threshold') }})
                            as bigint
                        ))
            end as engagement_falls_below_at
        {%- else %}
        cast(null as timestamp) as engagement_falls_below_at
        {%- endif %}
    from moments
    inner join people
        on moments.person_id = people.person_id

)

select * from final
