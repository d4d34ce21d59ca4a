"""Shared fixtures: one small generated company, landed and built once per test session.

The warehouse is real: generated extract files on disk, landed into a DuckDB file, modelled by
a real `dbt build` (which also runs every dbt data test and unit test).
"""

from __future__ import annotations

import os
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
