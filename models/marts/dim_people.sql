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

{%- set first_cycle_stages = ['lead', 'mql', 'tql', 'sal', 'sql', 'opportunity', 'customer', 'disqualified', 'recycled', 'lost'] %}

transitions as (

    select * from {{ ref('fct_stage_transitions') }}

),

stage_summary as (

    select
        person_id,
        {%- for stage in first_cycle_stages %}
        min(transitioned_at) filter (where cycle = 1 and to_stage = '{{ stage }}') as {{ stage }}_at,
        {%- endfor %}
        arg_max(to_stage, transition_seq) as current_stage,
        cast(max(cycle) as integer) as current_cycle,
        cast(count(distinct cycle) filter (where to_stage = 'mql') as integer) as mql_count
    from transitions
    group by person_id

),

{# Both scores at the first-cycle MQL entry: the latest score change at or before it, decayed. #}
score_at_mql as (

    select
        stage_summary.person_id,
        arg_max(score_history.engagement_score, score_history.valid_from) as engagement_at_change,
        max(score_history.valid_from) as changed_at,
        any_value(stage_summary.mql_at) as mql_at
    from stage_summary
    inner join score_history
        on stage_summary.person_id = score_history.person_id
        and score_history.valid_from <= stage_summary.mql_at
    group by stage_summary.person_id

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
        latest_scores.score_qualified_at,
        case when stage_summary.mql_at is not null then fit_scores.fit_score end as fit_score_at_mql,
        case
            when stage_summary.mql_at is not null then coalesce(round(
                score_at_mql.engagement_at_change
                * {{ decay_factor(fractional_days('score_at_mql.changed_at', 'score_at_mql.mql_at')) }},
                6
            ), 0)
        end as engagement_score_at_mql,
        stage_summary.* exclude (person_id)
    from people
    inner join fit_scores
        on people.person_id = fit_scores.person_id
    left join latest_scores
        on people.person_id = latest_scores.person_id
    left join stage_summary
        on people.person_id = stage_summary.person_id
    left join score_at_mql
        on people.person_id = score_at_mql.person_id

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
        case
            when mql_at is not null
                then {'fit_score': fit_score_at_mql, 'engagement_score': engagement_score_at_mql}
        end as score_at_mql,
        fit_score_at_mql,
        engagement_score_at_mql,

        ---------- lifecycle (first cycle; null when never reached)
        {%- for stage in first_cycle_stages %}
        {{ stage }}_at,
        {%- endfor %}
        current_stage,
        current_cycle,
        coalesce(mql_count, 0) as mql_count,

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
