with

users as (

    select * from {{ ref('int_users_enriched') }}

),

final as (

    select
        user_id,
        user_name,
        email,
        department,
        title,
        user_role_id,
        user_role_name,
        team,
        team_ja,
        is_sales,
        sales_motion,
        manager_user_id,
        manager_name,
        is_active
    from users

)

select * from final
