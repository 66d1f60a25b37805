"""Files -> articles -> events -> store, in parallel, streaming, one broken file never stopping the rest.

Why this shape: the main process walks the inputs, skips files the store already
holds unchanged (path/size/mtime, then sha1), and hands *tasks* to workers: a group
of small files (read in the worker, local engine) or a chunk of articles of a big
file (read here). Workers run `loaders.pipeline.process_article`, the same function
under a local process pool, in-process (1 worker) or on a Dask cluster. Results come
back in submission order, so the store gets the same batches whatever the engine.
Only this process writes the store (single writer), in batches of settings.batch_size
articles; the number of tasks in flight is bounded, so memory stays flat however many
files there are.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import datetime as dt
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .file_record import FileRecord
from .models import Article, Event
from .settings import Settings

if TYPE_CHECKING:  # loaders.store loads pandas, pyarrow and DuckDB: only the writing parent needs it
    from .store import EventStore

#: files up to this size are read by the workers (whole files per task); bigger ones are read here
#: and split into article chunks, so one large export still spreads over all workers
BIG_FILE_BYTES = 2 * 1024 * 1024
ARTICLES_PER_TASK = 16
FILES_PER_TASK = 16
BYTES_PER_TASK = 128 * 1024
#: with workers=0 (auto), jobs this small run in-process (~100 articles: less than two workers' start-up)
SMALL_JOB_BYTES = 512 * 1024
#: show a progress bar when there are more files than this
PROGRESS_MIN_FILES = 5

Pair = tuple[Article, list[Event]]


# --- records -----------------------------------------------------------------------------------
@dataclass
class IngestReport:
    files: int = 0
    articles_added: int = 0
    articles_skipped: int = 0
    events_added: int = 0
    errors: list[InputError] = field(default_factory=list)
    files_skipped: int = 0  # unchanged since a previous ingest (not read again)
    articles_read: int = 0
    batches: int = 0
    seconds: float = 0.0
    article_ids: set[str] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        parts = [f"{self.files} file{'s' if self.files != 1 else ''}"]
        if self.files_skipped:
            parts.append(f"{self.files_skipped} unchanged")
        parts += [f"{self.articles_added} article{'s' if self.articles_added != 1 else ''} added",
                  f"{self.articles_skipped} already stored",
                  f"{self.events_added} event{'s' if self.events_added != 1 else ''} added"]
        if self.errors:
            parts.append(f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}")
        rate = f" in {self.seconds:.1f}s" if self.seconds else ""
        return "ingested: " + ", ".join(parts) + rate


@dataclass(frozen=True)
class FileJob:
    """One input file and what is known about it before reading."""

    path: str
    record: FileRecord
    manifest: Any = None
    label: str = ""  # source name the reader gives the file's articles ("samples/gaza.txt")


@dataclass(frozen=True)
class Task:
    """Work for one worker call: whole (small) files to read, or a chunk of one file's articles."""

    files: tuple[FileJob, ...] = ()
    owner: FileJob | None = None
    articles: tuple[Article, ...] = ()
    last: bool = True  # this chunk finishes `owner`
    problems: tuple[tuple[str, str], ...] = ()  # (path, problem) found while reading `owner` here


@dataclass
class Outcome:
    """What became of (part of) one file.

    Problems travel as (path, problem) pairs: InputError itself does not survive pickling
    (its __init__ takes two arguments, Exception pickles one), and outcomes cross processes.
    """

    job: FileJob
    pairs: list[Pair]
    problems: list[tuple[str, str]]
    done: bool  # the file's last part
    skipped: bool = False

    @property
    def errors(self) -> list[InputError]:
        return [InputError(path, problem) for path, problem in self.problems]


def _pairs_of(errors: Iterable[InputError]) -> list[tuple[str, str]]:
    return [(e.path, e.problem) for e in errors]


# --- the worker side -----------------------------------------------------------------------------
def _process_all(articles: Iterable[Article], settings: Settings, manifest: Any,
                 flag: dt.date | None) -> tuple[list[Pair], list[InputError]]:
    from .pipeline import batch_gc, process_article

    pairs: list[Pair] = []
    errors: list[InputError] = []
    with batch_gc():
        for art in articles:
            try:
                pairs.append(process_article(art, settings, manifest=manifest, flag=flag))
            except ModuleNotFoundError:  # the environment lacks a dependency: not this article's fault
                raise
            except Exception as exc:  # one article with a problem must not sink its file or the run
                where = art.source or art.source_path or "article"
                errors.append(InputError(where, f"could not process article {art.title[:60]!r}: "
                                                f"{type(exc).__name__}: {exc}"))
    return pairs, errors


