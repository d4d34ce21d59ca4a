{#
    The date to approach a recycled person again (DOMAIN.md "Recycling"), from a recycle_rules
    row (`recontact_rule`, `months_after`) and the JST date the person left the funnel:
    - months_after: that many months later;
    - budget_season: the first day of var budget_season_month (January) that comes after the
      date, i.e. the budget season before the next fiscal year (var fiscal_year_start_month,
      April in Japan) — next year's budget is decided then.
#}
{% macro recontact_date(rule_column, months_column, since_date) -%}
    {%- set budget_month = var('budget_season_month') | int -%}
    case
        when {{ rule_column }} = 'budget_season' then
            make_date(
                cast(year({{ since_date }}) + case when month({{ since_date }}) >= {{ budget_month }} then 1 else 0 end as bigint),
                {{ budget_month }},
                1
            )
        else cast({{ since_date }} + to_months(cast(coalesce({{ months_column }}, 0) as integer)) as date)
    end
{%- endmacro %}
