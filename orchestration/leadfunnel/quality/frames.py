"""Reading a raw table into the pandas frame its expectations run on.

Great Expectations' SQL datasources do not work on DuckDB (DEVELOPERS.md), so each table is
read with DuckDB into pandas, only the columns the rules need, and the cross-table parts are
computed in SQL before the frame reaches pandas:

- the key is read twice: as it is (it must be filled on every row) and as
  ``<key>__current``, NULL on rows a connector marks deleted or as an earlier version (it must
  be unique among the rest);
- e-mails are normalized the way the models normalize them (full-width to half-width,
  trimmed, lower-case; blank is missing), so a full-width address is not "malformed";
- stage values become ``<column>__stage_value`` (lower-cased; NULL on rows the rule does not
  cover, e.g. history rows of other fields);
- each reference becomes ``<column>__not_in_<parent>``: the id when it points at no row of
  the parent table(s), else NULL, so a failure lists the orphan ids;
- each record timestamp becomes ``<column>__in_future``: the timestamp when it lies after both
  the row's own loaded-at (``_loaded_at``, else a connector's ``_fivetran_synced``; none: the
  check's ``as_of``) and ``as_of``; else NULL. A record cannot be dated after it was extracted,
  a rebuild at a past ``as_of`` does not flag rows landed after it, and a row dated before
  ``as_of`` is never "in the future" (sampled or re-synced connector data has records dated
  after their sync).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from leadfunnel.contract import ACTIVE, DELETED, IS_DELETED, active_row
from leadfunnel.quality.rules import Reference, StatusRule, TableRules

FULLWIDTH = "\u3000" + "".join(chr(c) for c in range(0xFF01, 0xFF5F))
HALFWIDTH = " " + "".join(chr(c) for c in range(0x21, 0x7F))
LOADED_AT_COLUMNS = ("_loaded_at", "_fivetran_synced")  # first present wins


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

    @property
    def current_flags(self) -> tuple[str, ...]:
        """The connector columns the table has that say a row is deleted or not current."""
        return tuple(c for c in (DELETED, IS_DELETED, ACTIVE) if c in self.columns)

    @property
    def unique_key(self) -> str:
        """The frame column whose values must be unique: the key on the current rows."""
        return current_key(self.rules.key) if self.current_flags else self.rules.key


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


def future_bound(plan: TablePlan, as_of: datetime) -> str:
    """SQL for the moment after which a row's timestamps are in the future (see module doc)."""
    as_of_literal = f"timestamp {literal(as_of.replace(tzinfo=None).isoformat(sep=' '))}"
    loaded = [f"cast(t.{quote(c)} as timestamp)" for c in LOADED_AT_COLUMNS if c in plan.columns]
    return f"greatest(coalesce({', '.join([*loaded, as_of_literal])}), {as_of_literal})"


def frame_sql(
    plan: TablePlan, schemas: Mapping[str, str], types: Mapping[str, str], as_of: datetime
) -> str:
    """The SELECT that produces ``plan``'s frame (``types``: column -> DuckDB type)."""
    selected: dict[str, str] = {}
    if plan.has_key:
        key = f"t.{quote(plan.rules.key)}"
        selected[plan.rules.key] = key
        flags = {c: f"cast(t.{quote(c)} as boolean)" for c in plan.current_flags}
        if flags:
            selected[plan.unique_key] = f"case when {active_row(flags)} then {key} end"
    for column in plan.required:
        ref = f"t.{quote(column)}"
        text = types.get(column, "").upper() == "VARCHAR"
        selected[column] = f"nullif(trim({ref}), '')" if text else ref
    for column in plan.emails:
        selected[column] = (
            f"nullif(lower(trim(translate(t.{quote(column)}, "
            f"{literal(FULLWIDTH)}, {literal(HALFWIDTH)}))), '')"
        )
    bound = future_bound(plan, as_of)
    for column in plan.event_times:
        ref = f"cast(t.{quote(column)} as timestamp)"
        selected[future_column(column)] = f"case when {ref} > {bound} then {ref} end"
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


def current_key(key: str) -> str:
    """The derived column that holds ``key`` on current rows only (NULL on the others)."""
    return f"{key}__current"


def future_column(column: str) -> str:
    """The derived column that holds ``column``'s value where it lies in the future."""
    return f"{column}__in_future"


def read_frame(
    con: duckdb.DuckDBPyConnection,
    plan: TablePlan,
    schemas: Mapping[str, str],
    types: Mapping[str, str],
    as_of: datetime,
) -> pd.DataFrame:
    """``plan``'s frame at ``as_of``, read from DuckDB."""
    return con.execute(frame_sql(plan, schemas, types, as_of)).df()
