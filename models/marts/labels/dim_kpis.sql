{#
    The review meetings' KPIs as the reports show them: seed kpi_targets (labels, unit,
    number format, which way is good, target) with the unit's labels from seed kpi_units.
#}

with

targets as (

    select * from {{ ref('kpi_targets') }}

),

units as (

    select * from {{ ref('kpi_units') }}

),

final as (

    select
        targets.kpi_code,
        targets.label_ja,
        targets.label_en,
        targets.unit,
        coalesce(units.unit_label_ja, '') as unit_label_ja,
        coalesce(units.unit_label_en, '') as unit_label_en,
        coalesce(units.change_label_ja, '') as change_label_ja,
        coalesce(units.change_label_en, '') as change_label_en,
        targets.display_format,
        targets.direction,
        targets.target_min,
        targets.target_max,
        targets.description
    from targets
    left join units
        on targets.unit = units.unit

)

select * from final
