with

source as (

    select *
    from {{ raw_source(source('salesforce', 'opportunity_history'), 'salesforce', 'opportunity_history') }} as raw_table

),

renamed as (

    select
        cast(id as varchar) as opportunity_history_id,
        cast(opportunity_id as varchar) as opportunity_id,
        {{ clean_text('stage_name') }} as stage_name,
        cast(amount as double) as amount,
        cast(probability as double) as probability,
        cast(close_date as date) as close_date,
        cast(created_date as timestamp) as changed_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
