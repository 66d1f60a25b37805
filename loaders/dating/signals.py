"""Dating signals: each finder reads one kind of clue and says, in words, which days the
article can have been published on.

Why one finder per clue: each is tested on its own, and a clue found in text is never a
date by itself but a constraint (a lower bound, an upper bound, a window or a union of
windows) combined later by `estimate.py`. All finders work on the temporal tagger's output
for the body (tagged once, without a reference date) so no second date finder exists.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from loaders.models import Timex
from loaders.sentences import Sentence, split_sentences

from . import knowledge
from .spans import Span

FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
YEARLESS_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
WEEKDAY_VALUE = re.compile(r"^XXXX-WXX-([1-7])(?:T\w+)?$")
DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([DWMY])$")
WEEKDAY_NAMES = {name.lower(): i + 1 for i, name in enumerate(calendar.day_name)}
WEEKDAY_WORD = re.compile(r"\b(" + "|".join(calendar.day_name) + r")\b")
#: text whose every character lower-cases the way the regex engine's IGNORECASE folds it
_PLAIN_CASE = re.compile(r"[\x00-\x7f\u00a0-\u00ff\u2010-\u2027]*\Z")
#: a cue group's first word that its regex spells literally (no wildcard "...", not empty)
_LITERAL_WORD = re.compile(r"[A-Za-z0-9_.&/]+")

# weights: how much a clue is trusted when clues disagree (see docs/publication_dates.md)
W_OFFICE = 3.0
W_BODY_DAY = 2.0
W_WEEKDAY_DAY = 2.0
W_ANCHOR = 2.0
W_ANCHOR_CONTEXT = 1.0
W_YEARLESS = 1.5
W_BODY_MONTH = 1.0
W_FUTURE = 1.0
W_BODY_YEAR = 0.5
W_CAPTION = 0.5
W_EVENT_MENTION = 0.75

#: how long after a year-less date news still leaves out the year
YEARLESS_REACH = dt.timedelta(days=183)
#: how far ahead news looks when it names a future date
FUTURE_REACH = dt.timedelta(days=183)
#: an office holder is still called by the title in the days after leaving (reports of the departure)
OFFICE_GRACE = dt.timedelta(days=14)
#: anchors this short are one-off events: a past-tense sentence about one bounds the date from below
ONE_OFF = dt.timedelta(days=3)


@dataclass(frozen=True)
class Signal:
    """One clue: the publication date lies in one of `spans`.

    `event_day` is a day the article reports as past (the point is put just after the
    latest one); `hints` likely publication days (anchor start + duration);
    `yearless` the (month, day) of a year-less date, whose year is chosen at the end.
    """

    kind: str
    spans: tuple[Span, ...]
    weight: float
    evidence: str
    event_day: dt.date | None = None
    #: possible event days when the clue may be one of several events (the first inside the interval wins)
    event_options: tuple[dt.date, ...] = ()
    hints: tuple[dt.date, ...] = ()
    yearless: tuple[int, int] | None = None
    key: str = ""  # same key = same clue mentioned twice (kept once)
    #: words for each span of a union (an office's terms, a duration's possible anchors)
    alternatives: tuple[str, ...] = ()

    def describe(self, segment: Span | None = None) -> str:
        """The evidence, naming only the alternatives that fit `segment` when given."""
        if not self.alternatives:
            return self.evidence
        alts = [w for w, (s, e) in zip(self.alternatives, self.spans, strict=True)
                if segment is None or (s <= segment[1] and e >= segment[0])]
        return f"{self.evidence} {'; or '.join(dict.fromkeys(alts or self.alternatives))}"


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


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_day(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def month_day(m: int, d: int) -> str:
    return f"{calendar.month_name[m]} {d}"


def _tense(ctx: Context, tx: Timex) -> str:
    """'future', 'none' (the date bounds nothing) or 'past' for the clause around a date
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
    window = before + " " + ctx.body[tx.end:min(sent.end, tx.end + 40)]
    return "future" if knowledge.cues()["future"].search(window) else "past"


