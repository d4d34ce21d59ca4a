"""Content hash and text encoding of extract files, and streaming transcoding to UTF-8.

Japanese exports come as UTF-8, UTF-8 with a BOM (Excel's "CSV UTF-8") or CP932 (Excel's
plain "CSV": Shift_JIS with Microsoft's extensions); UTF-16 with a BOM (Excel's "Unicode
text") is accepted too. DuckDB reads UTF-8 only (its other encodings need an extension we do
not have), so other encodings are transcoded, chunk by chunk, into a UTF-8 copy DuckDB reads.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from leadfunnel.landing.errors import LandingError

CHUNK_BYTES = 8 << 20
# Python's cp932 maps the unassigned single bytes 0x80, 0xA0 and 0xFD-0xFF to these code
# points (Windows round-trip behaviour); real CP932 text never contains them.
_CP932_UNASSIGNED = re.compile("[\x80\uf8f0-\uf8f3]")


@dataclass(frozen=True)
class BadByte:
    """Where decoding failed: the absolute byte offset (0-based) and the byte there."""

    offset: int
    byte: int


class _DecodeFailure(Exception):
    def __init__(self, bad: BadByte) -> None:
        super().__init__(bad)
        self.bad = bad


@dataclass(frozen=True)
class Scan:
    """One pass over a file: its SHA-256 and, for a text file, its encoding if decided.

    ``encoding`` is ``utf-8``, ``utf-8-sig`` or ``utf-16``, or None for a binary file and
    for text that is not UTF-8 (``utf8_error`` says where), which is then tried as CP932.
    """

    sha256: str
    size: int
    encoding: str | None
    utf8_error: BadByte | None = None
    nul_offset: int | None = None  # the first NUL byte of a text file (not UTF-16), if any


class _Decoder:
    """An incremental strict decoder that reports failures at absolute byte offsets."""

    def __init__(self, encoding: str) -> None:
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._consumed = 0

    @property
    def pending(self) -> bytes:
        """Bytes of an incomplete character carried over from the last chunk."""
        return self._decoder.getstate()[0]

    def decode(self, chunk: bytes, final: bool = False) -> str:
        """Decode ``chunk``; raise _DecodeFailure with the absolute offset of a bad byte."""
        pending = len(self.pending)
        try:
            text = self._decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            offset = self._consumed - pending + error.start
            raise _DecodeFailure(BadByte(offset, error.object[error.start])) from None
        self._consumed += len(chunk)
        return text

    @property
    def position(self) -> int:
        """The absolute byte offset of the next character to decode."""
        return self._consumed - len(self.pending)

    def skip(self, chunk: bytes) -> None:
        """Account for a chunk known to be valid (pure ASCII with nothing pending)."""
        self._consumed += len(chunk)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of a file announces, if any."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def scan_file(path: Path, text: bool) -> Scan:
    """Hash ``path``; for a text file, check in the same pass whether it is valid UTF-8."""
    digest = hashlib.sha256()
    size = 0
    encoding: str | None = None
    decoder: _Decoder | None = None
    error: BadByte | None = None
    nul: int | None = None
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            if text and size == 0:
                encoding = bom_encoding(chunk) or "utf-8"
                decoder = None if encoding == "utf-16" else _Decoder(encoding)
            if text and nul is None and encoding != "utf-16" and (at := chunk.find(b"\x00")) >= 0:
                nul = size + at
            digest.update(chunk)
            size += len(chunk)
            if decoder is None:
                continue
            try:
                _check_chunk(decoder, chunk)
            except _DecodeFailure as failure:
                error, decoder, encoding = failure.bad, None, None
    if decoder is not None:
        try:
            decoder.decode(b"", final=True)
        except _DecodeFailure as failure:
            error, encoding = failure.bad, None
    if text and size == 0:
        encoding = "utf-8"
    return Scan(digest.hexdigest(), size, encoding, error, nul)


def _check_chunk(decoder: _Decoder, chunk: bytes) -> None:
    if not decoder.pending and chunk.isascii():
        decoder.skip(chunk)  # the common case: ASCII needs no decoding
    else:
        decoder.decode(chunk)


def transcode(path: Path, encoding: str, target: Path, label: str, scan: Scan) -> None:
    """Write ``path`` (in ``encoding``) to ``target`` as UTF-8 without BOM, in chunks.

    Bytes that do not decode raise LandingError naming the byte offset and line of the first
    bad byte; for a file that is neither UTF-8 nor CP932, the position reported is the later of
    the two failures (the encoding that got further is the one the file was meant to be in).
    """
    decoder = _Decoder(encoding)
    try:
        with path.open("rb") as source, target.open("wb") as sink:
            while chunk := source.read(CHUNK_BYTES):
                sink.write(_decode_checked(decoder, chunk, encoding).encode("utf-8"))
            sink.write(_decode_checked(decoder, b"", encoding, final=True).encode("utf-8"))
    except _DecodeFailure as failure:
        target.unlink(missing_ok=True)
        raise LandingError(_undecodable(path, label, failure.bad, encoding, scan)) from None


def _decode_checked(decoder: _Decoder, chunk: bytes, encoding: str, final: bool = False) -> str:
    start = decoder.position
    text = decoder.decode(chunk, final)
    if encoding == "cp932" and (odd := _CP932_UNASSIGNED.search(text)):
        offset = start + len(text[: odd.start()].encode("cp932"))
        raise _DecodeFailure(BadByte(offset, ord(odd.group()[0].encode("cp932"))))
    return text


def _undecodable(path: Path, label: str, bad: BadByte, encoding: str, scan: Scan) -> str:
    if encoding == "cp932" and scan.utf8_error and scan.utf8_error.offset > bad.offset:
        bad = scan.utf8_error
    line = line_of_offset(path, bad.offset)
    kinds = "neither UTF-8 nor CP932" if encoding == "cp932" else f"not valid {encoding}"
    return (
        f"{label}: byte 0x{bad.byte:02X} at byte offset {bad.offset:,} (line {line}) "
        f"is {kinds}; save the file as UTF-8 or CP932"
    )


def line_of_offset(path: Path, offset: int) -> int:
    """The 1-based line number of byte ``offset`` in ``path`` (counting b'\\n')."""
    lines = 1
    remaining = offset
    with path.open("rb") as handle:
        while remaining > 0 and (chunk := handle.read(min(CHUNK_BYTES, remaining))):
            lines += chunk.count(b"\n")
            remaining -= len(chunk)
    return lines
