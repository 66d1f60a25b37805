"""Stage 1: an article's text units, their date expressions and known names, and the sentences worth parsing.

Why a prefilter: parsing costs about 0.1 ms per word, and most sentences of an article (quotes, background,
reactions) hold no trigger word at all. One compiled alternation over every trigger form (lexicon.py) picks
the sentences that can hold a happening; only those are parsed. The temporal tagger runs once over the whole
body (so narrative anchoring sees the paragraphs in order), the actor table and the gazetteer once per unit.

EXAMPLE:
    >>> units, sents = read_units(article, settings)
    >>> [s.text for s in sents if is_candidate(s)]
    ['Israeli jets struck a house in Rafah on Tuesday.']
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from loaders import dateline
from loaders.actors import actor_table
from loaders.models import Article, Timex
from loaders.places import gazetteer
from loaders.sentences import split_sentences
from loaders.settings import Settings
from loaders.timex import tag

from .frame import CAPTION_INDEX_BASE, Sentence, Unit
from .lexicon import lexicon

#: paragraph_index of the title (never an event of its own; its date can set the article's narrative day)
TITLE_INDEX = -1000
_DURATION = re.compile(r"P(\d+(?:\.\d+)?)([DWMY])")
_SPAN_LEAD = re.compile(r"(?:\b(?:for|over|in|during|within)\s+(?:the\s+)?(?:past|last)\s*)$", re.IGNORECASE)


def _span_until(t: Timex, text: str, dct: dt.date | None) -> Timex:
    """"over the past week" with no interval from the tagger -> [dct - 7 days, dct]."""
    if t.type != "DURATION" or t.range_start is not None or dct is None:
        return t
    m = _DURATION.fullmatch(t.value)
    if not m or not _SPAN_LEAD.search(text[max(0, t.start - 20):t.start]):
        return t
    days = {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)] * float(m.group(1))
    return dataclasses.replace(t, range_start=dct - dt.timedelta(days=int(days)), range_end=dct,
                               precision="range", basis="relative")


def _shift(t: Timex, by: int) -> Timex:
    return dataclasses.replace(t, start=t.start - by, end=t.end - by)


def read_units(article: Article, settings: Settings) -> tuple[list[Unit], list[Sentence]]:
    """The article's units (paragraphs, then captions, then the title) and all their sentences, in order."""
    dct = article.published
    units = [Unit(i, p) for i, p in enumerate(article.paragraphs)]
    if units:
        starts, pos = [], 0
        for p in article.paragraphs:
            starts.append(pos)
            pos += len(p) + 2
        for t in tag(article.body, dct, mode=settings.timex_mode):
            i = bisect.bisect_right(starts, t.start) - 1
            if 0 <= i < len(units) and t.end <= starts[i] + len(units[i].text):
                units[i].timexes.append(_shift(t, starts[i]))
    for j, cap in enumerate(article.captions):
        units.append(Unit(CAPTION_INDEX_BASE - j, cap.text, list(tag(cap.text, dct, mode=settings.timex_mode))))
    if article.title:
        units.append(Unit(TITLE_INDEX, article.title, list(tag(article.title, dct, mode=settings.timex_mode))))
    table, gaz = actor_table(), gazetteer()
    sentences: list[Sentence] = []
    for u in units:
        u.timexes = [_span_until(t, u.text, dct) for t in u.timexes]
        u.actors = table.find(u.text)
        u.places = gaz.find(u.text)
        for k, s in enumerate(split_sentences(u.text)):
            start = s.start
            found = dateline.find(s.text) if k == 0 or s.text[:1] in "-–—" else None
            if found is not None and found.end < len(s.text):
                start += found.end  # "TAMPA, Fla. - ...": the dateline is where the story was filed
            sentences.append(Sentence(u, start, s.end, len(sentences)))
    return units, sentences


def is_candidate(sentence: Sentence) -> bool:
    """Whether the sentence holds a trigger word (the title never does: headlines repeat the body)."""
    return sentence.unit.index != TITLE_INDEX and lexicon().has_trigger(sentence.text)
