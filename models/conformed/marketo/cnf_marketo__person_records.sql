{#
    Marketo leads as person records, linked to the Salesforce contact or lead whose id they
    carry. A lead deleted in Marketo, or merged into another lead (which keeps its activities),
    is a deleted record.
#}

with

leads as (

    select * from {{ ref('stg_marketo__leads') }}

),

survivors as (

    select * from {{ ref('cnf_marketo_lead_survivors') }}

)

select
    'marketo' as source_system,
    'marketo_lead' as record_system,
    'ma_person' as record_kind,
    cast(leads.marketo_lead_id as varchar) as record_id,
    leads.salesforce_contact_id as linked_contact_id,
    leads.salesforce_lead_id as linked_lead_id,
    leads.email,
    leads.first_name,
    leads.last_name,
    leads.title,
    cast(null as varchar) as department,
    leads.company_name,
    leads.industry,
    leads.number_of_employees,
    leads.prefecture,
    leads.phone,
    leads.lead_source,
    leads.salesforce_account_id as account_id,
    cast(null as varchar) as owner_user_id,
    leads.created_at,
    cast(null as varchar) as current_status,
    false as is_converted,
    cast(null as date) as converted_date,
    cast(null as varchar) as converted_opportunity_id,
    cast(null as varchar) as disqualification_reason,
    cast(null as varchar) as disqualification_detail,
    coalesce(survivors.is_deleted or survivors.is_merged, false) as is_deleted
from leads
left join survivors
    on leads.marketo_lead_id = survivors.marketo_lead_id
