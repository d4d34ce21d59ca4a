"""The one ``DbtProject`` of leadfunnel, and keeping its manifest current.

:func:`dbt_project` builds it once per process, on first use (the dbt assets of the Dagster
definitions), so importing a module that merely needs paths (the CLI, the steps) never runs
dbt. The manifest lives in ``target/dagster`` (apart from the CLI's ``target/``, so a CLI build
and a definitions load never write the same file) and is re-parsed (``dbt parse``, a few
seconds with partial parsing) when it is missing or older than any file of the project, so a
new model shows up without a manual step.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from leadfunnel.dbt_runner import dbt_env, dbt_executable
from leadfunnel.paths import PROJECT_DIR, home

PROJECT_FILES = ("dbt_project.yml", "profiles.yml")
PROJECT_FOLDERS = ("models", "seeds", "macros", "tests/dbt")


def ensure_manifest(project: DbtProject) -> None:
    """`dbt parse` (this environment's dbt, no telemetry) when the manifest is stale."""
    if not manifest_is_stale(project):
        return
    with environment(dbt_env(home(), base={})):
        DbtCliResource(project_dir=project, dbt_executable=dbt_executable()).cli(
            ["parse", "--quiet"], target_path=project.target_path
        ).wait()


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set environment variables for the block (dagster-dbt hands os.environ to dbt)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def manifest_is_stale(project: DbtProject) -> bool:
    """Whether the manifest is missing or older than a file of the dbt project."""
    manifest = project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    paths = [PROJECT_DIR / name for name in PROJECT_FILES]
    for folder in PROJECT_FOLDERS:
        root = PROJECT_DIR / folder
        if root.is_dir():
            paths += [p for p in root.rglob("*") if p.is_file()]
    return any(p.exists() and p.stat().st_mtime > built for p in paths)


@functools.cache
def dbt_project() -> DbtProject:
    """The project (built once per process), its manifest parsed if stale."""
    project = DbtProject(
        project_dir=PROJECT_DIR,
        profiles_dir=PROJECT_DIR,
        target_path=Path("target", "dagster"),
    )
    ensure_manifest(project)
    return project


@functools.cache
def manifest() -> dict:
    """The parsed dbt manifest Dagster builds its assets from (read once per process)."""
    return json.loads(dbt_project().manifest_path.read_text(encoding="utf-8"))
