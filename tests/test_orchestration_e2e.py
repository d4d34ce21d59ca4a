"""End to end through Dagster on the session's small generated company: land, check, build,
publish with `materialize`; then a bad extract is stopped by the quality gate; and the build
lock keeps a CLI run and a Dagster run apart."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from dagster import AssetCheckSeverity, AssetKey, DagsterEventType, DagsterInstance, materialize

from conftest import extract_columns
from leadfunnel.dagster_defs.dbt import leadfunnel_dbt_assets
from leadfunnel.dagster_defs.landing import landed_extracts, landing_quality_gate
from leadfunnel.dagster_defs.reports import monthly_review_report, weekly_summary_report
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.serving import published_warehouse, readable_by_duckdb_1x
from leadfunnel.dagster_defs.tags import as_of_tags
from leadfunnel.definitions import defs
from leadfunnel.paths import PROJECT_DIR, Home, home
from leadfunnel.publishing.serve import STORAGE_VERSION, serve_path
from leadfunnel.warehouse import connect

pytestmark = pytest.mark.dbt

ALL = [
    landed_extracts,
    landing_quality_gate,
    leadfunnel_dbt_assets,
    published_warehouse,
    readable_by_duckdb_1x,
    monthly_review_report,
    weekly_summary_report,
]
SALESFORCE = AssetKey(["landing", "salesforce"])


def materialize_all(target: Home, as_of, assets=ALL):
    resources = {**defs.resources, "warehouse": WarehouseResource(root=str(target.root))}
    with DagsterInstance.ephemeral() as instance:
        return materialize(
            assets,
            resources=resources,
            instance=instance,
            tags=as_of_tags(as_of) if as_of else {},
            raise_on_error=False,
        )


def materialized(result) -> set[AssetKey]:
    return {
        event.asset_key
        for event in result.all_events
        if event.event_type == DagsterEventType.ASSET_MATERIALIZATION
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def first_run(built_warehouse, tmp_path_factory):
    """A new home whose landing folder holds the generated extracts, materialized once."""
    target = home(tmp_path_factory.mktemp("e2e") / "home").ensure()
    shutil.copytree(built_warehouse.extracts, target.landing / "sample")
    return target, materialize_all(target, built_warehouse.as_of)


def test_materialize_lands_checks_builds_and_publishes(first_run, built_warehouse):
    target, result = first_run
    assert result.success
    done = materialized(result)
    assert {SALESFORCE, AssetKey(["landing", "marketo"]), AssetKey("published_warehouse")} <= done
    assert AssetKey(["marts", "dim_people"]) in done

    evaluations = result.get_asset_check_evaluations()
    by_name = {(e.asset_key, e.check_name): e for e in evaluations}
    gate = by_name[(SALESFORCE, "quality_gate")]
    assert gate.passed and gate.metadata["expectations"].value > 90
    assert by_name[(AssetKey("published_warehouse"), "readable_by_duckdb_1x")].passed
    layers = ("seeds", "staging", "intermediate", "marts")
    dbt_checks = [e for e in evaluations if e.asset_key.path[0] in layers]
    assert len(dbt_checks) > 100  # dbt tests evaluated as asset checks
    assert all(e.passed or e.severity == AssetCheckSeverity.WARN for e in dbt_checks)

    con = duckdb.connect(str(serve_path(target)), read_only=True)
    try:
        (tags,) = con.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone()
        (people,) = con.execute("select count(*) from marts.dim_people").fetchone()
        (as_of,) = con.execute(
            "select value_at from meta where section = 'build' and name = 'as_of'"
        ).fetchone()
    finally:
        con.close()
    assert tags["storage_version"].startswith(STORAGE_VERSION)
    assert people == built_warehouse.query("select count(*) from marts.dim_people")[0][0]
    assert as_of == built_warehouse.as_of.replace(tzinfo=None)  # the run's as_of tag


def test_a_bad_extract_is_stopped_before_it_reaches_the_marts(first_run, built_warehouse):
    target, _ = first_run
    before = sha256(serve_path(target))
    far_future = built_warehouse.as_of.replace(tzinfo=None) + timedelta(days=3650)
    extract = target.landing / "salesforce__lead__2026-10-31.csv"
    con = connect(target.build_db, read_only=True)
    try:  # every lead again: 10 % without e-mail, one created ten years after as_of
        columns = extract_columns(con, "salesforce", "lead")
        (missing,) = con.execute(
            "select count(*) from salesforce.lead where nullif(trim(email), '') is null "
            "or id in (select id from salesforce.lead order by id limit 150)"
        ).fetchone()
        exprs = {
            "email": "case when row_number() over (order by id) <= 150 then null else email end",
            "created_date": (
                f"case when row_number() over (order by id) = 151 "
                f"then timestamp '{far_future}' else created_date end"
            ),
        }
        select = ", ".join(
            f"{exprs.get(name, quoted)} as {quoted}" for name in columns for quoted in [f'"{name}"']
        )
        con.execute(f"copy (select {select} from salesforce.lead) to '{extract}' (header)")
    finally:
        con.close()

    result = materialize_all(target, built_warehouse.as_of)

    assert not result.success
    gate = next(
        e
        for e in result.get_asset_check_evaluations()
        if e.asset_key == SALESFORCE and e.check_name == "quality_gate"
    )
    assert not gate.passed and gate.severity == AssetCheckSeverity.ERROR
    failing = gate.metadata["failing_rows"].value
    # incomplete e-mails are reported, as a warning; the future timestamp is what blocks
    email = next(
        v for k, v in failing.items() if k.startswith("salesforce.lead.email: field empty")
    )
    assert email == missing
    future = next(v for k, v in failing.items() if "salesforce.lead.created_date" in k)
    assert future == 1
    assert gate.metadata["blocking_failures"].value == 1  # the e-mails only warn
    done = materialized(result)
    assert SALESFORCE in done  # the batch landed in build.duckdb ...
    assert AssetKey(["marts", "dim_people"]) not in done  # ... but dbt never built on it
    assert AssetKey("published_warehouse") not in done
    assert sha256(serve_path(target)) == before


def test_a_cli_run_and_a_dagster_run_share_the_build_lock(tmp_path):
    target = home(tmp_path / "home").ensure()
    (target.landing / "salesforce__user_role.csv").write_text("Id,Name\n00E1,営業部\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from leadfunnel.locking import build_lock\n"
            "from leadfunnel.paths import home\n"
            f"with build_lock(home({str(target.root)!r}), purpose='leadfunnel run'):\n"
            "    print('held', flush=True)\n"
            "    sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        os.environ["LEADFUNNEL_LOCK_TIMEOUT"] = "1"
        try:
            result = materialize_all(target, None, assets=[landed_extracts])
        finally:
            del os.environ["LEADFUNNEL_LOCK_TIMEOUT"]
        assert not result.success
        failure = next(
            e for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE
        )
        assert "the warehouse is busy after waiting 1s: leadfunnel run (pid" in str(
            failure.event_specific_data.error
        )
        cli = subprocess.run(
            [sys.executable, "-m", "leadfunnel.cli", "load", str(target.landing)],
            capture_output=True,
            text=True,
            cwd=PROJECT_DIR,
            env={**os.environ, "LEADFUNNEL_HOME": str(target.root), "LEADFUNNEL_LOCK_TIMEOUT": "1"},
            timeout=120,
        )
        assert cli.returncode == 1
        assert cli.stderr.strip().splitlines()[-1].startswith("error: the warehouse is busy")
        assert "Traceback" not in cli.stderr
    finally:
        holder.communicate("\n", timeout=30)
    assert not target.build_db.exists()  # nothing was written while the lock was held


def test_report_assets_write_the_previous_periods_from_the_published_copy(first_run):
    """as_of 2026-10-31 (Sat, JST): the monthly review of September, the summary of week 43."""
    target, result = first_run
    done = materialized(result)
    assert AssetKey("monthly_review_report") in done
    assert AssetKey("weekly_summary_report") in done
    monthly = target.root / "reports" / "2026-09"
    assert {p.name for p in monthly.iterdir()} >= {
        "monthly_review.html",
        "monthly_review.pdf",
        "monthly_review.xlsx",
    }
    assert (target.root / "reports" / "2026-W43" / "weekly_summary.html").stat().st_size > 0
