"""People: who they are, where they work, how they came in and how interested they are.

Every person has a company (account), a Japanese name, a title that seeds/lookups/title_levels
recognizes, a business e-mail at the company's domain and a lead source. Marketing-sourced
people come in through trade shows (imported after the show), forms, seminar and webinar
registrations and ads; sales-generated people (紹介, 営業開拓, パートナー) are created in
Salesforce by a field rep. People are ordered by creation time, so ids grow with time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from leadfunnel_sample import catalog
from leadfunnel_sample import names as vocab
from leadfunnel_sample.accounts import (
    INDUSTRIES,
    PREFECTURES,
    Accounts,
    is_east,
    mobile_numbers,
)
from leadfunnel_sample.calendar import BusinessCalendar
from leadfunnel_sample.config import DAY, HOUR, JST_OFFSET, MINUTE, Settings, Window
from leadfunnel_sample.grouping import occurrence_rank
from leadfunnel_sample.programs import Programs
from leadfunnel_sample.seed_rules import load_fit_rules
from leadfunnel_sample.users import Org

LEAD_SOURCES: tuple[str, ...] = (*catalog.MARKETING_SOURCES, *catalog.SALES_SOURCES)
SOURCE_INDEX = {s: i for i, s in enumerate(LEAD_SOURCES)}
TITLE_LEVELS: tuple[str, ...] = tuple(vocab.TITLES)


def _title_vocabulary() -> tuple[list[str], np.ndarray, list[list[int]], list[list[int]]]:
    """All titles, their level, and per level the titles with and without a department."""
    titles: list[str] = []
    levels: list[int] = []
    with_department: list[list[int]] = []
    bare: list[list[int]] = []
    departments = [d for d, _ in vocab.DEPARTMENTS]
    for level, (name, options) in enumerate(vocab.TITLES.items()):
        with_department.append([])
        bare.append([])
        for title, _ in options:
            if name != "executive":
                for department in departments:
                    titles.append(f"{department} {title}".strip())
                    levels.append(level)
                    with_department[-1].append(len(titles) - 1)
            if title:
                titles.append(title)
                levels.append(level)
                bare[-1].append(len(titles) - 1)
    return titles, np.array(levels), with_department, bare


TITLES, TITLE_LEVEL_OF, _TITLES_WITH_DEPARTMENT, _TITLES_BARE = _title_vocabulary()
DEPARTMENTS: tuple[str, ...] = (*(d for d, _ in vocab.DEPARTMENTS), "役員室")


@dataclass
class People:
    """One entry per real person (arrays), ordered by ``created``."""

    account: np.ndarray
    created: np.ndarray  # the person's first record (Marketo for marketing, Salesforce for SGL)
    lead_source: np.ndarray  # index into LEAD_SOURCES
    is_sales_generated: np.ndarray
    family: np.ndarray
    given: np.ndarray
    title: np.ndarray  # index into TITLES
    department: np.ndarray  # index into DEPARTMENTS
    email: pa.Array  # clean, lower case
    phone: pa.Array
    interest: np.ndarray  # how much they engage (>0)
    need: np.ndarray  # how likely they buy (standard normal scale)
    fit_clean: np.ndarray  # fit from the true attributes
    source_program: np.ndarray  # program that brought them in (-1 none)
    marketo_created: np.ndarray
    salesforce_created: np.ndarray
    creator: np.ndarray  # user who created the Salesforce lead
    initial_owner: np.ndarray  # user

    @property
    def count(self) -> int:
        return self.created.size

    @property
    def title_level(self) -> np.ndarray:
        return TITLE_LEVEL_OF[self.title]


def _growth_times(n: int, window: Window, growth: float, rng: np.random.Generator) -> np.ndarray:
    """Times in the window with density rising linearly by ``growth`` over it."""
    u = rng.random(n)
    x = (-1.0 + np.sqrt(1.0 + 2.0 * growth * (1.0 + growth / 2.0) * u)) / growth
    return window.start + (x * window.span).astype(np.int64)


_WEB_HOURS = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 8, 10, 10, 7, 9, 10, 10, 9, 8, 6, 5, 5, 4, 3, 2],
    dtype=np.float64,
)


def web_time_of_day(t: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move each time to the same JST day at an hour drawn from a web-traffic profile."""
    p = _WEB_HOURS / _WEB_HOURS.sum()
    hours = rng.choice(24, t.size, p=p)
    day_start = (t + JST_OFFSET) // DAY * DAY - JST_OFFSET
    return day_start + hours * HOUR + rng.integers(0, HOUR, t.size)


def _business_time(t: np.ndarray, calendar: BusinessCalendar, rng: np.random.Generator):
    """The next business moment at or after t, plus a random part of a business day."""
    return calendar.add_business(t, rng.integers(0, 9 * HOUR, t.size))


