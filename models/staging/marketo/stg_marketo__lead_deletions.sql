{# Marketo's "Delete Lead" activities: the lead no longer exists in Marketo. #}

with

source as (

    select *
    from
        {{ raw_source(
            source('marketo', 'activity_delete_lead'), 'marketo', 'activity_delete_lead'
        ) }} as raw_table

),

renamed as (

    select
        cast(id as bigint) as activity_id,
        cast(lead_id as bigint) as marketo_lead_id,
        cast(activity_date as timestamp) as deleted_at
    from source

)

select * from renamed
