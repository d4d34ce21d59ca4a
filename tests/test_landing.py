"""Landing: extract files -> raw tables, on real DuckDB files with files written by the tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from leadfunnel.landing import (
    FileResult,
    LandingError,
    LoadReport,
    load_directory,
    load_file,
    normalize_header,
)

LEAD_HEADER = ["Id", "CreatedDate", "Status", "Company", "IsConverted", "NumberOfEmployees"]
BASE_LEADS = [
    ["00Q1", "2026-01-05T09:00:00Z", "Open", "株式会社アルファ", "false", "120"],
    ["00Q2", "2026-01-06T09:00:00Z", "Working", "ベータ工業", "true", "35"],
]


# ------------------------------------------------------------------ helpers


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(line) for line in [header, *rows]) + "\n"


def write_csv(
    path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    path.write_text(text, encoding="utf-8")
    return path


class Warehouse:
    """A landing folder, a database and a quarantine folder under tmp_path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.landing = root / "landing"
        self.db = root / "build.duckdb"
        self.quarantine = root / "quarantine"
        self.landing.mkdir()

    def load(self, **kwargs) -> LoadReport:
        return load_directory(self.landing, self.db, self.quarantine, **kwargs)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def rows(self, table: str, columns: str = "*") -> list[tuple]:
        schema, name = table.split(".")
        return self.query(f'select {columns} from "{schema}"."{name}" order by all')

    def has_table(self, table: str) -> bool:
        schema, name = table.split(".")
        return bool(
            self.query(
                "select 1 from duckdb_tables() where schema_name = ? and table_name = ?",
                [schema, name],
            )
        )

    def ledger(self) -> list[tuple]:
        return self.query(
            "select file_name, table_name, status, rows, inserted, replaced, message, sha256 "
            "from leadfunnel_meta.load_ledger order by loaded_at"
        )


@pytest.fixture
def wh(tmp_path: Path) -> Warehouse:
    return Warehouse(tmp_path)


def by_name(report: LoadReport) -> dict[str, FileResult]:
    return {result.path.name: result for result in report.results}


# ------------------------------------------------------------------ headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ConvertedOpportunityId", "converted_opportunity_id"),
        ("Disqualification_Reason__c", "disqualification_reason_c"),
        ("BANT_Budget__c", "bant_budget_c"),
        ("Id", "id"),
        ("CreatedDate", "created_date"),
        ("IsDeleted", "is_deleted"),
        ("UserRoleId", "user_role_id"),
        ("CompletedDateTime", "completed_date_time"),
        ("sfdcLeadId", "sfdc_lead_id"),
        ("_fivetran_deleted", "_fivetran_deleted"),
        ("Lead Source", "lead_source"),
        ("createdAt", "created_at"),
        ("numberOfEmployees", "number_of_employees"),
        ("ID", "id"),
        ("SFDCId", "sfdc_id"),
        ("  Email  ", "email"),
        ("email", "email"),
        ("Email Address (Work)", "email_address_work"),
        ("Ｌｅａｄ Ｓｏｕｒｃｅ", "lead_source"),  # full-width, as Japanese input methods type it
        ("\ufeffId", "id"),
        ("Address2Street", "address2_street"),
        ("会社名", "会社名"),
    ],
)
def test_normalize_header(header: str, expected: str) -> None:
    assert normalize_header(header) == expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        # two spellings of one contract column: ambiguous, both named
        (
            ["Id", "Lead Source", "LeadSource"],
            "headers 'Lead Source' and 'LeadSource' both match column lead_source of "
            "salesforce.lead",
        ),
        # an API name and a field label of the same column
        (["Id", "Lead ID"], "headers 'Id' and 'Lead ID' both match column id of salesforce.lead"),
        # two extra columns with one snake_case name
        (["Id", "Region__c", "REGION_C"], "'Region__c' and 'REGION_C' both normalize to region_c"),
    ],
)
def test_headers_that_match_the_same_column_are_rejected(
    wh: Warehouse, headers: list[str], expected: str
) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", headers, [["00Q1", *["x"] * (len(headers) - 1)]])
    (result,) = wh.load().results
    assert result.status == "rejected"
    assert expected in result.message
    assert not wh.has_table("salesforce.lead")


