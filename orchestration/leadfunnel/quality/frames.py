"""Reading a raw table into the pandas frame its expectations run on.

Great Expectations' SQL datasources do not work on DuckDB (DEVELOPERS.md), so each table is
read with DuckDB into pandas, only the columns the rules need, and the cross-table parts are
computed in SQL before the frame reaches pandas:

- e-mails are normalized the way the models normalize them (full-width to half-width,
  trimmed, lower-case; blank is missing), so a full-width address is not "malformed";
- stage values become ``<column>__stage_value`` (lower-cased; NULL on rows the rule does not
  cover, e.g. history rows of other fields);
- each reference becomes ``<column>__not_in_<parent>``: the id when it points at no row of
  the parent table(s), else NULL, so a failure lists the orphan ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from leadfunnel.quality.rules import Reference, StatusRule, TableRules

FULLWIDTH = "\u3000" + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
HALFWIDTH = " " + "".join(chr(c) for c in range(0x21, 0x7F))
LOADED_AT = "_loaded_at"


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class TablePlan:
    """The rules of one table that apply to what the warehouse actually holds."""

    rules: TableRules
    relation: str  # quoted schema.table
    columns: frozenset[str]
    required: tuple[str, ...]
    emails: tuple[str, ...]
    event_times: tuple[str, ...]
    statuses: tuple[StatusRule, ...]
    references: tuple[Reference, ...]
    skipped: tuple[str, ...]  # rules that could not apply, in words

    @property
    def name(self) -> str:
        return self.rules.name

    @property
    def has_key(self) -> bool:
        return self.rules.key in self.columns


def relation(schemas: Mapping[str, str], qualified: str) -> str:
    source, name = qualified.split(".")
    return f"{quote(schemas[source])}.{quote(name)}"


def plan_table(
    rules: TableRules,
    schemas: Mapping[str, str],
    columns: Mapping[str, set[str]],
) -> TablePlan:
    """Which rules apply, given ``columns`` (qualified table -> its lower-cased columns)."""
    present = frozenset(columns[rules.name])
    skipped: list[str] = []

    def have(column: str, what: str) -> bool:
        if column in present:
            return True
        skipped.append(f"{what} {column}: the table has no such column")
        return False

    references = []
    for reference in rules.references:
        missing = [p for p in reference.parents if p not in columns or "id" not in columns[p]]
        if missing:
            skipped.append(f"reference {reference.column}: {', '.join(missing)} not landed")
        elif have(reference.column, "reference"):
            references.append(reference)
    statuses = [
        rule
        for rule in rules.statuses
        if have(rule.column, "stage value") and (rule.when is None or have(rule.when[0], "filter"))
    ]
    return TablePlan(
        rules=rules,
        relation=relation(schemas, rules.name),
        columns=present,
        required=tuple(c for c in rules.required if have(c, "required field")),
        emails=tuple(c for c in rules.emails if c in present),
        event_times=tuple(c for c in rules.event_times if have(c, "timestamp")),
        statuses=tuple(statuses),
        references=tuple(references),
        skipped=tuple(skipped),
    )


def frame_sql(plan: TablePlan, schemas: Mapping[str, str], types: Mapping[str, str]) -> str:
    """The SELECT that produces ``plan``'s frame (``types``: column -> DuckDB type)."""
    selected: dict[str, str] = {}
    if plan.has_key:
        selected[plan.rules.key] = f"t.{quote(plan.rules.key)}"
    for column in plan.required:
        ref = f"t.{quote(column)}"
        text = types.get(column, "").upper() == "VARCHAR"
        selected[column] = f"nullif(trim({ref}), '')" if text else ref
    for column in plan.emails:
        selected[column] = (
            f"nullif(lower(trim(translate(t.{quote(column)}, "
            f"{literal(FULLWIDTH)}, {literal(HALFWIDTH)}))), '')"
        )
    for column in plan.event_times:
        selected[column] = f"t.{quote(column)}"
    for rule in plan.statuses:
        value = f"nullif(lower(trim(t.{quote(rule.column)})), '')"
        if rule.when is not None:
            where_column, where_value = rule.when
            value = (
                f"case when lower(trim(t.{quote(where_column)})) = "
                f"{literal(where_value.lower())} then {value} end"
            )
        selected[rule.derived] = value
    for reference in plan.references:
        ref = f"cast(t.{quote(reference.column)} as varchar)"
        absent = " and ".join(
            f"not exists (select 1 from {relation(schemas, parent)} as p "
            f"where cast(p.id as varchar) = {ref})"
            for parent in reference.parents
        )
        selected[reference.derived] = (
            f"case when nullif(trim({ref}), '') is not null and {absent} then {ref} end"
        )
    if not selected:
        selected["_row"] = "1"
    body = ",\n    ".join(f"{expr} as {quote(name)}" for name, expr in selected.items())
    return f"select\n    {body}\nfrom {plan.relation} as t"


def read_frame(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    schemas: Mapping[str, str],
    types: Mapping[str, str],
) -> pd.DataFrame:
    """``plan``'s frame, read from DuckDB."""
    return con.execute(frame_sql(plan, schemas, types)).df()


def newest_load(con: duckdb.DuckDBPyConnection, plan: TablePlan) -> datetime | None:
    """The newest ``_loaded_at`` of the table (None when it has no such column or no rows)."""
    if LOADED_AT not in plan.columns:
        return None
    (value,) = con.execute(f"select max({quote(LOADED_AT)}) from {plan.relation}").fetchone()
    return value
