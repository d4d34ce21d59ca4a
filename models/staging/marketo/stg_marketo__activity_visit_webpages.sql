with

source as (

    select *
    from {{ raw_source(source('marketo', 'activity_visit_webpage'), 'marketo', 'activity_visit_webpage') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as bigint) as activity_id,
        cast(lead_id as bigint) as marketo_lead_id,
        cast(activity_type_id as bigint) as activity_type_id,
        cast(campaign_id as bigint) as campaign_id,

        ---------- what happened
        {{ clean_text('primary_attribute_value') }} as webpage_path,
        cast(primary_attribute_value_id as bigint) as webpage_id,
        {{ clean_text('webpage_url') }} as webpage_url,
        {{ clean_text('referrer_url') }} as referrer_url,
        {{ clean_text('query_parameters') }} as query_parameters,

        ---------- timestamps
        cast(activity_date as timestamp) as activity_at

    from source

)

select * from renamed
