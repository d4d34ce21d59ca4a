"""People's read paths (`leadfunnel sql`, the reports, the alerts) can read the published copy
and nothing else: no file written or read outside serve.duckdb, no ATTACH, no settings undone."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from leadfunnel.paths import home
from leadfunnel.publishing.serve import STORAGE_VERSION, serve_path
from leadfunnel.warehouse import open_published


@pytest.fixture
def published(tmp_path):
    target = home(tmp_path / "home").ensure()
    con = duckdb.connect(
        str(serve_path(target)), config={"storage_compatibility_version": STORAGE_VERSION}
    )
    try:
        con.execute("create schema marts")
        con.execute("create table marts.dim_people as select 'P1' as person_id, 'a@x.jp' as email")
    finally:
        con.close()
    con = duckdb.connect(str(target.build_db))  # the pipeline's own warehouse
    try:
        con.execute("create table secret as select 42 as answer")
    finally:
        con.close()
    outside = tmp_path / "outside.csv"
    outside.write_text("token\nxoxb-not-for-you\n")
    return target, outside


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sql(target, query: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "leadfunnel.cli", "sql", query, "--home", str(target.root)],
        capture_output=True,
        text=True,
        env={**os.environ, "LEADFUNNEL_HOME": str(target.root)},
    )


def test_sql_reads_the_published_copy(published):
    target, _ = published
    done = sql(target, "select count(*) as people from marts.dim_people")
    assert done.returncode == 0, done.stderr
    assert "people" in done.stdout and "1" in done.stdout


@pytest.mark.parametrize(
    "attack",
    [
        "copy (select * from marts.dim_people) to '{dropped}'",
        "export database '{dropped_dir}'",
        "select * from read_csv('{outside}')",
        "select * from read_text('{outside}')",
        "attach '{build}' as b",
        "attach '{build}' as b (read_only)",
        "set enable_external_access = true",
        "reset enable_external_access",
        "install httpfs",
    ],
)
def test_sql_cannot_write_read_or_attach_anything_else(published, tmp_path, attack):
    target, outside = published
    dropped, dropped_dir = tmp_path / "dropped.csv", tmp_path / "dropped_dir"
    before = digest(target.build_db), digest(serve_path(target))
    query = attack.format(
        dropped=dropped, dropped_dir=dropped_dir, outside=outside, build=target.build_db
    )
    done = sql(target, query)
    assert done.returncode == 1
    assert "error:" in done.stderr and "Traceback" not in done.stderr
    assert "xoxb-not-for-you" not in done.stdout + done.stderr
    assert not dropped.exists() and not dropped_dir.exists()
    assert (digest(target.build_db), digest(serve_path(target))) == before


def test_reports_and_alerts_open_the_same_sealed_connection(published, tmp_path):
    """The report queries and the alert sensor open serve.duckdb through open_published."""
    from leadfunnel import alerts
    from leadfunnel.report import queries

    assert "open_published" in Path(queries.__file__).read_text()
    assert "open_published" in Path(alerts.__file__).read_text()
    target, outside = published
    con = open_published(serve_path(target))
    try:
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"select * from read_csv('{outside}')")
        with pytest.raises(duckdb.Error):
            con.execute("set lock_configuration = false")
        assert con.execute("select current_setting('TimeZone')").fetchone() == ("UTC",)
    finally:
        con.close()
