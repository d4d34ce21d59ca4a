"""The `leadfunnel` command line: generate, load, build, check, publish, run, demo, sql.

Errors are reported as one sentence on stderr with exit code 1; set LEADFUNNEL_DEBUG=1 to see
the traceback as well.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from leadfunnel.paths import Home, home

app = typer.Typer(
    help="leadfunnel: the marketing-to-sales lead funnel warehouse (DuckDB + dbt).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)
out = Console()

DEMO_MARKER = ".demo"
EXAMPLE_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "Last month's KPI scorecard against the targets",
        "select kpi_code, round(value, 3) as value, target_min, target_max, status, is_mature\n"
        "from marts.rpt_monthly_kpis\n"
        "where month = (select max(month) - interval 1 month from marts.rpt_monthly_kpis)\n"
        "order by kpi_order;",
    ),
    (
        "Handoff SLA by team: compliance and time to first contact",
        "select month, level_value as team, handoffs, round(compliance_rate, 3) as compliance,\n"
        "       median_hours_to_first_contact, round(never_contacted_share, 3) as never_contacted\n"
        "from marts.rpt_sla_compliance_monthly where level = 'team'\n"
        "order by month desc, team limit 12;",
    ),
    (
        "Who is hot right now: score grade by channel (A1 = best fit, most engaged)",
        "select channel, score_grade, count(*) as people from marts.dim_people\n"
        "where score_grade in ('A1', 'A2', 'B1') group by all order by people desc limit 10;",
    ),
)


SalesforceSchema = Annotated[
    str | None,
    typer.Option(
        "--salesforce-schema",
        envvar="LEADFUNNEL_SALESFORCE_SCHEMA",
        help="Schema of the raw Salesforce tables (a connector's, e.g. ft_salesforce).",
        show_default="salesforce",
    ),
]
MarketoSchema = Annotated[
    str | None,
    typer.Option(
        "--marketo-schema",
        envvar="LEADFUNNEL_MARKETO_SCHEMA",
        help="Schema of the raw Marketo tables (a connector's, e.g. ft_marketo).",
        show_default="marketo",
    ),
]


def _schemas(salesforce_schema: str | None, marketo_schema: str | None) -> dict[str, str]:
    from leadfunnel.warehouse import raw_schemas

    return raw_schemas({"salesforce": salesforce_schema, "marketo": marketo_schema})


def _fail(message: str) -> None:
    console.print(f"[bold red]error:[/bold red] {message}", highlight=False)
    raise typer.Exit(code=1)


def _run(step):
    """Run a CLI step; turn any exception into one sentence (traceback with LEADFUNNEL_DEBUG)."""
    try:
        return step()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as error:
        if os.environ.get("LEADFUNNEL_DEBUG"):
            raise
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        _fail(message)


def _progress(message: str) -> None:
    console.print(f"  [dim]{time.strftime('%H:%M:%S')}[/dim] {message}", highlight=False)


@app.command()
def generate(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the extracts into.")],
    people: Annotated[int, typer.Option(help="How many people the company knows.")] = 10_000,
    months: Annotated[int, typer.Option(help="How many months of history.")] = 24,
    end_date: Annotated[
        str | None,
        typer.Option(
            help="Last day of the history (YYYY-MM-DD; default yesterday, business time zone)."
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same files.")
    ] = 42,
    dirty_share: Annotated[
        float, typer.Option(help="Share of dirty records (missing fields, duplicates, ...).")
    ] = 0.02,
) -> None:
    """Generate a realistic Japanese B2B company's Marketo and Salesforce extracts."""

    def step() -> None:
        from leadfunnel_sample import generate as run_generate

        end = date.fromisoformat(end_date) if end_date else None
        started = time.perf_counter()
        result = run_generate(
            out_dir,
            people=people,
            months=months,
            end_date=end,
            seed=seed,
            dirty_share=dirty_share,
            progress=_progress,
        )
        rows = sum(result.files.values())
        console.print(
            f"wrote {len(result.files)} files ({rows:,} rows) to {result.out} "
            f"in {time.perf_counter() - started:.1f}s",
            highlight=False,
        )

    _run(step)


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="Folder of extract files to land.")],
    home_dir: Annotated[
        Path | None, typer.Option("--home", help="LEADFUNNEL_HOME (default: env or warehouse/).")
    ] = None,
) -> None:
    """Land extract files (CSV, Excel, Parquet, JSON lines) into build.duckdb's raw schemas.

    Files of tables outside the contract are listed as ignored and left where they are; the
    exit code is 1 only when a file was rejected (moved to quarantine/).
    """

    def step() -> None:
        target = home(home_dir).ensure()
        report = _load(directory, target)
        if report.rejected:
            _fail(
                f"{len(report.rejected)} file(s) rejected and moved to {target.quarantine}; "
                "the other files landed"
            )

    _run(step)


