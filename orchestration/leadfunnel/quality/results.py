"""What a quality-gate run found: one ``Outcome`` per expectation, gathered in a report.

Plain data (no Great Expectations import), so the CLI, Dagster checks and the publish audit can
read it; it is saved as ``$LEADFUNNEL_HOME/quality/latest.json`` next to the Data Docs.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

BLOCKING = "critical"
WARNING = "warning"


@dataclass(frozen=True)
class Outcome:
    """One expectation on one table: did it hold, and on how many rows did it not."""

    table: str  # schema.table
    expectation: str  # e.g. expect_column_values_to_not_be_null
    column: str | None
    severity: str  # critical (blocks the publish) | warning | info
    success: bool
    unexpected_count: int = 0
    element_count: int = 0
    unexpected_percent: float = 0.0
    examples: tuple[str, ...] = ()
    rule: str = ""  # what the rule means, in words

    @property
    def source(self) -> str:
        return self.table.split(".")[0]

    @property
    def blocking(self) -> bool:
        return not self.success and self.severity == BLOCKING

    @property
    def warning(self) -> bool:
        return not self.success and self.severity != BLOCKING

    def describe(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        share = f" ({self.unexpected_percent:.1f} %)" if self.element_count else ""
        examples = f", e.g. {', '.join(self.examples[:3])}" if self.examples else ""
        rule = self.rule or self.expectation
        return f"{where}: {rule}: {self.unexpected_count:,} rows{share}{examples}"


@dataclass
class QualityReport:
    """The outcomes of one quality-gate run over the raw tables."""

    as_of: datetime
    checked_at: datetime
    outcomes: list[Outcome] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # tables validated
    skipped: list[str] = field(default_factory=list)  # rules that could not apply, in words
    docs: str = ""  # Data Docs index.html
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows validated

    @property
    def blocking(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.blocking]

    @property
    def warnings(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.warning]

    @property
    def passed(self) -> bool:
        """No blocking failure (warnings do not block)."""
        return not self.blocking

    def for_source(self, source: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.source == source]

    def summary(self) -> str:
        verdict = "passed" if self.passed else "BLOCKED"
        return (
            f"quality gate {verdict}: {len(self.outcomes)} expectations on {len(self.tables)} "
            f"tables, {len(self.blocking)} blocking failure(s), {len(self.warnings)} warning(s)"
        )

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "checked_at": self.checked_at.isoformat(),
            "passed": self.passed,
            "docs": self.docs,
            "tables": self.tables,
            "rows": self.rows,
            "skipped": self.skipped,
            "outcomes": [asdict(o) for o in self.outcomes],
        }

    @classmethod
    def from_json(cls, data: dict) -> QualityReport:
        outcomes = [
            Outcome(**{**o, "examples": tuple(o.get("examples", ()))}) for o in data["outcomes"]
        ]
        return cls(
            as_of=datetime.fromisoformat(data["as_of"]),
            checked_at=datetime.fromisoformat(data["checked_at"]),
            outcomes=outcomes,
            tables=list(data.get("tables", [])),
            skipped=list(data.get("skipped", [])),
            docs=data.get("docs", ""),
            rows=dict(data.get("rows", {})),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> QualityReport | None:
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))
