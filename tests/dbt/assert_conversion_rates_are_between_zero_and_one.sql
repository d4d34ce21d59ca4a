-- A returned row is a funnel figure that is not a proportion: a cohort conversion rate outside
-- [0, 1], or more conversions within a window than conversions, or more conversions than
-- cohort members. (rpt_funnel_period_monthly's period ratio is not a proportion: this month's
-- SQLs over this month's MQLs can exceed 1 by definition; see docs/DECISIONLOG.md.)

select
    cohort_month,
    from_stage,
    to_stage,
    segment_type,
    segment_value,
    cohort_size,
    converted_count,
    conversion_rate
from {{ ref('rpt_funnel_cohort_monthly') }}
where conversion_rate < 0
    or conversion_rate > 1
    or converted_count > cohort_size
    or converted_within_30d > converted_within_90d
    or converted_within_90d > converted_within_180d
    or converted_within_180d > converted_count