def read_file(path: str, settings: Settings, source_name: str | None = None) -> tuple[list[Article], list[InputError]]:
    """Articles and problems of one file (`loaders.read.read_file`), with a guarantee: never raises."""
    from .read import read_file as read_items

    articles: list[Article] = []
    errors: list[InputError] = []
    try:
        for item in read_items(Path(path), settings, source_name=source_name):
            (errors if isinstance(item, InputError) else articles).append(item)
    except Exception as exc:
        errors.append(InputError(path, f"could not be read ({type(exc).__name__}: {exc})"))
    return articles, errors


def run_task(task: Task, settings: Settings, flag: dt.date | None) -> list[Outcome]:
    """Top-level (picklable) worker entry point: read if needed, then process every article."""
    if task.owner is not None:
        pairs, errors = _process_all(task.articles, settings, task.owner.manifest, flag)
        return [Outcome(task.owner, pairs, list(task.problems) + _pairs_of(errors), done=task.last)]
    outcomes = []
    for job in task.files:
        articles, read_errors = read_file(job.path, settings, job.label or None)
        pairs, errors = _process_all(articles, settings, job.manifest, flag)
        outcomes.append(Outcome(job, pairs, _pairs_of(read_errors + errors), done=True))
    return outcomes


# --- walking the inputs ----------------------------------------------------------------------
def expand_paths(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[tuple[Path, str]], list[InputError]]:
    """(file, source label) for files named and every file under folders named, in sorted order.

    Labels follow loaders.read: the file name for a file given directly, "<folder>/<path
    inside>" under a folder. Hidden names, manifests and READMEs inside folders are
    skipped; missing paths and empty folders become errors.
    """
    from .read import iter_files

    files: list[tuple[Path, str]] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            label = p.name or p.resolve().name or str(p)
            found = list(iter_files(p, errors))
            if not found:
                errors.append(InputError(str(raw), "the folder holds no article files"))
            candidates = [(f, f"{label}/{f.relative_to(p).as_posix()}") for f in found]
        else:
            candidates = [(f, f.name) for f in iter_files(p, errors)]
        for f, name in candidates:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append((f, name))
    return files, errors


class ManifestCache:
    """Manifest.find per folder, cached, plus a fingerprint so a corrected manifest re-ingests."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[Any, str]] = {}

    def for_dir(self, folder: Path) -> tuple[Any, str]:
        folder = folder.resolve()
        if folder not in self._cache:
            from .dating import Manifest

            # False (not None) when the folder has none: tells the dating module not to look again per article
            manifest: Any = Manifest.find(folder) or False
            fingerprint = ""
            mpath = getattr(manifest, "path", None)
            if mpath and Path(mpath).is_file():
                from .store import file_sha1

                fingerprint = "manifest:" + file_sha1(mpath)[:12]
            self._cache[folder] = (manifest, fingerprint)
        return self._cache[folder]


def parse_flag(published: str | dt.date | None, settings: Settings) -> dt.date | None:
    """--published value -> date (raises loaders.errors.DateError with a clear message)."""
    if published is None or published == "":
        return None
    from .dating import parse_published

    if isinstance(published, dt.datetime):
        published = published.date()
    value = published.isoformat() if isinstance(published, dt.date) else str(published)
    return parse_published(value, settings)


def _plan(files: Sequence[tuple[Path, str]], settings: Settings, flag: dt.date | None, store: EventStore | None,
          read_in_workers: bool, skipped: Callable[[FileJob], None]) -> Iterator[Task]:
    """Yield tasks lazily (big files are read here, as the pool drains)."""
    from .store import file_sha1

    manifests = ManifestCache()

    def failed(f: Path, problem: str) -> Task:
        job = FileJob(str(f), FileRecord(str(f.resolve()), 0, 0.0, ""))
        return Task(owner=job, problems=((str(f), problem),))

    flag_text = flag.isoformat() if flag else ""
    group: list[FileJob] = []
    group_bytes = 0
    for f, label in files:
        try:
            st = f.stat()
        except OSError as exc:
            yield failed(f, f"cannot open: {exc.strerror or exc}")
            continue
        if st.st_size > settings.max_file_bytes:
            from .read.decode import too_big_message

            yield failed(f, too_big_message(st.st_size, settings.max_file_bytes))
            continue
        manifest, fingerprint = manifests.for_dir(f.parent)
        key = flag_text + ("|" + fingerprint if fingerprint else "")
        abspath = str(f.resolve())
        job_path = str(f)
        if store is not None and store.known_file(abspath, st.st_size, st.st_mtime, key):
            skipped(FileJob(job_path, FileRecord(abspath, st.st_size, st.st_mtime, "", key)))
            continue
        try:
            sha1 = file_sha1(f)
        except OSError as exc:
            yield failed(f, f"cannot open: {exc.strerror or exc}")
            continue
        record = FileRecord(abspath, st.st_size, st.st_mtime, sha1, key)
        job = FileJob(job_path, record, manifest, label)
        if store is not None and store.known_content(sha1, key):
            skipped(job)  # same bytes ingested under another name / mtime
            continue
        if read_in_workers and st.st_size <= BIG_FILE_BYTES:
            group.append(job)
            group_bytes += st.st_size
            if len(group) >= FILES_PER_TASK or group_bytes >= BYTES_PER_TASK:
                yield Task(files=tuple(group))
                group, group_bytes = [], 0
            continue
        if group:
            yield Task(files=tuple(group))
            group, group_bytes = [], 0
        articles, read_errors = read_file(job_path, settings, label)
        if not articles:
            yield Task(owner=job, problems=tuple(_pairs_of(read_errors)))
        for i in range(0, len(articles), ARTICLES_PER_TASK):
            chunk = tuple(articles[i:i + ARTICLES_PER_TASK])
            yield Task(owner=job, articles=chunk, last=i + ARTICLES_PER_TASK >= len(articles),
                       problems=tuple(_pairs_of(read_errors)) if i == 0 else ())
    if group:
        yield Task(files=tuple(group))


# --- executors -------------------------------------------------------------------------------
class _Inline:
    """Runs tasks right away in this process (1 worker, and the simplest thing to debug)."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as exc:  # surfaced by .result(), like a pool would
            fut.set_exception(exc)
        return fut

    def close(self) -> None:
        pass


