"""Group operations on arrays sorted by a group key (per person, per lead, ...), vectorized.

These are the building blocks that replace per-row loops: where each group starts, an
element's position in its group, running sums that restart per group, the previous element
of the same group, and the first element of each group that meets a condition.
"""

from __future__ import annotations

import numpy as np


def starts_of(sorted_keys: np.ndarray) -> np.ndarray:
    """True where a new group starts in an array sorted by group key."""
    sorted_keys = np.asarray(sorted_keys)
    if sorted_keys.size == 0:
        return np.zeros(0, dtype=bool)
    return np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]


def position_in_group(starts: np.ndarray) -> np.ndarray:
    """0 for each group's first element, 1 for the next, ..."""
    index = np.arange(starts.size)
    first = np.maximum.accumulate(np.where(starts, index, 0))
    return index - first


def occurrence_rank(keys: np.ndarray) -> np.ndarray:
    """0 for the first occurrence of each key, 1 for the second, ... (in array order)."""
    keys = np.asarray(keys)
    order = np.argsort(keys, kind="stable")
    rank = np.empty(keys.size, dtype=np.int64)
    rank[order] = position_in_group(starts_of(keys[order]))
    return rank


def group_cumsum(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Running sum that restarts at each group start, added strictly in order within a group.

    A global cumsum minus group offsets would carry rounding error from all earlier groups;
    here each group's sum is exact in the same order a per-group loop would add. The loop runs
    over positions within a group (the longest group's length), each step vectorized over all
    groups that are that long.
    """
    values = np.asarray(values, dtype=np.float64)
    out = values.copy()
    position = position_in_group(starts)
    if position.size == 0:
        return out
    by_position = np.argsort(position, kind="stable")
    bounds = np.searchsorted(position[by_position], np.arange(position.max() + 2))
    for k in range(1, position.max() + 1):
        rows = by_position[bounds[k] : bounds[k + 1]]
        out[rows] = out[rows - 1] + values[rows]
    return out


def group_cumsum_int(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Exact running sum of integers that restarts at each group start."""
    total = np.cumsum(values, dtype=np.int64)
    offset = np.where(starts, total - values, 0)
    return total - np.maximum.accumulate(np.where(starts, offset, np.iinfo(np.int64).min))


def previous_in_group(values: np.ndarray, starts: np.ndarray, fill) -> np.ndarray:
    """Each element's predecessor within its group (``fill`` for a group's first)."""
    values = np.asarray(values)
    out = np.empty_like(values)
    if values.size:
        out[1:] = values[:-1]
        out[starts] = fill
    return out


def first_where(group: np.ndarray, condition: np.ndarray, groups: int) -> np.ndarray:
    """Per group id (0..groups-1), the index of the first element where condition holds
    (arrays in group order, ties by position); -1 when none."""
    hits = np.flatnonzero(condition)
    out = np.full(groups, -1, dtype=np.int64)
    if hits.size:
        hit_groups = np.asarray(group)[hits]
        first = starts_of(hit_groups)
        out[hit_groups[first]] = hits[first]
    return out
