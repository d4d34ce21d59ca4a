"""The one font of every report: IPAex Gothic, bundled by the ``matplotlib-fontja`` wheel.

No system font is assumed. The TTF is found on disk without importing ``matplotlib_fontja``
(its import changes matplotlib's global settings), registered with matplotlib for the charts
and with reportlab for the PDF, where it is embedded as a subset with a ToUnicode map, so the
PDF's Japanese is real, searchable text.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

FONT_NAME = "IPAexGothic"  # the family name inside the TTF (matplotlib) and our reportlab name
FONT_FILE = "ipaexg.ttf"


class FontMissing(RuntimeError):
    """The bundled Japanese font is not installed."""


@cache
def font_path() -> Path:
    """Path of the bundled IPAex Gothic TTF."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / FONT_FILE
        if path.is_file():
            return path
    raise FontMissing(
        "the Japanese report font (IPAex Gothic from the matplotlib-fontja package) is not "
        "installed: run `uv sync` to install the locked environment"
    )


@cache
def matplotlib_font() -> str:
    """Register the font with matplotlib (once) and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return FONT_NAME


@cache
def reportlab_font() -> str:
    """Register the font with reportlab (once, also as its own bold) and return its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path())))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
