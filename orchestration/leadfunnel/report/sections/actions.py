"""Section 9: action items from the off-target KPIs (their action hints), plus open breaches
and incomplete not-SQL feedback."""

from __future__ import annotations

import pandas as pd

from leadfunnel.report.common import records
from leadfunnel.report.document import (
    Action,
    Actions,
    Column,
    Section,
    Table,
    Text,
)
from leadfunnel.report.formatting import fmt, is_missing
from leadfunnel.report.i18n import labels


def section(kpis: list[dict], lang: str, breaches: pd.DataFrame, feedback: pd.DataFrame) -> Section:
    t = labels(lang)
    items: list[Action] = []
    off = [r for r in kpis if r["status_code"] in ("below", "above")]
    off.sort(key=lambda r: (not r["is_mature"], kpis.index(r)))
    rows = []
    for r in off:
        title = t["actions.item"].format(
            kpi=r["kpi"], value=fmt(r["value"], "kpi", lang, r["_unit"]), target=r["target"]
        )
        text = r["action_hint"] or ""
        if not r["is_mature"]:
            note = (
                "actions.provisional"
                if "cohort" in r["kpi_code"]
                else ("actions.provisional_month")
            )
            text = f"{text} {t[note]}".strip()
        items.append(Action(title, text, r["_tone"]))
        rows.append(
            {
                "kpi_code": r["kpi_code"],
                "action": title,
                "hint": text,
                "status": r["status"],
                "_tone": r["_tone"],
            }
        )
    n_breached = int((breaches["status"] == "breached").sum()) if not breaches.empty else 0
    if n_breached:
        text = t["actions.extra.breaches"].format(n=f"{n_breached:,}")
        items.append(Action(t["s4"], text, "warn"))
        rows.append(
            {
                "kpi_code": "open_sla_breaches",
                "action": t["s4"],
                "hint": text,
                "status": "",
                "_tone": "warn",
            }
        )
    fb = records(feedback)
    if fb and not is_missing(fb[0]["feedback_rate"]) and fb[0]["feedback_rate"] < 1:
        text = t["actions.extra.feedback"].format(rate=fmt(fb[0]["feedback_rate"], "rate", lang))
        items.append(Action(t["feedback.title"], text, "warn"))
        rows.append(
            {
                "kpi_code": "feedback_rate",
                "action": t["feedback.title"],
                "hint": text,
                "status": "",
                "_tone": "warn",
            }
        )
    blocks: list = [Actions(items)] if items else [Text(t["actions.none"], "note")]
    blocks.append(
        Table(
            sheet="Actions",
            columns=[
                Column("kpi_code", "kpi_code"),
                Column("action", t["col.action"]),
                Column("status", t["col.status"]),
                Column("hint", t["col.hint"]),
            ],
            rows=rows,
        )
    )
    blocks[-1].show = False  # the page shows the list above; the workbook gets the table
    return Section("s9", 9, t["s9"], t["s9.lead"], blocks)
