"""Marketing behaviour in the MA: web visits, forms, program registrations and attendance,
e-mail opens and clicks, for the Marketo leads of one chunk of people.

Every Marketo lead gets:
- the activity that created it (an inquiry or download form, a seminar/webinar registration,
  a trade-show booth visit imported after the show; none for leads synced from Salesforce);
- newsletter opens and clicks (a click also views the linked page) while subscribed;
- web sessions: a quiet baseline (blog, home, news) plus research bursts rich in product,
  case-study and pricing pages, sometimes ending in a form (downloads, consultation requests,
  inquiries); a consultation request registers for that month's consultation program;
- registrations for seminars and webinars, then Attended / No Show / Attended On-demand.
Better-fitting people are more interested (people.interest), so they engage more.
All of it is generated as arrays; nothing loops over people or activities.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.config import DAY, HOUR, MINUTE, Settings
from leadfunnel_sample.grouping import group_cumsum_int, starts_of
from leadfunnel_sample.people import SOURCE_INDEX, web_time_of_day
from leadfunnel_sample.programs import Programs

VISIT, FORM, PROGRESSION, OPEN, CLICK = range(5)
TABLE_NAMES: tuple[str, ...] = (
    "activity_visit_webpage",
    "activity_fill_out_form",
    "activity_change_status_in_progression",
    "activity_open_email",
    "activity_click_email",
)

PAGE_PATHS: tuple[str, ...] = tuple(p for k in catalog.PAGE_KINDS for p in catalog.PAGES[k])
PAGE_KIND: np.ndarray = np.array(
    [i for i, k in enumerate(catalog.PAGE_KINDS) for _ in catalog.PAGES[k]], dtype=np.int64
)
FORM_KINDS: tuple[str, ...] = tuple(catalog.FORMS)
FORM_NAMES: tuple[str, ...] = tuple(n for k in FORM_KINDS for n in catalog.FORMS[k])
FORM_KIND: np.ndarray = np.array(
    [i for i, k in enumerate(FORM_KINDS) for _ in catalog.FORMS[k]], dtype=np.int64
)
N_STATUSES = len(catalog.PROGRESSION_STATUSES)
N_QUERIES = len(catalog.QUERY_PARAMETERS)


def _offsets(kinds: np.ndarray, n_kinds: int) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(kinds, minlength=n_kinds)
    return np.concatenate([[0], np.cumsum(counts)[:-1]]), counts


_PAGE_OFFSET, _PAGE_COUNT = _offsets(PAGE_KIND, len(catalog.PAGE_KINDS))
_FORM_OFFSET, _FORM_COUNT = _offsets(FORM_KIND, len(FORM_KINDS))
PAGE = {k: i for i, k in enumerate(catalog.PAGE_KINDS)}
FORM_KIND_INDEX = {k: i for i, k in enumerate(FORM_KINDS)}


def lead_time_key(rec: np.ndarray, t: np.ndarray) -> np.ndarray:
    """One int64 that sorts by lead, then time (times are epoch seconds < 2^33)."""
    return np.asarray(rec, dtype=np.int64) * (1 << 33) + np.asarray(t, dtype=np.int64)


def pick_page(kind: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return _PAGE_OFFSET[kind] + (rng.random(kind.size) * _PAGE_COUNT[kind]).astype(np.int64)


def pick_form(kind: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return _FORM_OFFSET[kind] + (rng.random(kind.size) * _FORM_COUNT[kind]).astype(np.int64)


def page_of(path: str) -> int:
    return PAGE_PATHS.index(path)


@dataclass
class Records:
    """The Marketo leads of one chunk (local index = position in these arrays)."""

    person: np.ndarray  # global person index
    created: np.ndarray
    interest: np.ndarray
    source: np.ndarray  # index into people.LEAD_SOURCES
    source_program: np.ndarray
    is_duplicate: np.ndarray
    receives_email: np.ndarray
    unsubscribed_at: np.ndarray  # epoch seconds; horizon or later = never

    @property
    def count(self) -> int:
        return self.person.size


@dataclass
class Activities:
    """Activities as arrays. ``code`` is per table: the page (visit), the form (form),
    program * N_STATUSES + status (progression), the e-mail send (open, click). ``aux`` is the
    referrer * N_QUERIES + query (visit), the linked page (click), else 0."""

    rec: np.ndarray
    t: np.ndarray
    table: np.ndarray
    code: np.ndarray
    aux: np.ndarray

    @classmethod
    def empty(cls) -> Activities:
        return cls(*(np.zeros(0, dtype=np.int64) for _ in range(5)))

    @classmethod
    def of(cls, rec, t, table, code, aux=0) -> Activities:
        n = np.asarray(rec).size
        return cls(
            np.asarray(rec, dtype=np.int64),
            np.asarray(t, dtype=np.int64),
            np.broadcast_to(np.asarray(table, dtype=np.int64), n).copy(),
            np.broadcast_to(np.asarray(code, dtype=np.int64), n).copy(),
            np.broadcast_to(np.asarray(aux, dtype=np.int64), n).copy(),
        )

    @classmethod
    def concat(cls, parts: list[Activities]) -> Activities:
        return cls(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(cls)))

    def take(self, index: np.ndarray) -> Activities:
        return Activities(*(getattr(self, f.name)[index] for f in fields(self)))

    @property
    def count(self) -> int:
        return self.rec.size

    def sorted(self) -> Activities:
        """By lead and time (ties keep their generation order): the order the MA sees them."""
        return self.take(np.argsort(lead_time_key(self.rec, self.t), kind="stable"))


def generate_behaviour(
    records: Records,
    programs: Programs,
    horizon: int,
    settings: Settings,
    rng: np.random.Generator,
) -> Activities:
    """All behaviour of the chunk's Marketo leads, sorted, within [created, horizon)."""
    parts: list[Activities] = []
    created_parts, registrations = _creation(records, rng)
    parts.append(created_parts)
    parts.append(_emails(records, programs, horizon, settings, rng))
    web, consultations = _web(records, horizon, settings, rng)
    parts.append(web)
    later = _registrations(records, programs, horizon, settings, rng)
    parts.append(later[0])
    parts.append(_attendance(registrations, programs, records, horizon, rng))
    parts.append(_attendance(later[1], programs, records, horizon, rng))
    parts.append(_consultations(consultations, programs, records, horizon, rng))
    activities = Activities.concat(parts)
    keep = (activities.t >= records.created[activities.rec]) & (activities.t < horizon)
    return activities.take(np.flatnonzero(keep)).sorted()