def build_people(
    n: int,
    accounts: Accounts,
    programs: Programs,
    org: Org,
    calendar: BusinessCalendar,
    window: Window,
    settings: Settings,
    rng: np.random.Generator,
) -> People:
    """The people, ordered by creation time; every account gets at least one person."""
    # ---- company: every account gets one person, the rest go by buying-group weight
    first = rng.permutation(accounts.count)[: min(n, accounts.count)]
    weights = accounts.size_weight / accounts.size_weight.sum()
    rest = rng.choice(accounts.count, n - first.size, p=weights)
    account = rng.permutation(np.concatenate([first, rest]))

    # ---- lead source
    sgl = rng.random(n) < settings.sales_generated_share
    marketing_p = np.array(list(catalog.MARKETING_SOURCES.values()))
    sales_p = np.array(list(catalog.SALES_SOURCES.values()))
    source = np.where(
        sgl,
        len(catalog.MARKETING_SOURCES) + rng.choice(sales_p.size, n, p=sales_p / sales_p.sum()),
        rng.choice(marketing_p.size, n, p=marketing_p / marketing_p.sum()),
    )

    # ---- creation time by source
    created = web_time_of_day(_growth_times(n, window, 0.6, rng), rng)
    source_program = np.full(n, -1, dtype=np.int64)
    for channel, name in (("webinar", "ウェビナー"), ("seminar", "セミナー")):
        who = np.flatnonzero(source == SOURCE_INDEX[name])
        events = programs.of_channel(channel)
        starts = programs.event_start[events]
        usable = events[(starts > window.start + DAY) & (starts < window.horizon + 20 * DAY)]
        if usable.size == 0 or who.size == 0:
            continue
        position = (programs.event_start[usable] - window.start) / window.span
        grow = 1.0 + 0.6 * np.clip(position, 0.0, 1.0)
        chosen = usable[rng.choice(usable.size, who.size, p=grow / grow.sum())]
        ahead = (np.minimum(rng.exponential(8.0, who.size), 25.0) * DAY).astype(np.int64) + HOUR
        registered = programs.event_start[chosen] - ahead
        latest = window.horizon - rng.integers(MINUTE, 2 * DAY, who.size)
        registered = np.minimum(registered, latest)
        early = registered < window.start  # registered before the window: move it inside
        room = np.maximum(programs.event_start[chosen] - HOUR - window.start, MINUTE)
        registered = np.where(
            early, window.start + (rng.random(who.size) * room).astype(np.int64), registered
        )
        source_program[who] = chosen
        created[who] = registered
    shows = programs.of_channel("tradeshow")
    shows = shows[
        (programs.event_end[shows] > window.start - 5 * DAY)
        & (programs.event_end[shows] < window.horizon - 6 * DAY)
    ]
    who = np.flatnonzero(source == SOURCE_INDEX["展示会"])
    if shows.size and who.size:
        chosen = shows[rng.integers(0, shows.size, who.size)]
        imported = calendar.add_business(
            programs.event_end[chosen], rng.integers(HOUR, 4 * 9 * HOUR, who.size)
        )
        ok = (imported >= window.start) & (imported < window.horizon)
        source_program[who[ok]] = chosen[ok]
        created[who[ok]] = imported[ok]
    business = np.flatnonzero(sgl)
    created[business] = _business_time(created[business], calendar, rng)
    created = np.clip(created, window.start, window.horizon - 2 * HOUR)

    # ---- names, titles
    family_w = 1.0 / (np.arange(len(vocab.FAMILY_NAMES)) + 6.0)
    family = rng.choice(len(vocab.FAMILY_NAMES), n, p=family_w / family_w.sum())
    given = rng.integers(0, len(vocab.GIVEN_NAMES), n)
    employees = accounts.employees[account]
    level_w = np.array(list(vocab.TITLE_LEVEL_WEIGHTS.values()))[None, :].repeat(n, 0)
    level_w[:, 0] *= np.where(employees < 50, 3.0, np.where(employees < 300, 1.5, 0.7))
    level_w[:, 1] *= np.where(employees < 50, 1.5, 1.0)
    level_w /= level_w.sum(1, keepdims=True)
    level = (rng.random(n)[:, None] > np.cumsum(level_w, 1)).sum(1)
    level = np.minimum(level, len(TITLE_LEVELS) - 1)
    title = np.empty(n, dtype=np.int64)
    department = rng.choice(len(vocab.DEPARTMENTS), n, p=_weights(vocab.DEPARTMENTS))
    bare_title = rng.random(n) < 0.2
    for lv in range(len(TITLE_LEVELS)):
        options_d = np.array(_TITLES_WITH_DEPARTMENT[lv], dtype=np.int64)
        options_b = np.array(_TITLES_BARE[lv], dtype=np.int64)
        who = np.flatnonzero(level == lv)
        if options_d.size == 0:
            title[who] = options_b[rng.integers(0, options_b.size, who.size)]
            department[who] = len(DEPARTMENTS) - 1
            continue
        use_bare = bare_title[who] & (options_b.size > 0)
        pick_d = options_d.reshape(-1, len(vocab.DEPARTMENTS))  # per title, per department
        title_pick = rng.integers(0, pick_d.shape[0], who.size)
        title[who] = pick_d[title_pick, department[who]]
        if options_b.size:
            bare_pick = options_b[rng.integers(0, options_b.size, who.size)]
            title[who] = np.where(use_bare, bare_pick, title[who])

    # ---- e-mail: a local part from the romaji, unique within the company's domain
    email = _emails(account, family, given, accounts, rng)
    phone = pc.if_else(
        pa.array(rng.random(n) < 0.65),
        accounts.main_phone.take(pa.array(account)),
        mobile_numbers(n, rng),
    )

    # ---- fit from the true attributes, interest and need
    rules = load_fit_rules()
    fit = (
        rules.size_points(employees)
        + rules.points_for_values(list(INDUSTRIES), rules.industry_points)[
            accounts.industry[account]
        ]
        + rules.title_points(TITLES)[title]
        + rules.region_points_for(list(PREFECTURES))[accounts.prefecture[account]]
    )
    source_interest = np.array(
        [
            {
                "Web問い合わせ": 1.6,
                "展示会": 0.8,
                "広告": 0.85,
                "リスティング広告": 0.9,
                "セミナー": 1.2,
                "ウェビナー": 1.1,
            }.get(s, 1.0)
            for s in LEAD_SOURCES
        ]
    )
    interest = np.exp(rng.normal(0.0, 0.75, n) + 0.03 * (fit - 30)) * source_interest[source]
    need = rng.normal(0.0, 1.0, n) + 0.035 * (fit - 30) + 0.3 * np.log(interest)

    # ---- records: Marketo first for marketing people, Salesforce first for SGLs
    sync = rng.integers(5, 3 * MINUTE, n)
    marketo_created = np.where(sgl, created + rng.integers(MINUTE, 15 * MINUTE, n), created)
    salesforce_created = np.where(sgl, created, created + sync)
    east = is_east(accounts.prefecture[account])
    field_rep = org.pick_field_reps(east, created, rng)
    creator = np.where(sgl, field_rep, org.integration)
    owner = np.where(sgl, field_rep, org.pool)

    order = np.argsort(created, kind="stable")
    people = People(
        account=account[order],
        created=created[order],
        lead_source=source[order],
        is_sales_generated=sgl[order],
        family=family[order],
        given=given[order],
        title=title[order],
        department=department[order],
        email=email.take(pa.array(order)),
        phone=phone.take(pa.array(order)),
        interest=interest[order],
        need=need[order],
        fit_clean=fit[order],
        source_program=source_program[order],
        marketo_created=marketo_created[order],
        salesforce_created=salesforce_created[order],
        creator=creator[order],
        initial_owner=owner[order],
    )
    return people


