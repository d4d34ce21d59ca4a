"""SQL that casts extract values to the contract's types, NULL where a value does not cast.

Text values (CSV, JSON lines, string columns of Parquet) go through macros installed on the
landing connection; typed Parquet columns are cast directly. A value is bad when it is present
(not NULL, not blank) and its cast is NULL; landing then rejects the file naming that value.

- TIMESTAMP: ISO-8601; an offset or ``Z`` is converted to UTC, no zone means UTC; also
  ``YYYY/MM/DD[ HH:MM[:SS]]`` as Japanese Excel writes it. Stored as TIMESTAMP (UTC, no zone).
- DATE: ISO-8601 (a time part is dropped) or ``YYYY/MM/DD``.
- BOOLEAN: true/false, t/f, 1/0 (any case).
- BIGINT: integers (``120.0`` is 120, ``1.5`` is bad); DOUBLE: any number DuckDB reads.
"""

from __future__ import annotations

import duckdb

MACROS: tuple[str, ...] = (
    "create or replace temp macro lf_text(v) as nullif(trim(v), '')",
    "create or replace temp macro lf_bigint(v) as case "
    "when regexp_full_match(trim(v), '[+-]?[0-9]+([.]0*)?') then try_cast(trim(v) as bigint) end",
    "create or replace temp macro lf_double(v) as try_cast(trim(v) as double)",
    "create or replace temp macro lf_boolean(v) as case "
    "when lower(trim(v)) in ('true', 't', '1') then true "
    "when lower(trim(v)) in ('false', 'f', '0') then false end",
    "create or replace temp macro lf_timestamp(v) as coalesce("
    "timezone('UTC', try_cast(trim(v) as timestamptz)), "
    "try_strptime(trim(v), ['%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y/%m/%d']))",
    "create or replace temp macro lf_date(v) as coalesce("
    "try_cast(trim(v) as date), try_cast(try_strptime(trim(v), '%Y/%m/%d') as date))",
)

TEXT_MACROS: dict[str, str] = {
    "BIGINT": "lf_bigint",
    "DOUBLE": "lf_double",
    "BOOLEAN": "lf_boolean",
    "TIMESTAMP": "lf_timestamp",
    "DATE": "lf_date",
}

DESCRIPTIONS: dict[str, str] = {
    "BIGINT": "an integer",
    "DOUBLE": "a number",
    "BOOLEAN": "a boolean (true/false, t/f, 1/0)",
    "TIMESTAMP": "a timestamp",
    "DATE": "a date",
    "VARCHAR": "text",
}

_FRACTIONAL = ("FLOAT", "DOUBLE", "DECIMAL", "REAL")


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the lf_* cast macros on ``con`` (temporary: they live as long as it does)."""
    for statement in MACROS:
        con.execute(statement)


def quote(identifier: str) -> str:
    """``identifier`` as a quoted SQL identifier (``user`` is a keyword, names may be odd)."""
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def is_text(duckdb_type: str) -> bool:
    """Whether a DuckDB type is a string type."""
    return duckdb_type.upper() == "VARCHAR"


def typed(column: str, source_type: str, target_type: str) -> str:
    """SQL for column ``column`` (of ``source_type``) cast to ``target_type``, NULL if bad."""
    ref = quote(column)
    source, target = source_type.upper(), target_type.upper()
    if source == target:
        return ref
    if target == "VARCHAR":
        return f"cast({ref} as varchar)"
    if is_text(source):
        return f"{TEXT_MACROS[target]}({ref})"
    if target == "TIMESTAMP" and source.startswith("TIMESTAMP WITH TIME ZONE"):
        return f"timezone('UTC', {ref})"
    if target == "BIGINT" and source.startswith(_FRACTIONAL):
        return f"case when {ref} = trunc({ref}) then try_cast({ref} as bigint) end"
    return f"try_cast({ref} as {target})"


def present(column: str, source_type: str) -> str:
    """SQL that is true when ``column`` holds a value (text: not NULL and not blank)."""
    ref = quote(column)
    return f"lf_text({ref}) is not null" if is_text(source_type) else f"{ref} is not null"


def can_fail(source_type: str, target_type: str) -> bool:
    """Whether casting ``source_type`` to ``target_type`` can turn a value into NULL."""
    source, target = source_type.upper(), target_type.upper()
    return source != target and target != "VARCHAR"
