{#
    Salesforce's evidence of stage entries: every lead Status change (lead history), each lead's
    initial status at its creation (the old value of its first Status change, else its current
    status), and each conversion (stage sql: at the opportunity's creation, unless that is after
    as_of, else at the conversion date's start in the business time zone). Salesforce is the
    system of record for lead status.
#}

with

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

status_changes as (

    select
        lead_id,
        changed_at,
        old_value,
        new_value,
        lead_history_id
    from {{ ref('stg_salesforce__lead_histories') }}
    where lower(field_name) = 'status'

),

initial_statuses as (

    select
        leads.lead_id,
        leads.created_at as changed_at,
        coalesce(
            arg_min(status_changes.old_value, status_changes.changed_at),
            any_value(leads.status)
        ) as status
    from leads
    left join status_changes
        on leads.lead_id = status_changes.lead_id
    group by leads.lead_id, leads.created_at

),

status_evidence as (

    select
        'salesforce:' || lead_history_id as evidence_id,
        lead_id,
        changed_at,
        new_value as status
    from status_changes

    union all

    select
        'salesforce:initial:' || lead_id as evidence_id,
        lead_id,
        changed_at,
        status
    from initial_statuses

),

conversions as (

    select
        'conversion:' || leads.lead_id as evidence_id,
        leads.lead_id,
        case
            when opportunities.created_at <= {{ as_of() }} then opportunities.created_at
            else {{ from_business_time('cast(leads.converted_date as timestamp)') }}
        end as changed_at
    from leads
    left join {{ ref('stg_salesforce__opportunities') }} as opportunities
        on leads.converted_opportunity_id = opportunities.opportunity_id
    where leads.is_converted

)

select
    evidence_id,
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    changed_at as evidenced_at,
    'status_history' as evidence,
    'Status' as field,
    status as source_value,
    cast(null as varchar) as stage,
    true as is_system_of_record
from status_evidence

union all

select
    evidence_id,
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    changed_at as evidenced_at,
    'conversion' as evidence,
    'IsConverted' as field,
    'converted' as source_value,
    'sql' as stage,
    true as is_system_of_record
from conversions
