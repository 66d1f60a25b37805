"""The event store: a Parquet dataset on disk, queried with DuckDB.

Why this layout: every `add()` writes one immutable *batch* directory

    store_dir/batches/<seq>-<id>/articles.parquet
                                 files.parquet
                                 events/month=YYYY-MM/part.parquet

into `store_dir/tmp/` first and then renames it into `batches/` with one
`os.replace`. A crash (even kill -9) therefore leaves every article either fully in
the store or fully out; half-written temp directories are ignored and removed on
the next open. Batches are never modified, so readers need no lock: they take a
snapshot of the batch list and, per article_id, the rows of the latest batch (a
re-ingest with a corrected publication date supersedes the old rows). Writers
serialize on an `fcntl.flock` of `store_dir/.lock`, so two ingests can run at once.

No pickles: articles, events and the derived (merged) events are Parquet files any
tool can read; list columns (actors, sources, paragraphs) are Parquet lists.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import operator
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .file_record import FileRecord  # noqa: F401  (re-exported: defined apart for worker processes)
from .models import EVENT_COLUMNS, Article, Event, stable_hash

# --- Arrow schemas (the on-disk contract; documented in docs/event_schema.md) ------------------
SOURCE_TYPE = pa.struct([
    ("article_id", pa.string()), ("source", pa.string()), ("sentence", pa.string()), ("title", pa.string()),
])
_EVENT_TYPES: dict[str, pa.DataType] = {
    "event_id": pa.string(), "article_id": pa.string(),
    "date_start": pa.date32(), "date_end": pa.date32(), "date_precision": pa.string(),
    "date_text": pa.string(), "date_value": pa.string(), "date_basis": pa.string(),
    "actors": pa.list_(pa.string()), "actor": pa.string(), "actor_text": pa.string(), "target": pa.string(),
    "event_type": pa.string(), "event_category": pa.string(), "trigger": pa.string(),
    "theater": pa.string(), "location": pa.string(), "latitude": pa.float64(), "longitude": pa.float64(),
    "sentence": pa.string(), "paragraph_index": pa.int32(), "title": pa.string(),
    "published": pa.date32(), "published_basis": pa.string(), "source": pa.string(),
    "sources": pa.list_(SOURCE_TYPE), "n_sources": pa.int32(),
}
assert tuple(_EVENT_TYPES) == EVENT_COLUMNS, "store schema out of step with models.EVENT_COLUMNS"
EVENT_SCHEMA = pa.schema(list(_EVENT_TYPES.items()))
#: events as written inside a batch: the schema plus the batch they belong to
BATCH_EVENT_SCHEMA = EVENT_SCHEMA.append(pa.field("batch_seq", pa.int64()))

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "title", "paragraphs", "captions", "subheadings", "source", "published",
    "published_basis", "published_start", "published_end", "published_confidence", "published_evidence",
    "url", "content_hash", "caption_credits", "source_path", "position", "meta", "n_events",
)
ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("title", pa.string()), ("paragraphs", pa.list_(pa.string())),
    ("captions", pa.list_(pa.string())), ("subheadings", pa.list_(pa.string())), ("source", pa.string()),
    ("published", pa.date32()), ("published_basis", pa.string()), ("published_start", pa.date32()),
    ("published_end", pa.date32()), ("published_confidence", pa.float64()), ("published_evidence", pa.string()),
    ("url", pa.string()), ("content_hash", pa.string()), ("caption_credits", pa.list_(pa.string())),
    ("source_path", pa.string()), ("position", pa.int32()), ("meta", pa.string()), ("n_events", pa.int32()),
    ("batch_seq", pa.int64()),
])
FILE_SCHEMA = pa.schema([
    ("path", pa.string()), ("size", pa.int64()), ("mtime", pa.float64()), ("sha1", pa.string()),
    ("published_flag", pa.string()), ("n_articles", pa.int32()), ("batch_seq", pa.int64()),
])
FILE_COLUMNS = tuple(FILE_SCHEMA.names[:-1])

_DATE_COLUMNS = {"date_start", "date_end", "published", "published_start", "published_end"}
_LIST_COLUMNS = {"actors", "sources", "paragraphs", "captions", "subheadings", "caption_credits"}
_BATCH_NAME = re.compile(r"^(\d{8})-([0-9a-f]{8,32})$")
_UNKNOWN_MONTH = "unknown"


# --- records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int
    events_added: int
    batch: str = ""  # name of the batch directory written ("" when nothing was written)


def file_sha1(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def content_hash(article: Article) -> str:
    """Hash of everything readers keep (article_id ignores captions and subheadings)."""
    return stable_hash(article.title, *article.paragraphs, "\x1e", *(c.text for c in article.captions),
                       "\x1e", *article.subheadings, article.url)


# --- conversions -------------------------------------------------------------------------------
def _iso(d: Any) -> str:
    return d.isoformat() if d is not None else ""


_SOURCE_KEYS = tuple(SOURCE_TYPE.names)


def _clean_source(s: Any) -> dict[str, str]:
    s = dict(s) if s is not None else {}
    return {k: "" if (v := s.get(k)) is None else str(v) for k in _SOURCE_KEYS}


def _sources_array(sources: Sequence[Sequence[Any]]) -> pa.Array:
    """The `sources` column (list of {article_id, source, sentence, title} per event), built from one
    flat string column per key: the same values as `pa.array([[_clean_source(s) ...]])` without
    converting thousands of small dicts one by one (None -> "", anything else -> str)."""
    offsets = [0]
    values: dict[str, list[str]] = {k: [] for k in _SOURCE_KEYS}
    for srcs in sources:
        for s in srcs:
            get = s.get if isinstance(s, dict) else (dict(s) if s is not None else {}).get
            for k, column in values.items():
                v = get(k)
                column.append("" if v is None else v if type(v) is str else str(v))
        offsets.append(len(values[_SOURCE_KEYS[0]]))
    children = pa.StructArray.from_arrays([pa.array(values[k], pa.string()) for k in _SOURCE_KEYS],
                                          fields=list(SOURCE_TYPE))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), children, type=_EVENT_TYPES["sources"])


#: one C-level getter per EVENT_COLUMNS attribute: a column is `list(map(getter, events))`, with no
#: per-event row tuple to build and transpose
_EVENT_GETTERS = tuple(operator.attrgetter(name) for name in EVENT_COLUMNS)


def _actors_lists(values: list[Any]) -> list[Any]:
    """The actors column as Arrow takes it: tuples and lists as they are (Arrow reads both alike),
    anything else through list() as before."""
    return values if all(type(v) is tuple or type(v) is list for v in values) else [list(v) for v in values]


def events_to_table(events: Sequence[Event], batch_seq: int | None = None) -> pa.Table:
    """Event records -> Arrow table with EVENT_SCHEMA (plus batch_seq when given)."""
    arrays = []
    for name, get in zip(EVENT_COLUMNS, _EVENT_GETTERS, strict=True):
        col = list(map(get, events))
        if name == "sources":
            arrays.append(_sources_array(col))
        else:
            arrays.append(pa.array(_actors_lists(col) if name == "actors" else col, type=_EVENT_TYPES[name]))
    table = pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)
    if batch_seq is not None:
        table = table.append_column("batch_seq", pa.array([batch_seq] * len(events), pa.int64()))
    return table


def _py_list(v: Any) -> list[Any]:
    if v is None or (isinstance(v, float) and v != v):
        return []
    if isinstance(v, str):
        with contextlib.suppress(ValueError):
            parsed = json.loads(v)
            if isinstance(parsed, list):
                return parsed
        return [v]
    return list(v)


def _to_date_array(values: pd.Series) -> pa.Array:
    parsed = pd.to_datetime(values, errors="coerce")
    return pa.array([None if pd.isna(x) else x.date() for x in parsed], type=pa.date32())


def frame_to_table(df: pd.DataFrame) -> pa.Table:
    """A frame with EVENT_COLUMNS (any reasonable dtypes) -> Arrow table with EVENT_SCHEMA.

    Why: `merge_frame` and other callers may hand back dates as strings, datetimes or
    `date` objects and lists as arrays; the store writes one fixed schema.
    """
    arrays = []
    n = len(df)
    for name in EVENT_COLUMNS:
        typ = _EVENT_TYPES[name]
        if name not in df.columns:
            arrays.append(pa.nulls(n, typ) if name not in ("actors", "sources") else pa.array([[]] * n, typ))
            continue
        col = df[name]
        if name in _DATE_COLUMNS:
            arrays.append(_to_date_array(col))
        elif name == "actors":
            arrays.append(pa.array([[str(a) for a in _py_list(v)] for v in col], type=typ))
        elif name == "sources":
            arrays.append(pa.array([[_clean_source(s) for s in _py_list(v)] for v in col], type=typ))
        elif pa.types.is_string(typ):
            arrays.append(pa.array([None if v is None or (isinstance(v, float) and v != v) else str(v)
                                    for v in col], type=typ))
        else:
            num = pd.to_numeric(col, errors="coerce")
            arrays.append(pa.array([None if pd.isna(v) else v for v in num], type=typ, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def table_to_frame(table: pa.Table, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Arrow -> pandas the way every store reader returns it.

    Dates become datetime64 (vectorised filtering in the dashboard), list columns
    plain Python lists (of str, or of dicts for `sources`), text columns str.
    """
    if columns is not None:
        table = table.select([c for c in columns if c in table.column_names])
    df = table.to_pandas(date_as_object=False, ignore_metadata=True)
    for name in df.columns:
        if name in _DATE_COLUMNS:
            df[name] = pd.to_datetime(df[name]).astype("datetime64[us]")
        elif name in _LIST_COLUMNS:
            df[name] = [_py_list(v) for v in df[name]]
    return df


