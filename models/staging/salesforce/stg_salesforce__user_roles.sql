with

source as (

    select * from {{ source('salesforce', 'user_role') }}

),

renamed as (

    select
        cast(id as varchar) as user_role_id,
        {{ clean_text('name') }} as user_role_name

    from source

)

select * from renamed
