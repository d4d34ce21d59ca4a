"""Shared fixtures: one small generated company, landed and built once per test session.

The warehouse is real: generated extract files on disk, landed into a DuckDB file, modelled by
a real `dbt build` (which also runs every dbt data test and unit test).

The ``dbt`` marker is enforced, so ``pytest -m "not dbt"`` is the fast suite and really runs
no dbt: a test that uses ``built_warehouse`` without the marker fails collection, and one that
starts dbt (``dbt build/run/seed/test``, directly, through dagster-dbt or through the CLI's
``build``/``run``/``demo``) without it fails.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# hand-worked times in the tests are in the default business time zone (Asia/Tokyo)
os.environ.pop("LEADFUNNEL_BUSINESS_TIMEZONE", None)

SMALL_COMPANY = {"people": 1_500, "months": 12, "end_date": date(2026, 10, 30), "seed": 7}
SMALL_AS_OF = datetime(2026, 10, 31, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class BuiltWarehouse:
    home: object  # leadfunnel.paths.Home
    extracts: Path
    truth: Path
    as_of: datetime
    load_report: object
    generate_result: object

    def connect(self):
        from leadfunnel.warehouse import connect

        return connect(self.home.build_db, read_only=True)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = self.connect()
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def truth_table(self, name: str) -> str:
        """SQL reading one of the generator's truth files (``people.parquet``, ...)."""
        return f"read_parquet('{self.truth / name}')"

    def truth_row(self, sql: str) -> tuple:
        """The single row of ``sql`` over the truth files (a private in-memory connection)."""
        import duckdb

        con = duckdb.connect()
        try:
            return con.execute(sql).fetchall()[0]
        finally:
            con.close()


def extract_columns(con, schema: str, table: str) -> list[str]:
    """The columns of a landed raw table that an extract file carries (not the ``_`` ones
    landing adds), to write a new extract of it."""
    return [
        name
        for (name,) in con.execute(
            "select column_name from information_schema.columns where table_schema = ? "
            "and table_name = ? and column_name not like '\\_%' escape '\\' "
            "order by ordinal_position",
            [schema, table],
        ).fetchall()
    ]


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    """A small generated company (1,500 people, 12 months), landed and built at SMALL_AS_OF."""
    from leadfunnel.build import build
    from leadfunnel.landing import load_directory
    from leadfunnel.paths import home
    from leadfunnel_sample import generate

    root = tmp_path_factory.mktemp("warehouse")
    target = home(root / "home").ensure()
    extracts = root / "extracts"
    result = generate(extracts, **SMALL_COMPANY)
    report = load_directory(extracts, target.build_db, target.quarantine)
    assert not report.rejected, [r.message for r in report.rejected]
    build(target, SMALL_AS_OF)
    return BuiltWarehouse(target, extracts, result.truth_dir, SMALL_AS_OF, report, result)


# ------------------------------------------------------------------------- the dbt marker

DBT_FIXTURES = frozenset({"built_warehouse"})
DBT_COMMANDS = frozenset({"build", "run", "seed", "test", "snapshot"})
CLI_COMMANDS_RUNNING_DBT = frozenset({"build", "run", "demo"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if DBT_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("dbt") is None
    ]
    if unmarked:
        raise pytest.UsageError(
            f"{len(unmarked)} test(s) use {', '.join(sorted(DBT_FIXTURES))} (a real dbt build) "
            f"without @pytest.mark.dbt (or a module-level pytestmark), first {unmarked[0]}"
        )


def runs_dbt(args: str | Sequence[object]) -> bool:
    """Whether a command line starts dbt (build, run, seed, test, snapshot; parse is fine), or
    the leadfunnel CLI command that does (build, run, demo)."""
    argv = [args] if isinstance(args, str | bytes | os.PathLike) else list(args)
    argv = [os.fsdecode(a) if isinstance(a, bytes | os.PathLike) else str(a) for a in argv]
    if not argv:
        return False
    if Path(argv[0]).name == "dbt":
        return len(argv) > 1 and argv[1] in DBT_COMMANDS
    if "leadfunnel.cli" in argv:
        command = argv.index("leadfunnel.cli") + 1
    elif Path(argv[0]).name == "leadfunnel":
        command = 1
    else:
        return False
    return len(argv) > command and argv[command] in CLI_COMMANDS_RUNNING_DBT


@pytest.fixture(autouse=True)
def _dbt_needs_the_dbt_marker(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Outside @pytest.mark.dbt, starting dbt fails the test."""
    if request.node.get_closest_marker("dbt") is not None:
        yield
        return
    nodeid = request.node.nodeid

    class GuardedPopen(subprocess.Popen):
        def __init__(self, args, *more, **options) -> None:
            if runs_dbt(args):
                pytest.fail(f"{nodeid} runs dbt without @pytest.mark.dbt: {args!r}")
            super().__init__(args, *more, **options)

    monkeypatch.setattr(subprocess, "Popen", GuardedPopen)
    yield
