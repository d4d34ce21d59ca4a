"""The reports read, never re-derive: every label, unit, threshold, grade and name they print
comes from a mart, and the weekly figures are rpt_handoffs_weekly's.

The label marts of a COPY of the session's warehouse are changed by hand (as a seed edit and a
rebuild would change them); the reports must follow the marts, not a copy kept in Python.
"""

from __future__ import annotations

import importlib
import re
import shutil
from datetime import timedelta
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pypdf import PdfReader

from leadfunnel.report import ReportError, build_monthly_report, build_weekly_report
from leadfunnel.report.i18n import labels
from leadfunnel.report.weekly import WEEK_FIGURES
from test_report import _html_text, _sql

pytestmark = pytest.mark.dbt

MONTH = "2026-09"


@pytest.fixture(scope="module")
def published(built_warehouse, tmp_path_factory) -> Path:
    """A copy of the built warehouse, standing in for the published serve.duckdb."""
    target = tmp_path_factory.mktemp("published_labels") / "serve.duckdb"
    shutil.copyfile(built_warehouse.home.build_db, target)
    return target


@pytest.fixture(scope="module")
def week(published) -> tuple[str, object]:
    """The last ISO week with handoffs: (YYYY-Www, its Monday)."""
    (last,) = _sql(published, "select max(handoff_date) from marts.fct_mql_handoffs")[0]
    monday = last - timedelta(days=last.weekday())
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}", monday


@pytest.fixture(scope="module")
def relabelled(published, week, tmp_path_factory) -> Path:
    """A copy whose label marts (and the names in the SLA marts) say something else."""
    target = tmp_path_factory.mktemp("relabelled") / "serve.duckdb"
    shutil.copyfile(published, target)
    con = duckdb.connect(str(target))
    try:
        for statement in (
            # KPI label, number format and unit labels
            "update marts.dim_kpis set label_ja = 'MQL件数(テスト)', "
            "label_en = 'MQL volume (test)', display_format = '#,##0.0', "
            "unit_label_ja = '人', unit_label_en = 'people' "
            "where kpi_code = 'mql_count'",
            # stage and channel labels
            "update marts.dim_funnel_stages set label_ja = '見込み客(テスト)', "
            "label_en = 'Prospect (test)' where stage = 'lead'",
            "update marts.dim_channels set channel_ja = '資料請求(テスト)', "
            "channel_en = 'Brochure (test)' where channel = 'content_download'",
            # an SLA rule: its name, threshold and sentence
            "update marts.dim_sla_policies set label_ja = '初動(テスト)', "
            "label_en = 'First touch (test)', threshold = 12, "
            "description_ja = '12時間以内に初動(テスト)', "
            "description_en = 'first touch within 12 hours (test)' where rule = 'first_contact'",
            # grade labels, and which grades meet the MQL rule
            "update marts.dim_score_grades set label_ja = 'A(テスト境界)', "
            "label_en = 'A (test bound)' where score_type = 'fit' and grade = 'A'",
            "update marts.dim_score_grades set is_mql_qualified = false "
            "where score_type = 'fit' and grade = 'B'",
            "update marts.dim_score_grades set score_label_ja = 'フィット(テスト)', "
            "score_label_en = 'Fit (test)' where score_type = 'fit'",
            # the label of a status code
            "update marts.dim_value_labels set label_ja = '超過(テスト)', "
            "label_en = 'Breached (test)' where domain = 'sla_status' and code = 'breached'",
            # owner and manager names in the SLA marts
            "update marts.rpt_open_sla_breaches set owner_name = '担当(テスト)', "
            "escalate_to_name = '上長(テスト)'",
            "update marts.rpt_sla_compliance_monthly set owner_name = '担当(テスト)' "
            "where level = 'owner'",
        ):
            con.execute(statement)
        # the weekly figures: the mart's, whatever fct_mql_handoffs says
        con.execute(
            "update marts.rpt_handoffs_weekly set handoffs = 9876 "
            "where week_start = ? and level = 'all'",
            [week[1]],
        )
    finally:
        con.close()
    return target