# ---------------------------------------------------------------------------- creation
def _creation(records: Records, rng) -> tuple[Activities, tuple[np.ndarray, ...]]:
    """The activity that created each lead, and the registrations it made (rec, t, program)."""
    c = records.created
    source = records.source
    dup = records.is_duplicate
    parts = []

    inquiry = np.flatnonzero((source == SOURCE_INDEX["Web問い合わせ"]) & ~dup)
    parts.append(
        Activities.of(
            inquiry,
            c[inquiry],
            FORM,
            pick_form(np.full(inquiry.size, FORM_KIND_INDEX["inquiry"]), rng),
        )
    )
    parts.append(
        Activities.of(
            inquiry,
            c[inquiry] + rng.integers(3, 20, inquiry.size),
            VISIT,
            page_of("/contact/thanks/"),
        )
    )

    download = np.flatnonzero(
        np.isin(source, [SOURCE_INDEX[s] for s in ("資料DL", "広告", "リスティング広告")]) | dup
    )
    kind = rng.choice(
        [FORM_KIND_INDEX[k] for k in ("case_study", "product_sheet", "white_paper")],
        download.size,
        p=[0.4, 0.35, 0.25],
    )
    parts.append(Activities.of(download, c[download], FORM, pick_form(kind, rng)))
    ads = np.isin(source[download], [SOURCE_INDEX["広告"], SOURCE_INDEX["リスティング広告"]])
    query = np.where(ads, 1, 0)  # utm cpc
    referrer = np.where(ads, 1, 0)
    parts.append(
        Activities.of(
            download,
            c[download] + rng.integers(2, 10, download.size),
            VISIT,
            pick_page(np.full(download.size, PAGE["product"]), rng),
            referrer * N_QUERIES + query,
        )
    )

    events = []
    for name, form_kind in (("セミナー", "seminar_signup"), ("ウェビナー", "webinar_signup")):
        who = np.flatnonzero((source == SOURCE_INDEX[name]) & ~dup & (records.source_program >= 0))
        parts.append(
            Activities.of(
                who, c[who], FORM, pick_form(np.full(who.size, FORM_KIND_INDEX[form_kind]), rng)
            )
        )
        events.append((who, c[who] + 2, records.source_program[who]))
    show = np.flatnonzero((source == SOURCE_INDEX["展示会"]) & ~dup & (records.source_program >= 0))
    parts.append(
        Activities.of(
            show,
            c[show],
            PROGRESSION,
            records.source_program[show] * N_STATUSES + catalog.VISITED_BOOTH,
        )
    )
    registrations = tuple(np.concatenate([e[i] for e in events]) for i in range(3))
    return Activities.concat(parts), registrations


