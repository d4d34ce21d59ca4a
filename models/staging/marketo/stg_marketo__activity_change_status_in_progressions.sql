with

source as (

    select *
    from
        {{ raw_source(
            source('marketo', 'activity_change_status_in_progression'), 'marketo', 'activity_change_status_in_progression'
        ) }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as bigint) as activity_id,
        cast(lead_id as bigint) as marketo_lead_id,
        cast(activity_type_id as bigint) as activity_type_id,
        cast(campaign_id as bigint) as campaign_id,

        ---------- what happened
        {{ clean_text('primary_attribute_value') }} as program_name,
        cast(primary_attribute_value_id as bigint) as program_id,
        {{ clean_text('old_status') }} as old_status,
        {{ clean_text('new_status') }} as new_status,
        cast(success as boolean) as is_success,
        {{ clean_text('reason') }} as reason,

        ---------- timestamps
        cast(activity_date as timestamp) as activity_at

    from source

)

select * from renamed