def _show_file(result) -> None:
    colour = {"loaded": "green", "skipped": "dim", "rejected": "red"}.get(result.status, "")
    text = f"[{colour}]{result.status:>8}[/{colour}] {result.table or '?':<48} {result.rows:>10,}"
    if result.status == "rejected":
        text += f"  {result.message}"
    console.print(f"  {text}", highlight=False)


def _show_landed(result) -> None:
    """`leadfunnel load`'s line per file: as `run` shows it, plus warnings and ignored files."""
    if result.status == "ignored":
        console.print(f"  [yellow]{'ignored':>8}[/yellow] {result.message}", highlight=False)
        return
    _show_file(result)
    for warning in result.warnings:
        console.print(f"  {'':>8} [yellow]warning:[/yellow] {warning}", highlight=False)


def _load(directory: Path, target: Home):
    from leadfunnel import steps

    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a folder of extract files")

    started = time.perf_counter()
    report = steps.land(target, directory, progress=_show_landed, on_wait=_progress)
    warned = sum(1 for result in report.loaded if result.warnings)
    console.print(
        f"landed {len(report.loaded)} file(s) ({report.rows_loaded:,} rows"
        f"{f', {warned} with warnings' if warned else ''}), "
        f"skipped {len(report.skipped)} already loaded, "
        f"ignored {len(report.ignored)} outside the contract, "
        f"rejected {len(report.rejected)} in {time.perf_counter() - started:.1f}s "
        f"-> {target.build_db}",
        highlight=False,
    )
    if report.ignored:
        names = ", ".join(sorted({result.path.name for result in report.ignored}))
        console.print(f"ignored (left where they are): {names}", highlight=False)
    return report


@app.command()
def build(
    as_of: Annotated[
        str | None,
        typer.Option(help="The 'now' of every model (ISO-8601, UTC unless an offset is given)."),
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="dbt selection (repeatable); default: everything.")
    ] = None,
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
    salesforce_schema: SalesforceSchema = None,
    marketo_schema: MarketoSchema = None,
    verbose: Annotated[bool, typer.Option(help="Show dbt's full output.")] = False,
) -> None:
    """Run dbt build (seeds, models, tests) on build.duckdb at --as-of."""
    schemas = _schemas(salesforce_schema, marketo_schema)
    _run(lambda: _build(home(home_dir).ensure(), as_of, select or [], verbose, schemas))


def _dbt_lines(verbose: bool):
    """A printer for dbt's output lines: all of them, or only results and problems."""

    def show(line: str) -> None:
        if verbose or any(k in line for k in ("ERROR", "FAIL", "WARN", "Finished", "Completed")):
            console.print(f"  {line}", highlight=False, markup=False)

    return show


def _build(
    target: Home,
    as_of: str | None,
    select: list[str],
    verbose: bool,
    schemas: dict[str, str] | None = None,
) -> datetime:
    from leadfunnel import steps
    from leadfunnel.clock import format_as_of, parse_as_of

    moment = parse_as_of(as_of)

    show = _dbt_lines(verbose)
    started = time.perf_counter()
    used = steps.build(
        target, moment, select=select, schemas=schemas, on_line=show, on_wait=_progress
    )
    console.print(
        f"built {target.build_db} as of {format_as_of(used)} "
        f"in {time.perf_counter() - started:.1f}s",
        highlight=False,
    )
    return used


@app.command()
def check(
    as_of: Annotated[
        str | None,
        typer.Option(help="'Now' for the no-future-timestamps rule (ISO-8601; default now)."),
    ] = None,
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
    salesforce_schema: SalesforceSchema = None,
    marketo_schema: MarketoSchema = None,
) -> None:
    """Run the quality gate (Great Expectations) on the landed raw tables."""

    def step() -> None:
        from leadfunnel import steps
        from leadfunnel.clock import parse_as_of

        target = home(home_dir).ensure()
        report = steps.check(
            target,
            parse_as_of(as_of),
            schemas=_schemas(salesforce_schema, marketo_schema),
            progress=_progress,
            on_wait=_progress,
        )
        _show_quality(report)
        if not report.passed:
            _fail(
                f"the quality gate failed with {len(report.blocking)} blocking failure(s), "
                f"first {report.blocking[0].describe()}; see {report.docs}"
            )

    _run(step)


