"""CSV headers as the export tools write them, from the contract's snake_case column names.

Salesforce Data Loader writes API names: ``ConvertedOpportunityId``, custom fields with
``__c`` (``Disqualification_Reason__c``, ``BANT_Budget__c``). Marketo's REST API writes
camelCase (``sfdcLeadId``). Landing normalizes both back to the contract's names.
"""

from __future__ import annotations

ACRONYMS = frozenset({"bant"})


def salesforce_header(column: str) -> str:
    if column.endswith("_c"):
        words = column[:-2].split("_")
        return "_".join(w.upper() if w in ACRONYMS else w.capitalize() for w in words) + "__c"
    return "".join(w.upper() if w in ACRONYMS else w.capitalize() for w in column.split("_"))


def marketo_header(column: str) -> str:
    if column.startswith("_"):
        return column  # connector metadata (_fivetran_deleted) keeps its name
    first, *rest = column.split("_")
    return first + "".join(w.capitalize() for w in rest)
