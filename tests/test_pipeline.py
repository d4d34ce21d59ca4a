"""End to end on a small generated company: generate -> load -> dbt build, then the marts."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from leadfunnel.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt


def _one(sql: str) -> tuple:
    """The single row of ``sql`` on a private in-memory connection (reads the truth files)."""
    con = duckdb.connect()
    try:
        return con.execute(sql).fetchall()[0]
    finally:
        con.close()


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


def test_people_match_the_generated_truth(built_warehouse):
    """One dim_people row per real person: duplicates merged, within the dirty-data share."""
    truth = _one(
        f"select count(*) filter (where not is_deleted) from "
        f"read_parquet('{built_warehouse.truth / 'people.parquet'}')"
    )[0]
    (people,) = built_warehouse.query("select count(*) from marts.dim_people")[0]
    assert abs(people - truth) <= max(5, 0.03 * truth), (people, truth)


def test_converted_leads_are_one_person_with_their_contact(built_warehouse):
    rows = built_warehouse.query(
        """
        select count(*) as converted,
               count(*) filter (where lead_rec.person_id = contact_rec.person_id) as same_person
        from staging.stg_salesforce__leads as leads
        join intermediate.int_person_records_resolved as lead_rec
            on lead_rec.record_system = 'salesforce_lead' and lead_rec.record_id = leads.lead_id
        join intermediate.int_person_records_resolved as contact_rec
            on contact_rec.record_system = 'salesforce_contact'
            and contact_rec.record_id = leads.converted_contact_id
        where leads.is_converted
        """
    )
    converted, same_person = rows[0]
    assert converted > 0
    assert same_person == converted


def test_duplicate_marketo_records_merge_into_their_person(built_warehouse):
    """People the generator duplicated (a second MA record) resolve to one dim_people row."""
    duplicated = _one(
        f"select count(*) from read_parquet('{built_warehouse.truth / 'people.parquet'}') "
        "where has_duplicate_record"
    )[0]
    assert duplicated > 0
    # a converted person has 3 records (MA lead, SF lead, contact); a duplicate adds more
    (multi_ma,) = built_warehouse.query(
        """
        select count(*) from (
            select person_id from intermediate.int_person_records_resolved
            where record_system = 'marketo_lead' group by person_id having count(*) > 1
        )
        """
    )[0]
    assert multi_ma >= 0.8 * duplicated, (multi_ma, duplicated)


def test_sales_generated_leads_are_flagged_from_their_source(built_warehouse):
    rows = built_warehouse.query(
        """
        select channel, bool_and(is_sales_generated), count(*)
        from marts.dim_people
        where channel in ('referral', 'sales_prospecting', 'partner')
        group by channel
        """
    )
    assert rows, "the sample company has sales-generated leads"
    assert all(flag for _, flag, _ in rows)


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


def _truth(built_warehouse, name: str) -> str:
    return f"read_parquet('{built_warehouse.truth / name}')"


def test_score_crossings_agree_with_the_mas_mql_moments(built_warehouse):
    """The warehouse's own scoring finds the MA's MQL moments (same default rules)."""
    (people, agree) = built_warehouse.query(
        """
        with ma_mql as (
            select records.person_id, min(changes.activity_at) as ma_mql_at
            from staging.stg_marketo__activity_change_data_values as changes
            join intermediate.int_person_records_resolved as records
                on records.record_system = 'marketo_lead'
                and records.record_id = cast(changes.marketo_lead_id as varchar)
            where lower(changes.field_name) = 'lead status' and changes.new_value = 'MQL'
            group by records.person_id
        )
        select
            count(*),
            count(*) filter (
                where abs(epoch(people.score_qualified_at) - epoch(ma_mql.ma_mql_at)) <= 300
            )
        from ma_mql
        join marts.dim_people as people using (person_id)
        """
    )[0]
    assert people > 20
    assert agree / people >= 0.9, f"{agree} of {people} MA MQL moments found by the scores"


def test_first_cycle_stage_counts_match_what_the_generator_produced(built_warehouse):
    stages = ["mql", "sql", "opportunity", "customer", "disqualified"]
    truth = _one(
        "select "
        + ", ".join(f"count({s}_at) filter (where not is_deleted)" for s in stages)
        + f" from {_truth(built_warehouse, 'people.parquet')}"
    )
    found = built_warehouse.query(
        "select " + ", ".join(f"count({s}_at)" for s in stages) + " from marts.dim_people"
    )[0]
    for stage, expected, actual in zip(stages, truth, found, strict=True):
        assert expected > 0, stage
        assert abs(actual - expected) <= max(3, 0.05 * expected), (stage, expected, actual)


def test_sales_generated_leads_never_become_mqls(built_warehouse):
    (sgl_mqls,) = built_warehouse.query(
        "select count(*) from marts.dim_people where is_sales_generated and mql_at is not null"
    )[0]
    assert sgl_mqls == 0


def test_handoffs_match_the_generated_handoffs(built_warehouse):
    handoffs = _truth(built_warehouse, "handoffs.parquet")
    truth = _one(f"select count(*), count(first_contact_at) from {handoffs}")
    found = built_warehouse.query(
        "select count(*), count(first_contact_at) from marts.fct_mql_handoffs"
    )[0]
    assert truth[0] > 0
    assert abs(found[0] - truth[0]) <= max(3, 0.05 * truth[0]), (found, truth)
    assert abs(found[1] - truth[1]) <= max(3, 0.05 * truth[1]), (found, truth)


def test_sla_statuses_are_consistent_with_deadlines(built_warehouse):
    rows = built_warehouse.query(
        """
        select count(*) from marts.fct_mql_handoffs
        where (first_contact_status = 'met' and first_contact_at > first_contact_deadline_at)
           or (decision_status = 'met' and decided_at > decision_deadline_at)
           or (is_sla_compliant and 'breached' in (first_contact_status, follow_up_status,
                                                  decision_status, feedback_status))
           or business_minutes_to_first_contact > minutes_to_first_contact + 0.01
        """
    )
    assert rows[0][0] == 0


def test_a_build_at_a_past_as_of_passes_every_test_and_ignores_the_future(
    built_warehouse, tmp_path
):
    """Rebuilding at an earlier as_of (before anyone was won) works, and keeps every later
    stage in the cohort report with 0 conversions rather than dropping it."""
    import shutil
    from datetime import UTC, datetime

    from leadfunnel.build import build
    from leadfunnel.paths import home
    from leadfunnel.warehouse import connect

    target = home(tmp_path / "home").ensure()
    shutil.copy2(built_warehouse.home.build_db, target.build_db)
    early = datetime(2025, 12, 1, tzinfo=UTC)
    build(target, early)
    con = connect(target.build_db, read_only=True)
    try:
        (late_events,) = con.execute(
            "select count(*) from marts.fct_stage_transitions where transitioned_at > ?",
            [early.replace(tzinfo=None)],
        ).fetchall()[0]
        (customer_rows, converted) = con.execute(
            "select count(*), coalesce(sum(converted_count), 0)"
            " from marts.rpt_funnel_cohort_monthly"
            " where segment_type = 'all' and to_stage = 'customer'"
        ).fetchall()[0]
    finally:
        con.close()
    assert late_events == 0
    assert customer_rows > 0
    assert converted >= 0
