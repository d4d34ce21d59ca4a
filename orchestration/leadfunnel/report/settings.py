"""Business rules the report needs that live in the dbt project, not in the marts.

The score grade boundaries are dbt vars (``fit_grade_boundaries``, ``engagement_band_boundaries``
in ``dbt_project.yml``). The report reads them from the project file so the scoring review
always uses the same boundaries as ``dim_people.score_grade``; when the project file is not
available (the package installed without the dbt project) the defaults below are used. They
MIRROR the defaults of ``dbt_project.yml``: change both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from leadfunnel.paths import PROJECT_DIR

# Mirrors of the dbt_project.yml defaults (used only when the project file cannot be read).
DEFAULT_FIT_GRADE_BOUNDARIES: tuple[float, float, float] = (45, 30, 15)  # A >= 45, B >= 30, C >= 15
DEFAULT_ENGAGEMENT_BAND_BOUNDARIES: tuple[float, float, float] = (100, 50, 20)  # 1, 2, 3, else 4
DEFAULT_MQL_FIT_THRESHOLD = 30.0
DEFAULT_MQL_ENGAGEMENT_THRESHOLD = 50.0
DEFAULT_TIMEZONE = "Asia/Tokyo"

FIT_GRADES = ("A", "B", "C", "D")
ENGAGEMENT_BANDS = ("1", "2", "3", "4")


@dataclass(frozen=True)
class ScoringRules:
    fit_grade_boundaries: tuple[float, float, float]
    engagement_band_boundaries: tuple[float, float, float]
    mql_fit_threshold: float
    mql_engagement_threshold: float
    timezone: str
    source: str  # "dbt_project.yml" or "defaults"


def _three(value: object, default: tuple[float, float, float]) -> tuple[float, float, float]:
    if isinstance(value, list | tuple) and len(value) == 3:
        try:
            return tuple(float(v) for v in value)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return default
    return default


@cache
def scoring_rules(project_dir: Path = PROJECT_DIR) -> ScoringRules:
    """The grade boundaries and MQL thresholds from ``dbt_project.yml`` (or the defaults)."""
    variables: dict = {}
    source = "defaults"
    path = project_dir / "dbt_project.yml"
    if path.is_file():
        try:
            import yaml

            variables = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("vars") or {}
            source = "dbt_project.yml"
        except Exception:  # an unreadable project file must not stop a report
            variables = {}

    def number(name: str, default: float) -> float:
        try:
            return float(variables.get(name, default))
        except (TypeError, ValueError):
            return default

    return ScoringRules(
        fit_grade_boundaries=_three(
            variables.get("fit_grade_boundaries"), DEFAULT_FIT_GRADE_BOUNDARIES
        ),
        engagement_band_boundaries=_three(
            variables.get("engagement_band_boundaries"), DEFAULT_ENGAGEMENT_BAND_BOUNDARIES
        ),
        mql_fit_threshold=number("mql_fit_threshold", DEFAULT_MQL_FIT_THRESHOLD),
        mql_engagement_threshold=number(
            "mql_engagement_threshold", DEFAULT_MQL_ENGAGEMENT_THRESHOLD
        ),
        timezone=str(variables.get("business_timezone") or DEFAULT_TIMEZONE),
        source=source,
    )
