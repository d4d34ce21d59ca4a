with

people as (

    select * from {{ ref('int_people_enriched') }}

),

fit_scores as (

    select * from {{ ref('int_people_fit_scored') }}

),

score_history as (

    select * from {{ ref('int_lead_score_history') }}
    where valid_from <= {{ as_of() }}

),

qualification as (

    select
        person_id,
        min(valid_from) filter (where is_mql_qualified) as score_qualified_at
    from score_history
    group by person_id

),

as_of_moments as (

    select
        person_id,
        {{ as_of() }} as scored_at
    from people

),

engagement_now as (

    select * from {{ engagement_at('as_of_moments', 'person_id', 'scored_at', ref('int_lead_score_history')) }}

),

{%- set first_cycle_stages = [
    'lead', 'mql', 'tql', 'sal', 'sql', 'opportunity', 'customer',
    'disqualified', 'recycled', 'lost',
] %}

transitions as (

    select * from {{ ref('int_stage_transitions') }}

),

stage_summary as (

    select
        person_id,
        {%- for stage in first_cycle_stages %}
            min(transitioned_at) filter (where cycle = 1 and to_stage = '{{ stage }}') as {{ stage }}_at,
        {%- endfor %}
        {# an MA resetting Lead Status to 新規 (a regression to lead) does not change the stage #}
        arg_max(to_stage, transition_seq) filter (where not (is_regression and to_stage = 'lead')) as current_stage,
        cast(max(cycle) as integer) as current_cycle,
        cast(count(distinct cycle) filter (where to_stage = 'mql') as integer) as mql_count
    from transitions
    group by person_id

),

mql_moments as (

    select
        person_id,
        mql_at
    from stage_summary
    where mql_at is not null

),

{# Both scores at the first-cycle MQL entry: fit, and engagement decayed to that moment. #}
engagement_at_mql as (

    select * from {{ engagement_at('mql_moments', 'person_id', 'mql_at', ref('int_lead_score_history')) }}

),

scored as (

    select
        people.*,
        fit_scores.fit_score,
        coalesce(engagement_now.engagement_score, 0) as engagement_score,
        qualification.score_qualified_at,
        case when stage_summary.mql_at is not null then fit_scores.fit_score end as fit_score_at_mql,
        case
            when stage_summary.mql_at is not null then coalesce(engagement_at_mql.engagement_score, 0)
        end as engagement_score_at_mql,
        stage_summary.* exclude (person_id)  -- noqa: RF02
    from people
    inner join fit_scores
        on people.person_id = fit_scores.person_id
    left join qualification
        on people.person_id = qualification.person_id
    left join engagement_now
        on people.person_id = engagement_now.moment_key
    left join stage_summary
        on people.person_id = stage_summary.person_id
    left join engagement_at_mql
        on people.person_id = engagement_at_mql.moment_key

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
                then { 'fit_score': fit_score_at_mql, 'engagement_score': engagement_score_at_mql }
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
        try_cast(ma_record_id as bigint) as marketo_lead_id,
        crm_lead_record_id as salesforce_lead_id,
        crm_contact_record_id as salesforce_contact_id,
        source_record_count

    from scored

)

select * from final
