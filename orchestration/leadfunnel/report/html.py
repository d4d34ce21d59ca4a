"""The report as ONE self-contained HTML file: inline CSS, charts as base64 PNG, no fetches."""

from __future__ import annotations

import base64

from jinja2 import Environment, PackageLoader, select_autoescape

from leadfunnel.report.document import Column, Document, Table
from leadfunnel.report.formatting import fmt
from leadfunnel.report.i18n import labels

NUMERIC_KINDS = frozenset({"int", "count", "rate", "hours", "days", "number", "kpi", "change"})


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("leadfunnel.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["kind_of"] = lambda block: type(block).__name__
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    return env


def render(document: Document) -> str:
    lang = document.lang

    def cell(row: dict, column: Column) -> str:
        unit = row.get(column.unit_key) if column.unit_key else None
        return fmt(row.get(column.key), column.kind, lang, unit)

    def align(column: Column) -> str:
        return "num" if column.kind in NUMERIC_KINDS else ""

    def shown_rows(table: Table) -> list[dict]:
        limit = table.html_max_rows
        return table.rows if limit is None else table.rows[:limit]

    template = _environment().get_template("report.html.j2")
    return template.render(
        doc=document,
        t=labels(lang),
        cell=cell,
        align=align,
        shown_rows=shown_rows,
    )
