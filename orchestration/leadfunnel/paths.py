"""Where leadfunnel keeps its files.

Everything lives under ``$LEADFUNNEL_HOME`` (default: ``warehouse/`` in the repository):

- ``build.duckdb``: the database the pipeline lands into and dbt builds; only the pipeline
  writes it, and readers never open it;
- ``landing/``: extract files waiting to be loaded;
- ``quarantine/``: rejected files, each with a ``.reason.txt`` beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository root: the dbt project (dbt_project.yml, profiles.yml, seeds/) sits here.
PROJECT_DIR = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_DIR / "seeds"


@dataclass(frozen=True)
class Home:
    """The folders and files under one ``LEADFUNNEL_HOME``."""

    root: Path

    @property
    def build_db(self) -> Path:
        return self.root / "build.duckdb"

    @property
    def landing(self) -> Path:
        return self.root / "landing"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def lock_file(self) -> Path:
        return self.root / ".build.lock"

    def ensure(self) -> Home:
        for folder in (self.root, self.landing, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def home(root: str | os.PathLike[str] | None = None) -> Home:
    """The leadfunnel home: ``root`` if given, else ``$LEADFUNNEL_HOME``, else ``warehouse/``."""
    chosen = root or os.environ.get("LEADFUNNEL_HOME") or PROJECT_DIR / "warehouse"
    return Home(Path(chosen).expanduser().resolve())
