with

source as (

    select *
    from {{ raw_source(source('salesforce', 'task'), 'salesforce', 'task') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as task_id,
        {{ clean_text('who_id') }} as who_id,
        {{ clean_text('what_id') }} as what_id,
        {{ clean_text('account_id') }} as account_id,
        {{ clean_text('owner_id') }} as owner_user_id,

        ---------- text
        {{ clean_text('subject') }} as subject,
        {{ clean_text('type') }} as task_type,
        {{ clean_text('task_subtype') }} as task_subtype,
        {{ clean_text('status') }} as status,
        {{ clean_text('call_disposition') }} as call_disposition,

        ---------- booleans
        coalesce({{ clean_text('status') }} in (
            {%- for status in var('completed_task_statuses') %}
                '{{ status }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        ), false) as is_completed,

        ---------- dates and timestamps
        cast(activity_date as date) as activity_date,
        cast(completed_date_time as timestamp) as completed_at,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
