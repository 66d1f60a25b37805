"""Readers: files and folders -> Articles, with one clear InputError per bad input.

Why this shape: an analyst points the tool at a folder holding anything (pasted .txt,
exports, saved pages, a stray PNG). Every readable article must come through, and every
unreadable file must be named with its problem in one line, without stopping the batch.
`iter_articles` streams (one file in memory at a time) for 100k-article folders;
`read_path` collects everything into a ReadResult for small inputs and tests.

Dispatch is by file extension (.jsonl/.ndjson, .json, .csv, .tsv, .html/.htm); anything else
is read as text in the raw pasted layout, unless it starts like an HTML page or a JSON export.

Sources: an article's `source` is "<name>#<position>", where <name> is the file name when a
file is given and "<folder>/<path inside it>" when a folder is walked ("seeds/a.txt#2").
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import InputError
from loaders.models import Article
from loaders.read.decode import NotText, decode_bytes, read_limited
from loaders.read.html import read_html
from loaders.read.language import control_problem
from loaders.read.raw_text import read_raw_text
from loaders.read.records import read_csv, read_json, read_jsonl
from loaders.settings import Settings

__all__ = ["ReadResult", "iter_articles", "iter_files", "read_bytes", "read_file", "read_path", "read_text"]

PathLike = str | os.PathLike[str]
Item = Article | InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_JSON_START = re.compile(r'(?:\[\s*)?\{\s*"')
_HTML_STARTS = ("<!doctype html", "<html", "<?xml version", "<head")
#: files a folder walk never treats as articles: date manifests and the folder's own notes
#: (a file named on the command line is still read, whatever its name)
NOT_ARTICLES = re.compile(r"^(manifest|readme|license|licence|changelog)(\.[a-z0-9]+)?$", re.IGNORECASE)


@dataclass
class ReadResult:
    """Everything read from a path: the articles, the problems, and how many files were seen."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0

    @property
    def messages(self) -> list[str]:
        """The errors as the one-line messages shown to the analyst."""
        return [str(e) for e in self.errors]

    def add(self, item: Item) -> None:
        (self.errors if isinstance(item, InputError) else self.articles).append(item)  # type: ignore[arg-type]


def _as_paths(paths: PathLike | Iterable[PathLike]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def _os_problem(exc: OSError, *, folder: bool = False) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such folder" if folder else "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read ({exc.strerror or exc})"


def _walk(paths: PathLike | Iterable[PathLike]) -> Iterator[tuple[Path, str] | InputError]:
    """(file, source name) for every file under `paths`, in sorted order; hidden names skipped
    inside folders; problems as InputErrors."""
    for path in _as_paths(paths):
        try:
            info = path.stat()
        except OSError as exc:
            yield InputError(str(path), _os_problem(exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            label = path.name or path.resolve().name or str(path)
            yield from _walk_folder(path, label, set())
        elif stat.S_ISREG(info.st_mode):
            yield path, path.name
        else:
            yield InputError(str(path), "not a regular file (device, pipe or socket)")


def _walk_folder(folder: Path, label: str, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, str] | InputError]:
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:  # a symlink loop
            return
        seen.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield InputError(f"{folder}/", _os_problem(exc, folder=True))
        return
    for entry in entries:
        if entry.name.startswith(".") or NOT_ARTICLES.match(entry.name):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk_folder(path, f"{label}/{entry.name}", seen)
            elif entry.is_file():
                yield path, f"{label}/{entry.name}"
            elif entry.is_symlink():
                yield InputError(str(path), "broken link (its target does not exist)")
            else:
                yield InputError(str(path), "not a regular file (device, pipe or socket)")
        except OSError as exc:
            yield InputError(str(path), _os_problem(exc))


def iter_files(paths: PathLike | Iterable[PathLike], errors: list[InputError] | None = None) -> Iterator[Path]:
    """Files under `paths` (files or folders, recursively), sorted; hidden names, manifests
    and READMEs inside folders skipped.
    Problems (missing path, unreadable folder) go to `errors` when given."""
    for item in _walk(paths):
        if isinstance(item, InputError):
            if errors is not None:
                errors.append(item)
        else:
            yield item[0]


def _reader_for(name: str, text: str) -> Callable[..., Iterator[Item]]:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in JSONL_SUFFIXES:
        return read_jsonl
    if suffix == ".json":
        return read_json
    if suffix == ".csv":
        return read_csv
    if suffix in (".tsv", ".tab"):
        return lambda text, **kw: read_csv(text, tab_separated=True, **kw)
    head = text[:512].lstrip()
    if suffix in HTML_SUFFIXES or head.lower().startswith(_HTML_STARTS):
        return read_html
    if _JSON_START.match(head):  # an export saved as .txt: [{"... or {"...
        first_line = text.lstrip().split("\n", 1)[0]
        try:
            return read_jsonl if isinstance(json.loads(first_line), dict) else read_json
        except ValueError:
            return read_json
    return lambda text, settings, **kw: read_raw_text(text, **kw)


def read_text(text: str, name: str = "pasted.txt", settings: Settings | None = None, path: str | None = None) -> Iterator[Item]:
    """Articles from text already in memory (a paste box); `name` picks the reader by extension."""
    settings = settings or Settings()
    path = path or name
    if not text.strip():
        yield InputError(path, "no text (only whitespace)")
        return
    soup = control_problem(text)
    if soup:
        yield InputError(path, soup)
        return
    reader = _reader_for(name, text)
    try:
        yield from reader(text, source_name=name, path=path, settings=settings)
    except Exception as exc:  # noqa: BLE001 - last guard: one bad file never stops a batch
        yield InputError(path, f"could not be read ({type(exc).__name__}: {str(exc)[:160]})")


def read_bytes(data: bytes, name: str, settings: Settings | None = None, path: str | None = None) -> Iterator[Item]:
    """Articles from bytes in memory (an upload): size limit, decoding, then read_text."""
    settings = settings or Settings()
    path = path or name
    if len(data) > settings.max_file_bytes:
        from loaders.read.decode import too_big_message

        yield InputError(path, too_big_message(len(data), settings.max_file_bytes))
        return
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        yield InputError(path, exc.problem)
        return
    yield from read_text(decoded.text, name, settings, path)


def read_file(path: PathLike, settings: Settings | None = None, source_name: str | None = None) -> Iterator[Item]:
    """Articles of one file, or InputErrors for it (never raises for bad input)."""
    settings = settings or Settings()
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            yield InputError(str(path), "is a folder, not a file")
            return
        if not stat.S_ISREG(info.st_mode):
            yield InputError(str(path), "not a regular file (device, pipe or socket)")
            return
        data = read_limited(path, settings.max_file_bytes)
    except NotText as exc:
        yield InputError(str(path), exc.problem)
        return
    except OSError as exc:
        yield InputError(str(path), _os_problem(exc))
        return
    yield from read_bytes(data, source_name or path.name, settings, str(path))


def iter_articles(paths: PathLike | Iterable[PathLike], settings: Settings | None = None) -> Iterator[Item]:
    """Stream Articles and InputErrors from files and folders, one file in memory at a time."""
    settings = settings or Settings()
    for item in _walk(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item[0], settings, source_name=item[1])


def read_path(path: PathLike | Iterable[PathLike], settings: Settings | None = None) -> ReadResult:
    """Read a file or a folder (or several) into a ReadResult; never raises for bad input."""
    settings = settings or Settings()
    result = ReadResult()
    for item in _walk(path):
        if isinstance(item, InputError):
            result.errors.append(item)
            continue
        result.files += 1
        for read in read_file(item[0], settings, source_name=item[1]):
            result.add(read)
    return result
