"""The raw contract: which tables a landed warehouse holds and the columns the models rely on.

Table and column names follow Fivetran's Salesforce and Marketo connectors (snake_case API
names; Salesforce custom fields end in ``_c``), so a warehouse fed by such a connector works
unchanged. The generator writes files in this shape, landing checks files against it, and the
dbt sources (``models/staging/*/_*__sources.yml``) declare the same columns.

Types are DuckDB types. Timestamps are UTC (``TIMESTAMP``, no zone); landing converts values
that carry an offset to UTC and reads values without one as UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCES: tuple[str, ...] = ("salesforce", "marketo")


@dataclass(frozen=True)
class RawTable:
    """One raw table of the contract."""

    source: str
    name: str
    columns: dict[str, str]
    # Columns without which a file of this table is rejected. The other contract columns are
    # added as NULL when a file lacks them (a connector or an export may leave them out).
    required: tuple[str, ...] = ("id",)
    optional_table: bool = False
    key: str = "id"
    extra_ok: bool = True
    notes: str = ""
    picklists: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def qualified_name(self) -> str:
        return f"{self.source}.{self.name}"


_TS = "TIMESTAMP"
_V = "VARCHAR"
_B = "BOOLEAN"
_D = "DOUBLE"
_I = "BIGINT"
_DATE = "DATE"

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
        required=("id", "name"),
    ),
    RawTable("salesforce", "user_role", {"id": _V, "name": _V}, required=("id", "name")),
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
        required=("id", "name", "created_date"),
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
        required=("id", "created_date", "status"),
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
        required=("id", "lead_id", "field", "created_date"),
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
        required=("id", "created_date"),
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
        required=("id", "stage_name", "created_date"),
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
        required=("id", "opportunity_id", "stage_name", "created_date"),
    ),
    RawTable(
        "salesforce",
        "opportunity_contact_role",
        {"id": _V, "opportunity_id": _V, "contact_id": _V, "role": _V, "is_primary": _B},
        required=("id", "opportunity_id", "contact_id"),
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
        required=("id", "owner_id", "status", "created_date"),
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
        required=("id", "owner_id", "start_date_time"),
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
        required=("id", "name"),
        optional_table=True,
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
        required=("id", "campaign_id"),
        optional_table=True,
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
        required=("id", "created_at"),
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
        required=("id", "lead_id", "activity_date"),
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
        required=("id", "lead_id", "activity_date"),
    ),
    RawTable(
        "marketo",
        "activity_open_email",
        {**_MARKETO_ACTIVITY_BASE, "email_template_id": _I},
        required=("id", "lead_id", "activity_date"),
    ),
    RawTable(
        "marketo",
        "activity_click_email",
        {**_MARKETO_ACTIVITY_BASE, "email_template_id": _I, "link": _V},
        required=("id", "lead_id", "activity_date"),
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
        required=("id", "lead_id", "activity_date"),
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
        required=("id", "lead_id", "activity_date", "primary_attribute_value"),
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
        required=("id", "name"),
    ),
)

TABLES_BY_NAME: dict[str, RawTable] = {t.qualified_name: t for t in TABLES}

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
