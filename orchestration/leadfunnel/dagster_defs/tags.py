"""The ``as_of`` of a Dagster run: every step of one run models the same "now".

Schedules and sensors put their tick time in the run tag ``leadfunnel/as_of``; a run launched
by hand may set it in the Launchpad (e.g. to rebuild reproducibly at a past moment). Without
the tag, the run's creation time is used, so all steps of a run still agree.
"""

from __future__ import annotations

from datetime import UTC, datetime

from dagster import AssetExecutionContext, OpExecutionContext

from leadfunnel.clock import format_as_of, parse_as_of

AS_OF_TAG = "leadfunnel/as_of"


def as_of_tags(moment: datetime) -> dict[str, str]:
    """Run tags carrying ``moment`` as the run's as_of."""
    return {AS_OF_TAG: format_as_of(moment)}


def run_as_of(context: AssetExecutionContext | OpExecutionContext) -> datetime:
    """The run's as_of: its ``leadfunnel/as_of`` tag, else the time the run was created."""
    tagged = parse_as_of(context.run.tags.get(AS_OF_TAG))
    if tagged is not None:
        return tagged
    record = context.instance.get_run_record_by_id(context.run.run_id)
    created = record.create_timestamp if record is not None else datetime.now(UTC)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return created.astimezone(UTC)
