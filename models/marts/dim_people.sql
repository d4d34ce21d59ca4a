with

people as (

    select * from {{ ref('int_people_enriched') }}

),

fit_scores as (

    select * from {{ ref('int_people_fit_scored') }}

),

score_history as (

    select * from {{ ref('fct_lead_score_history') }}
    where valid_from <= {{ as_of() }}

),

latest_scores as (

    select
        person_id,
        arg_max(engagement_score, valid_from) as engagement_at_last_change,
        max(valid_from) as last_changed_at,
        min(valid_from) filter (where is_mql_qualified) as score_qualified_at
    from score_history
    group by person_id

),

scored as (

    select
        people.*,
        fit_scores.fit_score,
        coalesce(round(
            latest_scores.engagement_at_last_change
            * {{ decay_factor(fractional_days('latest_scores.last_changed_at', as_of())) }},
            6
        ), 0) as engagement_score,
        latest_scores.score_qualified_at
    from people
    inner join fit_scores
        on people.person_id = fit_scores.person_id
    left join latest_scores
        on people.person_id = latest_scores.person_id

),

final as (

    select
        ---------- ids
        person_id,
        account_id,
        owner_user_id,

        ---------- person
        email,
        first_name,
        last_name,
        nullif(trim(concat_ws(' ', last_name, first_name)), '') as full_name,
        title,
        department,
        title_level,
        buying_role,

        ---------- company
        company_name,
        industry,
        number_of_employees,
        employee_band,
        prefecture,
        region,
        phone,

        ---------- origin
        lead_source,
        channel,
        is_sales_generated,

        ---------- scores (at as_of)
        fit_score,
        engagement_score,
        {{ fit_grade('fit_score') }} || cast({{ engagement_band('engagement_score') }} as varchar) as score_grade,
        score_qualified_at,

        ---------- timestamps
        created_at,

        ---------- source ids
        marketo_lead_id,
        salesforce_lead_id,
        salesforce_contact_id,
        source_record_count

    from scored

)

select * from final
