"""``generate``: simulate the sample company and write its Salesforce and Marketo extracts.

Layout under ``out``: ``salesforce/<object>.csv`` (lead_history, task, event as Parquet),
``marketo/lead.csv``, ``marketo/program.csv``, ``marketo/<activity table>.parquet`` and the
ground truth under ``_truth/``. The same arguments give byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from leadfunnel.clock import business_date
from leadfunnel_sample import marketo_tables, salesforce_tables, truth
from leadfunnel_sample.behaviour import TABLE_NAMES, Activities
from leadfunnel_sample.config import (
    STREAM_RECORDS,
    STREAM_SALES,
    Settings,
    make_window,
    rng_for,
)
from leadfunnel_sample.headers import marketo_header, salesforce_header
from leadfunnel_sample.ids import MARKETO_ACTIVITY_BASE
from leadfunnel_sample.outcomes import derive
from leadfunnel_sample.simulate import build_company, run
from leadfunnel_sample.writer import ExtractWriter

SALESFORCE_ENCODINGS = {"account": "cp932", "user": "cp932", "contact": "utf-8-sig"}
TRUTH_DIR = "_truth"


@dataclass
class GenerateResult:
    """What ``generate`` wrote: file (relative path) -> rows, the truth folder, key counts."""

    out: Path
    files: dict[str, int] = field(default_factory=dict)
    truth_dir: Path = Path()
    summary: dict = field(default_factory=dict)


def generate(
    out: Path,
    people: int = 10_000,
    months: int = 24,
    end_date: date | None = None,
    seed: int = 42,
    dirty_share: float = 0.02,
    progress: Callable[[str], None] | None = None,
) -> GenerateResult:
    """Simulate a Japanese B2B SaaS company's lead funnel and write its extracts to ``out``."""
    if people < 10:
        raise ValueError(f"people must be at least 10, not {people}")
    if not 0.0 <= dirty_share <= 0.5:
        raise ValueError(f"dirty_share must be between 0 and 0.5, not {dirty_share}")
    say = progress or (lambda message: None)
    out = Path(out)
    # By default the history ends with yesterday (JST), the last complete day, like a nightly
    # extract: a history through the end of today would hold timestamps still in the future.
    end = end_date or business_date() - timedelta(days=1)
    window = make_window(end, months)
    settings = Settings()

    say(f"people: {people:,} over {months} months to {end.isoformat()}")
    company = build_company(people, window, seed, dirty_share, settings)
    writer = ExtractWriter(out)
    try:
        streams = {
            name: writer.parquet_stream(f"marketo/{name}.parquet", marketo_tables.SCHEMAS[name])
            for name in TABLE_NAMES
        }
        next_id = [MARKETO_ACTIVITY_BASE + 1]
        members: list[tuple[np.ndarray, ...]] = []

        def emit(acts: Activities, global_rec: np.ndarray) -> None:
            records = company.records
            tables = marketo_tables.activity_tables(
                company, acts, records.marketo_id[global_rec], next_id[0]
            )
            next_id[0] += acts.count
            for name, table in tables.items():
                streams[name].write(table)
            members.append(
                marketo_tables.memberships(
                    acts, records.person[global_rec], records.is_duplicate[global_rec]
                )
            )

        run(company, seed, emit, say)
        for stream in streams.values():
            stream.close()

        say("salesforce extracts")
        outcomes = derive(company)
        order = salesforce_tables.task_order(company)
        deleted_tasks = salesforce_tables.task_deleted(
            company, order, rng_for(seed, STREAM_SALES, 9)
        )
        member = [np.concatenate([m[i] for m in members]) for i in range(4)]
        sf = {
            "user": salesforce_tables.users(company),
            "user_role": salesforce_tables.user_roles(company),
            "account": salesforce_tables.accounts(company, outcomes),
            "lead": salesforce_tables.leads(company, outcomes),
            "contact": salesforce_tables.contacts(company, outcomes),
            "opportunity": salesforce_tables.opportunities(company, outcomes),
            "opportunity_history": salesforce_tables.opportunity_history(company, outcomes),
            "opportunity_contact_role": salesforce_tables.opportunity_contact_roles(
                company, outcomes
            ),
            "campaign": salesforce_tables.campaigns(company),
            "campaign_member": salesforce_tables.campaign_members(company, outcomes, *member),
        }
        for name, table in sf.items():
            writer.csv(
                f"salesforce/{name}.csv",
                table,
                [salesforce_header(c) for c in table.column_names],
                SALESFORCE_ENCODINGS.get(name, "utf-8"),
            )
        writer.parquet(
            "salesforce/lead_history.parquet", salesforce_tables.lead_history(company, outcomes)
        )
        writer.parquet(
            "salesforce/task.parquet",
            salesforce_tables.tasks(company, outcomes, order, deleted_tasks),
        )
        writer.parquet("salesforce/event.parquet", salesforce_tables.events(company, outcomes))

        say("marketo extracts")
        changes = marketo_tables.change_data_values(
            company, outcomes, next_id[0], rng_for(seed, STREAM_RECORDS, 1)
        )
        writer.parquet("marketo/activity_change_data_value.parquet", changes)
        for name, table in (
            ("lead", marketo_tables.leads(company, outcomes)),
            ("program", marketo_tables.programs_table(company)),
        ):
            writer.csv(
                f"marketo/{name}.csv", table, [marketo_header(c) for c in table.column_names]
            )

        say("ground truth")
        events = truth.stage_events(company, outcomes)
        account_id = salesforce_tables.account_ids(company, outcomes, company.people.account)
        handoffs, first_contact, attempts = truth.handoffs(company, deleted_tasks, order)
        truth_files = {
            "people": truth.people_table(company, outcomes, events, account_id),
            "stage_events": truth.stage_events_table(events),
            "handoffs": truth.handoffs_table(company, handoffs, first_contact, attempts),
        }
        for name, table in truth_files.items():
            writer.parquet(f"{TRUTH_DIR}/{name}.parquet", table)
        summary = _summary(company, outcomes, events, handoffs, writer.files, seed, dirty_share)
        truth_dir = out / TRUTH_DIR
        temporary = truth_dir / ".summary.json.tmp"
        temporary.write_text(
            json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        temporary.replace(truth_dir / "summary.json")
    finally:
        writer.close()
    data_files = {k: v for k, v in writer.files.items() if not k.startswith(TRUTH_DIR)}
    return GenerateResult(out, data_files, truth_dir, summary)


def _summary(company, outcomes, events, handoffs, files, seed, dirty_share) -> dict:
    stage = {
        name: int(np.unique(events["person"][events["stage"] == i]).size)
        for i, name in enumerate(truth.STAGES)
    }
    people = company.people
    settings = company.settings
    opp = company.opportunities
    return {
        "people": int(people.count),
        "sales_generated": int(people.is_sales_generated.sum()),
        "accounts": int(company.accounts.count),
        "marketo_leads": int(company.records.count),
        "duplicate_records": int(company.dirt.duplicate_person.size),
        "deleted_leads": int(company.dirt.deleted.sum()),
        "activities": int(sum(v for k, v in files.items() if "/activity_" in k)),
        "mql_people": stage["mql"],
        "mqls": int((events["stage"] == truth.STAGES.index("mql")).sum()),
        "handoffs": int(handoffs["person"].size),
        "tqls": stage["tql"],
        "sals": stage["sal"],
        "sqls": stage["sql"],
        "opportunities": int(opp.count),
        "customers": stage["customer"],
        "lost": stage["lost"],
        "disqualified": stage["disqualified"],
        "recycled": stage["recycled"],
        "won_amount": float(np.nansum(opp.amount[opp.is_won])),
        "window": {
            "start_date": company.window.start_date.isoformat(),
            "end_date": company.window.end_date.isoformat(),
        },
        "seed": seed,
        "dirty_share": dirty_share,
        "scoring": {
            "mql_fit_threshold": settings.mql_fit_threshold,
            "mql_engagement_threshold": settings.mql_engagement_threshold,
            "engagement_half_life_days": settings.engagement_half_life_days,
        },
        "definitions": truth.DEFINITIONS,
    }
