with

accounts as (

    select * from {{ ref('int_accounts_enriched') }}

),

people as (

    select * from {{ ref('int_people_enriched') }}

),

people_per_account as (

    select
        account_id,
        count(*) as known_people,
        count(*) filter (where buying_role = 'decision_maker') as known_decision_makers
    from people
    where account_id is not null
    group by account_id

),

final as (

    select
        accounts.account_id,
        accounts.owner_user_id,
        accounts.account_name,
        accounts.industry,
        accounts.number_of_employees,
        accounts.employee_band,
        accounts.annual_revenue,
        accounts.prefecture,
        accounts.region,
        accounts.country,
        coalesce(people_per_account.known_people, 0) as known_people,
        coalesce(people_per_account.known_decision_makers, 0) as known_decision_makers,
        accounts.created_at
    from accounts
    left join people_per_account
        on accounts.account_id = people_per_account.account_id

)

select * from final
