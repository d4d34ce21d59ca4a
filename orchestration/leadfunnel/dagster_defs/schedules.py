"""Schedules, all in the business time zone (``LEADFUNNEL_BUSINESS_TIMEZONE``, see
``leadfunnel.clock``). Each run carries its tick time as its as_of (run tag).

- ``handoff_refresh``: every 15 minutes 08:00-20:00 on weekdays (``handoff_refresh_job``);
- ``daily_refresh``: 06:00 every day, everything (``refresh_job``);
- ``monthly_review``: 08:00 on the first business day of the month (Japanese holidays,
  substitute holidays and Dec 29 - Jan 3 are not business days): publish, then the previous
  month's review (``monthly_review_job``);
- ``weekly_summary``: Mondays 08:00: publish, then the previous week's summary
  (``weekly_summary_job``).

They start stopped: turn them on in the UI (Automation) or with ``dagster schedule start``.
"""

from dagster import RunRequest, ScheduleEvaluationContext, SkipReason, schedule

from leadfunnel.business_days import first_business_day
from leadfunnel.clock import business_timezone_name
from leadfunnel.dagster_defs.jobs import (
    handoff_refresh_job,
    monthly_review_job,
    refresh_job,
    weekly_summary_job,
)
from leadfunnel.dagster_defs.tags import as_of_tags

TIMEZONE = business_timezone_name()


def _request(context: ScheduleEvaluationContext) -> RunRequest:
    return RunRequest(tags=as_of_tags(context.scheduled_execution_time))


@schedule(
    job=handoff_refresh_job,
    cron_schedule=["*/15 8-19 * * 1-5", "0 20 * * 1-5"],
    execution_timezone=TIMEZONE,
    description=f"Every 15 minutes 08:00-20:00 ({TIMEZONE}) on weekdays: the handoff SLA path.",
)
def handoff_refresh(context: ScheduleEvaluationContext) -> RunRequest:
    return _request(context)


@schedule(
    job=refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone=TIMEZONE,
    description=f"06:00 ({TIMEZONE}) every day: land, check, build everything, publish.",
)
def daily_refresh(context: ScheduleEvaluationContext) -> RunRequest:
    return _request(context)


@schedule(
    job=monthly_review_job,
    cron_schedule="0 8 1-7 * *",
    execution_timezone=TIMEZONE,
    description=f"08:00 ({TIMEZONE}) on the first business day of the month: the monthly review.",
)
def monthly_review(context: ScheduleEvaluationContext) -> RunRequest | SkipReason:
    today = context.scheduled_execution_time.date()
    first = first_business_day(today.year, today.month)
    if today != first:
        return SkipReason(f"{today} is not the first business day of the month ({first} is)")
    return _request(context)


@schedule(
    job=weekly_summary_job,
    cron_schedule="0 8 * * 1",
    execution_timezone=TIMEZONE,
    description=f"Mondays 08:00 ({TIMEZONE}): the weekly summary.",
)
def weekly_summary(context: ScheduleEvaluationContext) -> RunRequest:
    return _request(context)


schedules = [handoff_refresh, daily_refresh, monthly_review, weekly_summary]
