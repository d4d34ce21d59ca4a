"""Write, audit, publish: serve.duckdb on real DuckDB files after real checks and dbt builds."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from conftest import extract_columns
from leadfunnel import steps
from leadfunnel.clock import format_as_of
from leadfunnel.dbt_runner import DbtError
from leadfunnel.paths import PROJECT_DIR, Home, home
from leadfunnel.publishing.gate import PublishBlocked, audit
from leadfunnel.publishing.parquet import export_dir
from leadfunnel.publishing.serve import STORAGE_VERSION, read_meta, serve_path
from leadfunnel.warehouse import connect

pytestmark = pytest.mark.dbt


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def clone(source: Home, root: Path) -> Home:
    """A private copy of a whole home (build.duckdb, gate, serve.duckdb)."""
    shutil.copytree(source.root, root, ignore=shutil.ignore_patterns("gx"))
    return home(root)


@pytest.fixture(scope="module")
def published(built_warehouse, tmp_path_factory):
    """The session's company, copied, checked, built and published with the Parquet export."""
    target = home(tmp_path_factory.mktemp("published") / "home").ensure()
    shutil.copy2(built_warehouse.home.build_db, target.build_db)
    assert steps.check(target, built_warehouse.as_of).passed
    steps.build(target, built_warehouse.as_of)
    result = steps.publish(target, export_parquet=True)
    return target, result


def test_serve_holds_the_marts_and_a_meta_table(published, built_warehouse):
    target, result = published
    build = connect(target.build_db, read_only=True)
    try:
        marts = dict(
            build.execute(
                "select table_name, estimated_size from duckdb_tables() "
                "where schema_name = 'marts' order by 1"
            ).fetchall()
        )
        counts = {
            name: build.execute(f'select count(*) from marts."{name}"').fetchone()[0]
            for name in marts
        }
    finally:
        build.close()
    serve = duckdb.connect(str(serve_path(target)), read_only=True)
    try:
        (tags,) = serve.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone()
        served = {
            name: serve.execute(f'select count(*) from marts."{name}"').fetchone()[0]
            for (name,) in serve.execute(
                "select table_name from duckdb_tables() where schema_name = 'marts'"
            ).fetchall()
        }
        (comment,) = serve.execute(
            "select comment from duckdb_tables() where table_name = 'dim_people'"
        ).fetchone()
    finally:
        serve.close()
    assert tags["storage_version"].startswith(STORAGE_VERSION)  # DuckDB 1.4+ readers
    assert served == counts and "dim_people" in served
    assert comment  # dbt's descriptions travel with the tables
    assert result.tables == {f"marts.{k}": v for k, v in counts.items()}

    meta = {
        (section, name): (value, number, at)
        for section, name, value, number, at in read_meta(serve_path(target))
    }
    as_of = built_warehouse.as_of.replace(tzinfo=None)
    assert meta[("build", "as_of")][2] == as_of
    assert meta[("row_count", "marts.dim_people")][1] == counts["dim_people"]
    assert meta[("check", "quality_gate")][0] == "passed"
    assert meta[("check", "dbt_tests")][1] > 100
    assert meta[("check", "dbt_tests_failed")][1] == 0
    for source in ("salesforce", "marketo"):
        newest = meta[("freshness", source)][2]
        assert as_of - timedelta(days=3) < newest <= as_of  # the newest record per source
    assert ("freshness", "salesforce.lead") in meta and ("landed", "marketo") in meta


def test_parquet_export_mirrors_the_published_marts(published):
    target, result = published
    files = {p.stem: p for p in export_dir(target).glob("*.parquet")}
    assert set(files) == {name.split(".")[1] for name in result.tables} | {"meta"}
    for name, rows in result.tables.items():
        path = files[name.split(".")[1]]
        assert duckdb.sql(f"select count(*) from read_parquet('{path}')").fetchall()[0][0] == rows
    # the export travels further: personal data is pseudonymized by default
    people = files["dim_people"]
    emails, names, phones = duckdb.sql(
        f"select count(email) filter (where regexp_full_match(email, '[0-9a-f]{{64}}')), "
        f"count(full_name), count(phone) from read_parquet('{people}')"
    ).fetchall()[0]
    con = duckdb.connect(str(serve_path(target)), read_only=True)
    try:
        (with_email, served_names) = con.execute(
            "select count(email), count(full_name) from marts.dim_people"
        ).fetchone()
        (hashed,) = con.execute(
            "select sha256(lower(trim(email))) from marts.dim_people where email is not null "
            "order by person_id limit 1"
        ).fetchone()
    finally:
        con.close()
    assert emails == with_email > 0 and names == phones == 0 and served_names > 0
    assert hashed in {
        row[0] for row in duckdb.sql(f"select email from read_parquet('{people}')").fetchall()
    }


