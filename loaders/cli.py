"""Command line: `python -m loaders ingest | events | dates | stats | compact`.

Why argparse and one function per command: each command is a thin shell over
library calls (loaders.ingest, loaders.store, loaders.dating), so everything it does
is also reachable from Python and tested there. Bad input never produces a traceback:
each problem is one line "error: <file>: <problem>" on stderr, and the exit code is 2
when any input failed (the good files are still processed).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .errors import ClusterError, DateError, InputError
from .settings import Settings

EXIT_OK = 0
EXIT_INPUT = 2
OUT_SUFFIXES = (".parquet", ".csv", ".jsonl", ".json")


# --- serializing event frames ---------------------------------------------------------------
def _plain(value: Any) -> Any:
    """pandas/numpy/date values -> JSON-ready Python values."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist") and not isinstance(value, str):
        seq = value.tolist() if hasattr(value, "tolist") else value
        return [_plain(v) for v in seq] if isinstance(seq, list) else _plain(seq)
    if value is pd.NaT:
        return None
    return value


def event_records(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows of an event frame as JSON-ready dicts with EVENT_COLUMNS keys, in schema order."""
    from .models import EVENT_COLUMNS

    cols = [c for c in EVENT_COLUMNS if c in df.columns]
    for row in df[cols].itertuples(index=False, name=None):
        yield {c: _plain(v) for c, v in zip(cols, row, strict=True)}


def write_jsonl(df: pd.DataFrame, out: TextIO) -> None:
    for rec in event_records(df):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Flat columns for CSV: actors joined by '; ', sources as a JSON array, dates ISO."""
    rows = []
    for rec in event_records(df):
        rec["actors"] = "; ".join(rec.get("actors") or [])
        rec["sources"] = json.dumps(rec.get("sources") or [], ensure_ascii=False)
        rows.append(rec)
    from .models import EVENT_COLUMNS

    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def write_events_file(df: pd.DataFrame, path: Path) -> None:
    """Write an event frame as .parquet, .csv or .jsonl/.json (JSON lines)."""
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        from .store import frame_to_table

        pq.write_table(frame_to_table(df), path)
    elif suffix == ".csv":
        csv_frame(df).to_csv(path, index=False)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            write_jsonl(df, fh)


# --- helpers ------------------------------------------------------------------------------------
def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _report_errors(errors: Sequence[InputError]) -> None:
    for e in errors:
        _err(str(e))


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "store", None):
        overrides["store_dir"] = Path(args.store)
    if getattr(args, "workers", None) is not None:
        overrides["workers"] = args.workers
    if getattr(args, "batch_size", None):
        overrides["batch_size"] = args.batch_size
    return Settings.from_env(**overrides)


def _flag(args: argparse.Namespace, settings: Settings) -> dt.date | None:
    """The --published date, or None; raises DateError with the reason."""
    from .ingest import parse_flag

    return parse_flag(getattr(args, "published", None), settings)


def _merged(frame: pd.DataFrame) -> pd.DataFrame:
    if not len(frame):
        return frame
    from .merge import merge_frame

    return merge_frame(frame)


# --- commands ---------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest
    from .store import EventStore

    settings = _settings(args)
    flag = _flag(args, settings)
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in OUT_SUFFIXES:
        _err(f"--out: {out}: unsupported format {out.suffix or '(none)'!r} (use {', '.join(OUT_SUFFIXES)})")
        return EXIT_INPUT
    store = EventStore(settings.store_dir)
    engine = "dask" if args.scheduler else args.engine  # a scheduler address means the Dask engine
    report = ingest(args.paths, settings, published=flag, engine=engine, scheduler=args.scheduler,
                    progress=not args.no_progress, store=store, force=args.force or out is not None)
    _report_errors(report.errors)
    if out is not None:
        write_events_file(_merged(store.mentions(report.article_ids)), out)
    print(report.summary() + f" -> {settings.store_dir}" + (f"; events written to {out}" if out else ""),
          file=sys.stderr)
    return EXIT_INPUT if report.errors else EXIT_OK


