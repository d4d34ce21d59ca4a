with

source as (

    select *
    from {{ raw_source(source('salesforce', 'user'), 'salesforce', 'user') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as user_id,
        {{ clean_text('user_role_id') }} as user_role_id,
        {{ clean_text('manager_id') }} as manager_user_id,

        ---------- text
        {{ clean_text('name') }} as user_name,
        {{ normalize_email('email') }} as email,
        {{ clean_text('department') }} as department,
        {{ clean_text('title') }} as title,

        ---------- booleans
        coalesce(cast(is_active as boolean), true) as is_active

    from source

)

select * from renamed
