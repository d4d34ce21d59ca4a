{# Marketo leads as person records, linked to the Salesforce contact or lead whose id they carry. #}

with

leads as (

    select * from {{ ref('stg_marketo__leads') }}

)

select
    'marketo' as source_system,
    'marketo_lead' as record_system,
    'ma_person' as record_kind,
    cast(marketo_lead_id as varchar) as record_id,
    salesforce_contact_id as linked_contact_id,
    salesforce_lead_id as linked_lead_id,
    email,
    first_name,
    last_name,
    title,
    cast(null as varchar) as department,
    company_name,
    industry,
    number_of_employees,
    prefecture,
    phone,
    lead_source,
    salesforce_account_id as account_id,
    cast(null as varchar) as owner_user_id,
    created_at,
    cast(null as varchar) as current_status,
    false as is_converted,
    cast(null as date) as converted_date,
    cast(null as varchar) as converted_opportunity_id,
    cast(null as varchar) as disqualification_reason,
    cast(null as varchar) as disqualification_detail,
    false as is_deleted
from leads
