"""The pipeline steps, shared by the CLI (`leadfunnel run`, `load`, `build`, `check`,
`publish`) and the Dagster assets: land, check, build, publish.

Each step holds the build lock while it touches ``build.duckdb`` (re-entrant, so :func:`run`
holds it around all of them) and records what the publish gate needs. No step logic lives in
the CLI or in the Dagster definitions; they only call these functions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from leadfunnel.clock import as_of_or_now
from leadfunnel.dbt_runner import DbtError, dbt_target_path
from leadfunnel.locking import build_lock
from leadfunnel.paths import Home
from leadfunnel.publishing.gate import (
    PublishBlocked,
    fingerprint_of,
    record_quality,
    recorded_build,
)
from leadfunnel.publishing.serve import PublishResult
from leadfunnel.quality import QualityReport
from leadfunnel.warehouse import raw_schemas

Progress = Callable[[str], None]


def land(
    home: Home,
    directory: Path | None = None,
    *,
    progress: Callable[[object], None] | None = None,
    on_wait: Progress | None = None,
):
    """Land every extract file under ``directory`` (default ``$LEADFUNNEL_HOME/landing``)."""
    from leadfunnel.landing import load_directory

    home.ensure()
    folder = directory or home.landing
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of extract files")
    with build_lock(home, purpose=f"landing {folder}", on_wait=on_wait):
        # files outside the home's landing folder are the user's own: a rejected one is copied
        # to quarantine, never moved out of their folder
        keep = not folder.resolve().is_relative_to(home.landing.resolve())
        return load_directory(
            folder, home.build_db, home.quarantine, progress=progress, keep_rejected=keep
        )


def check(
    home: Home,
    as_of: datetime | None = None,
    *,
    schemas: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    on_wait: Progress | None = None,
) -> QualityReport:
    """Run the quality gate on the raw tables at ``as_of`` (default now) and record it."""
    from leadfunnel.quality import validate

    with build_lock(home, purpose="quality gate", on_wait=on_wait):
        schemas = raw_schemas(schemas)
        report = validate(home, as_of_or_now(as_of), schemas=schemas, progress=progress)
        record_quality(home, report, fingerprint_of(home, schemas))
    return report


def build(
    home: Home,
    as_of: datetime | None = None,
    *,
    select: Sequence[str] = (),
    schemas: Mapping[str, str] | None = None,
    on_line: Progress | None = None,
    on_wait: Progress | None = None,
) -> datetime:
    """`dbt build` at ``as_of`` (default now), recording its test results for the gate."""
    from leadfunnel.build import build as run_build

    moment = as_of_or_now(as_of)
    with (
        build_lock(home, purpose="dbt build", on_wait=on_wait),
        recorded_build(home, moment, full=not select, schemas=raw_schemas(schemas)) as record,
    ):
        try:
            record.as_of = run_build(
                home, moment, select=select, schemas=raw_schemas(schemas), on_line=on_line
            )
        finally:
            record.read_artifacts(dbt_target_path(home))
    return record.as_of


def publish(
    home: Home,
    *,
    export_parquet: bool = False,
    schemas: Mapping[str, str] | None = None,
    personal_data: str | None = None,
    on_wait: Progress | None = None,
) -> PublishResult:
    """Gate, write, audit and publish ``serve.duckdb`` (see ``leadfunnel.publishing.serve``);
    ``personal_data``: full, pseudonymized or none (``publishing.personal``)."""
    from leadfunnel.publishing.serve import publish as run_publish

    with build_lock(home, purpose="publish", on_wait=on_wait):
        return run_publish(
            home,
            export_parquet=export_parquet,
            schemas=raw_schemas(schemas),
            personal_data=personal_data,
        )


@dataclass
class RunResult:
    """What `leadfunnel run` did; ``stopped`` says why it did not publish (None: published)."""

    as_of: datetime
    load_report: object | None = None
    quality: QualityReport | None = None
    built: bool = False
    published: PublishResult | None = None
    reports: list = field(default_factory=list)
    stopped: str | None = None


def run(
    home: Home,
    as_of: datetime | None = None,
    *,
    directory: Path | None = None,
    export_parquet: bool = False,
    select: Sequence[str] = (),
    schemas: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    on_file: Callable[[object], None] | None = None,
    on_line: Progress | None = None,
) -> RunResult:
    """Land, check, build, publish, write the reports that are due; stop at the first step
    that fails its gate.

    With ``select`` (e.g. ``HANDOFF_SELECTION``, the 15-minute handoff refresh) only those dbt
    models and the tests whose every parent they are are built, the other marts stay as the
    last full build left them, and no report is written (they need every mart of one build).

    A blocking quality failure stops before the build (the batch is not accepted downstream);
    a dbt error (including an error-severity test) stops before the publish. Either way the
    previous ``serve.duckdb`` stays as it was.
    """
    say = progress or (lambda _message: None)
    moment = as_of_or_now(as_of)
    result = RunResult(as_of=moment)
    with build_lock(home, purpose="leadfunnel run", on_wait=say):
        say("landing extracts")
        result.load_report = land(home, directory, progress=on_file)
        say("checking the landed data (quality gate)")
        result.quality = check(home, moment, schemas=schemas, progress=say)
        say(result.quality.summary())
        if not result.quality.passed:
            first = result.quality.blocking[0].describe()
            result.stopped = (
                f"the quality gate blocked the publish: {len(result.quality.blocking)} "
                f"blocking failure(s), first {first}; Data Docs: {result.quality.docs}"
            )
            return result
        say("dbt build" + (f" --select {' '.join(select)}" if select else ""))
        try:
            build(home, moment, select=select, schemas=schemas, on_line=on_line)
        except DbtError as error:
            result.stopped = f"the dbt build failed, nothing was published: {error}"
            return result
        result.built = True
        say("publishing serve.duckdb")
        try:
            result.published = publish(home, export_parquet=export_parquet, schemas=schemas)
        except PublishBlocked as blocked:
            result.stopped = str(blocked)
            return result
    if select:
        return result
    from leadfunnel.due_reports import write_due_reports

    say("writing the reports that are due")
    result.reports = write_due_reports(home, moment)
    return result
