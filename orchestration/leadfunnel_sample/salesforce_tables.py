"""The Salesforce objects as tables with the contract's columns (snake_case; the CSV writer
turns them into API-name headers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from leadfunnel_sample import catalog
from leadfunnel_sample import names as vocab
from leadfunnel_sample.accounts import INDUSTRIES, PREFECTURES
from leadfunnel_sample.columns import (
    booleans,
    constant,
    doubles,
    integers,
    jst_dates,
    timestamps,
    vocabulary,
)
from leadfunnel_sample.dirty import null_where, styled_emails
from leadfunnel_sample.grouping import starts_of
from leadfunnel_sample.ids import sfids
from leadfunnel_sample.outcomes import Outcomes
from leadfunnel_sample.people import DEPARTMENTS, LEAD_SOURCES, TITLES
from leadfunnel_sample.sales import DETAILS
from leadfunnel_sample.sales_log import CALL, EMAIL, OPEN_TASK, OPPORTUNITY_CALL, THANKS_CALL
from leadfunnel_sample.simulate import Company
from leadfunnel_sample.users import ROLES

COUNTRY = "日本"


def users(company: Company) -> pa.Table:
    org = company.org
    ids = org.user_ids
    role_ids = org.role_ids
    return pa.table(
        {
            "id": pa.array(ids),
            "name": pa.array([u.name for u in org.users]),
            "email": pa.array([u.email for u in org.users]),
            "department": pa.array([u.department for u in org.users]),
            "title": pa.array([u.title or None for u in org.users], pa.string()),
            "user_role_id": pa.array([role_ids[u.role] for u in org.users]),
            "manager_id": pa.array(
                [ids[u.manager] if u.manager >= 0 else None for u in org.users], pa.string()
            ),
            "is_active": pa.array([u.is_active for u in org.users]),
        }
    )


def user_roles(company: Company) -> pa.Table:
    return pa.table({"id": pa.array(company.org.role_ids), "name": pa.array(list(ROLES))})


def account_ids(company: Company, outcomes: Outcomes, account: np.ndarray) -> pa.Array:
    return sfids(
        "account", np.where(account >= 0, outcomes.account_number[np.maximum(account, 0)], -1)
    )


def accounts(company: Company, outcomes: Outcomes) -> pa.Table:
    a = company.accounts
    order = np.argsort(outcomes.account_number)
    created = company.account_created[order]
    owner = company.account_owner[order]
    user_ids = company.org.user_ids
    return pa.table(
        {
            "id": sfids("account", outcomes.account_number[order]),
            "name": a.name.take(pa.array(order)),
            "industry": vocabulary(INDUSTRIES, a.industry[order]),
            "number_of_employees": integers(a.employees[order]),
            "annual_revenue": doubles(a.revenue[order]),
            "billing_state": vocabulary(PREFECTURES, a.prefecture[order]),
            "billing_country": constant(COUNTRY, a.count),
            "owner_id": vocabulary(user_ids, owner),
            "created_date": timestamps(created),
            "is_deleted": booleans(np.zeros(a.count, bool)),
        }
    )


@dataclass
class PersonFields:
    """A person's fields as one system's record shows them (dirty where planned)."""

    email: pa.Array
    first_name: pa.Array
    last_name: pa.Array
    company: pa.Array
    title: pa.Array
    industry: pa.Array
    number_of_employees: pa.Array
    annual_revenue: pa.Array
    state: pa.Array
    phone: pa.Array
    lead_source: pa.Array

    def lead_columns(self, country: str) -> dict[str, pa.Array]:
        """The person columns of a lead record, in order (Salesforce and Marketo leads)."""
        return {
            "email": self.email,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "company": self.company,
            "title": self.title,
            "industry": self.industry,
            "number_of_employees": self.number_of_employees,
            "annual_revenue": self.annual_revenue,
            "state": self.state,
            "country": constant(country, len(self.email)),
            "phone": self.phone,
            "lead_source": self.lead_source,
        }


def person_fields(
    company: Company, person: np.ndarray, missing: np.ndarray, email_style: np.ndarray
) -> PersonFields:
    people, a = company.people, company.accounts
    account = people.account[person]
    index = pa.array(person)
    email = styled_emails(people.email.take(index), email_style)
    title_code = people.title[person]
    title = vocabulary([t or None for t in TITLES], title_code)
    return PersonFields(
        email=null_where(email, missing == 0),
        first_name=vocabulary([g for g, _ in vocab.GIVEN_NAMES], people.given[person]),
        last_name=vocabulary([f for f, _ in vocab.FAMILY_NAMES], people.family[person]),
        company=a.name.take(pa.array(account)),
        title=null_where(title, missing == 2),
        industry=null_where(vocabulary(INDUSTRIES, a.industry[account]), missing == 1),
        number_of_employees=integers(a.employees[account], missing == 4),
        annual_revenue=doubles(a.revenue[account]),
        state=vocabulary(PREFECTURES, a.prefecture[account]),
        phone=null_where(people.phone.take(index), missing == 3),
        lead_source=vocabulary(LEAD_SOURCES, people.lead_source[person]),
    )


def lead_ids(company: Company, person: np.ndarray) -> pa.Array:
    return sfids("lead", company.salesforce_number[person])


def contact_ids(outcomes: Outcomes, person: np.ndarray) -> pa.Array:
    number = outcomes.conversion[person]
    return sfids("contact", np.where(number >= 0, number + 1, -1))


def opportunity_ids(outcomes: Outcomes, person: np.ndarray) -> pa.Array:
    number = outcomes.conversion[person]
    return sfids("opportunity", np.where(number >= 0, number + 1, -1))


def leads(company: Company, outcomes: Outcomes) -> pa.Table:
    people = company.people
    person = np.argsort(company.salesforce_number)
    dirt = company.dirt
    fields = person_fields(
        company, person, dirt.salesforce_missing[person], dirt.salesforce_email_style[person]
    )
    converted = outcomes.conversion[person] >= 0
    account = np.where(converted, people.account[person], -1)
    bant = outcomes.bant[person]
    user_ids = company.org.user_ids
    return pa.table(
        {
            "id": lead_ids(company, person),
            "created_date": timestamps(people.salesforce_created[person]),
            **fields.lead_columns(COUNTRY),
            "status": vocabulary(catalog.LEAD_STATUSES, outcomes.final_status[person]),
            "owner_id": vocabulary(user_ids, outcomes.final_owner[person]),
            "is_converted": booleans(converted),
            "converted_date": jst_dates(np.where(converted, outcomes.conversion_t[person], -1)),
            "converted_account_id": account_ids(company, outcomes, account),
            "converted_contact_id": contact_ids(outcomes, person),
            "converted_opportunity_id": opportunity_ids(outcomes, person),
            "is_deleted": booleans(dirt.deleted[person]),
            "disqualification_reason_c": vocabulary(
                catalog.DISQUALIFICATION_REASONS, outcomes.reason[person]
            ),
            "disqualification_detail_c": vocabulary(DETAILS, outcomes.detail[person]),
            "bant_budget_c": booleans(bant & 1),
            "bant_authority_c": booleans(bant & 2),
            "bant_need_c": booleans(bant & 4),
            "bant_timeline_c": booleans(bant & 8),
        }
    )


def lead_history(company: Company, outcomes: Outcomes) -> pa.Table:
    people = company.people
    n = people.count
    user_ids = company.org.user_ids
    status_words = list(catalog.LEAD_STATUSES)
    s, o = outcomes.status, outcomes.owner
    converted = outcomes.converted_person
    # field: 0 created, 1 Status, 2 Owner, 3 leadConverted
    person = np.concatenate([np.arange(n), s.person, o.person, converted])
    t = np.concatenate([people.salesforce_created, s.t, o.t, outcomes.conversion_t[converted]])
    field = np.concatenate(
        [np.zeros(n), np.ones(s.person.size), np.full(o.person.size, 2), np.full(converted.size, 3)]
    ).astype(np.int64)
    by = np.concatenate([people.creator, s.by, o.by, _conversion_owner(company, outcomes)])
    # values as text: statuses and user ids share one vocabulary
    words = [*status_words, *user_ids]
    old = np.concatenate(
        [
            np.full(n, -1),
            s.old,
            np.where(o.old >= 0, o.old + len(status_words), -1),
            np.full(converted.size, -1),
        ]
    )
    new = np.concatenate(
        [np.full(n, -1), s.new, o.new + len(status_words), np.full(converted.size, -1)]
    )
    order = np.lexsort((field, person, t))
    number = np.arange(1, order.size + 1)
    return pa.table(
        {
            "id": sfids("lead_history", number),
            "lead_id": lead_ids(company, person[order]),
            "field": vocabulary(["created", "Status", "Owner", "leadConverted"], field[order]),
            "old_value": vocabulary(words, old[order]),
            "new_value": vocabulary(words, new[order]),
            "created_date": timestamps(t[order]),
            "created_by_id": vocabulary(user_ids, by[order]),
            "is_deleted": booleans(company.dirt.deleted[person[order]]),
        }
    )


def contacts(company: Company, outcomes: Outcomes) -> pa.Table:
    people = company.people
    person = outcomes.converted_person
    dirt = company.dirt
    fields = person_fields(
        company, person, dirt.salesforce_missing[person], dirt.salesforce_email_style[person]
    )
    owner = _conversion_owner(company, outcomes)
    return pa.table(
        {
            "id": contact_ids(outcomes, person),
            "account_id": account_ids(company, outcomes, people.account[person]),
            "email": fields.email,
            "first_name": fields.first_name,
            "last_name": fields.last_name,
            "title": fields.title,
            "department": vocabulary(DEPARTMENTS, people.department[person]),
            "phone": fields.phone,
            "lead_source": fields.lead_source,
            "owner_id": vocabulary(company.org.user_ids, owner),
            "created_date": timestamps(outcomes.conversion_t[person]),
            "is_deleted": booleans(np.zeros(person.size, bool)),
        }
    )


def _conversion_owner(company: Company, outcomes: Outcomes) -> np.ndarray:
    """The field rep who converted each lead, in conversion order."""
    conversions = company.log.table("conversion")
    order = np.lexsort((conversions["person"], conversions["t"]))
    return conversions["owner"][order]


def campaign_numbers(company: Company) -> np.ndarray:
    """Per program: the Salesforce campaign number it is mirrored as, -1 for none."""
    programs = company.programs
    mirrored = (
        np.array([c in catalog.CAMPAIGN_TYPES for c in programs.channels]) & ~programs.deleted
    )
    number = np.full(programs.ids.size, -1, dtype=np.int64)
    number[mirrored] = np.arange(1, mirrored.sum() + 1)
    return number


def opportunities(company: Company, outcomes: Outcomes) -> pa.Table:
    opp = company.opportunities
    people = company.people
    person = opp.person
    account = people.account[person]
    plan = vocabulary(list(catalog.PLANS), opp.plan)
    name = pc.binary_join_element_wise(
        company.accounts.name.take(pa.array(account)),
        pa.scalar(f" - {catalog.PRODUCT} "),
        plan,
        "",
    )
    stages = [s for s, _ in catalog.OPPORTUNITY_STAGES]
    probability = np.array([p for _, p in catalog.OPPORTUNITY_STAGES])[opp.stage]
    source_program = people.source_program[person]
    campaign = np.where(
        source_program >= 0, campaign_numbers(company)[np.maximum(source_program, 0)], -1
    )
    return pa.table(
        {
            "id": opportunity_ids(outcomes, person),
            "account_id": account_ids(company, outcomes, account),
            "name": name,
            "type": constant("New Business", opp.count),
            "stage_name": vocabulary(stages, opp.stage),
            "amount": doubles(opp.amount),
            "probability": doubles(probability),
            "close_date": jst_dates(opp.close_date_t),
            "created_date": timestamps(opp.created),
            "is_closed": booleans(opp.is_closed),
            "is_won": booleans(opp.is_won),
            "lead_source": vocabulary(LEAD_SOURCES, people.lead_source[person]),
            "owner_id": vocabulary(company.org.user_ids, opp.owner),
            "campaign_id": sfids("campaign", campaign),
            "loss_reason_c": vocabulary(catalog.LOSS_REASONS, opp.loss_reason),
            "is_deleted": booleans(np.zeros(opp.count, bool)),
        }
    )


def opportunity_history(company: Company, outcomes: Outcomes) -> pa.Table:
    opp = company.opportunities
    stages = [s for s, _ in catalog.OPPORTUNITY_STAGES]
    probability = np.array([p for _, p in catalog.OPPORTUNITY_STAGES])[opp.history_stage]
    order = np.lexsort((opp.history_opportunity, opp.history_t))
    person = opp.person[opp.history_opportunity[order]]
    return pa.table(
        {
            "id": sfids("opportunity_history", np.arange(1, order.size + 1)),
            "opportunity_id": opportunity_ids(outcomes, person),
            "stage_name": vocabulary(stages, opp.history_stage[order]),
            "amount": doubles(opp.history_amount[order]),
            "close_date": jst_dates(opp.history_close_t[order]),
            "probability": doubles(probability[order]),
            "created_date": timestamps(opp.history_t[order]),
            "is_deleted": booleans(np.zeros(order.size, bool)),
        }
    )


def opportunity_contact_roles(company: Company, outcomes: Outcomes) -> pa.Table:
    opp = company.opportunities
    person = opp.person
    roles = list(dict.fromkeys(catalog.CONTACT_ROLES.values()))
    level_role = np.array([roles.index(catalog.CONTACT_ROLES[level]) for level in vocab.TITLES])
    return pa.table(
        {
            "id": sfids("opportunity_contact_role", np.arange(1, opp.count + 1)),
            "opportunity_id": opportunity_ids(outcomes, person),
            "contact_id": contact_ids(outcomes, person),
            "role": vocabulary(roles, level_role[company.people.title_level[person]]),
            "is_primary": booleans(np.ones(opp.count, bool)),
        }
    )


def _who(
    company: Company, outcomes: Outcomes, person: np.ndarray, t: np.ndarray
) -> dict[str, pa.Array]:
    """The who_id / what_id / account_id columns of a sales activity: the lead before
    conversion, the contact (and opportunity, account) from the conversion on."""
    converted_at = outcomes.conversion_t[person]
    on_contact = (converted_at >= 0) & (t >= converted_at)
    who = pc.if_else(pa.array(on_contact), contact_ids(outcomes, person), lead_ids(company, person))
    what = sfids("opportunity", np.where(on_contact, outcomes.conversion[person] + 1, -1))
    account = account_ids(
        company, outcomes, np.where(on_contact, company.people.account[person], -1)
    )
    return {"who_id": who, "what_id": what, "account_id": account}


def task_order(company: Company) -> np.ndarray:
    """The order tasks are numbered in (by creation)."""
    log = company.log.table("task")
    return np.lexsort((log["person"], log["created"]))


def task_deleted(company: Company, order: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Deleted tasks (in task order): those on deleted leads, and a dirty share of the rest."""
    person = company.log.table("task")["person"][order]
    return company.dirt.deleted[person] | (rng.random(order.size) < company.dirt.task_deleted_share)


