with

source as (

    select *
    from {{ raw_source(source('salesforce', 'campaign'), 'salesforce', 'campaign') }} as raw_table

),

renamed as (

    select
        cast(id as varchar) as campaign_id,
        {{ clean_text('name') }} as campaign_name,
        {{ clean_text('type') }} as campaign_type,
        {{ clean_text('status') }} as status,
        coalesce(cast(is_active as boolean), false) as is_active,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
