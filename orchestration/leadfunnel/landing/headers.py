"""Header normalization: extract column names -> the contract's snake_case.

Salesforce Data Loader writes API names (``ConvertedOpportunityId``, ``BANT_Budget__c``),
Marketo camelCase (``sfdcLeadId``), spreadsheets words (``Lead Source``); Fivetran, and so the
contract, calls them ``converted_opportunity_id``, ``bant_budget_c``, ``sfdc_lead_id`` and
``lead_source``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from leadfunnel.landing.errors import LandingError

_ACRONYM_THEN_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")  # "SFDCId" -> "SFDC_Id"
_LOWER_THEN_UPPER = re.compile(r"([a-z0-9])([A-Z])")  # "createdAt" -> "created_At"
_NOT_WORD = re.compile(r"\W+")  # spaces, punctuation; Japanese letters are word characters
_UNDERSCORES = re.compile(r"_{2,}")  # "Reason__c" -> "reason_c"


def normalize_header(name: str) -> str:
    """The snake_case column name for an extract header (leading underscores are kept).

    >>> normalize_header("Disqualification_Reason__c")
    'disqualification_reason_c'
    """
    text = unicodedata.normalize("NFKC", name).replace("\ufeff", "").strip()
    body = text.lstrip("_")
    leading = "_" * (len(text) - len(body))
    body = _ACRONYM_THEN_WORD.sub(r"\1_\2", body)
    body = _LOWER_THEN_UPPER.sub(r"\1_\2", body)
    body = _UNDERSCORES.sub("_", _NOT_WORD.sub("_", body).lower()).strip("_")
    return leading + body if body else ""


def normalize_headers(names: Sequence[str], label: str) -> list[str]:
    """Normalize every header of ``label``; LandingError on an empty name or a collision."""
    seen: dict[str, str] = {}
    normalized = []
    for position, name in enumerate(names, start=1):
        column = normalize_header(name)
        if not column:
            raise LandingError(f"{label}: column {position} has no name (header {name!r})")
        if column in seen:
            raise LandingError(
                f"{label}: columns {seen[column]!r} and {name!r} both normalize to {column}"
            )
        seen[column] = name
        normalized.append(column)
    return normalized
