"""`leadfunnel demo`, the README's first command, end to end on a small company."""

from __future__ import annotations

import subprocess
import sys

import pytest

from leadfunnel.paths import PROJECT_DIR
from leadfunnel.warehouse import connect

pytestmark = pytest.mark.dbt

AS_OF = "2026-11-02T00:00:00Z"  # Monday 09:00 JST: the first business day of November


def _demo(home, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "leadfunnel.cli",
            "demo",
            "--home",
            str(home),
            "--people",
            "400",
            "--months",
            "6",
            "--as-of",
            AS_OF,
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=600,
    )


def test_demo_builds_publishes_reports_and_can_run_again(tmp_path):
    home = tmp_path / "home"
    first = _demo(home)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "The warehouse is ready" in first.stdout
    assert "marts.rpt_monthly_kpis" in first.stdout  # the example queries
    con = connect(home / "serve.duckdb", read_only=True)
    try:
        (people,) = con.execute("select count(*) from marts.dim_people").fetchall()[0]
        (kpis,) = con.execute("select count(*) from marts.rpt_monthly_kpis").fetchall()[0]
    finally:
        con.close()
    assert people >= 400
    assert kpis > 0
    # due at the first business day of November: October's review and last week's summary
    assert (home / "reports" / "2026-10" / "monthly_review.pdf").exists()
    assert (home / "reports" / "2026-W44" / "weekly_summary.html").exists()

    again = _demo(home)
    assert again.returncode == 0, again.stderr[-2000:]
    assert (home / "reports" / "2026-10" / "monthly_review.pdf").exists()


def test_demo_refuses_a_warehouse_it_did_not_make(tmp_path):
    home = tmp_path / "real"
    home.mkdir()
    (home / "build.duckdb").write_bytes(b"")
    result = _demo(home)
    assert result.returncode == 1
    assert "holds a warehouse that the demo did not make" in result.stderr
    assert (home / "build.duckdb").exists()


def test_demo_with_a_bad_as_of_changes_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".demo").write_text("made by `leadfunnel demo`\n")
    (home / "build.duckdb").write_bytes(b"keep me")
    result = subprocess.run(
        [sys.executable, "-m", "leadfunnel.cli", "demo", "--home", str(home), "--as-of", "soon"],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
        timeout=120,
    )
    assert result.returncode == 1
    assert "as_of 'soon' is not an ISO-8601 timestamp" in result.stderr
    assert (home / "build.duckdb").read_bytes() == b"keep me"
