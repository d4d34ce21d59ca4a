"""The meeting reports, built from a real warehouse (the session's small company).

Every test reads a COPY of the built warehouse treated as the published file; the original is
never opened for writing. Reports are built once per module and language.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pypdf import PdfReader

from leadfunnel.paths import PROJECT_DIR
from leadfunnel.report import (
    PeriodError,
    ReportError,
    build_monthly_report,
    build_weekly_report,
)
from leadfunnel.report.formatting import kpi_text
from leadfunnel.report.i18n import labels
from leadfunnel.report.vocabulary import KpiFormat
from leadfunnel.warehouse import open_published

pytestmark = pytest.mark.dbt

REPORT_DIR = PROJECT_DIR / "orchestration" / "leadfunnel" / "report"
MONTH = "2026-09"  # the last month closed before the fixture's as_of (2026-10-31)
EMPTY_MONTH = "2030-01"
MONTHLY_SECTIONS = [f"s{i}" for i in range(1, 10)]
KPI_COLUMNS = ("value", "previous_value", "change", "target_min", "target_max")


@pytest.fixture(scope="module")
def published(built_warehouse, tmp_path_factory) -> Path:
    """A copy of the built warehouse, standing in for the published serve.duckdb."""
    target = tmp_path_factory.mktemp("published") / "serve.duckdb"
    shutil.copyfile(built_warehouse.home.build_db, target)
    return target


@pytest.fixture(scope="module")
def reports(published, tmp_path_factory) -> dict:
    """The monthly review of MONTH in both languages, and of a month without data."""
    out = tmp_path_factory.mktemp("reports")
    return {
        "ja": build_monthly_report(published, out / "ja", MONTH),
        "en": build_monthly_report(published, out / "en", MONTH, lang="en"),
        "empty": build_monthly_report(published, out / "empty", EMPTY_MONTH),
        "empty_en": build_monthly_report(published, out / "empty_en", EMPTY_MONTH, lang="en"),
    }


def _sql(db: Path, query: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True, config={"autoinstall_known_extensions": False})
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def _sheet(path: Path, name: str) -> list[dict]:
    """A single-table sheet as dicts keyed by the header on row 1."""
    sheet = openpyxl.load_workbook(path, read_only=True)[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def _kpi_formats(db: Path, lang: str) -> dict[str, KpiFormat]:
    """Each KPI's format as dim_kpis defines it."""
    return {
        code: KpiFormat(unit, display_format, unit_label, change_label)
        for code, unit, display_format, unit_label, change_label in _sql(
            db,
            f"select kpi_code, unit, display_format, unit_label_{lang}, change_label_{lang} "
            "from marts.dim_kpis",
        )
    }


def _html_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


# ----------------------------------------------------------------------------- monthly


def test_monthly_report_writes_three_files_per_month(reports):
    for lang in ("ja", "en"):
        result = reports[lang]
        assert result.folder.name == MONTH
        assert {p.name for p in result.paths.values()} == {
            "monthly_review.html",
            "monthly_review.pdf",
            "monthly_review.xlsx",
        }
        assert all(p.is_file() and p.stat().st_size > 10_000 for p in result.paths.values())
        assert result.has_data
        assert result.sections == MONTHLY_SECTIONS


def test_scorecard_reconciles_with_rpt_monthly_kpis(reports, published):
    expected = _sql(
        published,
        "select kpi_code, value, previous_value, change, target_min, target_max, status, "
        "is_mature from marts.rpt_monthly_kpis where month = ? order by kpi_order",
        [date(2026, 9, 1)],
    )
    assert len(expected) == 10
    rows = _sheet(reports["ja"].xlsx, "KPI")
    header = labels("ja")
    assert [r[header["col.kpi_code"]] for r in rows] == [e[0] for e in expected]
    columns = {
        "value": header["col.value"],
        "previous_value": header["col.previous"],
        "change": header["col.change"],
        "target_min": header["col.target_min"],
        "target_max": header["col.target_max"],
    }
    compared = 0
    for row, (code, *numbers, status, is_mature) in zip(rows, expected, strict=True):
        for key, want in zip(KPI_COLUMNS, numbers, strict=True):
            got = row[columns[key]]
            if want is None:
                assert got is None, (code, key)
            else:
                assert got == pytest.approx(want, rel=1e-12, abs=1e-12), (code, key)
                compared += 1
        assert row["status_code"] == status, code
        assert row["is_mature"] == is_mature, code
    assert compared >= 30  # the scorecard really carries numbers

    # the page shows the same values, formatted as dim_kpis says (format and unit label)
    text = _html_text(reports["ja"].html)
    pdf_text = PdfReader(reports["ja"].pdf).pages[0].extract_text()
    formats = _kpi_formats(published, "ja")
    for code, value, *_ in expected:
        shown = kpi_text(value, formats[code])
        assert shown in text, (code, shown)
        assert shown.split(" ")[0] in pdf_text, (code, shown)


