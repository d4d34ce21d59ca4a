"""Identity resolution (models/intermediate/identity, marts dim_people): one person across
the MA and CRM records, checked against the sample company's truth."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.dbt


def test_people_match_the_generated_truth(built_warehouse):
    """One dim_people row per real person: duplicates merged, within the dirty-data share."""
    truth = built_warehouse.truth_row(
        f"select count(*) filter (where not is_deleted) from "
        f"{built_warehouse.truth_table('people.parquet')}"
    )[0]
    (people,) = built_warehouse.query("select count(*) from marts.dim_people")[0]
    assert abs(people - truth) <= max(5, 0.03 * truth), (people, truth)


def test_converted_leads_are_one_person_with_their_contact(built_warehouse):
    rows = built_warehouse.query(
        """
        select count(*) as converted,
               count(*) filter (where lead_rec.person_id = contact_rec.person_id) as same_person
        from staging.stg_salesforce__leads as leads
        join intermediate.int_person_records_resolved as lead_rec
            on lead_rec.record_system = 'salesforce_lead' and lead_rec.record_id = leads.lead_id
        join intermediate.int_person_records_resolved as contact_rec
            on contact_rec.record_system = 'salesforce_contact'
            and contact_rec.record_id = leads.converted_contact_id
        where leads.is_converted
        """
    )
    converted, same_person = rows[0]
    assert converted > 0
    assert same_person == converted


def test_duplicate_marketo_records_merge_into_their_person(built_warehouse):
    """People the generator duplicated (a second MA record) resolve to one dim_people row."""
    duplicated = built_warehouse.truth_row(
        f"select count(*) from {built_warehouse.truth_table('people.parquet')} "
        "where has_duplicate_record"
    )[0]
    assert duplicated > 0
    # a converted person has 3 records (MA lead, SF lead, contact); a duplicate adds more
    (multi_ma,) = built_warehouse.query(
        """
        select count(*) from (
            select person_id from intermediate.int_person_records_resolved
            where record_system = 'marketo_lead' group by person_id having count(*) > 1
        )
        """
    )[0]
    assert multi_ma >= 0.8 * duplicated, (multi_ma, duplicated)


def test_sales_generated_leads_are_flagged_from_their_source(built_warehouse):
    rows = built_warehouse.query(
        """
        select channel, bool_and(is_sales_generated), count(*)
        from marts.dim_people
        where channel in ('referral', 'sales_prospecting', 'partner')
        group by channel
        """
    )
    assert rows, "the sample company has sales-generated leads"
    assert all(flag for _, flag, _ in rows)
