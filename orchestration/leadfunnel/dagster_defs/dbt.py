"""All dbt models as Dagster assets (``@dbt_assets`` over the one ``DbtProject``).

dbt tests are asset checks (dagster-dbt's default); an error-severity failure fails the step,
so the publish downstream does not run, and a warn-severity one shows as a WARN check. Each
build is recorded in the publish gate exactly like a CLI build
(``leadfunnel.publishing.gate.recorded_build``).

Asset keys: models and seeds by name (``dim_people``); the dbt sources map to the landing asset
of their source system (``landing/salesforce``, ``landing/marketo``). Groups follow the layers:
``seeds``, ``staging``, ``intermediate``, ``marts`` (by model folder).
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from dagster import AssetExecutionContext, AssetKey, AssetSpec
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from leadfunnel.dagster_defs.dbt_project import dbt_project, environment
from leadfunnel.dagster_defs.resources import WarehouseResource
from leadfunnel.dagster_defs.tags import run_as_of
from leadfunnel.dbt_runner import HANDOFF_MODELS, SELECTED_BUILD_TESTS, dbt_args, dbt_env
from leadfunnel.locking import BUILD_POOL, build_lock
from leadfunnel.publishing.gate import recorded_build
from leadfunnel.warehouse import WarehouseError, inventory

LAYERS = ("staging", "conformed", "intermediate", "marts")
HANDOFF_FALLBACK = "path:models/marts"


def landing_key(source: str) -> AssetKey:
    """The asset of one source system's landed extracts."""
    return AssetKey(["landing", source])


class LeadfunnelTranslator(DagsterDbtTranslator):
    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] == "source":
            return spec.replace_attributes(key=landing_key(props["source_name"]))
        return spec

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        layer = fqn[1] if len(fqn) > 2 else ""
        return layer if layer in LAYERS else "marts"


translator = LeadfunnelTranslator(
    settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
)


def dbt_build_args(as_of: datetime, extra_vars: Mapping[str, object]) -> list[str]:
    """`dbt build` arguments for dagster-dbt: the CLI's own (``dbt_args``) minus the project and
    profiles flags, which the ``DbtCliResource`` adds; Dagster adds the selection."""
    args = dbt_args("build", as_of=as_of, extra_vars=extra_vars)
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("--project-dir", "--profiles-dir"):
            skip = True
            continue
        out.append(arg)
    return out


def handoff_selection(manifest: Mapping[str, Any]) -> str:
    """dbt selection for the handoff refresh: what the SLA models need, while they exist.

    ``+fct_mql_handoffs +rpt_open_sla_breaches +rpt_handoffs_weekly`` (each with its upstream);
    before those models exist, every mart (``path:models/marts``) and its upstream, so the
    schedule works from day one and narrows by itself when the models land.
    """
    names = {
        node["name"]
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model"
    }
    present = [f"+{name}" for name in HANDOFF_MODELS if name in names]
    return " ".join(present) if present else f"+{HANDOFF_FALLBACK}"


def mart_keys(manifest: Mapping[str, Any]) -> list[AssetKey]:
    """The asset keys of every model in the marts folder (what the publish copies)."""
    return sorted(
        (
            translator.get_asset_spec(manifest, uid, dbt_project()).key
            for uid, node in manifest.get("nodes", {}).items()
            if node.get("resource_type") == "model" and node.get("fqn", [None, None])[1] == "marts"
        ),
        key=lambda key: key.to_user_string(),
    )


@dbt_assets(
    manifest=dbt_project().manifest_path,
    project=dbt_project(),
    dagster_dbt_translator=translator,
    pool=BUILD_POOL,
)
def leadfunnel_dbt_assets(
    context: AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """`dbt build` of the selected models (and their tests) at the run's as_of."""
    home = warehouse.home()
    as_of = run_as_of(context)
    with build_lock(home, purpose=f"dagster run {context.run.run_id[:8]}: dbt build"):
        schemas = warehouse.schemas()
        raw = inventory(home.build_db, schemas)
        if raw.missing_required:
            raise WarehouseError(
                f"{home.build_db} has no {', '.join(raw.missing_required)}: land those extracts "
                "first (materialize the landing assets or `leadfunnel load DIR`)"
            )
        with recorded_build(home, as_of, full=not context.is_subset, schemas=schemas) as record:
            env = dbt_env(home, base={})
            if context.is_subset:
                # dagster-dbt selects the subset's models; their tests follow by indirect
                # selection, which must be the CLI's (cautious: only tests whose every parent
                # is rebuilt)
                env["DBT_INDIRECT_SELECTION"] = SELECTED_BUILD_TESTS
            with environment(env):
                invocation = dbt.cli(dbt_build_args(as_of, raw.dbt_vars(schemas)), context=context)
            try:
                yield from invocation.stream()
            finally:
                record.run_results = _artifact(invocation, "run_results.json")
                record.manifest = _artifact(invocation, "manifest.json")


def _artifact(invocation, name: str) -> dict | None:
    try:
        return invocation.get_artifact(name)
    except Exception:
        return None
