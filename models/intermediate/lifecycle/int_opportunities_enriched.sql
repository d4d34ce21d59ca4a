{#
    Opportunities with the person they came from (the lead converted into them, else the
    primary contact role, else the earliest contact role) and the moments their stage history
    shows: created, first won, first lost, closed.
#}

with

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}

),

histories as (

    select * from {{ ref('stg_salesforce__opportunity_histories') }}

),

contact_roles as (

    select * from {{ ref('stg_salesforce__opportunity_contact_roles') }}

),

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

converted_leads as (

    select
        salesforce_leads.converted_opportunity_id as opportunity_id,
        arg_min(person_records.person_id, salesforce_leads.created_at) as person_id
    from {{ ref('stg_salesforce__leads') }} as salesforce_leads
    inner join person_records
        on person_records.record_system = 'salesforce_lead'
            and salesforce_leads.lead_id = person_records.record_id
    where salesforce_leads.converted_opportunity_id is not null
    group by salesforce_leads.converted_opportunity_id

),

role_people as (

    select
        contact_roles.opportunity_id,
        arg_min(
            person_records.person_id,
            (case when contact_roles.is_primary then '0' else '1' end)
            || contact_roles.opportunity_contact_role_id
        ) as person_id
    from contact_roles
    inner join person_records
        on person_records.record_system = 'salesforce_contact'
            and contact_roles.contact_id = person_records.record_id
    group by contact_roles.opportunity_id

),

stage_moments as (

    select
        opportunity_id,
        min(changed_at) as first_history_at,
        min(changed_at) filter (where stage_name in ('Closed Won', '受注')) as won_at,
        min(changed_at) filter (where stage_name in ('Closed Lost', '失注')) as lost_at,
        count(*) as stage_change_count
    from histories
    group by opportunity_id

),

final as (

    select
        opportunities.opportunity_id,
        coalesce(converted_leads.person_id, role_people.person_id) as person_id,
        opportunities.account_id,
        opportunities.owner_user_id,
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
        coalesce(stage_moments.stage_change_count, 0) as stage_change_count
    from opportunities
    left join converted_leads
        on opportunities.opportunity_id = converted_leads.opportunity_id
    left join role_people
        on opportunities.opportunity_id = role_people.opportunity_id
    left join stage_moments
        on opportunities.opportunity_id = stage_moments.opportunity_id

)

select * from final
