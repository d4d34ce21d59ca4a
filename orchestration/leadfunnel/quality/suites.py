"""The Great Expectations suite of each raw table, built from its :class:`TablePlan`.

Severity ``critical`` blocks the publish: ids missing or duplicated among current rows,
timestamps in the future. ``warning`` is recorded and shown but does not block: incomplete
fields, malformed e-mails, status values the seed does not map, dangling references (see
``rules``). "Not in the future" is decided per row when the frame is read
(``frames.future_bound``), so the stored suites stay the same from run to run.
"""

from __future__ import annotations

from collections.abc import Mapping

import great_expectations as gx
import great_expectations.expectations as gxe

from leadfunnel.quality.frames import TablePlan, future_column
from leadfunnel.quality.rules import COMPLETENESS, EMAIL_PATTERN


def _meta(rule: str) -> dict[str, str]:
    return {"rule": rule}


def expectations(
    plan: TablePlan, known_values: Mapping[tuple[str, str], frozenset[str]]
) -> list[gxe.Expectation]:
    """The expectations of one table, in the order Data Docs shows them."""
    out: list[gxe.Expectation] = []
    key = plan.rules.key
    if plan.has_key:
        out += [
            gxe.ExpectColumnValuesToNotBeNull(
                column=key, severity="critical", meta=_meta("id is missing")
            ),
            gxe.ExpectColumnValuesToBeUnique(
                column=plan.unique_key,
                severity="critical",
                notes=(
                    f"{key} unique among current rows (not deleted, the active version)"
                    if plan.current_flags
                    else f"{key} unique"
                ),
                meta=_meta("duplicate id"),
            ),
        ]
    for column in plan.required:
        out.append(
            gxe.ExpectColumnValuesToNotBeNull(
                column=column,
                mostly=COMPLETENESS,
                severity="warning",
                notes=f"filled for at least {COMPLETENESS:.0%} of rows",
                meta=_meta(f"field empty (below {COMPLETENESS:.0%} filled)"),
            )
        )
    for column in plan.emails:
        out.append(
            gxe.ExpectColumnValuesToMatchRegex(
                column=column,
                regex=EMAIL_PATTERN,
                severity="warning",
                notes="e-mail well-formed after half-width normalization",
                meta=_meta("malformed e-mail"),
            )
        )
    for column in plan.event_times:
        out.append(
            gxe.ExpectColumnValuesToBeNull(
                column=future_column(column),
                severity="critical",
                notes=(
                    f"{column} not in the future: at most the row's own loaded-at "
                    "(_loaded_at / _fivetran_synced), or as_of for a row without one"
                ),
                meta=_meta("timestamp in the future"),
            )
        )
    for rule in plan.statuses:
        known = sorted(known_values.get((rule.source_system.lower(), rule.field.lower()), ()))
        if not known:
            continue
        where = f" where {rule.when[0]} = {rule.when[1]}" if rule.when else ""
        notes = (
            f"{rule.column}{where}: a value of stage_mappings "
            f"({rule.source_system}, {rule.field}), compared lower-case"
        )
        out.append(
            gxe.ExpectColumnValuesToBeInSet(
                column=rule.derived,
                value_set=known,
                severity="warning",
                notes=notes,
                meta=_meta("status not in seed stage_mappings"),
            )
        )
    for reference in plan.references:
        parents = " or ".join(reference.parents)
        notes = f"{reference.column} must be the id of a row in {parents}; listed ids are orphans"
        out.append(
            gxe.ExpectColumnValuesToBeNull(
                column=reference.derived,
                severity="warning",
                notes=notes,
                meta=_meta(f"id not found in {parents}"),
            )
        )
    return out


def suite(
    plan: TablePlan, known_values: Mapping[tuple[str, str], frozenset[str]]
) -> gx.ExpectationSuite:
    return gx.ExpectationSuite(
        name=plan.name,
        expectations=expectations(plan, known_values),
        meta={"notes": f"leadfunnel quality gate for raw table {plan.name}"},
    )
