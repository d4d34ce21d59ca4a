"""Header matching: the headers of an extract -> the columns of its contract table.

A header matches a contract column when both read the same once case, spaces, underscores,
hyphens and other punctuation are ignored (:func:`match_key`), so every way the tools write a
column name meets the contract's snake_case:

- Salesforce API names, as Data Loader writes them (``ConvertedOpportunityId``,
  ``Disqualification_Reason__c``), also ALL-CAPS or lower-case (``CREATEDDATE``,
  ``createddate``: older Data Loader versions and its ``allCapsHeaders`` setting);
- Marketo's REST names (``sfdcLeadId``, ``createdAt``) and Fivetran's names;
- Salesforce's English field labels (``Lead ID``, ``Lead Status``, ``Converted Opportunity ID``)
  and Marketo's display names (``Email Address``, ``Company Name``, ``Job Title``): these are
  data, one row per table, column and alias in ``header_aliases.csv`` beside this module.

Headers that match no contract column are extra columns, named in snake_case
(:func:`normalize_header`). Two headers that match the same column are an error naming both.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from leadfunnel.contract import TABLES_BY_NAME, RawTable
from leadfunnel.landing.errors import LandingError

ALIASES_FILE = Path(__file__).with_name("header_aliases.csv")

_ACRONYM_THEN_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")  # "SFDCId" -> "SFDC_Id"
_LOWER_THEN_UPPER = re.compile(r"([a-z0-9])([A-Z])")  # "createdAt" -> "created_At"
_NOT_WORD = re.compile(r"\W+")  # spaces, punctuation; Japanese letters are word characters
_UNDERSCORES = re.compile(r"_{2,}")  # "Reason__c" -> "reason_c"
_IGNORED = re.compile(r"[\W_]+")  # what matching ignores: spaces, underscores, hyphens, ...


def _clean(name: str) -> str:
    return unicodedata.normalize("NFKC", name).replace("\ufeff", "").strip()


def normalize_header(name: str) -> str:
    """The snake_case column name for an extract header (leading underscores are kept).

    >>> normalize_header("Disqualification_Reason__c")
    'disqualification_reason_c'
    """
    text = _clean(name)
    body = text.lstrip("_")
    leading = "_" * (len(text) - len(body))
    body = _ACRONYM_THEN_WORD.sub(r"\1_\2", body)
    body = _LOWER_THEN_UPPER.sub(r"\1_\2", body)
    body = _UNDERSCORES.sub("_", _NOT_WORD.sub("_", body).lower()).strip("_")
    return leading + body if body else ""


def match_key(name: str) -> str:
    """What header matching compares: lower-case, without spaces, underscores, hyphens and
    punctuation (full-width characters as half-width).

    >>> match_key("Converted Opportunity ID") == match_key("converted_opportunity_id")
    True
    """
    return _IGNORED.sub("", _clean(name).lower())


@cache
def aliases() -> dict[str, dict[str, str]]:
    """Qualified table -> {match key -> contract column}: every column by its own name, plus
    the labels and display names of ``header_aliases.csv``. ValueError if the file is wrong."""
    by_table = {
        qualified: {match_key(column): column for column in table.all_columns}
        for qualified, table in TABLES_BY_NAME.items()
    }
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{ALIASES_FILE.name} line {line}"
            table = TABLES_BY_NAME.get(row["table"])
            if table is None or row["column"] not in table.all_columns:
                raise ValueError(f"{where}: {row['table']}.{row['column']} is not in the contract")
            known = by_table[row["table"]]
            key = match_key(row["alias"])
            if known.setdefault(key, row["column"]) != row["column"]:
                raise ValueError(
                    f"{where}: {row['alias']!r} would match both {known[key]} and "
                    f"{row['column']} of {row['table']}"
                )
    return by_table


def expected_headers(table: RawTable, column: str) -> list[str]:
    """Headers that match ``column`` of ``table``, as messages show them (name first)."""
    names = [column]
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["table"] == table.qualified_name and row["column"] == column:
                names.append(row["alias"])
    return list(dict.fromkeys(names))


def match_headers(table: RawTable, headers: Sequence[str], label: str) -> list[str]:
    """The column each header lands in: a contract column of ``table``, or its snake_case name.

    LandingError on a header without a name, on two headers that match the same contract
    column (naming both), and on two extra headers with the same snake_case name.
    """
    known = aliases()[table.qualified_name]
    seen: dict[str, str] = {}
    names = []
    for position, header in enumerate(headers, start=1):
        column = known.get(match_key(header)) or normalize_header(header)
        if not column:
            raise LandingError(f"{label}: column {position} has no name (header {header!r})")
        if column in seen:
            if column in table.all_columns:
                raise LandingError(
                    f"{label}: headers {seen[column]!r} and {header!r} both match column "
                    f"{column} of {table.qualified_name}; keep one of them"
                )
            raise LandingError(
                f"{label}: columns {seen[column]!r} and {header!r} both normalize to {column}"
            )
        seen[column] = header
        names.append(column)
    return names
