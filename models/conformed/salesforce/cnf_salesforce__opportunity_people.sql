{#
    Which person records an opportunity came from, best first: the leads converted into it
    (earliest created first), then its contact roles (the primary role first, then by role id).
    link_rank sorts those candidates as text; the core takes the first that resolves to a person.
#}

select
    converted_opportunity_id as opportunity_id,
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    'converted_lead' as link_kind,
    '0|' || strftime(created_at, '%Y-%m-%d %H:%M:%S.%f') || '|' || lead_id as link_rank
from {{ ref('stg_salesforce__leads') }}
where converted_opportunity_id is not null

union all

select
    opportunity_id,
    'salesforce' as source_system,
    'salesforce_contact' as record_system,
    contact_id as record_id,
    'contact_role' as link_kind,
    '1|' || (case when is_primary then '0' else '1' end) || opportunity_contact_role_id as link_rank
from {{ ref('stg_salesforce__opportunity_contact_roles') }}