@pytest.fixture(scope="module")
def relabelled_reports(relabelled, week, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("relabelled_reports")
    return {
        (kind, lang): (
            build_monthly_report(relabelled, out / f"m_{lang}", MONTH, lang=lang)
            if kind == "monthly"
            else build_weekly_report(relabelled, out / f"w_{lang}", week[0], lang=lang)
        )
        for kind in ("monthly", "weekly")
        for lang in ("ja", "en")
    }


def _sheet(path: Path, name: str, header_with: str | None = None) -> list[dict]:
    """A sheet's first table as dicts keyed by its header (the first row, or the first row
    holding ``header_with`` when a title stands above it)."""
    rows = list(openpyxl.load_workbook(path, read_only=True)[name].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if header_with is None or header_with in row)
    body = []
    for row in rows[start + 1 :]:
        if all(cell is None for cell in row):
            break
        body.append(dict(zip(rows[start], row, strict=False)))
    return body


# ------------------------------------------------------------------- labels from the marts


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_monthly_review_prints_the_label_marts(relabelled_reports, relabelled, lang):
    result = relabelled_reports[("monthly", lang)]
    text = _html_text(result.html)
    kpi_label = {"ja": "MQL件数(テスト)", "en": "MQL volume (test)"}[lang]
    unit = {"ja": "人", "en": "people"}[lang]

    # KPI label, number format and unit (dim_kpis)
    kpi = _sheet(result.xlsx, "KPI")[0]
    assert kpi[labels(lang)["col.kpi"]] == kpi_label
    ((value, target),) = _sql(
        relabelled,
        "select value, target_min from marts.rpt_monthly_kpis "
        "where month = '2026-09-01' and kpi_code = 'mql_count'",
    )
    assert f"{value:,.1f} {unit}" in text  # '#,##0.0' and the unit label
    assert f"≧ {target:,.0f} {unit}" in text
    assert kpi_label in PdfReader(result.pdf).pages[0].extract_text()

    # stage and channel labels (dim_funnel_stages, dim_channels)
    funnel = _sheet(result.xlsx, "Funnel")
    assert (
        funnel[0][labels(lang)["col.stage"]]
        == {"ja": "見込み客(テスト)", "en": "Prospect (test)"}[lang]
    )
    channels = {
        r["channel"]: r[labels(lang)["col.channel"]]
        for r in _sheet(result.xlsx, "Channel_cohort", header_with="channel")
    }
    assert channels["content_download"] == {"ja": "資料請求(テスト)", "en": "Brochure (test)"}[lang]

    # SLA rule name and sentence with its threshold (dim_sla_policies)
    rules = {r["rule"]: r for r in _sheet(result.xlsx, "SLA_rules")}
    assert rules["first_contact"][labels(lang)["col.threshold"]] == 12
    sentence = {"ja": "12時間以内に初動(テスト)", "en": "first touch within 12 hours (test)"}[lang]
    assert sentence in text
    team_header = list(_sheet(result.xlsx, "SLA_team")[0])
    assert {"ja": "初動(テスト)", "en": "First touch (test)"}[lang] in team_header

    # grades (dim_score_grades): the score's name heads the scoring sheet, labels in the note
    assert {"ja": "フィット(テスト)", "en": "Fit (test)"}[lang] in _sheet(result.xlsx, "Scoring")[0]
    assert {"ja": "A(テスト境界)", "en": "A (test bound)"}[lang] in text

    # owner names of the SLA marts
    reps = _sheet(result.xlsx, "SLA_rep")
    assert reps and {r[labels(lang)["col.owner"]] for r in reps} == {"担当(テスト)"}
    breaches = _sheet(result.xlsx, "Open_breaches")
    assert {r[labels(lang)["col.escalate_to"]] for r in breaches} == {"上長(テスト)"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_weekly_summary_prints_the_label_marts(relabelled_reports, lang):
    result = relabelled_reports[("weekly", lang)]
    text = _html_text(result.html)
    t = labels(lang)
    # the first-contact rule's sentence under its tile, its name on the handoffs' status column
    assert {"ja": "12時間以内に初動(テスト)", "en": "first touch within 12 hours (test)"}[
        lang
    ] in text
    assert {"ja": "初動(テスト)", "en": "First touch (test)"}[lang] in _sheet(
        result.xlsx, "Handoffs"
    )[0]
    # notable leads: the fit grades that meet the MQL rule (B no longer does)
    assert t["w3.lead"].format(fits="A", bands="1/2") in text
    # owner and manager from rpt_open_sla_breaches
    owners = _sheet(result.xlsx, "Overdue_by_owner")
    assert owners and {r[t["col.owner"]] for r in owners} == {"担当(テスト)"}
    assert {r[t["col.escalate_to"]] for r in owners} == {"上長(テスト)"}
    # status labels (dim_value_labels)
    breached = {"ja": "超過(テスト)", "en": "Breached (test)"}[lang]
    assert breached in {r[t["col.status"]] for r in _sheet(result.xlsx, "Open_breaches")}
    assert breached in owners[0]  # the header of the breached count
    # the figures are the mart's (9876 handoffs only exists there)
    assert re.search(rf"{re.escape(t['w.summary.handoffs'])} 9,876\b", text)


# ---------------------------------------------------------------- weekly figures = the mart


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_weekly_figures_equal_rpt_handoffs_weekly(published, week, tmp_path, lang):
    key, monday = week
    result = build_weekly_report(published, tmp_path, key, lang=lang)
    columns = ", ".join(WEEK_FIGURES)
    expected = {
        (level, value): dict(zip(WEEK_FIGURES, figures, strict=True))
        for level, value, *figures in _sql(
            published,
            f"select level, level_value, {columns} from marts.rpt_handoffs_weekly "
            "where week_start = ?",
            [monday],
        )
    }
    assert expected and ("all", "all") in expected
    t = labels(lang)
    rows = _sheet(result.xlsx, "Handoffs_by_owner")
    assert len(rows) == len(expected)
    header = {c.key: c.label for c in _by_owner_columns(published, lang)}
    for row in rows:
        want = expected[(row[t["col.level"]], row["level_value"])]
        for figure, value in want.items():
            got = row[header[figure]]
            if value is None:
                assert got is None, figure
            else:
                assert got == pytest.approx(value), figure
    # the tiles show the company's row
    company = expected[("all", "all")]
    text = _html_text(result.html)
    for label, figure in (
        ("w.summary.handoffs", "handoffs"),
        ("w.summary.first_contact_met", "first_contact_met"),
        ("w.summary.uncontacted", "never_contacted"),
        ("w.summary.not_compliant", "not_compliant"),
    ):
        assert re.search(rf"{re.escape(t[label])} {company[figure]:,}\b", text), label
    # ... and the mart agrees with the week's handoffs listed below them
    handoffs = _sheet(result.xlsx, "Handoffs")
    assert len(handoffs) == company["handoffs"]


def _by_owner_columns(db: Path, lang: str):
    """The columns of the weekly summary's by-team-and-rep table, in ``lang``."""
    from leadfunnel.report import queries, vocabulary
    from leadfunnel.report.weekly import _by_owner_table

    with queries.connect(db) as con:
        words = vocabulary.load(con, lang)
    return _by_owner_table([], lang, words).columns


# ----------------------------------------------------------------------- nothing mirrored


def test_python_keeps_no_copy_of_what_the_marts_define():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("leadfunnel.report.settings")
    for lang in ("ja", "en"):
        mirrored = [
            key
            for key in labels(lang)
            if key.startswith(
                ("kpi.", "stage.", "channel.", "unit.", "rule.", "bucket.", "reason_type.")
            )
            or (key.startswith(("status.", "decision.")) and not key.endswith(".none"))
        ]
        assert mirrored == [], mirrored


def test_a_warehouse_published_before_the_label_marts_is_refused(published, tmp_path):
    old = tmp_path / "serve.duckdb"
    shutil.copyfile(published, old)
    con = duckdb.connect(str(old))
    con.execute("drop table marts.dim_kpis")
    con.close()
    with pytest.raises(ReportError, match=r"dim_kpis.*older leadfunnel"):
        build_monthly_report(old, tmp_path / "out", MONTH)
