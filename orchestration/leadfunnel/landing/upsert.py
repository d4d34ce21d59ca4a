"""Write a checked staging table into its raw table: create or widen the table, then upsert.

Upsert by key: the rows of the table whose id is in the file are deleted and the file's rows
inserted, so a newer extract of a record replaces the older one. When the file carries the
record's own modification time (``system_modstamp``, ``last_modified_date``, ``updated_at``,
or a connector's ``_fivetran_synced``), an older version never replaces a newer one already
landed: an old extract loaded after a new one keeps the new values, and the load says how many
rows it kept out.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from leadfunnel.landing.casts import quote
from leadfunnel.landing.columns import LOADED_AT, SOURCE_FILE, ColumnPlan
from leadfunnel.landing.staging import STAGE, typed


def qualified(schema: str, name: str) -> str:
    """``"schema"."name"``, quoted."""
    return f"{quote(schema)}.{quote(name)}"


def ensure_table(con: duckdb.DuckDBPyConnection, schema: str, plan: ColumnPlan) -> None:
    """Create the raw table (contract columns + landing columns) or add columns it lacks."""
    types = plan.target_types()
    target = qualified(schema, plan.table.name)
    con.execute(f"create schema if not exists {quote(schema)}")
    columns = ", ".join(f"{quote(name)} {kind}" for name, kind in types.items())
    con.execute(f"create table if not exists {target} ({columns})")
    existing = {
        name.lower()
        for (name,) in con.execute(
            "select column_name from duckdb_columns() "
            "where schema_name = ? and table_name = ? and database_name = current_database()",
            [schema, plan.table.name],
        ).fetchall()
    }
    for name, kind in types.items():
        if name.lower() not in existing:
            con.execute(f"alter table {target} add column {quote(name)} {kind}")


MODIFIED_AT = ("system_modstamp", "last_modified_date", "updated_at", "_fivetran_synced")
KEEP = "leadfunnel_newer_landed"


def upsert(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    plan: ColumnPlan,
    loaded_at: datetime,
    source_file: str,
) -> tuple[int, int, int]:
    """Replace the table's rows whose id is in the file, insert the file's rows, except the
    file's rows that are older than the version of their record already landed.

    Returns (inserted, replaced, kept_older): rows with a new id, rows that replaced a record,
    and rows of the file not landed because a newer version of the record is.
    """
    target = qualified(schema, plan.table.name)
    key = quote(plan.key.name)
    incoming = f"select {typed(plan.key)} as k from {quote(STAGE)}"
    modified = next((plan.present(name) for name in MODIFIED_AT if plan.present(name)), None)
    con.execute(f"create or replace temp table {quote(KEEP)} (k {plan.key.target_type})")
    if modified is not None:
        stamp = quote(modified.name)
        con.execute(
            f"insert into {quote(KEEP)} select distinct file.k from "
            f"(select {typed(plan.key)} as k, try_cast({typed(modified)} as timestamp) as m "
            f" from {quote(STAGE)}) as file "
            f"join {target} as landed on landed.{key} = file.k "
            f"where try_cast(landed.{stamp} as timestamp) > file.m"
        )
    (replaced,) = con.execute(
        f"delete from {target} where {key} in ({incoming}) "
        f"and {key} not in (select k from {quote(KEEP)})"
    ).fetchone() or (0,)
    select = ", ".join(f"{typed(column)} as {quote(column.name)}" for column in plan.columns)
    (rows,) = con.execute(
        f"insert into {target} by name select {select}, "
        f"cast(? as timestamp) as {quote(LOADED_AT)}, cast(? as varchar) as {quote(SOURCE_FILE)} "
        f"from {quote(STAGE)} where {typed(plan.key)} not in (select k from {quote(KEEP)})",
        [loaded_at, source_file],
    ).fetchone() or (0,)
    (total,) = con.execute(f"select count(*) from {quote(STAGE)}").fetchone() or (0,)
    con.execute(f"drop table if exists {quote(KEEP)}")
    return rows - replaced, replaced, total - rows
