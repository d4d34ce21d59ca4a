"""The one ``DbtProject`` is built on first use and cached: importing the CLI, the steps or the
project module itself runs no ``dbt parse``; the Dagster definitions build it once."""

from __future__ import annotations

import subprocess
import sys

from leadfunnel.paths import PROJECT_DIR


def test_importing_the_cli_and_the_steps_builds_no_dbt_project():
    code = (
        "import leadfunnel.cli, leadfunnel.steps, leadfunnel.dagster_defs.dbt_project as p; "
        "print(p.dbt_project.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_the_definitions_build_the_project_once():
    from leadfunnel.dagster_defs.dbt_project import dbt_project, manifest
    from leadfunnel.definitions import defs

    assert defs.resolve_asset_graph()  # the definitions loaded with the project ...
    assert dbt_project.cache_info().currsize == 1  # ... built once
    assert dbt_project() is dbt_project()
    assert manifest() is manifest()
