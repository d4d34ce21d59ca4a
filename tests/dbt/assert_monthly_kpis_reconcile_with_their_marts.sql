{#
    Every KPI of rpt_monthly_kpis equals the figure of the mart that defines it (README "Where
    each KPI is defined"): one row per KPI value that differs. The scorecard only selects.
#}

with

kpis as (

    select
        month,
        kpi_code,
        value,
        is_mature
    from {{ ref('rpt_monthly_kpis') }}

),

conversion as (

    select * from {{ ref('rpt_funnel_conversion_monthly') }}

),

sla as (

    select * from {{ ref('rpt_sla_compliance_monthly') }}
    where level = 'all'

),

marketing as (

    select * from {{ ref('rpt_marketing_sla_monthly') }}

),

expected as (

    select
        conversion.month,
        kpi.kpi_code,
        case kpi.kpi_code
            when 'mql_count' then cast(coalesce(marketing.mql_count, 0) as double)
            when 'mql_to_sql_rate' then conversion.mql_to_sql_rate
            when 'mql_to_sql_cohort_rate' then conversion.mql_to_sql_cohort_rate
            when 'sql_to_won_rate' then conversion.sql_to_won_rate
            when 'sql_to_won_cohort_rate' then conversion.sql_to_won_cohort_rate
            when 'mql_to_won_cohort_rate' then conversion.mql_to_won_cohort_rate
            when 'mean_hours_to_first_contact' then sla.mean_hours_to_first_contact
            when 'median_hours_to_first_contact' then sla.median_hours_to_first_contact
            when 'uncontacted_share' then sla.never_contacted_share
            when 'sla_compliance_rate' then sla.compliance_rate
        end as value,
        case kpi.kpi_code
            when 'mql_to_sql_cohort_rate' then conversion.is_mql_to_sql_cohort_mature
            when 'sql_to_won_cohort_rate' then conversion.is_sql_to_won_cohort_mature
            when 'mql_to_won_cohort_rate' then conversion.is_mql_to_won_cohort_mature
        end as cohort_is_mature
    from conversion
    cross join (
        values
        ('mql_count'), ('mql_to_sql_rate'), ('mql_to_sql_cohort_rate'), ('sql_to_won_rate'),
        ('sql_to_won_cohort_rate'), ('mql_to_won_cohort_rate'), ('mean_hours_to_first_contact'),
        ('median_hours_to_first_contact'), ('uncontacted_share'), ('sla_compliance_rate')
    ) as kpi (kpi_code)
    left join sla
        on conversion.month = sla.month
    left join marketing
        on conversion.month = marketing.month

)

select
    coalesce(kpis.month, expected.month) as month,
    coalesce(kpis.kpi_code, expected.kpi_code) as kpi_code,
    kpis.value as kpi_value,
    expected.value as mart_value
from kpis
full outer join expected
    on kpis.month = expected.month
        and kpis.kpi_code = expected.kpi_code
where kpis.month is null
    or expected.month is null
    or kpis.value is distinct from expected.value
    or (expected.cohort_is_mature is not null and kpis.is_mature is distinct from expected.cohort_is_mature)
