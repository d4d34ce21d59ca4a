"""The raw contract: which tables a landed warehouse holds and the columns the models rely on.

Table and column names follow Fivetran's Salesforce and Marketo connectors (snake_case API
names; Salesforce custom fields end in ``_c``), so a warehouse fed by such a connector works
unchanged. The generator writes files in this shape, landing checks files against it, and the
dbt sources (``models/staging/*/_*__sources.yml``) declare the same tables.

Only what no metric can do without is required: the lead tables (``salesforce.lead``,
``marketo.lead``), and in every table only its key (``id``). Every other table is optional and
every other column lands as NULL when a file lacks it (landing reports which).

Connector conventions (:data:`CONNECTOR_COLUMNS`, optional on every table, and Salesforce's
``is_deleted``): a row with ``_fivetran_deleted`` or ``is_deleted`` true is deleted, a row with
``_fivetran_active`` false is an earlier version of a record (Fivetran history mode), and
``_fivetran_synced`` is the loaded-at of a row that has no ``_loaded_at`` (a connector wrote it).

Types are DuckDB types. Timestamps are UTC (``TIMESTAMP``, no zone); landing converts values
that carry an offset to UTC and reads values without one as UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

SOURCES: tuple[str, ...] = ("salesforce", "marketo")


@dataclass(frozen=True)
class RawTable:
    """One raw table of the contract."""

    source: str
    name: str
    columns: dict[str, str]
    # Columns without which a file of this table is rejected: the key. The other contract
    # columns are added as NULL when a file lacks them (a connector or an export may leave
    # them out).
    required: tuple[str, ...] = ("id",)
    # A missing optional table does not stop the build; a missing required one does.
    optional_table: bool = True
    key: str = "id"
    extra_ok: bool = True
    notes: str = ""
    picklists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def qualified_name(self) -> str:
        return f"{self.source}.{self.name}"

    @property
    def connector_columns(self) -> dict[str, str]:
        """The bookkeeping columns a connector may add that :attr:`columns` does not list."""
        extra = dict(CONNECTOR_COLUMNS)
        if self.source == "salesforce" and self.name not in WITHOUT_IS_DELETED:
            extra[IS_DELETED] = _B
        return {name: kind for name, kind in extra.items() if name not in self.columns}

    @property
    def all_columns(self) -> dict[str, str]:
        """Every column of the table: what the models read, then the connector's bookkeeping."""
        return self.columns | self.connector_columns


_TS = "TIMESTAMP"
_V = "VARCHAR"
_B = "BOOLEAN"
_D = "DOUBLE"
_I = "BIGINT"
_DATE = "DATE"

DELETED = "_fivetran_deleted"
SYNCED = "_fivetran_synced"
ACTIVE = "_fivetran_active"
IS_DELETED = "is_deleted"
# Columns a connector adds to every table (Fivetran's names); optional everywhere.
CONNECTOR_COLUMNS: dict[str, str] = {DELETED: _B, SYNCED: _TS, ACTIVE: _B}
# Salesforce objects without an IsDeleted field (users are deactivated, not deleted).
WITHOUT_IS_DELETED: frozenset[str] = frozenset({"user", "user_role"})
# Bookkeeping columns: when a file lacks them, nothing is missing (no row deleted, every row
# the current version, loaded when landed), so landing does not report them as NULL.
BOOKKEEPING_COLUMNS: frozenset[str] = frozenset({*CONNECTOR_COLUMNS, IS_DELETED})

_MARKETO_ACTIVITY_BASE = {
    "id": _I,
    "lead_id": _I,
    "activity_date": _TS,
    "activity_type_id": _I,
    "primary_attribute_value": _V,
    "primary_attribute_value_id": _I,
    "campaign_id": _I,
}

# The person and company columns a Salesforce lead and a Marketo lead share.
_LEAD_PERSON = {
    "email": _V,
    "first_name": _V,
    "last_name": _V,
    "company": _V,
    "title": _V,
    "industry": _V,
    "number_of_employees": _I,
    "annual_revenue": _D,
    "state": _V,
    "country": _V,
    "phone": _V,
    "lead_source": _V,
}

