"""Where every lead ended up, derived once from the simulation log for all output tables.

The Salesforce status and owner histories (with old values), each lead's final status and
owner, conversions (contact and opportunity numbers in conversion order) and the fields the
last decision left on the lead (reason, detail, BANT).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leadfunnel_sample import catalog
from leadfunnel_sample.grouping import previous_in_group, starts_of
from leadfunnel_sample.simulate import Company


@dataclass
class History:
    person: np.ndarray
    t: np.ndarray
    old: np.ndarray
    new: np.ndarray
    by: np.ndarray
    cycle: np.ndarray


@dataclass
class Outcomes:
    initial_status: np.ndarray
    final_status: np.ndarray
    final_owner: np.ndarray
    status: History
    owner: History
    conversion: np.ndarray  # per person: conversion number (0-based) or -1
    conversion_t: np.ndarray  # per person: conversion time or -1
    converted_person: np.ndarray  # per conversion, in conversion order
    reason: np.ndarray  # per person, -1 none
    detail: np.ndarray
    bant: np.ndarray  # 4-bit mask
    account_number: np.ndarray  # per account: Salesforce id number (by creation)

    def is_converted(self) -> np.ndarray:
        return self.conversion >= 0


def _history(person, t, new, by, cycle, initial) -> tuple[History, np.ndarray]:
    order = np.lexsort((np.arange(person.size), t, person))
    person, t, new, by, cycle = person[order], t[order], new[order], by[order], cycle[order]
    starts = starts_of(person)
    old = previous_in_group(new, starts, -1)
    old = np.where(starts, initial[person], old)
    final = initial.copy()
    last = np.r_[starts[1:], True] if person.size else starts
    final[person[last]] = new[last]
    return History(person, t, old, new, by, cycle), final


def derive(company: Company) -> Outcomes:
    people, log = company.people, company.log
    n = people.count
    initial_status = np.where(people.is_sales_generated, catalog.S_SAL, catalog.S_NEW)
    s = log.table("status")
    status, final_status = _history(
        s["person"], s["t"], s["status"], s["by"], s["cycle"], initial_status
    )
    o = log.table("owner")
    owner, final_owner = _history(
        o["person"],
        o["t"],
        o["owner"],
        o["by"],
        np.zeros(o["person"].size, np.int64),
        people.initial_owner,
    )

    conversions = log.table("conversion")
    order = np.lexsort((conversions["person"], conversions["t"]))
    converted_person = conversions["person"][order]
    conversion = np.full(n, -1, dtype=np.int64)
    conversion[converted_person] = np.arange(converted_person.size)
    conversion_t = np.full(n, -1, dtype=np.int64)
    conversion_t[converted_person] = conversions["t"][order]

    d = log.table("decision")
    order = np.lexsort((d["t"], d["person"]))
    reason = np.full(n, -1, dtype=np.int64)
    detail = np.full(n, -1, dtype=np.int64)
    bant = np.zeros(n, dtype=np.int64)
    last = order[np.r_[starts_of(d["person"][order])[1:], True]] if order.size else order
    reason[d["person"][last]] = d["reason"][last]
    detail[d["person"][last]] = d["detail"][last]
    bant[d["person"][last]] = d["bant"][last]
    shown = np.isin(final_status, [catalog.S_DISQ, catalog.S_RECYCLED])
    reason = np.where(shown, reason, -1)
    detail = np.where(shown, detail, -1)

    account_order = np.lexsort((np.arange(company.accounts.count), company.account_created))
    account_number = np.empty(company.accounts.count, dtype=np.int64)
    account_number[account_order] = np.arange(1, company.accounts.count + 1)
    return Outcomes(
        initial_status,
        final_status,
        final_owner,
        status,
        owner,
        conversion,
        conversion_t,
        converted_person,
        reason,
        detail,
        bant,
        account_number,
    )