def test_every_number_is_read_through_the_query_layer():
    """Only queries.py runs SQL; the other report modules arrange what it returns."""
    offenders = []
    for path in sorted(REPORT_DIR.rglob("*.py")):
        if path.name == "queries.py":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\.execute\(|duckdb\.connect|\.sql\(|\bfrom marts\.", source):
            offenders.append(path.name)
    assert offenders == []
    # ... through the sealed reader connection of every people-facing read path
    assert "open_published(" in (REPORT_DIR / "queries.py").read_text(encoding="utf-8")


def test_pdf_has_one_page_per_section_with_real_japanese_text(reports):
    t = labels("ja")
    reader = PdfReader(reports["ja"].pdf)
    assert len(reader.pages) == 9
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert t[f"s{number}"] in text, number  # the section title, extracted as text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            fonts.add(
                (
                    str(font["/BaseFont"]).split("+")[-1],
                    "/ToUnicode" in font,
                    "/FontFile2" in descriptor,
                )
            )
    # only the bundled font, embedded (TrueType program) with a ToUnicode map
    assert fonts == {("IPAexGothic", True, True)}


def test_english_report_uses_english_labels(reports, published):
    t = labels("en")
    reader = PdfReader(reports["en"].pdf)
    assert len(reader.pages) == 9
    assert t["s1"] in reader.pages[0].extract_text()
    assert t["s9"] in reader.pages[8].extract_text()
    text = _html_text(reports["en"].html)
    assert t["monthly.title"] in text
    assert labels("ja")["s1"] not in text
    ((mql_label,),) = _sql(
        published, "select label_en from marts.dim_kpis where kpi_code = 'mql_count'"
    )
    assert _sheet(reports["en"].xlsx, "KPI")[0][t["col.kpi"]] == mql_label


def test_html_is_self_contained(reports):
    for key in ("ja", "en", "empty"):
        html = reports[key].html.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, flags=re.I)
        assert not re.search(r"@import|url\(|<link\b|<script\b[^>]*\bsrc=", html, flags=re.I)
        images = re.findall(r"""<img\b[^>]*\bsrc="([^"]+)\"""", html)
        assert all(src.startswith("data:image/png;base64,") for src in images)
        for src in images:
            assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        if key != "empty":
            assert len(images) >= 8  # every chart is inside the file


def test_workbook_has_a_sheet_per_chart_with_its_data(reports, published):
    book = openpyxl.load_workbook(reports["ja"].xlsx)
    for name in (
        "KPI",
        "Trend",
        "Funnel",
        "Channel_cohort",
        "Velocity",
        "SLA_team",
        "SLA_rep",
        "First_contact",
        "Open_breaches",
        "NotSQL_reasons",
        "Scoring",
        "Recycling_due",
        "Recycling",
        "Actions",
    ):
        assert name in book.sheetnames, name
    charts = [n for n in book.sheetnames if book[n]._images]
    assert len(charts) >= 8
    # the trend sheet carries the (up to) 12 months ending with the report month
    t = labels("ja")
    months = _sql(
        published,
        "select month, value from marts.rpt_monthly_kpis where kpi_code = 'mql_count' "
        "and month between ? and ? order by month",
        [date(2025, 10, 1), date(2026, 9, 1)],
    )
    trend = _sheet(reports["ja"].xlsx, "Trend")
    assert [(r[t["col.month"]].date(), r[t["col.mql_count"]]) for r in trend] == months
    assert len(months) >= 10
    # the time-to-first-contact chart's data adds up to the month's handoffs
    handoffs = _sql(
        published,
        "select count(*) from marts.fct_mql_handoffs where handoff_date >= ? and handoff_date < ?",
        [date(2026, 9, 1), date(2026, 10, 1)],
    )[0][0]
    buckets = _sheet(reports["ja"].xlsx, "First_contact")
    assert sum(r[labels("ja")["col.handoffs"]] for r in buckets) == handoffs > 0


