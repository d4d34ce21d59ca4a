with

source as (

    select *
    from {{ raw_source(source('salesforce', 'opportunity'), 'salesforce', 'opportunity') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as opportunity_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('owner_id') }} as owner_user_id,
        {{ clean_text('campaign_id') }} as campaign_id,

        ---------- text
        {{ clean_text('name') }} as opportunity_name,
        {{ clean_text('type') }} as opportunity_type,
        {{ clean_text('stage_name') }} as stage_name,
        {{ clean_text('lead_source') }} as lead_source,
        {{ clean_text('loss_reason_c') }} as loss_reason,

        ---------- numbers
        cast(amount as double) as amount,
        cast(probability as double) as probability,

        ---------- booleans
        coalesce(cast(is_closed as boolean), false) as is_closed,
        coalesce(cast(is_won as boolean), false) as is_won,

        ---------- dates and timestamps
        cast(close_date as date) as close_date,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
