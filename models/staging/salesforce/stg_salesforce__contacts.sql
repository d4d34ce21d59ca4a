with

source as (

    select *
    from {{ raw_source(source('salesforce', 'contact'), 'salesforce', 'contact') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as contact_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('owner_id') }} as owner_user_id,

        ---------- person
        {{ clean_text('email') }} as email_raw,
        {{ normalize_email('email') }} as email,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ clean_text('title') }} as title,
        {{ clean_text('department') }} as department,
        {{ clean_text('phone') }} as phone,
        {{ clean_text('lead_source') }} as lead_source,

        ---------- timestamps
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