# ---------------------------------------------------------------------------- e-mail
_LINK_KINDS = {  # per e-mail kind: page kinds a click goes to
    0: (PAGE["blog"], PAGE["product"], PAGE["case_study"], PAGE["seminar"], PAGE["pricing"]),
    1: (PAGE["seminar"],),
    2: (PAGE["case_study"],),
    3: (PAGE["product"], PAGE["pricing"]),
}


def _emails(
    records: Records, programs: Programs, horizon: int, settings: Settings, rng
) -> Activities:
    sends = programs.send_time
    if sends.size == 0:
        return Activities.empty()
    end = np.minimum(records.unsubscribed_at, horizon)
    low = np.searchsorted(sends, records.created, side="left")
    high = np.searchsorted(sends, end, side="left")
    alive = np.where(records.receives_email, np.maximum(high - low, 0), 0)
    p_open = np.clip(0.05 + 0.11 * records.interest, 0.02, 0.6)
    p_open = np.where(records.is_duplicate, 0.05, p_open)
    opens = rng.binomial(alive, p_open)
    rec = np.repeat(np.arange(records.count), opens)
    send = low[rec] + (rng.random(rec.size) * alive[rec]).astype(np.int64)
    delay = np.exp(rng.normal(np.log(3 * HOUR), 1.4, rec.size)).astype(np.int64) + 30
    t_open = sends[send] + np.minimum(delay, 20 * DAY)
    opened = Activities.of(rec, t_open, OPEN, send)

    p_click = np.clip(0.06 + 0.05 * records.interest, 0.02, 0.45)[rec]
    clicked = np.flatnonzero(rng.random(rec.size) < p_click)
    t_click = t_open[clicked] + rng.integers(5, 10 * MINUTE, clicked.size)
    kind = programs.send_kind[send[clicked]]
    link_kind = np.empty(clicked.size, dtype=np.int64)
    for k, options in _LINK_KINDS.items():
        who = np.flatnonzero(kind == k)
        link_kind[who] = np.array(options)[rng.integers(0, len(options), who.size)]
    link = pick_page(link_kind, rng)
    clicks = Activities.of(rec[clicked], t_click, CLICK, send[clicked], link)
    newsletter_query = catalog.QUERY_PARAMETERS.index("utm_source=newsletter&utm_medium=email")
    visits = Activities.of(rec[clicked], t_click + 2, VISIT, link, newsletter_query)
    return Activities.concat([opened, clicks, visits])


# ---------------------------------------------------------------------------- web
_BASELINE_KINDS = np.array([0.10, 0.02, 0.07, 0.06, 0.50, 0.25])
_BURST_KINDS = np.array([0.32, 0.11, 0.20, 0.10, 0.12, 0.15])
_FORM_IN_BURST = {
    "case_study": 0.3,
    "product_sheet": 0.25,
    "white_paper": 0.2,
    "consultation": 0.1,
    "inquiry": 0.1,
    "newsletter": 0.05,
}


