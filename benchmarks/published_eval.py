"""How well are publication dates estimated when no metadata gives them?

Every article below has a known publication date. The benchmark hides it (and the reader's
metadata, and any dateline that states the full date), estimates the date from the text alone
(`loaders.dating.estimate_published`), and prints, per set:

* the share of true dates inside the 90 % interval, the share of points within 3 days of the
  truth, exact points, the median interval width, and how many articles got no date at all;
* a calibration table: articles grouped by the confidence the estimate states, with the share
  of them whose point really is within 3 days (a confidence of 0.8 should hold 8 times in 10);
* the naive peer measured in the same run on the same text: the latest date dateparser's
  `search_dates` finds (languages=["en"], past dates preferred), within 3 days of the truth.

Sets: `dev` = the bundled samples (data/samples + tests/gold/published_gold.csv), the two shared
seed articles (../shared/seeds) and our own development articles (benchmarks/dating_dev/, written
for this purpose); `realtext` = ../shared/realtext/documents.jsonl, the held-out check (never used
to fit anything).

The anchor table must not know the happenings of the articles it is scored on: for each article
the estimator runs with a copy of rules/anchor_events.csv without every event that starts or ends
in the 30 days before the article's publication or within a day of a happening its gold labels
list (tests/gold/events_gold.csv, ../shared/realtext/gold.jsonl). The figures depend on
rules/anchor_events.csv (so filtered), rules/offices.csv (terms of office, no happenings),
rules/dating_cues.txt and rules/dating_model.yaml (whose `calibration` is fitted on `dev` only).

Run: python benchmarks/published_eval.py [--set dev|realtext|all] [--verbose] [--calibrate] [--keep-own-news]
  --calibrate      fit the confidence calibration on the dev set and write it to rules/dating_model.yaml
  --keep-own-news  score with the whole anchor table (the articles' own events known): for comparison only
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.dating import estimate_published, knowledge  # noqa: E402
from loaders.dating import parsing as parsing_mod  # noqa: E402
from loaders.dating.estimate import Estimate  # noqa: E402
from loaders.dating.signals import text_dateline  # noqa: E402
from loaders.models import Article  # noqa: E402
from loaders.read import read_path  # noqa: E402
from loaders.settings import SAMPLES_DIR, Settings  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds"
REALTEXT = SHARED / "realtext"
DEV_FILE = ROOT / "benchmarks" / "dating_dev" / "articles.jsonl"
PUBLISHED_GOLD = ROOT / "tests" / "gold" / "published_gold.csv"
EVENTS_GOLD = ROOT / "tests" / "gold" / "events_gold.csv"
MODEL_FILE = knowledge.MODEL_FILE
#: an anchor that starts or ends this many days before publication is treated as the article's own news
OWN_NEWS_DAYS = 30
BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
#: the fixed "today" of the run, so intervals that reach today are the same on every day it is run
TODAY = dt.date(2026, 12, 3)


@dataclass
class Case:
    name: str
    group: str  # samples / seeds / dev / realtext
    article: Article
    truth: dt.date
    happenings: list[tuple[dt.date, dt.date]] = field(default_factory=list)


@dataclass
class Row:
    case: Case
    est: Estimate
    peer: dt.date | None

    @property
    def error(self) -> int | None:
        return abs((self.est.point - self.case.truth).days) if self.est.point else None

    @property
    def inside(self) -> bool:
        e = self.est
        return bool(e.start and e.end and e.start <= self.case.truth <= e.end)

    @property
    def hit(self) -> bool:
        return self.error is not None and self.error <= 3

    @property
    def width(self) -> int | None:
        e = self.est
        return (e.end - e.start).days + 1 if e.start and e.end else None


# --- loading ---------------------------------------------------------------------------------------
def hide_dates(article: Article) -> Article:
    """The article as if nothing but its text were known: no metadata, no dateline with a full date
    (a year-less dateline stays: it is text, and the estimate reads it)."""
    paragraphs = list(article.paragraphs)
    line = text_dateline(paragraphs)
    if line is not None and re.search(r"\d{4}", line[1]):
        paragraphs[0] = paragraphs[0][len(line[0]):].lstrip(" -–—")
    return replace(article, paragraphs=tuple(paragraphs), published=None, published_basis="", meta={})


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


def _gold_events_by_article() -> dict[tuple[str, int], list[tuple[dt.date, dt.date]]]:
    out: dict[tuple[str, int], list[tuple[dt.date, dt.date]]] = {}
    if not EVENTS_GOLD.is_file():
        return out
    with EVENTS_GOLD.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            try:
                span = (_day(row["date_start"]), _day(row["date_end"] or row["date_start"]))
            except ValueError:
                continue
            out.setdefault((Path(row["file"]).name, int(row["index"])), []).append(span)
    return out


def load_dev(settings: Settings) -> list[Case]:
    cases = []
    truth: dict[tuple[str, int], dt.date] = {}
    with PUBLISHED_GOLD.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            truth[(Path(row["file"]).name, int(row["index"]))] = _day(row["published"])
    events = _gold_events_by_article()
    for folder, group in ((SAMPLES_DIR, "samples"), (SEEDS_DIR, "seeds")):
        if not folder.is_dir():
            continue
        for a in read_path(folder, settings).articles:
            key = (Path(a.source_path).name, a.position)
            if key in truth:
                cases.append(Case(f"{group}/{key[0]}#{key[1]}", group, hide_dates(a), truth[key], events.get(key, [])))
    cases += _jsonl_cases(DEV_FILE, "dev", settings, {})
    return cases


def load_realtext(settings: Settings) -> list[Case]:
    happenings: dict[str, list[tuple[dt.date, dt.date]]] = {}
    gold = REALTEXT / "gold.jsonl"
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                try:
                    happenings.setdefault(g["doc"], []).append((_day(g["date_start"]), _day(g["date_end"] or g["date_start"])))
                except (KeyError, ValueError):
                    continue
    return _jsonl_cases(REALTEXT / "documents.jsonl", "realtext", settings, happenings)


def _jsonl_cases(path: Path, group: str, settings: Settings,
                 happenings: dict[str, list[tuple[dt.date, dt.date]]]) -> list[Case]:
    """Documents of a JSONL file read by the project's own reader, with their dates left out."""
    if not path.is_file():
        return []
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        hidden = Path(tmp) / f"{group}.jsonl"
        with hidden.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"title": d["title"], "text": d["text"], "url": d.get("url", "")}) + "\n")
        articles = read_path(hidden, settings).articles
    cases = []
    for d, a in zip(docs, articles, strict=True):
        cases.append(Case(f"{group}/{d['id']}", group, hide_dates(a), _day(d["published"]),
                          happenings.get(d["id"], [])))
    return cases


