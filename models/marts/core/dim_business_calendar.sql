{#
    The business calendar: one row per date 2015-2035. A business day is neither a weekend,
    nor a national holiday (seed business_calendar, from the `holidays` package), nor a
    company holiday (seed company_holidays, default Dec 29 - Jan 3). business_day_number is
    the running count of business days up to and including the date; business_days_before
    excludes the date itself. The business clock macros (macros/business_time.sql) use both.
#}

with

calendar as (

    select * from {{ ref('business_calendar') }}

),

company_holidays as (

    select * from {{ ref('company_holidays') }}

),

company_days as (

    select
        calendar.calendar_date,
        min(company_holidays.name) as name
    from calendar
    inner join company_holidays
        on (
            company_holidays.rule = 'annual'
            and strftime(calendar.calendar_date, '%m-%d') = company_holidays.month_day
        )
        or (
            company_holidays.rule = 'date'
            and calendar.calendar_date = company_holidays.holiday_date
        )
    group by calendar.calendar_date

),

marked as (

    select
        calendar.calendar_date,
        calendar.day_of_week,
        calendar.is_weekend,
        calendar.is_national_holiday,
        company_days.name is not null as is_company_holiday,
        coalesce(calendar.holiday_name, company_days.name) as holiday_name
    from calendar
    left join company_days
        on calendar.calendar_date = company_days.calendar_date

),

numbered as (

    select
        *,
        not is_weekend and not is_national_holiday and not is_company_holiday as is_business_day
    from marked

),

final as (

    select
        calendar_date,
        day_of_week,
        is_weekend,
        is_national_holiday,
        is_company_holiday,
        holiday_name,
        is_business_day,
        cast(sum(case when is_business_day then 1 else 0 end) over (
            order by calendar_date rows unbounded preceding
        ) as integer) as business_day_number,
        cast(sum(case when is_business_day then 1 else 0 end)
            over (
                order by calendar_date rows unbounded preceding
            )
        - case when is_business_day then 1 else 0
        end as integer) as business_days_before,
        cast(date_trunc('month', calendar_date) as date) as month_start,
        cast(year(calendar_date) - case
            when month(calendar_date) < {{ var('fiscal_year_start_month') }} then 1 else 0
        end as integer) as fiscal_year
    from numbered

)

select * from final