def _weights(options: tuple[tuple[str, float], ...]) -> np.ndarray:
    w = np.array([weight for _, weight in options])
    return w / w.sum()


def _emails(account, family, given, accounts: Accounts, rng) -> pa.Array:
    n = account.size
    fmt = rng.choice(4, n, p=[0.5, 0.3, 0.1, 0.1])
    family_r = pa.array([r for _, r in vocab.FAMILY_NAMES]).take(pa.array(family))
    given_r = pa.array([r for _, r in vocab.GIVEN_NAMES]).take(pa.array(given))
    initial = pc.utf8_slice_codeunits(given_r, 0, 1)
    local = pc.case_when(
        pc.make_struct(pa.array(fmt == 0), pa.array(fmt == 1), pa.array(fmt == 2)),
        pc.binary_join_element_wise(given_r, family_r, "."),
        pc.binary_join_element_wise(initial, family_r, "."),
        family_r,
        pc.binary_join_element_wise(family_r, given_r, "_"),
    )
    initial_code = np.array([ord(r[0]) for _, r in vocab.GIVEN_NAMES], dtype=np.int64)[given]
    given_key = np.where(fmt == 1, 1000 + initial_code, np.where(fmt == 2, 0, given))
    key = ((account.astype(np.int64) * 4 + fmt) * 128 + family) * 2048 + given_key
    rank = occurrence_rank(key)
    suffix = pc.if_else(pa.array(rank > 0), pc.cast(pa.array(rank + 1), pa.string()), pa.scalar(""))
    domain = accounts.domain.take(pa.array(account))
    return pc.binary_join_element_wise(local, suffix, pa.scalar("@"), domain, "")