def _weekday_near(ctx: Context, tx: Timex) -> int | None:
    """ISO weekday written with a date ("Wednesday, January 15"), inside or just before it."""
    m = WEEKDAY_WORD.search(tx.text)
    if m is None:
        m = WEEKDAY_WORD.search(ctx.body[max(0, tx.start - 12):tx.start])
    return WEEKDAY_NAMES[m.group(1).lower()] if m else None


# --- explicit dates ---------------------------------------------------------------------------
def explicit_dates(ctx: Context) -> list[Signal]:
    """Full dates, months and years written in the body.

    A past one is a lower bound (the article reports it, so it came out on or after it);
    a future one ("talks will resume on March 25, 2025") an upper bound.
    """
    out = []
    for tx in ctx.timexes:
        if tx.type != "DATE" or tx.basis != "explicit":  # "five days later" read from a dateline is no clue
            continue
        v = tx.value
        if (m := FULL_DAY.match(v)) is not None:
            day = _safe_day(int(m[1]), int(m[2]), int(m[3]))
            lo, hi, weight, what = day, day, W_BODY_DAY, "date"
        elif (m := MONTH.match(v)) is not None:
            day = _safe_day(int(m[1]), int(m[2]), 1)
            lo = day
            hi = _add_months(day, 1) - dt.timedelta(days=1) if day else None
            weight, what = W_BODY_MONTH, "month"
        elif (m := YEAR.match(v)) is not None:
            day = _safe_day(int(m[1]), 1, 1)
            lo, hi, weight, what = day, _safe_day(int(m[1]), 12, 31), W_BODY_YEAR, "year"
        else:
            continue
        if day is None or lo < ctx.min_day:
            continue
        tense = _tense(ctx, tx)
        if tense == "none":
            continue
        quoted = f"'{tx.text}'"
        if tense == "future":  # written before it, and news looks months ahead, not years
            out.append(Signal("future-date", ((max(ctx.min_day, lo - FUTURE_REACH), hi),), W_FUTURE,
                              f"future {what} in body {quoted}: written in the months before it", key=f"f{v}"))
            continue
        if what == "date":
            wd = _weekday_near(ctx, tx)
            if wd is not None and wd != day.isoweekday():
                continue  # "Wednesday, March 18, 2025" that is no Wednesday: a typo, trust neither
        out.append(Signal(f"body-{what}", ((lo, ctx.today),), weight,
                          f"explicit {what} in body {quoted}", event_day=day if what == "date" else None,
                          key=f"p{v}"))
    return out


def caption_dates(caption_timexes: Sequence[Timex], min_day: dt.date, today: dt.date) -> list[Signal]:
    """Full dates in photo captions: lower bounds only (captions often show old photos)."""
    out = []
    for tx in caption_timexes:
        m = FULL_DAY.match(tx.value) if tx.type == "DATE" else None
        day = _safe_day(int(m[1]), int(m[2]), int(m[3])) if m else None
        if day is not None and min_day <= day <= today:
            out.append(Signal("caption-date", ((day, today),), W_CAPTION,
                              f"photo caption dated {long_day(day)} (a lower bound only)", key=f"c{day}"))
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


