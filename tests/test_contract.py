"""The raw contract is one list: the dbt macro staging reads it through is generated from it."""

from __future__ import annotations

from leadfunnel.contract import ALL_TABLES
from leadfunnel.contract_dbt import MACRO_PATH, render


def test_the_dbt_contract_macro_is_generated_from_contract_py():
    assert MACRO_PATH.read_text(encoding="utf-8") == render(), (
        "macros/raw_contract.sql is out of date: run `uv run python -m leadfunnel.contract_dbt`"
    )


def test_the_macro_lists_every_contract_column_with_its_type():
    text = render()
    for raw in ALL_TABLES:
        for name, kind in raw.columns.items():
            assert f"('{name}', '{kind}')" in text, (raw.qualified_name, name)
