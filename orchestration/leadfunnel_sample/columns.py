"""Simulation arrays -> Arrow columns (timestamps, JST dates, nullable numbers, vocabularies).

Conventions: times are epoch seconds, a negative time means null; codes index a vocabulary,
-1 means null.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from leadfunnel_sample.calendar import jst_day_number

TIMESTAMP = pa.timestamp("us")


def timestamps(t: np.ndarray) -> pa.Array:
    """UTC timestamps (naive, microseconds); negative = null."""
    t = np.asarray(t, dtype=np.int64)
    return pa.array(t * 1_000_000, TIMESTAMP, mask=t < 0)


def jst_dates(t: np.ndarray) -> pa.Array:
    """The JST calendar date of each time; negative = null."""
    t = np.asarray(t, dtype=np.int64)
    days = jst_day_number(t).astype(np.int32)
    return pa.array(days, pa.date32(), mask=t < 0)


def integers(values: np.ndarray, null: np.ndarray | None = None) -> pa.Array:
    return pa.array(np.asarray(values, dtype=np.int64), pa.int64(), mask=null)


def doubles(values: np.ndarray) -> pa.Array:
    values = np.asarray(values, dtype=np.float64)
    return pa.array(values, pa.float64(), mask=np.isnan(values))


def booleans(values: np.ndarray) -> pa.Array:
    return pa.array(np.asarray(values, dtype=bool), pa.bool_())


def vocabulary(
    words: Sequence[str | None], codes: np.ndarray, dictionary: bool = False
) -> pa.Array:
    """``words[code]`` per row (-1 = null); as a dictionary array when ``dictionary``."""
    codes = np.asarray(codes, dtype=np.int64)
    words_array = pa.array(list(words), pa.string())
    if dictionary:
        # a dictionary must not repeat a value (the Parquet writer then falls back to plain
        # encoding, and not byte-reproducibly): map each code to the value's first position
        unique = list(dict.fromkeys(words))
        if len(unique) < len(words):
            first = np.array([unique.index(w) for w in words], dtype=np.int64)
            codes = np.where(codes >= 0, first[np.maximum(codes, 0)], -1)
            words_array = pa.array(unique, pa.string())
        return pa.DictionaryArray.from_arrays(
            pa.array(codes.astype(np.int32), pa.int32(), mask=codes < 0), words_array
        )
    return words_array.take(pa.array(codes, pa.int64(), mask=codes < 0))


def constant(value: str | None, n: int) -> pa.Array:
    return pa.repeat(pa.scalar(value, pa.string()), n)


def table(columns: dict[str, pa.Array]) -> pa.Table:
    return pa.table(columns)
