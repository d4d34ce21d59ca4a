"""The report as a PDF: A4 landscape, one page per section, like a slide deck for the meeting.

Text is set in the bundled IPAex Gothic, embedded as a subset with a ToUnicode map (real,
searchable Japanese text, not outlines). Each section is fitted to its page (reportlab's
``KeepInFrame`` shrinks it when needed; long tables are cut to their ``pdf_max_rows`` first,
with a note pointing at the workbook), so the page count is the section count.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from leadfunnel.report.charts import png_size
from leadfunnel.report.document import (
    Actions,
    Chart,
    Column,
    Columns,
    Document,
    Metrics,
    Section,
    Stack,
    Table,
    Text,
)
from leadfunnel.report.fonts import reportlab_font
from leadfunnel.report.formatting import fmt
from leadfunnel.report.html import NUMERIC_KINDS
from leadfunnel.report.i18n import labels

PAGE = landscape(A4)
MARGIN_X = 12 * mm
MARGIN_TOP = 17 * mm
MARGIN_BOTTOM = 12 * mm
GAP = 5 * mm

NAVY = colors.HexColor("#1f3b57")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b76")
LINE = colors.HexColor("#dde2e7")
ZEBRA = colors.HexColor("#f7f9fa")
TONES = {
    "good": (colors.HexColor("#e7f3e8"), colors.HexColor("#2e7d32")),
    "bad": (colors.HexColor("#fbe9e9"), colors.HexColor("#c62828")),
    "warn": (colors.HexColor("#fff4d6"), colors.HexColor("#9a6700")),
    "neutral": (colors.HexColor("#eef1f4"), colors.HexColor("#5f6b76")),
}
BAR = {"good": "#2e7d32", "bad": "#c62828", "warn": "#e0a100", "neutral": "#9aa3ab"}


class _Styles:
    def __init__(self, lang: str) -> None:
        font = reportlab_font()
        self.lang = lang
        wrap = "CJK" if lang == "ja" else None

        def style(name: str, **kw) -> ParagraphStyle:
            base = {"fontName": font, "fontSize": 9, "leading": 12.5, "textColor": INK}
            if wrap:
                base["wordWrap"] = wrap
            return ParagraphStyle(name, **(base | kw))

        self.title = style("title", fontSize=20, leading=25, textColor=NAVY)
        self.period = style("period", fontSize=12, leading=16, textColor=MUTED)
        self.h2 = style("h2", fontSize=16, leading=20, textColor=NAVY)
        self.badge = style("badge", fontSize=12, leading=16, textColor=colors.white, alignment=1)
        self.lead = style("lead", fontSize=9, leading=12.5, textColor=MUTED)
        self.h3 = style("h3", fontSize=10, leading=13, spaceBefore=4, spaceAfter=3)
        self.body = style("body")
        self.note = style("note", fontSize=8, leading=11, textColor=MUTED)
        self.empty = style("empty", fontSize=12, leading=16, textColor=MUTED, alignment=1)
        self.warning = style("warning", textColor=TONES["warn"][1])
        self.th = style("th", fontSize=7.5, leading=9.5, textColor=colors.white)
        self.th_num = style(
            "th_num", fontSize=7.5, leading=9.5, textColor=colors.white, alignment=TA_RIGHT
        )
        self.td = style("td", fontSize=7.5, leading=9.5)
        self.td_num = style("td_num", fontSize=7.5, leading=9.5, alignment=TA_RIGHT)
        self.th_large = style("th_large", fontSize=9, leading=12, textColor=colors.white)
        self.th_large_num = style(
            "th_large_num", fontSize=9, leading=12, textColor=colors.white, alignment=TA_RIGHT
        )
        self.td_large = style("td_large", fontSize=10, leading=13)
        self.td_large_num = style("td_large_num", fontSize=10, leading=13, alignment=TA_RIGHT)
        self.metric_label = style("metric_label", fontSize=8, leading=10, textColor=MUTED)
        self.metric_sub = style("metric_sub", fontSize=7.5, leading=10, textColor=MUTED)
        self.action_title = style("action_title", fontSize=10, leading=13)
        self.action_text = style("action_text", fontSize=9, leading=12.5, textColor=INK)
        self.number = style("number", fontSize=10, leading=13, textColor=colors.white, alignment=1)

    def metric_value(self, tone: str) -> ParagraphStyle:
        color = TONES[tone][1] if tone != "neutral" else INK
        return ParagraphStyle(
            f"metric_value_{tone}", parent=self.body, fontSize=18, leading=22, textColor=color
        )


def render(document: Document) -> bytes:
    """The PDF bytes of ``document``."""
    buffer = io.BytesIO()
    st = _Styles(document.lang)
    t = labels(document.lang)
    width = PAGE[0] - 2 * MARGIN_X
    height = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, width, height, 0, 0, 0, 0, id="body")

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(reportlab_font(), 8)
        canvas.setFillColor(MUTED)
        top = PAGE[1] - 10 * mm
        canvas.drawString(MARGIN_X, top, f"{document.title} ・ {document.period_label}")
        canvas.drawRightString(PAGE[0] - MARGIN_X, top, f"{t['as_of']}: {document.as_of_label}")
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - 2.5 * mm, PAGE[0] - MARGIN_X, top - 2.5 * mm)
        canvas.drawRightString(PAGE[0] - MARGIN_X, 6 * mm, f"{doc.page}")
        canvas.drawString(
            MARGIN_X, 6 * mm, f"leadfunnel ・ {t['generated_at']} {document.generated_label}"
        )
        canvas.restoreState()

    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{document.title} {document.period_label}",
        author="leadfunnel",
        subject=document.period_key,
        lang="ja-JP" if document.lang == "ja" else "en",
        initialFontName=reportlab_font(),  # no stray Helvetica: every glyph is IPAex Gothic
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=decorate)])
    story: list = []
    for index, section in enumerate(document.sections):
        content: list = []
        if index == 0:
            content += [
                Paragraph(escape(document.title), st.title),
                Paragraph(escape(document.period_label), st.period),
                Spacer(1, 3 * mm),
            ]
            if document.notice:
                content += [_notice(document.notice, st, width), Spacer(1, 3 * mm)]
        content += _section(section, st, width, t)
        if document.footnote and document.has_data and section.key in ("s1", "s2", "s3"):
            content += [Spacer(1, 2 * mm), Paragraph(escape("* " + document.footnote), st.note)]
        story.append(KeepInFrame(width, height - 1, content, mode="shrink", hAlign="LEFT"))
        if index < len(document.sections) - 1:
            story.append(PageBreak())
    doc.build(story)
    return buffer.getvalue()


def _grid(data: list, widths: list[float], repeat: int = 0) -> RLTable:
    """A reportlab table aligned left (a shrunk page must not centre its tables)."""
    table = RLTable(data, colWidths=widths, repeatRows=repeat, hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), reportlab_font())]))
    return table


def _gapped(cells: list, widths: list[float]) -> tuple[list, list[float]]:
    """``cells`` side by side with an empty GAP-wide cell between neighbours, and the widths."""
    row: list = []
    row_widths: list[float] = []
    for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
        if i:
            row.append("")
            row_widths.append(GAP)
        row.append(cell)
        row_widths.append(w)
    return row, row_widths


def _notice(text: str, st: _Styles, width: float) -> RLTable:
    bg, fg = TONES["warn"]
    style = ParagraphStyle("notice", parent=st.h2, textColor=fg)
    table = _grid([[Paragraph(escape(text), style)]], [width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), bg),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _section(section: Section, st: _Styles, width: float, t: dict) -> list:
    heading_cells = [Paragraph(escape(section.title), st.h2)]
    widths = [width]
    if section.number:
        heading_cells.insert(0, Paragraph(str(section.number), st.badge))
        widths = [9 * mm, width - 9 * mm]
    heading = _grid([heading_cells], widths)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if section.number:
        style += [
            ("BACKGROUND", (0, 0), (0, 0), NAVY),
            ("LEFTPADDING", (1, 0), (1, 0), 3 * mm),
        ]
    heading.setStyle(TableStyle(style))
    out: list = [heading]
    if section.lead:
        out += [Paragraph(escape(section.lead), st.lead)]
    out.append(Spacer(1, 3 * mm))
    for block in section.blocks:
        out += _block(block, st, width, t)
        out.append(Spacer(1, 3 * mm))
    return out


def _block(block, st: _Styles, width: float, t: dict) -> list:
    if isinstance(block, Table):
        return _table(block, st, width, t)
    if isinstance(block, Chart):
        return [_image(block, width)]
    if isinstance(block, Text):
        style = {"note": st.note, "empty": st.empty, "warning": st.warning}.get(block.tone, st.body)
        return [Paragraph(escape(block.text), style)]
    if isinstance(block, Metrics):
        return [_metrics(block, st, width)]
    if isinstance(block, Actions):
        return _actions(block, st, width)
    if isinstance(block, Stack):
        out: list = []
        for inner in block.blocks:
            out += _block(inner, st, width, t)
            out.append(Spacer(1, 2 * mm))
        return out
    if isinstance(block, Columns):
        total = sum(block.widths) or 1
        usable = width - GAP * (len(block.blocks) - 1)
        col_widths = [usable * w / total for w in block.widths]
        cells = [_block(inner, st, w, t) for inner, w in zip(block.blocks, col_widths, strict=True)]
        row, grid_widths = _gapped(cells, col_widths)
        grid = _grid([row], grid_widths)
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [grid]
    return []


def _image(chart: Chart, width: float) -> Image:
    pixels_wide, pixels_high, _ = png_size(chart.png)
    return Image(io.BytesIO(chart.png), width=width, height=width * pixels_high / pixels_wide)


def _table(table: Table, st: _Styles, width: float, t: dict) -> list:
    columns = table.display_columns
    if not table.show or not columns:
        return []
    out: list = []
    if table.title:
        out.append(Paragraph(escape(table.title), st.h3))
    if not table.rows:
        out.append(Paragraph(escape(t["no_data.section"]), st.note))
        return out
    rows = table.rows if table.pdf_max_rows is None else table.rows[: table.pdf_max_rows]

    large = table.large
    td, td_num = (st.td_large, st.td_large_num) if large else (st.td, st.td_num)
    th, th_num = (st.th_large, st.th_large_num) if large else (st.th, st.th_num)

    def cell(row: dict, column: Column):
        unit = row.get(column.unit_key) if column.unit_key else None
        text = fmt(row.get(column.key), column.kind, st.lang, unit)
        return Paragraph(escape(text), td_num if column.kind in NUMERIC_KINDS else td)

    header = [
        Paragraph(escape(c.label), th_num if c.kind in NUMERIC_KINDS else th) for c in columns
    ]
    data = [header] + [[cell(row, c) for c in columns] for row in rows]
    total = sum(c.width for c in columns) or 1
    col_widths = [width * c.width / total for c in columns]
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, LINE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4 if large else 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5 if large else 2.5),
    ]
    for i in range(2, len(data), 2):
        style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    for i, row in enumerate(rows, start=1):
        tone = row.get(table.tone_key)
        if tone not in TONES:
            continue
        bg, fg = TONES[tone]
        for j, column in enumerate(columns):
            if column.kind == "status":
                style.append(("BACKGROUND", (j, i), (j, i), bg))
                status_style = ParagraphStyle(f"status_{tone}", parent=td, textColor=fg)
                data[i][j] = Paragraph(escape(data[i][j].text), status_style)
        if tone in ("bad", "warn"):
            style.append(("LINEBEFORE", (0, i), (0, i), 2.2, colors.HexColor(BAR[tone])))
    grid = _grid(data, col_widths, repeat=1)
    grid.setStyle(TableStyle(style))
    out.append(grid)
    if table.pdf_max_rows is not None and len(table.rows) > table.pdf_max_rows:
        more = t["more_rows"].format(
            n=len(table.rows) - table.pdf_max_rows, sheet=table.sheet or table.overflow_sheet
        )
        out.append(Paragraph(escape(more), st.note))
    return out


def _metrics(block: Metrics, st: _Styles, width: float) -> RLTable:
    n = max(len(block.items), 1)
    cell_width = (width - GAP * (n - 1)) / n
    stacks = []
    for m in block.items:
        stack = [
            Paragraph(escape(m.label), st.metric_label),
            Paragraph(escape(m.value), st.metric_value(m.tone)),
        ]
        if m.sub:
            stack.append(Paragraph(escape(m.sub), st.metric_sub))
        stacks.append(stack)
    row, widths = _gapped(stacks, [cell_width] * len(stacks))
    grid = _grid([row], widths)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for i, m in enumerate(block.items):
        col = i * 2
        style += [
            ("BOX", (col, 0), (col, 0), 0.5, LINE),
            ("LINEBEFORE", (col, 0), (col, 0), 3.5, colors.HexColor(BAR[m.tone])),
        ]
    grid.setStyle(TableStyle(style))
    return grid


def _actions(block: Actions, st: _Styles, width: float) -> list:
    out: list = []
    for number, action in enumerate(block.items, start=1):
        bar = colors.HexColor(BAR[action.tone])
        cells = [
            Paragraph(str(number), st.number),
            [
                Paragraph(escape(action.title), st.action_title),
                Paragraph(escape(action.text), st.action_text),
            ],
        ]
        grid = _grid([cells], [10 * mm, width - 10 * mm])
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (0, 0), bar),
                    ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
                    ("VALIGN", (1, 0), (1, 0), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.5, LINE),
                    ("LEFTPADDING", (1, 0), (1, 0), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        out += [grid, Spacer(1, 2.5 * mm)]
    return out