def _web(records: Records, horizon: int, settings: Settings, rng):
    n = records.count
    c = records.created
    months = np.maximum(horizon - c, 0) / (30 * DAY)
    interest = records.interest
    scale = np.where(records.is_duplicate, 0.2, 1.0)

    # baseline sessions, spread over the lead's life
    base_n = rng.poisson(settings.baseline_sessions_per_month * np.sqrt(interest) * months * scale)
    base_rec = np.repeat(np.arange(n), base_n)
    base_t = c[base_rec] + (rng.random(base_rec.size) * (horizon - c[base_rec])).astype(np.int64)

    # research bursts: at creation for inbound leads, and later ones
    inbound = ~records.is_duplicate & np.isin(
        records.source,
        [
            SOURCE_INDEX[s]
            for s in (
                "Web問い合わせ",
                "資料DL",
                "広告",
                "リスティング広告",
                "セミナー",
                "ウェビナー",
            )
        ],
    )
    first = inbound & (rng.random(n) < np.clip(0.15 + 0.15 * interest, 0, 0.8))
    later = rng.poisson(settings.bursts_per_year * interest**0.7 * months / 12.0 * scale)
    burst_rec = np.concatenate([np.flatnonzero(first), np.repeat(np.arange(n), later)])
    burst_start = np.concatenate(
        [
            c[first],
            c[burst_rec[first.sum() :]]
            + (rng.random(later.sum()) * (horizon - c[burst_rec[first.sum() :]])).astype(np.int64),
        ]
    )
    sessions = 1 + rng.poisson(settings.burst_sessions * np.sqrt(interest[burst_rec]))
    session_burst = np.repeat(np.arange(burst_rec.size), sessions)
    session_rec = burst_rec[session_burst]
    spread = (rng.exponential(3.0, session_burst.size) * DAY).astype(np.int64)
    first_of_burst = starts_of(session_burst)
    spread[first_of_burst] = rng.integers(MINUTE, HOUR, first_of_burst.sum())
    burst_t = burst_start[session_burst] + spread

    rec = np.concatenate([base_rec, session_rec])
    raw = np.concatenate([base_t, burst_t])
    is_burst = np.concatenate([np.zeros(base_rec.size, bool), np.ones(session_rec.size, bool)])
    moved = web_time_of_day(raw, rng)
    start = np.where((moved >= c[rec]) & (moved < horizon), moved, raw)
    # a burst's first session right after creation stays where it is
    start[base_rec.size :][first_of_burst] = burst_t[first_of_burst]
    keep = start < horizon
    rec, start, is_burst = rec[keep], start[keep], is_burst[keep]

    # pages per session
    pages = 1 + rng.poisson(np.where(is_burst, 1.8, 0.7))
    session = np.repeat(np.arange(rec.size), pages)
    page_starts = starts_of(session)
    gaps = rng.integers(15, 240, session.size)
    gaps[page_starts] = 0
    page_t = start[session] + group_cumsum_int(gaps, page_starts)
    burst_page = is_burst[session]
    kind_p = np.where(burst_page[:, None], _BURST_KINDS[None, :], _BASELINE_KINDS[None, :])
    kind = (rng.random(session.size)[:, None] > np.cumsum(kind_p, 1)).sum(1)
    kind = np.minimum(kind, len(catalog.PAGE_KINDS) - 1)
    page = pick_page(kind, rng)
    referrer = np.where(
        page_starts,
        rng.choice(
            len(catalog.REFERRERS), session.size, p=[0.45, 0.25, 0.12, 0.04, 0.05, 0.04, 0.05]
        ),
        0,
    )
    query = np.where(page_starts & (rng.random(session.size) < 0.08), 1, 0)
    visits = Activities.of(rec[session], page_t, VISIT, page, referrer * N_QUERIES + query)

    # forms at the end of some burst sessions
    last_page = np.r_[page_starts[1:], True]
    form_p = settings.form_share_in_burst_session * np.minimum(np.sqrt(interest), 2.0)
    chosen = np.flatnonzero(
        last_page & burst_page & (rng.random(session.size) < form_p[rec[session]])
    )
    form_kind = rng.choice(
        [FORM_KIND_INDEX[k] for k in _FORM_IN_BURST],
        chosen.size,
        p=np.array(list(_FORM_IN_BURST.values())),
    )
    form_t = page_t[chosen] + rng.integers(30, 120, chosen.size)
    forms = Activities.of(rec[session[chosen]], form_t, FORM, pick_form(form_kind, rng))
    consult = form_kind == FORM_KIND_INDEX["consultation"]
    consultations = (rec[session[chosen]][consult], form_t[consult])
    return Activities.concat([visits, forms]), consultations


