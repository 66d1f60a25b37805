"""Dating clues written in the text itself: dates in the body, the title, captions and the
dateline, and weekday mentions. Each finder reads one kind of clue and says in words what it
tells about the publication day.

Why one finder per clue: each is tested on its own, and a date found in a text is never the
publication date by itself but evidence about it: a day the article reports as past (the
article came out soon after the latest such day), a day it tells as still to come (it came out
before), a year-less day whose year the other clues choose, a caption (a lower bound only).
All finders read the temporal tagger's output (tagged once, without a reference date), so no
second date finder exists. The clues about the world (anchor events, terms of office) are in
`world.py`; `estimate.py` turns all of them into one likelihood.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders import dateline
from loaders.models import Timex
from loaders.sentences import Sentence, split_sentences

from . import knowledge, shapes
from .evidence import Factor

FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YEARLESS_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-([1-7])(?:T\w+)?$")
DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
#: English names (calendar's follow the locale, and each lookup formats a date)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAY_NAMES = {name.lower(): i + 1 for i, name in enumerate(DAY_NAMES)}
WEEKDAY_WORD = re.compile(r"\b(" + "|".join(DAY_NAMES) + r")\b")
#: text whose every character lower-cases the way the regex engine's IGNORECASE folds it
_PLAIN_CASE = re.compile(r"[\x00-\x7f\u00a0-\u00ff\u2010-\u2027]*\Z")
#: a cue group's first word that its regex spells literally (no wildcard "...", not empty)
_LITERAL_WORD = re.compile(r"[A-Za-z0-9_.&/]+")


@dataclass(frozen=True)
class TextDay:
    """A day (or month) the text gives, fed to one recency model of the estimate.

    `group` names the model ("body": the latest day the body reports; "title"; "dateline"),
    `profile` the lag profile (rules/dating_model.yaml) that says how soon after it the article
    came out. A fixed day has `start` (and `end` for a month); a year-less one has `month_day`
    (and the `weekday` written with it, which keeps only the years where it fits)."""

    group: str
    profile: str
    start: dt.date | None = None
    end: dt.date | None = None
    month_day: tuple[int, int] | None = None
    weekday: int | None = None
    #: a year-less day's likely year: the year of the dated day the text gave just before it
    #: ("On 8 October 2022 ... On 10 October ..."); its occurrence that year weighs more
    year_hint: int | None = None


@dataclass(frozen=True)
class Clue:
    """One piece of evidence about the publication day, with the words that show it.

    `factor`: a likelihood over days that needs no year choice (a term of office, a caption's
    lower bound); `told`: days for the recency models; `wall`: a day the text reports, with its
    year, as past (the only hard limit: publication is not older than it)."""

    kind: str
    evidence: str
    key: str
    factor: Factor | None = None
    told: tuple[TextDay, ...] = ()
    wall: dt.date | None = None


@dataclass
class Context:
    """What the finders share for one article: the body, its sentences and tags, today."""

    body: str
    timexes: Sequence[Timex]
    today: dt.date
    min_day: dt.date
    title: str = ""
    lead: str = ""

    _split: dict[int, list[Sentence]] = field(default_factory=dict)
    _hits: dict[re.Pattern[str], list[int]] = field(default_factory=dict)
    _counts: dict[re.Pattern[str], int] = field(default_factory=dict)
    _words: dict[tuple[str, bool], int] = field(default_factory=dict)
    _split_starts: dict[int, list[int]] = field(default_factory=dict)
    _lower: str | None = None
    _tenses: dict[tuple[int, int], str] = field(default_factory=dict)
    #: spans of dates another clue has explained ("two weeks after April 22": the elapsed-time
    #: clue owns April 22, so it is no reported day of its own)
    consumed: set[tuple[int, int]] = field(default_factory=set)
    #: (sentence start, anchor id) of events an elapsed-time clue already dates
    consumed_anchors: set[tuple[int, str]] = field(default_factory=set)
    #: the title's dates: a year-less day in the body takes the title's year when nothing nearer gives one
    title_timexes: Sequence[Timex] = ()
    _in_sentence: dict[tuple[int, int], int | None] = field(default_factory=dict)
    _names: dict[tuple[int, int], list] = field(default_factory=dict)

    def literal_count(self, pattern: re.Pattern[str]) -> int:
        """How often a cue group's first words occur in the body (memoized: groups are shared)."""
        n = self._counts.get(pattern)
        if n is None:
            if self._lower is None:
                self._lower = self.body.lower()
            lits = knowledge.GROUP_LITERALS.get(pattern)
            if lits is None:
                n = knowledge.literal_count(pattern, self.body, self._lower)
            else:  # same sum as knowledge.literal_count, but each word is counted once per article
                n = 0
                words = self._words
                for lowered, group_words, text in ((False, lits[0], self.body), (True, lits[1], self._lower)):
                    for w in group_words:  # str.count once per cue word and article (groups share words)
                        c = words.get((w, lowered))
                        if c is None:
                            c = words[(w, lowered)] = text.count(w)
                        n += c
            self._counts[pattern] = n
        return n

    def hits(self, pattern: re.Pattern[str]) -> list[int]:
        """Start offsets of `pattern` in the body, computed once per pattern (cue groups are shared)."""
        found = self._hits.get(pattern)
        if found is None:
            if self._lower is None:
                self._lower = self.body.lower()
            found = self._group_starts(pattern) if self.literal_count(pattern) else []
            self._hits[pattern] = found
        return found

    def _group_starts(self, pattern: re.Pattern[str]) -> list[int]:
        """`[m.start() for m in pattern.finditer(body)]`, trying the regex only where one of the
        group's first words occurs (a match can start nowhere else) instead of at every offset.
        Plain finditer when the words are not plain literals or the body holds characters whose
        case folding differs from str.lower()."""
        lits = knowledge.GROUP_LITERALS.get(pattern)
        body = self.body
        if lits is None or not _PLAIN_CASE.match(body) or not all(_LITERAL_WORD.fullmatch(w) for w in lits[0] + lits[1]):
            return [m.start() for m in pattern.finditer(body)]
        starts: set[int] = set()
        for words, text in ((lits[0], body), (lits[1], self._lower)):
            for w in words:
                i = text.find(w)
                while i >= 0:
                    starts.add(i)
                    i = text.find(w, i + 1)
        found, last_end = [], 0
        for pos in sorted(starts):
            if pos < last_end:
                continue
            m = pattern.match(body, pos)
            if m is not None:
                found.append(pos)
                last_end = m.end()
        return found

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence holding `pos`; only the paragraphs asked about are split (cheap)."""
        start = self.body.rfind("\n\n", 0, pos)
        start = 0 if start < 0 else start + 2
        if start not in self._split:
            end = self.body.find("\n\n", start)
            end = len(self.body) if end < 0 else end
            self._split[start] = [Sentence(start + s.start, start + s.end, s.text)
                                  for s in split_sentences(self.body[start:end])]
            self._split_starts[start] = [s.start for s in self._split[start]]
        # sentences are sorted and disjoint: the only candidate is the last one starting at or before pos
        i = bisect.bisect_right(self._split_starts[start], pos) - 1
        if i >= 0 and pos < self._split[start][i].end:
            return self._split[start][i]
        lo, hi = max(0, pos - 150), min(len(self.body), pos + 150)
        return Sentence(lo, hi, self.body[lo:hi])


# --- small helpers ---------------------------------------------------------------------------
def _safe_day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def full_day(value: str) -> dt.date | None:
    """The day of a TIMEX value written as a whole date ("2024-03-02"), if it is one and exists."""
    m = FULL_DAY.match(value)
    return _safe_day(int(m[1]), int(m[2]), int(m[3])) if m is not None else None


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_day(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def month_day(m: int, d: int) -> str:
    return f"{MONTH_NAMES[m]} {d}"


def _tense(ctx: Context, tx: Timex) -> str:
    """'future', 'none' (the date bounds nothing), 'open' (a period running since it) or 'past' for the clause
    around a date
    (memoized per span: the explicit, year-less and weekday finders ask about the same dates)."""
    key = (tx.start, tx.end)
    found = ctx._tenses.get(key)
    if found is None:
        found = ctx._tenses[key] = _tense_of(ctx, tx)
    return found


def _tense_of(ctx: Context, tx: Timex) -> str:
    sent = ctx.sentence_at(tx.start)
    before = ctx.body[max(sent.start, tx.start - 60):tx.start]
    if knowledge.cues()["not_a_bound"].search(before):
        return "none"
    if knowledge.cues()["open_since"].search(before):
        return "open"
    window = before + " " + ctx.body[tx.end:min(sent.end, tx.end + 40)]
    return "future" if knowledge.cues()["future"].search(window) else "past"


def _weekday_near(text: str, tx: Timex) -> int | None:
    """ISO weekday written with a date ("Wednesday, January 15", "(Thursday) July 25"), inside it
    or just before it."""
    m = WEEKDAY_WORD.search(tx.text)
    if m is None:
        m = WEEKDAY_WORD.search(text[max(0, tx.start - 13):tx.start])
    return WEEKDAY_NAMES[m.group(1).lower()] if m else None


def _relative_word(tx: Timex) -> str:
    """"day_before" / "same_day" for "yesterday" / "today"-like expressions, "weekday" for a bare
    weekday ("on Sunday", "last weekend"), else ""."""
    if tx.value in ("XXXX-XX-XX", "PRESENT_REF"):
        words = " ".join(tx.text.lower().split())
        c = knowledge.cues()
        if c["day_before"].match(words):
            return "day_before"
        if c["same_day"].match(words):
            return "same_day"
        return ""
    if WEEKDAY_VALUE.match(tx.value) or tx.value.endswith("-WE") or "weekend" in tx.text.lower():
        return "weekday"
    return ""


def _has_fresh_words(ctx: Context) -> bool:
    """Does the article tell some of its news by weekday or "yesterday" (memoized)?"""
    found = ctx._tenses.get((-1, -1))
    if found is None:
        found = "yes" if any(_relative_word(t) for t in ctx.timexes) else "no"
        ctx._tenses[(-1, -1)] = found
    return found == "yes"


def relative_profile(ctx: Context, pos: int, event_day: dt.date | None = None) -> str:
    """The lag profile of a day reported at `pos` (rules/dating_model.yaml).

    "day_before" when its sentence also says "yesterday"/"last night", "same_day" for
    "today"/"this morning". A known event (`event_day`) is "fresh_event" when its sentence tells
    it "on <weekday>" and that is the event's weekday, else "named_event" (mostly background).
    A dated day is "reported_day", or "reported_day_context" when the article tells its news by
    weekday or "yesterday" elsewhere: its dated days are then mostly background.
    """
    sent = ctx.sentence_at(pos)
    weekdays = set()
    for tx in ctx.timexes:
        if tx.start >= sent.end:
            break
        if tx.start < sent.start:
            continue
        word = _relative_word(tx)
        if word in ("day_before", "same_day"):
            return word
        if word == "weekday" and (m := WEEKDAY_VALUE.match(tx.value)) is not None:
            weekdays.add(int(m[1]))
    if event_day is not None:
        return "fresh_event" if event_day.isoweekday() in weekdays else "named_event"
    return "reported_day_context" if _has_fresh_words(ctx) else "reported_day"


# --- explicit dates ---------------------------------------------------------------------------
def explicit_dates(ctx: Context) -> list[Clue]:
    """Full dates, months and years written in the body.

    A past day is a reported day (the article came out soon after the latest one) and, with its
    year written, a wall; a past month a reported period; a past year a lower bound. A future
    one ("talks will resume on March 25, 2025") says the article was written before it.
    """
    out = []
    for tx in ctx.timexes:
        if tx.type != "DATE" or tx.basis != "explicit":  # "five days later" read from a dateline is no clue
            continue
        v = tx.value
        if (m := FULL_DAY.match(v)) is not None:
            day = _safe_day(int(m[1]), int(m[2]), int(m[3]))
            lo, hi, what = day, day, "date"
        elif (m := MONTH.match(v)) is not None:
            day = _safe_day(int(m[1]), int(m[2]), 1)
            lo, what = day, "month"
            hi = _add_months(day, 1) - dt.timedelta(days=1) if day else None
        elif (m := YEAR.match(v)) is not None:
            day = _safe_day(int(m[1]), 1, 1)
            lo, hi, what = day, _safe_day(int(m[1]), 12, 31), "year"
        else:
            continue
        if day is None or lo < ctx.min_day or lo > ctx.today:
            continue
        tense = _tense(ctx, tx)
        if tense == "none":
            continue
        quoted = f"'{tx.text}'"
        if tense == "future":  # written before it, and news looks months ahead, not years
            out.append(Clue("future-date", f"future {what} {quoted}: written before it",
                            f"f{v}", factor=shapes.upper_bound(hi)))
            continue
        if tense == "open":  # "since November 19th, 2023, ... have launched": after it, how long is not said
            out.append(Clue("since-date", f"a period running since {quoted}", f"p{v}", wall=lo))
            continue
        if what == "date":
            wd = _weekday_near(ctx.body, tx)
            if wd is not None and wd != day.isoweekday():
                continue  # "Wednesday, March 18, 2025" that is no Wednesday: a typo, trust neither
            if (tx.start, tx.end) in ctx.consumed:  # the reference of an elapsed time: only a wall
                out.append(Clue("reported-day", f"reported day {quoted}", f"p{v}", wall=day))
                continue
            profile = relative_profile(ctx, tx.start)
            out.append(Clue("reported-day", f"reported day {quoted}", f"p{v}",
                            told=(TextDay("body", profile, day, day),), wall=day))
        elif what == "month":
            out.append(Clue("reported-month", f"reported month {quoted}", f"p{v}",
                            told=(TextDay("body", "reported_month", lo, hi),)))
        else:  # a year is often background ("recaptured it in 2016"): a plain lower bound, no fading
            out.append(Clue("reported-year", f"reported year {quoted}", f"p{v}", factor=shapes.year_bound(lo)))
    return out


def caption_dates(caption_timexes: Sequence[Timex], min_day: dt.date, today: dt.date) -> list[Clue]:
    """Full dates in photo captions: lower bounds only (captions often show old photos)."""
    out = []
    for tx in caption_timexes:
        m = FULL_DAY.match(tx.value) if tx.type == "DATE" else None
        day = _safe_day(int(m[1]), int(m[2]), int(m[3])) if m else None
        if day is not None and min_day <= day <= today:
            out.append(Clue("caption-date", f"photo caption dated {long_day(day)} (a lower bound only)",
                            f"c{day}", factor=shapes.lower_bound(day)))
    return out


def title_dates(title: str, title_timexes: Sequence[Timex], min_day: dt.date, today: dt.date,
                consumed: set[tuple[int, int]] | None = None) -> list[Clue]:
    """A day in the title ("Timeline of the war: 7 October 2023", "Sept. 3 Update") is the day
    the article is about: it came out that day or soon after. A month in the title is a reported
    period like one in the body. A title that announces ("talks to resume on ...") says nothing."""
    if knowledge.cues()["future"].search(title):
        return []
    out = []
    for tx in title_timexes:
        if tx.type != "DATE" or (consumed and (tx.start, tx.end) in consumed):
            continue
        if (m := FULL_DAY.match(tx.value)) is not None and tx.basis == "explicit":
            day = _safe_day(int(m[1]), int(m[2]), int(m[3]))
            if day is not None and min_day <= day <= today:
                out.append(Clue("title-day", f"title dated '{tx.text}'", f"t{day}",
                                told=(TextDay("title", "title_day", day, day),)))
        elif (m := YEARLESS_DAY.match(tx.value)) is not None:
            mm, dd = int(m[1]), int(m[2])
            if _safe_day(2024, mm, dd) is not None:
                wd = _weekday_near(title, tx)
                out.append(Clue("title-day", f"title dated '{tx.text}' (year from the other clues)",
                                f"t{mm}-{dd}", told=(TextDay("title", "title_day", month_day=(mm, dd), weekday=wd),)))
        elif (m := MONTH.match(tx.value)) is not None and tx.basis == "explicit":
            lo = _safe_day(int(m[1]), int(m[2]), 1)
            if lo is not None and min_day <= lo <= today:
                hi = _add_months(lo, 1) - dt.timedelta(days=1)
                out.append(Clue("reported-month", f"title names the month '{tx.text}'", f"p{tx.value}",
                                told=(TextDay("body", "reported_month", lo, hi),)))
    return out


# --- year-less dates ----------------------------------------------------------------------------
def _named_day(ctx: Context, tx: Timex, m: int, d: int) -> knowledge.Anchor | None:
    """The anchor event whose day this is ("the October 7 attack"), if the sentence says so."""
    sent = ctx.sentence_at(tx.start).text
    for anchor in _anchors_by_day().get((m, d), ()):
        if anchor.group_hits(sent) is not None:
            return anchor
    return None


_BY_DAY: list = [None, {}]  # [the anchors tuple indexed, (month, day) -> its anchors in file order]


def _anchors_by_day() -> dict[tuple[int, int], list[knowledge.Anchor]]:
    """Anchors by the (month, day) of their start or end, in file order: a year-less date asks only
    the few anchors of its day instead of all of them (rebuilt if the anchor list is reloaded)."""
    anchors = knowledge.anchors()
    if _BY_DAY[0] is not anchors:
        index: dict[tuple[int, int], list[knowledge.Anchor]] = {}
        for anchor in anchors:
            days = {anchor.start} | ({anchor.end} if anchor.end else set())
            for key in dict.fromkeys((x.month, x.day) for x in days):
                index.setdefault(key, []).append(anchor)
        _BY_DAY[0], _BY_DAY[1] = anchors, index
    return _BY_DAY[1]


def yearless_dates(ctx: Context) -> list[Clue]:
    """Month-day dates without a year ("On March 18, ...").

    A past one is a reported day whose year is left open: news writes the year only when it is
    not the current one, so it is the latest such day before publication, and the other clues
    choose the year. A weekday written with it ("Thursday, July 25") keeps only the years where
    that day is that weekday. The day of a well-known event ("since the October 7 attack") takes
    that event's year and is a lower bound only (it is history, not news).
    """
    out = []
    days = []
    for tx in ctx.timexes:
        mm = YEARLESS_DAY.match(tx.value) if tx.type == "DATE" else None
        if mm is None:
            continue
        if WEEKDAY_WORD.search(tx.text) and not any(ch.isdigit() for ch in tx.text):
            continue  # "Wednesday" tagged with the date that follows it: the date itself counts
        m, d = int(mm[1]), int(mm[2])
        if _safe_day(2024, m, d) is not None:  # 2024 is a leap year: accepts Feb 29
            days.append((tx, m, d, _named_day(ctx, tx, m, d)))
    # an article means one day by one month-day: "Oct. 7" named once as the attack's day is that day throughout
    named = {(m, d): a for _, m, d, a in days if a is not None}
    for tx, m, d, _ in days:
        anchor = named.get((m, d))
        if anchor is not None:
            day = dt.date(anchor.start.year, m, d)
            if day <= ctx.today:
                out.append(Clue("named-day", f"'{tx.text}' is the day of {anchor.label}", f"n{anchor.id}",
                                factor=shapes.lower_bound(day),
                                told=(TextDay("body", relative_profile(ctx, tx.start, day), day, day),)))
            continue
        if _tense(ctx, tx) != "past" or (tx.start, tx.end) in ctx.consumed:
            continue
        wd = _weekday_near(ctx.body, tx)
        label = f"'{tx.text}'" + (f" ({DAY_NAMES[wd - 1]})" if wd else "")
        kind = "weekday-date" if wd else "yearless-date"
        words = (f"reported day {label}, a {DAY_NAMES[wd - 1]} only in some years" if wd
                 else f"reported day {label} (year from the other clues)")
        out.append(Clue(kind, words, f"y{m}-{d}-{wd}",
                        told=(TextDay("body", relative_profile(ctx, tx.start), month_day=(m, d), weekday=wd,
                                      year_hint=narrative_year(ctx, tx, m, d)),)))
    return out


#: how far back (in characters) a dated day can give its year to a year-less one
NARRATIVE_REACH = 1500


def narrative_year(ctx: Context, tx: Timex, m: int, d: int) -> int | None:
    """The year the text implies for a year-less day: that of the latest day or month written
    with its year before it in the body (the next year if the month-day comes earlier in the
    calendar: the story moved on), else that of the title's day (the previous year if the
    month-day comes later: it is past)."""
    best = None
    for t in ctx.timexes:
        if t.start >= tx.start:
            break
        if t.start < tx.start - NARRATIVE_REACH or t.type != "DATE" or t.basis != "explicit":
            continue
        mm = FULL_DAY.match(t.value) or MONTH.match(t.value)
        if mm is not None:
            best = (int(mm[1]), int(mm[2]), int(mm[3]) if mm.re is FULL_DAY else 1)
    if best is not None:
        y, bm, bd = best
        return y if (m, d) >= (bm, bd) else y + 1
    for t in ctx.title_timexes:
        mm = FULL_DAY.match(t.value) if t.type == "DATE" and t.basis == "explicit" else None
        if mm is not None:
            y = int(mm[1])
            return y if (m, d) <= (int(mm[2]), int(mm[3])) else y - 1
    return None


# --- weekdays and datelines -----------------------------------------------------------------------------
def weekday_mentions(ctx: Context) -> list[int]:
    """ISO weekdays of past-tense bare weekday mentions ("on Sunday"), in text order."""
    out = []
    for tx in ctx.timexes:
        if tx.type not in ("DATE", "TIME") or FULL_DAY.match(tx.value) or YEARLESS_DAY.match(tx.value):
            continue
        m = WEEKDAY_VALUE.match(tx.value)
        wd = int(m[1]) if m else None
        if wd is None:
            w = WEEKDAY_WORD.search(tx.text)
            if w is None or re.search(r"\b(?:next|last|coming|every)\b", tx.text, re.IGNORECASE):
                continue
            wd = WEEKDAY_NAMES[w.group(1).lower()]
        if _tense(ctx, tx) == "past":
            out.append(wd)
    return out


def text_dateline(paragraphs: Sequence[str]) -> tuple[str, str] | None:
    """(line, date text) of a dateline opening the first paragraph ("BEIRUT, March 23 (Reuters) -")."""
    found = dateline.find(paragraphs[0]) if paragraphs else None
    return (found.text, found.date) if found is not None and found.date else None


def dateline_clue(line: str, date_timexes: Sequence[Timex], min_day: dt.date, today: dt.date) -> Clue | None:
    """A dateline's day is the publication day, or the day before it; a year-less one ("GENEVA,
    Oct 14 -") leaves the year to the other clues."""
    for tx in date_timexes:
        if tx.type != "DATE":
            continue
        if (m := FULL_DAY.match(tx.value)) is not None:
            day = _safe_day(int(m[1]), int(m[2]), int(m[3]))
            if day is not None and min_day <= day <= today:
                return Clue("dateline", f"dateline '{line}'", "dateline",
                            told=(TextDay("dateline", "dateline", day, day),))
        elif (m := YEARLESS_DAY.match(tx.value)) is not None:
            mm, dd = int(m[1]), int(m[2])
            if _safe_day(2024, mm, dd) is not None:
                return Clue("dateline", f"dateline '{line}' (that day or the next; year from the other clues)",
                            "dateline", told=(TextDay("dateline", "dateline", month_day=(mm, dd)),))
    return None
