"""Sales follow-up: MQL handoffs, inside sales calls, TQL/SAL/SQL decisions, and the
sales-generated leads field reps find themselves.

An MQL handoff: the Salesforce status becomes MQL 1-5 minutes after the MA's decision, the
assignment rule gives the lead to an inside sales rep 0-15 minutes later (sometimes a manager
does it by hand, hours later). The rep calls or e-mails within the rep's usual delay in
business time (minutes for some, days for others, never for a few), 1-6 attempts. A connected
call leads to TQL (more likely when the call came fast and the person fits), a field rep
accepts (営業受入) and meets the person, then decides: 商談化 (the lead converts) or 対象外 /
リサイクル with a reason. Unreached leads are disqualified (連絡不通) or left stale. Some
decisions come late, some never. Everything is vectorized over the handoffs of one cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.calendar import BusinessCalendar
from leadfunnel_sample.config import BUSINESS_DAY_SECONDS, DAY, HOUR, MINUTE, Settings
from leadfunnel_sample.sales_log import (
    ABSENT,
    CALL,
    CONNECTED,
    DECISION_DISQUALIFIED,
    DECISION_NONE,
    DECISION_RECYCLED,
    DECISION_SQL,
    EMAIL,
    OPEN_TASK,
    THANKS_CALL,
    VOICEMAIL,
    SalesLog,
)
from leadfunnel_sample.scoring import NEVER
from leadfunnel_sample.users import TEAM_INSIDE, Org

MAX_ATTEMPTS = 6
REASON = {r: i for i, r in enumerate(catalog.DISQUALIFICATION_REASONS)}
_DETAIL_OFFSET = np.cumsum(
    [0] + [len(catalog.DISQUALIFICATION_DETAILS[r]) for r in catalog.DISQUALIFICATION_REASONS]
)[:-1]
_DETAIL_COUNT = np.array(
    [len(catalog.DISQUALIFICATION_DETAILS[r]) for r in catalog.DISQUALIFICATION_REASONS]
)
DETAILS: tuple[str, ...] = tuple(
    d for r in catalog.DISQUALIFICATION_REASONS for d in catalog.DISQUALIFICATION_DETAILS[r]
)


@dataclass
class Handoffs:
    """MQLs to follow up (one entry each)."""

    person: np.ndarray
    cycle: np.ndarray
    mql_at: np.ndarray  # Marketo Lead Status -> MQL
    salesforce_created: np.ndarray
    need: np.ndarray
    fit: np.ndarray
    east: np.ndarray
    non_target_industry: np.ndarray

    @property
    def count(self) -> int:
        return self.person.size


def lognormal(rng, median: float, sigma: float, size, minimum: float = 0.0) -> np.ndarray:
    return np.maximum(np.exp(rng.normal(np.log(median), sigma, size)), minimum).astype(np.int64)


def _choose(rng, options: list[tuple[int, float]], size: int) -> np.ndarray:
    values = np.array([v for v, _ in options])
    weights = np.array([w for _, w in options])
    return values[rng.choice(values.size, size, p=weights / weights.sum())]


def _reasons(rng, weights: dict[str, float], size: int) -> np.ndarray:
    """A disqualification reason (index) per entry, drawn with the given weights."""
    return _choose(rng, [(REASON[r], w) for r, w in weights.items()], size)


def _after(calendar: BusinessCalendar, t: np.ndarray, rng, median, sigma, minimum) -> np.ndarray:
    """``t`` plus a lognormal delay in business time."""
    return calendar.add_business(t, lognormal(rng, median, sigma, t.size, minimum))


def _some_late(decided, eligible, calendar: BusinessCalendar, settings: Settings, horizon, rng):
    """Some decisions (of the eligible) are recorded 5-20 business days late."""
    late = eligible & (rng.random(decided.size) < settings.late_decision_share)
    delay = rng.integers(5, 20, decided.size) * BUSINESS_DAY_SECONDS
    return np.where(late, calendar.add_business(np.minimum(decided, horizon), delay), decided)


def _bant(rng, n_true: np.ndarray) -> np.ndarray:
    """A 4-bit BANT mask (budget, authority, need, timeline) with n_true bits set."""
    order = np.argsort(rng.random((n_true.size, 4)), axis=1)
    bits = (order < n_true[:, None]).astype(np.int64)
    return (bits * np.array([1, 2, 4, 8])).sum(axis=1)


def _details(rng, reason: np.ndarray, reps: dict, decider: np.ndarray):
    """Reason and free-text detail indexes, blanked when the rep skips the feedback."""
    compliance = reps["reason_compliance"][decider]
    filled = (reason >= 0) & (rng.random(reason.size) < compliance)
    safe = np.maximum(reason, 0)
    detail = _DETAIL_OFFSET[safe] + (rng.random(reason.size) * _DETAIL_COUNT[safe]).astype(np.int64)
    has_detail = (reason >= 0) & (rng.random(reason.size) < 0.75 * compliance)
    return np.where(filled, reason, -1), np.where(has_detail, detail, -1)


def _snap_to_hour(t: np.ndarray) -> np.ndarray:
    return t // HOUR * HOUR


def follow_up(
    handoffs: Handoffs,
    org: Org,
    calendar: BusinessCalendar,
    settings: Settings,
    log: SalesLog,
    rng: np.random.Generator,
) -> np.ndarray:
    """Simulate the handoffs; log what happened. Returns, per handoff, when the lead was
    recycled (NEVER if it was not, or not before the horizon)."""
    k = handoffs.count
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    horizon = log.horizon
    reps = org.rep_table()
    person = handoffs.person

    # ---- the Salesforce status and the assignment rule
    handoff_at = np.maximum(
        handoffs.mql_at + rng.integers(MINUTE, 5 * MINUTE, k), handoffs.salesforce_created + 30
    )
    live = handoff_at < horizon
    manual = rng.random(k) < 0.04
    assigned = np.where(
        manual,
        calendar.add_business(handoff_at, rng.integers(HOUR, 6 * HOUR, k)),
        handoff_at + rng.integers(0, 15 * MINUTE, k),
    )
    rep = org.pick_reps(TEAM_INSIDE, assigned, rng)
    log.add(
        "status",
        person=person,
        t=handoff_at,
        status=catalog.S_MQL,
        by=org.integration,
        cycle=handoffs.cycle,
    )
    log.add(
        "owner",
        person=person,
        t=assigned,
        owner=rep,
        by=np.where(manual, org.inside_manager, org.integration),
    )

    # ---- contact attempts
    never = rng.random(k) < reps["never_share"][rep] * np.where(handoffs.fit < 35, 1.5, 1.0)
    delay = lognormal(rng, 1.0, 0.9, k) * reps["first_contact_median"][rep]
    first = calendar.add_business(assigned, np.maximum(delay, 60).astype(np.int64))
    evening = assigned + lognormal(rng, 40 * MINUTE, 0.8, k, 2 * MINUTE)
    outside = (rng.random(k) < settings.outside_hours_share) & (evening < first)
    first = np.where(outside, evening, first)
    attempts = 1 + rng.binomial(MAX_ATTEMPTS - 1, reps["diligence"][rep])
    times = np.empty((k, MAX_ATTEMPTS), dtype=np.int64)
    times[:, 0] = first
    for j in range(1, MAX_ATTEMPTS):
        times[:, j] = _after(
            calendar, times[:, j - 1], rng, 0.4 * BUSINESS_DAY_SECONDS, 0.8, 20 * MINUTE
        )
    slot = np.arange(MAX_ATTEMPTS)[None, :]
    planned = (slot < attempts[:, None]) & ~never[:, None]
    is_call = rng.random((k, MAX_ATTEMPTS)) < np.where(slot == 0, 0.85, 0.7)
    p_connect = np.clip(0.3 + 0.06 * handoffs.need, 0.1, 0.65)[:, None]
    connects = planned & is_call & (rng.random((k, MAX_ATTEMPTS)) < p_connect)
    reached = connects.any(axis=1)
    connected_slot = np.where(reached, np.argmax(connects, axis=1), MAX_ATTEMPTS)
    done = planned & (slot <= connected_slot[:, None])
    last_slot = np.where(done.any(axis=1), MAX_ATTEMPTS - 1 - np.argmax(done[:, ::-1], axis=1), 0)
    row = np.arange(k)
    connected_at = times[row, np.minimum(connected_slot, MAX_ATTEMPTS - 1)]
    last_attempt = times[row, last_slot]

    hit = np.nonzero(done)
    voicemail = rng.random(hit[0].size) < 0.3
    disposition = np.where(
        ~is_call[hit],
        -1,
        np.where(connects[hit], CONNECTED, np.where(voicemail, VOICEMAIL, ABSENT)),
    )
    touched = times[hit]
    log.add(
        "task",
        time_column="completed",
        person=person[hit[0]],
        created=touched + rng.integers(30, 5 * MINUTE, touched.size),
        completed=touched,
        owner=rep[hit[0]],
        kind=np.where(is_call[hit], CALL, EMAIL),
        disposition=disposition,
        due=touched,
    )

    # ---- outcomes
    speed = first - handoff_at
    speed_factor = np.select(
        [speed <= 5 * MINUTE, speed <= HOUR, speed <= DAY], [1.6, 1.3, 1.0], 0.7
    )
    p_tql = np.clip(
        0.5 * reps["skill"][rep] * speed_factor * np.exp(0.35 * handoffs.need), 0.03, 0.92
    )
    tql = reached & (rng.random(k) < p_tql)
    tql_at = connected_at + rng.integers(2 * MINUTE, 20 * MINUTE, k)
    handover = _after(calendar, tql_at, rng, 2 * HOUR, 0.8, 5 * MINUTE)
    field = org.pick_field_reps(handoffs.east, handover, rng)
    sal = tql & (rng.random(k) < np.clip(0.72 + 0.1 * handoffs.need, 0.3, 0.95))
    sal_at = _after(calendar, handover, rng, 3 * HOUR, 0.8, 10 * MINUTE)
    meeting_start = _snap_to_hour(
        calendar.add_business(
            sal_at, rng.integers(BUSINESS_DAY_SECONDS // 2, 3 * BUSINESS_DAY_SECONDS, k)
        )
    )
    meeting_end = meeting_start + HOUR
    sql = sal & (
        rng.random(k)
        < np.clip(0.55 * reps["skill"][field] * np.exp(0.3 * handoffs.need), 0.08, 0.92)
    )

    # the final decision: status, time, who, reason
    status = np.full(k, -1, dtype=np.int64)
    decided = np.full(k, NEVER, dtype=np.int64)
    decider = rep.copy()
    reason = np.full(k, -1, dtype=np.int64)
    u = rng.random(k)

    # SQL after the meeting
    status[sql] = catalog.S_SQL
    decided = np.where(sql, _after(calendar, meeting_end, rng, 4 * HOUR, 0.9, 30 * MINUTE), decided)
    # accepted but not SQL: the field rep disqualifies or recycles after the meeting
    lost_after_meeting = sal & ~sql
    field_disq = lost_after_meeting & (u < 0.6)
    status[field_disq] = catalog.S_DISQ
    status[lost_after_meeting & ~field_disq] = catalog.S_RECYCLED
    reason = np.where(
        field_disq,
        _reasons(rng, {"ニーズなし": 0.3, "予算なし": 0.3, "競合採用済み": 0.4}, k),
        reason,
    )
    reason = np.where(
        lost_after_meeting & ~field_disq,
        _reasons(rng, {"時期尚早": 0.6, "予算なし": 0.4}, k),
        reason,
    )
    decided = np.where(
        lost_after_meeting,
        _after(calendar, meeting_end, rng, 0.5 * BUSINESS_DAY_SECONDS, 0.8, 30 * MINUTE),
        decided,
    )
    # TQL but the field rep does not accept
    not_accepted = tql & ~sal
    status[not_accepted] = np.where(u[not_accepted] < 0.7, catalog.S_RECYCLED, catalog.S_DISQ)
    reason = np.where(
        not_accepted, np.where(u < 0.7, REASON["時期尚早"], REASON["ニーズなし"]), reason
    )
    decided = np.where(
        not_accepted, _after(calendar, handover, rng, BUSINESS_DAY_SECONDS, 0.7, HOUR), decided
    )
    decider = np.where(tql, field, decider)
    # reached, not interested: inside sales recycles or disqualifies
    uninterested = reached & ~tql
    recycle = uninterested & (u < 0.55)
    status[recycle] = catalog.S_RECYCLED
    status[uninterested & ~recycle] = catalog.S_DISQ
    reason = np.where(
        recycle, _reasons(rng, {"時期尚早": 0.5, "予算なし": 0.35, "ニーズなし": 0.15}, k), reason
    )
    disq_reason = _reasons(
        rng, {"ニーズなし": 0.35, "競合採用済み": 0.25, "予算なし": 0.15, "情報不備": 0.1}, k
    )
    disq_reason = np.where(
        handoffs.non_target_industry & (rng.random(k) < 0.5), REASON["対象外業種"], disq_reason
    )
    reason = np.where(uninterested & ~recycle, disq_reason, reason)
    decided = np.where(
        uninterested, _after(calendar, connected_at, rng, 2 * HOUR, 1.0, 5 * MINUTE), decided
    )
    # never reached: 連絡不通, or left stale
    unreached = ~reached & (rng.random(k) < 0.75)
    status[unreached] = np.where(u[unreached] < 0.7, catalog.S_DISQ, catalog.S_RECYCLED)
    reason = np.where(unreached, REASON["連絡不通"], reason)
    after = np.where(never, assigned, last_attempt)
    decided = np.where(
        unreached,
        calendar.add_business(
            after, rng.integers(BUSINESS_DAY_SECONDS // 2, 3 * BUSINESS_DAY_SECONDS, k)
        ),
        decided,
    )

    # late and never-made decisions
    decided = _some_late(decided, status >= 0, calendar, settings, horizon, rng)
    stale = rng.random(k) < settings.stale_share
    status[stale] = -1
    decided[status < 0] = NEVER
    reason[status < 0] = -1

    # ---- log the path
    log.add(
        "status",
        person=person[tql],
        t=tql_at[tql],
        status=catalog.S_TQL,
        by=rep[tql],
        cycle=handoffs.cycle[tql],
    )
    log.add("owner", person=person[tql], t=handover[tql], owner=field[tql], by=rep[tql])
    log.add(
        "status",
        person=person[sal],
        t=sal_at[sal],
        status=catalog.S_SAL,
        by=field[sal],
        cycle=handoffs.cycle[sal],
    )
    meet = np.flatnonzero(sal)
    log.add(
        "meeting",
        time_column="start",
        person=person[meet],
        created=sal_at[meet],
        start=meeting_start[meet],
        end=meeting_end[meet],
        owner=field[meet],
        subject=rng.integers(0, 2, meet.size),
    )
    final = np.flatnonzero(status >= 0)
    log.add(
        "status",
        person=person[final],
        t=decided[final],
        status=status[final],
        by=decider[final],
        cycle=handoffs.cycle[final],
    )
    recycled = np.flatnonzero(status == catalog.S_RECYCLED)
    log.add(
        "owner",
        person=person[recycled],
        t=decided[recycled] + rng.integers(MINUTE, 10 * MINUTE, recycled.size),
        owner=org.pool,
        by=org.integration,
    )
    converted = np.flatnonzero(status == catalog.S_SQL)
    log.add(
        "conversion",
        person=person[converted],
        t=decided[converted],
        owner=field[converted],
        cycle=handoffs.cycle[converted],
    )

    # the lead fields the decision leaves: reason, detail, BANT
    n_true = np.where(
        status == catalog.S_SQL,
        _choose(rng, [(1, 0.05), (2, 0.35), (3, 0.4), (4, 0.2)], k),
        np.where(reached, _choose(rng, [(0, 0.5), (1, 0.4), (2, 0.1)], k), 0),
    )
    bant = _bant(rng, n_true)
    bant = np.where(tql & (status < 0), bant | 4, bant)  # TQL confirmed the need
    reason_out, detail_out = _details(rng, reason, reps, decider)
    when = np.where(status >= 0, decided, np.where(tql, tql_at, NEVER))
    mark = np.flatnonzero(when < NEVER)
    log.add(
        "decision",
        person=person[mark],
        t=when[mark],
        reason=reason_out[mark],
        detail=detail_out[mark],
        bant=bant[mark],
    )

    # open follow-up tasks (reminders, not touches)
    remind = np.flatnonzero(
        done.any(axis=1)
        & (rng.random(k) < settings.open_task_share)
        & ((status < 0) | (decided > last_attempt + DAY))
    )
    log.add(
        "task",
        time_column="created",
        person=person[remind],
        created=last_attempt[remind] + rng.integers(MINUTE, 10 * MINUTE, remind.size),
        completed=-1,
        owner=rep[remind],
        kind=OPEN_TASK,
        disposition=-1,
        due=calendar.next_business_day(last_attempt[remind], np.full(remind.size, 10 * HOUR)),
    )

    decision = np.select(
        [status == catalog.S_SQL, status == catalog.S_DISQ, status == catalog.S_RECYCLED],
        [DECISION_SQL, DECISION_DISQUALIFIED, DECISION_RECYCLED],
        DECISION_NONE,
    )
    decision = np.where(decided < horizon, decision, DECISION_NONE)
    keep = np.flatnonzero(live)
    log.add(
        "handoff",
        time_column=None,
        person=person[keep],
        cycle=handoffs.cycle[keep],
        mql_at=handoffs.mql_at[keep],
        handoff_at=handoff_at[keep],
        owner=rep[keep],
        decision=decision[keep],
        decided_at=np.where(decided[keep] < horizon, decided[keep], -1),
    )
    return np.where((status == catalog.S_RECYCLED) & (decided < horizon), decided, NEVER)


@dataclass
class SalesGenerated:
    person: np.ndarray
    created: np.ndarray  # Salesforce lead creation
    marketo_created: np.ndarray
    owner: np.ndarray
    east: np.ndarray
    need: np.ndarray

    @property
    def count(self) -> int:
        return self.person.size


def sales_generated(
    leads: SalesGenerated,
    org: Org,
    calendar: BusinessCalendar,
    settings: Settings,
    log: SalesLog,
    rng: np.random.Generator,
) -> None:
    """Leads a field rep created: 営業受入 from the start, meetings, then a decision; some are
    converted right away (商談化)."""
    k = leads.count
    if k == 0:
        return
    horizon = log.horizon
    reps = org.rep_table()
    person = leads.person
    immediate = rng.random(k) < 0.3

    # some are reassigned to a colleague early on, by the team's manager
    reassigned = ~immediate & (rng.random(k) < 0.2)
    reassign_at = calendar.add_business(
        leads.created, rng.integers(HOUR, 2 * BUSINESS_DAY_SECONDS, k)
    )
    other = org.pick_field_reps(leads.east, reassign_at, rng)
    reassigned &= other != leads.owner
    owner = np.where(reassigned, other, leads.owner)
    manager = np.where(leads.east, org.east_manager, org.west_manager)
    log.add(
        "owner",
        person=person[reassigned],
        t=reassign_at[reassigned],
        owner=owner[reassigned],
        by=manager[reassigned],
    )

    # a couple of calls / e-mails, then a meeting
    touches = np.where(immediate, 0, 1 + rng.binomial(2, 0.5, k))
    times = np.empty((k, 3), dtype=np.int64)
    times[:, 0] = _after(calendar, leads.created, rng, 0.5 * BUSINESS_DAY_SECONDS, 0.8, 10 * MINUTE)
    for j in range(1, 3):
        times[:, j] = _after(calendar, times[:, j - 1], rng, BUSINESS_DAY_SECONDS, 0.7, HOUR)
    hit = np.nonzero(np.arange(3)[None, :] < touches[:, None])
    t = times[hit]
    is_call = rng.random(t.size) < 0.7
    who = np.where(t < reassign_at[hit[0]], leads.owner[hit[0]], owner[hit[0]])
    log.add(
        "task",
        time_column="completed",
        person=person[hit[0]],
        created=t + rng.integers(30, 5 * MINUTE, t.size),
        completed=t,
        owner=who,
        kind=np.where(is_call, CALL, EMAIL),
        disposition=np.where(is_call, np.where(rng.random(t.size) < 0.6, CONNECTED, ABSENT), -1),
        due=t,
    )
    meeting_start = _snap_to_hour(
        calendar.add_business(
            leads.created, rng.integers(BUSINESS_DAY_SECONDS, 10 * BUSINESS_DAY_SECONDS, k)
        )
    )
    meeting_start = np.maximum(meeting_start, np.where(reassigned, reassign_at + HOUR, 0))
    scheduled = leads.created + ((meeting_start - leads.created) * rng.uniform(0.1, 0.5, k)).astype(
        np.int64
    )
    meet = np.flatnonzero(~immediate)
    log.add(
        "meeting",
        time_column="start",
        person=person[meet],
        created=scheduled[meet],
        start=meeting_start[meet],
        end=meeting_start[meet] + HOUR,
        owner=owner[meet],
        subject=rng.integers(0, 2, meet.size),
    )

    # decision
    u = rng.random(k)
    p_sql = np.clip(0.5 * reps["skill"][owner] * np.exp(0.3 * leads.need), 0.1, 0.9)
    status = np.where(
        u < p_sql,
        catalog.S_SQL,
        np.where(
            u < p_sql + 0.15, catalog.S_DISQ, np.where(u < p_sql + 0.25, catalog.S_RECYCLED, -1)
        ),
    )
    status = np.where(immediate, catalog.S_SQL, status)
    decided = _after(calendar, meeting_start + HOUR, rng, 4 * HOUR, 1.0, 30 * MINUTE)
    decided = _some_late(decided, True, calendar, settings, horizon, rng)
    decided = np.where(immediate, leads.created + rng.integers(20 * MINUTE, 2 * HOUR, k), decided)
    decided = np.maximum(decided, leads.marketo_created + 5 * MINUTE)
    reason = np.select(
        [status == catalog.S_DISQ, status == catalog.S_RECYCLED],
        [
            _reasons(rng, {"ニーズなし": 0.4, "予算なし": 0.3, "競合採用済み": 0.3}, k),
            _reasons(rng, {"時期尚早": 0.6, "予算なし": 0.4}, k),
        ],
        -1,
    )
    final = np.flatnonzero(status >= 0)
    log.add(
        "status",
        person=person[final],
        t=decided[final],
        status=status[final],
        by=owner[final],
        cycle=1,
    )
    converted = np.flatnonzero(status == catalog.S_SQL)
    log.add(
        "conversion",
        person=person[converted],
        t=decided[converted],
        owner=owner[converted],
        cycle=1,
    )
    n_true = np.where(
        status == catalog.S_SQL,
        _choose(rng, [(2, 0.4), (3, 0.4), (4, 0.2)], k),
        _choose(rng, [(0, 0.4), (1, 0.5), (2, 0.1)], k),
    )
    reason_out, detail_out = _details(rng, reason, reps, owner)
    log.add(
        "decision",
        person=person[final],
        t=decided[final],
        reason=reason_out[final],
        detail=detail_out[final],
        bant=_bant(rng, n_true)[final],
    )


def tradeshow_thanks_calls(
    person: np.ndarray,
    created: np.ndarray,
    org: Org,
    calendar: BusinessCalendar,
    log: SalesLog,
    rng: np.random.Generator,
) -> None:
    """After a trade show inside sales calls some visitors to thank them (before any MQL)."""
    called = np.flatnonzero(rng.random(person.size) < 0.15)
    t = calendar.add_business(
        created[called], rng.integers(HOUR, 3 * BUSINESS_DAY_SECONDS, called.size)
    )
    rep = org.pick_reps(TEAM_INSIDE, t, rng)
    log.add(
        "task",
        time_column="completed",
        person=person[called],
        created=t + rng.integers(30, 3 * MINUTE, called.size),
        completed=t,
        owner=rep,
        kind=THANKS_CALL,
        disposition=np.where(rng.random(called.size) < 0.4, CONNECTED, ABSENT),
        due=t,
    )
