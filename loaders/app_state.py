"""Everything the dashboard does besides drawing: open the store, first-start ingest of the
sample corpus, uploads, publication-date corrections, and safe text for article display.

Why a module apart from dashboard.py: these steps hold the logic worth testing (file names
never used as paths, one message per bad file, manifest round-trip, Markdown escaping) and
are tested as plain functions; dashboard.py only wires widgets to them.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from loaders.models import Article, Caption, Event
from loaders.settings import SAMPLES_DIR, Settings

#: what the upload widget accepts (the readers pick the format from the suffix)
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".csv")
#: where the dashboard keeps publication dates the analyst set or confirmed
MANIFEST_NAME = "manifest.csv"
#: an estimated publication date is worth the analyst's attention (listed first, asked for) when its
#: interval is wider than this many days or its confidence below this (issue 14's targets)
REVIEW_MAX_DAYS = 14
REVIEW_MIN_CONFIDENCE = 0.5
#: publication-date bases that mean "no date known"
NO_DATE_BASES = ("", "unknown")
#: how a search match is marked inside a table cell (tables cannot colour part of a cell)
MARK_OPEN, MARK_CLOSE = "«", "»"


# --- store ---------------------------------------------------------------------------------

def open_store(settings: Settings) -> Any:
    from loaders.store import EventStore

    return EventStore(settings.store_dir)


def store_version(store: Any) -> tuple[str, ...]:
    """Changes whenever a batch is added or replaced: the cache key for everything loaded."""
    return tuple(store.batch_names())


def is_empty(store: Any) -> bool:
    return not store.batch_names()


def ingest_samples(settings: Settings, samples_dir: Path = SAMPLES_DIR) -> Any:
    """First start: ingest the bundled corpus (and its manifest) into the store.

    In-process (workers=1): a spawned worker pool inside the Streamlit server would re-import
    the server's __main__; the sample corpus is small enough not to need one.
    """
    from loaders.ingest import ingest

    return ingest([samples_dir], replace(settings, workers=1), progress=False)


def load_events(store: Any) -> pd.DataFrame:
    """Merged happenings (one row per happening, every source kept)."""
    return store.events()


def load_events_source(store: Any) -> Any:
    """What the dashboard's DuckDB engine loads: preferably the store's derived Parquet file,
    which DuckDB reads and normalizes in one pass (at 1M events ~2 s less CPU than
    Parquet -> Arrow -> DuckDB); the DataFrame when the store cannot write that file."""
    try:
        return store.events_path()
    except OSError:
        return load_events(store)


def event_sources(store: Any, event_id: str) -> list[dict[str, Any]]:
    """The merged sources of one event, read from the derived Parquet on demand (~0.1 s at 1M)."""
    import duckdb

    try:
        path = store.events_path()
        rows = duckdb.execute("SELECT sources FROM read_parquet(?) WHERE event_id = ? LIMIT 1",
                              [str(path), event_id]).fetchall()
    except (ImportError, AttributeError, OSError, duckdb.Error):
        return []
    return [dict(x) for x in (rows[0][0] or [])] if rows else []


def load_articles(store: Any) -> pd.DataFrame:
    return store.articles()


def actor_members() -> Callable[[str], set[str]] | None:
    """`ActorTable.members` (Iran -> Qaani, IRGC ...) when the actor table is available, else None.

    Without it the "include affiliated" filter still works through each event's `actors` list.
    """
    try:
        from loaders.actors import ActorTable
    except ImportError:
        return None
    for make in (getattr(ActorTable, "load", None), getattr(ActorTable, "default", None), ActorTable):
        if make is None:
            continue
        try:
            table = make()
        except TypeError:
            continue
        if hasattr(table, "members"):
            return table.members
    return None


# --- safe text -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&\"'])")


def escape_markdown(text: object) -> str:
    """Article text -> Markdown that renders exactly as the text.

    Backslash-escapes every character Markdown, Streamlit directives (`:red[...]`), LaTeX
    (`$`) or HTML could act on, and flattens line breaks, so `<script>`, `[link](url)` or
    `$x$` in a title show as typed.
    """
    s = "" if text is None else str(text)
    s = unicodedata.normalize("NFC", s).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", s)


def split_on_sentence(paragraph: str, sentence: str) -> tuple[str, str, str]:
    """(before, sentence, after): where the evidence sentence sits in its paragraph.

    Exact match first, then whitespace-insensitive; ("", "", paragraph) when not found.
    """
    if not sentence:
        return "", "", paragraph
    i = paragraph.find(sentence)
    if i >= 0:
        return paragraph[:i], sentence, paragraph[i + len(sentence):]
    pattern = r"\s+".join(re.escape(w) for w in sentence.split())
    m = re.search(pattern, paragraph) if pattern else None
    if m:
        return paragraph[:m.start()], m.group(0), paragraph[m.end():]
    return "", "", paragraph


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the search words occur in `text` (case-insensitive, merged when they overlap): the
    same substring test as the search filter, so every row it keeps shows why."""
    lower = text.lower()
    spans: list[tuple[int, int]] = []
    for term in {t.lower() for t in terms if t}:
        start = lower.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = lower.find(term, start + 1)
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mark_terms(text: str, terms: Sequence[str]) -> str:
    """Plain text with the search words wrapped in « » (for table cells)."""
    out, pos = [], 0
    for a, b in term_spans(text, terms):
        out += [text[pos:a], MARK_OPEN, text[a:b], MARK_CLOSE]
        pos = b
    return "".join(out) + text[pos:]


