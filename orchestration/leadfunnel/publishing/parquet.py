"""The optional Parquet export: every table of the published copy as
``$LEADFUNNEL_HOME/export/<table>.parquet``, each file replaced atomically.

It runs after ``serve.duckdb`` is published and reads the published copy (never
``build.duckdb``); files of tables the copy no longer has are removed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import duckdb

from leadfunnel.paths import Home
from leadfunnel.publishing.personal import select_list
from leadfunnel.warehouse import DUCKDB_CONFIG, quote_identifier, quote_literal

EXPORT_DIR = "export"


def export_dir(home: Home) -> Path:
    """Where the optional Parquet export goes: ``$LEADFUNNEL_HOME/export``."""
    return home.root / EXPORT_DIR


def temporaries(folder: Path) -> list[Path]:
    """Temporary files a crashed export left in ``folder``."""
    return list(folder.glob(".*.parquet.*.tmp"))


def export_tables(
    published: Path,
    folder: Path,
    tables: Sequence[tuple[str, str]],
    personal_data: str = "pseudonymized",
) -> tuple[Path, ...]:
    """Export ``tables`` ((schema, table) pairs) of the DuckDB file ``published`` to
    ``folder/<table>.parquet``; remove the other Parquet files in ``folder``. Personal data
    is pseudonymized by default (``publishing.personal``): exports travel further than the
    published file."""
    folder.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(published), read_only=True, config=dict(DUCKDB_CONFIG))
    written: list[Path] = []
    try:
        for schema, table in sorted(tables):
            path = folder / f"{table}.parquet"
            tmp = folder / f".{table}.parquet.{os.getpid()}.tmp"
            relation = f"{quote_identifier(schema)}.{quote_identifier(table)}"
            columns = select_list(con, relation, table, personal_data)
            con.execute(
                f"copy (select {columns} from {relation}) "
                f"to {quote_literal(str(tmp))} (format parquet, compression zstd)"
            )
            os.replace(tmp, path)
            written.append(path)
    finally:
        con.close()
    keep = {p.name for p in written}
    for stale in folder.glob("*.parquet"):
        if stale.name not in keep:
            stale.unlink(missing_ok=True)
    return tuple(written)