# --- the anchor table without each article's own news ----------------------------------------------------
def own_news(case: Case) -> frozenset[str]:
    """Anchors that are the article's own news: an event starting or ending in the 30 days before
    publication, or within a day of a happening its gold labels list."""
    out = set()
    lo = case.truth - dt.timedelta(days=OWN_NEWS_DAYS)
    one = dt.timedelta(days=1)
    for a in knowledge.anchors(knowledge.ANCHORS_FILE):
        days = [a.start] + ([a.end] if a.end else [])
        if any(lo <= d <= case.truth for d in days) or any(
                s - one <= d <= e + one for d in days for s, e in case.happenings):
            out.add(a.id)
    return frozenset(out)


_TABLES: dict[frozenset[str], Path] = {}
_TMP = tempfile.TemporaryDirectory()


def table_without(ids: frozenset[str]) -> Path:
    """A copy of rules/anchor_events.csv without the rows of `ids` (header comments kept)."""
    if ids not in _TABLES:
        lines = knowledge.ANCHORS_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if ln.startswith("#") or ln.split(",", 1)[0].strip() not in ids]
        path = Path(_TMP.name) / f"anchors_{len(_TABLES)}.csv"
        path.write_text("".join(kept), encoding="utf-8")
        _TABLES[ids] = path
    return _TABLES[ids]


