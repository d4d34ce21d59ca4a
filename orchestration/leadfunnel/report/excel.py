"""The report as an Excel workbook: a sheet per table and per chart's data, numbers as numbers.

Sheet names are stable across languages (``KPI``, ``Trend``, ``Funnel``, ...) so a workbook
can be linked to; headers are in the report's language. A sheet holding one table starts
with its header on row 1 (ready for filters and Power Query); sheets holding several tables
stack them under their titles. A chart's image sits to the right of its data.
"""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import xlsxwriter

from leadfunnel.report.charts import png_size
from leadfunnel.report.document import Column, Document, Table
from leadfunnel.report.formatting import EXCEL_FORMATS, is_missing, kpi_excel_format
from leadfunnel.report.i18n import labels

INFO_SHEET = "Report"
IMAGE_WIDTH_PX = 760


def render(document: Document) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    t = labels(document.lang)
    styles = _Styles(book)
    images = {id(chart.data): chart for chart in document.charts()}

    info = book.add_worksheet(INFO_SHEET)
    info.set_column(0, 0, 28)
    info.set_column(1, 1, 60)
    info.write(0, 0, document.title, styles.title)
    info.write(1, 0, document.period_label, styles.subtitle)
    info.write(3, 0, t["as_of"], styles.header)
    info.write(3, 1, document.as_of_label)
    info.write(4, 0, t["generated_at"], styles.header)
    info.write(4, 1, document.generated_label)
    row = 6
    if document.notice:
        info.write(row, 0, document.notice, styles.notice)
        row += 2
    info.write(row, 0, t["contents"], styles.header)
    row += 1

    by_sheet: dict[str, list[Table]] = {}
    for table in document.tables():
        if table.sheet:
            by_sheet.setdefault(table.sheet, []).append(table)
    sheet_section: dict[str, str] = {}
    for section in document.sections:
        title = f"{section.number}. {section.title}" if section.number else section.title
        info.write(row, 0, title)
        names = [s for s in _section_sheets(section) if s in by_sheet]
        for name in names:
            sheet_section.setdefault(name, title)
        info.write(row, 1, ", ".join(names))
        row += 1

    for name, tables in by_sheet.items():
        sheet = book.add_worksheet(name[:31])
        _write_sheet(sheet, tables, styles, images, document.lang)
    book.close()
    return buffer.getvalue()


def _section_sheets(section) -> list[str]:
    out: list[str] = []

    def walk(block) -> None:
        from leadfunnel.report.document import Chart, Columns, Stack

        if isinstance(block, Table) and block.sheet and block.sheet not in out:
            out.append(block.sheet)
        elif isinstance(block, Chart):
            walk(block.data)
        elif isinstance(block, Columns | Stack):
            for inner in block.blocks:
                walk(inner)

    for block in section.blocks:
        walk(block)
    return out


class _Styles:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Meiryo UI", "font_size": 10}
        self.book = book
        self.base = base
        self.title = book.add_format(base | {"bold": True, "font_size": 14})
        self.subtitle = book.add_format(base | {"font_size": 12})
        self.header = book.add_format(
            base
            | {
                "bold": True,
                "bg_color": "#1F3B57",
                "font_color": "#FFFFFF",
                "border": 1,
                "border_color": "#C5CBD1",
                "text_wrap": True,
                "valign": "top",
            }
        )
        self.table_title = book.add_format(base | {"bold": True, "font_size": 11})
        self.notice = book.add_format(base | {"bold": True, "font_color": "#9A6700"})
        self._cache: dict[tuple, object] = {}

    def cell(self, number_format: str | None, tone: str | None = None):
        key = (number_format, tone)
        if key not in self._cache:
            spec = dict(self.base) | {"border": 1, "border_color": "#DDE2E7", "valign": "top"}
            if number_format:
                spec["num_format"] = number_format
            if tone == "good":
                spec |= {"bg_color": "#E7F3E8", "font_color": "#2E7D32"}
            elif tone == "bad":
                spec |= {"bg_color": "#FBE9E9", "font_color": "#C62828"}
            elif tone == "warn":
                spec |= {"bg_color": "#FFF4D6", "font_color": "#9A6700"}
            self._cache[key] = self.book.add_format(spec)
        return self._cache[key]


def _number_format(column: Column, row: dict) -> str | None:
    unit = row.get(column.unit_key) if column.unit_key else None
    if column.kind in ("kpi", "change"):
        # the KPI's own format (dim_kpis); a change keeps its raw value, signed (a rate change
        # of 0.023 shows as +2.3%, i.e. 2.3 points)
        return kpi_excel_format(unit, change=column.kind == "change")
    return EXCEL_FORMATS.get(column.kind)


def _value(column: Column, row: dict):
    value = row.get(column.key)
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def _write_sheet(sheet, tables: list[Table], styles: _Styles, images: dict, lang: str) -> None:
    row = 0
    widths: dict[int, float] = {}
    single = len(tables) == 1
    for table in tables:
        columns = table.excel_columns
        if not single and table.title:
            sheet.write(row, 0, table.title, styles.table_title)
            row += 1
        for col, column in enumerate(columns):
            sheet.write(row, col, column.label, styles.header)
            widths[col] = max(widths.get(col, 0), _text_width(column.label))
        header_row = row
        row += 1
        for data in table.rows:
            tone = data.get(table.tone_key) if any(c.kind == "status" for c in columns) else None
            for col, column in enumerate(columns):
                value = _value(column, data)
                cell_tone = tone if column.kind == "status" else None
                fmt = styles.cell(_number_format(column, data), cell_tone)
                if value is None:
                    sheet.write_blank(row, col, None, fmt)
                elif isinstance(value, bool):
                    sheet.write_boolean(row, col, value, fmt)
                elif isinstance(value, datetime | date):
                    sheet.write_datetime(row, col, value, fmt)
                elif isinstance(value, int | float):
                    sheet.write_number(row, col, value, fmt)
                else:
                    sheet.write_string(row, col, str(value), fmt)
                    widths[col] = max(widths.get(col, 0), _text_width(str(value)))
                if isinstance(value, int | float | date | datetime):
                    widths[col] = max(widths.get(col, 0), 11)
            row += 1
        if single:
            sheet.freeze_panes(header_row + 1, 0)
            if table.rows:
                sheet.autofilter(header_row, 0, row - 1, max(len(columns) - 1, 0))
        chart = images.get(id(table))
        if chart is not None:
            _insert_image(sheet, header_row, len(columns) + 1, chart.png)
        row += 1
    for col, width in widths.items():
        sheet.set_column(col, col, min(max(width + 2, 8), 60))


def _insert_image(sheet, row: int, col: int, png: bytes) -> None:
    width_px, _, dpi = png_size(png)
    shown = width_px * 96 / dpi if dpi else width_px
    scale = IMAGE_WIDTH_PX / shown if shown else 1.0
    sheet.insert_image(
        row,
        col,
        "chart.png",
        {"image_data": io.BytesIO(png), "x_scale": scale, "y_scale": scale, "object_position": 3},
    )


def _text_width(text: str) -> float:
    """Approximate column width: East Asian wide characters count double."""
    longest = max((line for line in str(text).split("\n")), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)
