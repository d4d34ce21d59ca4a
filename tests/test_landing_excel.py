"""Excel workbooks (.xlsx), written here with openpyxl, land like the same data as CSV."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook

from leadfunnel.landing import LoadReport, load_directory

LEAD_HEADER = [
    "Id",
    "CreatedDate",
    "Status",
    "Company",
    "IsConverted",
    "ConvertedDate",
    "NumberOfEmployees",
    "AnnualRevenue",
]
# What Excel holds: typed cells (datetime, date, int, float, bool) and text
LEAD_CELLS = [
    [
        "00Q1",
        datetime(2026, 1, 5, 9, 0),
        "Open - Not Contacted",
        "株式会社アルファ",
        False,
        None,
        120,
        1.5e9,
    ],
    [
        "00Q2",
        datetime(2026, 1, 6, 23, 59, 30),
        "Closed - Converted",
        "ベータ工業",
        True,
        date(2026, 2, 1),
        35,
        250_000_000.0,
    ],
    ["00Q3", "2026/01/07 10:00", "Working - Contacted", "ガンマ商事", None, None, 8.0, None],
]
# The same records as a CSV export writes them
LEAD_TEXT = [
    [
        "00Q1",
        "2026-01-05T09:00:00Z",
        "Open - Not Contacted",
        "株式会社アルファ",
        "false",
        "",
        "120",
        "1500000000",
    ],
    [
        "00Q2",
        "2026-01-06T23:59:30Z",
        "Closed - Converted",
        "ベータ工業",
        "true",
        "2026-02-01",
        "35",
        "2.5e8",
    ],
    ["00Q3", "2026-01-07T10:00:00Z", "Working - Contacted", "ガンマ商事", "", "", "8", ""],
]
USER_HEADER = ["Id", "Name", "IsActive"]
USER_CELLS = [["005A", "山田 太郎", True], ["005B", "佐藤 花子", False]]
USER_TEXT = [["005A", "山田 太郎", "true"], ["005B", "佐藤 花子", "false"]]
MARKETO_HEADER = ["Id", "Created At", "Email Address", "Num Employees", "Unsubscribed"]
MARKETO_CELLS = [
    [1001, datetime(2025, 12, 1, 0, 0), "taro@example.co.jp", 120, False],
    [1002, datetime(2025, 12, 2, 10, 0), "jiro@example.jp", None, True],
]
MARKETO_TEXT = [
    ["1001", "2025-12-01T00:00:00Z", "taro@example.co.jp", "120", "false"],
    ["1002", "2025-12-02T10:00:00Z", "jiro@example.jp", "", "true"],
]


def workbook(path: Path, sheets: dict[str, tuple[list, list[list]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])


def land(root: Path) -> LoadReport:
    return load_directory(root / "landing", root / "build.duckdb", root / "quarantine")


def rows(root: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(root / "build.duckdb"), read_only=True)
    try:
        return con.execute(
            f"select * exclude (_loaded_at, _source_file) from {table} order by id"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture
def as_csv(tmp_path: Path) -> Path:
    """The records as CSV files, landed: what the workbooks must give."""
    root = tmp_path / "csv"
    write_csv(root / "landing" / "salesforce" / "lead.csv", LEAD_HEADER, LEAD_TEXT)
    write_csv(root / "landing" / "salesforce" / "user.csv", USER_HEADER, USER_TEXT)
    write_csv(root / "landing" / "marketo" / "lead.csv", MARKETO_HEADER, MARKETO_TEXT)
    report = land(root)
    assert [r.status for r in report.results] == ["loaded"] * 3, [r.message for r in report.results]
    return root


def test_a_workbook_of_several_sheets_lands_like_csv(tmp_path: Path, as_csv: Path) -> None:
    root = tmp_path / "xlsx"
    workbook(
        root / "landing" / "salesforce.xlsx",
        {
            "Lead": (LEAD_HEADER, LEAD_CELLS),
            "user": (USER_HEADER, USER_CELLS),
            "メモ": (["note"], [["not a table"]]),
        },
    )

    report = land(root)

    assert not report.rejected, [r.message for r in report.rejected]
    assert [(r.table, r.rows) for r in report.loaded] == [
        ("salesforce.lead", 3),
        ("salesforce.user", 2),
    ]
    assert report.loaded[0].message.startswith("salesforce.xlsx, sheet 'Lead': 3 rows into")
    (ignored,) = report.ignored
    assert ignored.message == (
        "salesforce.xlsx: sheet(s) 'メモ' give no raw table of the contract; ignored"
    )
    for table in ("salesforce.lead", "salesforce.user"):
        assert rows(root, table) == rows(as_csv, table), table
    # typed by Excel, landed in the contract's types
    lead = rows(root, "salesforce.lead")[1]
    assert lead[:2] == ("00Q2", datetime(2026, 1, 6, 23, 59, 30))
    assert "2026-02-01" in [str(v) for v in lead]

    again = land(root)  # the same workbook again: every sheet skipped
    assert [r.status for r in again.results if r.table] == ["skipped", "skipped"]


def test_a_workbook_named_like_a_table_lands_its_first_sheet(tmp_path: Path, as_csv: Path) -> None:
    root = tmp_path / "xlsx"
    book = workbook(
        root / "landing" / "marketo" / "lead.xlsx",
        {"Sheet1": (MARKETO_HEADER, MARKETO_CELLS), "Sheet2": (["x"], [["y"]])},
    )

    report = land(root)

    (result,) = report.results
    assert (result.status, result.table, result.rows) == ("loaded", "marketo.lead", 2)
    assert rows(root, "marketo.lead") == rows(as_csv, "marketo.lead")
    assert book.exists()


def test_a_workbook_named_like_a_table_prefers_the_sheet_named_like_it(tmp_path: Path) -> None:
    root = tmp_path / "xlsx"
    workbook(
        root / "landing" / "salesforce__user__2026-11.xlsx",
        {"README": (["x"], [["y"]]), "User": (USER_HEADER, USER_CELLS)},
    )
    (result,) = land(root).results
    assert (result.status, result.rows) == ("loaded", 2), result.message
    assert result.message.startswith("salesforce__user__2026-11.xlsx, sheet 'User'")


@pytest.mark.parametrize(
    ("row", "cell", "value", "expected"),
    [
        # Excel row 3 = the second record; column B is CreatedDate
        (3, "B", "2026-13-45", "row 3, column B (CreatedDate): '2026-13-45' is not a timestamp"),
        (4, "G", 1.5, "row 4, column G (NumberOfEmployees): '1.5' is not an integer"),
        (
            2,
            "E",
            "yes",
            "row 2, column E (IsConverted): 'yes' is not a boolean (true/false, t/f, 1/0)",
        ),
        (3, "H", "#N/A", "row 3, column H (AnnualRevenue): the cell holds the error #N/A"),
        (2, "A", None, "row 2, column A (Id): the id is empty; every row needs one"),
        (4, "J", "memo", "row 4, column J: 'memo' is in a column without a header"),
    ],
)
def test_a_bad_cell_rejects_the_whole_workbook_naming_sheet_row_and_column(
    tmp_path: Path, row: int, cell: str, value: object, expected: str
) -> None:
    root = tmp_path / "xlsx"
    path = workbook(
        root / "landing" / "salesforce.xlsx",
        {"user": (USER_HEADER, USER_CELLS), "lead": (LEAD_HEADER, LEAD_CELLS)},
    )
    book = load_workbook(path)
    book["lead"][f"{cell}{row}"] = value
    book.save(path)

    report = land(root)

    (result,) = report.results
    assert result.status == "rejected"
    assert result.message == f"salesforce.xlsx, sheet 'lead': {expected}"
    # nothing landed, not even the good sheet before it; the workbook is in quarantine
    assert not (root / "landing" / "salesforce.xlsx").exists()
    assert (root / "quarantine" / "salesforce.xlsx").exists()
    con = duckdb.connect(str(root / "build.duckdb"), read_only=True)
    try:
        tables = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'salesforce'"
        ).fetchone()
    finally:
        con.close()
    assert tables == (0,)


def test_rows_are_named_as_excel_numbers_them_below_a_blank_top_row(tmp_path: Path) -> None:
    root = tmp_path / "xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "user"
    sheet.append([])  # row 1 left blank: the header is row 2
    sheet.append(USER_HEADER)
    sheet.append(["005A", "山田", True])
    sheet.append(["005B", "佐藤", "maybe"])  # row 4
    sheet.cell(row=9, column=1, value="")  # a formatted, empty row further down: not data
    (root / "landing").mkdir(parents=True)
    book.save(root / "landing" / "salesforce.xlsx")

    (result,) = land(root).results

    assert result.message == (
        "salesforce.xlsx, sheet 'user': row 4, column C (IsActive): 'maybe' is not a boolean "
        "(true/false, t/f, 1/0)"
    )


def test_a_file_that_is_not_a_workbook_is_rejected(tmp_path: Path) -> None:
    root = tmp_path / "xlsx"
    (root / "landing" / "salesforce").mkdir(parents=True)
    (root / "landing" / "salesforce" / "lead.xlsx").write_text("id\n00Q1\n")
    (result,) = land(root).results
    assert result.status == "rejected"
    assert result.message.startswith("salesforce/lead.xlsx: not a readable Excel workbook")
