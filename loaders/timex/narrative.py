"""Which paragraphs of a text recount the past: there the reference time is the text's own.

Why: a war history ("On 7 December 1941 ... the next day ... On 11 December") or the background
paragraph of a news story ("On 9 October 2023 a quake cracked the tower. Two days later ...")
sets its own time line; year-less dates, weekdays and "that winter" there follow the latest date
the narrative has set, not the publication date. No switch says so: the paragraph's own
expressions do.

- Explicit dates far behind the publication date vote for a narrative: a full day, a month, a
  season, or a year that opens its sentence counts double (a passing "in 2014" is a weak signal); a date that
  names an event ("the Dec. 21, 1988, bombing") does not vote.
- Dates near the publication date and deictic expressions ("yesterday", "last Friday", "last
  week", "three days ago") vote for news; a year-less date in a clause that looks ahead from the
  time of writing ("will join NATO on March 12") votes for news twice.
- A bare weekday votes weakly: histories name weekdays too ("On Saturday the last shots were
  fired"), so it ends the narrative of an article that opened on the news, not that of a history.
- A paragraph with no vote continues the one before it, so a history keeps its thread from
  paragraph to paragraph, unless it speaks from the time of writing (a verb such as "has cited",
  "are fighting" or "officials said" outside quotes, or a quote with its reporting verb): then
  the article is back in its news frame.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

from . import periods as P
from .finder import Hit
from .resources import lexicon
from .tense import looks_ahead
from .words import month_of, year_of

#: an explicit date whose period ended longer ago than this (before the publication date) belongs
#: to the past a narrative recounts; nearer ones belong to the news
FAR_PAST_DAYS = 365
#: votes a paragraph's far dates need, and by how much they must outweigh the near ones
MIN_FAR_VOTES = 2
#: handlers whose expressions name a date with its year
_DATED = frozenset(("date", "range", "holiday", "numeric", "weekof", "nth_weekday", "time", "quarter", "offset"))
#: handlers whose expressions point from the publication date
_DEICTIC = frozenset(("ago", "weekend", "in_units", "weekday_week", "nth_weekday_from_now", "span"))


_ATTRIBUTIVE_AFTER = re.compile(r",?\s+(?!(?:and|or|but|when|while|as|to|in|on|at|of|for|by|with|from|that|which|"
                                r"who|was|were|is|are|had|has|have|the|a|an|after|before|until|since)\b)[a-z][a-z-]+")
_ATTRIBUTIVE_LEAD = re.compile(r"(?:\bthe|['’]s)\s*$", re.I)


def attributive(text: str, start: int, end: int) -> bool:
    """"the Dec. 21, 1988, bombing", "the 1974 disengagement agreement": a date that names an
    event, told in passing; it sets no scene."""
    return bool(_ATTRIBUTIVE_LEAD.search(text, max(0, start - 8), start)) and bool(_ATTRIBUTIVE_AFTER.match(text, end))


_SCENE_WORDS = frozenset(
    "in on by during since until from back early late mid around about as of at the".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+")


def scene_setting(text: str, start: int) -> bool:
    """True when an expression opens its sentence ("In 1991, ...", "On Dec. 3, 1991, ...")."""
    lo = max(0, start - 40)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "))
    if cut < 0 and lo > 0:
        return False
    words = _WORD.findall(chunk[cut + 1:])
    return len(words) <= 2 and all(w.lower() in _SCENE_WORDS for w in words)


#: near votes of a year-less date in a clause that looks ahead ("will officially join NATO on March 12")
PLAN_VOTES = 2


def _vote(hit: Hit, dct: dt.date, text: str) -> tuple[int, int, int] | None:
    """(far votes, near votes, weak near votes) of one expression; None for a year-less date,
    whose vote depends on its clause (asked only where it can change the outcome: tense is the
    costly part). A bare weekday is a weak near vote: histories name weekdays too ("On Saturday
    the last shots were fired"), so alone it does not end a narrative."""
    handler = hit.rule.handler
    g = dict(hit.groups)
    if handler in _DATED:
        y = year_of(g, "year", "year_b", "year_short", "year_only", ref_year=dct.year)
        if y is None:
            if g.get("rel_y"):
                return 0, 1, 0  # "June last year"
            if handler == "time" and g.get("weekday"):
                return 0, 0, 1  # "9 a.m. Tuesday"
            return None if (g.get("month") or g.get("month_a")) else (0, 0, 0)
        if attributive(text, hit.start, hit.end):
            return 0, 0, 0
        m = month_of(g.get("month") or g.get("month_a") or g.get("month_b"))
        try:
            end = P.month(y, m).end if m else dt.date(y, 12, 31)
        except ValueError:
            return 0, 0, 0
        if end is None:
            return 0, 0, 0
        if (dct - end).days > FAR_PAST_DAYS:  # a day, a month, a season or a year opening its sentence
            specific = m or g.get("season") or g.get("quarter") or g.get("half")
            return (2 if specific or scene_setting(text, hit.start) else 1), 0, 0
        return 0, 1, 0
    if handler == "weekday":
        return (0, 1, 0) if g.get("rel") else (0, 0, 1)  # "last Friday" points from now; "Friday" may not
    if handler in _DEICTIC:
        return 0, 1, 0
    if handler == "reldate" and g.get("relday", "").lower() not in ("the", ""):
        return 0, 1, 0
    if handler == "relunit" and g.get("rel", "").lower() not in ("the", ""):
        return 0, 1, 0  # "last year", "this week", "next summer"
    return 0, 0, 0


def narrative_paragraphs(hits: Iterable[Hit], dct: dt.date | None, para_breaks: list[int], text: str
                         ) -> frozenset[int]:
    """Indices of the paragraphs (as counted by `para_breaks`) that recount the past."""
    if dct is None:
        return frozenset()
    votes: dict[int, list[int]] = {}
    undated: dict[int, list[Hit]] = {}
    for hit in hits:
        vote = _vote(hit, dct, text)
        para = bisect.bisect_right(para_breaks, hit.start)
        if vote is None:
            undated.setdefault(para, []).append(hit)
        elif any(vote):
            v = votes.setdefault(para, [0, 0, 0])
            for i in range(3):
                v[i] += vote[i]
    for para, (far, near, weak) in votes.items():  # a plan for a year-less day speaks from now
        if far >= MIN_FAR_VOTES and far > near + weak:
            for hit in undated.get(para, ()):
                if looks_ahead(text, hit.start, hit.end):
                    votes[para][1] += PLAN_VOTES
    out = set()
    narrative = False
    # an article that opens on the news (its first dated paragraph is not a narrative) reads a
    # paragraph dated only by a weekday as news again; a history reads it as its own next day
    first = min(votes, default=None)
    opened_news = first is not None and not (votes[first][0] >= MIN_FAR_VOTES
                                             and votes[first][0] > votes[first][1] + votes[first][2])
    bounds = [0, *para_breaks, len(text)]
    for para in range(len(para_breaks) + 1):
        far, near, weak = votes.get(para, (0, 0, 0))
        if far or near or (weak and opened_news):
            narrative = far >= MIN_FAR_VOTES and far > near + weak
        elif narrative and news_frame(text[bounds[para]:bounds[para + 1]]):
            narrative = False
        if narrative:
            out.add(para)
    return frozenset(out)


_QUOTED = re.compile(r"``.*?''|\"[^\"]*\"|“[^”]*”|‘‘.*?’’", re.S)
_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def news_frame(paragraph: str) -> bool:
    """Does a paragraph speak from the time of writing: a present-tense or reporting verb outside
    quotes ("has cited", "are fighting", "officials said"), or a quote with its reporting verb
    ("..., Castro announced")?"""
    lx = lexicon()
    outside = _QUOTED.sub(" ", paragraph)
    words = {w.lower().replace("’", "'") for w in _WORDS.findall(outside)}
    if words & lx.news_frame:
        return True
    return outside != paragraph and bool(words & lx.reporting_cues)
