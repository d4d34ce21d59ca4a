"""The published warehouse: ``serve.duckdb`` (write, audit, publish;
``leadfunnel.publishing.serve``).

The asset depends on every mart, so a run that builds them publishes after them; the same gate
as `leadfunnel publish` refuses when the last quality check or dbt build did not pass, and the
previous copy then stays as it was.
"""

import duckdb
from dagster import (
    AssetCheckResult,
    AssetExecutionContext,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)

from leadfunnel import steps
from leadfunnel.dagster_defs.dbt import mart_keys
from leadfunnel.dagster_defs.dbt_project import manifest
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.locking import BUILD_POOL
from leadfunnel.publishing.gate import PublishBlocked
from leadfunnel.publishing.serve import META_TABLE, STORAGE_VERSION, serve_path
from leadfunnel.warehouse import DUCKDB_CONFIG


@asset(
    name="published_warehouse",
    group_name="serving",
    deps=mart_keys(manifest()),
    pool=BUILD_POOL,
    kinds={"duckdb"},
    description=(
        "$LEADFUNNEL_HOME/serve.duckdb: the marts (schema marts) and a meta table, written "
        f"with storage_compatibility_version {STORAGE_VERSION} and swapped in atomically; "
        "what analysts and BI tools read (read-only)."
    ),
)
def published_warehouse(
    context: AssetExecutionContext, warehouse: WarehouseResource
) -> MaterializeResult:
    home = warehouse.home()
    try:
        result = steps.publish(
            home,
            export_parquet=warehouse.export_parquet,
            schemas=warehouse.schemas(),
            on_wait=context.log.info,
        )
    except PublishBlocked as blocked:
        raise Failure(description=str(blocked)) from None
    for text in result.warnings:
        context.log.warning(text)
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(result.path)),
            "as_of": result.as_of.isoformat() if result.as_of else "",
            "published_at": result.published_at.isoformat(),
            "tables": len(result.tables),
            "rows": MetadataValue.json(result.tables),
            "warnings": len(result.warnings),
            "parquet_files": len(result.exported),
        }
    )


@asset_check(
    asset=published_warehouse,
    name="readable_by_duckdb_1x",
    description=(
        f"serve.duckdb opens read-only, carries storage version {STORAGE_VERSION} (DuckDB 1.x "
        "readers and BI drivers) and has its meta table."
    ),
)
def readable_by_duckdb_1x(warehouse: WarehouseResource) -> AssetCheckResult:
    path = serve_path(warehouse.home())
    con = duckdb.connect(str(path), read_only=True, config=dict(DUCKDB_CONFIG))
    try:
        (tags,) = con.execute(
            "select tags from duckdb_databases() where database_name = current_database()"
        ).fetchone()
        (marts,) = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'marts'"
        ).fetchone()
        (meta_rows,) = con.execute(f"select count(*) from {META_TABLE}").fetchone()
    finally:
        con.close()
    version = (tags or {}).get("storage_version", "")
    return AssetCheckResult(
        passed=version.startswith(STORAGE_VERSION) and marts > 0 and meta_rows > 0,
        metadata={"storage_version": version, "marts": marts, "meta_rows": meta_rows},
    )
