with

source as (

    select *
    from {{ raw_source(source('salesforce', 'user_role'), 'salesforce', 'user_role') }} as raw_table

),

renamed as (

    select
        cast(id as varchar) as user_role_id,
        {{ clean_text('name') }} as user_role_name

    from source

)

select * from renamed
