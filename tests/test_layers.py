"""The dbt project's layers run one way, over the manifest dbt writes (`dbt parse`).

landing (sources) -> staging -> conformed -> core intermediate -> marts; seeds feed the
conformed layer and everything after it. A model may read its own layer (except staging,
one model per source table) and the layer right before it; nothing reads backwards or skips a
layer, and no macro hides a ref. Every source's conformed model of a shape has the shape's
columns and types.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from leadfunnel.paths import PROJECT_DIR

pytestmark = pytest.mark.dbt

# child layer -> the layers its parents may be in
ALLOWED_PARENTS = {
    "staging": {"source"},
    "conformed": {"staging", "conformed", "seed"},
    "intermediate": {"conformed", "intermediate", "seed"},
    "marts": {"intermediate", "marts", "seed"},
}
# the one macro that refs models: the conformed layer's documented union of enabled sources
MACROS_THAT_MAY_REF = {"conformed.sql"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("parse")
    env = {
        **os.environ,
        "LEADFUNNEL_BUILD_DB": str(target / "parse.duckdb"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
    }
    dbt = Path(sys.executable).with_name("dbt")
    subprocess.run(
        [str(dbt), "parse", "--quiet", "--project-dir", str(PROJECT_DIR), "--profiles-dir",
         str(PROJECT_DIR), "--target-path", str(target)],
        check=True,
        env=env,
        cwd=PROJECT_DIR,
    )  # fmt: skip
    return json.loads((target / "manifest.json").read_text(encoding="utf-8"))


def layer(manifest: dict, unique_id: str) -> str:
    kind = unique_id.split(".")[0]
    if kind in ("source", "seed"):
        return kind
    node = manifest["nodes"][unique_id]
    return Path(node["original_file_path"]).parts[1]  # models/<layer>/...


def models(manifest: dict) -> dict[str, dict]:
    return {u: n for u, n in manifest["nodes"].items() if n["resource_type"] == "model"}


def edges(manifest: dict):
    for uid, node in models(manifest).items():
        for parent in node["depends_on"]["nodes"]:
            yield parent, uid


def test_every_model_is_in_a_known_layer(manifest):
    layers = {layer(manifest, uid) for uid in models(manifest)}
    assert layers == set(ALLOWED_PARENTS)


def test_no_edge_runs_backwards_or_skips_a_layer(manifest):
    wrong = sorted(
        f"{layer(manifest, parent)} {parent.split('.')[-1]} -> "
        f"{layer(manifest, child)} {child.split('.')[-1]}"
        for parent, child in edges(manifest)
        if layer(manifest, parent) not in ALLOWED_PARENTS[layer(manifest, child)]
    )
    assert wrong == []


def test_staging_models_read_one_source_table_each(manifest):
    for uid, node in models(manifest).items():
        if layer(manifest, uid) == "staging":
            assert len(node["depends_on"]["nodes"]) == 1, uid


def test_the_core_reads_only_the_union_of_each_conformed_shape(manifest):
    """Intermediate models read cnf_<shape> (every enabled source), never one source's model,
    and name no source system: adding a source changes nothing in the core."""
    for uid, node in models(manifest).items():
        if layer(manifest, uid) != "intermediate":
            continue
        for parent in node["depends_on"]["nodes"]:
            if layer(manifest, parent) == "conformed":
                assert "__" not in parent.split(".")[-1], f"{uid} reads {parent}"
        code = re.sub(r"\{#.*?#\}", "", node["raw_code"], flags=re.S).lower()
        assert not re.search(r"salesforce|marketo|hubspot|pardot", code), uid


def test_every_source_model_of_a_shape_has_the_shapes_columns(manifest):
    nodes = models(manifest)
    by_name = {n["name"]: n for n in nodes.values()}
    conformed = [n for n in nodes.values() if layer(manifest, n["unique_id"]) == "conformed"]
    shapes = {n["name"][4:] for n in conformed if "__" not in n["name"]}
    assert {"person_records", "stage_evidence", "sales_touches", "opportunities"} <= shapes
    for node in conformed:
        assert node["config"]["contract"]["enforced"], node["name"]
        if "__" not in node["name"]:
            continue
        shape = node["name"].split("__", 1)[1]
        union = by_name[f"cnf_{shape}"]
        assert [(c["name"], c["data_type"]) for c in node["columns"].values()] == [
            (c["name"], c["data_type"]) for c in union["columns"].values()
        ], node["name"]
        assert node["unique_id"] in union["depends_on"]["nodes"], node["name"]


def test_no_macro_hides_a_ref():
    for path in sorted((PROJECT_DIR / "macros").glob("*.sql")):
        if path.name not in MACROS_THAT_MAY_REF:
            code = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
            assert "ref(" not in code, path.name
