"""Fivetran's public integration-test data for Salesforce and Marketo, landed as files.

The fixtures (``../shared/fixtures/fivetran``, one CSV per raw table in Fivetran's names and
types) are copied to a temp folder first: landing never touches the shared copy. Their ids
are hashed and sampled, so references dangle; the gate may warn about that, never block.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from leadfunnel import steps
from leadfunnel.landing import load_directory
from leadfunnel.paths import PROJECT_DIR, home

FIXTURES = PROJECT_DIR.parent / "shared" / "fixtures" / "fivetran"
SOURCES = ("salesforce", "marketo")

pytestmark = pytest.mark.skipif(
    not all((FIXTURES / source).is_dir() for source in SOURCES),
    reason=f"Fivetran fixtures not found under {FIXTURES}",
)

# The contract tables the fixtures hold, with their data rows (counted by hand with a CSV
# reader: salesforce/lead.csv has one row, activity_delete_lead 31, the Marketo tables 100).
LANDED = {
    "salesforce.account": 10,
    "salesforce.contact": 4,
    "salesforce.event": 10,
    "salesforce.lead": 1,
    "salesforce.opportunity": 10,
    "salesforce.opportunity_history": 10,
    "salesforce.task": 10,
    "salesforce.user": 10,
    "salesforce.user_role": 10,
    "marketo.activity_change_data_value": 100,
    "marketo.activity_click_email": 100,
    "marketo.activity_delete_lead": 31,
    "marketo.activity_merge_leads": 100,
    "marketo.activity_open_email": 100,
    "marketo.lead": 100,
    "marketo.program": 100,
}
# Fivetran tables the contract does not know: listed as ignored, left where they are.
IGNORED = {
    "salesforce/account_history.csv",
    "salesforce/contact_history.csv",
    "salesforce/opportunity_line_item.csv",
    "salesforce/order.csv",
    "salesforce/product_2.csv",
    "marketo/activity_email_bounced.csv",
    "marketo/activity_email_delivered.csv",
    "marketo/activity_send_email.csv",
    "marketo/activity_unsubscribe_email.csv",
    "marketo/campaign.csv",
    "marketo/email_template_history.csv",
    "marketo/lead_describe.csv",
}


@pytest.fixture
def extracts(tmp_path: Path) -> Path:
    folder = tmp_path / "fivetran"
    for source in SOURCES:
        shutil.copytree(FIXTURES / source, folder / source)
    return folder


def csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_the_fixture_files_are_the_ones_counted_here(extracts: Path) -> None:
    files = {p.relative_to(extracts).as_posix() for p in extracts.rglob("*.csv")}
    assert files == IGNORED | {f"{t.replace('.', '/')}.csv" for t in LANDED}
    for table, rows in LANDED.items():
        assert csv_rows(extracts / f"{table.replace('.', '/')}.csv") == rows, table


def test_every_contract_table_there_lands_with_the_fixtures_row_count(
    extracts: Path, tmp_path: Path
) -> None:
    db, quarantine = tmp_path / "build.duckdb", tmp_path / "quarantine"

    report = load_directory(extracts, db, quarantine)

    assert not report.rejected, [r.message for r in report.rejected]
    assert {r.table: r.rows for r in report.loaded} == LANDED
    assert {r.path.relative_to(extracts).as_posix() for r in report.ignored} == IGNORED
    assert all(
        r.table is None and "not a raw table of the contract" in r.message for r in report.ignored
    )
    assert all((extracts / name).exists() for name in IGNORED)  # not quarantined
    assert not quarantine.exists()
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, rows in LANDED.items():
            assert con.execute(f"select count(*) from {table}").fetchone() == (rows,), table
        # the connector's columns land typed; columns the fixture lacks are NULL
        # the connector's columns land typed (five of the fixture's ten users are deleted);
        # columns the fixture lacks are NULL
        assert con.execute(
            "select count(*), count(*) filter (where _fivetran_deleted), "
            "max(_fivetran_synced)::varchar from salesforce.user"
        ).fetchone() == (10, 5, "2019-11-26 20:18:23")
        assert con.execute("select count(created_date) from salesforce.account").fetchone() == (0,)
        statuses = dict(
            con.execute(
                "select status, count(*) from leadfunnel_meta.load_ledger group by all"
            ).fetchall()
        )
    finally:
        con.close()
    assert statuses == {"loaded": len(LANDED), "ignored": len(IGNORED)}
    by_table = {r.table: r for r in report.loaded}
    assert by_table["salesforce.account"].warnings == (
        "columns not in the file, landed as NULL: created_date",
    )
    assert by_table["salesforce.user"].warnings == ()  # Fivetran's user has every column

    again = load_directory(extracts, db, quarantine)
    assert [r.status for r in again.results].count("skipped") == len(LANDED)
    assert len(again.ignored) == len(IGNORED)


def test_the_gate_on_the_fixtures_warns_but_does_not_block(extracts: Path, tmp_path: Path) -> None:
    target = home(tmp_path / "home").ensure()
    report = load_directory(extracts, target.build_db, target.quarantine)
    assert not report.rejected

    quality = steps.check(target, datetime(2026, 1, 1, tzinfo=UTC))

    assert quality.passed, [o.describe() for o in quality.blocking]
    assert set(quality.tables) == set(LANDED)
    warned = {(o.table, o.column) for o in quality.warnings}
    # dangling references (sampled, hashed ids) and a status the seed does not map warn
    assert ("salesforce.task", "who_id__not_in_salesforce_lead_or_salesforce_contact") in warned
    assert ("marketo.activity_open_email", "lead_id__not_in_marketo_lead") in warned
    assert ("salesforce.lead", "status__stage_value") in warned  # the fixture org's "Converted"
    assert ("salesforce.account", "created_date") in warned  # Fivetran's account has none
    # the log of deleted leads names leads that are gone: no reference rule there
    assert not [
        o
        for o in quality.outcomes
        if o.table == "marketo.activity_delete_lead" and o.column and "__not_in_" in o.column
    ]


def test_load_through_the_cli_exits_0_and_prints_warnings_and_ignored_files(
    extracts: Path, tmp_path: Path
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leadfunnel.cli",
            "load",
            str(extracts),
            "--home",
            str(tmp_path / "home"),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    out = " ".join(result.stderr.split())  # rich wraps long lines
    assert "landed 16 file(s) (706 rows, 5 with warnings)" in out
    assert "ignored 12 outside the contract, rejected 0" in out
    assert "warning: columns not in the file, landed as NULL: created_date" in out
    assert (
        "ignored salesforce/order.csv: salesforce.order is not a raw table of the contract" in out
    )
    assert "ignored (left where they are): account_history.csv," in out
