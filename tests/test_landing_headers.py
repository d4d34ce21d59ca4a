"""Header styles: every way the tools write a column name lands the same values.

One canonical table per lead object (the contract's snake_case names, one value per column),
written again under each header style; each file is landed into its own warehouse and must
give exactly the rows the canonical file gives.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from leadfunnel.contract import ALL_TABLES, BOOKKEEPING_COLUMNS, CONNECTOR_COLUMNS
from leadfunnel.contract import table as contract_table
from leadfunnel.landing import load_directory
from leadfunnel.landing.headers import ALIASES_FILE, aliases, match_headers, match_key
from leadfunnel.paths import PROJECT_DIR

# --------------------------------------------------------------------- canonical tables

SALESFORCE_LEAD = {
    "id": ["00Q000000000001AAA", "00Q000000000002AAA"],
    "created_date": ["2026-01-05T00:00:00Z", "2026-01-06T01:30:00Z"],
    "email": ["taro@example.co.jp", "hanako@example.jp"],
    "first_name": ["太郎", "花子"],
    "last_name": ["山田", "佐藤"],
    "company": ["株式会社アルファ", "ベータ工業"],
    "title": ["部長", "課長"],
    "industry": ["製造", "IT"],
    "number_of_employees": ["120", "35"],
    "annual_revenue": ["1500000000", "2.5e8"],
    "state": ["東京都", "大阪府"],
    "country": ["Japan", "Japan"],
    "phone": ["03-1234-5678", "06-1234-5678"],
    "lead_source": ["Web", "Seminar"],
    "status": ["Closed - Converted", "Working - Contacted"],
    "owner_id": ["005000000000001AAA", "005000000000002AAA"],
    "is_converted": ["true", "false"],
    "converted_date": ["2026-02-01", ""],
    "converted_account_id": ["001000000000001AAA", ""],
    "converted_contact_id": ["003000000000001AAA", ""],
    "converted_opportunity_id": ["006000000000001AAA", ""],
    "is_deleted": ["false", "false"],
    "disqualification_reason_c": ["", "予算なし"],
    "disqualification_detail_c": ["", "来期に再検討"],
    "bant_budget_c": ["true", "false"],
    "bant_authority_c": ["true", ""],
    "bant_need_c": ["false", "true"],
    "bant_timeline_c": ["", "false"],
}

# Salesforce's English field labels, as a report export writes them (written here by hand).
SALESFORCE_LABELS = {
    "id": "Lead ID",
    "created_date": "Created Date",
    "email": "Email",
    "first_name": "First Name",
    "last_name": "Last Name",
    "company": "Company",
    "title": "Title",
    "industry": "Industry",
    "number_of_employees": "No. of Employees",
    "annual_revenue": "Annual Revenue",
    "state": "State/Province",
    "country": "Country",
    "phone": "Phone",
    "lead_source": "Lead Source",
    "status": "Lead Status",
    "owner_id": "Lead Owner ID",
    "is_converted": "Converted",
    "converted_date": "Converted Date",
    "converted_account_id": "Converted Account ID",
    "converted_contact_id": "Converted Contact ID",
    "converted_opportunity_id": "Converted Opportunity ID",
    "is_deleted": "Deleted",
    "disqualification_reason_c": "Disqualification Reason",
    "disqualification_detail_c": "Disqualification Detail",
    "bant_budget_c": "BANT Budget",
    "bant_authority_c": "BANT Authority",
    "bant_need_c": "BANT Need",
    "bant_timeline_c": "BANT Timeline",
}

MARKETO_LEAD = {
    "id": ["1001", "1002"],
    "created_at": ["2025-12-01T09:00:00+09:00", "2025-12-02T10:00:00Z"],
    "updated_at": ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"],
    "email": ["taro@example.co.jp", "jiro@example.jp"],
    "first_name": ["太郎", "次郎"],
    "last_name": ["山田", "鈴木"],
    "company": ["株式会社アルファ", "ガンマ商事"],
    "title": ["部長", "主任"],
    "industry": ["製造", "商社"],
    "number_of_employees": ["120", "800"],
    "annual_revenue": ["1.5e9", ""],
    "state": ["東京都", "愛知県"],
    "country": ["Japan", "Japan"],
    "phone": ["03-1234-5678", ""],
    "lead_source": ["Web", "展示会"],
    "sfdc_type": ["Lead", "Contact"],
    "sfdc_lead_id": ["00Q000000000001AAA", ""],
    "sfdc_contact_id": ["", "003000000000009AAA"],
    "sfdc_account_id": ["", "001000000000009AAA"],
    "unsubscribed": ["false", "true"],
    "email_invalid": ["false", "false"],
}

# Marketo's display names as Marketo itself describes its lead fields: the describe output
# (display name per REST name) in Fivetran's integration-test data.
LEAD_DESCRIBE = (
    PROJECT_DIR.parent / "shared" / "fixtures" / "fivetran" / "marketo" / "lead_describe.csv"
)


def marketo_display_names() -> dict[str, str]:
    """REST name -> display name, from Marketo's describe (empty without the fixtures)."""
    if not LEAD_DESCRIBE.is_file():
        return {}
    with LEAD_DESCRIBE.open(encoding="utf-8-sig", newline="") as handle:
        return {row["restname"]: row["display_name"] for row in csv.DictReader(handle)}


