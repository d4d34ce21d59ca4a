{#
    Labels of the codes the marts use for statuses, decisions, buckets and reason types
    (seed value_labels), one row per domain and code.
#}

with

value_labels as (

    select * from {{ ref('value_labels') }}

),

final as (

    select
        domain,
        code,
        sort_order,
        label_ja,
        label_en,
        description
    from value_labels

)

select * from final
