"""The Marketo tables: leads, programs, and the activity tables (written chunk by chunk).

Activity ids come from one sequence, in time order within a chunk, so every id is unique
within its table (and across tables, as in Marketo). ``Lead Status`` changes
(change_data_value) are the MA's own (creation, MQL) plus the Salesforce status changes the
sync brings back a few minutes later.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from leadfunnel.contract import MARKETO_ACTIVITY_TYPE_IDS
from leadfunnel_sample import catalog
from leadfunnel_sample.behaviour import (
    CLICK,
    FORM,
    FORM_KIND,
    FORM_KINDS,
    FORM_NAMES,
    N_QUERIES,
    N_STATUSES,
    OPEN,
    PAGE_PATHS,
    PROGRESSION,
    TABLE_NAMES,
    VISIT,
    Activities,
    page_of,
)
from leadfunnel_sample.columns import (
    booleans,
    integers,
    jst_dates,
    timestamps,
    vocabulary,
)
from leadfunnel_sample.config import MINUTE
from leadfunnel_sample.grouping import previous_in_group, starts_of
from leadfunnel_sample.ids import sfids
from leadfunnel_sample.outcomes import Outcomes
from leadfunnel_sample.salesforce_tables import account_ids, contact_ids, person_fields
from leadfunnel_sample.simulate import CREATED_REASON, MQL_REASON, Company

PAGE_ID_BASE = 100
FORM_ID_BASE = 500
EMAIL_ID_BASE = 7_000
TEMPLATE_ID_BASE = 8_000
SMART_CAMPAIGN_BASE = 9_000
STATUS_REASONS = ("リード作成", "MQL判定(スコアリング)", "Salesforce同期")

_DICTIONARY = pa.dictionary(pa.int32(), pa.string())
_BASE_FIELDS = [
    ("id", pa.int64()),
    ("lead_id", pa.int64()),
    ("activity_date", pa.timestamp("us")),
    ("activity_type_id", pa.int64()),
    ("primary_attribute_value", _DICTIONARY),
    ("primary_attribute_value_id", pa.int64()),
    ("campaign_id", pa.int64()),
]
SCHEMAS: dict[str, pa.Schema] = {
    "activity_visit_webpage": pa.schema(
        [
            *_BASE_FIELDS,
            ("webpage_url", _DICTIONARY),
            ("referrer_url", _DICTIONARY),
            ("query_parameters", _DICTIONARY),
        ]
    ),
    "activity_fill_out_form": pa.schema(
        [
            *_BASE_FIELDS,
            ("webpage_id", pa.int64()),
            ("referrer_url", _DICTIONARY),
            ("query_parameters", _DICTIONARY),
        ]
    ),
    "activity_change_status_in_progression": pa.schema(
        [
            *_BASE_FIELDS,
            ("old_status", _DICTIONARY),
            ("new_status", _DICTIONARY),
            ("success", pa.bool_()),
            ("reason", _DICTIONARY),
        ]
    ),
    "activity_open_email": pa.schema([*_BASE_FIELDS, ("email_template_id", pa.int64())]),
    "activity_click_email": pa.schema(
        [
            *_BASE_FIELDS,
            ("email_template_id", pa.int64()),
            ("link", _DICTIONARY),
        ]
    ),
    "activity_change_data_value": pa.schema(
        [
            ("id", pa.int64()),
            ("lead_id", pa.int64()),
            ("activity_date", pa.timestamp("us")),
            ("activity_type_id", pa.int64()),
            ("primary_attribute_value", _DICTIONARY),
            ("old_value", _DICTIONARY),
            ("new_value", _DICTIONARY),
            ("reason", _DICTIONARY),
        ]
    ),
}


def _dictionary(words, codes) -> pa.Array:
    return vocabulary(list(words), codes, dictionary=True)


def _nulls(n: int) -> pa.Array:
    return pa.nulls(n, pa.int64())


def email_names(company: Company) -> list[str]:
    programs = company.programs
    return [f"{programs.names[p]}.メール" for p in programs.send_program]


def activity_tables(
    company: Company, acts: Activities, lead_id: np.ndarray, first_id: int
) -> dict[str, pa.Table]:
    """The chunk's activities per table; ``lead_id`` per local record; ids from first_id."""
    order = np.lexsort((acts.rec, acts.t))
    acts = acts.take(order)
    ids = first_id + np.arange(acts.count, dtype=np.int64)
    programs = company.programs
    tables: dict[str, pa.Table] = {}
    for table_code, name in enumerate(TABLE_NAMES):
        rows = np.flatnonzero(acts.table == table_code)
        a = acts.take(rows)
        n = rows.size
        base = {
            "id": integers(ids[rows]),
            "lead_id": integers(lead_id[a.rec]),
            "activity_date": timestamps(a.t),
            "activity_type_id": integers(np.full(n, MARKETO_ACTIVITY_TYPE_IDS[name])),
        }
        if table_code == VISIT:
            referrer, query = a.aux // N_QUERIES, a.aux % N_QUERIES
            columns = {
                **base,
                "primary_attribute_value": _dictionary(PAGE_PATHS, a.code),
                "primary_attribute_value_id": integers(PAGE_ID_BASE + a.code),
                "campaign_id": _nulls(n),
                "webpage_url": _dictionary([catalog.SITE + p for p in PAGE_PATHS], a.code),
                "referrer_url": _dictionary(
                    catalog.REFERRERS, np.where(referrer > 0, referrer, -1)
                ),
                "query_parameters": _dictionary(
                    catalog.QUERY_PARAMETERS, np.where(query > 0, query, -1)
                ),
            }
        elif table_code == FORM:
            landing = np.array(
                [page_of(catalog.FORM_LANDING_PAGE[FORM_KINDS[k]]) for k in FORM_KIND]
            )
            columns = {
                **base,
                "primary_attribute_value": _dictionary(FORM_NAMES, a.code),
                "primary_attribute_value_id": integers(FORM_ID_BASE + a.code),
                "campaign_id": _nulls(n),
                "webpage_id": integers(PAGE_ID_BASE + landing[a.code]),
                "referrer_url": _dictionary(catalog.REFERRERS, np.full(n, -1)),
                "query_parameters": _dictionary(catalog.QUERY_PARAMETERS, np.full(n, -1)),
            }
        elif table_code == PROGRESSION:
            program, status = a.code // N_STATUSES, a.code % N_STATUSES
            statuses = catalog.PROGRESSION_STATUSES
            columns = {
                **base,
                "primary_attribute_value": _dictionary(programs.names, program),
                "primary_attribute_value_id": integers(programs.ids[program]),
                "campaign_id": _nulls(n),
                "old_status": _dictionary([s[1] for s in statuses], status),
                "new_status": _dictionary([s[0] for s in statuses], status),
                "success": booleans(np.ones(n, bool)),
                "reason": _dictionary([s[2] for s in statuses], status),
            }
        else:
            send = a.code
            columns = {
                **base,
                "primary_attribute_value": _dictionary(email_names(company), send),
                "primary_attribute_value_id": integers(EMAIL_ID_BASE + send),
                "campaign_id": integers(SMART_CAMPAIGN_BASE + send),
                "email_template_id": integers(TEMPLATE_ID_BASE + programs.send_kind[send]),
            }
            if table_code == CLICK:
                columns["link"] = _dictionary([catalog.SITE + p for p in PAGE_PATHS], a.aux)
            assert table_code in (OPEN, CLICK)
        tables[name] = pa.table(columns, schema=SCHEMAS[name])
    return tables