def test_scoring_review_counts_the_grades_at_handoff_of_the_mart(reports, published):
    """The grade matrix is fct_mql_handoffs' grade at handoff (graded in dbt), under the
    score names of dim_score_grades; Python grades nothing."""
    expected = dict(
        _sql(
            published,
            "select score_grade_at_handoff, count(*) from marts.fct_mql_handoffs "
            "where handoff_date >= ? and handoff_date < ? group by 1",
            [date(2026, 7, 1), date(2026, 10, 1)],  # the 3 months ending with MONTH
        )
    )
    names = dict(
        _sql(published, "select distinct score_type, score_label_ja from marts.dim_score_grades")
    )
    cells = {
        r[names["fit"]] + r[names["engagement"]]: r[labels("ja")["col.mqls"]]
        for r in _sheet(reports["ja"].xlsx, "Scoring")
        if r["level"] == "cell"
    }
    assert cells == expected
    assert sum(expected.values()) > 0


def test_action_items_are_the_hints_of_off_target_kpis(reports, published):
    off = _sql(
        published,
        "select kpi_code, action_hint_ja from marts.rpt_monthly_kpis "
        "where month = ? and status in ('below', 'above') order by kpi_order",
        [date(2026, 9, 1)],
    )
    actions = _sheet(reports["ja"].xlsx, "Actions")
    kpi_actions = [r for r in actions if r["kpi_code"] in {code for code, _ in off}]
    assert sorted(r["kpi_code"] for r in kpi_actions) == sorted(code for code, _ in off)
    assert off  # the sample company misses some targets
    hints = {r["kpi_code"]: r[labels("ja")["col.hint"]] for r in kpi_actions}
    for code, hint in off:
        assert hint and hint in hints[code]
    text = PdfReader(reports["ja"].pdf).pages[8].extract_text().replace("\n", "")
    for _, hint in off:
        assert hint[:12] in text


def test_month_without_data_builds_and_says_so(reports):
    for key, lang in (("empty", "ja"), ("empty_en", "en")):
        result = reports[key]
        notice = labels(lang)["no_data"]
        assert not result.has_data
        assert all(p.is_file() for p in result.paths.values())
        assert result.folder.name == EMPTY_MONTH
        assert notice in _html_text(result.html)
        reader = PdfReader(result.pdf)
        assert len(reader.pages) == 2  # the notice, then data quality
        assert notice in reader.pages[0].extract_text()
        info = openpyxl.load_workbook(result.xlsx, read_only=True)["Report"]
        assert notice in [c for row in info.iter_rows(values_only=True) for c in row if c]
    # the data range is given so the reader knows which months exist
    assert "2026-10" in _html_text(reports["empty"].html)


def test_data_quality_without_meta_says_no_results_yet(reports):
    assert labels("ja")["dq.none"] in _html_text(reports["ja"].html)
    assert labels("en")["dq.none"] in _html_text(reports["en"].html)


