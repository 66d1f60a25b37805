"""The publication-date chain: user flag -> manifest -> metadata -> text -> file name -> estimate.

Why a chain with recorded basis: relative dates are only as good as the date they are
resolved against, so the user must see where each article's date came from (and how sure
it is) and be able to correct it. The first source that gives a plausible date wins; an
implausible one (future, before min_year) is skipped with a note and the next one is tried.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace

from loaders.errors import DateError
from loaders.models import Article, Timex
from loaders.settings import Settings

from . import knowledge, parsing, signals, world
from .estimate import NO_CLUES, Estimate, combine
from .manifest import Manifest, manifest_near
from .parsing import check_plausible, parse_meta_date, parse_published

#: where a reader may already have set `published` itself (kept at its rank in the chain)
READER_BASES = ("field", "html-meta", "dateline", "filename")


def _tag(text: str) -> list[Timex]:
    """The temporal tagger's output without a reference date (underspecified values kept)."""
    if not text.strip():
        return []
    from loaders.timex import tag

    return list(tag(text, None, "news"))


def _meta_values(article: Article, basis: str) -> list[str]:
    return [v for k, v in sorted(article.meta.items()) if (k == basis or k.startswith(basis + ":")) and v]


def _strip_label(text: str) -> str:
    """'Published: 14 June 2025, 09:10 GMT' -> '14 June 2025, 09:10 GMT'."""
    m = knowledge.cues()["published"].match(text)
    return text[m.end():] if m else text


def _tagged_day(text: str) -> dt.date | None:
    """The first explicit full date the temporal tagger finds in a short metadata string."""
    for t in _tag(text):
        m = signals.FULL_DAY.match(t.value) if t.basis == "explicit" else None
        if m is not None:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _meta_day(text: str) -> dt.date | None:
    """A metadata date: ISO/RFC forms first, then the tagger, then dateparser (slowest)."""
    day = parse_meta_date(text, fallback=False) or _tagged_day(_strip_label(text)) or parse_meta_date(text)
    if day is None:
        cleaned = _strip_label(text).strip()
        day = parse_meta_date(cleaned) or parse_meta_date(cleaned.split(",  ")[0])
        if day is None and "," in cleaned:  # '14 June 2025, 09:10 GMT', 'Sep 28, 2024, 6:41 PM'
            parts = [p.strip() for p in cleaned.split(",")]
            for k in range(len(parts), 0, -1):
                day = parse_meta_date(", ".join(parts[:k]))
                if day is not None:
                    break
    return day


def filename_date(path: str) -> dt.date | None:
    """A date written in a file name ('2025-03-23_houthis.txt'), patterns from rules/dating_cues.txt."""
    name = os.path.basename(path)
    for pattern in knowledge.cue_list("filename"):
        m = pattern.search(name)
        if m is not None:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


def _known(article: Article, day: dt.date, basis: str, evidence: str) -> Article:
    return replace(article, published=day, published_basis=basis, published_start=day, published_end=day,
                   published_confidence=1.0, published_evidence=evidence)


def estimate_published(article: Article, settings: Settings, timexes: Sequence[Timex] | None = None,
                       caption_timexes: Sequence[Timex] | None = None) -> Estimate:
    """Estimate an article's publication date from its text alone (see estimate.py).

    `timexes` (tags of `article.body` with dct=None) may be passed when the caller already
    has them, so the body is tagged once. No clue at all gives NO_CLUES (point None).
    """
    now = min(parsing.today(), dt.date(settings.max_year, 12, 31))  # one clock: parsing.today
    min_day = dt.date(settings.min_year, 1, 1)
    body = article.body
    if timexes is None:
        timexes = _tag(body)
    if caption_timexes is None:
        caption_timexes = [t for text in dict.fromkeys(c.text for c in article.captions) for t in _tag(text)]
    found: list[signals.Clue] = []
    dateline = signals.text_dateline(article.paragraphs)
    if dateline is not None:
        clue = signals.dateline_clue(dateline[0], _tag(dateline[1]), min_day, now)
        if clue is not None:
            found.append(clue)
            timexes = [t for t in timexes if t.start >= len(dateline[0])]  # the dateline's day is no reported day
    # a title can only give a day or an elapsed time with a number in it ("Sept. 3", "a Year Since the Oct. 7 ...")
    title_tags = _tag(article.title) if any(ch.isdigit() for ch in article.title) else []
    title_ctx = signals.Context(article.title, title_tags, now, min_day)
    ctx = signals.Context(body, timexes, now, min_day, title=article.title,
                          lead=article.paragraphs[0] if article.paragraphs else "", title_timexes=title_ctx.timexes)
    if article.title:
        found += world.elapsed_since(title_ctx)
        found += signals.title_dates(article.title, title_ctx.timexes, min_day, now, title_ctx.consumed)
    found += world.elapsed_since(ctx)  # first: it marks the days it explains
    found += world.ordinal_elapsed(ctx)  # "entered its ninth week" since a day it names: marks that day too
    found += signals.explicit_dates(ctx)
    found += signals.yearless_dates(ctx)
    found += world.event_mentions(ctx)
    found += world.anchored_durations(ctx)
    found += world.office_holders(ctx)
    found += world.named_events(ctx)
    found += signals.caption_dates(caption_timexes, min_day, now)
    if not found:
        return NO_CLUES
    return combine(found, signals.weekday_mentions(ctx), (min_day, now))


