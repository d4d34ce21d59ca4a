with

accounts as (

    select * from {{ ref('stg_salesforce__accounts') }}

),

enriched as (

    select
        accounts.*,
        employee_bands.employee_band,
        prefecture_regions.region
    from accounts
    {{ join_employee_band('accounts.number_of_employees') }}
    {{ join_region('accounts.prefecture') }}

)

select * from enriched
