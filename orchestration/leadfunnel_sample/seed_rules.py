"""The warehouse's business configuration (seeds/), read the way the dbt models read it.

The generator's MA scores people with the same rules the warehouse uses by default: fit from
seeds/scoring/fit_score_rules.csv (via title_levels and prefecture_regions), engagement from
seeds/scoring/engagement_score_rules.csv after classifying each activity with
seeds/lookups/activity_patterns.csv. Patterns are SQL LIKE patterns; they are matched here on
the small vocabularies of page URLs, form names and program statuses, never per activity.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from leadfunnel.paths import SEEDS_DIR


def read_seed(relative: str, seeds_dir: Path = SEEDS_DIR) -> list[dict[str, str]]:
    with (seeds_dir / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def like_regex(pattern: str) -> re.Pattern[str]:
    """A SQL LIKE pattern (``%`` any run, ``_`` one character; case-sensitive) as a regex."""
    parts = []
    for char in pattern:
        if char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def like(text: str, pattern: str) -> bool:
    return like_regex(pattern).fullmatch(text) is not None


@dataclass(frozen=True)
class FitRules:
    """fit_score_rules.csv plus the lookups its dimensions need."""

    size_ranges: tuple[tuple[float, float, int], ...]  # (min, max, points), inclusive
    industry_points: dict[str, int]
    title_level_points: dict[str, int]
    region_points: dict[str, int]
    title_patterns: tuple[tuple[int, str, str], ...]  # (priority, pattern, level), by priority
    prefecture_region: dict[str, str]

    def title_level(self, title: str | None) -> str | None:
        if title is None:
            return None
        for _, pattern, level in self.title_patterns:
            if like(title, pattern):
                return level
        return None

    def size_points(self, employees: np.ndarray) -> np.ndarray:
        """Points per employee count (NaN = unknown -> 0)."""
        employees = np.asarray(employees, dtype=np.float64)
        points = np.zeros(employees.shape, dtype=np.int64)
        for low, high, value in self.size_ranges:
            points += np.where((employees >= low) & (employees <= high), value, 0)
        return points

    def points_for_values(self, values: list[str | None], table: dict[str, int]) -> np.ndarray:
        return np.array([table.get(v, 0) if v is not None else 0 for v in values], dtype=np.int64)

    def title_points(self, titles: list[str | None]) -> np.ndarray:
        """Points per distinct title (a small vocabulary)."""
        return np.array(
            [self.title_level_points.get(self.title_level(t) or "", 0) for t in titles],
            dtype=np.int64,
        )

    def region_points_for(self, prefectures: list[str | None]) -> np.ndarray:
        return np.array(
            [
                self.region_points.get(self.prefecture_region.get(p or "", ""), 0)
                for p in prefectures
            ],
            dtype=np.int64,
        )


@dataclass(frozen=True)
class EngagementRule:
    rule_id: str
    activity_type: str
    category: str | None
    points: int
    daily_cap: int | None


@dataclass(frozen=True)
class ActivityPattern:
    pattern_id: str
    source_activity: str
    match_pattern: str
    activity_type: str
    category: str | None
    priority: int


@dataclass(frozen=True)
class EngagementRules:
    rules: tuple[EngagementRule, ...]
    patterns: tuple[ActivityPattern, ...]

    def classify(self, source_activity: str, text: str) -> tuple[str, str | None] | None:
        """(activity_type, category) of an activity, or None when no pattern matches."""
        matching = [
            p
            for p in self.patterns
            if p.source_activity == source_activity and like(text, p.match_pattern)
        ]
        if not matching:
            return None
        best = min(matching, key=lambda p: p.priority)
        return best.activity_type, best.category

    def rule_index(self, activity_type: str, category: str | None) -> int:
        """Index of the rule that scores (activity_type, category); -1 for none."""
        for i, rule in enumerate(self.rules):
            if (
                rule.activity_type == activity_type
                and category is not None
                and rule.category == category
            ):
                return i
        for i, rule in enumerate(self.rules):
            if rule.activity_type == activity_type and rule.category is None:
                return i
        return -1

    def rule_for_text(self, source_activity: str, text: str) -> int:
        classified = self.classify(source_activity, text)
        return -1 if classified is None else self.rule_index(*classified)

    @property
    def points(self) -> np.ndarray:
        return np.array([r.points for r in self.rules], dtype=np.int64)

    @property
    def caps(self) -> np.ndarray:
        """Daily cap per rule; -1 for none."""
        return np.array(
            [-1 if r.daily_cap is None else r.daily_cap for r in self.rules], dtype=np.int64
        )


def _blank(value: str | None) -> str | None:
    return None if value is None or value.strip() == "" else value.strip()


@cache
def load_fit_rules(seeds_dir: Path = SEEDS_DIR) -> FitRules:
    size, industry, title, region = [], {}, {}, {}
    for row in read_seed("scoring/fit_score_rules.csv", seeds_dir):
        points = int(row["points"])
        dimension = row["dimension"]
        if dimension == "number_of_employees":
            low = float(_blank(row["range_min"]) or "-inf")
            high = float(_blank(row["range_max"]) or "inf")
            size.append((low, high, points))
        elif dimension == "industry":
            industry[row["match_value"]] = industry.get(row["match_value"], 0) + points
        elif dimension == "title_level":
            title[row["match_value"]] = title.get(row["match_value"], 0) + points
        elif dimension == "region":
            region[row["match_value"]] = region.get(row["match_value"], 0) + points
    patterns = sorted(
        (int(r["priority"]), r["title_pattern"], r["title_level"])
        for r in read_seed("lookups/title_levels.csv", seeds_dir)
    )
    prefectures = {
        r["prefecture"]: r["region"] for r in read_seed("lookups/prefecture_regions.csv", seeds_dir)
    }
    return FitRules(tuple(size), industry, title, region, tuple(patterns), prefectures)


@cache
def load_engagement_rules(seeds_dir: Path = SEEDS_DIR) -> EngagementRules:
    rules = tuple(
        EngagementRule(
            r["rule_id"],
            r["activity_type"],
            _blank(r["category"]),
            int(r["points"]),
            None if _blank(r["daily_cap"]) is None else int(r["daily_cap"]),
        )
        for r in read_seed("scoring/engagement_score_rules.csv", seeds_dir)
    )
    patterns = tuple(
        ActivityPattern(
            r["pattern_id"],
            r["source_activity"],
            r["match_pattern"],
            r["activity_type"],
            _blank(r["category"]),
            int(r["priority"]),
        )
        for r in read_seed("lookups/activity_patterns.csv", seeds_dir)
    )
    return EngagementRules(rules, patterns)


@cache
@cache
def load_prefectures(seeds_dir: Path = SEEDS_DIR) -> tuple[tuple[str, str, str], ...]:
    """(prefecture, code, region) in JIS order."""
    return tuple(
        (r["prefecture"], r["prefecture_code"], r["region"])
        for r in read_seed("lookups/prefecture_regions.csv", seeds_dir)
    )
