"""Dirty data, as real extracts have it, in a configurable share of records.

- missing non-key fields (e-mail, industry, title, phone, employees) on a Marketo lead or a
  Salesforce lead (independently: the two systems disagree);
- e-mail addresses that are not normalized: upper case, surrounding (ideographic) spaces,
  full-width characters (ｔａｎａｋａ＠...), capitalized;
- duplicate people: a second Marketo lead for the same person with a differently written
  e-mail (never a duplicate id);
- deleted records: Salesforce leads deleted as spam or tests (is_deleted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from leadfunnel_sample.config import DAY, Window
from leadfunnel_sample.people import People

MISSING_FIELDS: tuple[str, ...] = ("email", "industry", "title", "phone", "number_of_employees")
STYLE_CLEAN, STYLE_UPPER, STYLE_SPACES, STYLE_FULLWIDTH, STYLE_CAPITALIZED = range(5)


@dataclass(frozen=True)
class DirtyPlan:
    marketo_missing: np.ndarray  # per person: index into MISSING_FIELDS, -1 for none
    salesforce_missing: np.ndarray
    marketo_email_style: np.ndarray  # per person
    salesforce_email_style: np.ndarray
    deleted: np.ndarray  # per person: the Salesforce lead is deleted
    duplicate_person: np.ndarray  # persons with a second Marketo lead
    duplicate_created: np.ndarray
    duplicate_email_style: np.ndarray
    task_deleted_share: float

    def missing(self, system: str, field: str) -> np.ndarray:
        plan = self.marketo_missing if system == "marketo" else self.salesforce_missing
        return plan == MISSING_FIELDS.index(field)


def plan_dirt(people: People, window: Window, share: float, rng: np.random.Generator) -> DirtyPlan:
    n = people.count
    field_p = np.array([0.15, 0.25, 0.25, 0.15, 0.2])

    def missing() -> np.ndarray:
        chosen = rng.random(n) < share
        return np.where(chosen, rng.choice(len(MISSING_FIELDS), n, p=field_p), -1)

    def styles() -> np.ndarray:
        chosen = rng.random(n) < share
        return np.where(chosen, rng.integers(1, 5, n), STYLE_CLEAN)

    marketing = ~people.is_sales_generated
    deleted = marketing & (rng.random(n) < share / 2)
    room = people.marketo_created < window.horizon - 10 * DAY
    candidates = np.flatnonzero(marketing & ~deleted & room & (rng.random(n) < share / 2))
    gap = window.horizon - people.marketo_created[candidates] - 7 * DAY
    created = people.marketo_created[candidates] + 7 * DAY + (rng.random(candidates.size) * gap)
    dup_styles = rng.choice([STYLE_UPPER, STYLE_FULLWIDTH, STYLE_CAPITALIZED], candidates.size)
    return DirtyPlan(
        marketo_missing=missing(),
        salesforce_missing=missing(),
        marketo_email_style=styles(),
        salesforce_email_style=styles(),
        deleted=deleted,
        duplicate_person=candidates,
        duplicate_created=created.astype(np.int64),
        duplicate_email_style=dup_styles,
        task_deleted_share=share,
    )


_FULLWIDTH_SOURCE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@._-"


def styled_emails(emails: pa.Array, style: np.ndarray) -> pa.Array:
    """``emails`` written in each row's style (only the dirty rows are touched)."""
    style = np.asarray(style)
    dirty = np.flatnonzero(style != STYLE_CLEAN)
    if dirty.size == 0:
        return emails
    subset = emails.take(pa.array(dirty))
    kinds = style[dirty]
    upper = pc.utf8_upper(subset)
    spaced = pc.binary_join_element_wise(pa.scalar(" "), subset, pa.scalar("\u3000"), "")
    capitalized = pc.utf8_capitalize(subset)
    wide = subset
    for char in _FULLWIDTH_SOURCE:
        wide = pc.replace_substring(wide, char, chr(ord(char) + 0xFEE0))
    variant = pc.case_when(
        pc.make_struct(
            pa.array(kinds == STYLE_UPPER),
            pa.array(kinds == STYLE_SPACES),
            pa.array(kinds == STYLE_FULLWIDTH),
        ),
        upper,
        spaced,
        wide,
        capitalized,
    )
    combined = pa.concat_arrays([emails, variant])
    index = np.arange(len(emails), dtype=np.int64)
    index[dirty] = len(emails) + np.arange(dirty.size)
    return combined.take(pa.array(index))


def null_where(values: pa.Array, mask: np.ndarray) -> pa.Array:
    """``values`` with nulls where ``mask`` is true."""
    if not mask.any():
        return values
    return pc.if_else(pa.array(mask), pa.scalar(None, values.type), values)
