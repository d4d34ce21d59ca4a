"""How a file's columns meet its contract table: typed, missing (NULL) or extra (VARCHAR)."""

from __future__ import annotations

from dataclasses import dataclass

from leadfunnel.contract import RawTable
from leadfunnel.landing.errors import LandingError
from leadfunnel.landing.readers import SourceColumn

LOADED_AT = "_loaded_at"
SOURCE_FILE = "_source_file"
LANDING_COLUMNS: dict[str, str] = {LOADED_AT: "TIMESTAMP", SOURCE_FILE: "VARCHAR"}


@dataclass(frozen=True)
class Column:
    """A column the file has: its staged name and type, and the type it lands as."""

    name: str
    source_type: str
    target_type: str
    in_contract: bool


@dataclass(frozen=True)
class ColumnPlan:
    """The file's columns against the contract table."""

    table: RawTable
    columns: tuple[Column, ...]
    missing: tuple[str, ...]  # contract columns the file lacks: they land as NULL

    @property
    def extras(self) -> tuple[str, ...]:
        """Columns beyond the contract (kept as VARCHAR)."""
        return tuple(c.name for c in self.columns if not c.in_contract)

    @property
    def key(self) -> Column:
        """The key column (``id``)."""
        return next(c for c in self.columns if c.name == self.table.key)

    def target_types(self) -> dict[str, str]:
        """Every column the raw table needs, with its type, landing columns included."""
        types = dict(self.table.columns)
        types.update({c.name: c.target_type for c in self.columns if not c.in_contract})
        return types | LANDING_COLUMNS


def plan_columns(table: RawTable, source: list[SourceColumn], label: str) -> ColumnPlan:
    """Match ``source`` to ``table``; LandingError if required or reserved columns clash."""
    names = [column.name for column in source]
    missing_required = [name for name in table.required if name not in names]
    if missing_required:
        raise LandingError(
            f"{label}: missing required column(s) {', '.join(missing_required)} "
            f"of {table.qualified_name}"
        )
    reserved = [name for name in names if name in LANDING_COLUMNS]
    if reserved:
        raise LandingError(
            f"{label}: column(s) {', '.join(reserved)} are reserved for landing metadata"
        )
    extras = [name for name in names if name not in table.columns]
    if extras and not table.extra_ok:
        raise LandingError(
            f"{label}: column(s) {', '.join(extras)} are not in {table.qualified_name}, "
            "which takes no extra columns"
        )
    columns = tuple(
        Column(c.name, c.type, table.columns.get(c.name, "VARCHAR"), c.name in table.columns)
        for c in source
    )
    missing = tuple(name for name in table.columns if name not in names)
    return ColumnPlan(table, columns, missing)
