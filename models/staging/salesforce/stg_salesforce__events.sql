with

source as (

    select *
    from {{ raw_source(source('salesforce', 'event'), 'salesforce', 'event') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as event_id,
        {{ clean_text('who_id') }} as who_id,
        {{ clean_text('what_id') }} as what_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('owner_id') }} as owner_user_id,

        ---------- text
        {{ clean_text('subject') }} as subject,
        {{ clean_text('type') }} as event_type,

        ---------- timestamps
        cast(start_date_time as timestamp) as started_at,
        cast(end_date_time as timestamp) as ended_at,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
