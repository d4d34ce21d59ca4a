{#
    Sales touches: completed calls, e-mails and to-dos (tasks whose status is in var
    `completed_task_statuses`) and meetings (events that have started by `as_of`), each on the
    person its WhoId points at (a Salesforce lead or contact). Open tasks are reminders, not
    touches. touched_at is the task's completion time (its creation time when a completed task
    has none) or the meeting's start.
#}

with

person_records as (

    select
        person_id,
        record_id
    from {{ ref('int_person_records_resolved') }}
    where record_system in ('salesforce_lead', 'salesforce_contact')

),

users as (

    select
        user_id,
        is_sales
    from {{ ref('int_users_enriched') }}

),

tasks as (

    select
        'task:' || task_id as touch_id,
        'task' as source_object,
        task_id as source_record_id,
        who_id,
        owner_user_id,
        coalesce(completed_at, created_at) as touched_at,
        case
            when lower(coalesce(task_subtype, task_type, '')) in ('call', '電話') then 'call'
            when lower(coalesce(task_subtype, task_type, '')) in ('email', 'listemail', 'メール') then 'email'
            when lower(coalesce(task_type, '')) in ('call', '電話') then 'call'
            when lower(coalesce(task_type, '')) in ('email', 'メール') then 'email'
            else 'other'
        end as touch_channel,
        call_disposition,
        subject
    from {{ ref('stg_salesforce__tasks') }}
    where is_completed

),

events as (

    select
        'event:' || event_id as touch_id,
        'event' as source_object,
        event_id as source_record_id,
        who_id,
        owner_user_id,
        started_at as touched_at,
        'meeting' as touch_channel,
        cast(null as varchar) as call_disposition,
        subject
    from {{ ref('stg_salesforce__events') }}
    where started_at <= {{ as_of() }}

),

touches as (

    select * from tasks
    union all
    select * from events

),

final as (

    select
        touches.touch_id,
        person_records.person_id,
        touches.touched_at,
        touches.touch_channel,
        touches.owner_user_id,
        coalesce(users.is_sales, false) as is_sales_user,
        touches.source_object,
        touches.source_record_id,
        touches.who_id,
        touches.call_disposition,
        touches.subject
    from touches
    inner join person_records
        on touches.who_id = person_records.record_id
    left join users
        on touches.owner_user_id = users.user_id
    where touches.touched_at is not null

)

select * from final
