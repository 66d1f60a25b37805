"""One handler per rule family: captured groups + context -> TIMEX3 value and interval.

Why: rules.txt names a handler for each rule; keeping the handlers together and
free of pattern text lets analysts add patterns without touching Python, and lets a
new kind of expression be added as one function.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from . import periods as P
from .context import (
    Context,
    Resolved,
    pick,
    reference,
    weekday_date,
    year_for_month,
    year_for_month_day,
)
from .finder import Hit, match_at
from .periods import Period
from .resources import lexicon, norm_key
from .tense import sentence_bounds
from .words import day_of, mod_of, month_of, number, pod_of, rel_of, safe_date, unit_of, year_of


# ---- handlers -------------------------------------------------------------------------------
def h_date(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    mod = mod_of(g.get("mod"))
    if "decade" in g or "decade_short" in g or "decade_word" in g:
        if g.get("decade"):
            first = int(g["decade"])
        elif g.get("decade_short"):
            d2 = int(g["decade_short"])
            first = (1900 if d2 >= 30 else 2000) + d2
        else:
            words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
            first = 1920 + 10 * words.index(norm_key(g["decade_word"]))
        return Resolved("DATE", P.decade(first).with_mod(mod), mod=mod)
    if "century" in g:
        n = lexicon().ordinals.get(norm_key(g["century"]))
        return Resolved("DATE", P.century(n).with_mod(mod), mod=mod) if n else None
    y = year_of(g, "year", "year_short", ref_year=ctx.ref_year)
    basis = "explicit"
    if "half" in g or "half_first" in g:
        h = 1 if ("half_first" in g or norm_key(g.get("half", "")) == "first") else 2
        if y is None:
            if ctx.dct is None:
                return None
            y, basis = ctx.dct.year + rel_of(g.get("rel_y")), "relative"
        return Resolved("DATE", P.half(y, h), basis)
    if y is None and g.get("rel_y") and ctx.dct is not None:  # "June last year"
        y, basis = ctx.dct.year + rel_of(g["rel_y"]), "relative"
    if y is None and g.get("that_y"):  # "October 6 of that year": the year the text last named
        ref = ctx.last_set or ctx.last_ref
        if ref is not None:
            y, basis = ref.year, "narrative"
    if "season" in g:
        code = lexicon().seasons.get(norm_key(g["season"]))
        return Resolved("DATE", P.season(y, code).with_mod(mod), basis, mod) if code and y else None
    m = month_of(g.get("month") or g.get("month_a") or g.get("month_b"))
    d = day_of(g.get("day") or g.get("day_a") or g.get("day_b") or g.get("day_w"))
    if m and d:
        if y is None:
            wd = lexicon().weekdays.get(norm_key(g["weekday"])) if g.get("weekday") else None
            y, basis = _year_with_weekday(ctx, hit, m, d, wd)
            if y is None:
                return Resolved("DATE", Period(f"XXXX-{m:02d}-{d:02d}", None, None, "day"), "relative")
        date = safe_date(y, m, d)
        if date is None:
            return None
        if g.get("hour24"):
            return Resolved("TIME", P.day_time(date, f"{int(g['hour24']):02d}:{g['minute24']}"), basis)
        if g.get("pod") and pod_of(g):  # "the night of 5-6 June 1944"
            return Resolved("TIME", P.day_time(date, pod_of(g)), basis)
        return Resolved("DATE", _since(hit, ctx, P.day(date)), basis)
    if m:
        if y is None:
            y, basis = year_for_month(ctx, hit, m)
            if y is None:
                return Resolved("DATE", Period(f"XXXX-{m:02d}", None, None, "month"), "relative", mod)
        return Resolved("DATE", _since(hit, ctx, P.month(y, m).with_mod(mod)), basis, mod)
    if y is not None:
        return Resolved("DATE", _since(hit, ctx, P.year(y).with_mod(mod)), basis, mod)
    return None


def _year_with_weekday(ctx: Context, hit: Hit, m: int, d: int, wd: int | None) -> tuple[int | None, str]:
    """A weekday next to a year-less date picks the year in which they agree."""
    y, basis = year_for_month_day(ctx, hit, m, d)
    if y is None or wd is None:
        return y, basis
    ref, _, anchor = reference(ctx)
    tense = ctx.tense(hit) if anchor is None else None
    for cand in (y, y - 1, y + 1):
        date = safe_date(cand, m, d)
        if not date or date.isoweekday() != wd or ref is None:
            continue
        if (tense == "past" and date > ref + dt.timedelta(days=1)) or (tense == "future" and date < ref):
            continue  # "the strike came on Tuesday 3 March": not a Tuesday still to come
        return cand, basis
    return y, basis


def _since(hit: Hit, ctx: Context, p: Period) -> Period:
    """'since Oct. 17': the interval runs from that date to the publication date."""
    before = ctx.text[max(0, hit.start - 12):hit.start].lower().split()
    if before and before[-1] == "since" and ctx.dct and p.start and p.start <= ctx.dct:
        return Period(p.value, p.start, ctx.dct, "range")
    return p


def h_weekday(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    wd = lexicon().weekdays.get(norm_key(g.get("weekday", "")))
    if wd is None:
        return None
    pod = pod_of(g)
    rel = norm_key(g.get("rel", ""))
    anchor = ctx.anchor if ctx.anchor and ctx.anchor.precision == "day" else None
    ref = anchor.date if anchor else ctx.dct
    basis = "narrative" if anchor else "relative"
    if ref is None:
        v = f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")
        return Resolved("TIME" if pod else "DATE", Period(v, None, None, "day"), basis)
    arel = norm_key(g.get("arel", ""))
    if arel:  # "the following Monday": after the day the text named last (else the reference day)
        if ctx.last_day is not None and not anchor:
            ref, basis = ctx.last_day, "narrative"
        step = -1 if arel in ("previous", "preceding", "prior") else 1
        date = ref + dt.timedelta(days=step)
        while date.isoweekday() != wd:
            date += dt.timedelta(days=step)
        per = P.day_time(date, pod) if pod else P.day(date)
        return Resolved("TIME" if pod else "DATE", per, basis)
    tense = None if rel else ctx.tense(hit)
    if not rel and ctx.text.startswith(("'s", "’s"), hit.end) and tense == "future":
        # "Wednesday's ruling": a possessive weekday names a known event; only an explicit
        # lead-in ("ahead of Friday's vote") makes it a coming one
        lead = ctx.text[max(0, hit.start - 30):hit.start].lower().rstrip()
        tense = "future" if lead.endswith(lexicon().future_phrases) else "past"
    if anchor is not None and not rel and ctx.in_narrative:
        tense = "future"  # a story that recounts the past moves forward: "On Monday" after 6 October
    date = weekday_date(ref, wd, rel, tense)
    per = P.day_time(date, pod) if pod else _since(hit, ctx, P.day(date))  # "since Saturday": a span to now
    return Resolved("TIME" if pod else "DATE", per, basis)


#: words of the part-of-day rules ("this morning", "last night"); the day words of relative_days.txt
#: ("yesterday", "tmrw") come from the lexicon
_RELDAY = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


def h_reldate(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    word = norm_key(g.get("relday", ""))
    pod = pod_of(g)
    if word == "the":  # "the morning": the day the story is about
        ref, basis = (ctx.last_day, "narrative") if ctx.last_day else (ctx.dct, "relative")
        offset = 0
    else:
        ref, basis = ctx.dct, "relative"
        offset = _RELDAY.get(word, lexicon().reldays.get(word, 0))
        if word == "last" and pod not in ("NI", "EV"):
            return None
    if ref is None:
        return Resolved("TIME" if pod else "DATE", Period("PRESENT_REF" if offset == 0 and not pod else "XXXX-XX-XX", None, None, "unknown"), basis)
    date = ref + dt.timedelta(days=offset)
    per = P.day_time(date, pod) if pod else P.day(date)
    return Resolved("TIME" if pod else "DATE", per, basis)


def _unit_period(unit: str, ref: dt.date, n: int) -> Period | None:
    """The calendar unit containing ref, shifted n units."""
    if unit == "D":
        return P.day(ref + dt.timedelta(days=n))
    if unit == "W":
        return P.week(ref + dt.timedelta(weeks=n))
    if unit == "M":
        return P.month(*P.add_months(ref.year, ref.month, n))
    if unit == "Q":
        return P.quarter(*P.shift_quarter(ref.year, P.quarter_of(ref), n))
    if unit == "Y":
        return P.year(ref.year + n)
    if unit == "DE":
        return P.decade((ref.year // 10 + n) * 10)
    if unit == "CE":
        return P.century(ref.year // 100 + 1 + n)
    return None


def _season_rel(code: str, ref: dt.date, rel: int) -> Period:
    cur_y, cur_code = P.season_of(ref)
    order = P.SEASON_ORDER
    # index seasons on one axis: winter of year y precedes spring of year y+1
    def idx(y: int, c: str) -> int:
        return (y + (c == "WI")) * 4 + order.index(c)

    cur = idx(cur_y, cur_code)
    cands = [(y, code) for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)]
    if rel < 0:
        y, c = max((yc for yc in cands if idx(*yc) < cur), key=lambda yc: idx(*yc))
    elif rel > 0:
        y, c = min((yc for yc in cands if idx(*yc) > cur), key=lambda yc: idx(*yc))
    else:  # "this summer": the one of the current year (winter: the one around now)
        y = cur_y if code == "WI" and cur_code == "WI" else (ref.year if code != "WI" else ref.year - (ref.month < 12))
        c = code
    return P.season(y, c)


#: relative words that count from the story's time, not from the publication date
_ANAPHORIC_REL = re.compile(r"\b(?:following|previous|preceding|prior)\b", re.I)


def h_relunit(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return None
    attrs = dict(hit.rule.attrs)
    rel = rel_of(g.get("rel") or attrs.get("rel"), 0)
    if g.get("wafter"):  # "the week after next", "the month before last"
        rel = 2 if norm_key(g["wafter"]).startswith("after") else -2
    mod = attrs.get("mod") if attrs.get("mod") in ("START", "MID", "END") else mod_of(g.get("mod"))
    soft = norm_key(g.get("mod2") or g.get("mod") or "")
    # "the following winter", "the previous year" in a story that set its own time: from that time
    anaphoric = ctx.anchor is not None and _ANAPHORIC_REL.search(g.get("rel") or "") is not None
    if "season" in g:
        code = lexicon().seasons.get(norm_key(g["season"]))
        if not code:
            return None
        if anaphoric:
            return Resolved("DATE", _season_rel(code, ctx.anchor.date, rel).with_mod(mod), "narrative", mod)
        return Resolved("DATE", _season_rel(code, ctx.dct, rel).with_mod(mod), "relative", mod)
    unit = unit_of(g.get("unit")) or attrs.get("unit")
    if unit == "WE":
        return h_weekend(hit, {"rel": g.get("rel", "this")}, ctx)
    ref, basis = ctx.dct, "relative"
    if attrs.get("anchor") == "last_day" and ctx.last_day is not None:  # "the week" after "On March 3"
        ref, basis = ctx.last_day, "narrative"
    elif (norm_key(g.get("rel", "")) == "the" or anaphoric) and ctx.anchor is not None:
        ref, basis = ctx.anchor.date, "narrative"  # "by the end of the month" in a history
    per = _unit_period(unit or "", ref, rel)
    if per is None:
        return None
    if soft in ("earlier", "later") and per.start and per.end and per.start <= ctx.dct <= per.end:
        # "earlier this month" is over by the publication day; "later this year" is still to come
        one = dt.timedelta(days=1)
        if soft == "earlier":
            per = Period(per.value, per.start, max(per.start, ctx.dct - one), per.precision)
        else:
            per = Period(per.value, min(per.end, ctx.dct + one), per.end, per.precision)
    return Resolved("DATE", per.with_mod(mod), basis, mod)


def h_weekend(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return None
    rel = norm_key(g.get("rel") or "the")
    ref = ctx.dct
    sat_back = ref - dt.timedelta(days=(ref.isoweekday() - 6) % 7)  # latest Saturday on/before
    in_weekend = ref.isoweekday() >= 6
    if rel in ("last", "past", "this past"):
        sat = sat_back if not in_weekend else sat_back - dt.timedelta(days=7)
    elif rel in ("next", "coming", "this coming"):
        sat = sat_back + dt.timedelta(days=7)
    else:
        tense = ctx.tense(hit)
        sat = sat_back if (in_weekend or tense != "future") else sat_back + dt.timedelta(days=7)
    return Resolved("DATE", P.weekend(sat), "relative")


def _shift(per_unit: str, ref: dt.date, n: int) -> Period | None:
    """The unit containing ref moved n units (granularity of the unit)."""
    if per_unit == "D":
        return P.day(ref + dt.timedelta(days=n))
    if per_unit == "W":
        return P.week(ref + dt.timedelta(weeks=n))
    if per_unit in ("M", "Q", "Y", "DE", "CE"):
        months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[per_unit] * n
        y, m = P.add_months(ref.year, ref.month, months)
        if per_unit == "M":
            return P.month(y, m)
        if per_unit == "Q":
            return P.quarter(y, (m - 1) // 3 + 1)
        return P.year(y)
    if per_unit in ("TH", "TM"):
        return P.day(ref)
    return None


def h_ago(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    n = number(g.get("num")) if g.get("num") else "X"
    unit = unit_of(g.get("unit"))
    direction = 1 if norm_key(g.get("dir", "ago")) in ("from now", "hence") else -1
    if n == "X" or n is None or unit is None:
        return Resolved("DATE", Period("PAST_REF" if direction < 0 else "FUTURE_REF", None, None, "unknown"), "relative")
    if ctx.dct is None:
        return None
    if unit == "Y" and n == 1 and direction < 0 and ctx.quarter_context(hit.start):
        return Resolved("DATE", _year_ago_quarter(ctx), "relative")
    days = _offset_days(unit, n) if direction > 0 else None
    if days is not None:  # "10 days from now", "2 weeks from now": the day it points to
        return Resolved("DATE", P.day(ctx.dct + dt.timedelta(days=days)), "relative")
    per = _shift(unit, ctx.dct, direction * int(n))
    return Resolved("DATE", per, "relative") if per else None


def _year_ago_quarter(ctx: Context) -> Period:
    """Results news compares a quarter with the same quarter a year before ("up from $2 a
    year ago"): once the story has named a quarter, "a year ago" is that reporting quarter
    (the last completed one before publication) minus four."""
    if ctx.dct is not None:
        y, q = P.shift_quarter(ctx.dct.year, P.quarter_of(ctx.dct), -1)
    else:
        y, q = ctx.last_quarter  # type: ignore[misc]
    return P.quarter(y - 1, q)


_ANAPHOR_DIR = {"following": 1, "next": 1, "later": 1, "after": 1, "afterward": 1, "afterwards": 1,
                "previous": -1, "preceding": -1, "prior": -1, "earlier": -1, "before": -1,
                "previously": -1, "same": 0, "that": 0}


def h_anaphor(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    attrs = dict(hit.rule.attrs)
    direction = _ANAPHOR_DIR.get(norm_key(g.get("dir") or g.get("dir_b") or attrs.get("dir", "")), 0)
    if g.get("season"):  # "that summer", "the following winter"
        code = lexicon().seasons.get(norm_key(g["season"]))
        ref = ctx.anchor.date if ctx.anchor else (ctx.last_ref or ctx.dct)
        if code is None or ref is None:
            return None
        basis = "narrative" if (ctx.anchor or ctx.last_ref) else "relative"
        return Resolved("DATE", P.season(ref.year + direction, code), basis)
    unit_word = norm_key(g.get("unit") or "")
    pod = lexicon().pods.get(unit_word)
    unit = "D" if pod else (unit_of(unit_word) or attrs.get("unit"))
    n = number(g.get("num") or attrs.get("num") or "1")
    if n == "X" or n is None or unit is None:
        return None
    n = int(n)
    if unit == "Y" and n == 1 and direction < 0 and ctx.quarter_context(hit.start):
        return Resolved("DATE", _year_ago_quarter(ctx), "relative")
    coarse = None
    if ctx.anchor is not None:
        ref, basis = ctx.anchor.date, "narrative"
        if ctx.anchor.precision in ("month", "year") and unit in ("D", "W"):
            if ctx.last_day is not None and ctx.last_day >= ref:  # a day the story set since
                ref = ctx.last_day
            else:  # "In October 2023 ... Two days later": no day to count from
                coarse = ctx.anchor.precision
    elif ctx.last_day is not None and unit in ("D", "W"):
        ref, basis = ctx.last_day, "narrative"
        if direction == 0 and ctx.last_ref is not None and ctx.last_ref_pos > ctx.last_day_pos \
                and ctx.last_ref_prec in ("month", "year"):
            # "the bridge fell last November ... the ferry ran that same day": the time just named, not
            # of an older day; its day is unknown, so the value keeps that time's precision
            ref, coarse = ctx.last_ref, ctx.last_ref_prec
    elif ctx.last_ref is not None and unit not in ("D", "W"):
        ref, basis = ctx.last_ref, "narrative"
    else:
        ref, basis = ctx.dct, "relative"
    if ref is None:
        return None
    if unit == "WE":
        return None
    per = _shift(unit, ref, direction * n)
    if per is None:
        return None
    if coarse is not None and per.start is not None:  # keep the anchor's own precision, never a false day
        per = P.month(per.start.year, per.start.month) if coarse == "month" else P.year(per.start.year)
    if pod and per.start:
        per = P.day_time(per.start, pod)
        return Resolved("TIME", per, basis)
    return Resolved("DATE", per, basis)


#: a fractional amount is written in the next smaller unit (2 1/2 years -> P2Y6M)
_SMALLER = {"Y": ("M", 12), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def _duration_value(n: float | int | str, unit: str) -> str:
    if isinstance(n, float) and not n.is_integer() and unit in _SMALLER:
        whole, frac = int(n), n - int(n)
        small, factor = _SMALLER[unit]
        rest = round(frac * factor)
        head = _duration_value(whole, unit) if whole else "P"
        tail = _duration_value(rest, small)[1:]  # drop the "P"
        if head.startswith("PT") and tail.startswith("T"):
            tail = tail[1:]
        elif "T" in head and tail.startswith("T"):
            tail = tail[1:]
        return head + tail if head != "P" else "P" + tail
    if n == "X":
        nn = "X"
    else:
        nn = f"{n:g}" if isinstance(n, float) else str(n)
    if unit in ("DE", "CE") and n != "X":
        return f"P{int(n) * (10 if unit == 'DE' else 100)}Y"
    if unit == "DE":
        return "PXY"  # TimeML writes vague decades in years
    if unit == "CE":
        return "P" + "X" + "CE"
    if unit == "Q":
        return f"P{int(n) * 3}M" if n != "X" else "PXM"
    if unit == "WE":
        return f"P{nn}WE"
    if unit.startswith("T"):
        return f"PT{nn}{unit[1:]}"
    return f"P{nn}{unit}"


def _span_shift(ref: dt.date, unit: str, n: int) -> dt.date | None:
    """`ref` moved by n units (negative n: back); None when the result is not a date."""
    try:
        if unit == "D":
            return ref + dt.timedelta(days=n)
        if unit == "W":
            return ref + dt.timedelta(weeks=n)
        if unit in ("M", "Q", "Y", "DE", "CE"):
            months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
            y, m = P.add_months(ref.year, ref.month, months)
            return dt.date(y, m, min(ref.day, P.last_day_of_month(y, m)))
        if unit == "TH":
            return ref + dt.timedelta(days=int(n / 24))
        if unit.startswith("T"):
            return ref
    except (ValueError, OverflowError):
        return None
    return None


_A_UNIT = re.compile(r"an?\s+[a-z]+$", re.I)
_RATE_AFTER = re.compile(r"(?:[0-9%]|\b(?:million|billion|trillion|thousand|hundred|percent|cents?|dollars?|"
                         r"seats|flights|times|barrels|tons|tonnes|people|shares)),?\s*$", re.I)


def h_duration(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    attrs = dict(hit.rule.attrs)
    n = number(g.get("num")) if g.get("num") else attrs.get("num", "X")
    unit = unit_of(g.get("unit"))
    if n is None or unit is None:
        return None
    if n != "X" and isinstance(n, (int, float)) and n <= 0:
        return None
    if n != "X" and re.search(r"and\s+a\s+half", hit.text, re.I) and isinstance(n, int):
        n = n + 0.5
    value = _duration_value(n, unit)
    if n == 1 and _RATE_AFTER.search(ctx.text, max(0, hit.start - 30), hit.start) and _A_UNIT.match(hit.text):
        # "$500 million a year", "700 seats a week": a rate, i.e. a TimeML SET, not a span of time
        return Resolved("SET", Period(value, None, None, "unknown"))
    tied = attrs.get("tied")
    if tied and ctx.dct is not None and n != "X":
        whole = int(round(n)) if isinstance(n, float) else n
        if tied == "past":
            s = _span_shift(ctx.dct, unit, -whole)
            if s:
                return Resolved("DURATION", Period(value, s, ctx.dct, "range"), "relative")
        else:
            e = _span_shift(ctx.dct, unit, whole)
            if e:
                return Resolved("DURATION", Period(value, ctx.dct, e, "range"), "relative")
    basis = "relative" if tied else "explicit"
    return Resolved("DURATION", Period(value, None, None, "unknown"), basis)


def h_quarter(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    qs = g.get("quarter", "")
    q = int(qs) if qs.isdigit() else lexicon().ordinals.get(norm_key(qs))
    if not q or q > 4:
        return None
    y = year_of(g, "year", "year_b", "year_short", ref_year=ctx.ref_year)
    basis = "explicit"
    if re.search(r"quarters\b", hit.text, re.I):
        return Resolved("SET", Period(f"XXXX-Q{q}", None, None, "unknown"))
    if y is None:
        if ctx.dct is None:
            return Resolved("DATE", Period(f"XXXX-Q{q}", None, None, "quarter"), "relative")
        basis = "relative"
        if g.get("yref") or g.get("yref_b"):
            y = ctx.dct.year + rel_of(g.get("yref") or g.get("yref_b"))
        elif g.get("yearago"):
            base = ctx.last_quarter[0] if ctx.last_quarter else ctx.dct.year
            y = base - 1
        else:
            # a quarter not yet over lies ahead unless the clause is past ("profit rose in the
            # third quarter"); a finished one lies behind unless the clause looks ahead
            y = ctx.dct.year
            tense = ctx.tense(hit)
            if q > P.quarter_of(ctx.dct) and tense == "past":
                y -= 1
    if ctx.dct is None or abs(y - ctx.dct.year) <= 1:
        ctx.last_quarter = (y, q)
        ctx.last_quarter_pos = hit.end
    return Resolved("DATE", P.quarter(y, q), basis)


def h_quarter_ref(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    text = norm_key(hit.text)
    qrel = norm_key(g.get("qrel", ""))
    if text.endswith("period") and not qrel:
        return _year_period(hit, g, ctx)
    if ctx.dct is None:
        return None
    cur = (ctx.dct.year, P.quarter_of(ctx.dct))
    reporting = P.shift_quarter(*cur, -1)  # the last completed quarter: what results report on
    anaphoric = text.startswith("that ")
    base = (ctx.last_quarter or reporting) if anaphoric else reporting
    if g.get("year"):
        base = (int(g["year"]), reporting[1])
    shift = 0
    if "current" in qrel:
        base = cur
    elif "previous" in qrel or "prior" in qrel:
        shift = -1
    elif "next" in qrel:
        shift = 1
    if re.search(r"year[- ](?:ago|earlier)|a year (?:ago|earlier)|^last year", text) or "comparable" in qrel:
        shift -= 4
    y, q = P.shift_quarter(*base, shift)
    return Resolved("DATE", P.quarter(y, q), "relative")


def _year_period(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"the 1988 period": results talk for the same stretch (a quarter, nine months) of that year;
    which stretch the text does not say, the year it lies in it does. "the period" with no year
    names nothing of its own."""
    y = year_of(g, "year")
    if y is None:
        return None
    return Resolved("DATE", P.year(y), "explicit")


def h_ref(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    value = dict(hit.rule.attrs).get("value", "PRESENT_REF")
    if value == "PRESENT_REF" and ctx.dct is not None:
        return Resolved("DATE", Period(value, ctx.dct, ctx.dct, "day"), "relative")
    return Resolved("DATE", Period(value, None, None, "unknown"), "relative")


_ADVERB_SET = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "fortnightly": "P2W"}


def h_set(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    lx = lexicon()
    pod = pod_of({"pod": g["pod"].rstrip("s")}) if g.get("pod") else None
    if g.get("adverb"):
        value = _ADVERB_SET.get(norm_key(g["adverb"]))
    elif g.get("weekday_pl") or g.get("weekday"):
        w = norm_key(g.get("weekday_pl") or g.get("weekday"))
        wd = lx.weekdays.get(w.rstrip("s")) or lx.weekdays.get(w)
        value = f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "") if wd else None
    elif g.get("month"):
        value = f"XXXX-{month_of(g['month']):02d}"
    else:
        unit = unit_of(g.get("unit"))
        n = {"other": 2}.get(norm_key(g.get("num", "")), None) or number(g.get("num")) or 1
        value = _duration_value(n, unit) if unit else None
    if not value:
        return None
    return Resolved("SET", Period(value, None, None, "unknown"))


def h_range(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    y1 = year_of(g, "year")
    if g.get("month") and not g.get("day"):
        return _month_range(hit, g, ctx, y1)
    if g.get("month"):
        m1 = month_of(g["month"])
        m2 = month_of(g.get("month_b")) or m1
        d1, d2 = day_of(g.get("day")), day_of(g.get("day_b"))
        if not (m1 and m2 and d1 and d2):
            return None
        basis = "explicit"
        if y1 is None:
            y1, basis = year_for_month_day(ctx, hit, m1, d1)
            if y1 is None:  # no reference date: both ends keep their month and day, no year, no interval
                ends = (Period(f"XXXX-{m1:02d}-{d1:02d}", None, None, "day"),
                        Period(f"XXXX-{m2:02d}-{d2:02d}", None, None, "day"))
                parts = _range_parts(hit, *ends)
                return Resolved("DATE", ends[0], "relative", parts=parts) if parts else None
        s = safe_date(y1, m1, d1)
        e = safe_date(y1 + (m2 < m1), m2, d2)
        if not s or not e or e < s:
            return None
        per = Period(f"P{(e - s).days + 1}D", s, e, "range")
        parts = _range_parts(hit, P.day(s), P.day(e))
        return Resolved("DURATION", per, basis, parts=parts, joined=_is_span(hit, ctx))
    y2 = year_of(g, "year_b")
    if y2 is None and g.get("year_b2") and y1:
        y2 = (y1 // 100) * 100 + int(g["year_b2"])
    if not (y1 and y2) or y2 < y1:
        return None
    per = Period(f"P{y2 - y1 + 1}Y", dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range")
    return Resolved("DURATION", per, parts=_range_parts(hit, P.year(y1), P.year(y2)), joined=_is_span(hit, ctx))


def _month_range(hit: Hit, g: dict[str, str], ctx: Context, y1: int | None) -> Resolved | None:
    """"between November 2023 and January 2025", "from March to May": whole months at both ends."""
    m1, m2 = month_of(g.get("month")), month_of(g.get("month_b"))
    if not (m1 and m2):
        return None
    y2 = year_of(g, "year_b")
    basis = "explicit" if (y1 or y2) else "relative"
    if y1 is None and y2 is not None:
        y1 = y2 - (m1 > m2)
    if y1 is None:
        y1, basis = year_for_month_day(ctx, hit, m1, 1)
        if y1 is None:
            return None
    if y2 is None:
        y2 = y1 + (m2 < m1)
    first, second = P.month(y1, m1), P.month(y2, m2)
    if first.start is None or second.end is None or second.end < first.start:
        return None
    months = (y2 - y1) * 12 + m2 - m1 + 1
    per = Period(f"P{months}M", first.start, second.end, "range")
    return Resolved("DURATION", per, basis, parts=_range_parts(hit, first, second), joined=_is_span(hit, ctx))


_WORD_LINK = re.compile(r"^[\s,]*(?:and|to|through|until|till)[\s,]*$", re.I)
_AND_LINK = re.compile(r"\sand\s", re.I)
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)


def _is_span(hit: Hit, ctx: Context) -> bool:
    """"between X and Y", "X to Y" make one span; "on March 3 and March 20" is a list of two."""
    if not _AND_LINK.search(hit.text):
        return True
    return bool(_BETWEEN.search(ctx.text[max(0, hit.start - 12):hit.start]))


def _range_parts(hit: Hit, first: Period, second: Period) -> tuple[tuple[int, int, Period], ...]:
    """The two ends of a range joined by a word, as TimeML tags them (one DATE each):
    "between [1994] and [1997]", "on [April 24] and [25]". A dash range ("1994-97",
    "March 3-5") stays one expression."""
    if ("split", "range") not in hit.rule.attrs:
        return ()
    spans = {name: (s, e) for name, s, e in hit.spans}
    second_start = min((spans[k][0] for k in ("month_b", "day_b", "year_b") if k in spans), default=None)
    first_end = max((spans[k][1] for k in ("month", "day", "year") if k in spans and spans[k][0] < (second_start or 0)),
                    default=None)
    if second_start is None or first_end is None:
        return ()
    text = hit.text
    off = hit.start
    if not _WORD_LINK.match(text[first_end - off:second_start - off]):
        return ()
    return ((hit.start, first_end, first), (second_start, hit.end, second))


def _clock(g: dict[str, str]) -> str | None:
    if g.get("noon"):
        return "12:00" if norm_key(g["noon"]) == "noon" else "24:00"
    if g.get("hour"):
        h = int(g["hour"]) % 12
        if norm_key(g.get("ampm", "")).startswith("p"):
            h += 12
        return f"{h:02d}:{g.get('minute') or '00'}"
    if g.get("hour24"):
        return f"{int(g['hour24']):02d}:{g['minute24']}"
    if g.get("hmil"):
        return f"{g['hmil']}:{g['mmil']}"
    if g.get("hourw"):
        return _hour_of_day(g["hourw"], norm_key(g.get("podw") or g.get("podw_n") or ""))
    return None


_HOUR_WORDS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), 1)}


