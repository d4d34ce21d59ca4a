"""Record ids as the source systems write them.

Salesforce ids are 18 characters: a 3-character key prefix per object (005 user, 00Q lead, ...),
then a number; here the number is zero-padded decimal and the 3-character case-safe suffix is a
constant, which is enough for ids that look real and are unique per object. Marketo ids are
integers.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

KEY_PREFIXES: dict[str, str] = {
    "user": "005",
    "user_role": "00E",
    "account": "001",
    "lead": "00Q",
    "contact": "003",
    "opportunity": "006",
    "opportunity_history": "008",
    "opportunity_contact_role": "00K",
    "task": "00T",
    "event": "00U",
    "campaign": "701",
    "campaign_member": "00v",
    "lead_history": "017",
}
_POD = "5g"
_DIGITS = 10
_SUFFIX = "QAA"

MARKETO_LEAD_BASE = 1_000_000
MARKETO_ACTIVITY_BASE = 50_000_000
MARKETO_PROGRAM_BASE = 1_000


def sfid(kind: str, number: int) -> str:
    """One Salesforce id (for the handful of users and roles)."""
    return f"{KEY_PREFIXES[kind]}{_POD}{number:0{_DIGITS}d}{_SUFFIX}"


def sfids(kind: str, numbers: np.ndarray) -> pa.Array:
    """Salesforce ids for an array of numbers (negative = null), vectorized."""
    numbers = np.asarray(numbers, dtype=np.int64)
    valid = numbers >= 0
    text = pc.cast(pa.array(np.where(valid, numbers, 0)), pa.string())
    padded = pc.utf8_lpad(text, width=_DIGITS, padding="0")
    joined = pc.binary_join_element_wise(
        pa.scalar(KEY_PREFIXES[kind] + _POD), padded, pa.scalar(_SUFFIX), ""
    )
    return pc.if_else(pa.array(valid), joined, pa.scalar(None, pa.string()))
