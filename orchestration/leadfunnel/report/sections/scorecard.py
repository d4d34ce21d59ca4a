"""Section 1: the KPI scorecard (rpt_monthly_kpis) with status colours and month-over-month
change; also the KPI rows the action items are derived from."""

from __future__ import annotations

import pandas as pd

from leadfunnel.report.common import records
from leadfunnel.report.document import (
    Column,
    Metric,
    Metrics,
    Section,
    Table,
)
from leadfunnel.report.formatting import change_text, is_missing, kpi_text, target_text
from leadfunnel.report.i18n import labels
from leadfunnel.report.vocabulary import Vocabulary

HEADLINE_KPIS = (
    "mql_count",
    "mql_to_sql_rate",
    "sla_compliance_rate",
    "median_hours_to_first_contact",
)


def kpi_rows(scorecard: pd.DataFrame, lang: str, vocabulary: Vocabulary) -> list[dict]:
    """The scorecard's rows, each KPI labelled and formatted as dim_kpis says."""
    t = labels(lang)
    rows = []
    for row in records(scorecard):
        code = row["kpi_code"]
        unit = vocabulary.kpi_format(code)
        status = row["status"]
        mature = bool(row["is_mature"]) if row["is_mature"] is not None else True
        if status in ("below", "above"):
            tone = "bad" if mature else "warn"
        elif status == "within":
            tone = "good"
        else:
            tone = "neutral"
        rows.append(
            {
                "kpi_code": code,
                "kpi": vocabulary.kpi_label(code),
                "value": row["value"],
                "previous_value": row["previous_value"],
                "change": row["change"],
                "target": target_text(row["target_min"], row["target_max"], unit),
                "target_min": row["target_min"],
                "target_max": row["target_max"],
                "status_code": status,
                "status": vocabulary.value("kpi_status", status, t["status.none"]),
                "is_mature": mature,
                "maturity": "" if mature else t["provisional"],
                "action_hint": row[f"action_hint_{lang}"],
                "_unit": unit,
                "_tone": tone,
            }
        )
    return rows


def target_min(kpis: list[dict], code: str) -> float | None:
    """The month's lower target of ``code`` (None without one)."""
    for row in kpis:
        if row["kpi_code"] == code and not is_missing(row["target_min"]):
            return float(row["target_min"])
    return None


def section(kpis: list[dict], lang: str, month_text: str) -> Section:
    t = labels(lang)
    by_code = {row["kpi_code"]: row for row in kpis}
    tiles = []
    for code in HEADLINE_KPIS:
        row = by_code.get(code)
        if row is None:
            continue
        change = change_text(row["change"], row["_unit"])
        tiles.append(
            Metric(
                label=row["kpi"],
                value=kpi_text(row["value"], row["_unit"]),
                tone=row["_tone"],
                sub=f"{row['status']} · {t['col.change']} {change}",
            )
        )
    table = Table(
        sheet="KPI",
        columns=[
            Column("kpi_code", t["col.kpi_code"], display=False),
            Column("kpi", t["col.kpi"], width=2.6),
            Column("value", t["col.value"], "kpi", unit_key="_unit", width=1.1),
            Column("previous_value", t["col.previous"], "kpi", unit_key="_unit", width=1.1),
            Column("change", t["col.change"], "change", unit_key="_unit", width=1.1),
            Column("target", t["col.target"], excel=False, width=1.2),
            Column("target_min", t["col.target_min"], "kpi", unit_key="_unit", display=False),
            Column("target_max", t["col.target_max"], "kpi", unit_key="_unit", display=False),
            Column("status", t["col.status"], "status", width=1.1),
            Column("maturity", t["col.mature"], excel=False, width=0.7),
            Column("status_code", "status_code", display=False),
            Column("is_mature", "is_mature", "bool", display=False),
            Column("action_hint", t["col.hint"], display=False),
        ],
        rows=kpis,
        large=True,
    )
    return Section("s1", 1, t["s1"], t["s1.lead"].format(month=month_text), [Metrics(tiles), table])