MARKETO_DISPLAY_NAMES = marketo_display_names()
needs_describe = pytest.mark.skipif(
    not MARKETO_DISPLAY_NAMES, reason=f"Marketo's describe not found at {LEAD_DESCRIBE}"
)


def api_name(column: str) -> str:
    """Salesforce's API name of a contract column (``converted_opportunity_id`` ->
    ``ConvertedOpportunityId``, ``bant_budget_c`` -> ``BANT_Budget__c``)."""
    if column.endswith("_c"):
        words = column[:-2].split("_")
        return "_".join(w.upper() if w == "bant" else w.capitalize() for w in words) + "__c"
    return "".join(w.capitalize() for w in column.split("_"))


def rest_name(column: str) -> str:
    """Marketo's REST name of a contract column (``sfdc_lead_id`` -> ``sfdcLeadId``)."""
    first, *rest = column.split("_")
    return first + "".join(w.capitalize() for w in rest)


STYLES = {
    "salesforce": {
        "canonical": lambda c: c,
        "api names (Data Loader)": api_name,
        "ALL-CAPS (allCapsHeaders)": lambda c: api_name(c).upper(),
        "lower-case (older Data Loader)": lambda c: api_name(c).lower(),
        "English field labels": SALESFORCE_LABELS.__getitem__,
        "labels, spaced and hyphenated oddly": lambda c: re.sub(
            " ", "-", SALESFORCE_LABELS[c].upper()
        ),
    },
    "marketo": {
        "canonical": lambda c: c,
        "REST names": rest_name,
        "display names (UI export)": lambda c: MARKETO_DISPLAY_NAMES[rest_name(c)],
        "display names, lower-case with underscores": lambda c: (
            MARKETO_DISPLAY_NAMES[rest_name(c)].lower().replace(" ", "_")
        ),
    },
}
CANONICAL = {"salesforce": SALESFORCE_LEAD, "marketo": MARKETO_LEAD}


