"""The MA's lead scoring, with the warehouse's default rules (seeds/scoring/*.csv).

Fit: points for the Marketo lead's employee count (inclusive ranges), industry, title level
(title_levels LIKE patterns by priority) and region (prefecture -> region).

Engagement: each activity is classified by seeds/lookups/activity_patterns.csv and scored by
its (activity_type, category) rule, or the activity type's rule with an empty category. A
rule's daily_cap limits one lead's points from it per JST calendar day. Points decay with a
half-life: p points at t are worth p * 0.5^((now - t) / half_life) at ``now``. The running
score at each activity, per lead, is

    E(t_i) = 0.5^((t_i - t0)/h) * sum_{j <= i} p_j * 2^((t_j - t0)/h)

(t0 = the lead's first activity), the inner sum restarting per lead and added in time order.
Scores are rounded to 6 decimals before comparing with the threshold, as the warehouse does.

MQL: the first activity at which fit >= threshold and engagement >= threshold while the lead is
eligible (status 新規, or リサイクル after its quiet period, for a later cycle).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.behaviour import (
    FORM_NAMES,
    N_STATUSES,
    PAGE_PATHS,
    TABLE_NAMES,
    Activities,
    lead_time_key,
)
from leadfunnel_sample.calendar import jst_day_number
from leadfunnel_sample.config import DAY, Settings
from leadfunnel_sample.grouping import first_where, group_cumsum, group_cumsum_int, starts_of
from leadfunnel_sample.programs import Programs
from leadfunnel_sample.seed_rules import load_engagement_rules, load_fit_rules

NEVER = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class RuleLookup:
    """The engagement rule of every (table, code), as one flat array with table offsets."""

    offsets: np.ndarray
    rule: np.ndarray  # rule index, -1 = not scored
    points: np.ndarray  # per rule
    caps: np.ndarray  # per rule, -1 = no cap

    def rules_of(self, activities: Activities) -> np.ndarray:
        return self.rule[self.offsets[activities.table] + activities.code]


def build_rule_lookup(programs: Programs) -> RuleLookup:
    rules = load_engagement_rules()
    visit = [rules.rule_for_text("visit_webpage", catalog.SITE + p) for p in PAGE_PATHS]
    form = [rules.rule_for_text("fill_out_form", name) for name in FORM_NAMES]
    progression = [
        rules.rule_for_text("change_status_in_progression", f"{channel}:{status.lower()}")
        for channel in programs.channels
        for status, _, _ in catalog.PROGRESSION_STATUSES
    ]
    n_sends = max(programs.send_time.size, 1)
    opens = [rules.rule_for_text("open_email", "")] * n_sends
    clicks = [rules.rule_for_text("click_email", "")] * n_sends
    per_table = [visit, form, progression, opens, clicks]
    assert len(per_table) == len(TABLE_NAMES)
    assert len(progression) == len(programs.channels) * N_STATUSES
    sizes = np.array([len(t) for t in per_table])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    flat = np.array([r for t in per_table for r in t], dtype=np.int64)
    return RuleLookup(offsets, flat, rules.points, rules.caps)


def fit_scores(
    employees: np.ndarray,
    industry: list[str | None],
    industry_code: np.ndarray,
    titles: list[str],
    title_code: np.ndarray,
    prefectures: list[str],
    prefecture_code: np.ndarray,
) -> np.ndarray:
    """Fit per lead from its attributes (codes index the vocabularies; -1 = missing;
    employees NaN = missing)."""
    rules = load_fit_rules()
    industry_points = np.append(rules.points_for_values(industry, rules.industry_points), 0)
    title_points = np.append(rules.title_points(titles), 0)
    region_points = np.append(rules.region_points_for(prefectures), 0)
    return (
        rules.size_points(employees)
        + industry_points[np.where(industry_code >= 0, industry_code, -1)]
        + title_points[np.where(title_code >= 0, title_code, -1)]
        + region_points[np.where(prefecture_code >= 0, prefecture_code, -1)]
    )


@dataclass
class Scored:
    """Activities (sorted by lead, time) with their capped points and running engagement."""

    activities: Activities
    points: np.ndarray
    engagement: np.ndarray  # rounded to 6 decimals

    def score_at(self, rec: np.ndarray, at: np.ndarray, half_life: float) -> np.ndarray:
        """Each lead's engagement at time ``at`` (decayed from its last activity at or before)."""
        key = lead_time_key(self.activities.rec, self.activities.t)
        position = np.searchsorted(key, lead_time_key(rec, at), side="right") - 1
        found = (position >= 0) & (self.activities.rec[np.maximum(position, 0)] == rec)
        position = np.maximum(position, 0)
        elapsed = (at - self.activities.t[position]) / (half_life * DAY)
        return np.where(found, self.engagement[position] * np.power(0.5, elapsed), 0.0)


def capped_points(activities: Activities, lookup: RuleLookup) -> np.ndarray:
    """Points per activity after each rule's daily cap (per lead, rule and JST day)."""
    rule = lookup.rules_of(activities)
    raw = np.where(rule >= 0, lookup.points[np.maximum(rule, 0)], 0)
    cap = np.where(rule >= 0, lookup.caps[np.maximum(rule, 0)], -1)
    day = jst_day_number(activities.t)
    day = day - (day.min() if day.size else 0)
    n_rules = lookup.points.size + 1
    key = (activities.rec * n_rules + (rule + 1)) * (int(day.max(initial=0)) + 1) + day
    order = np.argsort(key, kind="stable")  # activities are in time order within a lead
    starts = starts_of(key[order])
    before = np.empty_like(raw)
    before[order] = group_cumsum_int(raw[order], starts) - raw[order]
    capped = np.where(cap >= 0, np.clip(np.minimum(raw, cap - before), 0, None), raw)
    return capped.astype(np.int64)


def engagement_scores(activities: Activities, points: np.ndarray, half_life: float) -> np.ndarray:
    """Running decayed engagement at each activity (activities sorted by lead, time)."""
    starts = starts_of(activities.rec)
    scored = points > 0
    # anchor: the lead's first activity time (any anchor gives the same values)
    first_index = np.maximum.accumulate(np.where(starts, np.arange(starts.size), 0))
    first_t = activities.t[first_index]
    h = half_life * DAY
    grown = points * np.power(2.0, (activities.t - first_t) / h)
    total = group_cumsum(np.where(scored, grown, 0.0), starts)
    return np.round(total * np.power(0.5, (activities.t - first_t) / h), 6)


def score(activities: Activities, lookup: RuleLookup, settings: Settings) -> Scored:
    points = capped_points(activities, lookup)
    engagement = engagement_scores(activities, points, settings.engagement_half_life_days)
    return Scored(activities, points, engagement)


def first_crossing(
    scored: Scored, fit: np.ndarray, eligible_from: np.ndarray, settings: Settings
) -> np.ndarray:
    """Per lead (local index), the index of the activity at which it becomes MQL; -1 if none.

    ``fit`` and ``eligible_from`` are per lead; NEVER in eligible_from means not eligible."""
    acts = scored.activities
    qualifies = (
        (acts.t >= eligible_from[acts.rec])
        & (fit[acts.rec] >= settings.mql_fit_threshold)
        & (scored.engagement >= settings.mql_engagement_threshold)
    )
    return first_where(acts.rec, qualifies, fit.size)
