with

source as (

    select *
    from {{ raw_source(source('marketo', 'activity_open_email'), 'marketo', 'activity_open_email') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as bigint) as activity_id,
        cast(lead_id as bigint) as marketo_lead_id,
        cast(activity_type_id as bigint) as activity_type_id,
        cast(campaign_id as bigint) as campaign_id,

        ---------- what happened
        {{ clean_text('primary_attribute_value') }} as email_name,
        cast(primary_attribute_value_id as bigint) as email_id,
        cast(email_template_id as bigint) as email_template_id,

        ---------- timestamps
        cast(activity_date as timestamp) as activity_at

    from source

)

select * from renamed
