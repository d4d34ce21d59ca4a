{#
    GENERATED from orchestration/leadfunnel/contract.py by
    `uv run python -m leadfunnel.contract_dbt`: do not edit by hand.
    raw_contract()[source][table] = [(column, type), ...] in contract order.
#}
{% macro raw_contract() -%}
    {{ return({
        'marketo': {
            'lead': [('id', 'BIGINT'), ('created_at', 'TIMESTAMP'), ('updated_at', 'TIMESTAMP'), ('email', 'VARCHAR'), ('first_name', 'VARCHAR'), ('last_name', 'VARCHAR'), ('company', 'VARCHAR'), ('title', 'VARCHAR'), ('industry', 'VARCHAR'), ('number_of_employees', 'BIGINT'), ('annual_revenue', 'DOUBLE'), ('state', 'VARCHAR'), ('country', 'VARCHAR'), ('phone', 'VARCHAR'), ('lead_source', 'VARCHAR'), ('sfdc_type', 'VARCHAR'), ('sfdc_lead_id', 'VARCHAR'), ('sfdc_contact_id', 'VARCHAR'), ('sfdc_account_id', 'VARCHAR'), ('unsubscribed', 'BOOLEAN'), ('email_invalid', 'BOOLEAN')],
            'activity_visit_webpage': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('webpage_url', 'VARCHAR'), ('referrer_url', 'VARCHAR'), ('query_parameters', 'VARCHAR')],
            'activity_fill_out_form': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('webpage_id', 'BIGINT'), ('referrer_url', 'VARCHAR'), ('query_parameters', 'VARCHAR')],
            'activity_open_email': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('email_template_id', 'BIGINT')],
            'activity_click_email': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('email_template_id', 'BIGINT'), ('link', 'VARCHAR')],
            'activity_change_status_in_progression': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('old_status', 'VARCHAR'), ('new_status', 'VARCHAR'), ('success', 'BOOLEAN'), ('reason', 'VARCHAR')],
            'activity_change_data_value': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('old_value', 'VARCHAR'), ('new_value', 'VARCHAR'), ('reason', 'VARCHAR')],
            'program': [('id', 'BIGINT'), ('name', 'VARCHAR'), ('type', 'VARCHAR'), ('channel', 'VARCHAR'), ('created_at', 'TIMESTAMP'), ('start_date', 'DATE'), ('end_date', 'DATE'), ('_fivetran_deleted', 'BOOLEAN')],
            'activity_delete_lead': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('campaign', 'VARCHAR')],
            'activity_merge_leads': [('id', 'BIGINT'), ('lead_id', 'BIGINT'), ('activity_date', 'TIMESTAMP'), ('activity_type_id', 'BIGINT'), ('primary_attribute_value', 'VARCHAR'), ('primary_attribute_value_id', 'BIGINT'), ('campaign_id', 'BIGINT'), ('master_updated', 'BOOLEAN'), ('merge_ids', 'VARCHAR'), ('merge_source', 'VARCHAR'), ('merged_in_sales', 'BOOLEAN')],
        },
        'salesforce': {
            'user': [('id', 'VARCHAR'), ('name', 'VARCHAR'), ('email', 'VARCHAR'), ('department', 'VARCHAR'), ('title', 'VARCHAR'), ('user_role_id', 'VARCHAR'), ('manager_id', 'VARCHAR'), ('is_active', 'BOOLEAN')],
            'user_role': [('id', 'VARCHAR'), ('name', 'VARCHAR')],
            'account': [('id', 'VARCHAR'), ('name', 'VARCHAR'), ('industry', 'VARCHAR'), ('number_of_employees', 'BIGINT'), ('annual_revenue', 'DOUBLE'), ('billing_state', 'VARCHAR'), ('billing_country', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
            'lead': [('id', 'VARCHAR'), ('created_date', 'TIMESTAMP'), ('email', 'VARCHAR'), ('first_name', 'VARCHAR'), ('last_name', 'VARCHAR'), ('company', 'VARCHAR'), ('title', 'VARCHAR'), ('industry', 'VARCHAR'), ('number_of_employees', 'BIGINT'), ('annual_revenue', 'DOUBLE'), ('state', 'VARCHAR'), ('country', 'VARCHAR'), ('phone', 'VARCHAR'), ('lead_source', 'VARCHAR'), ('status', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('is_converted', 'BOOLEAN'), ('converted_date', 'DATE'), ('converted_account_id', 'VARCHAR'), ('converted_contact_id', 'VARCHAR'), ('converted_opportunity_id', 'VARCHAR'), ('is_deleted', 'BOOLEAN'), ('disqualification_reason_c', 'VARCHAR'), ('disqualification_detail_c', 'VARCHAR'), ('bant_budget_c', 'BOOLEAN'), ('bant_authority_c', 'BOOLEAN'), ('bant_need_c', 'BOOLEAN'), ('bant_timeline_c', 'BOOLEAN')],
            'lead_history': [('id', 'VARCHAR'), ('lead_id', 'VARCHAR'), ('field', 'VARCHAR'), ('old_value', 'VARCHAR'), ('new_value', 'VARCHAR'), ('created_date', 'TIMESTAMP'), ('created_by_id', 'VARCHAR'), ('is_deleted', 'BOOLEAN')],
            'contact': [('id', 'VARCHAR'), ('account_id', 'VARCHAR'), ('email', 'VARCHAR'), ('first_name', 'VARCHAR'), ('last_name', 'VARCHAR'), ('title', 'VARCHAR'), ('department', 'VARCHAR'), ('phone', 'VARCHAR'), ('lead_source', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
            'opportunity': [('id', 'VARCHAR'), ('account_id', 'VARCHAR'), ('name', 'VARCHAR'), ('type', 'VARCHAR'), ('stage_name', 'VARCHAR'), ('amount', 'DOUBLE'), ('probability', 'DOUBLE'), ('close_date', 'DATE'), ('created_date', 'TIMESTAMP'), ('is_closed', 'BOOLEAN'), ('is_won', 'BOOLEAN'), ('lead_source', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('campaign_id', 'VARCHAR'), ('loss_reason_c', 'VARCHAR'), ('is_deleted', 'BOOLEAN')],
            'opportunity_history': [('id', 'VARCHAR'), ('opportunity_id', 'VARCHAR'), ('stage_name', 'VARCHAR'), ('amount', 'DOUBLE'), ('close_date', 'DATE'), ('probability', 'DOUBLE'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
            'opportunity_contact_role': [('id', 'VARCHAR'), ('opportunity_id', 'VARCHAR'), ('contact_id', 'VARCHAR'), ('role', 'VARCHAR'), ('is_primary', 'BOOLEAN')],
            'task': [('id', 'VARCHAR'), ('who_id', 'VARCHAR'), ('what_id', 'VARCHAR'), ('account_id', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('subject', 'VARCHAR'), ('type', 'VARCHAR'), ('task_subtype', 'VARCHAR'), ('status', 'VARCHAR'), ('activity_date', 'DATE'), ('created_date', 'TIMESTAMP'), ('completed_date_time', 'TIMESTAMP'), ('call_disposition', 'VARCHAR'), ('is_deleted', 'BOOLEAN')],
            'event': [('id', 'VARCHAR'), ('who_id', 'VARCHAR'), ('what_id', 'VARCHAR'), ('account_id', 'VARCHAR'), ('owner_id', 'VARCHAR'), ('subject', 'VARCHAR'), ('type', 'VARCHAR'), ('start_date_time', 'TIMESTAMP'), ('end_date_time', 'TIMESTAMP'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
            'campaign': [('id', 'VARCHAR'), ('name', 'VARCHAR'), ('type', 'VARCHAR'), ('status', 'VARCHAR'), ('start_date', 'DATE'), ('end_date', 'DATE'), ('is_active', 'BOOLEAN'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
            'campaign_member': [('id', 'VARCHAR'), ('campaign_id', 'VARCHAR'), ('lead_id', 'VARCHAR'), ('contact_id', 'VARCHAR'), ('status', 'VARCHAR'), ('has_responded', 'BOOLEAN'), ('first_responded_date', 'DATE'), ('created_date', 'TIMESTAMP'), ('is_deleted', 'BOOLEAN')],
        },
    }) }}
{%- endmacro %}

{# Tables only a connector's sync has: their absence is normal, not worth a warning. #}
{% macro raw_connector_tables() -%}
    {{ return(['marketo.activity_delete_lead', 'marketo.activity_merge_leads']) }}
{%- endmacro %}
