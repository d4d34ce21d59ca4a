with

source as (

    select *
    from {{ raw_source(source('salesforce', 'campaign_member'), 'salesforce', 'campaign_member') }} as raw_table

),

renamed as (

    select
        cast(id as varchar) as campaign_member_id,
        cast(campaign_id as varchar) as campaign_id,
        {{ clean_text('lead_id') }} as lead_id,
        {{ clean_text('contact_id') }} as contact_id,
        {{ clean_text('status') }} as member_status,
        coalesce(cast(has_responded as boolean), false) as has_responded,
        cast(first_responded_date as date) as first_responded_date,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
