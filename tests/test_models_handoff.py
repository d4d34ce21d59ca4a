"""MQL handoffs and their SLA (models/intermediate/handoff, marts/sla): handoffs against the
sample company's truth, SLA statuses against their deadlines."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.dbt


def test_handoffs_match_the_generated_handoffs(built_warehouse):
    handoffs = built_warehouse.truth_table("handoffs.parquet")
    truth = built_warehouse.truth_row(f"select count(*), count(first_contact_at) from {handoffs}")
    found = built_warehouse.query(
        "select count(*), count(first_contact_at) from marts.fct_mql_handoffs"
    )[0]
    assert truth[0] > 0
    assert abs(found[0] - truth[0]) <= max(3, 0.05 * truth[0]), (found, truth)
    assert abs(found[1] - truth[1]) <= max(3, 0.05 * truth[1]), (found, truth)


def test_sla_statuses_are_consistent_with_deadlines(built_warehouse):
    rows = built_warehouse.query(
        """
        select count(*) from marts.fct_mql_handoffs
        where (first_contact_status = 'met' and first_contact_at > first_contact_deadline_at)
           or (decision_status = 'met' and decided_at > decision_deadline_at)
           or (is_sla_compliant and 'breached' in (first_contact_status, follow_up_status,
                                                  decision_status, feedback_status))
           or business_minutes_to_first_contact > minutes_to_first_contact + 0.01
        """
    )
    assert rows[0][0] == 0
