"""Scoring (models/intermediate/scoring, marts/scoring, dim_people's scores): the warehouse's
own scores find the MA's MQL moments. Hand-worked cases are dbt unit tests in
models/marts/scoring/_marts_scoring__models.yml and models/marts/core/_marts_core__models.yml."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.dbt


def test_score_crossings_agree_with_the_mas_mql_moments(built_warehouse):
    """The warehouse's own scoring finds the MA's MQL moments (same default rules)."""
    (people, agree) = built_warehouse.query(
        """
        with ma_mql as (
            select records.person_id, min(changes.activity_at) as ma_mql_at
            from staging.stg_marketo__activity_change_data_values as changes
            join intermediate.int_person_records_resolved as records
                on records.record_system = 'marketo_lead'
                and records.record_id = cast(changes.marketo_lead_id as varchar)
            where lower(changes.field_name) = 'lead status' and changes.new_value = 'MQL'
            group by records.person_id
        )
        select
            count(*),
            count(*) filter (
                where abs(epoch(people.score_qualified_at) - epoch(ma_mql.ma_mql_at)) <= 300
            )
        from ma_mql
        join marts.dim_people as people using (person_id)
        """
    )[0]
    assert people > 20
    assert agree / people >= 0.9, f"{agree} of {people} MA MQL moments found by the scores"