def empty_events_frame() -> pd.DataFrame:
    return table_to_frame(EVENT_SCHEMA.empty_table())


def events_to_frame(events: Sequence[Event]) -> pd.DataFrame:
    """Event records -> the store's mention frame (what `merge_frame` receives)."""
    return table_to_frame(events_to_table(events))


def _articles_table(articles: Sequence[Article], n_events: dict[str, int], batch_seq: int) -> pa.Table:
    rows: dict[str, list[Any]] = {name: [] for name in ARTICLE_SCHEMA.names}
    for a in articles:
        rows["article_id"].append(a.article_id)
        rows["title"].append(a.title)
        rows["paragraphs"].append(list(a.paragraphs))
        rows["captions"].append([c.text for c in a.captions])
        rows["caption_credits"].append([c.credit for c in a.captions])
        rows["subheadings"].append(list(a.subheadings))
        rows["source"].append(a.source)
        rows["source_path"].append(a.source_path)
        rows["position"].append(a.position)
        rows["url"].append(a.url)
        rows["published"].append(a.published)
        rows["published_basis"].append(a.published_basis)
        rows["published_start"].append(a.published_start)
        rows["published_end"].append(a.published_end)
        rows["published_confidence"].append(float(a.published_confidence or 0.0))
        rows["published_evidence"].append(a.published_evidence)
        rows["content_hash"].append(content_hash(a))
        rows["meta"].append(json.dumps({k: str(v) for k, v in (a.meta or {}).items()}, sort_keys=True))
        rows["n_events"].append(n_events.get(a.article_id, 0))
        rows["batch_seq"].append(batch_seq)
    return pa.Table.from_pydict(rows, schema=ARTICLE_SCHEMA)


