with

source as (

    select *
    from
        {{ raw_source(
            source('marketo', 'activity_change_data_value'), 'marketo', 'activity_change_data_value'
        ) }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as bigint) as activity_id,
        cast(lead_id as bigint) as marketo_lead_id,
        cast(activity_type_id as bigint) as activity_type_id,

        ---------- what changed
        {{ clean_text('primary_attribute_value') }} as field_name,
        {{ clean_text('old_value') }} as old_value,
        {{ clean_text('new_value') }} as new_value,
        {{ clean_text('reason') }} as reason,

        ---------- timestamps
        cast(activity_date as timestamp) as activity_at

    from source

)

select * from renamed
