"""The 15-minute handoff refresh after new leads land: it passes, it publishes the new handoffs,
it leaves the marts it does not rebuild as they were, on the CLI and in Dagster alike; a full
build afterwards makes every mart agree again.

The session's small company is split: a few new MQL leads of the last weeks before ``as_of``
(the Salesforce lead, its status history, tasks, events and campaign memberships; the Marketo
lead and its activities) are held back from the first landing and land later in two batches.
With both batches landed the raw data is the session company's again, so each new person's
handoff must equal the session build's, and the final full build must equal it mart for mart.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from dagster import DagsterInstance, materialize

from leadfunnel import steps as pipeline
from leadfunnel.dagster_defs.jobs import handoff_refresh_job
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.tags import as_of_tags
from leadfunnel.definitions import defs
from leadfunnel.fingerprints import compare, table_fingerprints
from leadfunnel.paths import Home, home
from leadfunnel.publishing.serve import read_meta, serve_path

pytestmark = pytest.mark.dbt

NEW_LEADS = 12  # held back, landed in two batches of six
# raw table -> the column that names the held-back Salesforce lead or Marketo lead
BY_SALESFORCE_LEAD = {
    "lead": "id",
    "lead_history": "lead_id",
    "task": "who_id",
    "event": "who_id",
    "campaign_member": "lead_id",
}
HANDOFF_MARTS = ("fct_mql_handoffs", "rpt_open_sla_breaches")


def _new_leads(built_warehouse) -> list[tuple[str, str, str]]:
    """(person_id, Salesforce lead id, Marketo lead id) of recent MQL leads that are one person
    of exactly those two records, not converted, newest first."""
    return built_warehouse.query(
        """
        with records as (
            select person_id,
                max(record_id) filter (where record_system = 'salesforce_lead') as sf_lead,
                max(record_id) filter (where record_system = 'marketo_lead') as mkto_lead,
                count(*) as records
            from intermediate.int_person_records_resolved group by person_id
        )
        select records.person_id, records.sf_lead, records.mkto_lead
        from records
        join salesforce.lead as lead on lead.id = records.sf_lead
        join marketo.lead as mkto on cast(mkto.id as varchar) = records.mkto_lead
        where records.records = 2 and not lead.is_converted and not lead.is_deleted
            and mkto.sfdc_lead_id = lead.id
            and lead.created_date >= ? - interval 45 days
            and records.person_id in (select person_id from marts.fct_mql_handoffs)
        order by lead.created_date desc, records.person_id
        limit ?
        """,
        [built_warehouse.as_of.replace(tzinfo=None), NEW_LEADS],
    )


def _write_extracts(con, folder: Path, sf_leads: list[str], mkto_leads: list[str], keep: bool):
    """Write every raw table as ``<source>/<table>.parquet``: the rows of the given leads
    (``keep``) or every other row (not ``keep``)."""
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_schema in ('salesforce', 'marketo') order by all"
    ).fetchall()
    for schema, table in tables:
        columns = [
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns where table_schema = ? "
                "and table_name = ? order by ordinal_position",
                [schema, table],
            ).fetchall()
            if not name.startswith("_") or name == "_fivetran_deleted"
        ]
        if schema == "salesforce" and table in BY_SALESFORCE_LEAD:
            key, ids = BY_SALESFORCE_LEAD[table], sf_leads
        elif schema == "marketo" and (table == "lead" or table.startswith("activity_")):
            key, ids = ("id" if table == "lead" else "lead_id"), mkto_leads
        else:
            key, ids = None, []
        if key is None:
            if keep:
                continue  # a batch of new leads carries only their own rows
            where = "true"
        else:
            where = f"{'' if keep else 'not '}coalesce(cast({key} as varchar) in ?, false)"
        (rows,) = con.execute(
            f"select count(*) from {schema}.{table} where {where}", [ids] if key else []
        ).fetchone()
        if keep and not rows:
            continue
        (folder / schema).mkdir(parents=True, exist_ok=True)
        select = ", ".join(f'"{c}"' for c in columns)
        con.execute(
            f"copy (select {select} from {schema}.{table} where {where}) "
            f"to '{folder / schema / (table + '.parquet')}' (format parquet)",
            [ids] if key else [],
        )


def _marts(target: Home) -> dict[str, dict]:
    con = duckdb.connect(str(serve_path(target)), read_only=True)
    try:
        return table_fingerprints(con)
    finally:
        con.close()


def _handoff_rows(path: Path, table: str, people: list[str]) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            f"select * exclude (evaluated_as_of) from marts.{table} where person_id in ? "
            "order by all"
            if table == "rpt_open_sla_breaches"
            else f"select * from marts.{table} where person_id in ? order by all",
            [people],
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def refreshed(built_warehouse, tmp_path_factory):
    """A home with the company minus the new leads, fully built and published; the two
    batches written beside it, not yet landed."""
    leads = _new_leads(built_warehouse)
    assert len(leads) == NEW_LEADS, "the small company has too few recent MQL leads"
    root = tmp_path_factory.mktemp("handoff_refresh")
    target = home(root / "home").ensure()
    batches = [leads[: NEW_LEADS // 2], leads[NEW_LEADS // 2 :]]
    con = built_warehouse.connect()
    try:
        _write_extracts(
            con, target.landing / "base", [s for _, s, _ in leads], [m for _, _, m in leads], False
        )
        for number, batch in enumerate(batches, start=1):
            _write_extracts(
                con,
                root / f"batch{number}",
                [s for _, s, _ in batch],
                [m for _, _, m in batch],
                True,
            )
    finally:
        con.close()
    result = pipeline.run(target, built_warehouse.as_of)
    assert result.stopped is None, result.stopped
    return target, root, batches


def _after_refresh(target: Home, built_warehouse, before: dict, batch) -> None:
    """The checks after one selected refresh of one batch."""
    people = [person for person, _, _ in batch]
    meta = {(row[0], row[1]): row for row in read_meta(serve_path(target))}
    rebuilt = set(meta[("build", "partial_refresh_models")][2].split(","))
    assert set(HANDOFF_MARTS) <= rebuilt
    assert meta[("build", "cross_mart_reconciliation")][2].startswith("not claimed")
    # the new people's handoffs and open breaches are published, as the full build has them
    for table in HANDOFF_MARTS:
        published = _handoff_rows(serve_path(target), table, people)
        expected = _handoff_rows(built_warehouse.home.build_db, table, people)
        assert published == expected, table
    assert _handoff_rows(serve_path(target), "fct_mql_handoffs", people)
    # the marts the refresh did not rebuild are the previous publish's, row for row
    after = _marts(target)
    untouched = {name: before[name] for name in before if name not in rebuilt}
    assert untouched and not compare(untouched, {n: after[n] for n in untouched})


def test_the_handoff_refresh_publishes_new_leads_on_both_paths(refreshed, built_warehouse):
    target, root, batches = refreshed
    as_of = built_warehouse.as_of
    for person, _, _ in batches[0] + batches[1]:
        assert not _handoff_rows(serve_path(target), "fct_mql_handoffs", [person])

    # batch 1 through the CLI: `leadfunnel run --handoffs`
    before = _marts(target)
    (root / "batch1").rename(target.landing / "batch1")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "leadfunnel.cli",
            "run",
            "--handoffs",
            "--home",
            str(target.root),
            "--as-of",
            as_of.isoformat(),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    _after_refresh(target, built_warehouse, before, batches[0])

    # batch 2 through Dagster: materialize the handoff_refresh_job's selection
    before = _marts(target)
    (root / "batch2").rename(target.landing / "batch2")
    resources = {**defs.resources, "warehouse": WarehouseResource(root=str(target.root))}
    with DagsterInstance.ephemeral() as instance:
        result = materialize(
            [*defs.assets, *(defs.asset_checks or [])],
            selection=handoff_refresh_job.selection,
            resources=resources,
            instance=instance,
            tags=as_of_tags(as_of),
            raise_on_error=False,
        )
    assert result.success
    _after_refresh(target, built_warehouse, before, batches[1])

    # the full build after both batches: every mart agrees with the session's build again
    pipeline.build(target, as_of)
    pipeline.publish(target)
    con = built_warehouse.connect()
    try:
        expected = table_fingerprints(con)
    finally:
        con.close()
    assert compare(expected, _marts(target)) == []
    meta = {(row[0], row[1]): row for row in read_meta(serve_path(target))}
    assert ("build", "partial_refresh_models") not in meta
    assert meta[("build", "cross_mart_reconciliation")][2].startswith("checked")
