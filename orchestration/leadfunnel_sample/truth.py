"""Ground truth: what really happened, for tests and benchmarks to compare the warehouse with.

Written under ``_truth/`` (landing skips names starting with ``_``):

- people.parquet: one row per real person (duplicates and deleted records included once), with
  when they reached each stage in their first cycle and the ids of their records;
- stage_events.parquet: every stage entry (person_key, cycle, stage, at);
- handoffs.parquet: every MQL handed to sales, with the first touch and the decision.

Definitions (also in summary.json):
- mql_at: the MA's Lead Status -> MQL (seconds after the score crossing); handoff_at: the
  Salesforce Status -> MQL (1-5 minutes later);
- tql/sal/sql/disqualified/recycled: Salesforce Status changes (sql = 商談化 = conversion);
  sales-generated leads are sal from their creation;
- opportunity_at: the opportunity's creation (= the conversion); customer_at / lost_at: the
  opportunity closed won / lost;
- first_contact_at / contact_attempts: completed, not deleted tasks and meetings that started,
  on the person, from handoff_at to the decision (or the next handoff, or the end).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from leadfunnel_sample import catalog
from leadfunnel_sample.columns import booleans, integers, timestamps, vocabulary
from leadfunnel_sample.grouping import starts_of
from leadfunnel_sample.ids import sfids
from leadfunnel_sample.outcomes import Outcomes
from leadfunnel_sample.people import LEAD_SOURCES
from leadfunnel_sample.sales_log import DECISION_DISQUALIFIED, DECISION_RECYCLED, DECISION_SQL
from leadfunnel_sample.simulate import MQL_REASON, Company

STAGES: tuple[str, ...] = (
    "lead",
    "mql",
    "tql",
    "sal",
    "sql",
    "opportunity",
    "customer",
    "disqualified",
    "recycled",
    "lost",
)
_STATUS_STAGE = {
    catalog.S_TQL: "tql",
    catalog.S_SAL: "sal",
    catalog.S_SQL: "sql",
    catalog.S_DISQ: "disqualified",
    catalog.S_RECYCLED: "recycled",
}
DEFINITIONS = {
    "mql_at": "Marketo Lead Status -> MQL, seconds after the score crossing",
    "handoff_at": "Salesforce lead Status -> MQL, 1-5 minutes after mql_at",
    "tql_at/sal_at/sql_at/disqualified_at/recycled_at": "Salesforce lead Status changes "
    "(TQL, 営業受入, 商談化 = conversion, 対象外, リサイクル); sales-generated leads are sal "
    "at creation",
    "opportunity_at": "opportunity created (= the conversion)",
    "customer_at/lost_at": "opportunity Closed Won / Closed Lost",
    "people.*_at": "when the person reached the stage in cycle 1 (stage_events has every "
    "cycle; a cycle starts at an MQL after recycling)",
    "fit_score": "the MA's fit, from the person's own Marketo lead fields",
    "first_contact_at/contact_attempts": "completed, not deleted tasks and started meetings on "
    "the person from handoff_at to decided_at (else the next handoff, else the end)",
    "decision": "sql (商談化), disqualified (対象外 or リサイクル: not SQL; see decision_status), "
    "or null when undecided by the end",
}


def stage_events(company: Company, outcomes: Outcomes) -> dict[str, np.ndarray]:
    people = company.people
    n = people.count
    parts = [(np.arange(n), np.ones(n, np.int64), np.zeros(n, np.int64), people.created)]
    log = company.log.table("marketo_status")
    mql = np.flatnonzero(log["reason"] == MQL_REASON)
    person = log["record"][mql]  # MQLs are only ever on a person's own lead (index = person)
    t = log["t"][mql]
    order = np.lexsort((t, person))
    person, t = person[order], t[order]
    starts = starts_of(person)
    cycle = (
        np.arange(person.size)
        - np.maximum.accumulate(np.where(starts, np.arange(person.size), 0))
        + 1
    )
    parts.append((person, cycle, np.full(person.size, STAGES.index("mql")), t))
    s = outcomes.status
    for status, stage in _STATUS_STAGE.items():
        rows = np.flatnonzero(s.new == status)
        parts.append(
            (s.person[rows], s.cycle[rows], np.full(rows.size, STAGES.index(stage)), s.t[rows])
        )
    sgl = np.flatnonzero(people.is_sales_generated)
    parts.append(
        (
            sgl,
            np.ones(sgl.size, np.int64),
            np.full(sgl.size, STAGES.index("sal")),
            people.salesforce_created[sgl],
        )
    )
    opp = company.opportunities
    conversions = company.log.table("conversion")
    conversion_cycle = np.zeros(n, np.int64)
    conversion_cycle[conversions["person"]] = conversions["cycle"]
    cycle = conversion_cycle[opp.person]
    parts.append((opp.person, cycle, np.full(opp.count, STAGES.index("opportunity")), opp.created))
    won = np.flatnonzero(opp.is_won)
    parts.append(
        (
            opp.person[won],
            cycle[won],
            np.full(won.size, STAGES.index("customer")),
            opp.closed_at[won],
        )
    )
    lost = np.flatnonzero(opp.stage == catalog.ST_LOST)
    parts.append(
        (
            opp.person[lost],
            cycle[lost],
            np.full(lost.size, STAGES.index("lost")),
            opp.closed_at[lost],
        )
    )
    person, cycle, stage, t = (np.concatenate([p[i] for p in parts]) for i in range(4))
    order = np.lexsort((stage, t, person))
    return {"person": person[order], "cycle": cycle[order], "stage": stage[order], "t": t[order]}


def touches(company: Company, task_deleted: np.ndarray, task_order: np.ndarray):
    """(person, time) of every touch, sorted."""
    tasks = company.log.table("task")
    person = tasks["person"][task_order]
    completed = tasks["completed"][task_order]
    done = (completed >= 0) & ~task_deleted
    meetings = company.log.table("meeting")
    live = ~company.dirt.deleted[meetings["person"]]
    person = np.concatenate([person[done], meetings["person"][live]])
    t = np.concatenate([completed[done], meetings["start"][live]])
    order = np.lexsort((t, person))
    return person[order], t[order]


def handoffs(company: Company, task_deleted: np.ndarray, task_order: np.ndarray):
    h = company.log.table("handoff")
    order = np.lexsort((h["cycle"], h["person"]))
    h = {k: v[order] for k, v in h.items()}
    horizon = company.window.horizon
    next_same = np.r_[h["person"][1:] == h["person"][:-1], False]
    following = np.r_[h["handoff_at"][1:], horizon]
    end = np.where(h["decided_at"] >= 0, h["decided_at"], np.where(next_same, following, horizon))
    person, t = touches(company, task_deleted, task_order)
    shift = 1 << 33
    key = person * shift + t
    low = np.searchsorted(key, h["person"] * shift + h["handoff_at"], side="left")
    high = np.searchsorted(key, h["person"] * shift + end, side="right")
    attempts = high - low
    first = np.full(attempts.size, -1, dtype=np.int64)
    touched = attempts > 0
    first[touched] = t[low[touched]]
    return h, first, attempts


def people_table(
    company: Company, outcomes: Outcomes, events: dict[str, np.ndarray], account_id
) -> pa.Table:
    people = company.people
    n = people.count
    first = np.full((len(STAGES), n), -1, dtype=np.int64)
    # events are sorted by person, time: the first cycle-1 row per (stage, person) wins
    for stage in range(len(STAGES)):
        rows = np.flatnonzero((events["stage"] == stage) & (events["cycle"] == 1))
        p = events["person"][rows]
        head = rows[starts_of(p)] if rows.size else rows
        first[stage, events["person"][head]] = events["t"][head]
    mql_count = np.bincount(events["person"][events["stage"] == STAGES.index("mql")], minlength=n)
    records = company.records
    has_duplicate = np.zeros(n, bool)
    has_duplicate[company.dirt.duplicate_person] = True
    converted = outcomes.conversion >= 0
    columns = {
        "person_key": integers(np.arange(1, n + 1)),
        "marketo_lead_id": integers(records.marketo_id[:n]),
        "sf_lead_id": sfids("lead", company.salesforce_number),
        "sf_contact_id": sfids("contact", np.where(converted, outcomes.conversion + 1, -1)),
        "sf_account_id": account_id,
        "email": people.email,
        "lead_source": vocabulary(LEAD_SOURCES, people.lead_source),
        "is_sales_generated": booleans(people.is_sales_generated),
        "fit_score": integers(records.fit[:n]),
        "created_at": timestamps(people.created),
    }
    for stage, name in enumerate(STAGES):
        columns[f"{name}_at"] = timestamps(first[stage])
    columns["mql_count"] = integers(mql_count)
    columns["has_duplicate_record"] = booleans(has_duplicate)
    columns["is_deleted"] = booleans(company.dirt.deleted)
    return pa.table(columns)


def stage_events_table(events: dict[str, np.ndarray]) -> pa.Table:
    return pa.table(
        {
            "person_key": integers(events["person"] + 1),
            "cycle": integers(events["cycle"]),
            "stage": vocabulary(STAGES, events["stage"]),
            "at": timestamps(events["t"]),
        }
    )


def handoffs_table(company: Company, h, first, attempts) -> pa.Table:
    decision = np.select(
        [
            h["decision"] == DECISION_SQL,
            np.isin(h["decision"], [DECISION_DISQUALIFIED, DECISION_RECYCLED]),
        ],
        [0, 1],
        -1,
    )
    status = np.select(
        [
            h["decision"] == DECISION_SQL,
            h["decision"] == DECISION_DISQUALIFIED,
            h["decision"] == DECISION_RECYCLED,
        ],
        [catalog.S_SQL, catalog.S_DISQ, catalog.S_RECYCLED],
        -1,
    )
    return pa.table(
        {
            "person_key": integers(h["person"] + 1),
            "cycle": integers(h["cycle"]),
            "mql_at": timestamps(h["mql_at"]),
            "handoff_at": timestamps(h["handoff_at"]),
            "owner_user_id": vocabulary(company.org.user_ids, h["owner"]),
            "first_contact_at": timestamps(first),
            "contact_attempts": integers(attempts),
            "decision": vocabulary(["sql", "disqualified"], decision),
            "decision_status": vocabulary(catalog.LEAD_STATUSES, status),
            "decided_at": timestamps(h["decided_at"]),
        }
    )