def test_data_quality_reads_meta_when_published(published, tmp_path):
    serve = tmp_path / "serve.duckdb"
    shutil.copyfile(published, serve)
    con = duckdb.connect(str(serve))
    con.execute(
        "create table main.meta (section varchar, name varchar, value varchar, "
        "value_number double, value_at timestamp)"
    )
    con.execute(
        "insert into main.meta values "
        "('build', 'as_of', null, null, timestamp '2026-10-31 00:00:00'), "
        "('check', 'quality_gate', 'failed', null, null), "
        "('check', 'quality_blocking_failures', null, 2, null), "
        "('freshness', 'salesforce', null, null, timestamp '2026-10-29 00:00:00'), "
        "('warning', 'salesforce.lead', 'salesforce.lead.phone: 12 rows look wrong', null, null)"
    )
    con.close()
    result = build_monthly_report(serve, tmp_path / "out", MONTH, lang="en")
    text = _html_text(result.html)
    t = labels("en")
    assert t["dq.none"] not in text
    assert "salesforce.lead.phone: 12 rows look wrong" in text
    assert "2026-10-31 09:00 JST" in text  # as_of from meta, shown in JST
    fresh = _sheet(result.xlsx, "Freshness")
    assert fresh[0][t["col.source"]] == "salesforce"
    assert fresh[0][t["col.age_days"]] == pytest.approx(2.0)


def test_the_published_file_is_only_read(published, tmp_path):
    before = hashlib.sha256(published.read_bytes()).hexdigest()
    # a reader holding the file does not block the report (read-only, shared); in one process
    # DuckDB shares the database, so a reader there opens it the way the report does
    holder = open_published(published)
    try:
        build_weekly_report(published, tmp_path, "2026-W40")
    finally:
        holder.close()
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before


def test_bad_arguments_fail_with_a_sentence(published, tmp_path):
    with pytest.raises(PeriodError, match="YYYY-MM"):
        build_monthly_report(published, tmp_path, "2026-13")
    with pytest.raises(PeriodError, match="ISO week"):
        build_weekly_report(published, tmp_path, "2026-10")
    with pytest.raises(ValueError, match="lang"):
        build_monthly_report(published, tmp_path, MONTH, lang="fr")
    with pytest.raises(ReportError, match="no published warehouse"):
        build_monthly_report(tmp_path / "missing.duckdb", tmp_path, MONTH)
    assert not any(tmp_path.iterdir())


def test_every_label_has_glyphs_in_the_bundled_font(published):
    """A character missing from IPAex Gothic would print as a box in the charts and PDF: the
    page text and every label of the label marts."""
    from fontTools.ttLib import TTFont

    from leadfunnel.report.fonts import font_path

    cmap = TTFont(str(font_path()), lazy=True).getBestCmap()
    texts = {key: text for lang in ("ja", "en") for key, text in labels(lang).items()}
    for table, columns in {
        "dim_funnel_stages": ("label_ja", "label_en"),
        "dim_channels": ("channel_ja", "channel_en"),
        "dim_kpis": ("label_ja", "label_en", "unit_label_ja", "unit_label_en", "change_label_ja"),
        "dim_sla_policies": ("label_ja", "label_en", "description_ja", "description_en"),
        "dim_score_grades": ("label_ja", "label_en", "score_label_ja", "score_label_en"),
    }.items():
        for column in columns:
            for i, (text,) in enumerate(_sql(published, f"select {column} from marts.{table}")):
                texts[f"{table}.{column}.{i}"] = text or ""
    missing = {
        (key, ch)
        for key, text in texts.items()
        for ch in text
        if not ch.isspace() and ord(ch) not in cmap
    }
    assert missing == set(), missing


# ------------------------------------------------------------------------------ weekly


def test_weekly_summary_lists_the_weeks_handoffs(published, tmp_path):
    (last,) = _sql(published, "select max(handoff_date) from marts.fct_mql_handoffs")[0]
    monday = last - timedelta(days=last.weekday())
    year, week, _ = monday.isocalendar()
    key = f"{year}-W{week:02d}"
    expected = _sql(
        published,
        "select count(*) from marts.fct_mql_handoffs where handoff_date between ? and ?",
        [monday, monday + timedelta(days=6)],
    )[0][0]
    overdue = _sql(
        published, "select count(*) from marts.rpt_open_sla_breaches where status = 'breached'"
    )[0][0]

    result = build_weekly_report(published, tmp_path, key)
    assert result.folder == tmp_path / key
    assert {p.name for p in result.paths.values()} == {
        "weekly_summary.html",
        "weekly_summary.xlsx",
    }
    assert result.has_data and result.sections == ["w1", "w2", "w3", "w4"]
    assert len(_sheet(result.xlsx, "Handoffs")) == expected > 0
    text = _html_text(result.html)
    t = labels("ja")
    for section in ("w1", "w2", "w3", "w4"):
        assert t[section] in text
    assert key in text
    if overdue:
        rows = _sheet(result.xlsx, "Open_breaches")
        ((breached_label,),) = _sql(
            published,
            "select label_ja from marts.dim_value_labels "
            "where domain = 'sla_status' and code = 'breached'",
        )
        breached = [r for r in rows if r[t["col.status"]] == breached_label]
        assert len(breached) == overdue
        hours = [r[t["col.hours_overdue"]] for r in breached]
        assert hours == sorted(hours, reverse=True)
        assert all(r[t["col.owner"]] and r[t["col.lead"]] for r in breached)


