"""The lead lifecycle (models/intermediate/lifecycle, marts/funnel): stage entries against the
sample company's truth."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.dbt


def test_first_cycle_stage_counts_match_what_the_generator_produced(built_warehouse):
    stages = ["mql", "sql", "opportunity", "customer", "disqualified"]
    truth = built_warehouse.truth_row(
        "select "
        + ", ".join(f"count({s}_at) filter (where not is_deleted)" for s in stages)
        + f" from {built_warehouse.truth_table('people.parquet')}"
    )
    found = built_warehouse.query(
        "select " + ", ".join(f"count({s}_at)" for s in stages) + " from marts.dim_people"
    )[0]
    for stage, expected, actual in zip(stages, truth, found, strict=True):
        assert expected > 0, stage
        assert abs(actual - expected) <= max(3, 0.05 * expected), (stage, expected, actual)


def test_sales_generated_leads_never_become_mqls(built_warehouse):
    (sgl_mqls,) = built_warehouse.query(
        "select count(*) from marts.dim_people where is_sales_generated and mql_at is not null"
    )[0]
    assert sgl_mqls == 0
