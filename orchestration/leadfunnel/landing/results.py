"""What a load did: one ``FileResult`` per file, gathered in a ``LoadReport``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Status = Literal["loaded", "skipped", "rejected", "ignored"]


@dataclass(frozen=True)
class FileResult:
    """The outcome of landing one file.

    ``table`` is the raw table as ``schema.name`` (None when the file maps to no table);
    ``rows`` the data rows in the file, of which ``inserted`` were new ids and ``replaced``
    replaced a record already in the table; ``quarantined_to`` is where a rejected file went;
    ``warnings`` what a loaded file lacked (contract columns landed as NULL).
    """

    path: Path
    table: str | None
    status: Status
    rows: int = 0
    inserted: int = 0
    replaced: int = 0
    message: str = ""
    sha256: str = ""
    quarantined_to: Path | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class LoadReport:
    """The results of one ``load_directory`` call, in load order."""

    results: list[FileResult] = field(default_factory=list)

    def _with(self, status: Status) -> list[FileResult]:
        return [result for result in self.results if result.status == status]

    @property
    def loaded(self) -> list[FileResult]:
        """Files that landed in this call."""
        return self._with("loaded")

    @property
    def skipped(self) -> list[FileResult]:
        """Files skipped because the same content already landed in the same table."""
        return self._with("skipped")

    @property
    def rejected(self) -> list[FileResult]:
        """Files rejected (and moved to quarantine); nothing of them landed."""
        return self._with("rejected")

    @property
    def ignored(self) -> list[FileResult]:
        """Files (or sheets) outside the contract: recorded, left where they are."""
        return self._with("ignored")

    @property
    def rows_loaded(self) -> int:
        """Rows landed by this call (new plus replaced records)."""
        return sum(result.rows for result in self.loaded)
