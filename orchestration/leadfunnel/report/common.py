"""What the monthly and weekly reports share: the result, labels, the data-quality section and
writing the files."""

from __future__ import annotations

import contextlib
import math
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from leadfunnel.report.document import Document, Section, Text
from leadfunnel.report.i18n import label, labels


@dataclass
class ReportResult:
    """What a report build wrote."""

    folder: Path
    paths: dict[str, Path]  # "html" / "pdf" / "xlsx" -> file
    sections: list[str] = field(default_factory=list)  # section keys, in order
    section_titles: list[str] = field(default_factory=list)
    has_data: bool = True
    seconds: float = 0.0

    @property
    def html(self) -> Path:
        return self.paths["html"]

    @property
    def xlsx(self) -> Path:
        return self.paths["xlsx"]

    @property
    def pdf(self) -> Path | None:
        return self.paths.get("pdf")


def records(frame: pd.DataFrame | None) -> list[dict]:
    """DataFrame rows as dicts with None for missing values and plain Python scalars."""
    if frame is None or frame.empty:
        return []
    out = []
    for row in frame.to_dict("records"):
        clean = {}
        for key, value in row.items():
            if (
                value is pd.NaT
                or (isinstance(value, float) and math.isnan(value))
                or (value is not None and pd.isna(value) is True)
            ):
                value = None
            elif isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            elif hasattr(value, "item") and not isinstance(value, str | bytes):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


def to_local(moment: datetime | None, tz: str) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(tz))


def as_of_text(as_of: datetime | None, tz: str) -> str:
    local = to_local(as_of, tz)
    return f"{local:%Y-%m-%d %H:%M} {tz_abbrev(tz)}" if local else "—"


def generated_text(tz: str) -> str:
    return f"{datetime.now(ZoneInfo(tz)):%Y-%m-%d %H:%M} {tz_abbrev(tz)}"


def today_at(as_of: datetime | None, tz: str) -> date:
    """The business date at as_of (today when as_of is unknown)."""
    local = to_local(as_of or datetime.now(UTC), tz)
    return local.date()


def tz_abbrev(tz: str) -> str:
    return "JST" if tz == "Asia/Tokyo" else tz


def team_label(lang: str, team: str | None, team_ja: str | None) -> str:
    if not team:
        return label(lang, "unassigned")
    return (team_ja or team) if lang == "ja" else team


def owner_label(lang: str, name: str | None, user_id: str | None) -> str:
    """The owner's name, else the user id, else "unassigned"."""
    return name or user_id or label(lang, "unassigned")


def empty_section(key: str, number: int, lang: str) -> Section:
    """A section that says there is no data for it."""
    t = labels(lang)
    return Section(
        key, number, t[key], t[f"{key}.lead"], [Text(t["no_data.section"], "empty")], False
    )


# ---------------------------------------------------------------------------- writing


def write_outputs(document: Document, folder: Path, stem: str, *, pdf: bool) -> ReportResult:
    """Write HTML, Excel (and PDF) for ``document`` as one set into ``folder``.

    Like the publish: everything is rendered first, written into a temporary folder beside
    ``folder`` (with any other file ``folder`` already holds), and renamed into place, so a
    reader finds the old set or the new one, never half of each. A failed swap puts the old
    set back; a process killed between the two renames of the swap leaves the old set beside
    the folder, and the next write (or sweep) puts it back first.
    """
    import shutil
    import time

    from leadfunnel.report import excel, html

    started = time.perf_counter()
    contents: dict[str, bytes] = {"html": html.render(document).encode("utf-8")}
    if pdf:
        from leadfunnel.report import pdf as pdf_writer

        contents["pdf"] = pdf_writer.render(document)
    contents["xlsx"] = excel.render(document)

    folder.parent.mkdir(parents=True, exist_ok=True)
    _sweep(folder)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    moved_away = False
    try:
        if folder.is_dir():
            shutil.copytree(folder, tmp)  # keep files of the folder that are not this set
        tmp.mkdir(parents=True, exist_ok=True)
        for kind, content in contents.items():
            (tmp / f"{stem}.{kind}").write_bytes(content)
        if folder.exists():
            os.rename(folder, old)
            moved_away = True
        os.rename(tmp, folder)
        moved_away = False
    finally:
        if moved_away and not folder.exists():
            with contextlib.suppress(OSError):
                os.rename(old, folder)  # the swap failed: the old set goes back
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    paths = {kind: folder / f"{stem}.{kind}" for kind in contents}
    return ReportResult(
        folder=folder,
        paths=paths,
        sections=[s.key for s in document.sections],
        section_titles=[s.title for s in document.sections],
        has_data=document.has_data,
        seconds=time.perf_counter() - started,
    )


def _sweep(folder: Path) -> None:
    """Clean up after a write of ``folder`` that was killed: an old set moved away and not
    replaced goes back into place; temporary folders go."""
    import shutil

    olds = sorted(folder.parent.glob(f".{folder.name}.*.old"), key=lambda p: p.stat().st_mtime)
    if olds and not folder.exists():
        os.rename(olds.pop(), folder)
    for leftover in [*folder.parent.glob(f".{folder.name}.*.tmp"), *olds]:
        shutil.rmtree(leftover, ignore_errors=True)
