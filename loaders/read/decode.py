"""Bytes -> text, or a clear reason why a file is not text.

Why: analysts drop whatever they have into the input folder: UTF-8 exports, Windows
(cp1252) copies with smart quotes, UTF-16 files from Word's "Unicode text", and by mistake
images, PDFs or archives. Each must either decode correctly or be refused with one line that
names the kind of file ("binary file (PNG image), not text"). Size is checked from the file
system before reading, so a 50 MB file is refused without loading it.
"""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

KiB = 1024
MiB = 1024 * 1024

#: file signatures -> the kind named in the error message
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive, or a .docx/.xlsx/.epub file"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\x7fELF", "executable program"),
    (b"OggS", "Ogg audio/video"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"{\\rtf", "RTF document (save it as plain text)"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8 * KiB
#: bytes that never appear in text (C0 controls except tab, newline, vertical tab, form feed, CR, ESC)
_CONTROL_BYTES = bytes(b for b in (*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127))


class NotText(Exception):
    """Raised with the problem part of an InputError message."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def human_size(n: int) -> str:
    """52428800 -> "50.0 MB" (binary units, as Settings.max_file_bytes is written)."""
    if n >= MiB:
        return f"{n // MiB} MB" if n % MiB == 0 else f"{n / MiB:.1f} MB"
    if n >= KiB:
        return f"{n / KiB:.1f} KB"
    return f"{n} bytes"


def too_big_message(size: int, limit: int) -> str:
    return f"{human_size(size)} is over the {human_size(limit)} limit"


def read_limited(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The file's bytes, refusing files over max_bytes before reading them (stat first, and a
    bounded read in case the size changes underneath). OSError propagates to the caller."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise NotText(too_big_message(size, max_bytes))
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotText(too_big_message(len(data), max_bytes))
    return data


def _cp1252_with_latin1(error: UnicodeDecodeError) -> tuple[str, int]:
    """cp1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): read them as latin-1."""
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("conflict_timeline_cp1252_latin1", _cp1252_with_latin1)


def _utf8_with_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """Inside UTF-8 text, an invalid byte is read as cp1252 (a smart quote from a Windows paste)."""
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="conflict_timeline_cp1252_latin1"), error.end


codecs.register_error("conflict_timeline_utf8_cp1252", _utf8_with_cp1252)
#: a well-formed UTF-8 multi-byte character (lead byte + continuation bytes)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format the bytes start with, or None if they may be text."""
    head = data[:32]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "MP4/MOV video or HEIC image"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """"le"/"be" when NUL bytes sit in every other position (UTF-16 text of Latin script)."""
    half = len(sample) // 2
    if half < 2:
        return None
    even_nul = sample[0 : half * 2 : 2].count(0)
    odd_nul = sample[1 : half * 2 : 2].count(0)
    if odd_nul > 0.4 * half and even_nul < 0.02 * half:
        return "utf-16-le"
    if even_nul > 0.4 * half and odd_nul < 0.02 * half:
        return "utf-16-be"
    return None


_ASCII = bytes(range(128))


def _mostly_utf8(sample: bytes) -> bool:
    """Whether most non-ASCII bytes form well-formed UTF-8 characters (UTF-8 text with a few
    cp1252 bytes pasted in), rather than a few pairs that happen to (cp1252 text, or random bytes,
    whose ~1M stray bytes would each cost a Python error-handler call)."""
    high = len(sample.translate(None, _ASCII))
    found = _UTF8_MULTIBYTE.findall(sample)
    return len(found) >= 3 and sum(map(len, found)) >= 0.5 * high


def _too_many_controls(sample: bytes) -> bool:
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad > max(4, len(sample) // 100)


def _clean(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_bytes(data: bytes) -> Decoded:
    """Bytes -> text with LF line endings. Raises NotText("binary file (PNG image), not text"),
    NotText("empty file") and the like."""
    if not data:
        raise NotText("empty file (0 bytes)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason})") from None
            return Decoded(_clean(text), encoding)
    kind = binary_kind(data)
    if kind:
        raise NotText(f"binary file ({kind}), not text")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding:
            try:
                return Decoded(_clean(data.decode(encoding)), encoding)
            except UnicodeDecodeError:
                pass
        raise NotText("binary file (unrecognised binary data with NUL bytes), not text")
    if _too_many_controls(sample):
        raise NotText("binary file (unrecognised binary data), not text")
    try:
        return Decoded(_clean(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data[: _SAMPLE * 8]):
        # mostly UTF-8 with a few Windows bytes (texts pasted together): keep the UTF-8
        text = data.decode("utf-8", errors="conflict_timeline_utf8_cp1252")
        return Decoded(_clean(text), "utf-8 with cp1252 bytes")
    return Decoded(_clean(data.decode("cp1252", errors="conflict_timeline_cp1252_latin1")), "cp1252")


def read_text_file(path: str | Path, max_bytes: int) -> Decoded:
    """Read and decode one file within the size limit (NotText or OSError on failure)."""
    return decode_bytes(read_limited(path, max_bytes))
