"""The reference-time state of one tagging pass, and how a year or weekday is chosen.

Why: a date without a year, a weekday or "the next day" needs a reference. News mode
reads them against the publication date (DCT) with the clause's tense; a paragraph that
sets its own scene ("In 1991, ..."), a paragraph that recounts the past (narrative.py) or
narrative mode anchors them on the text's own dates.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .finder import Hit
from .narrative import narrative_paragraphs
from .periods import Period
from .resources import lexicon
from .tense import sentence_bounds, tense_at
from .words import safe_date

_PARA_BREAK = re.compile(r"\n[ \t]*\n")
#: resolved dates outside these years are dropped (OCR noise, counts read as years) and never
#: become a reference time
MIN_YEAR, MAX_YEAR = 1900, 2100
#: a tense cue may move a year-less date at most this far from the reference (a sentence's
#: past verb often governs another clause: "declared a dividend payable Dec. 15")
MAX_TENSE_JUMP_DAYS = 300
#: characters after a named quarter within which "a year ago" means that quarter a year before
#: (results stories compare with the same quarter a few paragraphs on)
QUARTER_REACH = 3000
#: the same for a bare month ("began in mid-August" said in June: last August)
MAX_TENSE_JUMP_DAYS_MONTH = 320


@dataclass
class Resolved:
    """What a handler returns: the Timex fields beyond the span."""

    type: str
    period: Period
    basis: str = "explicit"
    mod: str = ""
    #: a range written with words ("between 1994 and 1997", "April 24 and 25") comes out as one
    #: DATE per end, as TimeML tags it: (start, end, own period) of each
    parts: tuple[tuple[int, int, Period], ...] = ()
    #: True when the parts make one span (between/from ... to): each part then carries the whole
    #: range as its interval; False for a plain list ("on March 3 and March 20")
    joined: bool = True


@dataclass
class Anchor:
    """A reference time set by the text itself."""

    date: dt.date
    precision: str  # day | month | year


@dataclass
class Context:
    text: str
    dct: dt.date | None
    mode: str
    para_breaks: list[int] = field(default_factory=list)
    anchor: Anchor | None = None
    last_day: dt.date | None = None
    #: where the text set `last_day`
    last_day_pos: int = -1
    #: start of the last date-like expression (any precision) for "that year", "the following month"
    last_ref: dt.date | None = None
    #: where the text set `last_ref`, and its precision ("last October": month)
    last_ref_pos: int = -1
    last_ref_prec: str = ""
    #: start of the last date the text itself set (explicit or narrative), for "of that year"
    last_set: dt.date | None = None
    last_quarter: tuple[int, int] | None = None
    #: where the last quarter was named: results talk compares within a few sentences
    last_quarter_pos: int = -1
    #: per separator ("/", ".", "-"): True when the text writes all-digit dates day first
    _day_first: dict[str, bool] = field(default_factory=dict)
    #: paragraphs that recount the past (narrative.py): there every date the text sets moves the
    #: reference time, and the reference time carries over to the next such paragraph
    narrative: frozenset[int] = frozenset()
    _para: int = 0

    @property
    def in_narrative(self) -> bool:
        """Is the scan inside a stretch of text that sets its own time line?"""
        return self.mode == "narrative" or self._para in self.narrative

    @property
    def ref_year(self) -> int | None:
        """The year two-digit years are read around ("'98", "7/4/23")."""
        return self.dct.year if self.dct is not None else None

    def day_first(self, sep: str) -> bool:
        """Does this text write all-digit dates with `sep` day first? A field above 12 in any
        of its dates tells ("13/05/2020" -> day first, "05/25/2015" -> month first), as does a
        phrase such as "day first"; otherwise "." is day first and "/" and "-" month first."""
        if sep not in self._day_first:
            self._day_first[sep] = _day_first_votes(self.text, sep)
        return self._day_first[sep]

    def enter(self, pos: int) -> None:
        """Drop a news-mode paragraph anchor once the scan leaves its paragraph, unless the
        narrative goes on in the next one."""
        para = bisect.bisect_right(self.para_breaks, pos)
        if para != self._para:
            goes_on = self._para in self.narrative and para in self.narrative
            self._para = para
            if self.mode == "news" and not goes_on:
                self.anchor = None

    def day_in_paragraph(self) -> bool:
        """Has the paragraph being read set a day of its own ("On March 3 ... on the 5th")?"""
        return self.last_day is not None and bisect.bisect_right(self.para_breaks, self.last_day_pos) == self._para

    def quarter_context(self, pos: int) -> bool:
        """A quarter was named shortly before `pos` ("third-quarter net rose ... a year ago")."""
        return self.last_quarter is not None and 0 <= pos - self.last_quarter_pos <= QUARTER_REACH

    def tense(self, hit: Hit) -> str | None:
        return tense_at(self.text, hit.start, hit.end)


# ---- choosing the right year / week ---------------------------------------------------------
def pick(candidates: list[dt.date], ref: dt.date, tense: str | None, slack: int = 0,
         max_jump: int = MAX_TENSE_JUMP_DAYS) -> dt.date:
    """Past tense: the latest candidate on or before ref; future: the first on or after;
    otherwise the nearest (ties go to the past). `slack` days of tolerance for past."""
    cands = sorted(candidates)
    nearest = min(cands, key=lambda c: (abs((c - ref).days), c > ref))
    chosen = nearest
    if tense == "past":
        ok = [c for c in cands if c <= ref + dt.timedelta(days=slack)]
        chosen = ok[-1] if ok else nearest
    elif tense == "future":
        ok = [c for c in cands if c >= ref]
        chosen = ok[0] if ok else nearest
    # a tense cue is a hint, not a licence to jump most of a year away from the story
    if abs((chosen - ref).days) > max_jump:
        return nearest
    return chosen


def reference(ctx: Context) -> tuple[dt.date | None, str, Anchor | None]:
    """(reference day, basis, anchor) for expressions that need a year."""
    if ctx.anchor is not None:
        return ctx.anchor.date, "narrative", ctx.anchor
    return ctx.dct, "relative", None


_NAMED = re.compile(r"\s+[a-z][a-z-]+")


def named_event_tense(text: str, start: int, end: int) -> str | None:
    """"the October 7 attack", "Wednesday's ruling": a date naming an event, with no tense
    around it, is a past one unless a lead-in says otherwise ("ahead of the June 6 vote")."""
    lead = text[max(0, start - 34):start].lower().rstrip()
    possessive = text.startswith(("'s", "’s"), end)
    if not (lead.endswith(" the") or lead == "the") and not possessive:
        return None
    if not possessive and not _NAMED.match(text, end):
        return None
    if lead.removesuffix("the").rstrip().endswith(lexicon().future_phrases):
        return "future"
    return "past"


_SINCE = re.compile(r"\b(?:since|ever\s+since)\s*$", re.I)


def since_lead(text: str, start: int) -> bool:
    """"since Oct. 8": a since-date is always on or before the publication date."""
    return bool(_SINCE.search(text[max(0, start - 20):start]))


def year_for_month_day(ctx: Context, hit: Hit, m: int, d: int) -> tuple[int | None, str]:
    ref, basis, anchor = reference(ctx)
    if ref is None:
        return None, "relative"
    if anchor is not None and anchor.precision == "year":
        return anchor.date.year, basis
    if anchor is None and since_lead(ctx.text, hit.start):
        y = ref.year if (m, d) <= (ref.month, ref.day) else ref.year - 1
        return y, basis
    tense = (ctx.tense(hit) or named_event_tense(ctx.text, hit.start, hit.end)) if anchor is None else None
    cands = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := safe_date(y, m, min(d, 28) if m == 2 and d == 29 and not safe_date(y, 2, 29) else d))]
    if not cands:
        return None, basis
    if anchor is not None:  # narrative: stories move forward
        return forward_year(ref, m, d), basis
    return pick(cands, ref, tense, slack=1).year, basis


def forward_year(ref: dt.date, m: int, d: int) -> int:
    """The year of month m, day d nearest to `ref`, a step back counting double (narratives move
    forward: "On 9 April" after "early January 1942" is 1942, "27 September" after "1 September" too)."""
    best = ref.year
    best_cost = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        c = safe_date(y, m, min(d, 28) if m == 2 else d)
        if c is None:
            continue
        cost = (c - ref).days if c >= ref else (ref - c).days * 2
        if best_cost is None or cost < best_cost:
            best, best_cost = y, cost
    return best


def year_for_month(ctx: Context, hit: Hit, m: int, rel: int | None = None) -> tuple[int | None, str]:
    ref, basis, anchor = reference(ctx)
    if ref is None:
        return None, "relative"
    if anchor is not None and rel is None:
        if anchor.precision == "year":
            return anchor.date.year, basis
        # stories move forward: "In January" after 25 December 1941 is January 1942
        return forward_year(anchor.date, m, 15), basis
    cur = ref.year * 12 + ref.month - 1
    if rel == -1:  # "last April": the latest April before this month
        k = max(y * 12 + m - 1 for y in (ref.year - 1, ref.year) if y * 12 + m - 1 < cur)
        return k // 12, basis
    if rel == 1:
        k = min(y * 12 + m - 1 for y in (ref.year, ref.year + 1) if y * 12 + m - 1 > cur)
        return k // 12, basis
    if rel == 0:
        return ref.year, basis
    if anchor is None and since_lead(ctx.text, hit.start):
        return (ref.year if m <= ref.month else ref.year - 1), basis
    tense = ctx.tense(hit)
    sibling = sentence_date(ctx, hit) if tense is None else None
    if sibling is not None:  # "a high for the year of $42 in June from $29 in March"
        ref, prec = sibling
        if prec == "year":
            return ref.year, basis
    cands = [dt.date(y, m, 15) for y in (ref.year - 1, ref.year, ref.year + 1)]
    month_ref = dt.date(ref.year, ref.month, 15)
    return pick(cands, month_ref, tense, max_jump=MAX_TENSE_JUMP_DAYS_MONTH).year, basis


#: precisions of a date named earlier in a sentence that a year-less month there is read from
_SIBLING_PRECISIONS = frozenset(("year", "quarter", "season", "month", "day", "range"))


def sentence_date(ctx: Context, hit: Hit) -> tuple[dt.date, str] | None:
    """(start, precision) of the date named last before `hit` in its own sentence, if any: a
    year-less month with no tense of its own belongs with it ("rose to a high for the year in
    June from $29 in March": the year's March, not the one nearest the publication date)."""
    if ctx.last_ref is None or ctx.last_ref_prec not in _SIBLING_PRECISIONS or ctx.last_ref_pos >= hit.start:
        return None
    if ctx.last_ref_pos < sentence_bounds(ctx.text, hit.start, hit.end)[0]:
        return None
    return ctx.last_ref, ctx.last_ref_prec


def weekday_date(ref: dt.date, wd: int, rel: str, tense: str | None) -> dt.date:
    """News convention for a bare weekday: past -> latest on or before ref (same day
    allowed), future -> next on or after ref; 'last'/'next' exclude ref's own day."""
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    if rel in ("last", "this past", "past"):
        return ref - dt.timedelta(days=back or 7)
    if rel in ("next", "this coming", "coming"):
        return ref + dt.timedelta(days=fwd or 7)
    if rel == "this":
        return ref + dt.timedelta(days=wd - ref.isoweekday())
    if tense == "future":
        return ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back)


_NUMERIC_DATE = re.compile(r"(?<![0-9./-])([0-9]{1,2})([/.-])([0-9]{1,2})\2(?:[0-9]{4}|[0-9]{2})(?![0-9])")


def _day_first_votes(text: str, sep: str) -> bool:
    low = text.lower()
    if any(cue in low for cue in lexicon().day_first_cues):
        return True
    votes = 0
    for m in _NUMERIC_DATE.finditer(text):
        if m.group(2) != sep:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 >= b:
            votes += 1
        elif b > 12 >= a:
            votes -= 1
    if votes:
        return votes > 0
    return sep == "."


def make_context(text: str, dct: dt.date | None, mode: str, hits: Iterable[Hit] = ()) -> Context:
    """The state of one tagging pass; `hits` (the finder's) tell which paragraphs recount the past."""
    breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
    narrative = narrative_paragraphs(hits, dct, breaks, text) if mode == "news" else frozenset()
    return Context(text=text, dct=dct, mode=mode, para_breaks=breaks, narrative=narrative)
