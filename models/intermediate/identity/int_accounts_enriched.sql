{# Accounts (cnf_accounts) with their employee band and region (lookup seeds). #}

with

accounts as (

    select * exclude (source_system, is_deleted)
    from {{ ref('cnf_accounts') }}
    where not is_deleted

),

enriched as (

    select
        accounts.*,
        employee_bands.employee_band,
        prefecture_regions.region
    from accounts
    {{ join_employee_band('accounts.number_of_employees', ref('employee_bands')) }}
    {{ join_region('accounts.prefecture', ref('prefecture_regions')) }}

)

select * from enriched
