{#
    The handoff SLA rules as the reports print them: seed sla_policies with the threshold put
    into the sentence ({threshold} in description_ja / description_en).
#}

with

policies as (

    select * from {{ ref('sla_policies') }}

),

final as (

    select
        rule,
        list_position(['first_contact', 'follow_up', 'decision', 'feedback'], rule) as rule_order,
        label_ja,
        label_en,
        threshold,
        unit,
        replace(description_ja, '{threshold}', printf('%g', threshold)) as description_ja,
        replace(description_en, '{threshold}', printf('%g', threshold)) as description_en
    from policies

)

select * from final
