{# Salesforce accounts: the companies people work for. #}

select
    account_id,
    'salesforce' as source_system,
    owner_user_id,
    account_name,
    industry,
    prefecture,
    country,
    number_of_employees,
    annual_revenue,
    created_at,
    false as is_deleted
from {{ ref('stg_salesforce__accounts') }}
