-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02
{#
    Sales's not-SQL feedback over time: changes of the lead's not-SQL reason and detail fields
    (Disqualification_Reason__c / _Detail__c, or the columns var custom_fields names for them)
    in the lead history, when the org tracks their history. Field names are compared without
    case and underscores (API name Disqualification_Reason__c = column disqualification_reason_c).
#}

{%- set lead_fields = (var('custom_fields', {}).get('salesforce') or {}).get('lead') or {} %}
{%- set fields = {
    'reason': lead_fields.get('disqualification_reason_c', 'disqualification_reason_c'),
    'detail': lead_fields.get('disqualification_detail_c', 'disqualification_detail_c'),
} %}

select
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    changed_at,
    case
        {%- for feedback_field, column in fields.items() %}
        when lower(replace(field_name, '_', '')) = '{{ column | lower | replace('_', '') }}' then '{{ feedback_field }}'
        {%- endfor %}
    end as feedback_field,
    new_value as feedback_value
from {{ ref('stg_salesforce__lead_histories') }}
where lower(replace(field_name, '_', '')) in (
    {%- for column in fields.values() %}
    '{{ column | lower | replace('_', '') }}'{% if not loop.last %},{% endif %}
    {%- endfor %}
)
