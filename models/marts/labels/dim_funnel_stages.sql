{#
    The lifecycle stages as the reports and BI tools show them: seed funnel_stages (code, order,
    labels, owning department, success path, stage sets per company profile, days until a
    cohort's conversion into the stage is mature) and whether the
    stage is in the set of the configured profile (var funnel_profile).
#}

with

stages as (

    select * from {{ ref('funnel_stages') }}

),

final as (

    select
        stage,
        stage_order,
        cohort_maturity_days,
        label_ja,
        label_en,
        owner_department,
        is_success_path,
        in_startup,
        in_mid,
        in_large,
        in_b2b_full,
        in_b2c,
        in_{{ var('funnel_profile') }} as is_in_profile
    from stages

)

select * from final