#: the module the fork server imports before forking workers: it compiles every rule table once
WARM_MODULE = "loaders._warm_worker"


def _pool_context() -> multiprocessing.context.BaseContext:
    """A fork server that imported and warmed the pipeline, or plain spawn where there is none.

    Why not fork from this process: it holds DuckDB/Arrow thread pools, which fork() does not
    copy safely. Why not spawn: every spawned worker would import pandas and compile the rule
    tables again (~3 s of CPU each). The fork server is a fresh single-threaded process that does
    that once; workers forked from it share the compiled tables and start at once, and it stays
    up for later pools of this process (a second ingest starts its workers without any wait).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([WARM_MODULE])
    _start_fork_server()
    return ctx


def _start_fork_server() -> None:
    """Start the fork server (if not yet running) so that it can import this package.

    Why: Python 3.11's fork server does not take over the parent's sys.path; it finds modules
    through the current directory and PYTHONPATH only, and silently skips a preload module it
    cannot import. A program that found `loaders` through sys.path alone (a script that inserts
    the project folder) would get workers that compile everything again. Only then is the project
    folder put on PYTHONPATH, for the moment the server starts.
    """
    from multiprocessing import forkserver

    root = Path(__file__).resolve().parents[1]
    visible = [os.getcwd(), *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
    if any(p and Path(p).resolve() == root for p in visible):
        forkserver.ensure_running()
        return
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(root) + (os.pathsep + old if old else "")
    try:
        forkserver.ensure_running()
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


class _Pool:
    def __init__(self, workers: int) -> None:
        self._pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future:
        return self._pool.submit(fn, *args)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Tasks on a Dask cluster (loaders.cluster ships the code there and checks every worker)."""

    def __init__(self, scheduler: Any, workers: int) -> None:
        from . import cluster

        self.client, self._cluster, self._own_client = cluster.connect(scheduler, workers)
        try:
            cluster.prepare(self.client)
        except BaseException:
            self.close()
            raise
        self._pack, self._run = cluster.pack, cluster.run_packed

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(self._run, self._pack(fn, *args), pure=False)

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _executor(engine: str, scheduler: Any, workers: int) -> Any:
    if engine == "dask":
        return _Dask(scheduler, workers)
    if engine != "local":
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    return _Inline() if workers <= 1 else _Pool(workers)


