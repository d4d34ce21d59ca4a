"""Charts as PNG bytes, drawn with matplotlib (Agg) in the bundled IPAex Gothic.

Every function takes plain Python lists (already labelled in the report's language) and
returns PNG bytes; sizes are in inches of the A4-landscape PDF page (text width ~10.4 in), so
the same image serves the PDF, the HTML and the workbook.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from leadfunnel.report.fonts import matplotlib_font

NAVY = "#1f3b57"
BLUE = "#3b78b0"
LIGHT_BLUE = "#b9d3ea"
ORANGE = "#e07b24"
GREEN = "#2e7d32"
RED = "#c62828"
AMBER = "#f0a30a"
GREY = "#9aa3ab"
LIGHT_GREY = "#e6e9ec"
TEXT = "#2b2f33"
DPI = 200
FULL_WIDTH = 10.4
HALF_WIDTH = 5.1


def _style() -> dict:
    return {
        "font.family": matplotlib_font(),
        "font.size": 9,
        "axes.unicode_minus": False,
        "axes.edgecolor": "#c5cbd1",
        "axes.labelcolor": TEXT,
        "axes.titlesize": 10,
        "axes.titleweight": "normal",
        "axes.titlecolor": TEXT,
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "legend.frameon": False,
        "legend.fontsize": 8,
        "svg.fonttype": "none",
    }


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def _pct(decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda v, _: f"{v * 100:.{decimals}f}%")


def _label_above(ax, text: str, x: float, y: float, fontsize: float, **style) -> None:
    """``text`` centred just above the top of a vertical bar."""
    ax.annotate(
        text,
        (x, y),
        xytext=(0, 2),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=fontsize,
        **style,
    )


def _label_right(ax, text: str, x: float, y: float) -> None:
    """``text`` just right of the end of a horizontal bar."""
    ax.annotate(
        text,
        (x, y),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
        color=TEXT,
    )


def _points(
    xs: Sequence[int], values: Sequence[float | None], keep: Sequence[bool] | None = None
) -> tuple[list[int], list[float]]:
    """The x and the value of each point that has a value (and whose ``keep`` flag is set)."""
    flags = keep if keep is not None else [True] * len(xs)
    pairs = [(x, v) for x, v, k in zip(xs, values, flags, strict=True) if v is not None and k]
    return [x for x, _ in pairs], [v for _, v in pairs]


def _count_axis(ax, axis: str, nbins: int) -> None:
    """Whole-number ticks and light grid lines on the count axis (``x`` or ``y``)."""
    getattr(ax, f"{axis}axis").set_major_locator(MaxNLocator(integer=True, nbins=nbins))
    ax.grid(axis=axis, color=LIGHT_GREY, zorder=0)


def trend(
    months: Sequence[str],
    mql_counts: Sequence[float | None],
    period_rates: Sequence[float | None],
    cohort_rates: Sequence[float | None],
    cohort_mature: Sequence[bool],
    target: tuple[float | None, float | None],
    labels: dict[str, str],
) -> bytes:
    """MQL bars (left axis) with the period and cohort MQL->SQL rates (right axis)."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(FULL_WIDTH, 4.0), layout="constrained")
        xs = list(range(len(months)))
        counts = [c or 0 for c in mql_counts]
        ax.bar(xs, counts, color=LIGHT_BLUE, width=0.6, label=labels["mql"], zorder=2)
        for x, c in zip(xs, counts, strict=True):
            _label_above(ax, f"{c:,.0f}", x, c, 7, color="#5a7a99")
        ax.set_ylabel(labels["mql"])
        ax.set_xticks(xs, months)
        ax.set_xlim(-0.6, max(len(xs), 6) - 0.4)  # a short history keeps normal bar widths
        ax.set_ylim(0, max([*counts, 1]) * 1.25)
        _count_axis(ax, "y", 5)

        rates = ax.twinx()
        rates.spines["right"].set_visible(True)
        low, high = target
        top = max([r for r in list(period_rates) + list(cohort_rates) if r is not None] + [0.1])
        top = max(top, high or 0) * 1.25
        if low is not None or high is not None:
            rates.axhspan(
                low or 0,
                high or top,
                color=GREEN,
                alpha=0.08,
                zorder=0,
                label=labels["target_band"],
            )
        rate_line = {"marker": "o", "ms": 4, "lw": 1.8, "zorder": 4}
        period_x, period_y = _points(xs, period_rates)
        rates.plot(period_x, period_y, color=NAVY, label=labels["period"], **rate_line)
        mature_x, mature_y = _points(xs, cohort_rates, cohort_mature)
        young_x, young_y = _points(xs, cohort_rates, [not m for m in cohort_mature])
        rates.plot(mature_x, mature_y, color=ORANGE, label=labels["cohort"], **rate_line)
        if young_x:
            link_x = ([mature_x[-1]] if mature_x else []) + young_x
            link_y = ([mature_y[-1]] if mature_y else []) + young_y
            rates.plot(link_x, link_y, color=ORANGE, lw=1.4, ls="--", zorder=3)
            rates.plot(
                young_x,
                young_y,
                ls="none",
                marker="o",
                ms=5,
                mfc="white",
                mec=ORANGE,
                mew=1.4,
                label=labels["immature"],
                zorder=5,
            )
        rates.set_ylim(0, top)
        rates.yaxis.set_major_formatter(_pct())
        rates.set_ylabel(labels["rate"])
        handles = ax.get_legend_handles_labels()
        more = rates.get_legend_handles_labels()
        fig.legend(handles[0] + more[0], handles[1] + more[1], loc="outside upper center", ncol=5)
        return _png(fig)


