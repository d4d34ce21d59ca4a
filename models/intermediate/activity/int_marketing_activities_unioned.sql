{#
    Every known person's marketing behaviour from the MA tools (cnf_marketing_activities), one
    row per activity, with a normalized activity_type and page/asset category from seed
    `activity_patterns` (keyed on the tool's source_activity and matched on match_text: web
    pages by URL, forms by form name, program status changes by `<program channel>:<new
    status>`, e-mails as they are). Activities that match no pattern (e.g. a program status
    "No Show") are not behaviour and are left out. Patterns are matched once per distinct text,
    then joined back by equality.
#}

with

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

activity_patterns as (

    select * from {{ ref('activity_patterns') }}

),

activities as (

    select * from {{ ref('cnf_marketing_activities') }}

),

distinct_texts as (

    select distinct
        source_activity,
        match_text
    from activities

),

classified_texts as (

    select
        distinct_texts.source_activity,
        distinct_texts.match_text,
        arg_min(activity_patterns.activity_type, activity_patterns.priority) as activity_type,
        arg_min(activity_patterns.category, activity_patterns.priority) as category,
        arg_min(activity_patterns.pattern_id, activity_patterns.priority) as pattern_id
    from distinct_texts
    inner join activity_patterns
        on distinct_texts.source_activity = activity_patterns.source_activity
            and distinct_texts.match_text like activity_patterns.match_pattern
    group by distinct_texts.source_activity, distinct_texts.match_text

),

final as (

    select
        activities.activity_id,
        person_records.person_id,
        activities.source_system,
        activities.record_system,
        activities.record_id,
        activities.occurred_at as activity_at,
        classified_texts.activity_type,
        classified_texts.category,
        classified_texts.pattern_id,
        activities.source_activity,
        activities.source_activity_id,
        activities.detail,
        activities.program_id,
        activities.campaign_id
    from activities
    inner join classified_texts
        on activities.source_activity = classified_texts.source_activity
            and activities.match_text = classified_texts.match_text
    inner join person_records
        on activities.record_system = person_records.record_system
            and activities.record_id = person_records.record_id

)

select * from final
