"""Writing extract files: CSV as the export tools write them, Parquet as a connector would.

Every file is written to a temporary name in the same folder and renamed into place, so a crash
never leaves half a file. CSV goes through DuckDB (``COPY``): timestamps as UTC ISO-8601 with
``Z`` and milliseconds (Data Loader style), dates ``YYYY-MM-DD``, booleans ``true``/``false``,
empty for null. Encodings: UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8"), or CP932 (Excel's
Japanese CSV); DuckDB writes UTF-8 and the other encodings are transcoded in Python.
Parquet keeps the contract's snake_case names, timestamps as timestamp[us] (naive UTC).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.000Z"
ENCODINGS = ("utf-8", "utf-8-sig", "cp932")
_TRANSCODE_CHUNK = 4 << 20


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class ExtractWriter:
    """Writes files under ``root`` and remembers each file's row count."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, int] = {}
        self._con = duckdb.connect(config={"autoinstall_known_extensions": False, "threads": 2})

    def close(self) -> None:
        self._con.close()

    def _target(self, relative: str) -> tuple[Path, Path]:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path, path.with_name(f".{path.name}.tmp")

    def csv(self, relative: str, table: pa.Table, headers: list[str], encoding: str = "utf-8"):
        """Write ``table`` as CSV with ``headers`` (one per column, in order)."""
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown encoding {encoding}")
        if len(headers) != table.num_columns:
            raise ValueError(f"{relative}: {len(headers)} headers for {table.num_columns} columns")
        path, temporary = self._target(relative)
        select = []
        for field, header in zip(table.schema, headers, strict=True):
            column = _quote(field.name)
            if pa.types.is_timestamp(field.type):
                column = f"strftime({column}, '{TIMESTAMP_FORMAT}')"
            elif pa.types.is_date(field.type):
                column = f"strftime({column}, '%Y-%m-%d')"
            select.append(f"{column} as {_quote(header)}")
        self._con.register("extract", table)
        utf8 = temporary if encoding == "utf-8" else temporary.with_suffix(".utf8")
        try:
            self._con.execute(
                f"copy (select {', '.join(select)} from extract) to '{utf8}' "
                "(format csv, header true, delimiter ',', quote '\"')"
            )
        finally:
            self._con.unregister("extract")
        if encoding != "utf-8":
            _transcode(utf8, temporary, encoding)
            utf8.unlink()
        os.replace(temporary, path)
        self.files[relative] = table.num_rows
        return path

    def parquet(self, relative: str, table: pa.Table) -> Path:
        path, temporary = self._target(relative)
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, path)
        self.files[relative] = table.num_rows
        return path

    def parquet_stream(self, relative: str, schema: pa.Schema) -> ParquetStream:
        path, temporary = self._target(relative)
        return ParquetStream(self, relative, path, temporary, schema)


class ParquetStream:
    """A Parquet file written batch by batch (one row group each), renamed on close."""

    def __init__(
        self, owner: ExtractWriter, relative: str, path: Path, temporary: Path, schema: pa.Schema
    ) -> None:
        self._owner, self._relative, self._path, self._temporary = owner, relative, path, temporary
        self._writer = pq.ParquetWriter(temporary, schema, compression="zstd")
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows:
            self._writer.write_table(table, row_group_size=1 << 20)
            self.rows += table.num_rows

    def close(self) -> None:
        self._writer.close()
        os.replace(self._temporary, self._path)
        self._owner.files[self._relative] = self.rows


def _transcode(source: Path, target: Path, encoding: str) -> None:
    """UTF-8 file -> ``encoding`` (strict: a character the encoding lacks is an error)."""
    with source.open("r", encoding="utf-8", newline="") as reader, target.open("wb") as writer:
        if encoding == "utf-8-sig":
            writer.write(b"\xef\xbb\xbf")
            encoding = "utf-8"
        while chunk := reader.read(_TRANSCODE_CHUNK):
            writer.write(chunk.encode(encoding))