def _hour_of_day(hour: str, pod: str) -> str | None:
    """"4 in the morning" 04:00, "2 in the afternoon" 14:00, "9 in the evening" 21:00, "11 at night"
    23:00, "2 at night" 02:00, "12 at night" 24:00 (midnight); an hour the part of the day does not
    hold ("one in the evening") is no clock time."""
    h = int(hour) if hour.isdigit() else _HOUR_WORDS.get(norm_key(hour))
    if h is None or h not in _POD_HOURS.get(pod, ()):
        return None
    if pod == "morning" or (pod == "night" and h < 6):
        return f"{h % 12:02d}:00"
    if pod == "night" and h == 12:
        return "24:00"
    return f"{h % 12 + 12:02d}:00"


#: the hours each part of the day holds, as people say them
_POD_HOURS = {"morning": frozenset(range(1, 13)), "afternoon": frozenset((12, 1, 2, 3, 4, 5, 6)),
              "evening": frozenset(range(4, 12)), "night": frozenset((7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5))}


def h_time(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    clock = _clock(g)
    if clock is None:
        return None
    day_res: Resolved | None
    if g.get("month"):
        day_res = h_date(hit, {k: v for k, v in g.items() if k in ("month", "day", "year", "weekday")}, ctx)
    elif g.get("weekday"):
        day_res = h_weekday(hit, {"weekday": g["weekday"]}, ctx)
    elif g.get("relday"):
        day_res = h_reldate(hit, {"relday": g["relday"]}, ctx)
    else:
        ref = ctx.last_day or ctx.dct
        day_res = Resolved("DATE", P.day(ref), "narrative" if ctx.last_day else "relative") if ref else None
    if day_res is None or day_res.period.start is None:
        return Resolved("TIME", Period(f"XXXX-XX-XXT{clock}", None, None, "unknown"), "relative")
    return Resolved("TIME", P.day_time(day_res.period.start, clock), day_res.basis)


def h_holiday(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    spec = lexicon().holidays.get(norm_key(g.get("holiday", "")))
    if not spec:
        return None
    y = year_of(g, "year")
    basis = "explicit"
    if y is None:
        ref, basis, _ = reference(ctx)
        if ref is None:
            return None
        rel = g.get("rel")
        cands = [d for yy in (ref.year - 1, ref.year, ref.year + 1) if (d := P.holiday_date(spec, yy))]
        if rel:
            r = rel_of(rel)
            if r < 0:
                d = max(c for c in cands if c < ref)
            elif r > 0:
                d = min(c for c in cands if c > ref)
            else:
                d = next(c for c in cands if c.year == ref.year)
        else:
            d = pick(cands, ref, ctx.tense(hit))
    else:
        d = P.holiday_date(spec, y)
    if d is None:
        return None
    return Resolved("DATE", P.week(d) if g.get("hweek") else P.day(d), basis)


def h_weekof(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    if g.get("ordweek"):  # "the first week of October": days 1-7, 8-14, ... of the month
        r = h_date(hit, {k: v for k, v in g.items() if k in ("month", "year")}, ctx)
        if r is None or r.period.start is None or r.period.end is None:
            return None
        k = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(norm_key(g["ordweek"]))
        s = r.period.start + dt.timedelta(days=7 * k) if k is not None else r.period.end - dt.timedelta(days=6)
        e = min(s + dt.timedelta(days=6), r.period.end)
        return Resolved("DATE", Period(P.week(s).value, s, e, "week"), r.basis)
    r = h_date(hit, g, ctx)
    if r is None or r.period.start is None:
        return None
    return Resolved("DATE", P.week(r.period.start), r.basis)


def h_month(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    m = month_of(g.get("month"))
    if not m:
        return None
    rel = rel_of(g["rel"]) if g.get("rel") else None
    y, basis = year_for_month(ctx, hit, m, rel)
    if y is None:
        return Resolved("DATE", Period(f"XXXX-{m:02d}", None, None, "month"), "relative")
    return Resolved("DATE", _since(hit, ctx, P.month(y, m)), basis)


def h_season(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    code = lexicon().seasons.get(norm_key(g.get("season", "")))
    mod = mod_of(g.get("mod"))
    ref, basis, anchor = reference(ctx)
    if not code or ref is None:
        return None
    if anchor is not None:
        return Resolved("DATE", P.season(anchor.date.year, code).with_mod(mod), basis, mod)
    tense = ctx.tense(hit)
    cands = [P.season(y, code) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "future":
        ok = [c for c in cands if c.end and c.end >= ref]
    else:
        ok = [c for c in cands if c.start and c.start <= ref][-1:]
    per = ok[0] if ok else cands[1]
    return Resolved("DATE", per.with_mod(mod), basis, mod)


@lru_cache(maxsize=4096)
def _dateparser_parse(s: str, languages: tuple[str, ...] = ("en",)) -> dt.date | None:
    """Odd absolute formats (7.10.2023) and other languages (7 octobre 2023): dateparser,
    imported lazily and cached, outside the hot path (only these rules call it)."""
    try:
        import dateparser

        got = dateparser.parse(s, languages=list(languages), settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                                              "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001 - a third-party parser must never break tagging
        return None
    return got.date() if got else None


def h_dateparser(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    langs = tuple(dict(hit.rule.attrs).get("langs", "en").split(","))
    d = _dateparser_parse(hit.text, langs)
    return Resolved("DATE", P.day(d)) if d else None


# ---- all-digit dates -------------------------------------------------------------------------------
def h_numeric(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"2015/05/25", "05-25-2015", "25.05.2015", "7/4/23", "9/2012": the order of day and month
    is the one the text itself uses (context.Context.day_first)."""
    y = year_of(g, "year", "year_short", ref_year=ctx.ref_year)
    if y is None:
        return None
    if g.get("a") or g.get("a2"):
        a, b = int(g.get("a") or g["a2"]), int(g.get("b") or g["b2"])
        sep = g.get("sep") or g.get("sep2") or "/"
        first_is_day = a > 12 or (b <= 12 and ctx.day_first(sep))
        d, m = (a, b) if first_is_day else (b, a)
    elif g.get("day"):
        m, d = int(g["month"]), int(g["day"])
    else:
        m = int(g.get("month") or g["month2"])
        return Resolved("DATE", _since(hit, ctx, P.month(y, m))) if 1 <= m <= 12 else None
    date = safe_date(y, m, d)
    return Resolved("DATE", _since(hit, ctx, P.day(date))) if date else None


# ---- compositions: a day resolved inside the expression, then moved ---------------------------------
def _part(hit: Hit, name: str, ctx: Context) -> tuple[int, int, Hit | None]:
    """The sub-expression captured as group `name` ("yesterday" in "2 weeks after yesterday"),
    matched by the rules in place."""
    for k, s, e in hit.spans:
        if k == name:
            sub = match_at(ctx.text, s, e)
            the = _THE.match(ctx.text, s, e)
            if sub is None and the:  # "before the Nov. 5 election": the day without its article
                sub = match_at(ctx.text, the.end(), e)
            return s, e, sub
    return -1, -1, None


def _resolve_part(sub: Hit | None, ctx: Context) -> Resolved | None:
    """Value of a sub-expression with the rules' own handler; the reference time does not move."""
    if sub is None:
        return None
    g: dict[str, str] = {}
    for k, v in sub.groups:
        g.setdefault(k, v)
    for k, v in sub.rule.attrs:
        g.setdefault(k, v)
    handler = HANDLERS.get(sub.rule.handler)
    return handler(sub, g, ctx) if handler is not None else None


def _day_of_part(r: Resolved | None) -> dt.date | None:
    if r is None or r.period.start is None or r.period.start != r.period.end:
        return None
    return r.period.start


_BACKWARD = frozenset(("before", "prior to", "ago", "before last"))
_THE = re.compile(r"the\s+", re.I)


def h_offset(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"2 weeks after yesterday", "three days before Christmas", "a week from Monday", "the day
    before yesterday", "the Friday before Easter": one expression, one day."""
    _, _, sub = _part(hit, "anchor", ctx)
    anchor = _resolve_part(sub, ctx)
    base = _day_of_part(anchor)
    if base is None:
        return Resolved("DATE", Period("XXXX-XX-XX", None, None, "day"), "relative")
    direction = norm_key(g.get("dir", ""))
    if direction == "from" and sub is not None and sub.rule.handler == "weekday" and not dict(sub.groups).get("rel") \
            and anchor is not None and anchor.basis == "relative" and ctx.dct is not None:
        wd = base.isoweekday()  # "two weeks from Monday": counted from the coming Monday
        base = weekday_date(ctx.dct, wd, "", "future")
    sign = -1 if direction in _BACKWARD else 1
    basis = anchor.basis if anchor is not None else "relative"
    if g.get("weekday"):
        wd = lexicon().weekdays.get(norm_key(g["weekday"]))
        if wd is None:
            return None
        d = base + dt.timedelta(days=sign)
        while d.isoweekday() != wd:
            d += dt.timedelta(days=sign)
        return Resolved("DATE", P.day(d), basis)
    n = number(g.get("num") or "1")
    unit = unit_of(g.get("unit") or g.get("unit_the"))
    if not isinstance(n, (int, float)) or unit is None:
        return None
    if g.get("unit_the") and unit in ("W", "M", "Y"):  # "the week after Christmas": that whole week
        per = _shift(unit, base, sign)
        return Resolved("DATE", per, basis) if per else None
    days = _offset_days(unit, n)
    if days is not None:
        return Resolved("DATE", P.day(base + dt.timedelta(days=sign * days)), basis)
    moved = _span_shift(base, unit, sign * int(n))
    return Resolved("DATE", P.day(moved), basis) if moved else None


def _offset_days(unit: str, n: float) -> int | None:
    """Whole days in an amount of days, weeks or hours (None for months and longer)."""
    if unit == "D":
        return round(n)
    if unit == "W":
        return round(7 * n)
    if unit == "TH":
        return int(n // 24)
    return None


def h_weekday_week(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"Wednesday next week", "Friday of last week", "next week Thursday", "Friday after next"."""
    wd = lexicon().weekdays.get(norm_key(g.get("weekday", "")))
    if wd is None:
        return None
    wrel = norm_key(g.get("wrel", ""))
    anaphoric = wrel.startswith("the ")
    ref, basis = (ctx.last_day, "narrative") if anaphoric and ctx.last_day else (ctx.dct, "relative")
    if ref is None:
        return Resolved("DATE", Period(f"XXXX-WXX-{wd}", None, None, "day"), "relative")
    if g.get("wafter"):
        after = norm_key(g["wafter"]).startswith("after")
        d = weekday_date(ref, wd, "next" if after else "last", None) + dt.timedelta(weeks=1 if after else -1)
        return Resolved("DATE", P.day(d), basis)
    step = {"next": 1, "the following": 1, "the coming": 1, "last": -1, "the previous": -1, "the past": -1}.get(wrel, 0)
    monday = ref - dt.timedelta(days=ref.isoweekday() - 1) + dt.timedelta(weeks=step)
    return Resolved("DATE", P.day(monday + dt.timedelta(days=wd - 1)), basis)


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "last": -1, "final": -1}


def _month_of_phrase(hit: Hit, g: dict[str, str], ctx: Context) -> tuple[Period | None, str]:
    """The month (or year) an ordinal counts in: "October", "March 2020", "next month", "the month"."""
    if g.get("year_only"):
        y = year_of(g, "year_only", ref_year=ctx.ref_year)
        return (P.year(y), "explicit") if y else (None, "explicit")
    unit = "Y" if norm_key(g.get("unit") or g.get("unit_the") or "month") == "year" else "M"
    if g.get("month"):
        m = month_of(g["month"])
        if not m:
            return None, "explicit"
        y = year_of(g, "year", ref_year=ctx.ref_year)
        basis = "explicit"
        if y is None:
            y, basis = year_for_month(ctx, hit, m)
            if y is None:
                return Period(f"XXXX-{m:02d}", None, None, "month"), "relative"
        return P.month(y, m), basis
    rel = norm_key(g.get("rel", ""))
    if rel.startswith("the ") or not rel:  # "the following month", "the month": the story's own time
        ref, basis, _ = reference(ctx)
        if ctx.last_day is not None and ctx.anchor is None and rel.startswith("the "):
            ref, basis = ctx.last_day, "narrative"
    else:
        ref, basis = ctx.dct, "relative"
    if ref is None:
        return None, "relative"
    step = {"next": 1, "the following": 1, "last": -1, "the previous": -1}.get(rel, 0)
    if unit == "Y":
        return P.year(ref.year + step), basis
    return P.month(*P.add_months(ref.year, ref.month, step)), basis


def h_nth_weekday(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"the last Friday in October", "the first Monday of March 2020", "the first day of next
    month", "the last day of February 2024", "the 20th of next month"."""
    per, basis = _month_of_phrase(hit, g, ctx)
    if per is None or per.start is None or per.end is None:
        return Resolved("DATE", Period("XXXX-XX-XX", None, None, "day"), "relative")
    if g.get("day"):  # "the 20th of next month"
        d = day_of(g["day"])
        date = safe_date(per.start.year, per.start.month, d) if d else None
        return Resolved("DATE", P.day(date), basis) if date else None
    nth = _NTH.get(norm_key(g.get("nth", "")))
    if nth is None:
        return None
    if not g.get("weekday"):  # "the first/last day of ..."
        return Resolved("DATE", P.day(per.start if nth > 0 else per.end), basis)
    wd = lexicon().weekdays.get(norm_key(g["weekday"]))
    if wd is None:
        return None
    if nth > 0:
        first = per.start + dt.timedelta(days=(wd - per.start.isoweekday()) % 7)
        date = first + dt.timedelta(weeks=nth - 1)
    else:
        date = per.end - dt.timedelta(days=(per.end.isoweekday() - wd) % 7)
    if date > per.end:
        return None
    return Resolved("DATE", P.day(date), basis)


def h_nth_weekday_from_now(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"3 fridays from now": the third Friday after today; "two Mondays ago"."""
    w = norm_key(g.get("weekday_pl", ""))
    wd = lexicon().weekdays.get(w[:-1]) if w.endswith("s") else None
    n = number(g.get("num"))
    if wd is None or not isinstance(n, int) or n < 1:
        return None
    if ctx.dct is None:
        return Resolved("DATE", Period(f"XXXX-WXX-{wd}", None, None, "day"), "relative")
    if norm_key(g.get("dir", "")) == "ago":
        d = weekday_date(ctx.dct, wd, "last", None) - dt.timedelta(weeks=n - 1)
    else:
        d = weekday_date(ctx.dct, wd, "next", None) + dt.timedelta(weeks=n - 1)
    return Resolved("DATE", P.day(d), "relative")


def h_day_of_month(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"on the 5th", "Saturday the 5th": a day of the month the story is in (the month of the
    last day it set, else of the publication date), the previous or next month as the clause's
    tense says; a weekday picks the month in which it falls on that day."""
    d = day_of(g.get("day"))
    if d is None:
        return None
    wd = lexicon().weekdays.get(norm_key(g["weekday"])) if g.get("weekday") else None
    story = ctx.last_day if ctx.in_narrative or ctx.anchor is not None or ctx.day_in_paragraph() else None
    if ctx.anchor is not None and (story is None or ctx.anchor.date > story):  # "in August, and on the 15th"
        story = ctx.anchor.date
    ref, basis = (story, "narrative") if story is not None else (ctx.dct, "relative")
    if ref is None:
        return Resolved("DATE", Period(f"XXXX-XX-{d:02d}", None, None, "day"), "relative")
    reach = 12 if wd is not None else 2  # a weekday may point some months away
    cands = [c for k in range(-reach, reach + 1) if (c := safe_date(*P.add_months(ref.year, ref.month, k), d))]
    if wd is not None:
        cands = [c for c in cands if c.isoweekday() == wd] or cands
    if not cands:
        return None
    tense = None if story is not None else ctx.tense(hit)
    same_month = [c for c in cands if (c.year, c.month) == (ref.year, ref.month)]
    if story is not None:  # stories move forward: "On March 3 ... On the 5th"
        date = min(cands, key=lambda c: (c - ref).days if c >= ref else (ref - c).days * 2)
    elif tense == "past" and any(c <= ref for c in cands):
        date = max(c for c in cands if c <= ref)
    elif tense == "future" and any(c >= ref for c in cands):
        date = min(c for c in cands if c >= ref)
    elif same_month:  # no tense: "the 5th" is this month's
        date = same_month[0]
    else:
        date = min(cands, key=lambda c: (abs((c - ref).days), c > ref))
    return Resolved("DATE", P.day(date), basis)


_BARE_WEEKDAY = re.compile(r"^\w+\.?$")


def h_span(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"Monday to Friday", "today - next friday", "between Tuesday and Thursday": one span of
    days, each end its own DATE carrying both ends. A bare weekday at either end is counted from
    the other end (the Friday after that Monday), so the span never runs backwards."""
    a_s, a_e, a_hit = _part(hit, "anchor", ctx)
    b_s, b_e, b_hit = _part(hit, "anchor_b", ctx)
    if a_hit is None or b_hit is None:
        return None
    wds = lexicon().weekdays
    a_wd = wds.get(norm_key(a_hit.text)) if _BARE_WEEKDAY.match(a_hit.text) else None
    b_wd = wds.get(norm_key(b_hit.text)) if _BARE_WEEKDAY.match(b_hit.text) else None
    anchor = ctx.anchor if ctx.anchor and ctx.anchor.precision == "day" else None
    ref = anchor.date if anchor else ctx.dct
    basis = "narrative" if anchor else "relative"
    if a_wd and b_wd:
        if ref is None:
            return _unresolved_span(a_s, a_e, b_s, b_e, f"XXXX-WXX-{a_wd}", f"XXXX-WXX-{b_wd}")
        length = (b_wd - a_wd) % 7 or 7
        if anchor is not None or ctx.tense(hit) == "future":  # stories move forward; plans lie ahead
            start = weekday_date(ref, a_wd, "", "future")
            end = start + dt.timedelta(days=length)
        else:
            end = weekday_date(ref, b_wd, "", "past")
            start = end - dt.timedelta(days=length)
    else:
        ra, rb = _resolve_part(a_hit, ctx), _resolve_part(b_hit, ctx)
        start, end = _day_of_part(ra), _day_of_part(rb)
        if start is not None and b_wd:
            end = start + dt.timedelta(days=(b_wd - start.isoweekday()) % 7)
        elif end is not None and a_wd:
            start = end - dt.timedelta(days=(end.isoweekday() - a_wd) % 7)
        if start is None or end is None:
            va = ra.period.value if ra else "XXXX-XX-XX"
            vb = rb.period.value if rb else "XXXX-XX-XX"
            return _unresolved_span(a_s, a_e, b_s, b_e, va, vb)
        basis = (ra.basis if ra else basis) if (ra and ra.basis != "explicit") else (rb.basis if rb else basis)
    if end < start:
        return None
    per = Period(f"P{(end - start).days + 1}D", start, end, "range")
    return Resolved("DATE", per, basis, parts=((a_s, a_e, P.day(start)), (b_s, b_e, P.day(end))))


def _unresolved_span(a_s: int, a_e: int, b_s: int, b_e: int, va: str, vb: str) -> Resolved:
    """Without a reference day the two ends keep their underspecified values, apart."""
    pa, pb = Period(va, None, None, "day"), Period(vb, None, None, "day")
    return Resolved("DATE", Period("PXD", None, None, "unknown"), "relative",
                    parts=((a_s, a_e, pa), (b_s, b_e, pb)), joined=False)


# ---- "in 5 days": the day it points to -------------------------------------------------------------
#: "up 5% in a month", "has not had an order in about a decade": a span the clause measures over
_WINDOW_LEAD = re.compile(r"[0-9%]|\bper\s?cent\b|\b(?:has|have|had)(?:n['’]t|\s+not)?\s+(?!to\b)[a-z]", re.I)
_LEAD_WORDS = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def h_in_units(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    """"in 5 days", "in two weeks", "in 3 years": in a clause that looks ahead, the day (month,
    year) the span points to, counted from the publication date; read as a span instead when the
    clause is past ("returned in two weeks") or compares ("the first time in 20 years", "up 5% in
    a month"). The span itself stays readable: `loaders.timex.duration_of` gives P5D."""
    n = number(g.get("num"))
    unit = unit_of(g.get("unit"))
    if n == "X" and unit is not None:  # "in a few minutes": a vague span, no day
        return Resolved("DURATION", Period(_duration_value("X", unit), None, None, "unknown"))
    if not isinstance(n, (int, float)) or unit is None or n <= 0:
        return None
    if re.search(r"and\s+a\s+half", hit.text, re.I):
        n += 0.5
    value = _duration_value(n, unit)
    lead = ctx.text[sentence_bounds(ctx.text, hit.start, hit.end)[0]:hit.start]
    words = {w.lower() for w in _LEAD_WORDS.findall(lead)}
    window = bool(words & lexicon().window_words) or any(w.endswith("est") and len(w) > 5 for w in words) \
        or bool(_WINDOW_LEAD.search(lead))
    short = unit in ("TM", "TS") or (unit == "TH" and n < 24) or unit == "CE"
    if ctx.dct is None or window or short or ctx.tense(hit) == "past":
        return Resolved("DURATION", Period(value, None, None, "unknown"))
    days = _offset_days(unit, n)
    if days is not None:
        return Resolved("DATE", P.day(ctx.dct + dt.timedelta(days=days)), "relative")
    moved = _span_shift(ctx.dct, unit, int(round(n)))
    if moved is None:
        return None
    per = {"M": P.month(moved.year, moved.month), "Q": P.quarter(moved.year, P.quarter_of(moved))}.get(unit)
    return Resolved("DATE", per or P.year(moved.year), "relative")


@lru_cache(maxsize=1)
def _amount_regex() -> re.Pattern[str]:
    from .finder import expand_macros

    body = r"{NUM:num}(?P<half>\s+and\s+a\s+half)?[- ]{UNIT:unit}"
    return re.compile(expand_macros(body, lexicon().macros), re.I)


def stated_duration(text: str) -> str | None:
    """The amount of time an expression states ("in 5 days" -> P5D, "2 weeks after yesterday" ->
    P2W), or None."""
    m = _amount_regex().search(text)
    if m is None:
        return None
    n, unit = number(m.group("num")), unit_of(m.group("unit"))
    if n is None or unit is None:
        return None
    if m.group("half") and isinstance(n, int):
        n += 0.5
    return _duration_value(n, unit)


HANDLERS: dict[str, Callable[[Hit, dict[str, str], Context], Resolved | None]] = {
    "date": h_date, "weekday": h_weekday, "reldate": h_reldate, "relunit": h_relunit, "ago": h_ago,
    "anaphor": h_anaphor, "duration": h_duration, "quarter": h_quarter, "quarter_ref": h_quarter_ref,
    "weekend": h_weekend, "ref": h_ref, "set": h_set, "range": h_range, "time": h_time,
    "holiday": h_holiday, "weekof": h_weekof, "month": h_month, "season": h_season,
    "dateparser": h_dateparser, "numeric": h_numeric, "offset": h_offset, "weekday_week": h_weekday_week,
    "nth_weekday": h_nth_weekday, "nth_weekday_from_now": h_nth_weekday_from_now, "span": h_span,
    "in_units": h_in_units, "day_of_month": h_day_of_month,
}

