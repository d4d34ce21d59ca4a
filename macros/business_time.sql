{#
    Timestamps are stored in UTC (naive `timestamp`). These convert them to the business time
    zone (var `business_timezone`, Asia/Tokyo by default) for reporting: months, dates and
    business hours are counted there.
#}
{% macro to_business_time(utc_timestamp) -%}
    cast(timezone('{{ var("business_timezone") }}', timezone('UTC', cast({{ utc_timestamp }} as timestamp))) as timestamp)
{%- endmacro %}

{% macro business_date(utc_timestamp) -%}
    cast({{ leadfunnel.to_business_time(utc_timestamp) }} as date)
{%- endmacro %}