def tasks(company: Company, outcomes: Outcomes, order: np.ndarray, deleted: np.ndarray) -> pa.Table:
    log = company.log.table("task")
    task = {k: v[order] for k, v in log.items()}
    n = order.size
    kind = task["kind"]
    subjects = [
        catalog.TASK_SUBJECTS[k] for k in ("call", "email", "open", "thanks", "opportunity")
    ]
    is_email = kind == EMAIL
    completed = task["completed"]
    due = np.minimum(task["due"], company.window.horizon - 1)
    assert set(np.unique(kind)) <= {CALL, EMAIL, OPEN_TASK, THANKS_CALL, OPPORTUNITY_CALL}
    return pa.table(
        {
            "id": sfids("task", np.arange(1, n + 1)),
            **_who(company, outcomes, task["person"], task["created"]),
            "owner_id": vocabulary(company.org.user_ids, task["owner"]),
            "subject": vocabulary(subjects, kind, dictionary=False),
            "type": vocabulary(["Call", "Email"], is_email.astype(np.int64)),
            "task_subtype": vocabulary(
                ["Call", "Email", "Task"], np.where(kind == OPEN_TASK, 2, is_email.astype(np.int64))
            ),
            "status": vocabulary(["Completed", "Not Started"], (completed < 0).astype(np.int64)),
            "activity_date": jst_dates(due),
            "created_date": timestamps(task["created"]),
            "completed_date_time": timestamps(completed),
            "call_disposition": vocabulary(catalog.CALL_DISPOSITIONS, task["disposition"]),
            "is_deleted": booleans(deleted),
        }
    )


