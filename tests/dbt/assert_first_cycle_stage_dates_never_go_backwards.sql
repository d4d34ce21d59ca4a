-- A returned row is a person whose first-cycle success-path stage dates go backwards: a later
-- stage (e.g. sql_at) entered before an earlier one (e.g. mql_at). With skips inferred at the
-- later stage's time this must never happen.
{%- set stages = ['lead', 'mql', 'tql', 'sal', 'sql', 'opportunity', 'customer'] %}

with

people as (

    select * from {{ ref('dim_people') }}

),

pairs as (

    {%- for earlier in stages %}
        {%- set outer_index = loop.index0 %}
        {%- for later in stages[outer_index + 1:] %}
            select
                person_id,
                '{{ earlier }}' as earlier_stage,
                {{ earlier }}_at as earlier_at,
                '{{ later }}' as later_stage,
                {{ later }}_at as later_at
            from people
            where {{ later }}_at < {{ earlier }}_at
            {%- if not loop.last %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- if not loop.last and stages[outer_index + 1:] | length > 1 %}
            union all
        {%- endif %}
    {%- endfor %}

)

select * from pairs
