"""The simulation: build the company, then run marketing and sales chunk by chunk of people.

Per chunk: generate the Marketo leads' behaviour, score it, and loop over cycles: find MQL
crossings (while eligible), hand the MQLs to sales, and for recycled leads suppress behaviour
during a quiet period (until the score has decayed) so that a second MQL needs new behaviour.
The chunk's activities are then handed to ``emit`` (written out) and dropped from memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.accounts import (
    INDUSTRIES,
    PREFECTURES,
    Accounts,
    account_created,
    build_accounts,
    is_east,
)
from leadfunnel_sample.behaviour import Activities, Records, generate_behaviour
from leadfunnel_sample.calendar import BusinessCalendar
from leadfunnel_sample.config import (
    DAY,
    STREAM_ACCOUNTS,
    STREAM_BEHAVIOUR,
    STREAM_DIRTY,
    STREAM_OPPORTUNITIES,
    STREAM_PEOPLE,
    STREAM_RECORDS,
    STREAM_SALES,
    Settings,
    Window,
    rng_for,
)
from leadfunnel_sample.dirty import DirtyPlan, plan_dirt
from leadfunnel_sample.ids import MARKETO_LEAD_BASE
from leadfunnel_sample.opportunities import Opportunities, build_opportunities
from leadfunnel_sample.people import SOURCE_INDEX, TITLES, People, build_people
from leadfunnel_sample.programs import Programs, build_programs
from leadfunnel_sample.sales import (
    Handoffs,
    SalesGenerated,
    follow_up,
    sales_generated,
    tradeshow_thanks_calls,
)
from leadfunnel_sample.sales_log import SalesLog
from leadfunnel_sample.scoring import (
    NEVER,
    build_rule_lookup,
    first_crossing,
    fit_scores,
    score,
)
from leadfunnel_sample.seed_rules import load_fit_rules
from leadfunnel_sample.users import Org, build_org

MQL_REASON = 1
CREATED_REASON = 0


@dataclass
class MarketoRecords:
    """Every Marketo lead: one per person (index = person) plus the duplicates after them."""

    person: np.ndarray
    created: np.ndarray
    is_duplicate: np.ndarray
    marketo_id: np.ndarray
    email_style: np.ndarray
    missing: np.ndarray  # index into dirty.MISSING_FIELDS, -1 none
    email_invalid: np.ndarray
    unsubscribed_at: np.ndarray
    fit: np.ndarray  # the MA's fit from the lead's own fields
    last_activity: np.ndarray  # filled in by the simulation

    @property
    def count(self) -> int:
        return self.person.size


@dataclass
class Company:
    window: Window
    settings: Settings
    calendar: BusinessCalendar
    org: Org
    programs: Programs
    accounts: Accounts
    account_created: np.ndarray
    account_owner: np.ndarray  # a field rep of the company's region
    people: People
    dirt: DirtyPlan
    records: MarketoRecords
    salesforce_number: np.ndarray  # per person: the Salesforce lead's sequence number
    log: SalesLog
    opportunities: Opportunities | None = None


def build_company(
    people: int, window: Window, seed: int, dirty_share: float, settings: Settings
) -> Company:
    calendar = BusinessCalendar.build(
        window.start_date - timedelta(days=400), window.end_date + timedelta(days=4 * 366)
    )
    org = build_org(window)
    programs = build_programs(window, calendar)
    accounts = build_accounts(people, settings, rng_for(seed, STREAM_ACCOUNTS))
    folks = build_people(
        people, accounts, programs, org, calendar, window, settings, rng_for(seed, STREAM_PEOPLE)
    )
    dirt = plan_dirt(folks, window, dirty_share, rng_for(seed, STREAM_DIRTY))
    created = account_created(
        folks.account,
        folks.created,
        accounts.count,
        window.start,
        rng_for(seed, STREAM_ACCOUNTS, 1),
    )
    owner_rng = rng_for(seed, STREAM_ACCOUNTS, 2)
    owner = org.pick_field_reps(is_east(accounts.prefecture), created, owner_rng)
    records = _marketo_records(
        folks, accounts, dirt, window, settings, rng_for(seed, STREAM_RECORDS)
    )
    sf_order = np.argsort(folks.salesforce_created, kind="stable")
    salesforce_number = np.empty(folks.count, dtype=np.int64)
    salesforce_number[sf_order] = np.arange(1, folks.count + 1)
    return Company(
        window,
        settings,
        calendar,
        org,
        programs,
        accounts,
        created,
        owner,
        folks,
        dirt,
        records,
        salesforce_number,
        SalesLog(window.horizon),
    )


def _marketo_records(
    people: People,
    accounts: Accounts,
    dirt: DirtyPlan,
    window: Window,
    settings: Settings,
    rng: np.random.Generator,
) -> MarketoRecords:
    n = people.count
    person = np.concatenate([np.arange(n), dirt.duplicate_person])
    created = np.concatenate([people.marketo_created, dirt.duplicate_created])
    is_duplicate = np.r_[np.zeros(n, bool), np.ones(dirt.duplicate_person.size, bool)]
    order = np.lexsort((np.arange(person.size), created))
    marketo_id = np.empty(person.size, dtype=np.int64)
    marketo_id[order] = MARKETO_LEAD_BASE + 1 + np.arange(person.size)
    missing = np.concatenate([dirt.marketo_missing, np.full(dirt.duplicate_person.size, -1)])
    email_style = np.concatenate([dirt.marketo_email_style, dirt.duplicate_email_style])
    m = person.size
    invalid = rng.random(m) < settings.email_invalid_share
    unsubscribe = rng.random(m) < settings.unsubscribe_share
    unsubscribed_at = np.where(
        unsubscribe, created + (rng.random(m) * 2 * window.span).astype(np.int64), NEVER
    )

    # the MA's fit uses what the Marketo lead says (missing fields score nothing)
    account = people.account[person]
    employees = accounts.employees[account].astype(np.float64)
    employees[missing == 4] = np.nan
    industry = np.where(missing == 1, -1, accounts.industry[account])
    title = np.where(missing == 2, -1, people.title[person])
    fit = fit_scores(
        employees,
        list(INDUSTRIES),
        industry,
        TITLES,
        title,
        list(PREFECTURES),
        accounts.prefecture[account],
    )
    return MarketoRecords(
        person,
        created,
        is_duplicate,
        marketo_id,
        email_style,
        missing,
        invalid,
        unsubscribed_at,
        fit,
        created.copy(),
    )


def run(
    company: Company,
    seed: int,
    emit: Callable[[Activities, np.ndarray], None],
    progress: Callable[[str], None],
) -> None:
    """Simulate marketing and sales; ``emit(activities, global record index)`` per chunk."""
    people, settings, log = company.people, company.settings, company.log
    lookup = build_rule_lookup(company.programs)
    east = is_east(company.accounts.prefecture[people.account])
    rules = load_fit_rules()
    target = np.array([rules.industry_points.get(i, 0) > 0 for i in INDUSTRIES])
    non_target = ~target[company.accounts.industry[people.account]]

    progress("sales-generated leads")
    sgl = np.flatnonzero(people.is_sales_generated)
    sales_generated(
        SalesGenerated(
            sgl,
            people.salesforce_created[sgl],
            people.marketo_created[sgl],
            people.initial_owner[sgl],
            east[sgl],
            people.need[sgl],
        ),
        company.org,
        company.calendar,
        settings,
        log,
        rng_for(seed, STREAM_SALES, 0),
    )
    shows = np.flatnonzero(people.lead_source == SOURCE_INDEX["展示会"])
    tradeshow_thanks_calls(
        shows,
        people.salesforce_created[shows],
        company.org,
        company.calendar,
        log,
        rng_for(seed, STREAM_SALES, 1),
    )

    records = company.records
    dup_order = np.argsort(records.person[people.count :], kind="stable")
    dup_person_sorted = records.person[people.count :][dup_order]
    chunk = max(1, settings.chunk_people)
    chunks = range(0, people.count, chunk)
    for number, first in enumerate(chunks):
        last = min(first + chunk, people.count)
        progress(f"behaviour, scoring, sales: people {first + 1:,}-{last:,} of {people.count:,}")
        lo, hi = np.searchsorted(dup_person_sorted, [first, last])
        global_rec = np.concatenate([np.arange(first, last), people.count + dup_order[lo:hi]])
        acts = _simulate_chunk(company, global_rec, lookup, east, non_target, seed, number)
        if acts.count:
            np.maximum.at(records.last_activity, global_rec[acts.rec], acts.t)
        emit(acts, global_rec)

    progress("opportunities")
    conversions = log.table("conversion")
    company.opportunities = build_opportunities(
        conversions["person"],
        conversions["t"],
        conversions["owner"],
        company.accounts.employees[people.account[conversions["person"]]],
        people.need[conversions["person"]],
        company.calendar,
        log,
        rng_for(seed, STREAM_OPPORTUNITIES),
    )


def _simulate_chunk(
    company: Company, global_rec: np.ndarray, lookup, east, non_target, seed: int, number: int
) -> Activities:
    people, settings, log, records = company.people, company.settings, company.log, company.records
    horizon = company.window.horizon
    person = records.person[global_rec]
    local = Records(
        person=person,
        created=records.created[global_rec],
        interest=people.interest[person],
        source=people.lead_source[person],
        source_program=np.where(
            records.is_duplicate[global_rec], -1, people.source_program[person]
        ),
        is_duplicate=records.is_duplicate[global_rec],
        receives_email=~records.email_invalid[global_rec] & (records.missing[global_rec] != 0),
        unsubscribed_at=records.unsubscribed_at[global_rec],
    )
    acts = generate_behaviour(
        local, company.programs, horizon, settings, rng_for(seed, STREAM_BEHAVIOUR, number)
    )
    log.add(
        "marketo_status",
        record=global_rec,
        t=local.created + 1,
        status=np.where(people.is_sales_generated[person], catalog.S_SAL, catalog.S_NEW),
        reason=CREATED_REASON,
    )

    fit = records.fit[global_rec]
    eligible = (
        ~local.is_duplicate & ~people.is_sales_generated[person] & ~company.dirt.deleted[person]
    )
    eligible_from = np.where(eligible, local.created, NEVER)
    scored = score(acts, lookup, settings)
    rng = rng_for(seed, STREAM_SALES, 2, number)
    half_life = settings.engagement_half_life_days
    for cycle in range(1, settings.max_cycles + 1):
        crossing = first_crossing(scored, fit, eligible_from, settings)
        hit = np.flatnonzero(crossing >= 0)
        mql_at = scored.activities.t[crossing[hit]] + rng.integers(1, 60, hit.size)
        hit, mql_at = hit[mql_at < horizon], mql_at[mql_at < horizon]
        if hit.size == 0:
            break
        log.add(
            "marketo_status",
            record=global_rec[hit],
            t=mql_at,
            status=catalog.S_MQL,
            reason=MQL_REASON,
        )
        who = person[hit]
        recycled_at = follow_up(
            Handoffs(
                who,
                np.full(hit.size, cycle),
                mql_at,
                people.salesforce_created[who],
                people.need[who],
                fit[hit],
                east[who],
                non_target[who],
            ),
            company.org,
            company.calendar,
            settings,
            log,
            rng,
        )
        eligible_from = np.full(global_rec.size, NEVER)
        again = np.flatnonzero(recycled_at < NEVER)
        if again.size == 0:
            break
        rec = hit[again]
        at = recycled_at[again]
        level = scored.score_at(rec, at, half_life)
        decay = half_life * DAY * np.log2(np.maximum(level, 1e-9) / settings.recycle_quiet_score)
        quiet_until = at + np.maximum(settings.recycle_min_quiet_days * DAY, decay).astype(np.int64)
        quiet_until += (rng.random(rec.size) * 60 * DAY).astype(np.int64)
        until = np.full(global_rec.size, -1, dtype=np.int64)
        since = np.full(global_rec.size, NEVER, dtype=np.int64)
        until[rec], since[rec] = quiet_until, at
        acts = acts.take(np.flatnonzero(~((acts.t > since[acts.rec]) & (acts.t < until[acts.rec]))))
        # only recycled leads can qualify again: score just their behaviour
        scored = score(acts.take(np.flatnonzero(until[acts.rec] >= 0)), lookup, settings)
        eligible_from[rec] = np.where(quiet_until < horizon, quiet_until, NEVER)
    return acts