def change_data_values(
    company: Company, outcomes: Outcomes, first_id: int, rng: np.random.Generator
) -> pa.Table:
    """Marketo ``Lead Status`` changes: the MA's own and the ones synced from Salesforce."""
    log = company.log.table("marketo_status")
    records = company.records
    s = outcomes.status
    synced = s.new != catalog.S_MQL  # the MQL status came from Marketo in the first place
    sync_t = s.t[synced] + rng.integers(2 * MINUTE, 10 * MINUTE, int(synced.sum()))
    record = np.concatenate([log["record"], s.person[synced]])  # a person's own lead = index
    t = np.concatenate([log["t"], sync_t])
    new = np.concatenate([log["status"], s.new[synced]])
    reason = np.concatenate([log["reason"], np.full(sync_t.size, 2)])
    keep = t < company.window.horizon
    record, t, new, reason = record[keep], t[keep], new[keep], reason[keep]
    order = np.lexsort((reason, t, record))
    record, t, new, reason = record[order], t[order], new[order], reason[order]
    old = previous_in_group(new, starts_of(record), -1)
    np.maximum.at(records.last_activity, record, t)
    time_order = np.lexsort((record, t))
    n = t.size
    assert set(np.unique(reason)) <= {CREATED_REASON, MQL_REASON, 2}
    return pa.table(
        {
            "id": integers(first_id + np.arange(n)),
            "lead_id": integers(records.marketo_id[record[time_order]]),
            "activity_date": timestamps(t[time_order]),
            "activity_type_id": integers(
                np.full(n, MARKETO_ACTIVITY_TYPE_IDS["activity_change_data_value"])
            ),
            "primary_attribute_value": _dictionary(["Lead Status"], np.zeros(n, dtype=np.int64)),
            "old_value": _dictionary(catalog.LEAD_STATUSES, old[time_order]),
            "new_value": _dictionary(catalog.LEAD_STATUSES, new[time_order]),
            "reason": _dictionary(STATUS_REASONS, reason[time_order]),
        },
        schema=SCHEMAS["activity_change_data_value"],
    )


