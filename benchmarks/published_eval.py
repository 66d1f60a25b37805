"""How well are publication dates estimated when no metadata gives them?

Hides the known dates of the bundled sample corpus (data/samples + manifest.csv; reader
metadata and text datelines removed too) and of the two real seed articles in
../shared/seeds (their true dates are known), estimates each from its text, and prints
the median absolute error in days, the share within 3 days and the share of true dates
inside the reported interval: overall and on the articles that mention at least one
explicit calendar day in their body. The peer, measured in the same run on the same
articles: the common shortcut of taking the latest date dateparser's search_dates finds
in the body (languages=["en"], past dates preferred).

Run: python benchmarks/published_eval.py [--verbose]
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import sys
import time
import warnings
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.dating import Manifest, estimate_published, resolve_published  # noqa: E402
from loaders.dating.signals import FULL_DAY, YEARLESS_DAY, text_dateline  # noqa: E402
from loaders.read import read_path  # noqa: E402
from loaders.settings import SAMPLES_DIR, Settings  # noqa: E402
from loaders.timex import tag  # noqa: E402

SEEDS_DIR = ROOT.parent / "shared" / "seeds"
#: the seed articles' true dates (file name, 1-based index) -> date, as stated in the issue
SEED_TRUTH = {("000_52590ab1543bb3cd.txt", 1): dt.date(2025, 3, 23), ("000_52590ab1543bb3cd.txt", 2): dt.date(2025, 6, 29)}


def hide_dates(article):
    """The article as if nothing but its text were known: no metadata, no dateline."""
    paragraphs = list(article.paragraphs)
    line = text_dateline(paragraphs)
    if line is not None:
        paragraphs[0] = paragraphs[0][len(line[0]):].lstrip(" -–—")
    return replace(article, paragraphs=tuple(paragraphs), published=None, published_basis="", meta={})


def mentions_explicit_day(article) -> bool:
    """At least one calendar day (with or without year) in the body."""
    return any(FULL_DAY.match(t.value) or YEARLESS_DAY.match(t.value) for t in tag(article.body, None))


def load_cases(settings: Settings):
    cases = []
    manifest = Manifest.find(SAMPLES_DIR)
    for a in read_path(SAMPLES_DIR, settings).articles:
        truth = manifest.lookup(a) if manifest else None
        if truth is not None:
            cases.append((a, truth))
    if SEEDS_DIR.is_dir():
        for a in read_path(SEEDS_DIR, settings).articles:
            truth = SEED_TRUTH.get((Path(a.source_path).name, a.position))
            if truth is not None:
                cases.append((a, truth))
    return cases


_DP = None


def dateparser_latest(article, settings: Settings) -> dt.date | None:
    """Peer: the latest date dateparser finds in the body, not after today."""
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(article.body, languages=["en"], settings={"PREFER_DATES_FROM": "past"}) or []
    days = [d.date() for text, d in found if re.search(r"\d", text) and d.date() <= dt.date.today()]
    return max(days) if days else None


def summarize(name: str, errors: list[int | None], covered: list[bool] | None = None) -> str:
    known = [e for e in errors if e is not None]
    n = len(errors)
    if not n:
        return f"{name:<44} n=0"
    median = f"{statistics.median(known):7.1f}" if known else "    n/a"
    within = sum(1 for e in known if e <= 3) / n
    line = f"{name:<44} n={n:<3} median |error| {median} d   within 3 days {within:6.1%}"
    line += f"   no answer {n - len(known)}"
    if covered is not None:
        line += f"   truth in interval {sum(covered) / n:6.1%}"
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="print every article's estimate and evidence")
    args = ap.parse_args(argv)
    settings = Settings()
    cases = load_cases(settings)
    rows = []
    for article, truth in cases:
        hidden = hide_dates(article)
        est = estimate_published(hidden, settings)
        peer = dateparser_latest(hidden, settings)
        err = abs((est.point - truth).days) if est.point else None
        peer_err = abs((peer - truth).days) if peer else None
        inside = bool(est.start and est.end and est.start <= truth <= est.end)
        rows.append((article, truth, est, err, peer, peer_err, inside, mentions_explicit_day(hidden)))
    print(f"publication-date estimate, metadata hidden: {len(rows)} articles "
          f"({sum(1 for r in rows if r[0].source.startswith('seeds'))} seed, rest data/samples)\n")
    if args.verbose:
        for a, truth, est, err, peer, peer_err, inside, explicit in rows:
            print(f"{a.source:<34} true {truth}  est {est.point}  [{est.start}…{est.end}]  err {err}  "
                  f"conf {est.confidence:.2f}  in={inside}  explicit={explicit}  dateparser {peer} err {peer_err}")
            print(f"    {est.evidence}\n")
    for label, keep in (("all articles", lambda r: True), ("articles with an explicit day in the body", lambda r: r[7]),
                        ("articles without one", lambda r: not r[7])):
        sel = [r for r in rows if keep(r)]
        print(summarize(f"ours       — {label}", [r[3] for r in sel], [r[6] for r in sel]))
        print(summarize(f"dateparser — {label}", [r[5] for r in sel]))
    chain = [resolve_published(replace(a, published=None, published_basis=""), settings, manifest=False)
             for a, _ in cases]
    chain_errors = [abs((c.published - t).days) if c.published else None for c, (_, t) in zip(chain, cases, strict=True)]
    bases = sorted({c.published_basis for c in chain})
    print(summarize("full chain, only the manifest hidden", chain_errors,
                    [bool(c.published_start and c.published_start <= t <= c.published_end)
                     for c, (_, t) in zip(chain, cases, strict=True)])
          + f"   (bases: {', '.join(bases)})")
    seeds = [r for r in rows if r[0].source.startswith("seeds")]
    for a, truth, est, err, *_ in seeds:
        print(f"\nseed {a.source}: true {truth}, estimate {est.point} in {est.start}…{est.end} "
              f"(error {err} d, confidence {est.confidence:.2f})")
    hidden = [hide_dates(a) for a, _ in cases]
    t0 = time.perf_counter()
    for a in hidden:  # second pass: tables and patterns already loaded, as in a long ingest
        estimate_published(a, settings)
    t1 = time.perf_counter()
    for a in hidden:
        dateparser_latest(a, settings)
    t2 = time.perf_counter()
    n = max(1, len(hidden))
    print(f"\ntime per article (warm): ours {1000 * (t1 - t0) / n:.2f} ms (tagging body and captions included), "
          f"dateparser search_dates {1000 * (t2 - t1) / n:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
