"""Sidecar manifest: publication dates an analyst gives for files in a folder.

Why a file next to the articles: pasted text rarely carries its date, and a user who knows
it (or corrects an estimate in the dashboard) must be able to say so once, in a form that
survives re-ingesting the folder. Format (docs/publication_dates.md): `manifest.csv` with
columns file,index,title,published (# comment lines allowed) or `manifest.json`, a list of
objects with the same keys. A row matches an article by file name + 1-based index, or by
title when the index is empty (a title that disagrees with the index row wins if it
matches another row of the same file).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.models import Article

from .parsing import parse_meta_date

CSV_NAME = "manifest.csv"
JSON_NAME = "manifest.json"
COLUMNS = ("file", "index", "title", "published")
DEFAULT_COMMENTS = (
    "# Publication dates of the articles in this folder (read by loaders.dating; edited by the dashboard).",
    "# FORMAT: CSV with a header row; lines starting with # are comments.",
    "#   file = file name in this folder; index = 1-based position of the article in the file (may be",
    "#   empty: then the title is the key); title = the article's title; published = YYYY-MM-DD",
    "# EXAMPLE:",
    "#   gaza.txt,2,Hostages Freed as Truce Takes Hold in Gaza,2023-11-25",
)
_FOLD = re.compile(r"[\W_]+")


def fold_title(title: str) -> str:
    """Titles compared without case, punctuation, quote style or spacing."""
    return _FOLD.sub(" ", title.casefold()).strip()


@dataclass
class Row:
    file: str
    index: int | None
    title: str
    published: dt.date


def article_file(article: Article) -> str:
    """The file an article came from, as a path string ('' when unknown)."""
    return article.source_path or article.source.rsplit("#", 1)[0]


class Manifest:
    """Rows of a manifest file, with lookup by article and atomic saving."""

    def __init__(self, path: str | os.PathLike[str], rows: list[Row] | None = None,
                 comments: tuple[str, ...] = DEFAULT_COMMENTS, problems: list[str] | None = None) -> None:
        self.path = Path(path)
        self.rows: list[Row] = list(rows or [])
        self.comments = comments
        #: rows that could not be used, as "<file>:<line>: <problem>" messages
        self.problems: list[str] = list(problems or [])

    def __repr__(self) -> str:
        return f"Manifest({str(self.path)!r}, {len(self.rows)} rows)"

    # --- finding and loading ---------------------------------------------------------------
    @classmethod
    def find(cls, directory: str | os.PathLike[str]) -> Manifest | None:
        """The manifest.csv (or manifest.json) in `directory`, or None."""
        directory = Path(directory)
        if directory.is_file():
            directory = directory.parent
        for name in (CSV_NAME, JSON_NAME):
            if (directory / name).is_file():
                return cls.load(directory / name)
        return None

    @classmethod
    def for_directory(cls, directory: str | os.PathLike[str]) -> Manifest:
        """The folder's manifest, or a new empty manifest.csv there (written on save())."""
        directory = Path(directory)
        if directory.is_file():
            directory = directory.parent
        return cls.find(directory) or cls(directory / CSV_NAME)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Manifest:
        path = Path(path)
        text = path.read_text(encoding="utf-8-sig")
        if path.suffix.lower() == ".json":
            return cls._from_json(path, text)
        return cls._from_csv(path, text)

    @classmethod
    def _from_csv(cls, path: Path, text: str) -> Manifest:
        lines = text.splitlines()
        comments = tuple(line for line in lines if line.lstrip().startswith("#"))
        numbered = [(no, line) for no, line in enumerate(lines, 1) if line.strip() and not line.lstrip().startswith("#")]
        if not numbered:
            return cls(path, [], comments or DEFAULT_COMMENTS)
        records = list(csv.reader(line for _, line in numbered))
        header = [h.strip().lower() for h in records[0]]
        missing = [c for c in ("published",) if c not in header]
        if missing or not ({"file", "title"} & set(header)):
            problem = f"{path}:{numbered[0][0]}: header must have columns {','.join(COLUMNS)}"
            return cls(path, [], comments or DEFAULT_COMMENTS, [problem])
        dicts = [((no, dict(zip(header, rec, strict=False)))) for (no, _), rec in zip(numbered[1:], records[1:], strict=True)]
        return cls._from_dicts(path, dicts, comments or DEFAULT_COMMENTS)

    @classmethod
    def _from_json(cls, path: Path, text: str) -> Manifest:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return cls(path, [], DEFAULT_COMMENTS, [f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})"])
        if isinstance(data, dict):
            data = data.get("articles", [])
        if not isinstance(data, list):
            return cls(path, [], DEFAULT_COMMENTS, [f"{path}: expected a list of objects with keys {', '.join(COLUMNS)}"])
        dicts = [(i, d) for i, d in enumerate(data, 1)]
        return cls._from_dicts(path, dicts, DEFAULT_COMMENTS)

    @classmethod
    def _from_dicts(cls, path: Path, items: list[tuple[int, object]], comments: tuple[str, ...]) -> Manifest:
        rows, problems = [], []
        for no, item in items:
            if not isinstance(item, dict):
                problems.append(f"{path}:{no}: not an object")
                continue
            get = lambda k: str(item.get(k) if item.get(k) is not None else "").strip()  # noqa: B023,E731
            raw_day = get("published")
            day = parse_meta_date(raw_day)
            if day is None:
                problems.append(f"{path}:{no}: {raw_day!r} is not a valid date (YYYY-MM-DD)")
                continue
            index_text = get("index")
            if index_text and not index_text.isdigit():
                problems.append(f"{path}:{no}: index {index_text!r} is not a whole number")
                continue
            if not get("file") and not get("title"):
                problems.append(f"{path}:{no}: a row needs a file or a title")
                continue
            rows.append(Row(get("file"), int(index_text) if index_text else None, get("title"), day))
        return cls(path, rows, comments, problems)

    # --- lookup ------------------------------------------------------------------------------
    def _file_key(self, article: Article) -> tuple[str, str]:
        """(path relative to the manifest's folder, bare file name) of the article's file."""
        source = article_file(article)
        name = os.path.basename(source)
        try:
            rel = os.path.relpath(Path(source).resolve(), self.path.parent.resolve())
        except ValueError:
            rel = name
        return rel.replace(os.sep, "/"), name

    def _row_for(self, article: Article) -> Row | None:
        rel, name = self._file_key(article)
        title = fold_title(article.title)
        same_file = [r for r in self.rows if r.file and r.file.replace("\\", "/") in (rel, name)]
        by_index = [r for r in same_file if r.index == article.position]
        by_title = [r for r in same_file if r.title and fold_title(r.title) == title]
        for r in by_index:
            if not r.title or fold_title(r.title) == title:
                return r
        if by_title:
            return by_title[0]
        if by_index:
            return by_index[0]
        loose = [r for r in self.rows if not r.file and r.title and fold_title(r.title) == title]
        return loose[0] if loose else None

    def lookup(self, article: Article) -> dt.date | None:
        row = self._row_for(article)
        return row.published if row else None

    def describe(self, article: Article) -> str:
        """Which row dated the article, in words (for the evidence)."""
        row = self._row_for(article)
        if row is None:
            return ""
        where = " ".join(x for x in (row.file, f"#{row.index}" if row.index else "") if x)
        return f"{self.path.name} row {where or repr(row.title)}"

    # --- editing -------------------------------------------------------------------------------
    def set(self, article: Article, day: dt.date) -> None:
        """Record `day` for the article (updating its row, or adding one); call save() to write."""
        if isinstance(day, dt.datetime):
            day = day.date()
        if not isinstance(day, dt.date):
            raise TypeError(f"expected a date, not {type(day).__name__}")
        row = self._row_for(article)
        if row is not None:
            row.published = day
            return
        rel, _ = self._file_key(article)
        self.rows.append(Row(rel if article_file(article) else "", article.position or None, article.title, day))

    def to_text(self) -> str:
        if self.path.suffix.lower() == ".json":
            data = [{"file": r.file, "index": r.index, "title": r.title, "published": r.published.isoformat()}
                    for r in self.rows]
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        buf = io.StringIO()
        for line in self.comments:
            buf.write(line + "\n")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        for r in self.rows:
            writer.writerow([r.file, "" if r.index is None else r.index, r.title, r.published.isoformat()])
        return buf.getvalue()

    def save(self) -> Path:
        """Write atomically (temp file in the same folder + os.replace): readers never see half a file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(self.to_text())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        _cached_manifest.cache_clear()
        return self.path


@lru_cache(maxsize=256)
def _cached_manifest(directory: str, stamp: tuple[int, int] | None) -> Manifest | None:
    return Manifest.find(directory)


def manifest_near(article: Article) -> Manifest | None:
    """The manifest beside the article's file, re-read only when that file changes."""
    source = article_file(article)
    if not source:
        return None
    directory = os.path.dirname(os.path.abspath(source))
    for name in (CSV_NAME, JSON_NAME):
        try:
            st = os.stat(os.path.join(directory, name))
        except OSError:
            continue
        return _cached_manifest(directory, (st.st_mtime_ns, st.st_size))
    return None
