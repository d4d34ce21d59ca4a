"""Fingerprints of tables: one hash of all rows, one per column, to prove what changed.

A refactoring that should move nothing, a selected refresh that should leave some marts as they
were: build, fingerprint, compare. The row hash is over the rows sorted as text; a column's hash
is over its values sorted, so a changed column is named even when the row order moves. Doubles
are rounded to 9 decimals (summation order may change the last bits), so equal means equal to
1e-9. ``scripts/mart_fingerprints.py`` is the command line.
"""

from __future__ import annotations

from pathlib import Path

import duckdb


def _text(column: str, data_type: str) -> str:
    quoted = '"' + column.replace('"', '""') + '"'
    if data_type in ("DOUBLE", "FLOAT", "REAL") or data_type.startswith("DECIMAL"):
        return f"cast(round({quoted}, 9) as varchar)"
    return f"cast({quoted} as varchar)"


def fingerprints(path: Path, schema: str = "marts") -> dict[str, dict]:
    """:func:`table_fingerprints` of every table in ``schema`` of the DuckDB file ``path``."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return table_fingerprints(con, schema)
    finally:
        con.close()


def table_fingerprints(con: duckdb.DuckDBPyConnection, schema: str = "marts") -> dict[str, dict]:
    """table -> {rows, hash, columns: {column: {type, hash}}} for every table of ``schema``."""
    tables = con.execute(
        "select table_name from information_schema.tables where table_schema = ? "
        "order by table_name",
        [schema],
    ).fetchall()
    out: dict[str, dict] = {}
    for (table,) in tables:
        columns = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, table],
        ).fetchall()
        relation = f'"{schema}"."{table}"'
        texts = [f"coalesce({_text(c, t)}, '∅')" for c, t in columns]
        row = "concat_ws('|', " + ", ".join(texts) + ")"
        (rows, row_hash) = con.execute(
            f"select count(*), md5(coalesce(string_agg(r, chr(10) order by r), '')) "
            f"from (select {row} as r from {relation})"
        ).fetchone()
        per_column = {}
        for (column, data_type), text in zip(columns, texts, strict=True):
            (value,) = con.execute(
                f"select md5(coalesce(string_agg(v, chr(10) order by v), '')) "
                f"from (select {text} as v from {relation})"
            ).fetchone()
            per_column[column] = {"type": data_type, "hash": value}
        out[table] = {"rows": rows, "hash": row_hash, "columns": per_column}
    return out


def compare(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """Lines naming every mart and column that differ."""
    lines = []
    for table in sorted(set(before) | set(after)):
        if table not in after:
            lines.append(f"{table}: gone")
            continue
        if table not in before:
            lines.append(f"{table}: new")
            continue
        b, a = before[table], after[table]
        if b["hash"] == a["hash"]:
            continue
        lines.append(f"{table}: rows {b['rows']} -> {a['rows']}")
        for column in b["columns"]:
            if column not in a["columns"]:
                lines.append(f"  {column}: gone")
            elif b["columns"][column]["hash"] != a["columns"][column]["hash"]:
                lines.append(f"  {column}: differs")
        for column in a["columns"]:
            if column not in b["columns"]:
                lines.append(f"  {column}: new")
    return lines
