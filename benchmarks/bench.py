"""Benchmarks: generate, load and build at several company sizes; prints a table.

    uv run python benchmarks/bench.py                 # 10k, 100k, 1M people
    uv run python benchmarks/bench.py --sizes 10000   # just one size

Each step runs as its own process (the real CLI), so wall time and peak memory (max RSS of
the process tree, from wait4) are what a user sees. The dbt step also reports the slowest
models from dbt's run_results.json. Not a test: figures go to docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
END_DATE = "2026-10-30"
AS_OF = "2026-10-31T00:00:00Z"
MODELS_OF_INTEREST = (
    # foundation
    "int_person_records_resolved",
    "int_people_unified",
    "int_marketing_activities_unioned",
    "int_sales_touches_unioned",
    # scoring
    "int_people_fit_scored",
    "fct_score_events",
    "fct_lead_score_history",
    "dim_people",
    "fct_account_scores",
    # lifecycle
    "int_stage_events_unioned",
    "fct_stage_transitions",
    "int_funnel_stage_entries",
    "rpt_funnel_cohort_monthly",
    "rpt_funnel_period_monthly",
    "rpt_funnel_velocity",
    "rpt_recycle_queue",
    # handoff SLA and KPIs
    "int_mql_handoffs",
    "fct_mql_handoffs",
    "rpt_sla_compliance_monthly",
    "rpt_open_sla_breaches",
    "rpt_marketing_sla_monthly",
    "rpt_monthly_kpis",
)
STEPS = ("generate", "load", "build")


def run_step(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one CLI step; return (wall seconds, peak RSS in MiB of its process tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "leadfunnel.cli", *args],
        env=env,
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"step {' '.join(args)} failed:\n{stderr}")
    return wall, usage.ru_maxrss / 1024


def model_times(target_path: Path) -> dict[str, float]:
    results = json.loads((target_path / "run_results.json").read_text())
    return {
        r["unique_id"].split(".")[-1]: r["execution_time"]
        for r in results["results"]
        if r["unique_id"].startswith("model.")
    }


def folder_rows(db_path: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute(
            "select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
            "where schema_name in ('salesforce', 'marketo', 'marts')"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def bench(people: int, workdir: Path, steps: tuple[str, ...]) -> list[tuple[str, float, float]]:
    home = workdir / f"home_{people}"
    extracts = workdir / f"extracts_{people}"
    target_path = workdir / f"target_{people}"
    # dbt's artifacts go to a folder of their own, so another dbt run cannot overwrite them
    env = dict(
        os.environ, LEADFUNNEL_HOME=str(home), DO_NOT_TRACK="1", DBT_TARGET_PATH=str(target_path)
    )
    rows = []
    for name, args in (
        (
            "generate",
            ["generate", "--out", str(extracts), "--people", str(people), "--end-date", END_DATE],
        ),
        ("load", ["load", str(extracts)]),
        ("build", ["build", "--as-of", AS_OF]),
    ):
        if name not in steps:
            continue
        wall, rss = run_step(args, env)
        rows.append((name, wall, rss))
        print(f"  {people:>9,} {name:<8} {wall:8.1f} s {rss:9.0f} MiB", flush=True)
    times = model_times(target_path) if "build" in steps else {}
    for model in MODELS_OF_INTEREST:
        if model in times:
            rows.append((f"  dbt {model}", times[model], float("nan")))
    sizes = folder_rows(home / "build.duckdb")
    activities = sum(v for k, v in sizes.items() if k.startswith("marketo.activity"))
    print(
        f"  {people:>9,} rows: activities {activities:,}, "
        f"score events {sizes.get('marts.fct_score_events', 0):,}, "
        f"score history {sizes.get('marts.fct_lead_score_history', 0):,}",
        flush=True,
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--steps",
        nargs="+",
        choices=STEPS,
        default=list(STEPS),
        help="steps to run (build alone re-times an existing workdir)",
    )
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="leadfunnel-bench-"))
    print(f"benchmark workdir: {workdir}")
    table = []
    for people in options.sizes:
        table += [(people, *row) for row in bench(people, workdir, tuple(options.steps))]
    print()
    print("| people | step | wall (s) | peak RSS (MiB) |")
    print("|---:|---|---:|---:|")
    for people, step, wall, rss in table:
        rss_text = "" if rss != rss else f"{rss:,.0f}"
        print(f"| {people:,} | {step.strip()} | {wall:,.1f} | {rss_text} |")


if __name__ == "__main__":
    main()
