{#
    Every known person's marketing behaviour from the MA, one row per activity, with a
    normalized activity_type and page/asset category from seed `activity_patterns`:
    web pages by URL, forms by form name, program status changes by
    `<program channel>:<new status>`, e-mails as they are. Program status changes that match
    no pattern (e.g. "No Show", "Member") are not behaviour and are left out.
    Patterns are matched once per distinct text, then joined back by equality.
#}

with

people as (

    select
        person_id,
        record_id
    from {{ ref('int_person_records_resolved') }}
    where record_system = 'marketo_lead'

),

programs as (

    select * from {{ ref('stg_marketo__programs') }}

),

activity_patterns as (

    select * from {{ ref('activity_patterns') }}

),

activities as (

    select
        'visit_webpage' as source_activity,
        activity_id,
        marketo_lead_id,
        activity_at,
        coalesce(webpage_url, webpage_path) as match_text,
        coalesce(webpage_path, webpage_url) as detail,
        cast(null as bigint) as program_id,
        campaign_id
    from {{ ref('stg_marketo__activity_visit_webpages') }}

    union all

    select
        'fill_out_form' as source_activity,
        activity_id,
        marketo_lead_id,
        activity_at,
        form_name as match_text,
        form_name as detail,
        cast(null as bigint) as program_id,
        campaign_id
    from {{ ref('stg_marketo__activity_fill_out_forms') }}

    union all

    select
        'change_status_in_progression' as source_activity,
        progressions.activity_id,
        progressions.marketo_lead_id,
        progressions.activity_at,
        coalesce(programs.program_channel, 'unknown')
        || ':'
        || lower(coalesce(progressions.new_status, '')) as match_text,
        progressions.program_name || ' / ' || coalesce(progressions.new_status, '') as detail,
        progressions.program_id,
        progressions.campaign_id
    from {{ ref('stg_marketo__activity_change_status_in_progressions') }} as progressions
    left join programs
        on progressions.program_id = programs.program_id

    union all

    select
        'open_email' as source_activity,
        activity_id,
        marketo_lead_id,
        activity_at,
        '' as match_text,
        email_name as detail,
        cast(null as bigint) as program_id,
        campaign_id
    from {{ ref('stg_marketo__activity_open_emails') }}

    union all

    select
        'click_email' as source_activity,
        activity_id,
        marketo_lead_id,
        activity_at,
        '' as match_text,
        coalesce(link_url, email_name) as detail,
        cast(null as bigint) as program_id,
        campaign_id
    from {{ ref('stg_marketo__activity_click_emails') }}

),

distinct_texts as (

    select distinct
        source_activity,
        coalesce(match_text, '') as match_text
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
        activities.source_activity || ':' || cast(activities.activity_id as varchar) as activity_id,
        people.person_id,
        activities.marketo_lead_id,
        activities.activity_at,
        classified_texts.activity_type,
        classified_texts.category,
        classified_texts.pattern_id,
        activities.source_activity,
        activities.activity_id as source_activity_id,
        activities.detail,
        activities.program_id,
        activities.campaign_id
    from activities
    inner join classified_texts
        on activities.source_activity = classified_texts.source_activity
            and coalesce(activities.match_text, '') = classified_texts.match_text
    inner join people
        on cast(activities.marketo_lead_id as varchar) = people.record_id

)

select * from final