def _directive(text: str, colour: str) -> str:
    """`:colour-background[**text**]`, escaped; spaces stay outside (bold breaks on them)."""
    core = text.strip()
    if not core:
        return escape_markdown(text)
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{escape_markdown(lead)}:{colour}-background[**{escape_markdown(core)}**]{escape_markdown(trail)}"


def highlighted_markdown(paragraph: str, sentence: str, terms: Sequence[str] = ()) -> str:
    """Escaped paragraph: the evidence sentence on orange, the search words on blue."""
    before, hit, after = split_on_sentence(paragraph, sentence)
    pieces = [(before, False), (hit, True), (after, False)] if hit else [(paragraph, False)]
    out = []
    for text, evidence in pieces:
        pos = 0
        for a, b in term_spans(text, terms):
            plain = text[pos:a]
            out.append(_directive(plain, "orange") if evidence else escape_markdown(plain))
            out.append(_directive(text[a:b], "blue"))
            pos = b
        rest = text[pos:]
        out.append(_directive(rest, "orange") if evidence else escape_markdown(rest))
    return "".join(out)


def highlighted_text(text: str, terms: Sequence[str]) -> str:
    """Escaped Markdown of `text` with the search words on blue (source sentences, captions)."""
    return highlighted_markdown(text, "", terms)


def find_paragraph(paragraphs: Sequence[str], index: Any, sentence: str) -> tuple[int, str]:
    """The paragraph holding the sentence: the stored index if it matches, else a search."""
    paras = list(paragraphs or [])
    with contextlib.suppress(TypeError, ValueError):
        i = int(index)
        if 0 <= i < len(paras) and (not sentence or split_on_sentence(paras[i], sentence)[1]):
            return i, paras[i]
    for i, p in enumerate(paras):
        if sentence and split_on_sentence(p, sentence)[1]:
            return i, p
    return -1, ""


def plural(n: int, word: str) -> str:
    """"1 article", "2 articles" (English -s plural; every word the dashboard counts takes it)."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def as_date(value: Any) -> dt.date | None:
    """Any date-like value (date, Timestamp, ISO string) -> date; None, NaN, NaT, junk -> None.

    Frames hold a missing publication date as NaN or NaT, both truthy: `value or today` is
    never a safe default, this is."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


_as_date = as_date


def published_label(published: Any, basis: str) -> str:
    day = _as_date(published)
    basis_text = {"": "no date found", "unknown": "no date found",
                  "estimated": "estimated from the text"}.get(basis or "", basis)
    return f"{day:%d %B %Y} ({basis_text})" if day else f"unknown ({basis_text})"


def date_review(published: Any, basis: Any, start: Any = None, end: Any = None,
                confidence: Any = 0.0) -> tuple[int, str]:
    """How urgently an article's publication date needs the analyst: (rank, reason).

    0 = no date at all, 1 = an estimate too wide or too unsure to lean on, 2 = another estimate
    or a date of unknown origin (confirm it), 3 = a date from the file, the text or the analyst.
    Every relative date of the article ("last Tuesday") hangs on it, so 0 and 1 are listed first
    and asked for, in the dates panel and after an upload.
    """
    day = as_date(published)
    basis = "" if basis is None or (isinstance(basis, float) and basis != basis) else str(basis)
    if day is None:
        return 0, "no date found: enter it"
    if basis == "estimated":
        a, b = as_date(start), as_date(end)
        width = (b - a).days + 1 if a and b else None
        try:
            conf = float(confidence or 0.0)
        except (TypeError, ValueError):
            conf = 0.0
        if width is None:
            return 1, "estimate without an interval: check it"
        if width > REVIEW_MAX_DAYS:
            return 1, f"estimate spans {width} days: check it"
        if conf < REVIEW_MIN_CONFIDENCE:
            return 1, f"estimate with low confidence ({conf:.2f}): check it"
        return 2, "estimated from the text: confirm it"
    if basis in NO_DATE_BASES:
        return 2, "origin of the date unknown: confirm it"
    return 3, ""