def funnel(
    stages: Sequence[str], entries: Sequence[int], ratios: Sequence[str], title: str
) -> bytes:
    """Horizontal bars of stage entries, first stage on top, with the ratio to the previous."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(HALF_WIDTH, 3.3), layout="constrained")
        ys = list(range(len(stages)))[::-1]
        top = max([*list(entries), 1])
        ax.barh(ys, entries, color=[BLUE] * len(stages), height=0.62, zorder=2)
        for y, value, ratio in zip(ys, entries, ratios, strict=True):
            _label_right(ax, f"{value:,}" + (f"  ({ratio})" if ratio else ""), value, y)
        ax.set_yticks(ys, stages)
        ax.set_xlim(0, top * 1.45)
        _count_axis(ax, "x", 4)
        ax.set_title(title)
        return _png(fig)


def rate_bars(
    names: Sequence[str],
    rates: Sequence[float | None],
    notes: Sequence[str],
    title: str,
    *,
    target: tuple[float | None, float | None] = (None, None),
    faded: Sequence[bool] | None = None,
    width: float = HALF_WIDTH,
    height: float | None = None,
    color_by_target: bool = False,
    target_label: str = "",
    faded_label: str = "",
) -> bytes:
    """Horizontal bars of rates (first name on top) with a note after each bar."""
    with plt.rc_context(_style()):
        height = height or max(2.2, 0.42 * len(names) + 1.0)
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
        ys = list(range(len(names)))[::-1]
        values = [r or 0 for r in rates]
        low, high = target
        colors = []
        for value, rate in zip(values, rates, strict=True):
            if rate is None:
                colors.append(LIGHT_GREY)
            elif color_by_target and low is not None and value < low:
                colors.append(RED)
            elif color_by_target:
                colors.append(GREEN)
            else:
                colors.append(BLUE)
        bars = ax.barh(ys, values, color=colors, height=0.6, zorder=2)
        for bar, fade in zip(bars, faded or [False] * len(names), strict=True):
            if fade:
                bar.set_alpha(0.45)
                bar.set_hatch("///")
                bar.set_edgecolor("white")
        if faded_label and any(faded or []):
            patch = Patch(facecolor=BLUE, alpha=0.45, hatch="///", edgecolor="white")
            fig.legend([patch], [faded_label], loc="outside lower right", fontsize=7)
        right = max([*values, high or 0, low or 0, 0.05])
        limit = right * 1.45 if right < 0.5 else min(right + 0.32, 1.35)
        if low is not None and high is not None:
            ax.axvspan(low, high, color=GREEN, alpha=0.08, zorder=0)
        elif low is not None:
            ax.axvline(low, color=GREEN, ls="--", lw=1, zorder=3)
            if target_label:
                ax.annotate(
                    target_label,
                    (low, 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(2, -2),
                    textcoords="offset points",
                    fontsize=7,
                    color=GREEN,
                    va="top",
                )
        for y, value, note in zip(ys, values, notes, strict=True):
            _label_right(ax, note, value, y)
        ax.set_yticks(ys, names)
        ax.set_xlim(0, limit)
        ticks = [x / 100 for x in range(0, 101, 20 if limit > 0.5 else 10) if x / 100 <= limit]
        ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(_pct())
        ax.grid(axis="x", color=LIGHT_GREY, zorder=0)
        ax.set_title(title)
        return _png(fig)


def distribution(
    names: Sequence[str],
    counts: Sequence[int],
    colors: Sequence[str],
    title: str,
    height: float = 2.5,
) -> bytes:
    """Vertical bars of counts with count and share on top."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(HALF_WIDTH, height), layout="constrained")
        xs = list(range(len(names)))
        total = sum(counts) or 1
        ax.bar(xs, counts, color=list(colors), width=0.6, zorder=2)
        for x, c in zip(xs, counts, strict=True):
            _label_above(ax, f"{c:,}\n{c / total * 100:.0f}%", x, c, 8)
        ax.set_xticks(xs, names)
        ax.set_ylim(0, max([*list(counts), 1]) * 1.35)
        _count_axis(ax, "y", 4)
        ax.set_title(title)
        return _png(fig)


