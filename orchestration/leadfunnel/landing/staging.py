"""Stage a file into a temp table and check it: castable values, present and unique ids.

The staging table keeps the file's rows in file order (``preserve_insertion_order``), so a
row's position is its ``rowid`` minus the first one (rows written inside a transaction get
rowids from a large base, not from 0); messages name 1-based data rows (a caller that numbers
rows otherwise, like Excel's sheet rows, passes a correspondingly lower ``first_rowid``).

Ids are unique among a file's current rows: rows a connector marks deleted
(``_fivetran_deleted``, ``is_deleted``) or as earlier versions (``_fivetran_active`` false,
Fivetran's history mode) may repeat an id.
"""

from __future__ import annotations

import duckdb

from leadfunnel.contract import ACTIVE, DELETED, IS_DELETED, active_row
from leadfunnel.landing import casts
from leadfunnel.landing.casts import quote
from leadfunnel.landing.columns import Column, ColumnPlan
from leadfunnel.landing.errors import LandingError
from leadfunnel.landing.readers import SourceColumn, explain_read_error

STAGE = "_lf_stage"
SHOWN_VALUE_CHARS = 80
SHOWN_DUPLICATE_ROWS = 5


def stage(
    con: duckdb.DuckDBPyConnection,
    reader: str,
    columns: list[SourceColumn],
    file_format: str,
    label: str,
) -> int:
    """Read the file into the temp table STAGE (empty text -> NULL); return its first rowid.

    DuckDB's reader errors (malformed CSV or JSON) become LandingError sentences.
    """
    select = ", ".join(
        f"nullif({quote(c.read_name)}, '') as {quote(c.name)}"
        if casts.is_text(c.type)
        else f"{quote(c.read_name)} as {quote(c.name)}"
        for c in columns
    )
    con.execute(f"drop table if exists {quote(STAGE)}")
    try:
        con.execute(f"create temp table {quote(STAGE)} as select {select} from {reader}")
    except duckdb.Error as error:
        raise LandingError(explain_read_error(error, file_format, label)) from None
    (first,) = con.execute(f"select coalesce(min(rowid), 0) from {quote(STAGE)}").fetchone() or (0,)
    return first


def typed(column: Column) -> str:
    """SQL for ``column`` of the staging table cast to the type it lands as."""
    return casts.typed(column.name, column.source_type, column.target_type)


def check_values(
    con: duckdb.DuckDBPyConnection, plan: ColumnPlan, label: str, first_rowid: int
) -> int:
    """Count the staged rows; LandingError naming the first empty id or uncastable value."""
    key = plan.key
    checked = [c for c in plan.columns if casts.can_fail(c.source_type, c.target_type)]
    aggregates = [
        "count(*)",
        f"min(rowid) filter (where not ({casts.present(key.name, key.source_type)}))",
    ]
    for column in checked:
        bad = f"{casts.present(column.name, column.source_type)} and {typed(column)} is null"
        aggregates += [f"min(rowid) filter (where {bad})", f"count(*) filter (where {bad})"]
    row = con.execute(f"select {', '.join(aggregates)} from {quote(STAGE)}").fetchone()
    assert row is not None
    rows, empty_key, found = row[0], row[1], row[2:]
    if empty_key is not None:
        raise LandingError(
            f"{label}: row {empty_key - first_rowid + 1}, column {key.shown or key.name}: "
            f"the {key.name} is empty; every row needs one"
        )
    failures = [
        (first, count, column)
        for column, first, count in zip(checked, found[0::2], found[1::2], strict=True)
        if first is not None
    ]
    if failures:
        first, _, column = min(failures, key=lambda failure: failure[0])
        total = sum(count for _, count, _ in failures)
        raise LandingError(_bad_value_message(con, label, column, first, first_rowid, total))
    return rows


def _bad_value_message(
    con: duckdb.DuckDBPyConnection,
    label: str,
    column: Column,
    rowid: int,
    first_rowid: int,
    total: int,
) -> str:
    (value,) = con.execute(
        f"select cast({quote(column.name)} as varchar) from {quote(STAGE)} where rowid = ?",
        [rowid],
    ).fetchone() or (None,)
    shown = value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "..."
    more = f" ({total - 1:,} more bad value(s) in the file)" if total > 1 else ""
    description = casts.DESCRIPTIONS.get(column.target_type.upper(), column.target_type)
    row = rowid - first_rowid + 1
    where = column.shown or column.name
    return f"{label}: row {row}, column {where}: {shown!r} is not {description}{more}"


def check_unique_ids(
    con: duckdb.DuckDBPyConnection, plan: ColumnPlan, label: str, first_rowid: int
) -> None:
    """LandingError naming the first id that appears more than once among current rows."""
    key_sql = typed(plan.key)
    flags = {
        name: typed(column)
        for name in (DELETED, IS_DELETED, ACTIVE)
        if (column := plan.present(name)) is not None
    }
    current = active_row(flags) or "true"
    duplicate = con.execute(
        f"select key, n, count(*) over () from ("
        f"select {key_sql} as key, count(*) as n, min(rowid) as first from {quote(STAGE)} "
        f"where {current} group by all having count(*) > 1) order by first limit 1"
    ).fetchone()
    if duplicate is None:
        return
    key, count, duplicated_ids = duplicate
    rows = [
        rowid - first_rowid + 1
        for (rowid,) in con.execute(
            f"select rowid from {quote(STAGE)} where {key_sql} = ? and {current} "
            "order by rowid limit ?",
            [key, SHOWN_DUPLICATE_ROWS],
        ).fetchall()
    ]
    shown = ", ".join(str(row) for row in rows) + (", ..." if count > len(rows) else "")
    more = f"; {duplicated_ids - 1:,} more id(s) are duplicated" if duplicated_ids > 1 else ""
    among = " among its current rows (not deleted, active version)" if flags else ""
    raise LandingError(
        f"{label}: {plan.key.name} {str(key)!r} appears {count} times (rows {shown}); "
        f"ids must be unique within a file{among}{more}"
    )


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the staging table."""
    con.execute(f"drop table if exists {quote(STAGE)}")
