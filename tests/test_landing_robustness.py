"""Landing under bad input and careless folders: a file lands whole or not at all, the error
names the row, links are not followed, and a load never empties the user's own folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from leadfunnel import steps
from leadfunnel.landing import load_directory
from leadfunnel.paths import home

HEADER = "Id,CreatedDate,Status,Company\n"


def lead_rows(count: int, start: int = 1) -> str:
    return "".join(
        f"00Q{n:03d},2026-01-0{1 + n % 9}T00:00:00Z,MQL,株式会社{n}\n"
        for n in range(start, start + count)
    )


def leads(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        exists = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'salesforce' "
            "and table_name = 'lead'"
        ).fetchone()[0]
        return con.execute("select count(*) from salesforce.lead").fetchone()[0] if exists else 0
    finally:
        con.close()


def test_a_nul_byte_rejects_the_whole_file_naming_its_line(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    # 40 good rows, then a field with a NUL byte on data row 41 (line 42), then 19 more
    text = HEADER + lead_rows(40) + "00Q041,2026-01-02T00:00:00Z,MQL,株式\x00会社\n"
    text += lead_rows(19, start=42)
    (landing / "salesforce__lead.csv").write_bytes(text.encode("utf-8"))
    report = load_directory(landing, tmp_path / "build.duckdb", tmp_path / "quarantine")
    (rejected,) = report.rejected
    assert "line 42" in rejected.message and "NUL byte" in rejected.message
    assert leads(tmp_path / "build.duckdb") == 0  # nothing of it landed


def test_a_broken_json_line_is_named_by_its_own_number(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    good = [json.dumps({"id": n, "createdAt": "2026-01-01T00:00:00Z"}) for n in range(1, 11)]
    lines = [*good, '{"id": 11, "createdAt": ', json.dumps({"id": 12})]  # line 11 is cut off
    (landing / "marketo__lead.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = load_directory(landing, tmp_path / "build.duckdb", tmp_path / "quarantine")
    (rejected,) = report.rejected
    assert "line 11: malformed JSON" in rejected.message


def test_a_symbolic_link_is_refused_and_its_target_untouched(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    elsewhere = tmp_path / "elsewhere" / "secret.csv"
    elsewhere.parent.mkdir()
    elsewhere.write_text(HEADER + lead_rows(3), encoding="utf-8")
    (landing / "salesforce__lead.csv").symlink_to(elsewhere)
    report = load_directory(landing, tmp_path / "build.duckdb", tmp_path / "quarantine")
    (rejected,) = report.rejected
    assert "symbolic link" in rejected.message
    assert leads(tmp_path / "build.duckdb") == 0
    assert elsewhere.read_text(encoding="utf-8").count("\n") == 4  # the target is untouched
    assert (landing / "salesforce__lead.csv").is_symlink()  # the link is left where it was


def test_a_load_never_empties_the_users_own_folder(tmp_path):
    target = home(tmp_path / "home").ensure()
    exports = tmp_path / "my_exports"
    exports.mkdir()
    (exports / "salesforce__lead.csv").write_text(HEADER + lead_rows(5), encoding="utf-8")
    bad = exports / "salesforce__lead__broken.csv"
    bad.write_text("Name\nno id here\n", encoding="utf-8")
    report = steps.land(target, exports)
    (rejected,) = report.rejected
    assert bad.exists()  # still in the user's folder ...
    assert rejected.quarantined_to.read_bytes() == bad.read_bytes()  # ... and copied to quarantine
    assert leads(target.build_db) == 5
    # the home's own landing folder is the pipeline's: there a rejected file is moved
    inside = target.landing / "salesforce__lead__broken.csv"
    inside.write_text("Name\nstill no id\n", encoding="utf-8")
    steps.land(target)
    assert not inside.exists()


def test_the_cli_load_of_an_export_folder_keeps_it_whole(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "salesforce__lead.csv").write_text("Name\nno id\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "leadfunnel.cli", "load", str(exports), "--home",
         str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env={**os.environ, "LEADFUNNEL_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert done.returncode == 1  # a rejected file
    assert sorted(p.name for p in exports.iterdir()) == ["salesforce__lead.csv"]


def test_an_older_extract_never_rolls_a_newer_record_back(tmp_path):
    """Salesforce's LastModifiedDate decides: an extract of 2026-03-01 loaded after one of
    2026-03-05 keeps the newer values of the records both have, and lands the rest."""
    header = "Id,CreatedDate,Status,Company,LastModifiedDate\n"
    newer = tmp_path / "newer"
    older = tmp_path / "older"
    newer.mkdir()
    older.mkdir()
    (newer / "salesforce__lead.csv").write_text(
        header
        + "00Q1,2026-01-01T00:00:00Z,SQL,Alpha,2026-03-05T00:00:00Z\n"
        + "00Q2,2026-01-01T00:00:00Z,SQL,Beta,2026-03-05T00:00:00Z\n",
        encoding="utf-8",
    )
    (older / "salesforce__lead.csv").write_text(
        header
        + "00Q1,2026-01-01T00:00:00Z,MQL,Alpha,2026-03-01T00:00:00Z\n"  # older: kept out
        + "00Q2,2026-01-01T00:00:00Z,Nurture,Beta,2026-03-09T00:00:00Z\n"  # newer: replaces
        + "00Q3,2026-01-01T00:00:00Z,MQL,Gamma,2026-03-01T00:00:00Z\n",  # new record
        encoding="utf-8",
    )
    db, quarantine = tmp_path / "build.duckdb", tmp_path / "quarantine"
    load_directory(newer, db, quarantine)
    report = load_directory(older, db, quarantine)
    (loaded,) = report.loaded
    assert (loaded.inserted, loaded.replaced) == (1, 1)
    assert "1 older than the version landed, kept out" in loaded.message
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = con.execute("select id, status from salesforce.lead order by id").fetchall()
    finally:
        con.close()
    assert statuses == [("00Q1", "SQL"), ("00Q2", "Nurture"), ("00Q3", "MQL")]
