{#
    Segments of the funnel reports: (segment_type, SQL expression over `people` and `users`).
    `all` is the whole funnel; origin splits marketing-sourced from sales-generated flow.
#}
{% macro funnel_segments() -%}
    {{ return([
        ('channel', "people.channel"),
        ('industry', "coalesce(people.industry, 'unknown')"),
        ('employee_band', "coalesce(people.employee_band, 'unknown')"),
        ('region', "coalesce(people.region, 'unknown')"),
        ('team', "coalesce(users.team, 'unassigned')"),
        ('origin', "case when people.is_sales_generated then 'sales' else 'marketing' end"),
    ]) }}
{%- endmacro %}

{# The grouping sets of a segmented report: the keys alone (segment `all`), then keys + each segment. #}
{% macro segment_grouping_sets(keys) -%}
    grouping sets (
        ({{ keys | join(', ') }}),
        {%- for segment_type, _ in funnel_segments() %}
        ({{ keys | join(', ') }}, segment_{{ segment_type }}){% if not loop.last %},{% endif %}
        {%- endfor %}
    )
{%- endmacro %}

{# segment_type and segment_value of a row of a segment_grouping_sets aggregate. #}
{% macro segment_columns() -%}
    case
        {%- for segment_type, _ in funnel_segments() %}
        when grouping(segment_{{ segment_type }}) = 0 then '{{ segment_type }}'
        {%- endfor %}
        else 'all'
    end as segment_type,
    case
        {%- for segment_type, _ in funnel_segments() %}
        when grouping(segment_{{ segment_type }}) = 0 then segment_{{ segment_type }}
        {%- endfor %}
        else 'all'
    end as segment_value
{%- endmacro %}

{# The segment columns of one person, for the aggregate's input. #}
{% macro segment_values() -%}
    {%- for segment_type, expression in funnel_segments() %}
    {{ expression }} as segment_{{ segment_type }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{# First day of the JST month / quarter of a UTC timestamp. #}
{% macro business_month(utc_timestamp) -%}
    cast(date_trunc('month', {{ business_date(utc_timestamp) }}) as date)
{%- endmacro %}

{% macro business_quarter(utc_timestamp) -%}
    cast(date_trunc('quarter', {{ business_date(utc_timestamp) }}) as date)
{%- endmacro %}

{#
    Whether a cohort's conversion into a stage is final enough to judge at as_of: the cohort
    month ended at least `maturity_days` (seed funnel_stages.cohort_maturity_days of the stage)
    before as_of's business date. The one maturity rule of every cohort rate.
#}
{% macro cohort_is_mature(cohort_month, maturity_days) -%}
    coalesce(
        {{ cohort_month }} + interval 1 month + to_days({{ maturity_days }}) <= {{ business_date(as_of()) }},
        false
    )
{%- endmacro %}
