"""Write a checked staging table into its raw table: create or widen the table, then upsert.

Upsert by key: the rows of the table whose id is in the file are deleted and the file's rows
inserted, so a newer extract of a record replaces the older one (last load wins).
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


def upsert(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    plan: ColumnPlan,
    loaded_at: datetime,
    source_file: str,
) -> tuple[int, int]:
    """Replace the table's rows whose id is in the file, insert the file's rows.

    Returns (inserted, replaced): rows with a new id, and rows that replaced a record.
    """
    target = qualified(schema, plan.table.name)
    key = quote(plan.key.name)
    (replaced,) = con.execute(
        f"delete from {target} where {key} in (select {typed(plan.key)} from {quote(STAGE)})"
    ).fetchone() or (0,)
    select = ", ".join(f"{typed(column)} as {quote(column.name)}" for column in plan.columns)
    (rows,) = con.execute(
        f"insert into {target} by name select {select}, "
        f"cast(? as timestamp) as {quote(LOADED_AT)}, cast(? as varchar) as {quote(SOURCE_FILE)} "
        f"from {quote(STAGE)}",
        [loaded_at, source_file],
    ).fetchone() or (0,)
    return rows - replaced, replaced
