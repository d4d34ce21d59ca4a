{#
    Salesforce opportunities with the moments their stage history shows: first won, first lost
    (stage names Closed Won / 受注, Closed Lost / 失注; else the close date's start in the
    business time zone for a closed opportunity).
#}

with

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

stage_moments as (

    select
        opportunity_id,
        min(changed_at) filter (where stage_name in ('Closed Won', '受注')) as won_at,
        min(changed_at) filter (where stage_name in ('Closed Lost', '失注')) as lost_at,
        count(*) as stage_change_count
    from {{ ref('stg_salesforce__opportunity_histories') }}
    group by opportunity_id

)

select
    opportunities.opportunity_id,
    'salesforce' as source_system,
    opportunities.account_id,
    opportunities.owner_user_id,
    opportunities.campaign_id,
    opportunities.opportunity_name,
    opportunities.opportunity_type,
    opportunities.stage_name,
    opportunities.lead_source,
    opportunities.amount,
    opportunities.is_closed,
    opportunities.is_won,
    opportunities.loss_reason,
    opportunities.close_date,
    opportunities.created_at,
    {%- set close_day_start = from_business_time('cast(opportunities.close_date as timestamp)') %}
    case
        when opportunities.is_won
            then coalesce(stage_moments.won_at, {{ close_day_start }})
    end as won_at,
    case
        when opportunities.is_closed and not opportunities.is_won
            then coalesce(stage_moments.lost_at, {{ close_day_start }})
    end as lost_at,
    cast(coalesce(stage_moments.stage_change_count, 0) as bigint) as stage_change_count,
    false as is_deleted
from opportunities
left join stage_moments
    on opportunities.opportunity_id = stage_moments.opportunity_id