def yearless_dates(ctx: Context, year_floor: int | None = None) -> list[Signal]:
    """Month-day dates without a year ("On March 18, ...").

    News style writes the year only when it is not the current one, so a past "March 18"
    means publication between March 18 and the end of that year (or half a year later:
    "since Oct. 17" is still written in January);
    which year is left open (one window per year) for the other clues to decide. A weekday
    written with it keeps only the years where that day is that weekday. The day of a
    well-known event ("since the October 7 attack") takes that event's year instead.
    `year_floor` (the earliest year other clues allow) saves windows nothing could choose.
    """
    out = []
    first_year = max(ctx.min_day.year, year_floor or ctx.min_day.year)
    for tx in ctx.timexes:
        mm = YEARLESS_DAY.match(tx.value) if tx.type == "DATE" else None
        if mm is None:
            continue
        if WEEKDAY_WORD.search(tx.text) and not any(ch.isdigit() for ch in tx.text):
            continue  # "Wednesday" tagged with the date that follows it: the date itself counts
        m, d = int(mm[1]), int(mm[2])
        if _safe_day(2024, m, d) is None:  # 2024 is a leap year: accepts Feb 29
            continue
        anchor = _named_day(ctx, tx, m, d)
        if anchor is not None:
            day = dt.date(anchor.start.year, m, d)
            out.append(Signal("named-day", ((day, ctx.today),), W_BODY_DAY,
                              f"'{tx.text}' is the day of {anchor.label}", key=f"n{anchor.id}"))
            continue
        tense = _tense(ctx, tx)
        if tense == "none":
            continue
        wd = _weekday_near(ctx, tx)
        spans = []
        for y in range(first_year, ctx.today.year + 1):
            day = _safe_day(y, m, d)
            if day is None or (wd is not None and day.isoweekday() != wd):
                continue
            if tense == "future":
                spans.append((day - FUTURE_REACH, day))
            else:
                spans.append((day, max(dt.date(y, 12, 31), day + YEARLESS_REACH)))
        if not spans:
            continue
        label = f"'{tx.text}'" + (f" ({calendar.day_name[wd - 1]})" if wd else "")
        if tense == "future":
            out.append(Signal("future-yearless", tuple(spans), W_FUTURE,
                              f"future year-less date {label}: written before it", key=f"fy{m}-{d}"))
        else:
            kind, weight = ("weekday-date", W_WEEKDAY_DAY) if wd else ("yearless-date", W_YEARLESS)
            out.append(Signal(kind, tuple(spans), weight, f"year-less date in body {label}",
                              yearless=(m, d), key=f"y{m}-{d}"))
    return out


# --- durations tied to anchor events ---------------------------------------------------------------
def _duration_window(start: dt.date, n: int, unit: str, mod: str) -> tuple[Span, dt.date]:
    """Days on which "n units since `start`" is said, and the likeliest one."""
    def at(k: float) -> dt.date:
        if unit == "D":
            return start + dt.timedelta(days=round(k))
        if unit == "W":
            return start + dt.timedelta(days=round(7 * k))
        months = k * (12 if unit == "Y" else 1)
        whole = int(months)
        return _add_months(start, whole) + dt.timedelta(days=round((months - whole) * 30))

    lo_k, hi_k = n, n + 1
    if mod in ("LESS_THAN", "EQUAL_OR_LESS", "APPROX") or mod.startswith("LESS"):
        lo_k = n - 1 if mod != "APPROX" else n - 0.5
        hi_k = n if mod != "APPROX" else n + 1
    elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        hi_k = n + 2
    slack_lo = {"D": 1, "W": 1, "M": 10, "Y": 30}[unit]
    lo = at(lo_k) - dt.timedelta(days=slack_lo)
    hi = at(hi_k) - dt.timedelta(days=1 if unit in "DW" else 0)
    if unit == "D":
        hi = at(n) + dt.timedelta(days=1)
    hint = at(n + {"D": 0, "W": 0, "M": 0.5, "Y": 0.5}[unit])
    return (lo, max(lo, hi)), hint


def _is_ongoing(ctx: Context, tx: Timex, sent: Sentence) -> bool:
    c = knowledge.cues()
    after = ctx.body[tx.end:min(sent.end, tx.end + 120)]
    if c["ongoing_after"].match(after):
        return True
    before = ctx.body[max(sent.start, tx.start - 40):tx.start]
    return bool(c["ongoing_before"].search(before) and c["perfect"].match(after))


_HEAD_NOUN = re.compile(r"\s*-?\s*(?:long|old)?\s+((?:[\w-]+\s+){0,2}?[\w-]+)")