# ------------------------------------------------------------------ encodings


def test_cp932_file_lands_with_correct_japanese_text(wh: Warehouse) -> None:
    rows = [
        ["00Q1", "2026/01/05 09:00", "Open", "株式会社髙橋ソフト", "f", "120"],  # 髙: CP932 only
        ["00Q2", "2026-01-06T09:00:00Z", "Working", "①テクノ（株）", "1", ""],  # NEC specials
    ]
    path = write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, rows, encoding="cp932")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8

    report = wh.load()

    assert [r.status for r in report.results] == ["loaded"], report.results[0].message
    assert wh.rows("salesforce.lead", "id, company, created_date, is_converted") == [
        ("00Q1", "株式会社髙橋ソフト", datetime(2026, 1, 5, 9, 0), False),
        ("00Q2", "①テクノ（株）", datetime(2026, 1, 6, 9, 0), True),
    ]


def test_utf8_bom_csv_and_jsonl_land(wh: Warehouse) -> None:
    bom = "\ufeff"
    (wh.landing / "salesforce__lead.csv").write_text(
        bom + csv_text(LEAD_HEADER, BASE_LEADS), encoding="utf-8"
    )
    (wh.landing / "marketo__lead.jsonl").write_text(
        bom
        + json.dumps({"id": 7, "createdAt": "2026-02-01T00:00:00Z", "company": "ガンマ"})
        + "\n",
        encoding="utf-8",
    )

    report = wh.load()

    assert [r.status for r in report.results] == ["loaded", "loaded"], [
        r.message for r in report.results
    ]
    # the BOM is not glued to the first header: "Id" became the required id column
    assert wh.rows("salesforce.lead", "id, company") == [
        ("00Q1", "株式会社アルファ"),
        ("00Q2", "ベータ工業"),
    ]
    assert wh.rows("marketo.lead", "id, company") == [(7, "ガンマ")]


def test_utf16_excel_unicode_text_lands(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS, encoding="utf-16")
    (result,) = wh.load().results
    assert result.status == "loaded", result.message
    assert wh.rows("salesforce.lead", "company") == [("ベータ工業",), ("株式会社アルファ",)]


# ------------------------------------------------------------------ file names


def test_both_naming_styles_and_suffixes_map_to_their_tables(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, [BASE_LEADS[0]])
    write_csv(wh.landing / "salesforce" / "lead.csv", LEAD_HEADER, [BASE_LEADS[1]])
    write_csv(
        wh.landing / "salesforce__lead__2026-11-01.csv",
        LEAD_HEADER,
        [["00Q3", "2026-11-01T00:00:00Z", "Open", "C", "false", "1"]],
    )
    write_csv(
        wh.landing / "Salesforce" / "Lead__2026-11-02.csv",
        LEAD_HEADER,
        [["00Q4", "2026-11-02T00:00:00Z", "Open", "D", "false", "1"]],
    )
    write_csv(wh.landing / "salesforce" / "user.csv", ["Id", "Name"], [["005A", "山田"]])
    write_csv(
        wh.landing / "marketo" / "activity_visit_webpage__2026-11-01.csv",
        ["id", "leadId", "activityDate", "webpageUrl"],
        [["1", "7", "2026-11-01T10:00:00+09:00", "https://example.jp/"]],
    )
    # not extracts: ignored, left where they are
    ignored = [
        write_csv(wh.landing / "_truth" / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS),
        write_csv(wh.landing / ".cache" / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS),
        write_csv(wh.landing / "_notes.csv", ["x"], [["1"]]),
    ]

    report = wh.load()

    tables = {r.path.relative_to(wh.landing).as_posix(): r.table for r in report.results}
    assert tables == {
        "Salesforce/Lead__2026-11-02.csv": "salesforce.lead",
        "marketo/activity_visit_webpage__2026-11-01.csv": "marketo.activity_visit_webpage",
        "salesforce/lead.csv": "salesforce.lead",
        "salesforce/user.csv": "salesforce.user",
        "salesforce__lead.csv": "salesforce.lead",
        "salesforce__lead__2026-11-01.csv": "salesforce.lead",
    }
    assert not report.rejected, [r.message for r in report.rejected]
    labels = [r.path.relative_to(wh.landing).as_posix() for r in report.results]
    assert labels == sorted(labels)  # deterministic order
    assert wh.rows("salesforce.lead", "id") == [("00Q1",), ("00Q2",), ("00Q3",), ("00Q4",)]
    assert wh.rows("salesforce.user", "id, name") == [("005A", "山田")]
    assert all(path.exists() for path in ignored)