def test_weekly_summary_of_an_empty_week_says_so(published, tmp_path):
    result = build_weekly_report(published, tmp_path, "2030-W01", lang="en")
    assert not result.has_data
    assert labels("en")["no_data.week"] in _html_text(result.html)
    assert result.xlsx.is_file()


def test_a_crash_while_writing_leaves_the_old_set_and_the_next_write_repairs(
    published, tmp_path, monkeypatch
):
    """Fault injection: a report set is written like the publish (temporary folder, then
    rename), so a crash leaves the old set (or, between the two renames of the swap, no
    folder, so the report is due again), never a mix; the next write sweeps the leftovers."""
    import os as os_module

    from leadfunnel.report import excel

    out = tmp_path / "reports"
    first = build_monthly_report(published, out, MONTH)
    folder = first.folder
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(before) == {"monthly_review.html", "monthly_review.pdf", "monthly_review.xlsx"}

    def crash(*_args, **_kwargs):
        raise RuntimeError("killed while rendering the workbook")

    with monkeypatch.context() as patch:  # a crash while the new set is being made
        patch.setattr(excel, "render", crash)
        with pytest.raises(RuntimeError):
            build_monthly_report(published, out, MONTH, lang="en")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    renames = []
    real_rename = os_module.rename

    def rename_then_die(src, dst):
        renames.append((src, dst))
        if len(renames) == 2:  # old set moved away, new set not yet in place
            raise OSError("killed between the two renames")
        return real_rename(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os_module, "rename", rename_then_die)
        with pytest.raises(OSError):
            build_monthly_report(published, out, MONTH, lang="en")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # the old set is back

    # killed outright between the two renames: the old set waits beside the folder ...
    real_rename(folder, folder.with_name(f".{folder.name}.4242.old"))
    (out / f".{folder.name}.4242.tmp").mkdir()
    # ... and the next write puts it back, then replaces it with the new set whole
    repaired = build_monthly_report(published, out, MONTH, lang="en")
    assert {p.name for p in repaired.folder.iterdir()} == set(before)
    assert repaired.paths["html"].read_bytes() != before["monthly_review.html"]  # English now
    assert [p.name for p in out.iterdir()] == [folder.name]  # no .tmp / .old leftovers


def test_a_report_run_killed_at_any_moment_leaves_the_old_set_or_the_new(published, tmp_path):
    """`leadfunnel report` killed (SIGKILL) at several moments of writing the monthly review:
    the folder always holds one whole set (old or new), and a run after it writes a whole set."""
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "home"
    root.mkdir()
    shutil.copyfile(published, root / "serve.duckdb")
    command = [sys.executable, "-m", "leadfunnel.cli", "report", "--month", MONTH, "--home",
               str(root)]  # fmt: skip
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    folder = root / "reports" / MONTH
    names = {"monthly_review.html", "monthly_review.pdf", "monthly_review.xlsx"}

    def whole_set() -> bool:
        present = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        old = sorted(folder.parent.glob(f".{MONTH}.*.old"))
        return present == names or (not present and len(old) == 1)  # swap cut in the middle

    for delay in (0.5, 1.5, 3.0, 5.0):
        process = subprocess.Popen(
            [*command, "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert whole_set(), (delay, sorted(p.name for p in folder.parent.iterdir()))
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {p.name for p in folder.iterdir()} == names
    assert [p.name for p in folder.parent.iterdir()] == [MONTH]  # leftovers swept