def _nearest_anchors(text: str, pos: int, noun: str = "") -> list[tuple[int, knowledge.Anchor]]:
    """Anchors whose cue words all occur in `text`, nearest to `pos` first (ties kept).

    When the duration qualifies a noun ("eight-week ceasefire"), anchors whose cue has
    that noun are preferred: a ceasefire's length is not the war's.
    """
    found = []
    for anchor in knowledge.anchors():
        if len(anchor.groups) < 2:
            continue
        hits = anchor.group_hits(text)
        if hits is not None:
            found.append((max(min(abs(h - pos) for h in g) for g in hits), anchor))
    if noun:
        with_noun = [(d, a) for d, a in found if any(g.search(noun) for g in a.groups)]
        found = with_noun or found
    if not found:
        return []
    best = min(d for d, _ in found)
    return [(d, a) for d, a in found if d <= best + 15]


def _sentence_month_days(ctx: Context, sent: Sentence) -> set[tuple[int, int]]:
    """(month, day) of the calendar days a sentence names, with or without a year."""
    out = set()
    for t in ctx.timexes:
        if sent.start <= t.start < sent.end and t.type == "DATE":
            m = FULL_DAY.match(t.value) or YEARLESS_DAY.match(t.value)
            if m is not None:
                out.add((int(m.groups()[-2]), int(m.groups()[-1])))
    return out


def _sentence_years(ctx: Context, sent: Sentence) -> list[int]:
    """Years the sentence dates its own events with ("In 2006 he led ... a 34-day war")."""
    return [int(t.value[:4]) for t in ctx.timexes
            if sent.start <= t.start < sent.end and t.type == "DATE" and t.value[:4].isdigit()]


def anchored_durations(ctx: Context) -> list[Signal]:
    """"the 20-monthlong conflict" (in Gaza) -> 20 months after 7 October 2023.

    Only durations told as elapsed until now (attributive "-month war", "N months into",
    "For a week, the US has been striking") count; the war they belong to is the anchor
    whose cue words sit nearest in the sentence (or, with less weight, in the title and lead).
    A duration as long as a finished event ("the 12-day war") means "after its end".
    """
    out = []
    for tx in ctx.timexes:
        dm = DURATION.match(tx.value) if tx.type == "DURATION" else None
        if dm is None:
            continue
        n, unit = float(dm[1]), dm[2]
        if n != int(n) or n <= 0:
            continue
        n = int(n)
        sent = ctx.sentence_at(tx.start)
        if not _is_ongoing(ctx, tx, sent):
            continue
        head = _HEAD_NOUN.match(ctx.body, tx.end, min(sent.end, tx.end + 40))
        noun = head.group(1) if head else ""
        years = _sentence_years(ctx, sent)
        found = [(d, a) for d, a in _nearest_anchors(sent.text, tx.start - sent.start, noun)
                 if not years or min(years) >= a.start.year]
        weight = W_ANCHOR
        if not found and not years:
            context = ctx.title + "\n" + ctx.lead + "\n" + sent.text
            found = _nearest_anchors(context, len(context), noun)
            weight = W_ANCHOR_CONTEXT
        spans, words, hints = [], [], []
        for _, anchor in found:
            try:
                window, hint = _duration_window(anchor.start, n, unit, tx.mod)
            except (ValueError, OverflowError):  # "the 10,000-year war": no calendar day
                continue
            if window[0] > ctx.today:
                continue
            over = f"{anchor.label}: over, so after {anchor.end.isoformat()}" if anchor.end else ""
            if anchor.end is not None and window[0] > anchor.end + dt.timedelta(days=7):
                spans.append((anchor.end, ctx.today))  # the whole, finished event
                words.append(over)
                continue
            spans.append(window)
            words.append(f"{anchor.label} → {window[0].isoformat()}…{window[1].isoformat()}")
            if anchor.end is not None and window[1] >= anchor.end - dt.timedelta(days=3):
                spans.append((anchor.end, ctx.today))  # or said of the finished event
                words.append(over)
            else:
                hints.append(hint)
        if not spans:
            continue
        out.append(Signal("anchor", tuple(spans), weight, f"'{tx.text}' of", hints=tuple(hints),
                          key=f"a{tx.value}{'+'.join(a.id for _, a in found)}", alternatives=tuple(words)))
    return out


