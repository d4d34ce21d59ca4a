{#
    Account scoring for ringi-style buying (稟議): several people at one company take part, so
    marketing also qualifies accounts. Per account, at `as_of`: the people we know, those
    engaged in the last `account_engaged_window_days` (a scored activity in that window), the
    engaged decision makers and influencers (by title level), summed and max engagement
    (decayed to as_of), and the account's fit (the fit rules applied to the account's own
    attributes: industry, size, region).

    is_mqa (marketing-qualified account) holds when all of these hold (vars):
    account_fit >= mqa_min_account_fit, engaged_people >= mqa_min_engaged_people,
    engaged_decision_makers >= mqa_min_engaged_decision_makers,
    total_engagement >= mqa_min_total_engagement.
#}

with

accounts as (

    select * from {{ ref('int_accounts_enriched') }}

),

people as (

    select * from {{ ref('dim_people') }}
    where account_id is not null

),

recent_events as (

    select distinct person_id
    from {{ ref('fct_score_events') }}
    where points > 0
        and occurred_at > {{ as_of() }} - to_days({{ var('account_engaged_window_days') }})

),

account_entities as (

    select
        account_id as entity_id,
        industry,
        number_of_employees,
        employee_band,
        region,
        prefecture
    from accounts

),

account_fit as (

    select
        entity_id as account_id,
        sum(points) as account_fit
    from {{ fit_rule_matches('account_entities', ref('fit_score_rules')) }}
    group by entity_id

),

per_account as (

    select
        people.account_id,
        count(*) as known_people,
        count(recent_events.person_id) as engaged_people,
        count(recent_events.person_id) filter (
            where people.buying_role = 'decision_maker'
        ) as engaged_decision_makers,
        count(recent_events.person_id) filter (
            where people.buying_role = 'influencer'
        ) as engaged_influencers,
        round(sum(people.engagement_score), 6) as total_engagement,
        round(max(people.engagement_score), 6) as max_engagement,
        max(people.fit_score) as max_person_fit
    from people
    left join recent_events
        on people.person_id = recent_events.person_id
    group by people.account_id

),

final as (

    select
        accounts.account_id,
        accounts.account_name,
        coalesce(per_account.known_people, 0) as known_people,
        coalesce(per_account.engaged_people, 0) as engaged_people,
        coalesce(per_account.engaged_decision_makers, 0) as engaged_decision_makers,
        coalesce(per_account.engaged_influencers, 0) as engaged_influencers,
        coalesce(per_account.total_engagement, 0) as total_engagement,
        coalesce(per_account.max_engagement, 0) as max_engagement,
        cast(coalesce(account_fit.account_fit, 0) as integer) as account_fit,
        cast(coalesce(per_account.max_person_fit, 0) as integer) as max_person_fit,
        coalesce(account_fit.account_fit, 0) >= {{ var('mqa_min_account_fit') }}
        and coalesce(per_account.engaged_people, 0) >= {{ var('mqa_min_engaged_people') }}
        and coalesce(per_account.engaged_decision_makers, 0) >= {{ var('mqa_min_engaged_decision_makers') }}
        and coalesce(per_account.total_engagement, 0) >= {{ var('mqa_min_total_engagement') }}
            as is_mqa,
        {{ as_of() }} as scored_as_of
    from accounts
    left join per_account
        on accounts.account_id = per_account.account_id
    left join account_fit
        on accounts.account_id = account_fit.account_id

)

select * from final
