"""The Dagster instance for `make dev`: ``$DAGSTER_HOME/dagster.yaml``.

- telemetry off;
- concurrency pools with run granularity and a default limit of one: a run containing any op of
  the pool ``leadfunnel_build_duckdb`` waits in the queue while another such run is in progress,
  so runs that write ``build.duckdb`` never overlap (the file lock covers the CLI).

    python -m leadfunnel.dagster_defs.instance DAGSTER_HOME
"""

from __future__ import annotations

import sys
from pathlib import Path

DAGSTER_YAML = """\
# Written by `make dev` (leadfunnel.dagster_defs.instance); edits are kept.
telemetry:
  enabled: false
concurrency:
  pools:
    granularity: run
    default_limit: 1
"""


def ensure_dagster_home(path: Path) -> Path:
    """Create ``path`` with leadfunnel's dagster.yaml unless one is already there."""
    path.mkdir(parents=True, exist_ok=True)
    config = path / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return config


if __name__ == "__main__":  # pragma: no cover - used by the Makefile
    print(ensure_dagster_home(Path(sys.argv[1]).expanduser().resolve()))
