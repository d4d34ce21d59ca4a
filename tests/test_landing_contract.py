"""The raw contract, the pre-build inventory and the dbt sources agree on what is required."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
import yaml

from leadfunnel.contract import (
    ALL_TABLES,
    BOOKKEEPING_COLUMNS,
    CONNECTOR_COLUMNS,
    CONNECTOR_TABLES,
    TABLES,
    active_row,
)
from leadfunnel.contract import table as contract_table
from leadfunnel.paths import PROJECT_DIR
from leadfunnel.warehouse import inventory

SOURCES_YAML = {
    source: PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml"
    for source in ("salesforce", "marketo")
}


def declared() -> dict[str, dict]:
    """source.table -> its entry in the dbt sources YAML (anchors resolved)."""
    out = {}
    for source, path in SOURCES_YAML.items():
        (entry,) = yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]
        assert entry["name"] == source
        out |= {f"{source}.{t['name']}": t for t in entry["tables"]}
    return out


def test_only_the_lead_tables_and_every_key_are_required() -> None:
    required = [t.qualified_name for t in ALL_TABLES if not t.optional_table]
    assert required == ["salesforce.lead", "marketo.lead"]
    assert all(t.required == (t.key,) == ("id",) for t in ALL_TABLES)


def test_every_table_takes_the_connector_columns_and_salesforce_is_deleted() -> None:
    for table in ALL_TABLES:
        assert CONNECTOR_COLUMNS.items() <= table.all_columns.items(), table.qualified_name
        has_is_deleted = table.source == "salesforce" and table.name not in ("user", "user_role")
        assert ("is_deleted" in table.all_columns) == has_is_deleted, table.qualified_name
    # the sample company writes exactly `columns`; the connector's extras are apart
    assert "is_deleted" in contract_table("salesforce", "opportunity_contact_role").all_columns
    assert "is_deleted" not in contract_table("salesforce", "opportunity_contact_role").columns
    assert contract_table("marketo", "program").columns["_fivetran_deleted"] == "BOOLEAN"


def test_the_marketo_delete_and_merge_logs_are_optional_connector_tables() -> None:
    assert [t.qualified_name for t in CONNECTOR_TABLES] == [
        "marketo.activity_delete_lead",
        "marketo.activity_merge_leads",
    ]
    assert not {t.qualified_name for t in CONNECTOR_TABLES} & {t.qualified_name for t in TABLES}
    merge = contract_table("marketo", "activity_merge_leads")
    assert {k: merge.columns[k] for k in ("lead_id", "merge_ids", "master_updated")} == {
        "lead_id": "BIGINT",
        "merge_ids": "VARCHAR",
        "master_updated": "BOOLEAN",
    }
    assert contract_table("marketo", "activity_delete_lead").columns["campaign"] == "VARCHAR"


def test_the_dbt_sources_declare_every_table_and_its_connector_columns() -> None:
    sources = declared()
    assert set(sources) == {t.qualified_name for t in ALL_TABLES}
    for table in ALL_TABLES:
        columns = {c["name"]: c for c in sources[table.qualified_name].get("columns", [])}
        wanted = {c for c in table.all_columns if c in BOOKKEEPING_COLUMNS}
        assert wanted <= set(columns), table.qualified_name
        for name in wanted:
            assert columns[name]["data_type"].upper() == table.all_columns[name], name
            assert columns[name]["config"]["meta"]["optional"] is True
    required = {
        n for n, t in sources.items() if t.get("config", {}).get("meta", {}).get("required_table")
    }
    assert required == {"salesforce.lead", "marketo.lead"}


def test_switchable_sources_use_the_var_the_inventory_sets() -> None:
    for name, entry in declared().items():
        enabled = str(entry.get("config", {}).get("enabled", ""))
        if not enabled:
            continue
        (var,) = re.findall(r"var\('([a-z_]+)'", enabled)
        assert var == f"{name.replace('.', '__')}_enabled", name
        assert contract_table(*name.split(".")).optional_table


def make_warehouse(path: Path, tables: list[str]) -> Path:
    con = duckdb.connect(str(path))
    try:
        for qualified in tables:
            schema, name = qualified.split(".")
            con.execute(f"create schema if not exists {schema}")
            con.execute(f'create table {schema}."{name}" (id varchar)')
    finally:
        con.close()
    return path


@pytest.mark.parametrize(
    ("tables", "missing_required"),
    [
        (["salesforce.lead", "marketo.lead"], ()),
        (["salesforce.lead", "salesforce.account"], ("marketo.lead",)),
        ([t.qualified_name for t in ALL_TABLES], ()),
    ],
)
def test_the_inventory_requires_only_the_lead_tables(
    tmp_path: Path, tables: list[str], missing_required: tuple[str, ...]
) -> None:
    raw = inventory(make_warehouse(tmp_path / "build.duckdb", tables))
    assert raw.missing_required == missing_required
    assert set(raw.present) == set(tables)
    assert set(raw.missing_optional) == {
        t.qualified_name for t in ALL_TABLES if t.optional_table
    } - set(tables)
    dbt_vars = raw.dbt_vars({"salesforce": "salesforce", "marketo": "marketo"})
    delete_log_missing = "marketo.activity_delete_lead" not in tables
    assert (dbt_vars.get("marketo__activity_delete_lead_enabled") is False) == delete_log_missing


def test_active_row_reads_null_as_current() -> None:
    con = duckdb.connect()
    try:
        sql = active_row({"_fivetran_deleted": "d", "is_deleted": "x", "_fivetran_active": "a"})
        rows = con.execute(
            f"select d, x, a, {sql} from (values "
            "(null, null, null), (false, false, true), (true, null, null), "
            "(null, true, null), (null, null, false)) as t(d, x, a) order by all"
        ).fetchall()
    finally:
        con.close()
    current = {row[:3]: row[3] for row in rows}
    assert current == {
        (None, None, None): True,
        (False, False, True): True,
        (True, None, None): False,
        (None, True, None): False,
        (None, None, False): False,
    }
    assert active_row({}) is None
