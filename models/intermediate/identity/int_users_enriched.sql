{# Users (cnf_users) with their team (seed user_role_teams) and manager's name. #}

with

users as (

    select * from {{ ref('cnf_users') }}
    where not is_deleted

),

user_role_teams as (

    select * from {{ ref('user_role_teams') }}

),

enriched as (

    select
        users.user_id,
        users.user_role_id,
        users.manager_user_id,
        users.user_name,
        users.email,
        users.department,
        users.title,
        users.is_active,
        users.user_role_name,
        coalesce(user_role_teams.team, users.user_role_name) as team,
        user_role_teams.team_ja,
        {# A role missing from the seed counts as sales when its department says so. #}
        coalesce(
            user_role_teams.is_sales,
            regexp_matches(coalesce(users.department, ''), '営業|セールス|(?i:sales)')
        ) as is_sales,
        user_role_teams.sales_motion,
        managers.user_name as manager_name
    from users
    left join user_role_teams
        on users.user_role_name = user_role_teams.role_name
    left join users as managers
        on users.manager_user_id = managers.user_id

)

select * from enriched