def pareto(names: Sequence[str], counts: Sequence[int], title: str, cumulative_label: str) -> bytes:
    """Bars by reason (most frequent first) and the cumulative share, with the 80% line."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(FULL_WIDTH * 0.62, 3.5), layout="constrained")
        xs = list(range(len(names)))
        total = sum(counts) or 1
        ax.bar(xs, counts, color=BLUE, width=0.6, zorder=2)
        for x, c in zip(xs, counts, strict=True):
            _label_above(ax, f"{c:,}", x, c, 8)
        ax.set_xticks(xs, [_wrap(n, 8) for n in names], fontsize=8)
        ax.set_ylim(0, max([*list(counts), 1]) * 1.2)
        _count_axis(ax, "y", 5)
        share = ax.twinx()
        share.spines["right"].set_visible(True)
        running, cumulative = 0, []
        for c in counts:
            running += c
            cumulative.append(running / total)
        share.plot(
            xs, cumulative, color=ORANGE, marker="o", ms=4, lw=1.8, zorder=4, label=cumulative_label
        )
        share.axhline(0.8, color=GREY, ls="--", lw=1)
        share.set_ylim(0, 1.05)
        share.yaxis.set_major_formatter(_pct())
        ax.set_title(title)
        fig.legend(loc="outside upper right", fontsize=8)
        return _png(fig)


def heatmap(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Sequence[Sequence[int]],
    rates: Sequence[Sequence[float | None]],
    title: str,
    row_label: str,
    col_label: str,
    highlight: tuple[int, int] | None = None,
    highlight_label: str = "",
) -> bytes:
    """Grade matrix: colour = SQL rate, text = MQLs and rate; optional MQL-rule outline."""
    cmap = LinearSegmentedColormap.from_list("rate", ["#f4f7fa", "#9cc3e4", "#1f4e79"])
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(HALF_WIDTH, 3.6), layout="constrained")
        top = max([r for row in rates for r in row if r is not None] + [0.01])
        for i, _ in enumerate(rows):
            for j, _ in enumerate(cols):
                n, rate = counts[i][j], rates[i][j]
                shade = LIGHT_GREY if not n or rate is None else cmap(rate / top)
                ax.add_patch(plt.Rectangle((j, i), 1, 1, color=shade, ec="white", lw=2))
                dark = n and rate is not None and rate / top > 0.6
                text = f"n={n:,}" + (f"\n{rate * 100:.0f}%" if n and rate is not None else "")
                ax.text(
                    j + 0.5,
                    i + 0.5,
                    text,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else TEXT,
                )
        if highlight:
            last_row, last_col = highlight
            ax.add_patch(
                plt.Rectangle(
                    (0, 0), last_col + 1, last_row + 1, fill=False, ec=ORANGE, lw=2.2, ls="--"
                )
            )
            ax.annotate(
                highlight_label,
                (last_col + 1, 0),
                xytext=(3, -2),
                textcoords="offset points",
                fontsize=7,
                color=ORANGE,
                va="top",
            )
        ax.set_xlim(0, len(cols))
        ax.set_ylim(len(rows), 0)
        ax.set_xticks([j + 0.5 for j in range(len(cols))], cols)
        ax.set_yticks([i + 0.5 for i in range(len(rows))], rows)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_xlabel(col_label)
        # horizontal row label in the top-left corner (rotated Japanese reads badly)
        ax.set_ylabel(row_label, rotation=0, ha="right", va="bottom")
        ax.yaxis.set_label_coords(-0.01, 1.01)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, color=TEXT)
        return _png(fig)


def stacked(
    categories: Sequence[str],
    series: dict[str, Sequence[int]],
    colors: Sequence[str],
    title: str,
) -> bytes:
    """Stacked vertical bars (a series per key), total on top."""
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(FULL_WIDTH * 0.6, 3.4), layout="constrained")
        xs = list(range(len(categories)))
        bottom = [0] * len(categories)
        for (name, values), color in zip(series.items(), colors, strict=False):
            ax.bar(xs, values, bottom=bottom, color=color, width=0.62, label=name, zorder=2)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        for x, total in zip(xs, bottom, strict=True):
            _label_above(ax, f"{total:,}", x, total, 7)
        ax.set_xticks(xs, categories, fontsize=8, rotation=0)
        ax.set_ylim(0, max([*bottom, 1]) * 1.2)
        _count_axis(ax, "y", 5)
        ax.legend(loc="upper right", ncol=2)
        ax.set_title(title)
        return _png(fig)


def _wrap(text: str, width: int) -> str:
    """Break a long label into lines of ``width`` characters (CJK has no spaces)."""
    if len(text) <= width:
        return text
    if " " in text:
        words, lines, line = text.split(), [], ""
        for word in words:
            if line and len(line) + 1 + len(word) > width * 1.6:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        return "\n".join([*lines, line])
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def png_size(png: bytes) -> tuple[int, int, float]:
    """(width, height in pixels, horizontal dpi or 0 when unknown) of PNG bytes."""
    width, height = struct.unpack(">II", png[16:24])
    dpi = 0.0
    index = png.find(b"pHYs")
    if index > 0:
        per_x, _, unit = struct.unpack(">IIB", png[index + 4 : index + 13])
        if unit == 1:  # pixels per metre
            dpi = per_x * 0.0254
    return width, height, dpi
