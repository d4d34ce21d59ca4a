{#
    The conformed layer's union: every enabled source's model of one shape, e.g.
    cnf_person_records = cnf_salesforce__person_records union all cnf_marketo__person_records.

    Sources and the shapes each provides come from var `leadfunnel_sources`
    ({source: [shape, ...]}). Columns are listed in the order the shape's
    contract gives them (models/conformed/_conformed__models.yml), so every source's model is
    read by name, not by position. Adding a source adds its models and one var entry; this
    macro and the core do not change.
#}
{% macro union_conformed(shape) -%}
    {%- set relations = [] -%}
    {%- set sources = var('leadfunnel_sources') -%}
    {%- for source_name in sources | sort -%}
        {%- if shape in sources[source_name] -%}
            {%- do relations.append(ref('cnf_' ~ source_name ~ '__' ~ shape)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not relations -%}
        {{ exceptions.raise_compiler_error("no enabled source has a conformed model of shape " ~ shape) }}
    {%- endif -%}
    {%- set columns = conformed_shape_columns(shape) -%}
    {%- for relation in relations %}
    {%- if not loop.first %}
    union all
    {%- endif %}
    select
        {{ columns | join(',\n        ') }}
    from {{ relation }}
    {%- endfor %}
{%- endmacro %}


{# A shape's columns in contract order, from the first source model of that shape. #}
{% macro conformed_shape_columns(shape) -%}
    {%- if not execute -%}
        {{ return(['*']) }}
    {%- endif -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name.startswith('cnf_') and node.name.endswith('__' ~ shape) -%}
        {{ return(node.columns.keys() | list) }}
    {%- endfor -%}
    {{ return(['*']) }}
{%- endmacro %}
