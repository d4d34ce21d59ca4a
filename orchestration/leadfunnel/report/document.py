"""The report as data: sections of blocks that the HTML, PDF and Excel writers render.

The monthly and weekly builders fill a :class:`Document` from the query layer; the writers
never query. Cell values stay raw (numbers, dates) so Excel gets numbers; each column's
``kind`` says how to show them (see ``formatting``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Tone = Literal["good", "bad", "warn", "neutral"]


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, rate, hours, days, number, date, month, datetime, bool,
    #                     status (label with the row's tone), kpi / change (unit from unit_key)
    unit_key: str | None = None
    display: bool = True  # shown in HTML and PDF
    excel: bool = True  # written to the workbook
    width: float = 1.0  # relative width in the PDF


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]
    sheet: str | None = None  # workbook sheet (tables sharing a sheet are stacked)
    title: str | None = None
    pdf_max_rows: int | None = None  # the rest is only in the workbook (a note says so)
    html_max_rows: int | None = None
    tone_key: str = "_tone"  # row key with the row's Tone (status cells, row highlight)
    overflow_sheet: str = ""  # where the rows cut from the page are, when sheet is None
    large: bool = False  # bigger type in the PDF (the scorecard)
    show: bool = True  # False: only in the workbook (e.g. a long-form copy of a chart's data)

    @property
    def display_columns(self) -> list[Column]:
        return [c for c in self.columns if c.display]

    @property
    def excel_columns(self) -> list[Column]:
        return [c for c in self.columns if c.excel]


@dataclass
class Chart:
    title: str
    png: bytes
    data: Table  # the numbers behind the chart (written to data.sheet)
    width: float = 1.0  # share of the text width in the PDF
    aspect: float = 0.5  # height / width of the image


@dataclass
class Text:
    text: str
    tone: Literal["normal", "note", "empty", "warning"] = "normal"


@dataclass
class Metric:
    label: str
    value: str
    tone: Tone = "neutral"
    sub: str = ""


@dataclass
class Metrics:
    items: list[Metric]


@dataclass
class Action:
    title: str
    text: str
    tone: Tone = "bad"


@dataclass
class Actions:
    items: list[Action]


@dataclass
class Columns:
    """Blocks side by side (HTML grid, PDF table), each with a relative width."""

    blocks: list
    widths: list[float] = field(default_factory=list)


@dataclass
class Stack:
    """Blocks one under the other (inside a :class:`Columns` cell)."""

    blocks: list


Block = Table | Chart | Text | Metrics | Actions | Columns | Stack


@dataclass
class Section:
    key: str  # s1..s9 (monthly), w1..w4 (weekly), no_data
    number: int
    title: str
    lead: str
    blocks: list[Block]
    has_data: bool = True


@dataclass
class Document:
    kind: Literal["monthly", "weekly"]
    lang: str
    title: str
    period_label: str
    period_key: str
    as_of_label: str
    generated_label: str
    sections: list[Section]
    has_data: bool
    notice: str | None = None  # shown under the title (e.g. no data for the month)
    footnote: str = ""

    def blocks(self) -> list[Block]:
        """Every block but the Columns / Stack holding them, in document order."""
        out: list[Block] = []

        def walk(block) -> None:
            if isinstance(block, Columns | Stack):
                for inner in block.blocks:
                    walk(inner)
            else:
                out.append(block)

        for section in self.sections:
            for block in section.blocks:
                walk(block)
        return out

    def tables(self) -> list[Table]:
        """Every table and chart data table, in document order (for the workbook)."""
        return [
            block.data if isinstance(block, Chart) else block
            for block in self.blocks()
            if isinstance(block, Table | Chart)
        ]

    def charts(self) -> list[Chart]:
        return [block for block in self.blocks() if isinstance(block, Chart)]