def _show_quality(report) -> None:
    failed = [o for o in report.outcomes if not o.success]
    if failed:
        table = Table("severity", "table.column", "rule", "rows", "examples", show_lines=False)
        for outcome in failed:
            table.add_row(
                outcome.severity,
                f"{outcome.table}.{outcome.column or '*'}",
                outcome.rule or outcome.expectation,
                f"{outcome.unexpected_count:,}",
                ", ".join(outcome.examples[:3]),
            )
        console.print(table)
    console.print(f"{report.summary()}; Data Docs: {report.docs}", highlight=False)


@app.command()
def publish(
    export_parquet: Annotated[
        bool, typer.Option(help="Also export every mart to $LEADFUNNEL_HOME/export/*.parquet.")
    ] = False,
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
    salesforce_schema: SalesforceSchema = None,
    marketo_schema: MarketoSchema = None,
    personal_data: Annotated[
        str | None,
        typer.Option(
            help="Personal data of leads and contacts in serve.duckdb: full, pseudonymized "
            "(hashed e-mail, no names or phone) or none. Default $LEADFUNNEL_PERSONAL_DATA, "
            "else full; the Parquet export defaults to pseudonymized "
            "($LEADFUNNEL_EXPORT_PERSONAL_DATA)."
        ),
    ] = None,
) -> None:
    """Publish the marts to serve.duckdb (only if the last check and build passed)."""

    def step() -> None:
        from leadfunnel import steps

        _show_published(
            steps.publish(
                home(home_dir).ensure(),
                export_parquet=export_parquet,
                schemas=_schemas(salesforce_schema, marketo_schema),
                personal_data=personal_data,
                on_wait=_progress,
            )
        )

    _run(step)


def _show_published(result) -> None:
    from leadfunnel.clock import format_as_of

    rows = sum(result.tables.values())
    as_of = format_as_of(result.as_of) if result.as_of else "unknown"
    console.print(
        f"published {len(result.tables)} marts ({rows:,} rows) as of {as_of} -> {result.path}",
        highlight=False,
    )
    for text in result.warnings:
        console.print(f"  [yellow]warning[/yellow] {text}", highlight=False)
    if result.exported:
        console.print(
            f"exported {len(result.exported)} Parquet files to {result.exported[0].parent}",
            highlight=False,
        )


@app.command(name="run")
def run_pipeline(
    as_of: Annotated[
        str | None,
        typer.Option(help="The 'now' of every model (ISO-8601, UTC unless an offset is given)."),
    ] = None,
    export_parquet: Annotated[
        bool, typer.Option(help="Also export every mart to $LEADFUNNEL_HOME/export/*.parquet.")
    ] = False,
    handoffs: Annotated[
        bool,
        typer.Option(
            help="The 15-minute handoff refresh (Dagster's handoff_refresh_job): build only "
            "what the handoff marts (fct_mql_handoffs, rpt_open_sla_breaches, rpt_handoffs_weekly) "
            "need; the other marts stay as the "
            "last full build left them."
        ),
    ] = False,
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
    salesforce_schema: SalesforceSchema = None,
    marketo_schema: MarketoSchema = None,
    verbose: Annotated[bool, typer.Option(help="Show dbt's full output.")] = False,
) -> None:
    """Land $LEADFUNNEL_HOME/landing, check, build, publish: the Dagster pipeline, no UI."""

    def step() -> None:
        from leadfunnel.dbt_runner import HANDOFF_SELECTION

        target = home(home_dir).ensure()
        select = HANDOFF_SELECTION if handoffs else ()
        schemas = _schemas(salesforce_schema, marketo_schema)
        result = _pipeline(target, as_of, verbose, export_parquet, select, schemas)
        if result.stopped:
            _fail(result.stopped)

    _run(step)


def _pipeline(
    target: Home,
    as_of: str | None,
    verbose: bool,
    export_parquet: bool = False,
    select: tuple[str, ...] = (),
    schemas: dict[str, str] | None = None,
):
    from leadfunnel import steps
    from leadfunnel.clock import parse_as_of

    moment = parse_as_of(as_of)

    def show_file(result) -> None:
        if result.status != "skipped":  # `run` lands the whole landing folder every time
            _show_landed(result)

    show_line = _dbt_lines(verbose)

    started = time.perf_counter()
    result = steps.run(
        target,
        moment,
        export_parquet=export_parquet,
        select=select,
        schemas=schemas,
        progress=_progress,
        on_file=show_file,
        on_line=show_line,
    )
    if result.quality is not None and not result.quality.passed:
        _show_quality(result.quality)
    if result.published is not None:
        _show_published(result.published)
        for report in result.reports:
            _show_report(report)
        console.print(f"done in {time.perf_counter() - started:.1f}s", highlight=False)
    return result


def _show_report(report) -> None:
    files = ", ".join(sorted(path.name for path in report.paths.values()))
    note = "" if report.has_data else " (no data for that period: the report says so)"
    console.print(f"  report {report.folder} ({files}){note}", highlight=False)


