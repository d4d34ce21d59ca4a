"""Put a rejected file in the quarantine folder, with ``<name>.reason.txt`` beside it: moved
out of the home's landing folder, copied from anywhere else (the user's exports stay put)."""

from __future__ import annotations

import shutil
from pathlib import Path

REASON_SUFFIX = ".reason.txt"


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/<stem>.<n><ext>`` with the first free n if taken."""
    candidate = folder / name
    stem, ext = Path(name).stem, Path(name).suffix
    number = 0
    while candidate.exists() or reason_path(candidate).exists():
        number += 1
        candidate = folder / f"{stem}.{number}{ext}"
    return candidate


def reason_path(path: Path) -> Path:
    """Where the reason for quarantining ``path`` is written."""
    return path.with_name(path.name + REASON_SUFFIX)


def quarantine(path: Path, folder: Path, message: str, keep: bool = False) -> Path:
    """Move (``keep``: copy) ``path`` into ``folder`` (created if needed), write its reason;
    return the quarantined copy's path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = free_name(folder, path.name)
    if keep:
        shutil.copy2(str(path), str(target))
    else:
        shutil.move(str(path), str(target))
    reason_path(target).write_text(message + "\n", encoding="utf-8")
    return target
