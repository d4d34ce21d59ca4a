"""The quality gate: Great Expectations 1.x suites on the landed raw tables.

    from leadfunnel.quality import validate
    report = validate(home, as_of)          # caller holds the build lock
    report.passed, report.blocking, report.warnings, report.docs

Rules: ``leadfunnel.quality.rules``; frames read from DuckDB: ``frames``; the GX suites:
``suites``; running them and the Data Docs: ``runner``. Great Expectations is imported only
when a validation runs (it is slow to import and not needed to read a saved report).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from leadfunnel.paths import Home
from leadfunnel.quality.results import BLOCKING, WARNING, Outcome, QualityReport

__all__ = [
    "BLOCKING",
    "WARNING",
    "Outcome",
    "QualityReport",
    "latest_report",
    "latest_report_path",
    "quality_dir",
    "validate",
]


def quality_dir(home: Home) -> Path:
    """Where the quality gate keeps its results: ``$LEADFUNNEL_HOME/quality``."""
    return home.root / "quality"


def latest_report_path(home: Home) -> Path:
    return quality_dir(home) / "latest.json"


def latest_report(home: Home) -> QualityReport | None:
    """The report of the last quality-gate run (None if it never ran)."""
    return QualityReport.load(latest_report_path(home))


def validate(
    home: Home,
    as_of: datetime,
    *,
    schemas: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> QualityReport:
    """Validate the raw tables of ``home``'s build.duckdb at ``as_of`` (see ``runner``)."""
    from leadfunnel.quality.runner import validate as run

    return run(home, as_of, schemas=schemas, progress=progress)