#: set by --keep-own-news: score with the whole anchor table (what a user with known events gets)
KEEP_OWN_NEWS = [False]


def estimate(case: Case, settings: Settings) -> Estimate:
    removed = frozenset() if KEEP_OWN_NEWS[0] else own_news(case)
    with knowledge.use_anchor_table(table_without(removed)):
        return estimate_published(case.article, settings)


def dateparser_latest(article: Article) -> dt.date | None:
    """Peer: the latest date dateparser finds in the body, not after today."""
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(article.body, languages=["en"], settings={"PREFER_DATES_FROM": "past"}) or []
    days = [d.date() for text, d in found if re.search(r"\d", text) and d.date() <= TODAY]
    return max(days) if days else None


# --- figures ---------------------------------------------------------------------------------------------
def pct(a: int, b: int) -> str:
    return f"{a}/{b} = {100 * a / b:5.1f} %" if b else f"{a}/{b}"


def summary(label: str, rows: list[Row]) -> list[str]:
    n = len(rows)
    widths = [r.width for r in rows if r.width is not None]
    peer_hits = sum(1 for r in rows if r.peer is not None and abs((r.peer - r.case.truth).days) <= 3)
    out = [f"{label}: {n} articles, dates hidden",
           f"  truth inside the 90 % interval   {pct(sum(r.inside for r in rows), n)}",
           f"  point within 3 days               {pct(sum(r.hit for r in rows), n)}",
           f"  point exact                       {pct(sum(r.error == 0 for r in rows), n)}",
           f"  median interval width (days)      {statistics.median(widths) if widths else 'n/a'}",
           f"  no date (unknown)                 {pct(sum(r.est.point is None for r in rows), n)}",
           f"  peer (latest search_dates date) within 3 days  {pct(peer_hits, n)}"]
    return out


def calibration_lines(rows: list[Row]) -> list[str]:
    out = ["  stated confidence   articles   mean stated   point within 3 days   gap"]
    for lo, hi in BANDS:
        sel = [r for r in rows if lo <= r.est.confidence < hi]
        if not sel:
            out.append(f"  {lo:.1f}–{min(hi, 1.0):.1f}            {0:>5}")
            continue
        stated = statistics.mean(r.est.confidence for r in sel)
        rate = sum(r.hit for r in sel) / len(sel)
        flag = "" if len(sel) < 5 or abs(stated - rate) <= 0.1 else "   (off by more than 0.1)"
        out.append(f"  {lo:.1f}–{min(hi, 1.0):.1f}            {len(sel):>5}        {stated:5.2f}        "
                   f"{rate:5.2f}            {stated - rate:+.2f}{flag}")
    return out


#: model-probability bins the calibration is fitted on (few, so each holds several articles)
FIT_BINS = (0.0, 0.03, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 0.95, 1.0001)


def fit_calibration(rows: Iterable[Row], prior: float = 1.0) -> list[tuple[float, float]]:
    """Monotone map from the model's probability (point within 3 days) to the observed hit rate.

    Articles are grouped in FIT_BINS of model probability; each bin's hit rate is shrunk toward
    its mean probability by `prior` pseudo-articles (a bin of three must not swing the map),
    then pooled with its neighbours where it would fall below them (pool adjacent violators).
    Knots: (mean probability, fitted rate) per bin, plus (0, 0) and (1, the last rate)."""
    pts = [(r.est.model_probability, 1.0 if r.hit else 0.0) for r in rows if r.est.point is not None]
    bins = []
    for lo, hi in zip(FIT_BINS, FIT_BINS[1:], strict=False):
        sel = [(x, y) for x, y in pts if lo <= x < hi]
        if sel:
            mx = sum(x for x, _ in sel) / len(sel)
            bins.append([mx, (sum(y for _, y in sel) + prior * mx) / (len(sel) + prior), float(len(sel))])
    pooled: list[list[float]] = []
    for b in bins:
        pooled.append(list(b))
        while len(pooled) > 1 and pooled[-2][1] > pooled[-1][1]:
            x2, y2, n2 = pooled.pop()
            x1, y1, n1 = pooled[-1]
            pooled[-1] = [(x1 * n1 + x2 * n2) / (n1 + n2), (y1 * n1 + y2 * n2) / (n1 + n2), n1 + n2]
    knots = [(0.0, 0.0)] + [(round(x, 3), round(y, 3)) for x, y, _ in pooled if 0 < x < 1]
    knots.append((1.0, max(y for _, y in knots)))
    return knots


