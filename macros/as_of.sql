{#
    The moment every "now" in the models refers to, as a UTC `timestamp` literal.

    var `as_of`: an ISO-8601 timestamp ("2026-11-21T09:00:00Z", "2026-11-21 18:00:00+09:00",
    "2026-11-21"); a value without an offset is UTC. Empty: the time this dbt invocation
    started, so that every model of one build sees the same now.
#}
{% macro as_of() -%}
    {{ return(adapter.dispatch('as_of', 'leadfunnel')()) }}
{%- endmacro %}

{% macro default__as_of() -%}
    cast('{{ leadfunnel.as_of_utc().strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}

{% macro as_of_utc() %}
    {%- set raw = var('as_of', '') -%}
    {%- set dt = modules.datetime -%}
    {%- if raw is none or (raw | string | trim) == '' -%}
        {{ return(run_started_at.astimezone(modules.pytz.utc).replace(tzinfo=none)) }}
    {%- endif -%}
    {%- set text = raw | string | trim -%}
    {%- if text.endswith('Z') or text.endswith('z') -%}
        {%- set text = text[:-1] ~ '+00:00' -%}
    {%- endif -%}
    {%- set parsed = none -%}
    {%- if modules.re.match('^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)?([+-]\\d{2}:\\d{2})?$', text) -%}
        {%- set parsed = dt.datetime.fromisoformat(text) -%}
    {%- endif -%}
    {%- if parsed is none -%}
        {{ exceptions.raise_compiler_error("var as_of = '" ~ raw ~ "' is not an ISO-8601 timestamp (e.g. 2026-11-21T09:00:00Z)") }}
    {%- endif -%}
    {%- if parsed.tzinfo is not none -%}
        {%- set parsed = parsed.astimezone(modules.pytz.utc).replace(tzinfo=none) -%}
    {%- endif -%}
    {{ return(parsed) }}
{% endmacro %}
