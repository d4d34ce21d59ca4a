"""How a file's columns meet its contract table: typed, missing (NULL) or extra (VARCHAR)."""

from __future__ import annotations

from dataclasses import dataclass

from leadfunnel.contract import BOOKKEEPING_COLUMNS, RawTable
from leadfunnel.landing.errors import LandingError
from leadfunnel.landing.headers import expected_headers
from leadfunnel.landing.readers import SourceColumn

LOADED_AT = "_loaded_at"
SOURCE_FILE = "_source_file"
LANDING_COLUMNS: dict[str, str] = {LOADED_AT: "TIMESTAMP", SOURCE_FILE: "VARCHAR"}
SHOWN_HEADERS = 12  # a rejected file's headers listed in the message (Fivetran has hundreds)


@dataclass(frozen=True)
class Column:
    """A column the file has: its staged name and type, and the type it lands as."""

    name: str
    source_type: str
    target_type: str
    in_contract: bool
    shown: str = ""  # how messages name it (default: name)


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
    def missing_reported(self) -> tuple[str, ...]:
        """Missing columns worth a warning: all but the connector's bookkeeping columns,
        whose absence means no row is deleted and every row is current."""
        return tuple(name for name in self.missing if name not in BOOKKEEPING_COLUMNS)

    def present(self, name: str) -> Column | None:
        """The file's column ``name``, if it has one."""
        return next((c for c in self.columns if c.name == name), None)

    @property
    def key(self) -> Column:
        """The key column (``id``)."""
        return next(c for c in self.columns if c.name == self.table.key)

    def target_types(self) -> dict[str, str]:
        """Every column the raw table needs, with its type, landing columns included."""
        types = dict(self.table.all_columns)
        types.update({c.name: c.target_type for c in self.columns if not c.in_contract})
        return types | LANDING_COLUMNS


def plan_columns(table: RawTable, source: list[SourceColumn], label: str) -> ColumnPlan:
    """Match ``source`` to ``table``; LandingError if required or reserved columns clash."""
    names = [column.name for column in source]
    contract = table.all_columns
    missing_required = [name for name in table.required if name not in names]
    if missing_required:
        had = [column.read_name for column in source]
        shown = ", ".join(repr(h) for h in had[:SHOWN_HEADERS])
        more = f" and {len(had) - SHOWN_HEADERS:,} more" if len(had) > SHOWN_HEADERS else ""
        expected = "; ".join(
            f"{name} (as {' or '.join(repr(h) for h in expected_headers(table, name))})"
            for name in missing_required
        )
        raise LandingError(
            f"{label}: missing required column(s) {', '.join(missing_required)} of "
            f"{table.qualified_name}: no header matches; the file has {shown}{more}; "
            f"expected {expected}"
        )
    reserved = [name for name in names if name in LANDING_COLUMNS]
    if reserved:
        raise LandingError(
            f"{label}: column(s) {', '.join(reserved)} are reserved for landing metadata"
        )
    extras = [name for name in names if name not in contract]
    if extras and not table.extra_ok:
        raise LandingError(
            f"{label}: column(s) {', '.join(extras)} are not in {table.qualified_name}, "
            "which takes no extra columns"
        )
    columns = tuple(
        Column(c.name, c.type, contract.get(c.name, "VARCHAR"), c.name in contract, c.shown)
        for c in source
    )
    missing = tuple(name for name in contract if name not in names)
    return ColumnPlan(table, columns, missing)
