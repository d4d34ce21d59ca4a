{#
    Read a raw table by its contract, whatever wrote it (`leadfunnel load`, Fivetran, Airbyte,
    dlt, an export). `relation` is the model's `source(...)`; `source_name` and `table_name`
    name the contract table (macros/raw_contract.sql, generated from contract.py).

    - Every contract column is selected under its contract name and type. A column the relation
      lacks reads as a typed NULL, and the build log names it. A relation that does not exist
      reads as no rows (an optional table).
    - Connector conventions: rows with `_fivetran_deleted` or `is_deleted` true are left out
      (a deleted record leaves every mart); in a history-mode table (`_fivetran_active`) only
      the active version is read. `_loaded_at` is the landing time, else `_fivetran_synced`.
    - Org-specific custom fields (the not-SQL reason and detail, BANT flags, the loss reason)
      are read from the column var `custom_fields` names for them (default: the contract's).
    Columns are matched case-insensitively.
#}
{% macro raw_source(relation, source_name, table_name) -%}
    {%- set declared = raw_contract()[source_name][table_name] -%}
    {#- org-specific custom fields: contract column -> the column in this warehouse (var custom_fields) -#}
    {%- set custom = (var('custom_fields', {}).get(source_name) or {}).get(table_name) or {} -%}
    {%- set present = {} -%}
    {%- set exists = [false] -%}
    {#- the warehouse relation behind the source (also in a unit test, where `relation` is the
        test's fixture, whose columns dbt takes from this relation) -#}
    {%- set node = (graph.get('sources') or {}).get('source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name) if execute else none -%}
    {%- set schema = node.schema if node is not none else var(source_name ~ '_schema', source_name) -%}
    {%- set identifier = (node.identifier or node.name) if node is not none else table_name -%}
    {%- set introspect = execute -%}
    {%- if introspect -%}
        {%- set found = adapter.get_relation(database=target.database, schema=schema, identifier=identifier) -%}
        {%- if found is not none -%}
            {%- do exists.append(true) -%}
            {%- for column in adapter.get_columns_in_relation(found) -%}
                {%- do present.update({column.name | lower: column.name}) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
    {#- in a unit test `relation` is the fixture: it exists, with the warehouse relation's
        columns when there is one, else the contract's -#}
    {%- set is_fixture = not (relation.schema is defined and relation.schema) -%}
    {%- if is_fixture and not exists[-1] -%}
        {%- set introspect = false -%}
    {%- endif -%}
    {%- set table_exists = exists[-1] or not introspect or is_fixture -%}
    {%- set missing = [] -%}
    {%- for name, _ in declared if introspect and custom.get(name, name) | lower not in present -%}
        {%- do missing.append(custom.get(name, name)) -%}
    {%- endfor -%}
    {%- if introspect and not table_exists and (source_name ~ '.' ~ table_name) in raw_connector_tables() -%}
        {{ log(source_name ~ '.' ~ table_name ~ ': no such table in ' ~ schema ~ ' (a connector-only table), read as no rows', info=true) }}
    {%- elif introspect and not table_exists -%}
        {%- do exceptions.warn(source_name ~ '.' ~ table_name ~ ': no such table in ' ~ schema ~ ', read as no rows') -%}
    {%- elif introspect and missing -%}
        {%- do exceptions.warn(source_name ~ '.' ~ table_name ~ ': no column(s) ' ~ missing | join(', ') ~ ', read as NULL') -%}
    {%- endif -%}
    (
        select
            {%- for name, kind in declared %}
            {%- set actual = custom.get(name, name) %}
            {%- if not introspect or actual | lower in present %}
            cast({{ adapter.quote(present.get(actual | lower, actual)) }} as {{ kind }}) as {{ adapter.quote(name) }},
            {%- else %}
            cast(null as {{ kind }}) as {{ adapter.quote(name) }},
            {%- endif %}
            {%- endfor %}
            {%- if '_loaded_at' in present or not introspect %}
            cast({{ adapter.quote(present.get('_loaded_at', '_loaded_at')) }} as timestamp) as _loaded_at
            {%- elif '_fivetran_synced' in present %}
            cast({{ adapter.quote(present['_fivetran_synced']) }} as timestamp) as _loaded_at
            {%- else %}
            cast(null as timestamp) as _loaded_at
            {%- endif %}
        {%- if table_exists %}
        from {{ relation }}
        where true
            {%- for flag in ['_fivetran_deleted', 'is_deleted'] if flag in present %}
            and not coalesce(cast({{ adapter.quote(present[flag]) }} as boolean), false)
            {%- endfor %}
            {%- if '_fivetran_active' in present %}
            and coalesce(cast({{ adapter.quote(present['_fivetran_active']) }} as boolean), true)
            {%- endif %}
        {%- else %}
        from (select 1 as no_rows) as absent
        where false
        {%- endif %}
    )
{%- endmacro %}
