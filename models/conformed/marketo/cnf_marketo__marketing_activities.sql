{#
    Marketo activities as marketing activities: web visits, form fills, program status changes,
    e-mail opens and clicks. match_text is what seed activity_patterns classifies (URL, form
    name, `<program channel>:<new status>`); the core does the classifying.
#}

with

programs as (

    select * from {{ ref('stg_marketo__programs') }}

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

)

select
    activities.source_activity || ':' || cast(activities.activity_id as varchar) as activity_id,
    'marketo' as source_system,
    'marketo_lead' as record_system,
    {# a merged lead's activities are the winner's #}
    cast(coalesce(survivors.surviving_lead_id, activities.marketo_lead_id) as varchar) as record_id,
    activities.activity_at as occurred_at,
    activities.source_activity,
    cast(activities.activity_id as varchar) as source_activity_id,
    coalesce(activities.match_text, '') as match_text,
    activities.detail,
    cast(activities.program_id as varchar) as program_id,
    cast(activities.campaign_id as varchar) as campaign_id
from activities
left join {{ ref('cnf_marketo_lead_survivors') }} as survivors
    on activities.marketo_lead_id = survivors.marketo_lead_id