def test_publish_can_pseudonymize_or_leave_out_personal_data(published, tmp_path):
    for mode, email_check in (("pseudonymized", "regexp_full_match(email, '[0-9a-f]{64}')"),
                              ("none", "email is null")):  # fmt: skip
        target = clone(published[0], tmp_path / mode)
        steps.publish(target, personal_data=mode)
        con = duckdb.connect(str(serve_path(target)), read_only=True)
        try:
            (total, ok, names, phones) = con.execute(
                f"select count(*), count(*) filter (where email is null or {email_check}), "
                "count(full_name), count(phone) from marts.dim_people"
            ).fetchone()
            (lead_names,) = con.execute(
                "select count(lead_name) from marts.rpt_open_sla_breaches"
            ).fetchone()
            (owners,) = con.execute(
                "select count(owner_name) from marts.rpt_open_sla_breaches"
            ).fetchone()
            (setting,) = con.execute(
                "select value from meta where section = 'build' and name = 'personal_data'"
            ).fetchone()
        finally:
            con.close()
        assert total > 0 and ok == total and names == phones == lead_names == 0
        assert owners > 0  # employees' names stay: the SLA reports say who acts
        assert setting == mode
    with pytest.raises(ValueError, match="not one of full, pseudonymized, none"):
        steps.publish(clone(published[0], tmp_path / "bad"), personal_data="hashed")


def _duplicate_a_lead(target: Home) -> None:
    """Two current rows of one lead id: the gate blocks (missing e-mails only warn)."""
    con = duckdb.connect(str(target.build_db))
    try:
        con.execute("insert into salesforce.lead select * from salesforce.lead order by id limit 1")
    finally:
        con.close()


