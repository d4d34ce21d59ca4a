{#
    One row per person: the golden record built from all of the person's source records.

    For each attribute the first non-null value wins, in this order: the CRM contact, then the
    CRM lead, then the MA person (sales keeps the CRM current; the MA holds what the person
    typed into forms); within a kind the most recently created record wins. lead_source is the
    opposite: the earliest record's source is how the person came in. The first-arrived record
    of each kind is the person's record of that kind (ma_record_id, crm_lead_record_id,
    crm_contact_record_id); the not-SQL feedback fields are that CRM lead's current values.
#}

with

person_records as (

    select * from {{ ref('int_person_records_resolved') }}

),

source_records as (

    select * from {{ ref('cnf_person_records') }}
    where not is_deleted

),

attributes as (

    select
        person_records.person_id,
        person_records.record_system,
        person_records.record_id,
        person_records.created_at,
        source_records.record_kind,
        case source_records.record_kind
            when 'crm_contact' then 1
            when 'crm_lead' then 2
            else 3
        end as system_priority,
        source_records.email,
        source_records.first_name,
        source_records.last_name,
        source_records.title,
        source_records.department,
        source_records.company_name,
        source_records.industry,
        source_records.number_of_employees,
        source_records.prefecture,
        source_records.phone,
        source_records.lead_source,
        source_records.account_id,
        source_records.owner_user_id
    from person_records
    inner join source_records
        on person_records.record_system = source_records.record_system
            and person_records.record_id = source_records.record_id

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

unified as (

    select
        person_id,
        {%- for column in best_of %}
            arg_min({{ column }}, attribute_rank) filter (where {{ column }} is not null) as {{ column }},
        {%- endfor %}
        arg_min(lead_source, arrival_rank) filter (where lead_source is not null) as lead_source,
        {%- set first_records = [
            ('ma_person', 'ma_record'),
            ('crm_lead', 'crm_lead_record'),
            ('crm_contact', 'crm_contact_record'),
        ] %}
        {%- for kind, column in first_records %}
            arg_min(record_id, arrival_rank) filter (where record_kind = '{{ kind }}') as {{ column }}_id,
            arg_min(record_system, arrival_rank) filter (where record_kind = '{{ kind }}') as {{ column }}_system,
        {%- endfor %}
        min(created_at) as created_at,
        count(*) as source_record_count
    from ranked
    group by person_id

),

final as (

    select
        unified.*,
        crm_leads.disqualification_reason,
        crm_leads.disqualification_detail
    from unified
    left join source_records as crm_leads
        on unified.crm_lead_record_system = crm_leads.record_system
            and unified.crm_lead_record_id = crm_leads.record_id

)

select * from final
