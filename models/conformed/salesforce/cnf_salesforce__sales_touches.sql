{#
    Salesforce tasks and events as sales touches, on the lead or contact their WhoId points at.
    A task is completed when its status is in var `completed_task_statuses` (staging); an event
    (a meeting) is completed once it has started, at as_of. touched_at is the task's completion
    time (its creation time when a completed task has none) or the meeting's start.
#}

with

leads as (

    select lead_id from {{ ref('stg_salesforce__leads') }}

),

contacts as (

    select contact_id from {{ ref('stg_salesforce__contacts') }}

),

touches as (

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
        subject,
        is_completed
    from {{ ref('stg_salesforce__tasks') }}

    union all

    select
        'event:' || event_id as touch_id,
        'event' as source_object,
        event_id as source_record_id,
        who_id,
        owner_user_id,
        started_at as touched_at,
        'meeting' as touch_channel,
        cast(null as varchar) as call_disposition,
        subject,
        coalesce(started_at <= {{ as_of() }}, false) as is_completed
    from {{ ref('stg_salesforce__events') }}

)

select
    touches.touch_id,
    'salesforce' as source_system,
    case
        when leads.lead_id is not null then 'salesforce_lead'
        when contacts.contact_id is not null then 'salesforce_contact'
    end as record_system,
    touches.who_id as record_id,
    touches.touched_at,
    touches.touch_channel,
    touches.owner_user_id,
    touches.source_object,
    touches.source_record_id,
    touches.call_disposition,
    touches.subject,
    touches.is_completed,
    false as is_deleted
from touches
left join leads
    on touches.who_id = leads.lead_id
left join contacts
    on touches.who_id = contacts.contact_id