def article_from_row(row: dict[str, Any] | pd.Series) -> Article:
    """A store `articles()` row back into the Article record the pipeline takes."""
    r = dict(row)
    captions = list(r.get("captions") or [])
    credits = list(r.get("caption_credits") or [])
    meta = r.get("meta") or {}
    if isinstance(meta, str):
        try:
            meta = json.loads(meta) if meta else {}
        except ValueError:
            meta = {}
    return Article(
        article_id=str(r["article_id"]), title=str(r.get("title") or ""),
        paragraphs=tuple(r.get("paragraphs") or ()),
        captions=tuple(Caption(t, credits[i] if i < len(credits) else "") for i, t in enumerate(captions)),
        subheadings=tuple(r.get("subheadings") or ()), source=str(r.get("source") or ""),
        source_path=str(r.get("source_path") or ""), position=int(r.get("position") or 0),
        url=str(r.get("url") or ""), published=_as_date(r.get("published")),
        published_basis=str(r.get("published_basis") or ""), published_start=_as_date(r.get("published_start")),
        published_end=_as_date(r.get("published_end")),
        published_confidence=float(r.get("published_confidence") or 0.0),
        published_evidence=str(r.get("published_evidence") or ""), meta=dict(meta),
    )


DATES_COLUMNS = ["article_id", "title", "published", "basis", "needs", "rank", "needs_review", "interval",
                 "confidence", "evidence", "source"]


def dates_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article for the publication-dates panel: no date first, then estimates too wide
    or unsure to trust, then other estimates, then the dated ones (`date_review` ranks them)."""
    if articles.empty:
        return pd.DataFrame(columns=DATES_COLUMNS)
    basis = articles["published_basis"].fillna("").astype(str)
    published = pd.to_datetime(articles["published"], errors="coerce")
    reviews = [date_review(p, b, s, e, c) for p, b, s, e, c in zip(
        published, basis, articles["published_start"], articles["published_end"],
        articles["published_confidence"], strict=True)]
    rank = pd.Series([r for r, _ in reviews], index=articles.index)

    def interval(row: pd.Series) -> str:
        a, b = _as_date(row["published_start"]), _as_date(row["published_end"])
        if a and b:
            return f"{a:%d %b %Y} – {b:%d %b %Y}" if a != b else f"{a:%d %b %Y}"
        return ""

    out = pd.DataFrame({
        "article_id": articles["article_id"], "title": articles["title"], "published": published.dt.date,
        "basis": basis.where(~basis.isin(NO_DATE_BASES), "none"), "needs": [w for _, w in reviews],
        "rank": rank, "needs_review": rank < 3,
        "interval": articles.apply(interval, axis=1),
        "confidence": pd.to_numeric(articles["published_confidence"], errors="coerce").fillna(0.0).round(2),
        "evidence": articles["published_evidence"].fillna("").astype(str),
        "source": articles["source"].fillna("").astype(str),
    })
    return out.sort_values(["rank", "published", "title"], ascending=True,
                           na_position="first").reset_index(drop=True)[DATES_COLUMNS]


# --- uploads -------------------------------------------------------------------------------

@dataclass
class UploadReport:
    files_ok: list[str] = field(default_factory=list)
    articles_added: int = 0
    articles_skipped: int = 0
    events_added: int = 0
    #: one message per problem, naming the uploaded file as the user knows it
    errors: list[str] = field(default_factory=list)
    #: (article_id, title, reason) of every stored article whose date needs the analyst (`date_review` < 2)
    needs_date: list[tuple[str, str, str]] = field(default_factory=list)


def display_name(name: str) -> str:
    """An uploaded file's name for messages and `source`: last path part, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return base[:120] or "upload"


def _suffix(name: str) -> str:
    base = display_name(name).lower()
    return "." + base.rsplit(".", 1)[-1] if "." in base else ""


def _mark_upload(article: Article, events: list[Event], name: str, flagged: bool) -> tuple[Article, list[Event]]:
    """Name the upload as the user knows it (not the temp path) and record an upload date basis."""
    source = f"{name}#{article.position}" if article.position else name
    basis = "upload" if flagged and article.published_basis in ("flag", "upload") else article.published_basis
    art = replace(article, source=source, source_path=f"upload/{name}", published_basis=basis)
    evs = []
    for ev in events:
        sources = tuple({**s, "source": source} if s.get("article_id") == article.article_id else s
                        for s in ev.sources)
        evs.append(replace(ev, source=source, published_basis=basis, sources=sources))
    return art, evs


