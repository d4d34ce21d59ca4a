{#
    Joins to the lookup seeds, shared by the people and account models.
    Each returns a `left join` clause to the seed relation it is given (a ref in the calling
    model, so the model's dependencies are visible in it); the seed is available under `alias`.
#}

{# employees -> band (seed employee_bands: inclusive ranges, empty max = no upper bound) #}
{% macro join_employee_band(employees_column, bands, alias='employee_bands') -%}
    left join {{ bands }} as {{ alias }}
        on {{ employees_column }} >= {{ alias }}.min_employees
        and ({{ alias }}.max_employees is null or {{ employees_column }} <= {{ alias }}.max_employees)
{%- endmacro %}

{# prefecture -> region (seed prefecture_regions; '東京' matches '東京都') #}
{% macro join_region(prefecture_column, regions, alias='prefecture_regions') -%}
    left join {{ regions }} as {{ alias }}
        on {{ prefecture_column }} = {{ alias }}.prefecture
        or (
            {{ alias }}.prefecture <> '北海道'
            and {{ prefecture_column }} = regexp_replace({{ alias }}.prefecture, '[都府県]$', '')
        )
{%- endmacro %}

{# lead source -> channel (seed lead_source_channels; exact value) #}
{% macro join_channel(lead_source_column, channels, alias='lead_source_channels') -%}
    left join {{ channels }} as {{ alias }}
        on {{ lead_source_column }} = {{ alias }}.lead_source
{%- endmacro %}
