"""The load ledger ``leadfunnel_meta.load_ledger``: one row per attempt to land a file.

Columns: ``file_path`` (absolute, where the file was when loaded), ``file_name``,
``table_name`` (``schema.table``; NULL when the file maps to no table), ``sha256`` (of the
file's bytes), ``rows``, ``inserted``, ``replaced``, ``loaded_at`` (UTC), ``status``
(loaded / skipped / rejected / ignored) and ``message``. A file whose hash already has a
``loaded`` row for the same table is skipped; a file outside the contract is recorded as
``ignored`` once per path and content.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from leadfunnel.landing.results import FileResult

SCHEMA = "leadfunnel_meta"
LEDGER = f'"{SCHEMA}"."load_ledger"'
_COLUMNS = (
    "file_path varchar not null, file_name varchar not null, table_name varchar, "
    'sha256 varchar not null, "rows" bigint not null, inserted bigint not null, '
    "replaced bigint not null, loaded_at timestamp not null, status varchar not null, "
    "message varchar"
)


def ensure_ledger(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ledger schema and table if needed."""
    con.execute(f'create schema if not exists "{SCHEMA}"')
    con.execute(f"create table if not exists {LEDGER} ({_COLUMNS})")


def previous_load(
    con: duckdb.DuckDBPyConnection, sha256: str, table: str
) -> tuple[str, datetime, int] | None:
    """(file path, loaded_at, rows) of the first successful load of this content into table."""
    return con.execute(
        f'select file_path, loaded_at, "rows" from {LEDGER} '
        "where sha256 = ? and table_name = ? and status = 'loaded' order by loaded_at limit 1",
        [sha256, table],
    ).fetchone()


def previously_ignored(con: duckdb.DuckDBPyConnection, path: str, sha256: str) -> bool:
    """Whether this file (path and content) is already recorded as ignored."""
    row = con.execute(
        f"select 1 from {LEDGER} where file_path = ? and sha256 = ? and status = 'ignored' limit 1",
        [path, sha256],
    ).fetchone()
    return row is not None


def record(con: duckdb.DuckDBPyConnection, result: FileResult, loaded_at: datetime) -> None:
    """Append the attempt ``result`` to the ledger (in the caller's transaction, if any)."""
    con.execute(
        f"insert into {LEDGER} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            str(result.path.resolve()),
            result.path.name,
            result.table,
            result.sha256,
            result.rows,
            result.inserted,
            result.replaced,
            loaded_at,
            result.status,
            result.message,
        ],
    )
