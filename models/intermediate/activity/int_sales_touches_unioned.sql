{#
    Sales touches (cnf_sales_touches): completed calls, e-mails and to-dos and meetings that
    have started, on the person the record belongs to. Open tasks are reminders, not touches.
    is_sales_user: the owner is in a sales team (int_users_enriched).
#}

with

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

users as (

    select
        user_id,
        is_sales
    from {{ ref('int_users_enriched') }}

),

touches as (

    select * from {{ ref('cnf_sales_touches') }}
    where is_completed and not is_deleted

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
        touches.record_id as who_id,
        touches.call_disposition,
        touches.subject
    from touches
    inner join person_records
        on touches.record_system = person_records.record_system
            and touches.record_id = person_records.record_id
    left join users
        on touches.owner_user_id = users.user_id
    where touches.touched_at is not null

)

select * from final
