{# Salesforce contacts and leads as person records. A lead links to the contact it converted into. #}

with

contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

contact_records as (

    select
        'salesforce' as source_system,
        'salesforce_contact' as record_system,
        'crm_contact' as record_kind,
        contact_id as record_id,
        cast(null as varchar) as linked_contact_id,
        cast(null as varchar) as linked_lead_id,
        email,
        first_name,
        last_name,
        title,
        department,
        cast(null as varchar) as company_name,
        cast(null as varchar) as industry,
        cast(null as bigint) as number_of_employees,
        cast(null as varchar) as prefecture,
        phone,
        lead_source,
        account_id,
        owner_user_id,
        created_at,
        cast(null as varchar) as current_status,
        false as is_converted,
        cast(null as date) as converted_date,
        cast(null as varchar) as converted_opportunity_id,
        cast(null as varchar) as disqualification_reason,
        cast(null as varchar) as disqualification_detail,
        false as is_deleted
    from contacts

),

lead_records as (

    select
        'salesforce' as source_system,
        'salesforce_lead' as record_system,
        'crm_lead' as record_kind,
        lead_id as record_id,
        converted_contact_id as linked_contact_id,
        cast(null as varchar) as linked_lead_id,
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
        converted_account_id as account_id,
        owner_user_id,
        created_at,
        status as current_status,
        is_converted,
        converted_date,
        converted_opportunity_id,
        disqualification_reason,
        disqualification_detail,
        false as is_deleted
    from leads

)

select * from contact_records
union all
select * from lead_records