def handle_uploads(files: Sequence[tuple[str, bytes]], settings: Settings, published: str = "",
                   progress: Callable[[float, str], None] | None = None, store: Any = None) -> UploadReport:
    """Add uploaded files to the store; each bad file gets its own message, good ones are added.

    Files are written to a fresh temp dir under generated names (`upload-<n><suffix>`), so a
    name like `../../etc/passwd` or `a;rm -rf` is only ever displayed, never used as a path.
    `published` (optional, YYYY-MM-DD) is validated with `parse_published` before anything runs.
    """
    from loaders.dating import parse_published
    from loaders.errors import DateError
    from loaders.ingest import read_file
    from loaders.pipeline import process_article

    report = UploadReport()
    flag: dt.date | None = None
    if published and published.strip():
        try:
            flag = parse_published(published.strip(), settings)
        except DateError as exc:
            report.errors.append(f"Publication date: {exc}")
            return report
    store = store if store is not None else open_store(settings)
    total = max(len(files), 1)
    with tempfile.TemporaryDirectory(prefix="ct-upload-") as tmp:
        for n, (name, data) in enumerate(files):
            shown = display_name(name)
            if progress:
                progress(n / total, f"Reading {shown} ({n + 1}/{len(files)})")
            suffix = _suffix(name)
            if suffix not in UPLOAD_SUFFIXES:
                report.errors.append(f"{shown}: not a supported file type (use {', '.join(UPLOAD_SUFFIXES)})")
                continue
            if len(data) > settings.max_file_bytes:
                report.errors.append(f"{shown}: {len(data) / 2**20:.1f} MB is over the "
                                     f"{settings.max_file_bytes / 2**20:.0f} MB limit")
                continue
            if not data.strip():
                report.errors.append(f"{shown}: the file is empty")
                continue
            path = Path(tmp) / f"upload-{n}-{uuid.uuid4().hex[:8]}{suffix}"
            path.write_bytes(data)
            articles, errors = read_file(str(path), settings)
            for err in errors:
                report.errors.append(_rename_error(str(err), str(path), shown))
            pairs = []
            for art in articles:
                try:
                    dated, events = process_article(art, settings, flag=flag)
                except Exception as exc:  # one bad article must not sink the upload
                    report.errors.append(f"{shown}: could not process {art.title[:60]!r}: {exc}")
                    continue
                pairs.append(_mark_upload(dated, events, shown, flag is not None))
            if not pairs:
                if not errors:
                    report.errors.append(f"{shown}: no article found in the file")
                continue
            result = store.add([a for a, _ in pairs], [e for _, evs in pairs for e in evs])
            report.articles_added += result.added
            report.articles_skipped += result.skipped
            report.events_added += result.events_added
            report.files_ok.append(shown)
            for art, _ in pairs:
                rank, reason = date_review(art.published, art.published_basis, art.published_start,
                                           art.published_end, art.published_confidence)
                if rank < 2:
                    report.needs_date.append((art.article_id, art.title, reason))
    if progress:
        progress(1.0, "Done")
    return report


def _rename_error(message: str, temp_path: str, shown: str) -> str:
    """Reader messages name the temp file; show the user's file name instead."""
    message = message.replace(temp_path, shown)
    return message.replace(Path(temp_path).name, shown)


# --- publication dates -------------------------------------------------------------------

def manifest_path(settings: Settings) -> Path:
    """Dates set in the dashboard live beside the store (the bundled corpus stays untouched)."""
    return Path(settings.store_dir) / MANIFEST_NAME


def open_manifest(settings: Settings) -> Any:
    from loaders.dating import Manifest

    path = manifest_path(settings)
    return Manifest.load(path) if path.exists() else Manifest(path)


def set_publication_date(store: Any, settings: Settings, article_row: dict[str, Any] | pd.Series,
                         day: dt.date) -> tuple[Article, list[Event]]:
    """Save `day` for the article in the manifest, re-resolve its events, replace it in the store."""
    from loaders.dating import parse_published
    from loaders.pipeline import process_article

    day = parse_published(day, settings)  # same checks as everywhere (no future dates ...)
    article = article_from_row(article_row)
    manifest = open_manifest(settings)
    manifest.set(article, day)
    manifest.save()
    undated = replace(article, published=None, published_basis="", published_start=None, published_end=None,
                      published_confidence=0.0, published_evidence="")
    dated, events = process_article(undated, settings, manifest=manifest)
    if dated.published != day:  # the manifest did not apply (e.g. keyed differently): use the date as given
        dated, events = process_article(undated, settings, flag=day)
        dated = replace(dated, published_basis="manifest")
        events = [replace(e, published_basis="manifest") for e in events]
    store.replace_article(dated, events)
    return dated, events
