"""The reference-time state of one tagging pass, and how a year or weekday is chosen.

Why: a date without a year, a weekday or "the next day" needs a reference. News mode
reads them against the publication date (DCT) with the clause's tense; a paragraph that
sets its own scene ("In 1991, ...") or narrative mode anchors them on the text's own dates.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from .finder import Hit
from .periods import Period
from .resources import lexicon
from .tense import tense_at
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
    #: start of the last date-like expression (any precision) for "that year", "the following month"
    last_ref: dt.date | None = None
    #: start of the last date the text itself set (explicit or narrative), for "of that year"
    last_set: dt.date | None = None
    last_quarter: tuple[int, int] | None = None
    #: where the last quarter was named: results talk compares within a few sentences
    last_quarter_pos: int = -1
    _para: int = 0

    def enter(self, pos: int) -> None:
        """Drop a news-mode paragraph anchor once the scan leaves its paragraph."""
        para = bisect.bisect_right(self.para_breaks, pos)
        if para != self._para:
            self._para = para
            if self.mode == "news":
                self.anchor = None

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
        best = min(cands, key=lambda c: (abs((c - ref).days) if c >= ref else abs((c - ref).days) * 2))
        return best.year, basis
    return pick(cands, ref, tense, slack=1).year, basis


def year_for_month(ctx: Context, hit: Hit, m: int, rel: int | None = None) -> tuple[int | None, str]:
    ref, basis, anchor = reference(ctx)
    if ref is None:
        return None, "relative"
    if anchor is not None and rel is None:
        return anchor.date.year, basis
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
    cands = [dt.date(y, m, 15) for y in (ref.year - 1, ref.year, ref.year + 1)]
    month_ref = dt.date(ref.year, ref.month, 15)
    return pick(cands, month_ref, tense, max_jump=MAX_TENSE_JUMP_DAYS_MONTH).year, basis


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


def make_context(text: str, dct: dt.date | None, mode: str) -> Context:
    return Context(text=text, dct=dct, mode=mode, para_breaks=[m.start() for m in _PARA_BREAK.finditer(text)])
