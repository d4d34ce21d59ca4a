with

users as (

    select * from {{ ref('stg_salesforce__users') }}

),

user_roles as (

    select * from {{ ref('stg_salesforce__user_roles') }}

),

user_role_teams as (

    select * from {{ ref('user_role_teams') }}

),

enriched as (

    select
        users.*,
        user_roles.user_role_name,
        coalesce(user_role_teams.team, user_roles.user_role_name) as team,
        user_role_teams.team_ja,
        {# A role missing from the seed counts as sales when its department says so. #}
        coalesce(
            user_role_teams.is_sales,
            regexp_matches(coalesce(users.department, ''), '営業|セールス|(?i:sales)')
        ) as is_sales,
        user_role_teams.sales_motion,
        managers.user_name as manager_name
    from users
    left join user_roles
        on users.user_role_id = user_roles.user_role_id
    left join user_role_teams
        on user_roles.user_role_name = user_role_teams.role_name
    left join users as managers
        on users.manager_user_id = managers.user_id

)

select * from enriched
