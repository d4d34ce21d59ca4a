"""What a landed warehouse holds, checked before dbt models it.

`leadfunnel build` models whatever raw schemas ``build.duckdb`` holds, whether
`leadfunnel load` or a connector (Fivetran, Airbyte, dlt) put them there. Before dbt runs we
check that the contract's tables exist: a missing required table (the lead tables, see
``leadfunnel.contract``) stops the build with a sentence that says what to do; a missing
optional one is passed to dbt as its ``<source>__<table>_enabled`` var set to false, for the
sources and models that can be switched off.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from leadfunnel.contract import ALL_TABLES, SOURCES

DEFAULT_SCHEMAS: dict[str, str] = {source: source for source in SOURCES}
DUCKDB_CONFIG: dict[str, object] = {"autoinstall_known_extensions": False}


class WarehouseError(RuntimeError):
    """The warehouse is not in a state the next step can work with."""


@dataclass(frozen=True)
class RawInventory:
    """Which contract tables the warehouse has, and the dbt vars that follow."""

    present: tuple[str, ...]
    missing_required: tuple[str, ...]
    missing_optional: tuple[str, ...]

    def dbt_vars(self, schemas: Mapping[str, str]) -> dict[str, object]:
        out: dict[str, object] = {f"{source}_schema": schema for source, schema in schemas.items()}
        for qualified in self.missing_optional:
            source, name = qualified.split(".")
            out[f"{source}__{name}_enabled"] = False
        return out


def quote_identifier(identifier: str) -> str:
    """``identifier`` as a double-quoted SQL identifier."""
    return '"' + identifier.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """``text`` as a single-quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


# How people's read paths open a published copy (`leadfunnel sql`, reports, alerts): read-only,
# no file system access beyond the database file itself (no COPY TO, EXPORT, read_csv of local
# files, ATTACH, extension installs), and the configuration locked so a query cannot undo it.
READER_CONFIG: dict[str, object] = {
    **DUCKDB_CONFIG,
    "enable_external_access": False,
    "lock_configuration": True,
    "TimeZone": "UTC",
}


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to a published copy (serve.duckdb) for people: it can read the copy's
    tables and nothing else, and write nothing anywhere. DuckDB shares one database per file
    within a process, so every reader of a published copy in one process opens it through
    this function (a second configuration for the same file is refused); other processes
    (BI tools, notebooks) are not affected."""
    return duckdb.connect(str(path), read_only=True, config=dict(READER_CONFIG))


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that never downloads extensions and works in UTC."""
    con = duckdb.connect(str(path), read_only=read_only, config=dict(DUCKDB_CONFIG))
    con.execute("set TimeZone = 'UTC'")
    return con


def inventory(db_path: Path, schemas: Mapping[str, str] | None = None) -> RawInventory:
    """The contract tables present in ``db_path`` (under the given source -> schema names)."""
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    if not db_path.exists():
        raise WarehouseError(
            f"there is no warehouse at {db_path} yet: land extracts first "
            "(leadfunnel load DIR) or set LEADFUNNEL_HOME to the folder that holds build.duckdb"
        )
    con = connect(db_path, read_only=True)
    try:
        rows = con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
    finally:
        con.close()
    existing = {(schema.lower(), name.lower()) for schema, name in rows}
    present, missing_required, missing_optional = [], [], []
    for table in ALL_TABLES:
        schema = schemas[table.source]
        if (schema.lower(), table.name) in existing:
            present.append(table.qualified_name)
        elif table.optional_table:
            missing_optional.append(table.qualified_name)
        else:
            missing_required.append(table.qualified_name)
    return RawInventory(tuple(present), tuple(missing_required), tuple(missing_optional))


def raw_schemas(
    given: Mapping[str, str | None] | None = None, env: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Each source's raw schema in build.duckdb: the option given (CLI ``--<source>-schema``,
    the Dagster resource's field), else ``$LEADFUNNEL_<SOURCE>_SCHEMA``, else the source's own
    name (where `leadfunnel load` lands). A connector that writes ``ft_salesforce`` is used with
    ``LEADFUNNEL_SALESFORCE_SCHEMA=ft_salesforce``."""
    environ = os.environ if env is None else env
    chosen = dict(given or {})
    return {
        source: (chosen.get(source) or environ.get(f"LEADFUNNEL_{source.upper()}_SCHEMA") or source)
        for source in SOURCES
    }