def test_files_outside_the_contract_are_ignored_not_quarantined(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    outside = {
        "salesforce__leads.csv": "salesforce.leads is not a raw table of the contract "
        "(did you mean salesforce.lead?); ignored",
        "salesforce/account_history.csv": "salesforce.account_history is not a raw table of "
        "the contract; ignored",
        "hubspot/contact.csv": "the name gives no raw table of the contract; ignored",
        "README.md": "the name gives no raw table of the contract; ignored",
    }
    for name in outside:
        write_csv(wh.landing / name, ["id"], [["1"]])

    report = wh.load()

    assert [r.table for r in report.loaded] == ["salesforce.lead"]
    assert not report.rejected and not wh.quarantine.exists()
    assert {r.path.relative_to(wh.landing).as_posix(): r.message for r in report.ignored} == {
        name: f"{name}: {reason}" for name, reason in outside.items()
    }
    assert all((wh.landing / name).exists() for name in outside)  # left where they are
    ignored_rows = [row for row in wh.ledger() if row[2] == "ignored"]
    assert sorted(row[0] for row in ignored_rows) == sorted(Path(n).name for n in outside)
    assert all(row[1] is None for row in ignored_rows)  # no table

    again = wh.load()  # listed again, recorded once per file and content
    assert len(again.ignored) == len(outside)
    assert len([row for row in wh.ledger() if row[2] == "ignored"]) == len(outside)


def test_files_load_in_path_order_so_the_later_extract_wins(wh: Warehouse) -> None:
    old = ["00Q1", "2026-01-05T09:00:00Z", "Open", "A", "false", "1"]
    new = ["00Q1", "2026-01-05T09:00:00Z", "Qualified", "A", "false", "1"]
    write_csv(wh.landing / "salesforce" / "lead__2026-11-02.csv", LEAD_HEADER, [new])
    write_csv(wh.landing / "salesforce" / "lead__2026-11-01.csv", LEAD_HEADER, [old])

    report = wh.load()

    assert [r.path.name for r in report.results] == ["lead__2026-11-01.csv", "lead__2026-11-02.csv"]
    assert wh.rows("salesforce.lead", "id, status, _source_file") == [
        ("00Q1", "Qualified", "salesforce/lead__2026-11-02.csv")
    ]


# ------------------------------------------------------------------ idempotency and upsert


def test_loading_the_same_files_twice_skips_them_and_changes_nothing(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    write_jsonl(
        wh.landing / "marketo__lead.jsonl", [{"id": 1, "createdAt": "2026-01-01T00:00:00Z"}]
    )
    first = wh.load()
    before = wh.rows("salesforce.lead"), wh.rows("marketo.lead")

    progress: list[FileResult] = []
    second = wh.load(progress=progress.append)

    assert [r.status for r in first.results] == ["loaded", "loaded"]
    assert [r.status for r in second.results] == ["skipped", "skipped"]
    assert progress == second.results
    assert (wh.rows("salesforce.lead"), wh.rows("marketo.lead")) == before
    lead_attempts = [row for row in wh.ledger() if row[0] == "salesforce__lead.csv"]
    assert [(status, rows, inserted) for _, _, status, rows, inserted, *_ in lead_attempts] == [
        ("loaded", 2, 2),
        ("skipped", 2, 0),
    ]
    assert lead_attempts[0][-1] == lead_attempts[1][-1] == second.results[1].sha256
    assert "already loaded into salesforce.lead" in second.results[1].message


def test_same_content_under_another_name_is_skipped(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    write_csv(wh.landing / "salesforce__lead__copy.csv", LEAD_HEADER, BASE_LEADS)
    report = wh.load()
    assert [r.status for r in report.results] == ["loaded", "skipped"]
    assert len(wh.rows("salesforce.lead")) == 2


def test_newer_extract_replaces_records_and_adds_new_ids(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    wh.load()
    write_csv(
        wh.landing / "salesforce__lead__2026-11-01.csv",
        LEAD_HEADER,
        [
            ["00Q2", "2026-01-06T09:00:00Z", "Qualified", "ベータ工業", "true", "40"],
            ["00Q3", "2026-11-01T09:00:00Z", "Open", "デルタ", "false", ""],
        ],
    )

    report = wh.load()

    result = by_name(report)["salesforce__lead__2026-11-01.csv"]
    assert (result.status, result.rows, result.inserted, result.replaced) == ("loaded", 2, 1, 1)
    assert wh.rows("salesforce.lead", "id, status, number_of_employees, _source_file") == [
        ("00Q1", "Open", 120, "salesforce__lead.csv"),
        ("00Q2", "Qualified", 40, "salesforce__lead__2026-11-01.csv"),
        ("00Q3", "Open", None, "salesforce__lead__2026-11-01.csv"),
    ]


# ------------------------------------------------------------------ bad files


def _bad_bytes(path: Path) -> None:
    good = csv_text(LEAD_HEADER, BASE_LEADS).encode("utf-8")
    # line 4, after a valid Japanese (UTF-8) line: 0x81 0x20 is neither UTF-8 nor CP932
    path.write_bytes(good + b"00Q9,2026-01-01,Open,Bad\x81 Co,false,1\n")


def _csv(rows: list[list[str]], header: list[str] = LEAD_HEADER) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        write_csv(path, header, rows)

    return write


def _raw(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


# where _bad_bytes puts 0x81: after the good lines and "00Q9,2026-01-01,Open,Bad"
BAD_BYTE_OFFSET = len(csv_text(LEAD_HEADER, BASE_LEADS).encode()) + len("00Q9,2026-01-01,Open,Bad")
REPLACING_ROW = ["00Q1", "2026-01-05T09:00:00Z", "Closed", "changed", "false", "1"]
NEW_ROW = ["00Q9", "2026-01-07T09:00:00Z", "Open", "new", "false", "1"]

BAD_FILES = {
    "wrong field count": (
        "salesforce__lead__bad.csv",
        _raw(
            csv_text(LEAD_HEADER, [REPLACING_ROW, NEW_ROW]) + "00Q8,2026-01-01,Open,x,false,1,9\n"
        ),
        ["salesforce__lead__bad.csv: line 4: expected 6 fields (as in the header) but found 7"],
    ),
    "unterminated quote": (
        "salesforce__lead__bad.csv",
        _raw(csv_text(LEAD_HEADER, [REPLACING_ROW, NEW_ROW]) + '00Q8,2026-01-01,Open,"x,f,1\n'),
        ["salesforce__lead__bad.csv: line 4: a quoted value is never closed"],
    ),
    "missing required column": (
        "salesforce/lead__bad.csv",
        _csv(
            [[r[0], r[1], r[3]] for r in (REPLACING_ROW, NEW_ROW)],
            ["Lead Number", "CreatedDate", "Company"],
        ),
        [
            "salesforce/lead__bad.csv: missing required column(s) id of salesforce.lead: "
            "no header matches; the file has 'Lead Number', 'CreatedDate', 'Company'; "
            "expected id (as 'id' or 'Lead ID')"
        ],
    ),
    "duplicate ids": (
        "salesforce__lead__bad.csv",
        _csv([REPLACING_ROW, NEW_ROW, REPLACING_ROW]),
        ["salesforce__lead__bad.csv: id '00Q1' appears 2 times (rows 1, 3)"],
    ),
    "empty id": (
        "salesforce__lead__bad.csv",
        _csv([REPLACING_ROW, ["", *NEW_ROW[1:]]]),
        ["salesforce__lead__bad.csv: row 2, column id: the id is empty"],
    ),
    "undecodable bytes": (
        "salesforce__lead__bad.csv",
        _bad_bytes,
        [
            f"salesforce__lead__bad.csv: byte 0x81 at byte offset {BAD_BYTE_OFFSET:,} ",
            "(line 4) is neither UTF-8 nor CP932",
        ],
    ),
    "uncastable timestamp": (
        "salesforce__lead__bad.csv",
        _csv([REPLACING_ROW, ["00Q9", "2026-13-45", "Open", "x", "false", "1"]]),
        ["salesforce__lead__bad.csv: row 2, column created_date: '2026-13-45' is not a timestamp"],
    ),
    "uncastable boolean": (
        "salesforce__lead__bad.csv",
        _csv([REPLACING_ROW, NEW_ROW, ["00Q8", "2026-01-01", "Open", "x", "yes", "1"]]),
        ["row 3, column is_converted: 'yes' is not a boolean"],
    ),
    "fractional integer": (
        "salesforce__lead__bad.csv",
        _csv([REPLACING_ROW, ["00Q9", "2026-01-01", "Open", "x", "false", "1.5"]]),
        ["row 2, column number_of_employees: '1.5' is not an integer"],
    ),
    "malformed json": (
        "salesforce__lead__bad.jsonl",
        _raw('{"Id": "00Q1", "CreatedDate": "2026-01-01", "Status": "Closed"}\n{"Id": "00Q9",\n'),
        ["salesforce__lead__bad.jsonl: line", "malformed JSON"],
    ),
    "empty file": (
        "salesforce__lead__bad.csv",
        _raw(""),
        ["salesforce__lead__bad.csv: the file is empty; expected a header row"],
    ),
    "unsupported format of a contract table": (
        "salesforce__lead.xls",
        _raw("not a workbook this reader knows"),
        [
            "salesforce__lead.xls: .xls is not a supported extract format",
            "<source>__<table>[__<suffix>].<ext> or <source>/<table>[__<suffix>].<ext>",
        ],
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_is_rejected_quarantined_and_lands_nothing(wh: Warehouse, kind: str) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    assert [r.status for r in wh.load().results] == ["loaded"]
    before = wh.rows("salesforce.lead")
    columns_before = wh.query(
        "select count(*) from duckdb_columns() where schema_name = 'salesforce'"
    )
    name, write, fragments = BAD_FILES[kind]
    bad = wh.landing / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    write(bad)
    bad_bytes = bad.read_bytes()
    good = write_csv(
        wh.landing / "zz" / "marketo__lead.csv", ["id", "createdAt"], [["7", "2026-01-01"]]
    )

    report = wh.load()

    results = by_name(report)
    rejected = results[bad.name]
    assert rejected.status == "rejected"
    for fragment in fragments:
        assert fragment in rejected.message
    assert len(rejected.message.splitlines()) == 1
    # moved to quarantine, with the reason beside it
    assert not bad.exists()
    assert rejected.quarantined_to == wh.quarantine / bad.name
    assert rejected.quarantined_to.read_bytes() == bad_bytes
    reason = wh.quarantine / f"{bad.name}.reason.txt"
    assert reason.read_text(encoding="utf-8").strip() == rejected.message
    # nothing of it landed: same rows, same columns
    assert wh.rows("salesforce.lead") == before
    assert (
        wh.query("select count(*) from duckdb_columns() where schema_name = 'salesforce'")
        == columns_before
    )
    # the rejection is in the ledger; the other file still loaded
    assert ("rejected", rejected.message) in [(row[2], row[6]) for row in wh.ledger()]
    assert results[good.name].status == "loaded"
    assert wh.rows("marketo.lead", "id") == [(7,)]


def test_row_numbers_are_file_rows_in_large_files_read_in_parallel(wh: Warehouse) -> None:
    n = 300_000
    rows = [[f"00Q{i}", "2026-01-01T00:00:00Z", "Open", "x", "false", "1"] for i in range(1, n + 1)]
    rows[249_999][1] = "2026-02-30T00:00:00Z"  # data row 250,000
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, rows)
    ids = pa.array(range(n), pa.int64()).to_pylist()
    ids[299_990] = 17  # row 299,991 repeats row 18's id
    pq.write_table(
        pa.table({"id": ids, "leadId": ids, "activityDate": ["2026-01-01"] * n}),
        wh.landing / "marketo__activity_open_email.parquet",
    )

    parquet_result, csv_result = wh.load().results

    assert csv_result.message == (
        "salesforce__lead.csv: row 250000, column created_date: "
        "'2026-02-30T00:00:00Z' is not a timestamp"
    )
    assert parquet_result.message.startswith(
        "marketo__activity_open_email.parquet: id '17' appears 2 times (rows 18, 299991)"
    )


def test_rejected_first_file_of_a_table_creates_no_table(wh: Warehouse) -> None:
    write_csv(
        wh.landing / "salesforce__account.csv",
        ["Id", "Name", "CreatedDate", "AnnualRevenue"],
        [["001A", "アルファ", "2026-01-01", "1e6"], ["001B", "ベータ", "2026-01-01", "much"]],
    )
    (result,) = wh.load().results
    assert result.status == "rejected"
    assert "row 2, column annual_revenue: 'much' is not a number" in result.message
    assert not wh.has_table("salesforce.account")


def test_failure_after_the_upsert_rolls_the_whole_file_back(
    wh: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure at the last step (the ledger row) undoes the delete, insert and new column."""
    import leadfunnel.landing.loader as loader

    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    wh.load()
    before = wh.rows("salesforce.lead")
    write_csv(
        wh.landing / "salesforce__lead__2.csv",
        [*LEAD_HEADER, "Region__c"],
        [[*REPLACING_ROW, "関東"], [*NEW_ROW, "関西"]],
    )
    real_record = loader.record

    def failing_record(con, result, loaded_at):
        if result.status == "loaded":  # raised from Python: DuckDB's transaction is still open
            raise duckdb.IOException("disk full")
        real_record(con, result, loaded_at)

    monkeypatch.setattr(loader, "record", failing_record)

    report = wh.load()

    (result,) = report.rejected
    assert "salesforce__lead__2.csv: disk full" in result.message
    assert wh.rows("salesforce.lead") == before
    assert "region_c" not in [c for (c,) in wh.query("select column_name from duckdb_columns()")]
    assert [row[2] for row in wh.ledger()] == ["loaded", "skipped", "rejected"]


def test_quarantine_never_overwrites_a_file_of_the_same_name(wh: Warehouse) -> None:
    write_csv(wh.landing / "marketo" / "lead.csv", ["id"], [["x"]])  # not an integer id
    write_csv(wh.landing / "salesforce" / "lead.csv", ["name"], [["2"]])  # no id
    report = wh.load()
    assert [r.status for r in report.results] == ["rejected", "rejected"]
    assert sorted(p.name for p in wh.quarantine.iterdir()) == [
        "lead.1.csv",
        "lead.1.csv.reason.txt",
        "lead.csv",
        "lead.csv.reason.txt",
    ]
    assert (wh.quarantine / "lead.1.csv").read_text() == "name\n2\n"
    assert "salesforce/lead.csv" in (wh.quarantine / "lead.1.csv.reason.txt").read_text()


# ------------------------------------------------------------------ formats, columns, types


def test_parquet_with_native_types_lands(wh: Warehouse) -> None:
    jst = timezone(timedelta(hours=9))
    table = pa.table(
        {
            "id": pa.array([1, 2], pa.int32()),
            "leadId": pa.array([10, 20], pa.int64()),
            "activityDate": pa.array(
                [
                    datetime(2026, 11, 1, 9, 0, tzinfo=jst),
                    datetime(2026, 11, 1, 23, 30, tzinfo=jst),
                ],
                pa.timestamp("us", tz="Asia/Tokyo"),
            ),
            "webpageUrl": ["https://example.jp/a", ""],
            "campaignId": pa.array([1.0, None], pa.float64()),
        }
    )
    path = wh.landing / "marketo" / "activity_visit_webpage__2026-11-01.parquet"
    path.parent.mkdir()
    pq.write_table(table, path)

    (result,) = wh.load().results

    assert result.status == "loaded", result.message
    assert wh.rows(
        "marketo.activity_visit_webpage", "id, lead_id, activity_date, webpage_url, campaign_id"
    ) == [
        (1, 10, datetime(2026, 11, 1, 0, 0), "https://example.jp/a", 1),
        (2, 20, datetime(2026, 11, 1, 14, 30), None, None),
    ]
    types = dict(
        wh.query(
            "select column_name, data_type from duckdb_columns() "
            "where table_name = 'activity_visit_webpage'"
        )
    )
    assert types["id"] == "BIGINT" and types["activity_date"] == "TIMESTAMP"


def test_jsonl_and_ndjson_land_with_values_as_text_then_typed(wh: Warehouse) -> None:
    write_jsonl(
        wh.landing / "marketo__lead.jsonl",
        [
            {"id": 1, "createdAt": "2026-01-01T09:00:00+09:00", "unsubscribed": True},
            {"id": 2, "createdAt": "2026-01-02", "numberOfEmployees": 300, "tags": {"a": 1}},
        ],
    )
    write_jsonl(
        wh.landing / "marketo" / "program.ndjson",
        [{"id": 5, "name": "展示会2026", "_fivetran_deleted": False}],
    )

    report = wh.load()

    assert [r.status for r in report.results] == ["loaded", "loaded"], [
        r.message for r in report.results
    ]
    assert wh.rows("marketo.lead", "id, created_at, unsubscribed, number_of_employees, tags") == [
        (1, datetime(2026, 1, 1, 0, 0), True, None, None),
        (2, datetime(2026, 1, 2, 0, 0), None, 300, '{"a":1}'),
    ]
    assert wh.rows("marketo.program", "id, name, _fivetran_deleted") == [(5, "展示会2026", False)]


def test_extra_columns_are_kept_and_missing_optional_columns_are_null(wh: Warehouse) -> None:
    write_csv(
        wh.landing / "salesforce__lead.csv",
        ["Id", "CreatedDate", "Status"],
        [["00Q1", "2026-01-01", "Open"]],
    )
    write_csv(
        wh.landing / "salesforce__lead__2.csv",
        ["Id", "CreatedDate", "Status", "Region__c", "Score"],
        [["00Q2", "2026-01-01", "Open", "関東", "88"]],
    )

    report = wh.load()

    first, second = report.results
    assert "landed as NULL: email" in first.message and "company" in first.message
    assert "extra columns kept as VARCHAR: region_c, score" in second.message
    assert wh.rows("salesforce.lead", "id, company, region_c, score") == [
        ("00Q1", None, None, None),
        ("00Q2", None, "関東", "88"),
    ]
    types = dict(
        wh.query("select column_name, data_type from duckdb_columns() where table_name = 'lead'")
    )
    assert types["region_c"] == types["score"] == "VARCHAR"
    assert types["_loaded_at"] == "TIMESTAMP" and types["_source_file"] == "VARCHAR"
    assert types["bant_budget_c"] == "BOOLEAN" and types["converted_date"] == "DATE"


def test_values_are_cast_to_contract_types(wh: Warehouse) -> None:
    header = [
        "Id",
        "CreatedDate",
        "Status",
        "IsConverted",
        "BANT_Budget__c",
        "ConvertedDate",
        "AnnualRevenue",
        "NumberOfEmployees",
        "Company",
    ]
    write_csv(
        wh.landing / "salesforce__lead.csv",
        header,
        [
            [
                "00Q1",
                "2026-11-01T09:00:00+09:00",
                "Open",
                "TRUE",
                "t",
                "2026-11-02",
                "1.5e6",
                "120.0",
                '""',
            ],
            ["00Q2", "2026-11-01T09:00:00Z", "Open", "0", "F", "2026/11/03", "", " 7 ", "  "],
            ["00Q3", "2026-11-01 09:00:00", "Open", "f", "1", "", "12", "", "x"],
            ["00Q4", "2026-11-01T09:00:00.000+0000", "Open", "", "", "", "", "", ""],
        ],
    )

    (result,) = wh.load().results

    assert result.status == "loaded", result.message
    assert wh.rows(
        "salesforce.lead",
        "id, created_date, is_converted, bant_budget_c, converted_date, annual_revenue, "
        "number_of_employees, company",
    ) == [
        (
            "00Q1",
            datetime(2026, 11, 1, 0, 0),
            True,
            True,
            datetime(2026, 11, 2).date(),
            1.5e6,
            120,
            None,
        ),
        (
            "00Q2",
            datetime(2026, 11, 1, 9, 0),
            False,
            False,
            datetime(2026, 11, 3).date(),
            None,
            7,
            "  ",
        ),
        ("00Q3", datetime(2026, 11, 1, 9, 0), False, True, None, 12.0, None, "x"),
        ("00Q4", datetime(2026, 11, 1, 9, 0), None, None, None, None, None, None),
    ]


def test_custom_schema_mapping(wh: Warehouse) -> None:
    write_csv(wh.landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    (result,) = wh.load(schemas={"salesforce": "sfdc_raw"}).results
    assert result.table == "sfdc_raw.lead"
    assert len(wh.rows("sfdc_raw.lead")) == 2
    assert not wh.has_table("salesforce.lead")


def test_load_file_lands_one_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in" / "salesforce" / "lead.csv", LEAD_HEADER, BASE_LEADS)
    (result,) = load_file(path, tmp_path / "db.duckdb", tmp_path / "q").results
    assert (result.status, result.table, result.rows) == ("loaded", "salesforce.lead", 2)
    assert result.message.startswith("salesforce/lead.csv: 2 rows into salesforce.lead")


def test_a_missing_folder_is_a_landing_error(tmp_path: Path) -> None:
    with pytest.raises(LandingError, match="is not a folder of extract files"):
        load_directory(tmp_path / "nope", tmp_path / "db.duckdb", tmp_path / "q")


def test_quarantine_and_database_inside_the_landing_folder_are_left_alone(
    tmp_path: Path,
) -> None:
    landing = tmp_path / "landing"
    write_csv(landing / "salesforce__lead.csv", LEAD_HEADER, BASE_LEADS)
    write_csv(landing / "salesforce__lead__bad.csv", ["name"], [["x"]])  # rejected: no id
    db, quarantine = landing / "build.duckdb", landing / "quarantine"
    load_directory(landing, db, quarantine)
    report = load_directory(landing, db, quarantine)
    assert [r.path.name for r in report.results] == ["salesforce__lead.csv"]
    assert db.exists() and (quarantine / "salesforce__lead__bad.csv").exists()


# ------------------------------------------------------------------ connector conventions


def test_history_mode_and_deleted_rows_may_repeat_an_id(wh: Warehouse) -> None:
    header = ["Id", "Status", "_fivetran_active", "_fivetran_deleted", "IsDeleted"]
    versions = [
        ["00Q1", "Open - Not Contacted", "false", "false", "false"],  # 00Q1 before
        ["00Q1", "Working - Contacted", "true", "false", "false"],  # 00Q1 now
        ["00Q2", "Working - Contacted", "true", "true", "false"],  # deleted by the connector
        ["00Q2", "Working - Contacted", "true", "false", "true"],  # deleted in Salesforce
        ["00Q2", "Closed - Converted", "true", "false", "false"],  # 00Q2 now
    ]
    write_csv(wh.landing / "salesforce__lead.csv", header, versions)

    (result,) = wh.load().results

    assert (result.status, result.rows) == ("loaded", 5), result.message
    assert result.warnings == (
        "columns not in the file, landed as NULL: created_date, email, first_name, last_name, "
        "company, title, industry, number_of_employees, annual_revenue, state, country, phone, "
        "lead_source, owner_id, is_converted, converted_date, converted_account_id, "
        "converted_contact_id, converted_opportunity_id, disqualification_reason_c, "
        "disqualification_detail_c, bant_budget_c, bant_authority_c, bant_need_c, "
        "bant_timeline_c",
    )
    assert wh.rows("salesforce.lead", "id, _fivetran_active, _fivetran_deleted, is_deleted") == [
        ("00Q1", False, False, False),
        ("00Q1", True, False, False),
        ("00Q2", True, False, False),
        ("00Q2", True, False, True),
        ("00Q2", True, True, False),
    ]

    write_csv(
        wh.landing / "salesforce__lead__2.csv",
        header,
        [*versions, ["00Q1", "Closed - Converted", "", "", ""]],  # a second current 00Q1
    )
    rejected = by_name(wh.load())["salesforce__lead__2.csv"]
    assert rejected.status == "rejected"
    assert rejected.message == (
        "salesforce__lead__2.csv: id '00Q1' appears 2 times (rows 2, 6); ids must be unique "
        "within a file among its current rows (not deleted, active version)"
    )