def events(company: Company, outcomes: Outcomes) -> pa.Table:
    log = company.log.table("meeting")
    order = np.lexsort((log["person"], log["created"]))
    meeting = {k: v[order] for k, v in log.items()}
    n = order.size
    return pa.table(
        {
            "id": sfids("event", np.arange(1, n + 1)),
            **_who(company, outcomes, meeting["person"], meeting["start"]),
            "owner_id": vocabulary(company.org.user_ids, meeting["owner"]),
            "subject": vocabulary(catalog.MEETING_SUBJECTS, meeting["subject"]),
            "type": constant("Meeting", n),
            "start_date_time": timestamps(meeting["start"]),
            "end_date_time": timestamps(meeting["end"]),
            "created_date": timestamps(meeting["created"]),
            "is_deleted": booleans(company.dirt.deleted[meeting["person"]]),
        }
    )


def campaigns(company: Company) -> pa.Table:
    programs = company.programs
    number = campaign_numbers(company)
    index = np.flatnonzero(number >= 0)
    horizon = company.window.horizon
    start, end = programs.event_start[index], programs.event_end[index]
    status = np.where(end < horizon, 0, np.where(start < horizon, 1, 2))
    return pa.table(
        {
            "id": sfids("campaign", number[index]),
            "name": pa.array([programs.names[i] for i in index], pa.string()),
            "type": pa.array(
                [catalog.CAMPAIGN_TYPES[programs.channels[i]] for i in index], pa.string()
            ),
            "status": vocabulary(["Completed", "In Progress", "Planned"], status),
            "start_date": jst_dates(start),
            "end_date": jst_dates(end),
            "is_active": booleans(status > 0),
            "created_date": timestamps(np.minimum(programs.created[index] + 3600, horizon - 1)),
            "is_deleted": booleans(np.zeros(index.size, bool)),
        }
    )


