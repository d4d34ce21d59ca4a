"""`leadfunnel build`: model the landed warehouse with dbt, reproducibly at ``as_of``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from leadfunnel.clock import as_of_or_now
from leadfunnel.dbt_runner import dbt_args, run_dbt
from leadfunnel.paths import Home
from leadfunnel.warehouse import DEFAULT_SCHEMAS, WarehouseError, inventory


def build(
    home: Home,
    as_of: datetime | None = None,
    *,
    select: Sequence[str] = (),
    schemas: Mapping[str, str] | None = None,
    on_line: Callable[[str], None] | None = None,
) -> datetime:
    """Run `dbt build` on ``home``'s build.duckdb at ``as_of`` (default: now); return as_of."""
    schemas = dict(DEFAULT_SCHEMAS | dict(schemas or {}))
    raw = inventory(home.build_db, schemas)
    if raw.missing_required:
        missing = ", ".join(raw.missing_required)
        raise WarehouseError(
            f"{home.build_db} has no {missing}: land those extracts (leadfunnel load DIR) or "
            "name your connector's schemas (--salesforce-schema / --marketo-schema, or "
            "LEADFUNNEL_SALESFORCE_SCHEMA / LEADFUNNEL_MARKETO_SCHEMA)"
        )
    moment = as_of_or_now(as_of)
    args = dbt_args("build", as_of=moment, select=select, extra_vars=raw.dbt_vars(schemas))
    run_dbt(args, home, on_line=on_line)
    return moment
