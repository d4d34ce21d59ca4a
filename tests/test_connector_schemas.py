"""A connector-fed warehouse: Fivetran's public Salesforce and Marketo test data, written into
schemas named like a connector's (ft_salesforce, ft_marketo) with the types DuckDB reads them
as, then the README's "Bring your own connector" commands, as written.

Fivetran's fixture data is sampled and its ids are hashed, so references dangle: the gate and
the tests may warn, but the build must pass and the counts must be right.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from leadfunnel.paths import PROJECT_DIR, home

pytestmark = pytest.mark.dbt

FIXTURES = PROJECT_DIR.parent / "shared" / "fixtures" / "fivetran"
if not FIXTURES.is_dir():  # the fixtures live beside the checkout
    FIXTURES = Path("/work/shared/fixtures/fivetran")
SCHEMAS = {"salesforce": "ft_salesforce", "marketo": "ft_marketo"}


def _readme_commands() -> list[list[str]]:
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("### Bring your own connector", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line) for line in block.splitlines() if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def connector_home(tmp_path_factory):
    if not FIXTURES.is_dir():
        pytest.skip(f"Fivetran fixtures not found at {FIXTURES}")
    target = home(tmp_path_factory.mktemp("connector") / "home").ensure()
    con = duckdb.connect(str(target.build_db))
    try:
        for source, schema in SCHEMAS.items():
            con.execute(f"create schema {schema}")
            for path in sorted((FIXTURES / source).glob("*.csv")):
                con.execute(
                    f"create table {schema}.{path.stem} as "
                    f"select * from read_csv('{path}', header = true)"
                )
    finally:
        con.close()
    env = {**os.environ, "LEADFUNNEL_HOME": str(target.root)}
    runs = []
    for command in _readme_commands():
        if command[0] == "export":
            name, value = command[1].split("=", 1)
            env[name] = value
            continue
        assert command[0] == "leadfunnel", command
        runs.append(
            subprocess.run(
                [sys.executable, "-m", "leadfunnel.cli", *command[1:]],
                env=env,
                capture_output=True,
                text=True,
                cwd=PROJECT_DIR,
            )
        )
    return target, runs


def _query(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_readme_commands_build_and_publish_a_connector_warehouse(connector_home):
    target, runs = connector_home
    assert [run.args[3] for run in runs] == ["check", "build", "publish"]
    for run in runs:
        assert run.returncode == 0, (run.args, run.stdout[-3000:], run.stderr[-3000:])
    assert (target.root / "serve.duckdb").exists()


def test_deleted_users_and_inactive_versions_leave_the_marts(connector_home):
    target, _ = connector_home
    (expected_users,) = _query(
        target.build_db,
        "select count(*) from ft_salesforce.user "
        "where not coalesce(_fivetran_deleted, false) and coalesce(_fivetran_active, true)",
    )[0]
    (all_users,) = _query(target.build_db, "select count(*) from ft_salesforce.user")[0]
    (users,) = _query(target.root / "serve.duckdb", "select count(*) from marts.dim_users")[0]
    assert users == expected_users < all_users  # the fixture has deleted and old versions
    # history mode: one row per role id (the active version)
    (role_ids, active) = _query(
        target.build_db,
        "select count(distinct id), count(*) filter (where _fivetran_active) "
        "from ft_salesforce.user_role",
    )[0]
    (roles,) = _query(target.build_db, "select count(*) from staging.stg_salesforce__user_roles")[0]
    assert roles == active <= role_ids


def test_people_come_from_both_tools_and_missing_columns_are_null(connector_home):
    target, runs = connector_home
    (leads, mkto, contacts) = _query(
        target.build_db,
        "select (select count(*) from ft_salesforce.lead "
        "        where not coalesce(try_cast(is_deleted as boolean), false)), "
        "(select count(*) from ft_marketo.lead where id not in "
        " (select lead_id from ft_marketo.activity_delete_lead where activity_date <= '2020-06-01')"
        " and id not in (select merged_lead_id from staging.stg_marketo__lead_merges"
        "                where merged_at <= '2020-06-01')), "
        "(select count(*) from ft_salesforce.contact "
        " where not coalesce(try_cast(is_deleted as boolean), false))",
    )[0]
    (records,) = _query(
        target.build_db, "select count(*) from intermediate.int_person_records_resolved"
    )[0]
    assert records == leads + mkto + contacts
    (people,) = _query(target.root / "serve.duckdb", "select count(*) from marts.dim_people")[0]
    assert 0 < people <= records
    # the org has no custom not-SQL fields: the build says so and reads them as NULL
    build = runs[1].stdout + runs[1].stderr
    assert "salesforce.lead: no column(s) disqualification_reason_c" in build
    (reasons,) = _query(
        target.build_db,
        "select count(disqualification_reason) from staging.stg_salesforce__leads",
    )[0]
    assert reasons == 0


def test_marketo_deletes_and_merges_leave_the_people(connector_home):
    target, _ = connector_home
    (listed,) = _query(
        target.build_db,
        "select count(*) from ft_marketo.activity_merge_leads, "
        "unnest(string_split(regexp_replace(merge_ids, '[\\[\\]\\s]', '', 'g'), ',')) as m(id) "
        "where m.id <> '' and m.id <> cast(lead_id as varchar)",
    )[0]
    (merges,) = _query(target.build_db, "select count(*) from staging.stg_marketo__lead_merges")[0]
    assert merges == listed > 0
    # every Marketo lead that was deleted, or merged into another, is a deleted record
    (gone, expected) = _query(
        target.build_db,
        """
        select
            count(*) filter (where records.is_deleted),
            count(*) filter (where leads.id in (select lead_id from ft_marketo.activity_delete_lead
                                                where activity_date <= '2020-06-01')
                             or leads.id in (select merged_lead_id
                                             from staging.stg_marketo__lead_merges
                                             where merged_at <= '2020-06-01'))
        from conformed.cnf_marketo__person_records as records
        join ft_marketo.lead as leads on records.record_id = cast(leads.id as varchar)
        """,
    )[0]
    assert gone == expected


def test_the_published_copy_lists_what_the_connector_lacks(connector_home):
    target, _ = connector_home
    missing = dict(
        _query(
            target.root / "serve.duckdb",
            "select name, value from meta where section = 'missing_input'",
        )
    )
    assert missing["salesforce.lead_history"] == "table (read as no rows)"
    assert missing["salesforce.account"] == "columns (read as NULL): created_date"
    assert "disqualification_reason_c" in missing["salesforce.lead"]
    assert "marketo.activity_merge_leads" not in missing  # the connector has it