def named_events(ctx: Context) -> list[Signal]:
    """A proper name of a dated event ("Operation Rough Rider") -> published on or after its start."""
    out, table = [], knowledge.anchors()
    body = ctx.body
    candidates = {i for word, i in knowledge.anchor_name_keys() if word in body}
    name_words = knowledge.anchor_name_words()
    for i in sorted(candidates):
        if not any(all(w in body for w in words) for words in name_words[i]):
            continue  # no name has all its words in the body: its regex cannot match
        anchor = table[i]
        m = anchor.names.search(ctx.body) if anchor.names is not None else None
        if m is not None and ctx.min_day <= anchor.start <= ctx.today:
            out.append(Signal("named-event", ((anchor.start, ctx.today),), W_BODY_MONTH,
                              f"names '{m.group(0)}': {anchor.label}", key=f"e{anchor.id}"))
    return out


def event_mentions(ctx: Context) -> list[Signal]:
    """A past-tense sentence about a one-off anchor event ("Walkie-talkies used by Hezbollah
    exploded", "Nasrallah was killed") -> published on or after it, and soon after (it is an
    event day). A campaign counts too when its cue is specific (three word groups: "US" +
    "struck" + "Houthi"), as a lower bound only.

    Every anchor whose cue words all occur in the sentence counts, and the sentence gives one
    lower bound: the earliest of them (Iran attacked Israel more than once; the text may mean
    the first).
    """
    by_sentence: dict[int, list[knowledge.Anchor]] = {}
    sentences: dict[int, Sentence] = {}
    for anchor in knowledge.anchors():
        one_off = anchor.end is not None and anchor.end - anchor.start <= ONE_OFF
        if len(anchor.groups) < (2 if one_off else 3):  # a campaign needs a specific cue
            continue
        # scan the body for the rarest group only; check the others inside its sentences
        counts = []
        for g in anchor.groups:  # stop at the first absent group: the anchor cannot match
            n = ctx.literal_count(g)
            if n == 0:
                break
            counts.append(n)
        if len(counts) < len(anchor.groups):
            continue
        driver = anchor.groups[counts.index(min(counts))]
        for pos in ctx.hits(driver):
            sent = ctx.sentence_at(pos)
            if sent.start in sentences and anchor in by_sentence[sent.start]:
                continue
            firsts = []
            for g in anchor.groups:
                m = g.search(ctx.body, sent.start, sent.end)
                if m is None:
                    break
                firsts.append(m.start())
            if len(firsts) < len(anchor.groups):
                continue
            # the words up to the event: "Oman said it had brokered a ceasefire ..., under which
            # neither side will ..." is a report; "or risk the US attacking them" is not
            told = ctx.body[sent.start:max(firsts) + 20]
            c = knowledge.cues()
            if not c["future"].search(told) and not c["hypothetical"].search(told):
                sentences[sent.start] = sent
                by_sentence.setdefault(sent.start, []).append(anchor)
    out = []
    for start, anchors in by_sentence.items():
        years = _sentence_years(ctx, sentences[start])
        anchors = [a for a in anchors if not years or min(years) >= a.start.year]
        if not anchors:
            continue
        first = min(anchors, key=lambda a: a.start)
        if not (ctx.min_day <= first.start <= ctx.today):
            continue
        # each possible event's day (a one-off's last day, a campaign's first), except days the
        # sentence names itself: "struck Iran in retaliation for the attack on Oct. 1" is another event
        named = _sentence_month_days(ctx, sentences[start])
        options = tuple(sorted({d for a in anchors
                                for d in [a.end if a.end is not None and a.end - a.start <= ONE_OFF else a.start]
                                if (a.start.month, a.start.day) not in named and (d.month, d.day) not in named}))
        words = " or ".join(a.label for a in sorted(anchors, key=lambda a: a.start))
        snippet = sentences[start].text[:70] + ("…" if len(sentences[start].text) > 70 else "")
        out.append(Signal("event-mention", ((first.start, ctx.today),), W_EVENT_MENTION,
                          f"tells of {words} ('{snippet}')", key=f"m{first.id}", event_options=options))
    return out


