{#
    Generic test: every (non-null) value of `values_column` in `values_from` has a row in the
    tested model's column (among the rows matching `model_where`, when given), e.g. every
    channel of dim_people has a label in dim_channels. Returns the values without a row.
#}
{% test has_a_row_for_every(model, column_name, values_from, values_column, model_where=none) %}

    select distinct {{ values_column }} as missing_value
    from {{ values_from }}
    where {{ values_column }} is not null
        and {{ values_column }} not in (
            select {{ column_name }} from {{ model }}
            where {{ column_name }} is not null
            {%- if model_where %} and {{ model_where }}{% endif %}
        )

{% endtest %}
