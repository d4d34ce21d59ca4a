"""What the quality gate checks on each raw table, derived from the raw contract.

Pure data: no DuckDB, no Great Expectations. ``leadfunnel.quality.frames`` turns these rules
into the SQL that reads a table into pandas, ``leadfunnel.quality.suites`` into expectations.

What blocks the publish is what makes the numbers wrong, not what makes them incomplete:

- the key (``id``) is filled (blocking, every row) and unique among the current rows
  (blocking): rows a connector marks deleted (``_fivetran_deleted``, ``is_deleted``) or as
  earlier versions (``_fivetran_active`` false: Fivetran's history mode keeps several
  versions per id) may repeat an id;
- record timestamps are not in the future (blocking, every row). "Future" is row-level: a
  record dated after its own ``_loaded_at`` (a connector's ``_fivetran_synced``) was dated
  after it was extracted; a row without a loaded-at is compared with the check's ``as_of``.
  So a reproducible rebuild at a past ``as_of`` does not flag rows merely newer than it;
- a required table (the lead tables) exists (blocking).

Everything else is a warning, shown with its counts but never blocking:

- the fields the models and the SLA count are filled for at least 95 % of rows (DOMAIN.md
  "The handoff SLA": lead data completeness >= 95 %);
- e-mail addresses are well-formed after the same normalization the models apply (full-width
  to half-width, trimmed);
- lead status values (and Status / Lead Status history values) are known to the seed
  ``stage_mappings``: a sales admin adding a picklist value must not stop the warehouse; the
  value is reported until the seed maps it;
- ids referencing other objects (owner -> user, activity -> lead, ...) resolve: connector data
  is often sampled or filtered, so references dangle.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from leadfunnel.contract import ALL_TABLES, RawTable
from leadfunnel.paths import SEEDS_DIR

COMPLETENESS = 0.95  # fields filled (DOMAIN.md: >= 95 %): a warning below that

# local@domain.tld in ASCII (after full-width -> half-width), as mail systems accept it
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_PATTERN = rf"^[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+$"

# Status values the generator and the English Salesforce defaults use; used only when the seed
# stage_mappings is missing (it normally is not: seeds/funnel/stage_mappings.csv).
FALLBACK_LEAD_STATUSES: tuple[str, ...] = (
    "新規",
    "MQL",
    "TQL",
    "営業受入",
    "商談化",
    "対象外",
    "リサイクル",
    "Open - Not Contacted",
    "New",
    "Marketing Qualified",
    "SAL",
    "Sales Accepted",
    "Working - Contacted",
    "SQL",
    "Sales Qualified",
    "Qualified",
    "Disqualified",
    "Unqualified",
    "Closed - Converted",
    "Closed - Not Converted",
    "Recycled",
    "Nurture",
)


@dataclass(frozen=True)
class StatusRule:
    """``column`` holds a stage-bearing value of ``source_system``'s field ``field``.

    ``when`` restricts the rule to rows where a column equals a value (case-insensitive), e.g.
    history rows whose ``field`` is ``Status``.
    """

    column: str
    source_system: str
    field: str
    when: tuple[str, str] | None = None

    @property
    def derived(self) -> str:
        return f"{self.column}__stage_value"


@dataclass(frozen=True)
class Reference:
    """``column`` holds the id of a row in one of ``parents`` (qualified table names)."""

    column: str
    parents: tuple[str, ...]

    @property
    def derived(self) -> str:
        names = "_or_".join(p.replace(".", "_") for p in self.parents)
        return f"{self.column}__not_in_{names}"


@dataclass(frozen=True)
class TableRules:
    table: RawTable
    required: tuple[str, ...]
    emails: tuple[str, ...]
    event_times: tuple[str, ...]
    statuses: tuple[StatusRule, ...]
    references: tuple[Reference, ...]

    @property
    def name(self) -> str:
        return self.table.qualified_name

    @property
    def source(self) -> str:
        return self.table.source

    @property
    def key(self) -> str:
        return self.table.key


# Fields whose completeness is reported (a warning below COMPLETENESS): what the models lean on
# (a lead's creation and status, a task's owner, ...) and what the SLA counts (e-mail, name,
# company of leads and contacts).
COMPLETENESS_FIELDS: dict[str, tuple[str, ...]] = {
    "salesforce.user": ("name",),
    "salesforce.user_role": ("name",),
    "salesforce.account": ("name", "created_date"),
    "salesforce.lead": ("created_date", "status", "email", "last_name", "company"),
    "salesforce.lead_history": ("lead_id", "field", "created_date"),
    "salesforce.contact": ("created_date", "email", "last_name"),
    "salesforce.opportunity": ("stage_name", "created_date"),
    "salesforce.opportunity_history": ("opportunity_id", "stage_name", "created_date"),
    "salesforce.opportunity_contact_role": ("opportunity_id", "contact_id"),
    "salesforce.task": ("owner_id", "status", "created_date"),
    "salesforce.event": ("owner_id", "start_date_time"),
    "salesforce.campaign": ("name",),
    "salesforce.campaign_member": ("campaign_id",),
    "marketo.lead": ("created_at", "email"),
    "marketo.activity_change_data_value": ("lead_id", "activity_date", "primary_attribute_value"),
    "marketo.program": ("name",),
}

# TIMESTAMP columns that may lie in the future on purpose (scheduled meetings).
SCHEDULED_TIMES: frozenset[str] = frozenset(
    {"salesforce.event.start_date_time", "salesforce.event.end_date_time"}
)

STATUS_RULES: dict[str, tuple[StatusRule, ...]] = {
    "salesforce.lead": (StatusRule("status", "salesforce", "Status"),),
    "salesforce.lead_history": (
        StatusRule("new_value", "salesforce", "Status", when=("field", "Status")),
        StatusRule("old_value", "salesforce", "Status", when=("field", "Status")),
    ),
    "marketo.activity_change_data_value": (
        StatusRule(
            "new_value", "marketo", "Lead Status", when=("primary_attribute_value", "Lead Status")
        ),
    ),
}

_USER = ("salesforce.user",)
_PEOPLE = ("salesforce.lead", "salesforce.contact")
REFERENCES: dict[str, tuple[Reference, ...]] = {
    "salesforce.user": (
        Reference("manager_id", _USER),
        Reference("user_role_id", ("salesforce.user_role",)),
    ),
    "salesforce.account": (Reference("owner_id", _USER),),
    "salesforce.lead": (
        Reference("owner_id", _USER),
        Reference("converted_account_id", ("salesforce.account",)),
        Reference("converted_contact_id", ("salesforce.contact",)),
        Reference("converted_opportunity_id", ("salesforce.opportunity",)),
    ),
    "salesforce.lead_history": (Reference("lead_id", ("salesforce.lead",)),),
    "salesforce.contact": (
        Reference("account_id", ("salesforce.account",)),
        Reference("owner_id", _USER),
    ),
    "salesforce.opportunity": (
        Reference("account_id", ("salesforce.account",)),
        Reference("owner_id", _USER),
    ),
    "salesforce.opportunity_history": (Reference("opportunity_id", ("salesforce.opportunity",)),),
    "salesforce.opportunity_contact_role": (
        Reference("opportunity_id", ("salesforce.opportunity",)),
        Reference("contact_id", ("salesforce.contact",)),
    ),
    "salesforce.task": (Reference("who_id", _PEOPLE), Reference("owner_id", _USER)),
    "salesforce.event": (Reference("who_id", _PEOPLE), Reference("owner_id", _USER)),
    "salesforce.campaign_member": (
        Reference("campaign_id", ("salesforce.campaign",)),
        Reference("lead_id", ("salesforce.lead",)),
        Reference("contact_id", ("salesforce.contact",)),
    ),
    "marketo.lead": (
        Reference("sfdc_lead_id", ("salesforce.lead",)),
        Reference("sfdc_contact_id", ("salesforce.contact",)),
    ),
}
# Every Marketo activity names its lead, except the log of deleted leads: those are gone.
for _table in ALL_TABLES:
    if _table.source == "marketo" and _table.name.startswith("activity_"):
        if _table.name != "activity_delete_lead":
            REFERENCES[_table.qualified_name] = (Reference("lead_id", ("marketo.lead",)),)
        COMPLETENESS_FIELDS.setdefault(_table.qualified_name, ("lead_id", "activity_date"))


def table_rules(table: RawTable) -> TableRules:
    """The quality rules of one contract table."""
    name = table.qualified_name
    required = tuple(
        dict.fromkeys(
            c for c in (*table.required, *COMPLETENESS_FIELDS.get(name, ())) if c != table.key
        )
    )
    emails = tuple(c for c in table.columns if c == "email")
    event_times = tuple(
        column
        for column, kind in table.columns.items()
        if kind == "TIMESTAMP" and f"{name}.{column}" not in SCHEDULED_TIMES
    )
    return TableRules(
        table=table,
        required=required,
        emails=emails,
        event_times=event_times,
        statuses=STATUS_RULES.get(name, ()),
        references=REFERENCES.get(name, ()),
    )


ALL_RULES: tuple[TableRules, ...] = tuple(table_rules(t) for t in ALL_TABLES)


def stage_mapping_values(seeds_dir: Path = SEEDS_DIR) -> dict[tuple[str, str], frozenset[str]]:
    """Known values per (source_system, field), lower-cased, from the seed ``stage_mappings``.

    Without the seed, the Salesforce/Marketo lead status values of :data:`FALLBACK_LEAD_STATUSES`.
    """
    found = sorted(seeds_dir.rglob("stage_mappings.csv")) if seeds_dir.is_dir() else []
    values: dict[tuple[str, str], set[str]] = {}
    if found:
        with found[0].open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (row["source_system"].strip().lower(), row["field"].strip().lower())
                values.setdefault(key, set()).add(row["value"].strip().lower())
    else:
        fallback = {v.lower() for v in FALLBACK_LEAD_STATUSES}
        values = {("salesforce", "status"): fallback, ("marketo", "lead status"): fallback}
    return {key: frozenset(v) for key, v in values.items()}
