{# Salesforce users with their role's name (teams come from seed user_role_teams in the core). #}

select
    users.user_id,
    'salesforce' as source_system,
    users.user_name,
    users.email,
    users.department,
    users.title,
    users.user_role_id,
    user_roles.user_role_name,
    users.manager_user_id,
    users.is_active,
    false as is_deleted
from {{ ref('stg_salesforce__users') }} as users
left join {{ ref('stg_salesforce__user_roles') }} as user_roles
    on users.user_role_id = user_roles.user_role_id