def _files_table(files: Sequence[FileRecord], batch_seq: int) -> pa.Table:
    rows: dict[str, list[Any]] = {name: [] for name in FILE_SCHEMA.names}
    for f in files:
        for name in FILE_COLUMNS:
            rows[name].append(getattr(f, name))
        rows["batch_seq"].append(batch_seq)
    return pa.Table.from_pydict(rows, schema=FILE_SCHEMA)


def _month_of(d: Any) -> str:
    return f"{d.year:04d}-{d.month:02d}" if d is not None else _UNKNOWN_MONTH


def _sql_list(paths: Sequence[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


# --- the store ---------------------------------------------------------------------------------
class EventStore:
    """Append-only batches of articles + their events; see the module docstring."""

    def __init__(self, store_dir: str | os.PathLike[str]) -> None:
        self.root = Path(store_dir)
        self.batches_dir = self.root / "batches"
        self.tmp_dir = self.root / "tmp"
        self.derived_dir = self.root / "derived"
        for d in (self.batches_dir, self.tmp_dir, self.derived_dir):
            d.mkdir(parents=True, exist_ok=True)
        self._lock_path = self.root / ".lock"
        self._lock_fd: int | None = None
        self._lock_depth = 0
        # in-memory index, refreshed from batches this object has not seen yet
        self._seen: set[str] = set()
        self._published: dict[str, tuple[str, int]] = {}  # article_id -> (published iso, batch seq)
        self._files_by_path: dict[str, FileRecord] = {}
        self._files_by_sha: set[tuple[str, str]] = set()  # (sha1, published_flag)
        self._clean_leftovers()

    def __repr__(self) -> str:
        return f"EventStore({str(self.root)!r})"

    # -- locking and housekeeping ---------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive writer lock (re-entrant within this object)."""
        if self._lock_depth == 0:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
            self._lock_fd = fd
        self._lock_depth += 1
        try:
            yield
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0 and self._lock_fd is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
                self._lock_fd = None

    def _clean_leftovers(self) -> None:
        """Remove temp dirs a crashed writer left behind, unless a writer is active right now."""
        if not any(self.tmp_dir.iterdir()):
            return
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # someone is writing; their temp dir is not garbage
            for p in self.tmp_dir.iterdir():
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def batch_names(self) -> list[str]:
        """Complete batches, oldest first (anything not named <seq>-<id> is ignored)."""
        names = [p.name for p in self.batches_dir.iterdir() if _BATCH_NAME.match(p.name)]
        return sorted(names)

    def _next_seq(self) -> int:
        names = self.batch_names()
        return int(names[-1].split("-")[0]) + 1 if names else 1

    def _refresh_index(self) -> None:
        names = self.batch_names()
        current = set(names)
        if self._seen - current:  # batches vanished (compaction elsewhere): rebuild from scratch
            self._seen.clear()
            self._published.clear()
            self._files_by_path.clear()
            self._files_by_sha.clear()
        for name in names:
            if name in self._seen:
                continue
            seq = int(name.split("-")[0])
            bdir = self.batches_dir / name
            try:
                arts = pq.read_table(bdir / "articles.parquet", columns=["article_id", "published"])
                files = pq.read_table(bdir / "files.parquet") if (bdir / "files.parquet").exists() else None
            except FileNotFoundError:  # removed by a concurrent compaction
                continue
            for aid, pub in zip(arts.column("article_id").to_pylist(), arts.column("published").to_pylist(),
                                strict=True):
                prev = self._published.get(aid)
                if prev is None or prev[1] <= seq:
                    self._published[aid] = (_iso(pub), seq)
            if files is not None:
                for row in files.to_pylist():
                    rec = FileRecord(**{k: row[k] for k in FILE_COLUMNS})
                    self._files_by_path[rec.path] = rec
                    self._files_by_sha.add((rec.sha1, rec.published_flag))
            self._seen.add(name)

    # -- writing ---------------------------------------------------------------------------------
    def add(self, articles: Iterable[Article], events: Iterable[Event],
            files: Iterable[FileRecord] = ()) -> AddResult:
        """Write one atomic batch; article_ids already stored with the same `published` are skipped.

        A changed publication date supersedes the stored version. Duplicate article_ids
        inside the call keep the first copy (and its events, deduplicated by event_id).
        """
        return self._write(list(articles), list(events), list(files), force=False)

    def replace_article(self, article: Article, events: Iterable[Event]) -> AddResult:
        """Store this version of the article (and exactly these events) whatever is stored already."""
        return self._write([article], list(events), [], force=True)

    def _write(self, articles: list[Article], events: list[Event], files: list[FileRecord],
               force: bool) -> AddResult:
        with self.lock():
            self._refresh_index()
            keep: dict[str, Article] = {}
            skipped = 0
            for a in articles:
                prev = self._published.get(a.article_id)
                if a.article_id in keep or (not force and prev is not None and prev[0] == _iso(a.published)):
                    skipped += 1
                    continue
                keep[a.article_id] = a
            kept_events: list[Event] = []
            seen_ids: set[tuple[str, str]] = set()
            n_events: dict[str, int] = {}
            for ev in events:
                key = (ev.article_id, ev.event_id)
                if ev.article_id in keep and key not in seen_ids:
                    seen_ids.add(key)
                    kept_events.append(ev)
                    n_events[ev.article_id] = n_events.get(ev.article_id, 0) + 1
            new_files = [f for f in files if self._files_by_path.get(f.path) != f]
            if not keep and not new_files:
                return AddResult(0, skipped, 0)
            seq = self._next_seq()
            name = f"{seq:08d}-{uuid.uuid4().hex[:12]}"
            tmp = self.tmp_dir / f"{name}.writing"
            tmp.mkdir(parents=True)
            try:
                pq.write_table(_articles_table(list(keep.values()), n_events, seq), tmp / "articles.parquet")
                pq.write_table(_files_table(new_files, seq), tmp / "files.parquet")
                self._write_events(kept_events, seq, tmp / "events")
                os.replace(tmp, self.batches_dir / name)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            self._refresh_index()
            return AddResult(len(keep), skipped, len(kept_events), name)

    @staticmethod
    def _write_events(events: list[Event], seq: int, events_dir: Path) -> None:
        """One file per month of the events' start dates. The batch is converted to Arrow once and
        each month's rows taken from it (in event order): a batch spans dozens of months, and
        converting each month's few events separately cost more than writing them."""
        by_month: dict[str, list[int]] = {}
        for i, ev in enumerate(events):
            by_month.setdefault(_month_of(ev.date_start), []).append(i)
        if not by_month:
            return
        table = events_to_table(events, seq)
        for month, rows in sorted(by_month.items()):
            part = events_dir / f"month={month}"
            part.mkdir(parents=True)
            piece = table if len(rows) == len(events) else table.take(pa.array(rows, pa.int64()))
            pq.write_table(piece, part / "part.parquet")

    # -- file index (skip unchanged inputs) -------------------------------------------------------
    def known_file(self, path: str, size: int, mtime: float, published_flag: str = "") -> bool:
        """True when this path was ingested with the same size, mtime and --published flag."""
        self._refresh_index()
        rec = self._files_by_path.get(path)
        return rec is not None and rec.size == size and rec.mtime == mtime and rec.published_flag == published_flag

    def known_content(self, sha1: str, published_flag: str = "") -> bool:
        """True when a file with these bytes was ingested with the same --published flag."""
        self._refresh_index()
        return (sha1, published_flag) in self._files_by_sha

    def stored_published(self, article_id: str) -> str | None:
        """ISO publication date of the stored version ('' when undated), None when not stored."""
        self._refresh_index()
        prev = self._published.get(article_id)
        return prev[0] if prev else None

    # -- reading ---------------------------------------------------------------------------------
    def _snapshot(self) -> tuple[list[str], list[Path], list[Path], list[Path]]:
        names = self.batch_names()
        arts, evs, files = [], [], []
        for name in names:
            bdir = self.batches_dir / name
            arts.append(bdir / "articles.parquet")
            if (bdir / "files.parquet").exists():
                files.append(bdir / "files.parquet")
            evdir = bdir / "events"
            if evdir.is_dir():
                evs.extend(sorted(evdir.glob("month=*/*.parquet")))
        return names, arts, evs, files

    def _query(self, build: Any) -> pa.Table:
        """Run a query over a snapshot; retry when a concurrent compaction removed a file."""
        for attempt in range(5):
            names, arts, evs, files = self._snapshot()
            try:
                con = duckdb.connect()
                try:
                    sql = build(con, arts, evs, files)
                    return con.sql(sql).to_arrow_table() if sql else None
                finally:
                    con.close()
            except (duckdb.IOException, FileNotFoundError, duckdb.InvalidInputException):
                if attempt == 4:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _latest_sql(arts: list[Path]) -> str:
        return (f"SELECT article_id, max(batch_seq) AS batch_seq FROM read_parquet({_sql_list(arts)}, "
                "union_by_name=true) GROUP BY article_id")

    def mentions(self, article_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Article-level events (one row per mention), the latest version of each article.

        Columns are EVENT_COLUMNS; dates are datetime64, `actors`/`sources` Python lists.
        """
        ids = sorted(set(article_ids)) if article_ids is not None else None

        def build(con: duckdb.DuckDBPyConnection, arts: list[Path], evs: list[Path], _files: list[Path]) -> str | None:
            if not evs:
                return None
            where = ""
            if ids is not None:
                if not ids:
                    return None
                con.register("wanted_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
                where = "WHERE e.article_id IN (SELECT article_id FROM wanted_ids)"
            cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
            return (f"SELECT {cols} FROM read_parquet({_sql_list(evs)}, hive_partitioning=true, "
                    f"union_by_name=true) e JOIN ({self._latest_sql(arts)}) l "
                    f"ON e.article_id = l.article_id AND e.batch_seq = l.batch_seq {where} "
                    "ORDER BY e.date_start NULLS LAST, e.article_id, e.paragraph_index, e.event_id")

        table = self._query(build)
        if table is None:
            return empty_events_frame()
        return table_to_frame(table.cast(EVENT_SCHEMA))

    def articles(self) -> pd.DataFrame:
        """One row per article (latest version): text, source, publication date and its basis."""

        def build(_con: duckdb.DuckDBPyConnection, arts: list[Path], _evs: list[Path], _files: list[Path]) -> str | None:
            if not arts:
                return None
            cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
            return (f"SELECT {cols} FROM read_parquet({_sql_list(arts)}, union_by_name=true) a "
                    f"JOIN ({self._latest_sql(arts)}) l ON a.article_id = l.article_id "
                    "AND a.batch_seq = l.batch_seq ORDER BY a.published NULLS LAST, a.article_id")

        table = self._query(build)
        if table is None:
            table = ARTICLE_SCHEMA.empty_table().select(list(ARTICLE_COLUMNS))
        return table_to_frame(table)

    def files(self) -> pd.DataFrame:
        """The ingested-files table: path, size, mtime, sha1, published_flag, n_articles (latest per path)."""

        def build(_con: duckdb.DuckDBPyConnection, _arts: list[Path], _evs: list[Path], files: list[Path]) -> str | None:
            if not files:
                return None
            cols = ", ".join(FILE_COLUMNS)
            return (f"SELECT {cols} FROM (SELECT *, row_number() OVER (PARTITION BY path ORDER BY batch_seq DESC) "
                    f"AS rn FROM read_parquet({_sql_list(files)})) WHERE rn = 1 ORDER BY path")

        table = self._query(build)
        if table is None:
            table = FILE_SCHEMA.empty_table().select(list(FILE_COLUMNS))
        return table.to_pandas()

    def events(self) -> pd.DataFrame:
        """Merged happenings across articles (`loaders.merge.merge_frame` over all mentions).

        Cached as derived/events-<key>.parquet, key = the set of batches (+ the merge
        code), rebuilt atomically when batches change; so a first load is one Parquet read.
        """
        path, table = self._derived_events()
        if table is None:
            with contextlib.suppress(OSError, pa.ArrowInvalid):
                return table_to_frame(pq.read_table(path).cast(EVENT_SCHEMA))
            path, table = self._derived_events(rebuild=True)
        return table_to_frame(table)

    def events_path(self) -> Path:
        """Path of the derived (merged) events Parquet file, built first if missing.

        Why: the dashboard's DuckDB engine reads this file directly, which at a million
        events is seconds faster than going through a pandas frame of Python lists.
        """
        path, table = self._derived_events()
        if table is not None and not path.exists():  # read-only store: nothing cached on disk
            raise OSError(f"{self.derived_dir}: cannot write the derived events file")
        return path

    def _derived_events(self, rebuild: bool = False) -> tuple[Path, pa.Table | None]:
        """(path, table): table is None when the cached file for the current batches exists."""
        from . import merge  # late: the store's write path must not depend on extraction code

        key = self._derived_key(merge.__file__)
        path = self.derived_dir / f"events-{key}.parquet"
        if path.exists() and not rebuild:
            return path, None
        mentions = self.mentions()
        merged = merge.merge_frame(mentions) if len(mentions) else mentions
        table = frame_to_table(merged)
        with contextlib.suppress(OSError):  # a read-only store still answers, just uncached
            tmp = self.tmp_dir / f"derived-{uuid.uuid4().hex}.parquet"
            pq.write_table(table, tmp)
            os.replace(tmp, path)
            for old in self.derived_dir.glob("events-*.parquet"):
                if old != path:
                    old.unlink(missing_ok=True)
        return path, table

    def _derived_key(self, code_file: str | None) -> str:
        code = ""
        if code_file and os.path.exists(code_file):
            code = file_sha1(code_file)
        return stable_hash(code, *self.batch_names())

    def stats(self) -> dict[str, Any]:
        """Counts and extent, cheap enough for a status line."""

        def build(_con: duckdb.DuckDBPyConnection, arts: list[Path], evs: list[Path], files: list[Path]) -> str | None:
            if not arts:
                return None
            ev_part = "0 AS mentions, NULL::DATE AS first_date, NULL::DATE AS last_date, 0 AS months"
            if evs:
                ev_part = (f"count(*) AS mentions, min(e.date_start) AS first_date, max(e.date_end) AS last_date, "
                           f"count(DISTINCT e.month) AS months FROM read_parquet({_sql_list(evs)}, "
                           f"hive_partitioning=true, union_by_name=true) e JOIN ({self._latest_sql(arts)}) l "
                           "ON e.article_id = l.article_id AND e.batch_seq = l.batch_seq")
            files_part = (f"(SELECT count(DISTINCT path) FROM read_parquet({_sql_list(files)}))" if files else "0")
            return (f"SELECT (SELECT count(DISTINCT article_id) FROM read_parquet({_sql_list(arts)})) AS articles, "
                    f"{files_part} AS files, {ev_part}")

        table = self._query(build)
        row = table.to_pylist()[0] if table is not None else {
            "articles": 0, "mentions": 0, "first_date": None, "last_date": None, "months": 0, "files": 0}
        size = sum(p.stat().st_size for p in self.batches_dir.rglob("*.parquet"))
        row.update(batches=len(self.batch_names()), bytes=size, store_dir=str(self.root))
        return row

    # -- maintenance -----------------------------------------------------------------------------
    def compact(self) -> AddResult:
        """Rewrite all batches as one (latest version of each article only), atomically.

        The new batch gets the next sequence number, so until the old batches are gone
        readers see the same rows either way.
        """
        with self.lock():
            names = self.batch_names()
            if len(names) <= 1:
                return AddResult(0, 0, 0, names[0] if names else "")
            _, arts, evs, files = self._snapshot()
            seq = self._next_seq()
            name = f"{seq:08d}-{uuid.uuid4().hex[:12]}"
            tmp = self.tmp_dir / f"{name}.writing"
            tmp.mkdir(parents=True)
            con = duckdb.connect()
            try:
                latest = self._latest_sql(arts)
                acols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
                con.sql(f"COPY (SELECT {acols}, {seq}::BIGINT AS batch_seq FROM read_parquet({_sql_list(arts)}, "
                        f"union_by_name=true) a JOIN ({latest}) l ON a.article_id = l.article_id AND "
                        f"a.batch_seq = l.batch_seq ORDER BY a.article_id) TO '{tmp / 'articles.parquet'}' "
                        "(FORMAT parquet)")
                if files:
                    fcols = ", ".join(FILE_COLUMNS)
                    con.sql(f"COPY (SELECT {fcols}, {seq}::BIGINT AS batch_seq FROM (SELECT *, row_number() OVER "
                            f"(PARTITION BY path ORDER BY batch_seq DESC) AS rn FROM read_parquet("
                            f"{_sql_list(files)})) WHERE rn = 1 ORDER BY path) TO '{tmp / 'files.parquet'}' "
                            "(FORMAT parquet)")
                else:
                    pq.write_table(_files_table([], seq), tmp / "files.parquet")
                n_events = 0
                if evs:
                    ecols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
                    rel = (f"SELECT {ecols}, {seq}::BIGINT AS batch_seq, e.month FROM read_parquet("
                           f"{_sql_list(evs)}, hive_partitioning=true, union_by_name=true) e JOIN ({latest}) l "
                           "ON e.article_id = l.article_id AND e.batch_seq = l.batch_seq "
                           "ORDER BY e.month, e.date_start, e.article_id, e.paragraph_index")
                    n_events = con.execute(f"SELECT count(*) FROM ({rel})").fetchall()[0][0]
                    if n_events:
                        con.sql(f"COPY ({rel}) TO '{tmp / 'events'}' (FORMAT parquet, PARTITION_BY (month), "
                                "FILENAME_PATTERN 'part{i}')")
                n_articles = con.execute(f"SELECT count(*) FROM '{tmp / 'articles.parquet'}'").fetchall()[0][0]
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            finally:
                con.close()
            os.replace(tmp, self.batches_dir / name)
            for old in names:  # rename away first (atomic), then delete at leisure
                trash = self.tmp_dir / f"{old}.trash"
                with contextlib.suppress(FileNotFoundError):
                    os.replace(self.batches_dir / old, trash)
                    shutil.rmtree(trash, ignore_errors=True)
            self._refresh_index()
            return AddResult(n_articles, 0, n_events, name)
