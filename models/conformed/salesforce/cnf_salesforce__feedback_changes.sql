{#
    Sales's not-SQL feedback over time: changes of the lead fields Disqualification_Reason__c
    and Disqualification_Detail__c in the lead history (when the org tracks them).
#}

select
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    changed_at,
    case
        when lower(replace(field_name, '_', '')) like 'disqualificationreason%' then 'reason'
        else 'detail'
    end as feedback_field,
    new_value as feedback_value
from {{ ref('stg_salesforce__lead_histories') }}
where regexp_full_match(lower(replace(field_name, '_', '')), 'disqualification(reason|detail)c?')
