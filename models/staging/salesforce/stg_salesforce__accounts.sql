with

source as (

    select *
    from {{ raw_source(source('salesforce', 'account'), 'salesforce', 'account') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as account_id,
        {{ clean_text('owner_id') }} as owner_user_id,

        ---------- text
        {{ clean_text('name') }} as account_name,
        {{ clean_text('industry') }} as industry,
        {{ clean_text('billing_state') }} as prefecture,
        {{ clean_text('billing_country') }} as country,

        ---------- numbers
        cast(number_of_employees as bigint) as number_of_employees,
        cast(annual_revenue as double) as annual_revenue,

        ---------- timestamps
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
