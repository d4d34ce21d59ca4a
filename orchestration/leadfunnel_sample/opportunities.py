"""Opportunities: created when a lead converts, then through the sales stages to won or lost.

Stages (opportunity_history): Qualification -> 提案 -> 見積 -> 交渉 -> Closed Won, or Closed
Lost (with a loss reason) at any stage. Each step takes business days; the amount is set at the
proposal and revised at the quote and negotiation; bigger companies buy bigger deals. Steps at
or after the horizon have not happened: the opportunity is still open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.calendar import BusinessCalendar
from leadfunnel_sample.config import BUSINESS_DAY_SECONDS, DAY, HOUR, MINUTE
from leadfunnel_sample.sales import lognormal
from leadfunnel_sample.sales_log import OPPORTUNITY_CALL, SalesLog


@dataclass
class Opportunities:
    """One entry per opportunity (= per conversion), in conversion order."""

    person: np.ndarray
    created: np.ndarray
    owner: np.ndarray
    stage: np.ndarray  # final stage (index into catalog.OPPORTUNITY_STAGES)
    amount: np.ndarray  # NaN = none
    close_date_t: np.ndarray  # a time on the close date
    closed_at: np.ndarray  # -1 while open
    loss_reason: np.ndarray  # -1 none
    plan: np.ndarray
    # history rows
    history_opportunity: np.ndarray
    history_stage: np.ndarray
    history_t: np.ndarray
    history_amount: np.ndarray
    history_close_t: np.ndarray

    @property
    def count(self) -> int:
        return self.person.size

    @property
    def is_won(self) -> np.ndarray:
        return self.stage == catalog.ST_WON

    @property
    def is_closed(self) -> np.ndarray:
        return self.closed_at >= 0


_ADVANCE = np.array([0.68, 0.66, 0.62, 0.5])  # Q->提案, 提案->見積, 見積->交渉, 交渉->Won
_STEP_DAYS = np.array([6.0, 9.0, 8.0, 10.0])


def build_opportunities(
    person: np.ndarray,
    created: np.ndarray,
    owner: np.ndarray,
    employees: np.ndarray,
    need: np.ndarray,
    calendar: BusinessCalendar,
    log: SalesLog,
    rng: np.random.Generator,
) -> Opportunities:
    horizon = log.horizon
    k = person.size
    order = np.argsort(created, kind="stable")
    person, created, owner, employees, need = (
        person[order],
        created[order],
        owner[order],
        employees[order],
        need[order],
    )
    plan = np.clip(
        np.searchsorted([300, 3000], employees, side="right") + rng.integers(-1, 2, k),
        0,
        len(catalog.PLANS) - 1,
    )
    base = 0.5e6 * np.power(np.maximum(employees, 1), 0.35) * np.exp(rng.normal(0, 0.4, k))
    base = np.round(base * (1 + plan), -4)

    # stage entry times: index 0 = Qualification at creation, 1..4 = later stages
    entry = np.empty((k, 5), dtype=np.int64)
    entry[:, 0] = created
    p_adv = np.clip(_ADVANCE[None, :] * np.exp(0.15 * need)[:, None], 0.05, 0.95)
    advances = rng.random((k, 4)) < p_adv
    for j in range(4):
        step = lognormal(rng, _STEP_DAYS[j] * BUSINESS_DAY_SECONDS, 0.6, k, HOUR)
        entry[:, j + 1] = calendar.add_business(entry[:, j], step)
    reached = np.cumprod(advances, axis=1).sum(axis=1)  # furthest stage index 0..4
    lost_at_stage = reached < 4
    lost_t = calendar.add_business(
        entry[np.arange(k), reached],
        lognormal(rng, 7 * BUSINESS_DAY_SECONDS, 0.7, k, HOUR),
    )
    # what has happened by the horizon
    happened = entry < horizon
    valid = np.arange(5)[None, :] <= reached[:, None]
    present = happened & valid
    current = present.sum(axis=1) - 1  # last stage entered (0..4); 4 = won
    won = (current == 4) & (reached == 4)
    lost = lost_at_stage & (lost_t < horizon) & (current == reached)
    stage = np.where(won, catalog.ST_WON, np.where(lost, catalog.ST_LOST, current))
    closed_at = np.where(won, entry[:, 4], np.where(lost, lost_t, -1))

    # amounts per stage: none or rough at Qualification, then set and revised
    amount_by_stage = np.stack(
        [
            np.where(rng.random(k) < 0.5, np.round(base * rng.uniform(0.8, 1.5, k), -4), np.nan),
            base,
            np.round(base * rng.uniform(0.85, 1.15, k), -4),
            np.round(base * rng.uniform(0.8, 1.05, k), -4),
            np.nan * np.ones(k),
        ],
        axis=1,
    )
    amount_by_stage[:, 4] = amount_by_stage[:, 3]
    expected_close = entry[:, :1] + (np.array([90, 75, 55, 35, 0]) * DAY)[None, :]
    expected_close = np.maximum(expected_close, entry + 14 * DAY)
    expected_close[:, 4] = entry[:, 4]

    history_rows = np.nonzero(present)
    h_opp, h_stage = history_rows
    h_t = entry[history_rows]
    h_amount = amount_by_stage[history_rows]
    h_close = expected_close[history_rows]
    h_stage = np.where(h_stage == 4, catalog.ST_WON, h_stage)
    lost_rows = np.flatnonzero(lost)
    h_opp = np.concatenate([h_opp, lost_rows])
    h_stage = np.concatenate([h_stage, np.full(lost_rows.size, catalog.ST_LOST)])
    h_t = np.concatenate([h_t, lost_t[lost_rows]])
    h_amount = np.concatenate([h_amount, amount_by_stage[lost_rows, current[lost_rows]]])
    h_close = np.concatenate([h_close, lost_t[lost_rows]])
    arrange = np.lexsort((h_t, h_opp))

    last_stage = np.clip(current, 0, 3)
    amount = np.where(won, amount_by_stage[:, 3], amount_by_stage[np.arange(k), last_stage])
    close_t = np.where(closed_at >= 0, closed_at, expected_close[np.arange(k), last_stage])
    loss_reason = np.where(
        lost & (rng.random(k) < 0.9),
        np.where(
            reached <= 1,
            rng.choice([0, 1, 3], k, p=[0.45, 0.35, 0.2]),  # 時期尚早, 予算なし, 機能不足
            rng.choice(
                [2, 3, 4, 1], k, p=[0.4, 0.2, 0.3, 0.1]
            ),  # 競合負け, 機能不足, 価格, 予算なし
        ),
        -1,
    )

    # sales work on the deal: a meeting at the proposal and quote, a follow-up call each stage
    for stage_index, subject in ((1, 2), (2, 3)):
        has = np.flatnonzero(present[:, stage_index])
        start = (
            calendar.add_business(
                entry[has, stage_index], rng.integers(HOUR, 2 * BUSINESS_DAY_SECONDS, has.size)
            )
            // HOUR
            * HOUR
        )
        log.add(
            "meeting",
            time_column="start",
            person=person[has],
            created=entry[has, stage_index],
            start=start,
            end=start + HOUR,
            owner=owner[has],
            subject=subject,
        )
    calls = np.nonzero(present[:, :4])
    t_call = calendar.add_business(
        entry[calls], rng.integers(HOUR, 3 * BUSINESS_DAY_SECONDS, calls[0].size)
    )
    log.add(
        "task",
        time_column="completed",
        person=person[calls[0]],
        created=t_call + rng.integers(30, 5 * MINUTE, t_call.size),
        completed=t_call,
        owner=owner[calls[0]],
        kind=OPPORTUNITY_CALL,
        disposition=1,
        due=t_call,
    )

    return Opportunities(
        person=person,
        created=created,
        owner=owner,
        stage=stage,
        amount=amount,
        close_date_t=close_t,
        closed_at=closed_at,
        loss_reason=loss_reason,
        plan=plan,
        history_opportunity=h_opp[arrange],
        history_stage=h_stage[arrange],
        history_t=h_t[arrange],
        history_amount=h_amount[arrange],
        history_close_t=h_close[arrange],
    )