def leads(company: Company, outcomes: Outcomes) -> pa.Table:
    records = company.records
    people = company.people
    order = np.argsort(records.marketo_id)
    person = records.person[order]
    duplicate = records.is_duplicate[order]
    fields = person_fields(company, person, records.missing[order], records.email_style[order])
    converted = (outcomes.conversion[person] >= 0) & ~duplicate
    sfdc_type = np.where(duplicate, -1, np.where(converted, 1, 0))
    horizon = company.window.horizon
    return pa.table(
        {
            "id": integers(records.marketo_id[order]),
            "created_at": timestamps(records.created[order]),
            "updated_at": timestamps(np.minimum(records.last_activity[order], horizon - 1)),
            **fields.lead_columns("Japan"),
            "sfdc_type": vocabulary(["Lead", "Contact"], sfdc_type),
            "sfdc_lead_id": sfids(
                "lead", np.where(duplicate, -1, company.salesforce_number[person])
            ),
            "sfdc_contact_id": _only(contact_ids(outcomes, person), converted),
            "sfdc_account_id": _only(
                account_ids(company, outcomes, people.account[person]), converted
            ),
            "unsubscribed": booleans(records.unsubscribed_at[order] < horizon),
            "email_invalid": booleans(records.email_invalid[order]),
        }
    )


def _only(values: pa.Array, mask: np.ndarray) -> pa.Array:
    return pc.if_else(pa.array(mask), values, pa.scalar(None, values.type))


def programs_table(company: Company) -> pa.Table:
    p = company.programs
    has_dates = p.event_start > 0
    return pa.table(
        {
            "id": integers(p.ids),
            "name": pa.array(p.names, pa.string()),
            "type": pa.array([catalog.PROGRAM_TYPES[c] for c in p.channels], pa.string()),
            "channel": pa.array(p.channels, pa.string()),
            "created_at": timestamps(p.created),
            "start_date": jst_dates(np.where(has_dates, p.event_start, -1)),
            "end_date": jst_dates(np.where(has_dates, p.event_end, -1)),
            "_fivetran_deleted": booleans(p.deleted),
        }
    )


def memberships(acts: Activities, person: np.ndarray, duplicate: np.ndarray):
    """(person, program, status, t) of the chunk's program status changes on people's own
    leads (Salesforce campaign members come from these)."""
    rows = np.flatnonzero((acts.table == PROGRESSION) & ~duplicate[acts.rec])
    code = acts.code[rows]
    return person[acts.rec[rows]], code // N_STATUSES, code % N_STATUSES, acts.t[rows]
