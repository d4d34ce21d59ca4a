{#
    One row per person: the golden record built from all of the person's source records.

    For each attribute the first non-null value wins, in this order: the Salesforce contact,
    then the Salesforce lead, then the Marketo lead (sales keeps the CRM current; the MA
    holds what the person typed into forms); within a system the most recently created record
    wins. lead_source is the opposite: the earliest record's source is how the person came in.
#}

with

person_records as (

    select * from {{ ref('int_person_records_resolved') }}

),

marketo_leads as (

    select * from {{ ref('stg_marketo__leads') }}

),

salesforce_leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

attributes as (

    select
        person_records.person_id,
        person_records.record_system,
        person_records.record_id,
        person_records.created_at,
        1 as system_priority,
        contacts.email,
        contacts.first_name,
        contacts.last_name,
        contacts.title,
        contacts.department,
        cast(null as varchar) as company_name,
        cast(null as varchar) as industry,
        cast(null as bigint) as number_of_employees,
        cast(null as varchar) as prefecture,
        contacts.phone,
        contacts.lead_source,
        contacts.account_id,
        contacts.owner_user_id,
        cast(null as bigint) as marketo_lead_id,
        cast(null as varchar) as salesforce_lead_id,
        contacts.contact_id as salesforce_contact_id
    from person_records
    inner join contacts
        on person_records.record_system = 'salesforce_contact'
            and person_records.record_id = contacts.contact_id

    union all

    select
        person_records.person_id,
        person_records.record_system,
        person_records.record_id,
        person_records.created_at,
        2 as system_priority,
        salesforce_leads.email,
        salesforce_leads.first_name,
        salesforce_leads.last_name,
        salesforce_leads.title,
        cast(null as varchar) as department,
        salesforce_leads.company_name,
        salesforce_leads.industry,
        salesforce_leads.number_of_employees,
        salesforce_leads.prefecture,
        salesforce_leads.phone,
        salesforce_leads.lead_source,
        salesforce_leads.converted_account_id as account_id,
        salesforce_leads.owner_user_id,
        cast(null as bigint) as marketo_lead_id,
        salesforce_leads.lead_id as salesforce_lead_id,
        cast(null as varchar) as salesforce_contact_id
    from person_records
    inner join salesforce_leads
        on person_records.record_system = 'salesforce_lead'
            and person_records.record_id = salesforce_leads.lead_id

    union all

    select
        person_records.person_id,
        person_records.record_system,
        person_records.record_id,
        person_records.created_at,
        3 as system_priority,
        marketo_leads.email,
        marketo_leads.first_name,
        marketo_leads.last_name,
        marketo_leads.title,
        cast(null as varchar) as department,
        marketo_leads.company_name,
        marketo_leads.industry,
        marketo_leads.number_of_employees,
        marketo_leads.prefecture,
        marketo_leads.phone,
        marketo_leads.lead_source,
        marketo_leads.salesforce_account_id as account_id,
        cast(null as varchar) as owner_user_id,
        marketo_leads.marketo_lead_id,
        cast(null as varchar) as salesforce_lead_id,
        cast(null as varchar) as salesforce_contact_id
    from person_records
    inner join marketo_leads
        on person_records.record_system = 'marketo_lead'
            and person_records.record_id = cast(marketo_leads.marketo_lead_id as varchar)

),

ranked as (

    select
        *,
        row_number() over (
            partition by person_id
            order by system_priority asc, created_at desc nulls last, record_id asc
        ) as attribute_rank,
        row_number() over (
            partition by person_id
            order by created_at asc nulls last, system_priority desc, record_id asc
        ) as arrival_rank
    from attributes

),

{%- set best_of = [
    'email', 'first_name', 'last_name', 'title', 'department', 'company_name', 'industry',
    'number_of_employees', 'prefecture', 'phone', 'account_id', 'owner_user_id',
] %}

final as (

    select
        person_id,
        {%- for column in best_of %}
            arg_min({{ column }}, attribute_rank) filter (where {{ column }} is not null) as {{ column }},
        {%- endfor %}
        arg_min(lead_source, arrival_rank) filter (where lead_source is not null) as lead_source,
        arg_min(marketo_lead_id, arrival_rank) filter (where marketo_lead_id is not null) as marketo_lead_id,
        arg_min(salesforce_lead_id, arrival_rank) filter (where salesforce_lead_id is not null) as salesforce_lead_id,
        arg_min(salesforce_contact_id, arrival_rank) filter (where salesforce_contact_id is not null)
            as salesforce_contact_id,
        min(created_at) as created_at,
        count(*) as source_record_count
    from ranked
    group by person_id

)

select * from final