def iter_outcomes(paths: Sequence[str | os.PathLike[str]], settings: Settings, flag: dt.date | None = None,
                  engine: str = "local", scheduler: Any = None, store: EventStore | None = None,
                  progress: bool = False) -> Iterator[Outcome | InputError]:
    """Process every file; yield Outcomes in input order and InputErrors as they happen.

    With a `store`, files it already holds unchanged are yielded as skipped Outcomes.
    """
    files, expand_errors = expand_paths(paths)
    yield from expand_errors
    if not files:
        return
    workers = settings.n_workers
    if settings.workers == 0 and engine == "local" and _small_job(files, settings.max_file_bytes):
        workers = 1  # starting processes would cost more than it saves
    pending_side: collections.deque[Outcome | InputError] = collections.deque()

    def skipped(job: FileJob) -> None:
        pending_side.append(Outcome(job, [], [], done=True, skipped=True))

    bar = None
    if progress and len(files) > PROGRESS_MIN_FILES:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, dynamic_ncols=True, desc="ingest")

    def emit(item: Outcome | InputError) -> Outcome | InputError:
        if bar is not None and (isinstance(item, InputError) or item.done):
            bar.update(1)
        return item

    tasks = _plan(files, settings, flag, store, read_in_workers=(engine == "local" and workers > 1),
                  skipped=skipped)
    executor = _executor(engine, scheduler, workers)
    max_in_flight = max(2, 3 * workers)
    in_flight: collections.deque[Any] = collections.deque()
    try:
        for task in tasks:
            in_flight.append(executor.submit(run_task, task, settings, flag))
            while pending_side:
                yield emit(pending_side.popleft())
            while len(in_flight) >= max_in_flight:
                for outcome in in_flight.popleft().result():
                    yield emit(outcome)
        while pending_side:
            yield emit(pending_side.popleft())
        while in_flight:
            for outcome in in_flight.popleft().result():
                yield emit(outcome)
    finally:
        for fut in in_flight:
            fut.cancel()
        executor.close()
        if bar is not None:
            bar.close()


def _small_job(files: Sequence[tuple[Path, str]], max_file_bytes: int) -> bool:
    """Little enough text that starting worker processes (each loads the rule tables) costs more."""
    total = 0
    for f, _ in files:
        try:
            size = f.stat().st_size
        except OSError:
            continue
        if size <= max_file_bytes:  # bigger files are refused unread
            total += size
    return total <= SMALL_JOB_BYTES


# --- the public entry point -----------------------------------------------------------------
def ingest(paths: Sequence[str | os.PathLike[str]], settings: Settings, published: str | dt.date | None = None,
           engine: str = "local", scheduler: Any = None, progress: bool = True, *,
           store: EventStore | None = None, force: bool = False) -> IngestReport:
    """Read, date, extract, merge and store every article under `paths`.

    `published` (YYYY-MM-DD or a date) overrides every article's own publication
    date; a bad value raises loaders.errors.DateError before anything is read.
    `force` re-reads files the store already holds unchanged.
    """
    started = time.perf_counter()
    flag = parse_flag(published, settings)
    from .pipeline import batch_gc
    from .store import EventStore

    store = store or EventStore(settings.store_dir)
    report = IngestReport()
    buffer: list[Pair] = []
    done_files: list[FileRecord] = []
    file_articles: dict[str, int] = {}
    file_failed: set[str] = set()

    def flush() -> None:
        if not buffer and not done_files:
            return
        with batch_gc():  # a batch's Arrow conversion allocates as much as processing does
            result = store.add([a for a, _ in buffer], [e for _, evs in buffer for e in evs], done_files)
        report.articles_added += result.added
        report.articles_skipped += result.skipped
        report.events_added += result.events_added
        report.batches += 1 if result.batch else 0
        buffer.clear()
        done_files.clear()

    for item in iter_outcomes(paths, settings, flag, engine, scheduler, None if force else store, progress):
        if isinstance(item, InputError):  # a path that does not exist, an empty folder
            report.errors.append(item)
            report.files += 1
            continue
        path = item.job.record.path
        if item.skipped:
            report.files += 1
            report.files_skipped += 1
            if item.job.record.sha1:  # same bytes under a new name/mtime: remember it, cheap next time
                done_files.append(item.job.record)
            continue
        report.errors.extend(item.errors)
        if item.errors:
            file_failed.add(path)
        buffer.extend(item.pairs)
        report.articles_read += len(item.pairs)
        report.article_ids.update(a.article_id for a, _ in item.pairs)
        file_articles[path] = file_articles.get(path, 0) + len(item.pairs)
        if item.done:
            report.files += 1
            # recorded only when complete and clean, so a file with a problem is read again next time
            if path not in file_failed and item.job.record.sha1:
                done_files.append(replace(item.job.record, n_articles=file_articles.get(path, 0)))
            file_articles.pop(path, None)
            file_failed.discard(path)
        if len(buffer) >= settings.batch_size:
            flush()
    flush()
    report.seconds = time.perf_counter() - started
    return report