def test_a_failed_gate_leaves_the_previous_copy_byte_for_byte(published, tmp_path):
    target = clone(published[0], tmp_path / "home")
    before = sha256(serve_path(target))
    _duplicate_a_lead(target)
    report = steps.check(target)
    assert not report.passed
    with pytest.raises(PublishBlocked, match="quality gate failed with 1 blocking failure"):
        steps.publish(target)
    assert sha256(serve_path(target)) == before
    assert not list(target.root.glob(".serve.duckdb.*"))  # no temporary file left behind
    con = duckdb.connect(str(serve_path(target)), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_people").fetchone()[0] > 0
    finally:
        con.close()


def test_raw_data_landed_after_the_check_is_not_published(published, tmp_path):
    target = clone(published[0], tmp_path / "home")
    con = duckdb.connect(str(target.build_db))
    try:
        con.execute("delete from salesforce.task where id = (select min(id) from salesforce.task)")
    finally:
        con.close()
    verdict = audit(target)
    assert "raw data changed since the last quality check" in "; ".join(verdict.reasons)
    assert "raw data changed since the last dbt build" in "; ".join(verdict.reasons)
    with pytest.raises(PublishBlocked):
        steps.publish(target)


def test_an_error_severity_dbt_test_blocks_the_publish(published, tmp_path):
    target = clone(published[0], tmp_path / "home")
    before = sha256(serve_path(target))
    con = duckdb.connect(str(target.build_db))
    try:  # a duplicated user: the unique tests on the users fail (severity error)
        con.execute("insert into salesforce.user select * from salesforce.user limit 1")
    finally:
        con.close()
    assert steps.check(target).passed is False  # the gate catches it too ...
    with pytest.raises(DbtError):
        steps.build(target, select=["+dim_users"])  # ... and so does dbt
    gate = json.loads((target.root / "quality" / "gate.json").read_text())["dbt"]
    assert gate["ok"] is False and gate["full"] is False
    failed = [uid for uid, node in gate["nodes"].items() if node["status"] == "fail"]
    assert any("unique" in uid and "user" in uid for uid in failed)
    with pytest.raises(PublishBlocked, match=r"dbt test\(s\) failed with severity error"):
        steps.publish(target)
    assert sha256(serve_path(target)) == before


def test_a_reader_holding_the_file_open_is_never_blocked(published, tmp_path):
    target = clone(published[0], tmp_path / "home")
    serve = serve_path(target)
    reader = textwrap.dedent(
        f"""
        import json, sys, duckdb
        path = {str(serve)!r}
        sql = "select value from meta where section = 'build' and name = 'published_at'"
        con = duckdb.connect(path, read_only=True)
        first = con.execute(sql).fetchone()[0]
        print(json.dumps({{"first": first}}), flush=True)
        sys.stdin.readline()  # the publish happens now
        same = con.execute(sql).fetchone()[0]
        people = con.execute("select count(*) from marts.dim_people").fetchone()[0]
        con.close()
        con = duckdb.connect(path, read_only=True)
        reopened = con.execute(sql).fetchone()[0]
        con.close()
        print(json.dumps({{"same": same, "people": people, "reopened": reopened}}), flush=True)
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", reader],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = json.loads(process.stdout.readline())["first"]
        result = steps.publish(target)  # while the reader holds the old file open
        stdout, stderr = process.communicate("go\n", timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    after = json.loads(stdout.strip().splitlines()[-1])
    assert after["same"] == first  # the open connection keeps reading the old copy
    assert after["people"] > 0
    assert after["reopened"] == result.published_at.replace(tzinfo=None).isoformat()
    assert after["reopened"] != first


def test_cli_run_refuses_a_bad_extract_and_keeps_serving_the_old_copy(
    published, built_warehouse, tmp_path
):
    target = clone(published[0], tmp_path / "home")
    before = sha256(serve_path(target))
    extract = target.landing / "salesforce__lead__2026-10-31.csv"
    con = connect(target.build_db, read_only=True)
    try:  # a newer extract of every lead in which one is dated ten years after as_of
        columns = extract_columns(con, "salesforce", "lead")
        far_future = built_warehouse.as_of.replace(tzinfo=None) + timedelta(days=3650)
        select = ", ".join(
            f"case when row_number() over (order by id) = 1 then timestamp '{far_future}' "
            "else created_date end as created_date"
            if name == "created_date"
            else f'"{name}"'
            for name in columns
        )
        con.execute(f"copy (select {select} from salesforce.lead) to '{extract}' (header)")
    finally:
        con.close()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "leadfunnel.cli",
            "run",
            "--home",
            str(target.root),
            "--as-of",
            format_as_of(built_warehouse.as_of),
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: the quality gate blocked the publish: 1 blocking failure(s)")
    assert "salesforce.lead.created_date" in last
    assert sha256(serve_path(target)) == before


def test_an_interrupted_build_blocks_the_publish(published, tmp_path):
    """A build that started but never recorded its end (Ctrl-C, a killed process) can never
    let the previous build's 'ok' through the gate."""
    from leadfunnel.publishing.gate import record_build_started

    target = clone(published[0], tmp_path / "home")
    before = sha256(serve_path(target))
    assert audit(target).reasons == []
    record_build_started(target, as_of=published[1].as_of, full=True)
    with pytest.raises(PublishBlocked, match="under way or was interrupted"):
        steps.publish(target)
    assert sha256(serve_path(target)) == before


def test_a_selected_refresh_says_which_marts_it_rebuilt(published, tmp_path):
    """The 15-minute handoff refresh rebuilds part of the marts: meta says which, and as of
    when the rest were built (the last full build)."""
    target = clone(published[0], tmp_path / "home")
    full_as_of = published[1].as_of
    later = full_as_of + timedelta(hours=1)
    steps.build(target, later, select=["fct_mql_handoffs"])
    steps.publish(target)
    meta = {(row[0], row[1]): row for row in read_meta(serve_path(target))}
    assert meta[("build", "partial_refresh_models")][2] == "fct_mql_handoffs"
    assert meta[("build", "full_build_as_of")][4] == full_as_of.replace(tzinfo=None)
    assert meta[("build", "as_of")][4] == later.replace(tzinfo=None)


def test_a_failed_parquet_export_does_not_undo_the_publish(published, tmp_path):
    target = clone(published[0], tmp_path / "home")
    shutil.rmtree(export_dir(target))
    export_dir(target).write_text("not a folder")  # the export cannot write here
    stale = target.root / ".serve.duckdb.999.deadbeef.tmp"
    stale.write_bytes(b"left by a crashed publish")
    result = steps.publish(target, export_parquet=True)
    assert result.exported == ()
    assert any("Parquet export failed, serve.duckdb was published" in w for w in result.warnings)
    assert not stale.exists()
    meta = {(row[0], row[1]): row for row in read_meta(serve_path(target))}
    assert meta[("build", "published_at")][4] == result.published_at.replace(tzinfo=None)
