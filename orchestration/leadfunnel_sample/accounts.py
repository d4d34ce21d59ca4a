"""Companies (Salesforce accounts): size, industry, prefecture, name and e-mail domain.

Employee counts are log-normal (median ~200) so every band of seeds/lookups/employee_bands.csv
occurs; bigger companies have more known people (ringi buying groups). Names combine a prefix,
an industry word and 株式会社; the domain is the romaji of the same parts, made unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from leadfunnel_sample import names as vocab
from leadfunnel_sample.config import DAY, HOUR, Settings
from leadfunnel_sample.grouping import occurrence_rank
from leadfunnel_sample.seed_rules import load_prefectures

EAST_REGIONS = frozenset({"hokkaido", "tohoku", "kanto", "chubu"})


@dataclass(frozen=True)
class Accounts:
    employees: np.ndarray  # int64
    revenue: np.ndarray  # float64, yen
    industry: np.ndarray  # index into INDUSTRIES
    prefecture: np.ndarray  # index into PREFECTURES
    name: pa.Array  # string
    domain: pa.Array  # string
    main_phone: pa.Array  # string
    size_weight: np.ndarray  # relative number of people

    @property
    def count(self) -> int:
        return self.employees.size


INDUSTRIES: tuple[str, ...] = tuple(vocab.INDUSTRY_WEIGHTS)
PREFECTURES: tuple[str, ...] = tuple(p for p, _, _ in load_prefectures())
PREFECTURE_REGIONS: tuple[str, ...] = tuple(r for _, _, r in load_prefectures())


def prefecture_weights() -> np.ndarray:
    named = vocab.PREFECTURE_WEIGHTS
    rest = (1.0 - sum(named.values())) / (len(PREFECTURES) - len(named))
    weights = np.array([named.get(p, rest) for p in PREFECTURES])
    return weights / weights.sum()


def is_east(prefecture: np.ndarray) -> np.ndarray:
    east = np.array([r in EAST_REGIONS for r in PREFECTURE_REGIONS])
    return east[prefecture]


def _take(values: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(values, pa.string()).take(pa.array(index))


def build_accounts(people: int, settings: Settings, rng: np.random.Generator) -> Accounts:
    count = max(1, round(people / settings.people_per_account))
    employees = np.clip(np.round(np.exp(rng.normal(np.log(120.0), 1.7, count))), 1, 400_000)
    employees = employees.astype(np.int64)
    industry_p = np.array(list(vocab.INDUSTRY_WEIGHTS.values()))
    industry = rng.choice(len(INDUSTRIES), count, p=industry_p / industry_p.sum())
    prefecture = rng.choice(len(PREFECTURES), count, p=prefecture_weights())
    revenue = np.round(employees * 2.0e7 * np.exp(rng.normal(0, 0.5, count)), -5)
    # buying-group size: grows with the company, heavy-tailed
    size_weight = np.power(employees, 0.45) * np.exp(rng.normal(0, 0.6, count))

    # names: prefix + industry core, 株式会社 in front or behind; domains from the romaji
    prefix = rng.integers(0, len(vocab.COMPANY_PREFIXES), count)
    cores = [vocab.INDUSTRY_CORES[i] for i in INDUSTRIES]
    core_count = np.array([len(c) for c in cores])
    core_local = (rng.random(count) * core_count[industry]).astype(np.int64)
    core_offset = np.concatenate([[0], np.cumsum(core_count)[:-1]])
    core = core_offset[industry] + core_local
    core_kanji = [k for c in cores for k, _ in c]
    core_romaji = [r for c in cores for _, r in c]
    front = rng.random(count) < 0.55
    prefix_kanji = _take([k for k, _ in vocab.COMPANY_PREFIXES], prefix)
    core_k = _take(core_kanji, core)
    body = pc.binary_join_element_wise(prefix_kanji, core_k, "")
    name = pc.if_else(
        pa.array(front),
        pc.binary_join_element_wise(pa.scalar("株式会社"), body, ""),
        pc.binary_join_element_wise(body, pa.scalar("株式会社"), ""),
    )
    combo = prefix * len(core_kanji) + core
    occurrence = occurrence_rank(combo)
    suffix = pc.if_else(
        pa.array(occurrence > 0),
        pc.cast(pa.array(occurrence + 1), pa.string()),
        pa.scalar(""),
    )
    domain = pc.binary_join_element_wise(
        _take([r for _, r in vocab.COMPANY_PREFIXES], prefix),
        pa.scalar("-"),
        _take(core_romaji, core),
        suffix,
        pa.scalar(".co.jp"),
        "",
    )
    area = [vocab.AREA_CODES.get(p, "0" + str(20 + i)) for i, p in enumerate(PREFECTURES)]
    main_phone = phone_numbers(_take(area, prefecture), rng)
    return Accounts(employees, revenue, industry, prefecture, name, domain, main_phone, size_weight)


def phone_numbers(area: pa.Array, rng: np.random.Generator) -> pa.Array:
    """Japanese landline numbers: 0X-XXXX-XXXX (2-digit area) or 0XX-XXX-XXXX."""
    n = len(area)
    short = pc.equal(pc.utf8_length(area), 2)
    middle4 = pc.utf8_lpad(pc.cast(pa.array(rng.integers(0, 10_000, n)), pa.string()), 4, "0")
    middle3 = pc.utf8_lpad(pc.cast(pa.array(rng.integers(100, 1_000, n)), pa.string()), 3, "0")
    last = pc.utf8_lpad(pc.cast(pa.array(rng.integers(0, 10_000, n)), pa.string()), 4, "0")
    middle = pc.if_else(short, middle4, middle3)
    return pc.binary_join_element_wise(area, middle, last, "-")


def mobile_numbers(n: int, rng: np.random.Generator) -> pa.Array:
    head = pa.array(np.where(rng.random(n) < 0.5, "090", "080"))
    middle = pc.utf8_lpad(pc.cast(pa.array(rng.integers(0, 10_000, n)), pa.string()), 4, "0")
    last = pc.utf8_lpad(pc.cast(pa.array(rng.integers(0, 10_000, n)), pa.string()), 4, "0")
    return pc.binary_join_element_wise(head, middle, last, "-")


def account_created(
    person_account: np.ndarray,
    person_created: np.ndarray,
    count: int,
    window_start: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Accounts were imported before their first known person (some before the window)."""
    first = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(first, person_account, person_created)
    lead = (rng.exponential(40.0, count) * DAY).astype(np.int64) + HOUR
    created = first - lead
    return np.maximum(created, window_start - 365 * DAY)
