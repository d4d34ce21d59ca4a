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

{# A business-local timestamp (naive, in business_timezone) back to UTC. #}
{% macro from_business_time(local_timestamp) -%}
    cast(timezone('UTC', timezone('{{ var("business_timezone") }}', cast({{ local_timestamp }} as timestamp))) as timestamp)
{%- endmacro %}

{# Minutes after local midnight of var business_hours_start / business_hours_end ("HH:MM"). #}
{% macro business_hours_start_minute() -%}
    {%- set parts = var('business_hours_start') | string | trim -%}
    {{ return((parts.split(':')[0] | int) * 60 + (parts.split(':')[1] | int)) }}
{%- endmacro %}

{% macro business_hours_end_minute() -%}
    {%- set parts = var('business_hours_end') | string | trim -%}
    {{ return((parts.split(':')[0] | int) * 60 + (parts.split(':')[1] | int)) }}
{%- endmacro %}

{% macro business_minutes_per_day() -%}
    {{ return(leadfunnel.business_hours_end_minute() - leadfunnel.business_hours_start_minute()) }}
{%- endmacro %}

{#
    The business clock. Business time is measured on one running clock: the business minutes
    from the calendar's start to a moment, i.e.

        clock(t) = business_days_before(date(t)) * minutes_per_day
                   + (minutes of t's date inside business hours up to t, if it is a business day)

    with date(t) the business-time-zone date. Business minutes between a and b are then
    clock(b) - clock(a): nights, weekends, national and company holidays count zero, with no
    per-day loop. `join_business_day` joins the calendar row (of relation `calendar`, the business calendar)
    of a timestamp's date under `alias`; `business_clock` is the clock expression over that row.
#}
{% macro join_business_day(utc_timestamp, alias, calendar) -%}
    left join {{ calendar }} as {{ alias }}
        on {{ alias }}.calendar_date = {{ business_date(utc_timestamp) }}
{%- endmacro %}

{% macro business_clock(utc_timestamp, alias) -%}
    {%- set start = leadfunnel.business_hours_start_minute() -%}
    {%- set span = leadfunnel.business_minutes_per_day() -%}
    (
        {{ alias }}.business_days_before * {{ span }}
        + case
            when {{ alias }}.is_business_day then least(greatest(
                (epoch({{ to_business_time(utc_timestamp) }}) - epoch(cast({{ business_date(utc_timestamp) }} as timestamp))) / 60.0
                - {{ start }},
                0), {{ span }})
            else 0
        end
    )
{%- endmacro %}

{#
    The moment (UTC) at which the business clock reads `clock_minutes`: on the business day
    whose number is ceil(clock / minutes_per_day), at business start + the remainder (a clock
    that falls exactly on a day boundary is that day's close, not the next day's opening).
    `day_number_alias` is a calendar row joined on
    business_day_number = {{ business_clock_day_number(clock) }} and is_business_day.
#}
{% macro business_clock_day_number(clock_minutes) -%}
    {%- set span = leadfunnel.business_minutes_per_day() -%}
    cast(ceil(({{ clock_minutes }}) / {{ span }}) as integer)
{%- endmacro %}

{% macro business_clock_moment(clock_minutes, day_alias) -%}
    {%- set start = leadfunnel.business_hours_start_minute() -%}
    {%- set span = leadfunnel.business_minutes_per_day() -%}
    {{ from_business_time(
        'cast(' ~ day_alias ~ '.calendar_date as timestamp) + to_microseconds(cast(round((' ~ start ~ ' + (' ~ clock_minutes ~ ') - (' ~ day_alias ~ '.business_day_number - 1) * ' ~ span ~ ') * 60000000) as bigint))'
    ) }}
{%- endmacro %}
