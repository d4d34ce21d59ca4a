{#
    Full-width ASCII (U+FF01..U+FF5E) and the ideographic space (U+3000) to their half-width
    forms: the part of Unicode NFKC that matters for e-mail addresses, phone numbers and codes
    typed on Japanese keyboards. DuckDB has no NFKC function, so this is a translate() over
    the 94 full-width characters.
#}
{% macro halfwidth(expression) -%}
    translate({{ expression }}, '{{ leadfunnel.fullwidth_chars() }}', '{{ leadfunnel.halfwidth_chars() }}')
{%- endmacro %}

{% macro fullwidth_chars() -%}
    　！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～
{%- endmacro %}

{% macro halfwidth_chars() -%}
     !"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~
{%- endmacro %}

{#
    A comparable e-mail address: half-width, trimmed (also of ideographic spaces), lowercase;
    empty strings become null.
#}
{% macro normalize_email(expression) -%}
    nullif(lower(trim({{ leadfunnel.halfwidth(expression) }})), '')
{%- endmacro %}

{# Trimmed text; empty strings become null. #}
{% macro clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