def write_calibration(knots: list[tuple[float, float]]) -> None:
    text = MODEL_FILE.read_text(encoding="utf-8")
    line = "calibration: [" + ", ".join(f"[{x:g}, {y:g}]" for x, y in knots) + "]"
    new, n = re.subn(r"(?m)^calibration:.*$", line, text)
    if n != 1:
        raise SystemExit(f"{MODEL_FILE}: no single 'calibration:' line to replace")
    MODEL_FILE.write_text(new, encoding="utf-8")
    knowledge.model.cache_clear()


def run(cases: list[Case], settings: Settings) -> list[Row]:
    return [Row(c, estimate(c, settings), dateparser_latest(c.article)) for c in cases]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("dev", "realtext", "all"), default="all")
    ap.add_argument("--verbose", action="store_true", help="print every article's estimate and evidence")
    ap.add_argument("--calibrate", action="store_true", help="fit the calibration on dev and save it")
    ap.add_argument("--keep-own-news", action="store_true",
                    help="keep every anchor event, the articles' own news included (not a fair score: for comparison)")
    args = ap.parse_args(argv)
    KEEP_OWN_NEWS[0] = args.keep_own_news
    if args.keep_own_news and args.calibrate:
        ap.error("--calibrate fits on the fair run only")
    parsing_mod.today = lambda: TODAY  # the same "today" on every run
    settings = Settings()
    sets = []
    if args.set in ("dev", "all") or args.calibrate:
        sets.append(("dev (samples + seeds + benchmarks/dating_dev)", load_dev(settings)))
    if args.set in ("realtext", "all"):
        sets.append(("realtext (held out)", load_realtext(settings)))
    if args.calibrate:
        dev_rows = run(sets[0][1], settings)
        knots = fit_calibration(dev_rows)
        write_calibration(knots)
        print("calibration fitted on dev and written to rules/dating_model.yaml:", knots, "\n")
    for label, cases in sets:
        t0 = time.perf_counter()
        rows = run(cases, settings)
        took = time.perf_counter() - t0
        if args.verbose:
            for r in rows:
                e = r.est
                print(f"{r.case.name:<52} true {r.case.truth}  est {e.point}  [{e.start}…{e.end}]  err {r.error}  "
                      f"conf {e.confidence:.2f}  inside={r.inside}  peer {r.peer}")
                print(f"    {e.evidence}\n")
        print("\n".join(summary(label, rows)))
        groups = sorted({r.case.group for r in rows})
        if len(groups) > 1:
            for g in groups:
                sel = [r for r in rows if r.case.group == g]
                print(f"    {g:<10} inside {pct(sum(r.inside for r in sel), len(sel))}   "
                      f"within 3 days {pct(sum(r.hit for r in sel), len(sel))}")
        print("  calibration (confidence = stated chance that the point is within 3 days):")
        print("\n".join(calibration_lines(rows)))
        t1 = time.perf_counter()
        for c in cases:  # warm second pass: tables loaded, as in a long ingest
            estimate_published(c.article, settings)
        warm = (time.perf_counter() - t1) / max(1, len(cases))
        print(f"  time: {took:.1f} s for the run with the peer; ours warm {1000 * warm:.2f} ms per article\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