def write(path: Path, header: list[str], columns: dict[str, list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = list(zip(*columns.values(), strict=True))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def land(root: Path, source: str, header: list[str]) -> tuple[list[tuple], object]:
    landing = root / "landing"
    write(landing / source / "lead.csv", header, CANONICAL[source])
    db = root / "build.duckdb"
    (result,) = load_directory(landing, db, root / "quarantine").results
    if result.status != "loaded":
        return [], result
    names = ", ".join(f'"{c}"' for c in CANONICAL[source])
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"select {names} from {source}.lead order by id").fetchall()
    finally:
        con.close()
    return rows, result


def test_the_canonical_tables_cover_every_column_of_the_lead_tables() -> None:
    for source, canonical in CANONICAL.items():
        table = contract_table(source, "lead")
        assert set(canonical) == set(table.columns), source


@needs_describe
def test_marketo_describes_every_marketo_lead_column_by_a_name_that_matches_it() -> None:
    lead = contract_table("marketo", "lead")
    for column in lead.columns:
        display = MARKETO_DISPLAY_NAMES[rest_name(column)]
        assert match_headers(lead, [display], "f.csv") == [column], (column, display)


@pytest.mark.parametrize(
    ("source", "style"),
    [
        pytest.param(s, name, marks=[needs_describe] if "display" in name else [])
        for s, styles in STYLES.items()
        for name in styles
    ],
)
def test_every_header_style_lands_the_same_values(tmp_path: Path, source: str, style: str) -> None:
    expected, _ = land(tmp_path / "canonical", source, list(CANONICAL[source]))
    header = [STYLES[source][style](column) for column in CANONICAL[source]]

    rows, result = land(tmp_path / "variant", source, header)

    assert result.status == "loaded", result.message
    assert rows == expected
    assert len(rows) == 2 and rows[0][0] in ("00Q000000000001AAA", 1001)
    # nothing was taken for an extra column, nothing the file had is reported as missing
    assert "extra columns" not in result.message
    assert result.warnings == ()


def test_the_canonical_values_are_typed(tmp_path: Path) -> None:
    rows, _ = land(tmp_path, "salesforce", list(SALESFORCE_LEAD))
    first = dict(zip(SALESFORCE_LEAD, rows[0], strict=True))
    assert first["created_date"].isoformat() == "2026-01-05T00:00:00"
    assert (first["number_of_employees"], first["annual_revenue"]) == (120, 1.5e9)
    assert (first["is_converted"], first["bant_timeline_c"]) == (True, None)
    marketo, _ = land(tmp_path / "m", "marketo", list(MARKETO_LEAD))
    assert marketo[0][1].isoformat() == "2025-12-01T00:00:00"  # 09:00 JST is 00:00 UTC


@pytest.mark.parametrize(
    "header",
    [
        "created_date",
        "CreatedDate",
        "CREATEDDATE",
        "createddate",
        "Created Date",
        "created-date",
        " Created_Date ",
        "ＣｒｅａｔｅｄＤａｔｅ",
    ],
)
def test_matching_ignores_case_spaces_underscores_and_hyphens(header: str) -> None:
    lead = contract_table("salesforce", "lead")
    assert match_headers(lead, ["Id", header], "f.csv") == ["id", "created_date"]


def test_a_marketo_display_name_and_its_rest_name_are_ambiguous_together() -> None:
    lead = contract_table("marketo", "lead")
    with pytest.raises(Exception, match="'Email Address' and 'email' both match column email"):
        match_headers(lead, ["Id", "Email Address", "email"], "marketo/lead.csv")


def test_labels_belong_to_their_table() -> None:
    # "Account ID" is the key of an account, but a contact's account
    account, contact = (
        contract_table("salesforce", "account"),
        contract_table("salesforce", "contact"),
    )
    assert match_headers(account, ["Account ID"], "a.csv") == ["id"]
    assert match_headers(contact, ["Contact ID", "Account ID"], "c.csv") == ["id", "account_id"]
    # a Marketo display name means nothing on a Salesforce lead: an extra column
    lead = contract_table("salesforce", "lead")
    assert match_headers(lead, ["Id", "Email Address"], "l.csv") == ["id", "email_address"]


# --------------------------------------------------------------------- the alias data


def alias_rows() -> list[dict[str, str]]:
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_contract_column_has_a_label_or_display_name_as_data() -> None:
    rows = alias_rows()
    assert {row["kind"] for row in rows} == {"label", "display_name"}
    named = {(row["table"], row["column"]) for row in rows}
    for table in ALL_TABLES:
        for column in table.all_columns:
            if column in CONNECTOR_COLUMNS:
                continue  # Fivetran's bookkeeping columns have no label
            assert (table.qualified_name, column) in named, (table.qualified_name, column)
    kinds = {(row["table"].split(".")[0], row["kind"]) for row in rows}
    assert kinds == {("salesforce", "label"), ("marketo", "display_name")}


def test_every_alias_matches_its_column_and_no_other() -> None:
    known = aliases()  # raises if an alias would match two columns of one table
    for row in alias_rows():
        assert known[row["table"]][match_key(row["alias"])] == row["column"], row
        table = contract_table(*row["table"].split("."))
        assert match_headers(table, [row["alias"]], "f.csv") == [row["column"]], row


def test_api_and_rest_names_need_no_alias() -> None:
    for table in ALL_TABLES:
        style = api_name if table.source == "salesforce" else rest_name
        for column in table.columns:
            if column in BOOKKEEPING_COLUMNS and column.startswith("_"):
                continue
            assert match_headers(table, [style(column)], "f.csv") == [column], column