# ---------------------------------------------------------------------------- programs
def _registrations(records: Records, programs: Programs, horizon: int, settings: Settings, rng):
    """Later seminar/webinar registrations: a sign-up form, then Registered."""
    n = records.count
    c = records.created
    years = np.maximum(horizon - c, 0) / (365 * DAY)
    scale = np.where(records.is_duplicate, 0.0, 1.0)
    count = rng.poisson(
        settings.program_registrations_per_year * records.interest**0.6 * years * scale
    )
    rec = np.repeat(np.arange(n), count)
    t = c[rec] + (rng.random(rec.size) * (horizon - c[rec])).astype(np.int64)
    moved = web_time_of_day(t, rng)
    t = np.where((moved >= c[rec]) & (moved < horizon), moved, t)
    webinar = rng.random(rec.size) < 0.7
    program = np.full(rec.size, -1, dtype=np.int64)
    for channel, mask in (("webinar", webinar), ("seminar", ~webinar)):
        events = programs.of_channel(channel)
        who = np.flatnonzero(mask)
        if events.size == 0 or who.size == 0:
            continue
        starts = programs.event_start[events]
        position = np.searchsorted(starts, t[who] + DAY) + rng.integers(0, 3, who.size)
        ok = position < events.size
        chosen = events[np.minimum(position, events.size - 1)]
        ok &= programs.event_start[chosen] <= t[who] + 35 * DAY
        program[who[ok]] = chosen[ok]
    keep = program >= 0
    rec, t, program, webinar = rec[keep], t[keep], program[keep], webinar[keep]
    form_kind = np.where(
        webinar, FORM_KIND_INDEX["webinar_signup"], FORM_KIND_INDEX["seminar_signup"]
    )
    forms = Activities.of(rec, t, FORM, pick_form(form_kind, rng))
    return forms, (rec, t + 2, program)


def _attendance(registrations, programs: Programs, records: Records, horizon: int, rng):
    """Registered, then Attended (at the event) or No Show (ops batch after it), and for some
    webinar no-shows Attended On-demand later."""
    rec, t, program = registrations
    if rec.size == 0:
        return Activities.empty()
    registered = Activities.of(rec, t, PROGRESSION, program * N_STATUSES + catalog.REGISTERED)
    interest = records.interest[rec]
    webinar = np.array([c == "webinar" for c in programs.channels])[program]
    p_attend = np.clip(np.where(webinar, 0.45, 0.55) + 0.12 * np.log(interest), 0.15, 0.9)
    attended = rng.random(rec.size) < p_attend
    start = programs.event_start[program]
    end = programs.event_end[program]
    at = np.where(
        attended,
        start + rng.integers(0, 10 * MINUTE, rec.size),
        end + rng.integers(HOUR, 20 * HOUR, rec.size),
    )
    status = np.where(attended, catalog.ATTENDED, catalog.NO_SHOW)
    outcome = Activities.of(rec, at, PROGRESSION, program * N_STATUSES + status)
    later = np.flatnonzero(~attended & webinar & (rng.random(rec.size) < 0.25))
    on_demand = Activities.of(
        rec[later],
        at[later] + rng.integers(DAY, 14 * DAY, later.size),
        PROGRESSION,
        program[later] * N_STATUSES + catalog.ON_DEMAND,
    )
    return Activities.concat([registered, outcome, on_demand])


def _consultations(requests, programs: Programs, records: Records, horizon: int, rng):
    """A consultation request registers for that month's consultation program; the meeting
    (Attended or No Show) follows a few days later."""
    rec, t = requests
    months = programs.of_channel("consultation")
    if rec.size == 0 or months.size == 0:
        return Activities.empty()
    position = np.searchsorted(programs.event_start[months], t, side="right") - 1
    ok = position >= 0
    rec, t, program = rec[ok], t[ok], months[position[ok]]
    registered = Activities.of(
        rec, t + MINUTE, PROGRESSION, program * N_STATUSES + catalog.REGISTERED
    )
    attended = rng.random(rec.size) < 0.75
    meeting = t + rng.integers(2 * DAY, 10 * DAY, rec.size)
    status = np.where(attended, catalog.ATTENDED, catalog.NO_SHOW)
    outcome = Activities.of(rec, meeting, PROGRESSION, program * N_STATUSES + status)
    return Activities.concat([registered, outcome])