# --- office holders ------------------------------------------------------------------------------
def _mid_ok(mid: str, person: str, table: knowledge.OfficeTable) -> bool:
    """Words between a title and a name must be the person's other names, initials or ranks."""
    honor = knowledge.cues()["honorifics"]
    words = table.name_words.get(person, frozenset())
    for token in mid.split():
        t = token.strip(",")
        if t.strip(".'’").lower() in words or re.fullmatch(r"[A-Z]\.?", t) or honor.match(t):
            continue
        return False
    return True


def office_holders(text: str, today: dt.date, min_day: dt.date) -> list[Signal]:
    """"US Defense Secretary Pete Hegseth" -> his term(s) in that office (rules/offices.csv)."""
    table = knowledge.offices()
    c = knowledge.cues()
    out: dict[str, Signal] = {}
    for start, end, alias in table.find_names(text):
        terms = table.terms_by_alias.get(alias, ())
        if not terms:
            continue
        before = text[max(0, start - 90):start]
        after = text[end:end + 90]
        best: tuple[int, str, str] | None = None  # (title start, office, title text)
        for office in {t.office for t in terms}:
            m = table.title_before[office].search(before)
            if m is not None:
                pre = before[:m.start()]
                if c["not_current"].search(pre[-40:]) or c["other_office"].search(pre[-20:]) \
                        or c["not_current_after"].match(after):
                    continue
                if not any(_mid_ok(m.group("mid"), t.person, table) for t in terms if t.office == office):
                    continue
                key = (m.start(), office, m.group("title"))
                if best is None or key[0] < best[0]:
                    best = key
        if best is None:
            for office in sorted({t.office for t in terms}):
                m = table.title_after[office].match(after)
                if m is not None and not c["not_current"].search(m.group("mid") or "") \
                        and not c["not_current"].search(before[-40:]):
                    if not c["other_office"].search(after[:m.start("title")]):
                        best = (0, office, m.group("title"))
                        break
        if best is None:
            continue
        _, office, title = best
        chosen = [t for t in terms if t.office == office]
        persons = sorted({t.person for t in chosen})
        chosen.sort(key=lambda t: t.start)
        spans = tuple((max(t.start, min_day), min(today, t.end + OFFICE_GRACE) if t.end else today)
                      for t in chosen)
        words = tuple(f"{t.start.isoformat()}…{t.end.isoformat() if t.end else 'now'}" for t in chosen)
        key = f"o{office}:{'|'.join(persons)}"
        if key not in out:
            out[key] = Signal("office", spans, W_OFFICE, f"'{title.strip()} {text[start:end]}' in office",
                              key=key, alternatives=words)
    return list(out.values())


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


def publication_weekday(weekdays: Sequence[int]) -> int | None:
    """The weekday the article was most likely written on, from its "on <weekday>" mentions.

    News counts back at most a week, so the writing day is the one that puts every
    mention closest behind it (Sunday, Saturday, Friday mentioned -> Sunday).
    """
    if not weekdays:
        return None
    distinct = set(weekdays)
    return min(range(1, 8), key=lambda w: (max((w - d) % 7 for d in distinct), w))


def text_dateline(paragraphs: Sequence[str]) -> tuple[str, str] | None:
    """(line, date text) of a dateline opening the first paragraph ("BEIRUT, March 23 (Reuters) -")."""
    if not paragraphs:
        return None
    first = paragraphs[0][:160]
    for pattern in knowledge.cue_list("dateline"):
        m = pattern.match(first)
        if m is not None:
            return first[:m.end()].strip(), m.group("date")
    return None
