"""Temporal tagger: find dates, times, durations and sets in text and resolve them.

`tag(text, dct, mode)` returns `Timex` records (TIMEX3 type and value, calendar interval,
precision, basis) with character offsets into `text`, sorted and non-overlapping.
Patterns and word lists live in loaders/rules/timex/; finder.py finds spans, resolver.py
(with context.py and handlers.py) computes values, narrative.py tells which paragraphs
recount the past, tense.py reads the clause around an expression.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import warnings

from ..models import Timex
from .context import MAX_YEAR, MIN_YEAR
from .finder import find_cached
from .handlers import stated_duration
from .resolver import make_context, resolve

__all__ = ["tag", "duration_of", "MODES", "MIN_YEAR", "MAX_YEAR"]

MODES = ("news", "narrative")


def _as_date(dct: dt.date | dt.datetime | str | None) -> dt.date | None:
    if dct is None or dct == "":
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    return dt.date.fromisoformat(str(dct)[:10])


def tag(text: str, dct: dt.date | None, mode: str = "news") -> list[Timex]:
    """Temporal expressions of `text`, resolved against the publication date `dct`.

    mode "news" (the default): relative expressions read against `dct`, except inside the
    paragraphs that recount the past (narrative.py decides, from the text itself: explicit
    dates far behind `dct` outweighing the deictic ones), where year-less dates, weekdays,
    "the next day" and "that winter" follow the latest date the narrative has set, from
    paragraph to paragraph, as long as the text keeps recounting. mode "narrative": every
    explicit date moves the reference time everywhere (a switch kept for callers that know
    the whole text is a history). With `dct=None` relative expressions keep underspecified
    values (XXXX-03-18) and no interval.

    A range written with words ("between 1994 and 1997", "from Aug. 26 to Oct. 20", "Monday
    to Friday") comes out as two DATE expressions, one per end (as TimeML tags it), each with
    the value of its own end, `precision="range"` and `range_start`/`range_end` covering the
    WHOLE range, so a consumer that reads the interval gets the range from either part. A range
    whose first end is no date on its own ("from the 13 to the 15 of July") and a dash range
    ("1994-97", "March 3-5") stay one DURATION carrying both ends.

    "in 5 days" in a clause that looks ahead is the day it points to (value 2025-03-28);
    `duration_of(timex)` still gives the amount (P5D). "within 5 days" is a DURATION whose
    interval runs from `dct` to that day.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    if not text:
        return []
    ref = _as_date(dct)
    hits = find_cached(text)
    ctx = make_context(text, ref, mode, hits)
    out: list[Timex] = []
    for hit in hits:
        ctx.enter(hit.start)
        try:
            r = resolve(hit, ctx)
        except Exception as e:  # one odd expression must never cost the article its other dates
            warnings.warn(f"timex rule {hit.rule.name} failed on {hit.text!r}: {e!r}", stacklevel=2)
            continue
        if r is None:
            continue
        per = r.period
        if per.start is not None and per.end is not None:
            if not (MIN_YEAR <= per.start.year and per.end.year <= MAX_YEAR):
                warnings.warn(f"timex {hit.text!r} resolves outside {MIN_YEAR}-{MAX_YEAR}: dropped", stacklevel=2)
                continue
            if per.start > per.end:
                continue
        if r.parts:  # a range written with words: one DATE per end, each keeping the whole range
            for start, end, own in r.parts:
                span = per if r.joined else own
                out.append(Timex(start=start, end=end, text=text[start:end], type="DATE", value=own.value,
                                 range_start=span.start, range_end=span.end,
                                 precision="range" if r.joined else own.precision,
                                 basis=r.basis, mod=r.mod, rule=hit.rule.name))
            continue
        out.append(Timex(start=hit.start, end=hit.end, text=hit.text, type=r.type, value=per.value,
                         range_start=per.start, range_end=per.end, precision=per.precision,
                         basis=r.basis, mod=r.mod, rule=hit.rule.name))
    return _join_day_pairs(text, out)


#: rules whose expression points to a day by an amount of time ("in 5 days", "3 weeks from now",
#: "2 weeks after yesterday"): the amount stays readable with `duration_of`
OFFSET_RULES = frozenset(("in_units", "ago", "offset_anchor", "later_num"))


def duration_of(t: Timex) -> str | None:
    """The amount of time an expression states, as a TIMEX3 duration: a DURATION's own value,
    or for a day reached by an offset ("in 5 days" -> value 2025-03-28) the offset (P5D).
    None when the expression states no amount."""
    if t.type == "DURATION":
        return t.value
    if t.rule in OFFSET_RULES:
        return stated_duration(t.text)
    return None


#: what may stand between two days that together make one span ("Sunday and Monday",
#: "late on Saturday and early Sunday", "Friday to Sunday")
_DAY_LINK = re.compile(r"^[\s,]*(?:and|to|through|until|till|-|–)\s*(?:on\s+)?$", re.I)
#: two linked days further apart than this are two separate dates, not one span
MAX_JOINED_DAYS = 7
#: "from X to Y", "between X and Y": the lead-in makes any two dates of one precision one span
_SPAN_LEAD = re.compile(r"\b(?P<lead>from|between)\s+(?:the\s+)?$", re.I)
_SPAN_LINK = {"from": re.compile(r"^\s*(?:to|until|till|through|thru|-|–)\s*$", re.I),
              "between": re.compile(r"^\s*(?:and|-|–)\s*$", re.I)}
#: "2021/03/01 - 2021/04/15": two explicit days joined by a dash make one span up to this long
MAX_DASHED_DAYS = 366
_DASH = re.compile(r"^\s*[-–]\s*$")


def _joined(text: str, a: Timex, b: Timex) -> bool:
    """Do two neighbouring expressions make one span?"""
    if a.range_start is None or b.range_start is None or a.range_end is None or b.range_end is None:
        return False
    if a.precision != b.precision or a.precision not in ("day", "month", "year") or b.range_start <= a.range_start:
        return False
    gap = text[a.end:b.start]
    lead = _SPAN_LEAD.search(text, max(0, a.start - 14), a.start)
    if lead and _SPAN_LINK[lead.group("lead").lower()].match(gap):
        return True
    days = (b.range_start - a.range_start).days
    if a.precision == "day" and days <= MAX_JOINED_DAYS and _DAY_LINK.match(gap):
        return True
    return a.precision == "day" and a.basis == b.basis == "explicit" and days <= MAX_DASHED_DAYS \
        and bool(_DASH.match(gap))


def _join_day_pairs(text: str, out: list[Timex]) -> list[Timex]:
    """"on Sunday and Monday", "from 2025/06/02 to 2025/06/30": both ends keep their own value,
    and both carry the span of the two as their interval (precision "range"), so an event dated
    by either gets the whole span."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not _joined(text, a, b):
            continue
        lo, hi = a.range_start, b.range_end
        out[i] = dataclasses.replace(a, range_start=lo, range_end=hi, precision="range")
        out[i + 1] = dataclasses.replace(b, range_start=lo, range_end=hi, precision="range")
    return out
