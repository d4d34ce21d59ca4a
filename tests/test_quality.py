"""The quality gate: Great Expectations suites on real raw tables read from DuckDB."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from leadfunnel import steps
from leadfunnel.contract import table as contract_table
from leadfunnel.paths import Home, home
from leadfunnel.publishing.gate import gate_path, raw_fingerprint
from leadfunnel.quality import latest_report
from leadfunnel.quality.frames import frame_sql, plan_table, read_frame
from leadfunnel.quality.rules import (
    FALLBACK_LEAD_STATUSES,
    stage_mapping_values,
    table_rules,
)
from leadfunnel.warehouse import DEFAULT_SCHEMAS

pytestmark = pytest.mark.dbt


def copy_warehouse(built_warehouse, root: Path) -> Home:
    """A private copy of the session's built warehouse (never touch the original's files)."""
    target = home(root).ensure()
    shutil.copy2(built_warehouse.home.build_db, target.build_db)
    return target


def find(report, table: str, column: str | None, expectation: str, severity: str = "critical"):
    matches = [
        o
        for o in report.outcomes
        if o.table == table
        and o.column == column
        and o.expectation == expectation
        and o.severity == severity
    ]
    assert len(matches) == 1, [o for o in report.outcomes if o.table == table]
    return matches[0]


def test_the_generated_company_passes_and_leaves_data_docs(built_warehouse, tmp_path):
    target = copy_warehouse(built_warehouse, tmp_path / "home")
    report = steps.check(target, built_warehouse.as_of)
    assert report.passed, [o.describe() for o in report.blocking]
    # every table of the sample company; one expectation per rule and column
    assert len(report.tables) == 21 and len(report.outcomes) > 140
    assert report.rows["salesforce.lead"] == 1_500
    docs = Path(report.docs)
    assert docs.is_file() and docs.is_relative_to(target.root / "quality")
    assert "salesforce.lead" in (docs.parent / "index.html").read_text(encoding="utf-8")
    # the report and the gate are kept for `leadfunnel publish` and Dagster
    assert latest_report(target).passed
    assert json.loads(gate_path(target).read_text())["quality"]["passed"] is True


def test_a_bad_batch_fails_with_the_failing_counts(built_warehouse, tmp_path):
    target = copy_warehouse(built_warehouse, tmp_path / "home")
    con = duckdb.connect(str(target.build_db))
    try:
        # 10 % of the leads lose their e-mail, one lead id appears twice, one task is dated
        # a month after it was landed (all after landing: as a connector could write them).
        # "Future" is row-level: after the row's own _loaded_at, which is what the rule uses.
        con.execute(
            "update salesforce.lead set email = null where id in "
            "(select id from salesforce.lead order by id limit 150)"
        )
        con.execute("insert into salesforce.lead select * from salesforce.lead order by id limit 1")
        (missing,) = con.execute(
            "select count(*) from salesforce.lead where nullif(trim(email), '') is null"
        ).fetchone()
        con.execute(
            "update salesforce.task set created_date = _loaded_at + interval 30 day "
            "where id = (select min(id) from salesforce.task)"
        )
    finally:
        con.close()

    report = steps.check(target, built_warehouse.as_of)

    assert not report.passed
    # incomplete e-mails are reported (below 95 % filled) but do not block
    email = find(
        report, "salesforce.lead", "email", "expect_column_values_to_not_be_null", "warning"
    )
    assert not email.success and email.unexpected_count == missing >= 150
    assert email.element_count == 1_501 and not email.blocking
    # the landed table has the connector columns (NULL): the key is unique among current rows
    duplicate = find(report, "salesforce.lead", "id__current", "expect_column_values_to_be_unique")
    assert not duplicate.success and duplicate.unexpected_count == 2
    in_future = find(
        report, "salesforce.task", "created_date__in_future", "expect_column_values_to_be_null"
    )
    assert not in_future.success and in_future.unexpected_count == 1
    assert {o.table for o in report.blocking} == {"salesforce.lead", "salesforce.task"}
    gate = json.loads(gate_path(target).read_text())["quality"]
    assert gate["passed"] is False and len(gate["blocking"]) == len(report.blocking)


def test_warnings_are_recorded_but_do_not_block(built_warehouse, tmp_path):
    target = copy_warehouse(built_warehouse, tmp_path / "home")
    assert steps.check(target, built_warehouse.as_of).warnings == []
    con = duckdb.connect(str(target.build_db))
    try:  # one lead in a status nobody mapped yet: < 1 %, so a warning
        con.execute(
            "update salesforce.lead set status = '日程調整中' where id = "
            "(select min(id) from salesforce.lead)"
        )
    finally:
        con.close()
    report = steps.check(target, built_warehouse.as_of)  # a second run on the same GX project
    assert report.passed
    (warning,) = report.warnings
    assert warning.table == "salesforce.lead" and warning.column == "status__stage_value"
    assert warning.unexpected_count == 1 and warning.examples == ("日程調整中",)
    # an unmapped status never blocks, whatever its share: there is no blocking variant
    assert not [
        o for o in report.outcomes if o.column == "status__stage_value" and o.severity == "critical"
    ]


def test_rules_follow_the_contract():
    lead = table_rules(contract_table("salesforce", "lead"))
    assert {"created_date", "status", "email", "last_name", "company"} <= set(lead.required)
    assert "id" not in lead.required
    assert [r.column for r in lead.statuses] == ["status"]
    event = table_rules(contract_table("salesforce", "event"))
    assert "start_date_time" not in event.event_times  # meetings may be scheduled ahead
    task = table_rules(contract_table("salesforce", "task"))
    who = next(r for r in task.references if r.column == "who_id")
    assert who.parents == ("salesforce.lead", "salesforce.contact")
    activity = table_rules(contract_table("marketo", "activity_visit_webpage"))
    assert [r.parents for r in activity.references] == [("marketo.lead",)]


def test_stage_values_come_from_the_seed_or_the_fallback(tmp_path):
    seeded = stage_mapping_values()
    assert {"商談化", "open - not contacted", "リサイクル"} <= seeded[("salesforce", "status")]
    assert "mql" in seeded[("marketo", "lead status")]
    fallback = stage_mapping_values(tmp_path)  # no seed there
    assert fallback[("salesforce", "status")] == {s.lower() for s in FALLBACK_LEAD_STATUSES}


def test_frames_normalize_emails_and_list_orphans():
    con = duckdb.connect()
    try:
        con.execute("create schema salesforce")
        con.execute("create table salesforce.user (id varchar, name varchar)")
        con.execute("insert into salesforce.user values ('005A', '佐藤')")
        con.execute(
            "create table salesforce.lead (id varchar, created_date timestamp, email varchar, "
            "status varchar, owner_id varchar)"
        )
        fullwidth = " ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ\u3000"
        con.executemany(
            "insert into salesforce.lead values (?, ?, ?, ?, ?)",
            [
                ["00Q1", "2026-01-01", fullwidth, "新規", "005A"],
                ["00Q2", "2026-01-02", "", "MQL", "005Z"],
            ],
        )
        columns = {
            "salesforce.user": {"id", "name"},
            "salesforce.lead": {"id", "created_date", "email", "status", "owner_id"},
        }
        plan = plan_table(
            table_rules(contract_table("salesforce", "lead")), DEFAULT_SCHEMAS, columns
        )
        # columns the table lacks, and references to tables not landed, are skipped in words
        assert any("company" in s for s in plan.skipped)
        assert any("salesforce.account" in s for s in plan.skipped)
        types = {"id": "VARCHAR", "email": "VARCHAR", "status": "VARCHAR"}
        as_of = datetime(2026, 1, 1, 12, tzinfo=UTC)
        assert "translate" in frame_sql(plan, DEFAULT_SCHEMAS, types, as_of)
        frame = read_frame(con, plan, DEFAULT_SCHEMAS, types, as_of)
    finally:
        con.close()
    assert frame["email"].tolist()[0] == "taro@example.co.jp"
    assert frame["email"].isna().tolist() == [False, True]
    assert frame["status__stage_value"].tolist() == ["新規", "mql"]
    assert frame["owner_id__not_in_salesforce_user"].isna().tolist() == [True, False]
    assert frame["owner_id__not_in_salesforce_user"].tolist()[1] == "005Z"
    # no loaded-at column: compared with as_of (2026-01-01 12:00); 00Q2 is dated after it
    assert frame["created_date__in_future"].isna().tolist() == [True, False]


@pytest.mark.parametrize(
    ("loaded_column", "as_of", "expected_future"),
    [
        # loaded 2026-03-01: a row dated 03-02 is after its own load, whatever as_of says
        ("_loaded_at", datetime(2026, 1, 20, tzinfo=UTC), ["00Q3"]),
        # a rebuild at a past as_of flags nothing newer than it
        ("_loaded_at", datetime(2026, 1, 1, tzinfo=UTC), ["00Q3"]),
        # a connector's loaded-at counts the same way
        ("_fivetran_synced", datetime(2026, 1, 1, tzinfo=UTC), ["00Q3"]),
        # ... but a row dated before as_of is never in the future: sampled or re-synced
        # connector data (Fivetran's own test data) has records dated after their sync time
        ("_fivetran_synced", datetime(2026, 4, 1, tzinfo=UTC), []),
    ],
)
def test_future_is_after_the_rows_own_load(loaded_column, as_of, expected_future):
    con = duckdb.connect()
    try:
        con.execute("create schema salesforce")
        con.execute(
            f"create table salesforce.task (id varchar, created_date timestamp, "
            f"{loaded_column} timestamp)"
        )
        con.executemany(
            "insert into salesforce.task values (?, ?, ?)",
            [
                ["00Q1", "2026-02-01 00:00", "2026-03-01 00:00"],  # before its load
                ["00Q2", "2026-03-01 00:00", "2026-03-01 00:00"],  # exactly at it: not future
                ["00Q3", "2026-03-02 00:00", "2026-03-01 00:00"],  # a day after it
            ],
        )
        columns = {"salesforce.task": {"id", "created_date", loaded_column}}
        plan = plan_table(
            table_rules(contract_table("salesforce", "task")), DEFAULT_SCHEMAS, columns
        )
        frame = read_frame(con, plan, DEFAULT_SCHEMAS, {"id": "VARCHAR"}, as_of)
    finally:
        con.close()
    flagged = frame.loc[frame["created_date__in_future"].notna(), "id"].tolist()
    assert flagged == expected_future


# ------------------------------------------------------------------ connector conventions
# A tiny warehouse written as a connector would write it: only the two required lead tables
# (and users for the owner references), with Fivetran's bookkeeping columns.

AS_OF = datetime(2026, 3, 1, tzinfo=UTC)
SYNCED = "2026-02-01 00:00:00"
SALESFORCE_DEFAULTS = (
    "Open - Not Contacted",
    "Working - Contacted",
    "Closed - Converted",
    "Closed - Not Converted",
)


def connector_home(root: Path, leads: list[tuple], statuses: tuple[str, ...] = ()) -> Home:
    """salesforce.lead (id, status, owner, deleted, active, is_deleted), salesforce.user
    (005A) and marketo.lead (two people, whose Lead Status changes take ``statuses``)."""
    target = home(root).ensure()
    con = duckdb.connect(str(target.build_db))
    try:
        con.execute("create schema salesforce")
        con.execute("create schema marketo")
        con.execute(
            "create table salesforce.lead (id varchar, created_date timestamp, status varchar, "
            "owner_id varchar, _fivetran_deleted boolean, _fivetran_active boolean, "
            "is_deleted boolean, _fivetran_synced timestamp)"
        )
        con.executemany(
            f"insert into salesforce.lead values (?, '2026-01-05', ?, ?, ?, ?, ?, '{SYNCED}')",
            leads,
        )
        con.execute("create table salesforce.user (id varchar, name varchar)")
        con.execute("insert into salesforce.user values ('005A', '佐藤')")
        con.execute(
            "create table marketo.lead (id bigint, created_at timestamp, email varchar, "
            "_fivetran_synced timestamp)"
        )
        con.execute(
            f"insert into marketo.lead values (1, '2026-01-01', 'a@example.jp', '{SYNCED}'), "
            f"(2, '2026-01-02', 'b@example.jp', '{SYNCED}')"
        )
        con.execute(
            "create table marketo.activity_change_data_value (id bigint, lead_id bigint, "
            "activity_date timestamp, primary_attribute_value varchar, new_value varchar, "
            "_fivetran_synced timestamp)"
        )
        for number, status in enumerate(statuses, start=1):
            con.execute(
                "insert into marketo.activity_change_data_value values "
                f"(?, 1, '2026-01-10', 'Lead Status', ?, '{SYNCED}')",
                [number, status],
            )
    finally:
        con.close()
    return target


# id, status, owner, _fivetran_deleted, _fivetran_active, is_deleted
CURRENT_AND_OLD_VERSIONS = [
    ("00Q1", "Closed - Converted", "005A", False, True, False),  # 00Q1 now
    ("00Q1", "Working - Contacted", "005A", False, False, False),  # 00Q1 before (history mode)
    ("00Q1", "Open - Not Contacted", "005A", False, False, None),  # 00Q1 at first
    ("00Q2", "Open - Not Contacted", "005A", True, True, False),  # 00Q2 deleted by the connector
    ("00Q2", "Working - Contacted", "005A", None, None, None),  # 00Q2 again, current
    ("00Q3", "Closed - Not Converted", "005A", False, None, True),  # 00Q3 deleted in Salesforce
    ("00Q3", "Closed - Not Converted", "005A", False, None, True),  # twice
]


def test_duplicate_ids_among_deleted_or_earlier_versions_do_not_block(tmp_path):
    target = connector_home(tmp_path / "home", CURRENT_AND_OLD_VERSIONS, SALESFORCE_DEFAULTS)
    report = steps.check(target, AS_OF)
    assert report.passed, [o.describe() for o in report.blocking]
    unique = find(report, "salesforce.lead", "id__current", "expect_column_values_to_be_unique")
    # current rows: the 00Q1 now and the second 00Q2: two ids, each once
    assert unique.success and unique.element_count == 7
    # every row has its id, deleted or not
    filled = find(report, "salesforce.lead", "id", "expect_column_values_to_not_be_null")
    assert filled.success and filled.element_count == 7
    # the Salesforce default picklist (lead Status, and as Marketo's Lead Status) is all mapped
    assert report.warnings == [], [o.describe() for o in report.warnings]


def test_duplicate_ids_among_current_rows_block(tmp_path):
    leads = [*CURRENT_AND_OLD_VERSIONS, ("00Q1", "Closed - Converted", "005A", None, True, None)]
    report = steps.check(connector_home(tmp_path / "home", leads), AS_OF)
    assert not report.passed
    (blocking,) = report.blocking
    assert (blocking.table, blocking.column) == ("salesforce.lead", "id__current")
    # two current rows of 00Q1 (the one "now" and the new one): the other five are not current
    assert blocking.unexpected_count == 2 and blocking.examples[:2] == ("00Q1", "00Q1")


def test_a_table_without_connector_columns_needs_unique_ids_on_every_row(tmp_path):
    target = connector_home(tmp_path / "home", CURRENT_AND_OLD_VERSIONS)
    con = duckdb.connect(str(target.build_db))
    try:
        con.execute("insert into marketo.lead values (2, '2026-01-03', 'c@example.jp', null)")
    finally:
        con.close()
    report = steps.check(target, AS_OF)
    (blocking,) = report.blocking
    assert (blocking.table, blocking.column) == ("marketo.lead", "id")
    assert blocking.expectation == "expect_column_values_to_be_unique"
    assert blocking.unexpected_count == 2


def test_unmapped_statuses_and_dangling_references_warn_but_never_block(tmp_path):
    leads = [
        ("00Q1", "Pending Review", "005Z", None, None, None),  # a status nobody mapped yet
        ("00Q2", "Pending Review", "005Z", None, None, None),  # and an owner never landed
        ("00Q3", "Open - Not Contacted", "005A", None, None, None),
    ]
    report = steps.check(connector_home(tmp_path / "home", leads, ("日程調整中",)), AS_OF)
    assert report.passed, [o.describe() for o in report.blocking]
    warned = {(o.table, o.column): o for o in report.warnings}
    status = warned["salesforce.lead", "status__stage_value"]
    assert (status.unexpected_count, status.element_count) == (2, 3)  # 2 of 3: far above 1 %
    assert status.examples[:1] == ("pending review",)
    owner = warned["salesforce.lead", "owner_id__not_in_salesforce_user"]
    assert owner.unexpected_count == 2 and owner.examples[:1] == ("005Z",)
    marketo = warned["marketo.activity_change_data_value", "new_value__stage_value"]
    assert marketo.unexpected_count == 1 and marketo.examples == ("日程調整中",)
    # the activity's lead 1 exists: no orphan
    assert ("marketo.activity_change_data_value", "lead_id__not_in_marketo_lead") not in warned
    assert all(o.severity == "warning" for o in report.warnings)


def test_the_gates_fingerprint_uses_fivetran_synced_where_there_is_no_loaded_at(tmp_path):
    target = connector_home(tmp_path / "home", CURRENT_AND_OLD_VERSIONS)
    con = duckdb.connect(str(target.build_db))
    try:
        before = raw_fingerprint(con)
        con.execute("update marketo.lead set _fivetran_synced = '2026-02-02 06:00' where id = 2")
        after = raw_fingerprint(con)
        # a landed table: _loaded_at wins over the file's own _fivetran_synced
        con.execute("alter table salesforce.lead add column _loaded_at timestamp")
        con.execute("update salesforce.lead set _loaded_at = '2026-02-03 00:00'")
        landed = raw_fingerprint(con)
    finally:
        con.close()
    assert before["marketo.lead"] == [2, "2026-02-01T00:00:00"]
    assert after["marketo.lead"] == [2, "2026-02-02T06:00:00"]  # a new sync is new raw data
    assert before["salesforce.lead"] == [7, "2026-02-01T00:00:00"]
    assert landed["salesforce.lead"] == [7, "2026-02-03T00:00:00"]