# The tables every export has and the sample company writes, with the columns the models read.
TABLES: tuple[RawTable, ...] = (
    # ----------------------------------------------------------------- salesforce
    RawTable(
        "salesforce",
        "user",
        {
            "id": _V,
            "name": _V,
            "email": _V,
            "department": _V,
            "title": _V,
            "user_role_id": _V,
            "manager_id": _V,
            "is_active": _B,
        },
    ),
    RawTable("salesforce", "user_role", {"id": _V, "name": _V}),
    RawTable(
        "salesforce",
        "account",
        {
            "id": _V,
            "name": _V,
            "industry": _V,
            "number_of_employees": _I,
            "annual_revenue": _D,
            "billing_state": _V,
            "billing_country": _V,
            "owner_id": _V,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "lead",
        {
            "id": _V,
            "created_date": _TS,
            **_LEAD_PERSON,
            "status": _V,
            "owner_id": _V,
            "is_converted": _B,
            "converted_date": _DATE,
            "converted_account_id": _V,
            "converted_contact_id": _V,
            "converted_opportunity_id": _V,
            "is_deleted": _B,
            "disqualification_reason_c": _V,
            "disqualification_detail_c": _V,
            "bant_budget_c": _B,
            "bant_authority_c": _B,
            "bant_need_c": _B,
            "bant_timeline_c": _B,
        },
        optional_table=False,
    ),
    RawTable(
        "salesforce",
        "lead_history",
        {
            "id": _V,
            "lead_id": _V,
            "field": _V,
            "old_value": _V,
            "new_value": _V,
            "created_date": _TS,
            "created_by_id": _V,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "contact",
        {
            "id": _V,
            "account_id": _V,
            "email": _V,
            "first_name": _V,
            "last_name": _V,
            "title": _V,
            "department": _V,
            "phone": _V,
            "lead_source": _V,
            "owner_id": _V,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "opportunity",
        {
            "id": _V,
            "account_id": _V,
            "name": _V,
            "type": _V,
            "stage_name": _V,
            "amount": _D,
            "probability": _D,
            "close_date": _DATE,
            "created_date": _TS,
            "is_closed": _B,
            "is_won": _B,
            "lead_source": _V,
            "owner_id": _V,
            "campaign_id": _V,
            "loss_reason_c": _V,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "opportunity_history",
        {
            "id": _V,
            "opportunity_id": _V,
            "stage_name": _V,
            "amount": _D,
            "close_date": _DATE,
            "probability": _D,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "opportunity_contact_role",
        {"id": _V, "opportunity_id": _V, "contact_id": _V, "role": _V, "is_primary": _B},
    ),
    RawTable(
        "salesforce",
        "task",
        {
            "id": _V,
            "who_id": _V,
            "what_id": _V,
            "account_id": _V,
            "owner_id": _V,
            "subject": _V,
            "type": _V,
            "task_subtype": _V,
            "status": _V,
            "activity_date": _DATE,
            "created_date": _TS,
            "completed_date_time": _TS,
            "call_disposition": _V,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "event",
        {
            "id": _V,
            "who_id": _V,
            "what_id": _V,
            "account_id": _V,
            "owner_id": _V,
            "subject": _V,
            "type": _V,
            "start_date_time": _TS,
            "end_date_time": _TS,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "campaign",
        {
            "id": _V,
            "name": _V,
            "type": _V,
            "status": _V,
            "start_date": _DATE,
            "end_date": _DATE,
            "is_active": _B,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    RawTable(
        "salesforce",
        "campaign_member",
        {
            "id": _V,
            "campaign_id": _V,
            "lead_id": _V,
            "contact_id": _V,
            "status": _V,
            "has_responded": _B,
            "first_responded_date": _DATE,
            "created_date": _TS,
            "is_deleted": _B,
        },
    ),
    # ----------------------------------------------------------------- marketo
    RawTable(
        "marketo",
        "lead",
        {
            "id": _I,
            "created_at": _TS,
            "updated_at": _TS,
            **_LEAD_PERSON,
            "sfdc_type": _V,
            "sfdc_lead_id": _V,
            "sfdc_contact_id": _V,
            "sfdc_account_id": _V,
            "unsubscribed": _B,
            "email_invalid": _B,
        },
        optional_table=False,
    ),
    RawTable(
        "marketo",
        "activity_visit_webpage",
        {
            **_MARKETO_ACTIVITY_BASE,
            "webpage_url": _V,
            "referrer_url": _V,
            "query_parameters": _V,
        },
    ),
    RawTable(
        "marketo",
        "activity_fill_out_form",
        {
            **_MARKETO_ACTIVITY_BASE,
            "webpage_id": _I,
            "referrer_url": _V,
            "query_parameters": _V,
        },
    ),
    RawTable(
        "marketo",
        "activity_open_email",
        {**_MARKETO_ACTIVITY_BASE, "email_template_id": _I},
    ),
    RawTable(
        "marketo",
        "activity_click_email",
        {**_MARKETO_ACTIVITY_BASE, "email_template_id": _I, "link": _V},
    ),
    RawTable(
        "marketo",
        "activity_change_status_in_progression",
        {
            **_MARKETO_ACTIVITY_BASE,
            "old_status": _V,
            "new_status": _V,
            "success": _B,
            "reason": _V,
        },
    ),
    RawTable(
        "marketo",
        "activity_change_data_value",
        {
            "id": _I,
            "lead_id": _I,
            "activity_date": _TS,
            "activity_type_id": _I,
            "primary_attribute_value": _V,
            "old_value": _V,
            "new_value": _V,
            "reason": _V,
        },
    ),
    RawTable(
        "marketo",
        "program",
        {
            "id": _I,
            "name": _V,
            "type": _V,
            "channel": _V,
            "created_at": _TS,
            "start_date": _DATE,
            "end_date": _DATE,
            "_fivetran_deleted": _B,
        },
    ),
)

# Tables only a connector's sync has: Marketo's log of deleted and of merged leads (Fivetran's
# names and types, as in its dbt_marketo package). Optional; the generator writes none.
CONNECTOR_TABLES: tuple[RawTable, ...] = (
    RawTable("marketo", "activity_delete_lead", {**_MARKETO_ACTIVITY_BASE, "campaign": _V}),
    RawTable(
        "marketo",
        "activity_merge_leads",
        {
            **_MARKETO_ACTIVITY_BASE,
            "master_updated": _B,
            "merge_ids": _V,  # the merged (losing) lead ids, as Marketo writes them: [123,456]
            "merge_source": _V,
            "merged_in_sales": _B,
        },
    ),
)

ALL_TABLES: tuple[RawTable, ...] = TABLES + CONNECTOR_TABLES
TABLES_BY_NAME: dict[str, RawTable] = {t.qualified_name: t for t in ALL_TABLES}


def active_row(values: Mapping[str, str]) -> str | None:
    """SQL that is true for a current row: not deleted, and the active version of its record.

    ``values`` maps the connector columns a table has (``_fivetran_deleted``, ``is_deleted``,
    ``_fivetran_active``) to SQL for their BOOLEAN values; NULL means "not deleted" and
    "active" (a table outside history mode). None when the table has none of them.
    """
    parts = [f"not coalesce({values[c]}, false)" for c in (DELETED, IS_DELETED) if c in values]
    if ACTIVE in values:
        parts.append(f"coalesce({values[ACTIVE]}, true)")
    return " and ".join(f"({part})" for part in parts) or None


# Marketo's standard activity type ids, as its REST API reports them.
MARKETO_ACTIVITY_TYPE_IDS: dict[str, int] = {
    "activity_visit_webpage": 1,
    "activity_fill_out_form": 2,
    "activity_click_email": 11,
    "activity_change_data_value": 13,
    "activity_change_status_in_progression": 104,
    "activity_open_email": 10,
}


def table(source: str, name: str) -> RawTable:
    """The contract table ``source.name``; KeyError naming the known tables otherwise."""
    try:
        return TABLES_BY_NAME[f"{source}.{name}"]
    except KeyError:
        known = ", ".join(sorted(TABLES_BY_NAME))
        raise KeyError(
            f"{source}.{name} is not a raw table of the contract (known: {known})"
        ) from None