def campaign_members(
    company: Company,
    outcomes: Outcomes,
    person: np.ndarray,
    program: np.ndarray,
    status: np.ndarray,
    t: np.ndarray,
) -> pa.Table:
    """One member per (person, campaign) from the program status changes: the latest status,
    responded when the person attended (or visited the booth)."""
    number = campaign_numbers(company)
    keep = (number[program] >= 0) & ~company.dirt.deleted[person]
    person, program, status, t = person[keep], program[keep], status[keep], t[keep]
    order = np.lexsort((status, t, program, person))
    person, program, status, t = person[order], program[order], status[order], t[order]
    key = person * (1 << 20) + program
    starts = starts_of(key)
    group = np.cumsum(starts) - 1
    ends = np.r_[starts[1:], True] if starts.size else starts
    responded = np.isin(status, [1, 3, 4])  # Attended, Attended On-demand, Visited Booth
    first_response = np.full(int(starts.sum()), -1, dtype=np.int64)
    hits = np.flatnonzero(responded)
    first_hit = hits[starts_of(group[hits])] if hits.size else hits
    first_response[group[first_hit]] = t[first_hit]
    member_person = person[starts]
    created = np.maximum(t[starts] + 120, company.people.salesforce_created[member_person] + 60)
    live = created < company.window.horizon
    final_status = status[ends]
    statuses = [s for s, _, _ in catalog.PROGRESSION_STATUSES]
    converted_at = outcomes.conversion_t[member_person]
    contact = np.where((converted_at >= 0), outcomes.conversion[member_person] + 1, -1)
    m = int(live.sum())
    return pa.table(
        {
            "id": sfids("campaign_member", np.arange(1, m + 1)),
            "campaign_id": sfids("campaign", number[program[starts]][live]),
            "lead_id": lead_ids(company, member_person[live]),
            "contact_id": sfids("contact", contact[live]),
            "status": vocabulary(statuses, final_status[live]),
            "has_responded": booleans(first_response[live] >= 0),
            "first_responded_date": jst_dates(first_response[live]),
            "created_date": timestamps(created[live]),
            "is_deleted": booleans(np.zeros(m, bool)),
        }
    )
