{#
    Marketo's evidence of stage entries: data value changes (e.g. Lead Status), mapped to stages
    in the core through seed stage_mappings. The MA's status is usually a synced copy of the
    CRM's, so it is not the system of record.
#}

select
    'marketo:' || cast(changes.activity_id as varchar) as evidence_id,
    'marketo' as source_system,
    'marketo_lead' as record_system,
    {# a merged lead's history is the winner's #}
    cast(coalesce(survivors.surviving_lead_id, changes.marketo_lead_id) as varchar) as record_id,
    changes.activity_at as evidenced_at,
    'status_history' as evidence,
    changes.field_name as field,
    changes.new_value as source_value,
    cast(null as varchar) as stage,
    false as is_system_of_record
from {{ ref('stg_marketo__activity_change_data_values') }} as changes
left join {{ ref('cnf_marketo_lead_survivors') }} as survivors
    on changes.marketo_lead_id = survivors.marketo_lead_id
