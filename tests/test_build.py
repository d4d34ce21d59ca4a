"""`leadfunnel build` (dbt build at as_of) on the small generated company: everything landed
is modelled, every mart is documented under a contract, a build is reproducible at its as_of
and ignores what happens after it, and the CLI's build errors are one sentence."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from leadfunnel.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

CONVERSIONS_TO_CUSTOMER = (
    "select count(*), coalesce(sum(converted_count), 0) from marts.rpt_funnel_cohort_monthly "
    "where segment_type = 'all' and to_stage = 'customer'"
)


def test_every_landed_table_holds_rows(built_warehouse):
    landed = {r.table for r in built_warehouse.load_report.loaded}
    for table in (
        "salesforce.lead",
        "salesforce.lead_history",
        "marketo.lead",
        "marketo.activity_visit_webpage",
        "salesforce.task",
    ):
        assert table in landed
        schema, name = table.split(".")
        (count,) = built_warehouse.query(f'select count(*) from "{schema}"."{name}"')[0]
        assert count > 0, table


def test_every_mart_column_is_documented_and_typed(built_warehouse):
    from leadfunnel.dbt_runner import dbt_target_path

    manifest = json.loads((dbt_target_path(built_warehouse.home) / "manifest.json").read_text())
    undocumented = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or "marts" not in node["fqn"]:
            continue
        assert node["description"].strip(), node["name"]
        assert node["config"]["contract"]["enforced"], f"{node['name']} has no enforced contract"
        for column in node["columns"].values():
            if not column.get("description", "").strip() or not column.get("data_type"):
                undocumented.append(f"{node['name']}.{column['name']}")
    assert undocumented == []


def test_build_is_reproducible_at_the_same_as_of(built_warehouse):
    """Rebuilding the scoring marts at the same as_of gives the same numbers."""
    from leadfunnel.build import build

    before = built_warehouse.query(
        "select sum(hash(person_id, fit_score, engagement_score, score_qualified_at)) "
        "from marts.dim_people"
    )
    build(built_warehouse.home, built_warehouse.as_of, select=["dim_people+"])
    after = built_warehouse.query(
        "select sum(hash(person_id, fit_score, engagement_score, score_qualified_at)) "
        "from marts.dim_people"
    )
    assert before == after


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "leadfunnel.cli", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=300,
    )


def test_cli_reports_a_bad_as_of_in_one_sentence(tmp_path):
    result = _cli("build", "--home", str(tmp_path), "--as-of", "next tuesday")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "as_of 'next tuesday' is not an ISO-8601 timestamp" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_build_without_a_warehouse_says_what_to_do(tmp_path):
    result = _cli("build", "--home", str(tmp_path / "empty"))
    assert result.returncode == 1
    assert "land extracts first (leadfunnel load DIR)" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_build_at_a_past_as_of_passes_every_test_and_ignores_the_future(
    built_warehouse, tmp_path
):
    """Rebuilding at an earlier as_of (before anyone was won) works, and keeps every later
    stage in the cohort report with 0 conversions rather than dropping it.

    Truth: the sample company's first customer is won on 2025-12-26, after ``early``; the full
    build (as of 2026-10-31) does count the later wins."""
    import shutil
    from datetime import UTC, datetime

    from leadfunnel.build import build
    from leadfunnel.paths import home
    from leadfunnel.warehouse import connect

    target = home(tmp_path / "home").ensure()
    shutil.copy2(built_warehouse.home.build_db, target.build_db)
    early = datetime(2025, 12, 1, tzinfo=UTC)
    (won_before_early,) = built_warehouse.truth_row(
        f"select count(customer_at) filter (where customer_at <= '{early:%Y-%m-%d}') "
        f"from {built_warehouse.truth_table('people.parquet')}"
    )
    build(target, early)
    con = connect(target.build_db, read_only=True)
    try:
        (late_events,) = con.execute(
            "select count(*) from marts.fct_stage_transitions where transitioned_at > ?",
            [early.replace(tzinfo=None)],
        ).fetchall()[0]
        (customer_rows, converted) = con.execute(CONVERSIONS_TO_CUSTOMER).fetchall()[0]
    finally:
        con.close()
    (_, converted_by_now) = built_warehouse.query(CONVERSIONS_TO_CUSTOMER)[0]
    assert late_events == 0
    assert customer_rows > 0
    assert won_before_early == 0  # nobody was won by then ...
    assert converted == 0  # ... so nothing converts to customer as of then
    assert converted_by_now > 0  # while the full build counts the wins that came later
