"""Personal data in published copies: what it is, and the setting that keeps, pseudonymizes or
leaves it out (docs/personal-data.md).

The personal data of the people the warehouse is about (leads and contacts) is in these
columns of the marts: their e-mail, names and phone. Employees' names and work e-mails
(``dim_users``, owner and manager names in the SLA marts) are business contact data the SLA
reports need to say who acts; they are kept in every mode.

Modes (``LEADFUNNEL_PERSONAL_DATA`` for serve.duckdb, default ``full``;
``LEADFUNNEL_EXPORT_PERSONAL_DATA`` for the Parquet export, default ``pseudonymized``):

- ``full``: as built;
- ``pseudonymized``: e-mail becomes the SHA-256 of the normalized address (a join key other
  systems can compute too), names and phone are NULL;
- ``none``: every personal column is NULL.

Columns keep their names and types in every mode, so BI models do not break.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import duckdb

from leadfunnel.warehouse import quote_identifier

# column name -> kind, in the marts about people (leads and contacts)
PERSONAL_COLUMNS: dict[str, str] = {
    "email": "e-mail",
    "first_name": "name",
    "last_name": "name",
    "full_name": "name",
    "lead_name": "name",
    "phone": "phone",
}
PERSON_TABLES = frozenset({"dim_people", "rpt_open_sla_breaches"})
MODES = ("full", "pseudonymized", "none")
SERVE_ENV = "LEADFUNNEL_PERSONAL_DATA"
EXPORT_ENV = "LEADFUNNEL_EXPORT_PERSONAL_DATA"


class PersonalDataSettingError(ValueError):
    """An unknown personal-data mode."""


def mode(
    given: str | None, env_name: str, default: str, env: Mapping[str, str] | None = None
) -> str:
    """The mode given, else the environment's, else ``default``; a sentence if unknown."""
    environ = os.environ if env is None else env
    chosen = (given or environ.get(env_name) or default).strip().lower()
    if chosen not in MODES:
        raise PersonalDataSettingError(
            f"personal data mode '{chosen}' (from {'the option' if given else env_name}) is "
            f"not one of {', '.join(MODES)}"
        )
    return chosen


def select_list(con: duckdb.DuckDBPyConnection, relation: str, table: str, chosen: str) -> str:
    """The SELECT list that copies ``relation`` (a mart named ``table``) in mode ``chosen``."""
    columns = con.execute(f"describe select * from {relation}").fetchall()
    out = []
    for name, kind, *_ in columns:
        quoted = quote_identifier(name)
        personal = table in PERSON_TABLES and name in PERSONAL_COLUMNS
        if not personal or chosen == "full":
            out.append(quoted)
        elif chosen == "pseudonymized" and PERSONAL_COLUMNS[name] == "e-mail":
            out.append(f"sha256(lower(trim({quoted}))) as {quoted}")
        else:
            out.append(f"cast(null as {kind}) as {quoted}")
    return ", ".join(out)