@app.command()
def demo(
    people: Annotated[int, typer.Option(help="How many people the sample company knows.")] = 10_000,
    months: Annotated[int, typer.Option(help="Months of history.")] = 24,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 42,
    as_of: Annotated[str | None, typer.Option(help="The build's 'now' (default: now).")] = None,
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
) -> None:
    """Generate the sample company; land, check, build and publish it; show where to look."""

    def step() -> None:
        from leadfunnel.clock import business_date, parse_as_of
        from leadfunnel.locking import build_lock
        from leadfunnel_sample import generate as run_generate

        target = home(home_dir)
        moment = parse_as_of(as_of)  # before anything is reset: a bad --as-of changes nothing
        with build_lock(target, purpose="leadfunnel demo (reset)", on_wait=_progress):
            _reset_demo(target)
        target.ensure()
        (target.root / DEMO_MARKER).write_text("made by `leadfunnel demo`\n", encoding="utf-8")
        # the sample's history ends the day before the build's as_of (in the business time
        # zone): a nightly extract
        end = business_date(moment) - timedelta(days=1)
        sample = target.landing / "sample"
        console.rule("1/2 generate the sample company")
        run_generate(
            sample, people=people, months=months, end_date=end, seed=seed, progress=_progress
        )
        console.rule("2/2 land, check, build and publish (leadfunnel run)")
        result = _pipeline(target, as_of, verbose=False)
        if result.stopped:
            _fail(result.stopped)
        _print_next_steps(target, result.as_of)

    _run(step)


def _reset_demo(target: Home) -> None:
    """Start the demo from scratch, but never over a warehouse the demo did not make."""
    if not target.build_db.exists():
        return
    if not (target.root / DEMO_MARKER).exists():
        _fail(
            f"{target.root} holds a warehouse that the demo did not make; "
            "set LEADFUNNEL_HOME (or --home) to another folder for the demo"
        )
    for path in (target.build_db, target.build_db.with_name("build.duckdb.wal")):
        path.unlink(missing_ok=True)
    # the demo's sample and its reports are regenerated for the new as_of
    for folder in (target.landing / "sample", target.root / "reports"):
        shutil.rmtree(folder, ignore_errors=True)


def _print_next_steps(target: Home, as_of: datetime) -> None:
    from leadfunnel.clock import format_as_of
    from leadfunnel.publishing.serve import serve_path

    serve = serve_path(target)
    out.print()
    out.print(f"[bold]The warehouse is ready:[/bold] {serve}", highlight=False)
    out.print(
        f"built as of {format_as_of(as_of)} and published; marts are in schema "
        "[bold]marts[/bold], what was published in table [bold]meta[/bold]."
    )
    out.print(
        f"Open it read-only (duckdb -readonly {serve}; BI tools: docs/connect-bi.md) "
        'or paste into `uv run leadfunnel sql "..."`. Try these:',
        highlight=False,
    )
    for title, query in EXAMPLE_QUERIES:
        out.print(f"\n[dim]-- {title}[/dim]", highlight=False)
        out.print(query, highlight=False, markup=False)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run, read-only.")],
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show at most.")] = 50,
) -> None:
    """Run a read-only SQL query against the published warehouse and print the result."""

    def step() -> None:
        from leadfunnel.publishing.serve import serve_path
        from leadfunnel.warehouse import open_published

        target = home(home_dir)
        served = serve_path(target)
        if not served.exists():
            _fail(f"nothing is published at {served} yet; run `make demo` or `leadfunnel run`")
        # read-only and sealed: no file written or read outside serve.duckdb, no ATTACH
        con = open_published(served)
        try:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchmany(limit)
        finally:
            con.close()
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)

    _run(step)


@app.command()
def report(
    month: Annotated[
        str | None, typer.Option(help="The monthly review of this month (YYYY-MM).")
    ] = None,
    week: Annotated[
        str | None, typer.Option(help="The weekly summary of this ISO week (YYYY-Www).")
    ] = None,
    lang: Annotated[str, typer.Option(help="ja (default) or en.")] = "ja",
    home_dir: Annotated[Path | None, typer.Option("--home", help="LEADFUNNEL_HOME.")] = None,
) -> None:
    """Write the monthly review (HTML, PDF, Excel) or the weekly summary (HTML, Excel)."""

    def step() -> None:
        from leadfunnel.due_reports import ReportPeriod, write_report

        if (month is None) == (week is None):
            _fail("give either --month YYYY-MM or --week YYYY-Www")
        period = ReportPeriod("month", month) if month else ReportPeriod("week", week)
        _show_report(write_report(home(home_dir), period, lang=lang))

    _run(step)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
