"""What the reports call things, read from the label marts (never defined here).

Stage, channel and KPI labels, KPI units and number formats, SLA rule names and sentences with
their thresholds, score grades with their boundaries, and the labels of status, decision,
bucket and reason-type codes come from ``dim_funnel_stages``, ``dim_channels``, ``dim_kpis``,
``dim_sla_policies``, ``dim_score_grades`` and ``dim_value_labels`` in the report's language.
A code the marts do not know (a channel added to the CRM before the seed) shows as recorded
instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from leadfunnel.report import queries
from leadfunnel.report.common import records
from leadfunnel.report.i18n import check_lang


@dataclass(frozen=True)
class KpiFormat:
    """How a KPI's values are shown: the mart's number format and unit labels."""

    unit: str  # count, rate, hours
    display_format: str  # Excel / BI number format, e.g. "#,##0", "0.0%", "#,##0.0"
    unit_label: str = ""  # after a value ("時間", "h"; "" for none)
    change_label: str = ""  # after a month-over-month change ("pt" for rates)


@dataclass(frozen=True)
class Kpi:
    code: str
    label: str
    format: KpiFormat
    direction: str
    target_min: float | None
    target_max: float | None
    description: str


@dataclass(frozen=True)
class Stage:
    code: str
    order: int
    label: str
    is_success_path: bool
    is_in_profile: bool


@dataclass(frozen=True)
class SlaRule:
    rule: str
    order: int
    label: str
    threshold: float | None
    unit: str
    description: str


@dataclass(frozen=True)
class Grade:
    grade: str  # A-D or 1-4, as in score_grade
    order: int  # 1 = best
    lower_bound: float | None  # inclusive; None for the lowest grade
    upper_bound: float | None
    mql_threshold: float
    is_mql_qualified: bool  # every score of the grade meets the MQL threshold
    label: str  # the grade with its range, e.g. "A (≧45)"


@dataclass(frozen=True)
class Scale:
    """One score's grades (fit grades or engagement bands), best first."""

    label: str  # "Fit grade", "Engagement band"
    grades: list[Grade]

    @property
    def codes(self) -> list[str]:
        return [g.grade for g in self.grades]

    @property
    def mql_threshold(self) -> float | None:
        return self.grades[0].mql_threshold if self.grades else None

    @property
    def qualified(self) -> list[str]:
        return [g.grade for g in self.grades if g.is_mql_qualified]


@dataclass
class Vocabulary:
    lang: str
    stages: list[Stage] = field(default_factory=list)  # in stage order
    channels: dict[str, str] = field(default_factory=dict)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    rules: dict[str, SlaRule] = field(default_factory=dict)  # in the order they apply
    fit: Scale = field(default_factory=lambda: Scale("", []))
    engagement: Scale = field(default_factory=lambda: Scale("", []))
    values: dict[tuple[str, str], str] = field(default_factory=dict)  # (domain, code) -> label

    def value(self, domain: str, code: str | None, missing: str = "—") -> str:
        """The label of a status, decision, bucket or reason-type code (``missing`` for None)."""
        if code is None:
            return missing
        return self.values.get((domain, code), code)

    def stage(self, code: str | None) -> str:
        found = next((s for s in self.stages if s.code == code), None)
        return found.label if found else (code or "")

    def stage_order(self) -> list[str]:
        return [s.code for s in self.stages]

    def channel(self, code: str | None) -> str:
        return self.channels.get(code or "", code or "")

    def rule(self, code: str | None) -> str:
        found = self.rules.get(code or "")
        return found.label if found else (code or "")

    def kpi_label(self, code: str) -> str:
        found = self.kpis.get(code)
        return found.label if found else code

    def kpi_format(self, code: str) -> KpiFormat:
        """The KPI's format; a KPI the mart does not know shows as a plain number."""
        found = self.kpis.get(code)
        return found.format if found else KpiFormat("count", "#,##0.##")


def load(con: duckdb.DuckDBPyConnection, lang: str) -> Vocabulary:
    """Every label the reports print, from the label marts, in ``lang``."""
    lang = check_lang(lang)
    vocabulary = Vocabulary(lang)
    vocabulary.stages = [
        Stage(
            r["stage"],
            int(r["stage_order"]),
            r["label"] or r["stage"],
            bool(r["is_success_path"]),
            bool(r["is_in_profile"]),
        )
        for r in records(queries.stage_labels(con, lang))
    ]
    vocabulary.channels = {
        r["channel"]: r["label"] or r["channel"] for r in records(queries.channel_labels(con, lang))
    }
    vocabulary.kpis = {
        r["kpi_code"]: Kpi(
            r["kpi_code"],
            r["label"] or r["kpi_code"],
            KpiFormat(r["unit"], r["display_format"], r["unit_label"], r["change_label"]),
            r["direction"],
            r["target_min"],
            r["target_max"],
            r["description"] or "",
        )
        for r in records(queries.kpi_labels(con, lang))
    }
    vocabulary.rules = {
        r["rule"]: SlaRule(
            r["rule"],
            int(r["rule_order"] or 0),
            r["label"] or r["rule"],
            r["threshold"],
            r["unit"],
            r["description"] or "",
        )
        for r in records(queries.sla_rules(con, lang))
    }
    vocabulary.values = {
        (r["domain"], r["code"]): r["label"] or r["code"]
        for r in records(queries.value_labels(con, lang))
    }
    grades = records(queries.score_grades(con, lang))
    for score_type in ("fit", "engagement"):
        rows = [r for r in grades if r["score_type"] == score_type]
        scale = Scale(
            rows[0]["score_label"] if rows else score_type,
            [
                Grade(
                    r["grade"],
                    int(r["grade_order"]),
                    r["lower_bound"],
                    r["upper_bound"],
                    r["mql_threshold"],
                    bool(r["is_mql_qualified"]),
                    r["label"],
                )
                for r in rows
            ],
        )
        setattr(vocabulary, score_type, scale)
    return vocabulary
