-- Jinja loops below render with the template's indentation, not the linter's:
-- noqa: disable=LT02,LT05
{#
    The score grades: one row per fit grade (A-D) and engagement band (1-4) with its score range
    from the dbt vars fit_grade_boundaries / engagement_band_boundaries, the MQL threshold of
    the score (mql_fit_threshold / mql_engagement_threshold) and labels. The grade of each range
    is named by the macros that grade people and handoffs (fit_grade, engagement_band), applied
    to the range's lower bound, so the names cannot drift from dim_people.score_grade.
#}

{%- set scores = [
    {
        'score_type': 'fit',
        'boundaries': var('fit_grade_boundaries'),
        'threshold': var('mql_fit_threshold'),
        'label_ja': 'フィットグレード',
        'label_en': 'Fit grade',
    },
    {
        'score_type': 'engagement',
        'boundaries': var('engagement_band_boundaries'),
        'threshold': var('mql_engagement_threshold'),
        'label_ja': 'エンゲージメント帯',
        'label_en': 'Engagement band',
    },
] %}

with

ranges as (

    {%- for score in scores %}
        {%- set outer_loop = loop %}
        {%- for lower in score.boundaries + [none] %}
            select
                '{{ score.score_type }}' as score_type,
                '{{ score.label_ja }}' as score_label_ja,
                '{{ score.label_en }}' as score_label_en,
                {{ loop.index }} as grade_order,
                cast({{ 'null' if lower is none else lower }} as double) as lower_bound,
                cast({{ 'null' if loop.first else score.boundaries[loop.index0 - 1] }} as double) as upper_bound,
                cast({{ score.threshold }} as double) as mql_threshold
            {%- if not (outer_loop.last and loop.last) %}
            union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}

),

named as (

    select
        *,
        case score_type
            when 'fit' then {{ fit_grade("coalesce(lower_bound, '-infinity'::double)") }}
            else cast({{ engagement_band("coalesce(lower_bound, '-infinity'::double)") }} as varchar)
        end as grade
    from ranges

),

final as (

    select
        score_type,
        grade,
        grade_order,
        lower_bound,
        upper_bound,
        mql_threshold,
        coalesce(lower_bound >= mql_threshold, false) as is_mql_qualified,
        case
            when lower_bound is null then grade || '(' || printf('%g', upper_bound) || '点未満)'
            else grade || '(' || printf('%g', lower_bound) || '点以上)'
        end as label_ja,
        case
            when lower_bound is null then grade || ' (<' || printf('%g', upper_bound) || ')'
            else grade || ' (≧' || printf('%g', lower_bound) || ')'
        end as label_en,
        score_label_ja,
        score_label_en
    from named

)

select * from final