def resolve_published(article: Article, settings: Settings, manifest: Manifest | None | bool = None,
                      flag: str | dt.date | None = None, *, flag_basis: str = "flag",
                      timexes: Sequence[Timex] | None = None) -> Article:
    """The article with its publication date, basis, interval, confidence and evidence set.

    Order: `flag` (the CLI --published or the upload field; `flag_basis` "flag"/"upload"),
    the sidecar manifest (`manifest`; None = look beside the article's file, False = none),
    metadata found by the reader (meta "field", "html-meta", "dateline"), a dateline in the
    text, a date in the file name, and finally an estimate from the text. Raises DateError
    only for a bad `flag` (the user's own input); bad metadata is skipped with a note.
    """
    notes: list[str] = []

    def plausible(day: dt.date | None, what: str) -> dt.date | None:
        if day is None:
            return None
        try:
            return check_plausible(day, settings, what)
        except DateError as exc:
            notes.append(f"{exc}; ignored")
            return None

    def noted(evidence: str) -> str:
        return "; ".join([evidence, *notes])

    if flag is not None and flag != "":
        day = parse_published(flag, settings)
        return _known(article, day, flag_basis, f"given by the user ({flag_basis})")
    if manifest is None:
        manifest = manifest_near(article)
    if manifest:
        day = plausible(manifest.lookup(article), f"manifest date for {article.source or article.title!r}")
        if day is not None:
            return _known(article, day, "manifest", noted(manifest.describe(article)))
    for basis in ("field", "html-meta", "dateline"):
        if article.published is not None and article.published_basis == basis:
            day = plausible(article.published, f"{basis} date")
            if day is not None:
                raw = _meta_values(article, basis)
                return _known(article, day, basis, noted(f"{basis} {raw[0]!r}" if raw else basis))
        for raw in _meta_values(article, basis):
            day = plausible(_meta_day(raw), f"{basis} date {raw!r} →")
            if day is not None:
                return _known(article, day, basis, noted(f"{basis} {raw!r}"))
            if _meta_day(raw) is None:
                notes.append(f"{basis} {raw!r} is not a readable date; ignored")
    dateline = signals.text_dateline(article.paragraphs)
    if dateline is not None:
        day = plausible(parse_meta_date(dateline[1]), "dateline date")
        if day is not None:
            return _known(article, day, "dateline", noted(f"dateline {dateline[0]!r}"))
    source = article.source_path or article.source.rsplit("#", 1)[0]
    if source:
        day = plausible(filename_date(source), "file-name date")
        if day is not None:
            return _known(article, day, "filename", noted(f"file name {os.path.basename(source)!r}"))
    est = estimate_published(article, settings, timexes=timexes)
    if est.point is None:
        return replace(article, published=None, published_basis="unknown", published_start=None, published_end=None,
                       published_confidence=0.0, published_evidence=noted(est.evidence))
    return replace(article, published=est.point, published_basis="estimated", published_start=est.start,
                   published_end=est.end, published_confidence=est.confidence,
                   published_evidence=noted(est.evidence))