def cmd_events(args: argparse.Namespace) -> int:
    from .ingest import Outcome, iter_outcomes
    from .store import events_to_frame

    settings = _settings(args)
    flag = _flag(args, settings)
    events = []
    errors: list[InputError] = []
    for item in iter_outcomes(args.paths, settings, flag, engine="local", progress=not args.no_progress):
        if isinstance(item, Outcome):
            errors.extend(item.errors)
            events.extend(ev for _, evs in item.pairs for ev in evs)
        else:
            errors.append(item)
    _report_errors(errors)
    merged = _merged(events_to_frame(events))
    if args.format == "csv":
        csv_frame(merged).to_csv(sys.stdout, index=False)
    else:
        write_jsonl(merged, sys.stdout)
    return EXIT_INPUT if errors else EXIT_OK


def cmd_dates(args: argparse.Namespace) -> int:
    from .dating import date_report, format_report_text, resolve_published
    from .ingest import ManifestCache, expand_paths, read_file

    settings = _settings(args)
    flag = _flag(args, settings)
    files, errors = expand_paths(args.paths)
    manifests = ManifestCache()
    dated = []
    for f, label in files:
        articles, read_errors = read_file(str(f), settings, label)
        errors.extend(read_errors)
        manifest, _ = manifests.for_dir(f.parent)
        for art in articles:
            try:
                dated.append(resolve_published(art, settings, manifest=manifest, flag=flag))
            except Exception as exc:  # report and go on with the other articles
                errors.append(InputError(art.source or str(f), f"could not date article: {exc}"))
    _report_errors(errors)
    rows = date_report(dated)
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    else:
        text = format_report_text(rows)
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    return EXIT_INPUT if errors else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .store import EventStore

    settings = _settings(args)
    stats = EventStore(settings.store_dir).stats()
    print(json.dumps({k: _plain(v) for k, v in stats.items()}, indent=2))
    return EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    from .store import EventStore

    settings = _settings(args)
    store = EventStore(settings.store_dir)
    before = len(store.batch_names())
    result = store.compact()
    print(f"compacted {before} batches into 1: {result.added} articles, {result.events_added} events",
          file=sys.stderr)
    return EXIT_OK


# --- parser -----------------------------------------------------------------------------------
def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (all cores) or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflict-timeline" if Path(sys.argv[0]).name == "conflict-timeline" else "python -m loaders",
        description="Conflict Timeline: turn news articles into dated conflict events.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser, paths: bool = True) -> None:
        if paths:
            p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (.txt .html .jsonl .json .csv)")
            p.add_argument("--published", metavar="YYYY-MM-DD",
                           help="publication date for every article (default: each article's own date: "
                                "field, manifest, metadata, or an estimate)")
            p.add_argument("--workers", type=_positive_int, metavar="N",
                           help="worker processes (default: all cores; 1 = in this process)")
            p.add_argument("--no-progress", action="store_true", help="no progress bar")

    p = sub.add_parser("ingest", help="add articles to the event store")
    common(p)
    p.add_argument("--store", metavar="DIR", help="event store folder (default: data/store or $CONFLICT_TIMELINE_STORE)")
    p.add_argument("--out", metavar="FILE", help="also write the ingested events to FILE (.parquet, .csv, .jsonl)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes or a Dask cluster")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="Dask scheduler to run on (implies --engine dask; without it, "
                   "--engine dask starts a local cluster)")
    p.add_argument("--batch-size", type=_positive_int, metavar="N", help="articles per atomic store batch")
    p.add_argument("--force", action="store_true", help="re-read files the store already holds unchanged")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", help="print the events of articles (does not touch the store)")
    common(p)
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("dates", help="print each article's publication date and how it was found")
    common(p)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.set_defaults(func=cmd_dates)

    p = sub.add_parser("stats", help="counts and date range of the event store")
    p.add_argument("--store", metavar="DIR")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("compact", help="merge the store's batches into one")
    p.add_argument("--store", metavar="DIR")
    p.set_defaults(func=cmd_compact)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DateError as exc:
        _err(f"--published: {exc}")
        return EXIT_INPUT
    except InputError as exc:
        _err(str(exc))
        return EXIT_INPUT
    except ClusterError as exc:  # the Dask cluster cannot run the ingest: scheduler, worker and what to do
        _err(str(exc))
        return EXIT_INPUT
    except ModuleNotFoundError as exc:  # this machine lacks a dependency
        _err(f"missing Python module {exc.name or str(exc)!r} (install the requirements: "
             "pip install -r requirements.txt)")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:  # `... | head` closed the pipe: not an error worth a traceback
        return EXIT_OK
    except OSError as exc:  # e.g. a store folder that cannot be created or written
        _err(f"{exc.filename or 'store'}: {exc.strerror or exc}")
        return EXIT_INPUT
