"""The raw contract as a dbt macro: ``macros/raw_contract.sql``, generated from ``contract.py``.

Staging reads every raw table through the macro ``raw_source`` (``macros/raw_source.sql``),
which takes the table's contract columns from ``raw_contract()`` and introspects the relation:
a column the warehouse lacks reads as a typed NULL (and the build log says so), a table it lacks
reads as no rows, deleted and inactive (history-mode) rows are left out. The contract stays the
one list of raw columns; ``tests/test_contract.py`` fails when the macro is out of date.

    uv run python -m leadfunnel.contract_dbt      # rewrite macros/raw_contract.sql
"""

from __future__ import annotations

import sys

from leadfunnel.contract import ALL_TABLES, CONNECTOR_TABLES
from leadfunnel.paths import PROJECT_DIR

MACRO_PATH = PROJECT_DIR / "macros" / "raw_contract.sql"


def render() -> str:
    """The text of ``macros/raw_contract.sql`` for the current contract."""
    lines = [
        "{#",
        "    GENERATED from orchestration/leadfunnel/contract.py by",
        "    `uv run python -m leadfunnel.contract_dbt`: do not edit by hand.",
        "    raw_contract()[source][table] = [(column, type), ...] in contract order.",
        "#}",
        "{% macro raw_contract() -%}",
        "    {{ return({",
    ]
    sources = sorted({t.source for t in ALL_TABLES})
    for source in sources:
        lines.append(f"        '{source}': {{")
        for raw in (t for t in ALL_TABLES if t.source == source):
            columns = ", ".join(f"('{name}', '{kind}')" for name, kind in raw.columns.items())
            lines.append(f"            '{raw.name}': [{columns}],")
        lines.append("        },")
    lines += ["    }) }}", "{%- endmacro %}", ""]
    connector = ", ".join(f"'{t.qualified_name}'" for t in CONNECTOR_TABLES)
    lines += [
        "{# Tables only a connector's sync has: their absence is normal, not worth a warning. #}",
        "{% macro raw_connector_tables() -%}",
        f"    {{{{ return([{connector}]) }}}}",
        "{%- endmacro %}",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    MACRO_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {MACRO_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
