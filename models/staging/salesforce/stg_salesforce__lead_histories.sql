with

source as (

    select *
    from {{ raw_source(source('salesforce', 'lead_history'), 'salesforce', 'lead_history') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as lead_history_id,
        cast(lead_id as varchar) as lead_id,
        {{ clean_text('created_by_id') }} as created_by_user_id,

        ---------- change
        {{ clean_text('field') }} as field_name,
        {{ clean_text('old_value') }} as old_value,
        {{ clean_text('new_value') }} as new_value,

        ---------- timestamps
        cast(created_date as timestamp) as changed_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
