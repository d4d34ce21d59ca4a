{#
    Fit scoring, shared by people and accounts.

    `fit_rule_matches(entities, rules)`: `rules` is seed fit_score_rules; `entities` is a CTE name with an `entity_id` column and one
    column per attribute a rule may name (its `dimension`). Every attribute is compared as text
    for `match_value` rules, and as a number for range rules (`range_min` <= value <=
    `range_max`, both inclusive, an empty bound is open). Returns one row per matching
    (entity_id, rule): entity_id, rule_id, dimension, points.
#}
{% macro fit_rule_matches(entities, rules) -%}
    (
        with attribute_values as (
            unpivot (
                select entity_id, columns(* exclude (entity_id))::varchar
                from {{ entities }}
            )
            on columns(* exclude (entity_id))
            into name dimension value value_text
        )

        select
            attribute_values.entity_id,
            fit_score_rules.rule_id,
            fit_score_rules.dimension,
            fit_score_rules.points
        from attribute_values
        inner join {{ rules }} as fit_score_rules
            on attribute_values.dimension = fit_score_rules.dimension
            and (
                (
                    fit_score_rules.match_value is not null
                    and attribute_values.value_text = fit_score_rules.match_value
                )
                or (
                    fit_score_rules.match_value is null
                    and try_cast(attribute_values.value_text as double)
                        >= coalesce(fit_score_rules.range_min, '-infinity'::double)
                    and try_cast(attribute_values.value_text as double)
                        <= coalesce(fit_score_rules.range_max, 'infinity'::double)
                )
            )
    )
{%- endmacro %}

{#
    Engagement decay: the factor 0.5^(days / half_life) as SQL, for a day count expression.
    With `engagement_half_life_days` = 0 decay is off and the factor is 1.
#}
{% macro decay_factor(days_expression) -%}
    {%- set half_life = var('engagement_half_life_days') | float -%}
    {%- if half_life <= 0 -%}
        1.0
    {%- else -%}
        pow(0.5, ({{ days_expression }}) / {{ half_life }})
    {%- endif -%}
{%- endmacro %}

{# Days between two timestamps, fractional (seconds / 86400). #}
{% macro fractional_days(start_timestamp, end_timestamp) -%}
    ((epoch({{ end_timestamp }}) - epoch({{ start_timestamp }})) / 86400.0)
{%- endmacro %}

{# Fit letter A-D from the fit score (var fit_grade_boundaries). #}
{% macro fit_grade(score) -%}
    {%- set b = var('fit_grade_boundaries') -%}
    case
        when {{ score }} >= {{ b[0] }} then 'A'
        when {{ score }} >= {{ b[1] }} then 'B'
        when {{ score }} >= {{ b[2] }} then 'C'
        else 'D'
    end
{%- endmacro %}

{# Engagement band 1-4 from the engagement score (var engagement_band_boundaries). #}
{% macro engagement_band(score) -%}
    {%- set b = var('engagement_band_boundaries') -%}
    case
        when {{ score }} >= {{ b[0] }} then 1
        when {{ score }} >= {{ b[1] }} then 2
        when {{ score }} >= {{ b[2] }} then 3
        else 4
    end
{%- endmacro %}

{#
    Engagement at given moments: for each row of `moments` (a CTE with person_id, a key column
    and a moment column), the person's engagement at that moment: the latest score change at or
    before it (`score_history`: int_lead_score_history), decayed to the moment. Moments before any score change
    are absent (read them as 0). Returns (moment_key, engagement_score).
#}
{% macro engagement_at(moments, key_column, moment_column, score_history) -%}
    (
        select
            moments.{{ key_column }} as moment_key,
            round(
                arg_max(history.engagement_score, history.valid_from)
                * {{ decay_factor(fractional_days('max(history.valid_from)', 'any_value(moments.' ~ moment_column ~ ')')) }},
                6
            ) as engagement_score
        from {{ moments }} as moments
        inner join {{ score_history }} as history
            on moments.person_id = history.person_id
            and history.valid_from <= moments.{{ moment_column }}
        group by moments.{{ key_column }}
    )
{%- endmacro %}
