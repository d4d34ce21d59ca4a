"""Resources, configured from the environment.

- ``warehouse``: where the warehouse lives (``LEADFUNNEL_HOME``, default ``warehouse/`` in the
  repository), whether publishing also exports Parquet (``LEADFUNNEL_EXPORT_PARQUET=1``) and
  the raw schemas (``LEADFUNNEL_SALESFORCE_SCHEMA``, ``LEADFUNNEL_MARKETO_SCHEMA``; default the
  source's name), as the CLI reads them.
- ``dbt``: dbt-core's CLI for the project (the executable of this environment, as
  DEVELOPERS.md asks).
"""

from __future__ import annotations

import os

from dagster import ConfigurableResource
from dagster_dbt import DbtCliResource

from leadfunnel.dagster_defs.dbt_project import dbt_project
from leadfunnel.dbt_runner import dbt_executable
from leadfunnel.paths import Home, home
from leadfunnel.warehouse import raw_schemas


class WarehouseResource(ConfigurableResource):
    """The leadfunnel home the assets work on."""

    root: str | None = None  # None: $LEADFUNNEL_HOME at run time, else warehouse/
    export_parquet: bool = False
    # raw schemas; None: $LEADFUNNEL_<SOURCE>_SCHEMA, else the source's name (raw_schemas)
    salesforce_schema: str | None = None
    marketo_schema: str | None = None

    def home(self) -> Home:
        return home(self.root).ensure()

    def schemas(self) -> dict[str, str]:
        """The raw schema of each source, as the CLI resolves them."""
        return raw_schemas({"salesforce": self.salesforce_schema, "marketo": self.marketo_schema})


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def resources_from_env() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(
            root=os.environ.get("LEADFUNNEL_HOME") or None,
            export_parquet=_flag("LEADFUNNEL_EXPORT_PARQUET"),
        ),
        "dbt": DbtCliResource(project_dir=dbt_project(), dbt_executable=dbt_executable()),
    }
