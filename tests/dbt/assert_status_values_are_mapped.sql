-- A returned row is a status value found in the raw data that seed stage_mappings does not
-- map to a stage: those entries are missing from the funnel until the seed learns the value.
-- Warn, do not fail: add the value to seeds/funnel/stage_mappings.csv.
{{ config(severity='warn') }}

with

values_seen as (

    select
        'salesforce' as source_system,
        'status' as field_key,
        new_value as value
    from {{ ref('stg_salesforce__lead_histories') }}
    where lower(field_name) = 'status' and new_value is not null

    union all

    select
        'salesforce' as source_system,
        'status' as field_key,
        status as value
    from {{ ref('stg_salesforce__leads') }}
    where status is not null

    union all

    select
        'marketo' as source_system,
        lower(trim(field_name)) as field_key,
        new_value as value
    from {{ ref('stg_marketo__activity_change_data_values') }}
    where lower(trim(field_name)) = 'lead status' and new_value is not null

)

select
    values_seen.source_system,
    values_seen.value,
    count(*) as occurrences
from values_seen
left join {{ ref('stage_mappings') }} as stage_mappings
    on values_seen.source_system = stage_mappings.source_system
        and values_seen.field_key = lower(trim(stage_mappings.field))
        and lower(trim(values_seen.value)) = lower(trim(stage_mappings.value))
where stage_mappings.stage is null
group by values_seen.source_system, values_seen.value
