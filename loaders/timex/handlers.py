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
from .finder import Hit
from .periods import Period
from .resources import lexicon, norm_key
from .words import mod_of, month_of, number, pod_of, rel_of, safe_date, to_int, unit_of, year_of


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
    y = year_of(g, "year", "year_short")
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
    d = to_int(g.get("day") or g.get("day_a") or g.get("day_b"))
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
    for cand in (y, y - 1, y + 1):
        date = safe_date(cand, m, d)
        if date and date.isoweekday() == wd:
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
    tense = None if rel else ctx.tense(hit)
    if not rel and ctx.text.startswith(("'s", "’s"), hit.end) and tense == "future":
        # "Wednesday's ruling": a possessive weekday names a known event; only an explicit
        # lead-in ("ahead of Friday's vote") makes it a coming one
        lead = ctx.text[max(0, hit.start - 30):hit.start].lower().rstrip()
        tense = "future" if lead.endswith(lexicon().future_phrases) else "past"
    date = weekday_date(ref, wd, rel, tense)
    per = P.day_time(date, pod) if pod else _since(hit, ctx, P.day(date))  # "since Saturday": a span to now
    return Resolved("TIME" if pod else "DATE", per, basis)


_RELDAY = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1,
           "the day before yesterday": -2, "the day after tomorrow": 2}


def h_reldate(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    word = norm_key(g.get("relday", ""))
    pod = pod_of(g)
    if word == "the":  # "the morning": the day the story is about
        ref, basis = (ctx.last_day, "narrative") if ctx.last_day else (ctx.dct, "relative")
        offset = 0
    else:
        ref, basis = ctx.dct, "relative"
        offset = _RELDAY.get(word, 0)
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


def h_relunit(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return None
    attrs = dict(hit.rule.attrs)
    rel = rel_of(g.get("rel") or attrs.get("rel"), 0)
    mod = attrs.get("mod") if attrs.get("mod") in ("START", "MID", "END") else mod_of(g.get("mod"))
    soft = norm_key(g.get("mod2") or g.get("mod") or "")
    if "season" in g:
        code = lexicon().seasons.get(norm_key(g["season"]))
        if not code:
            return None
        return Resolved("DATE", _season_rel(code, ctx.dct, rel).with_mod(mod), "relative", mod)
    unit = unit_of(g.get("unit")) or attrs.get("unit")
    if unit == "WE":
        return h_weekend(hit, {"rel": g.get("rel", "this")}, ctx)
    ref, basis = ctx.dct, "relative"
    if attrs.get("anchor") == "last_day" and ctx.last_day is not None:  # "the week" after "On March 3"
        ref, basis = ctx.last_day, "narrative"
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
    n = int(n)
    if unit == "Y" and n == 1 and direction < 0 and ctx.quarter_context(hit.start):
        return Resolved("DATE", _year_ago_quarter(ctx), "relative")
    per = _shift(unit, ctx.dct, direction * n)
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
    if ctx.anchor is not None:
        ref, basis = ctx.anchor.date, "narrative"
    elif ctx.last_day is not None and unit in ("D", "W"):
        ref, basis = ctx.last_day, "narrative"
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
    y = year_of(g, "year", "year_b", "year_short")
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
            y = ctx.dct.year
            if q > P.quarter_of(ctx.dct) and ctx.tense(hit) != "future":
                y -= 1
    if ctx.dct is None or abs(y - ctx.dct.year) <= 1:
        ctx.last_quarter = (y, q)
        ctx.last_quarter_pos = hit.end
    return Resolved("DATE", P.quarter(y, q), basis)


def h_quarter_ref(hit: Hit, g: dict[str, str], ctx: Context) -> Resolved | None:
    text = norm_key(hit.text)
    qrel = norm_key(g.get("qrel", ""))
    if text.endswith("period") and not qrel:
        return None
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
        d1, d2 = to_int(g.get("day")), to_int(g.get("day_b"))
        if not (m1 and m2 and d1 and d2):
            return None
        basis = "explicit"
        if y1 is None:
            y1, basis = year_for_month_day(ctx, hit, m1, d1)
            if y1 is None:
                return None
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
    second_start = next((spans[k][0] for k in ("month_b", "day_b", "year_b") if k in spans), None)
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
    return None


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
        return Resolved("DATE", P.day(d), basis)
    d = P.holiday_date(spec, y)
    return Resolved("DATE", P.day(d), basis) if d else None


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


HANDLERS: dict[str, Callable[[Hit, dict[str, str], Context], Resolved | None]] = {
    "date": h_date, "weekday": h_weekday, "reldate": h_reldate, "relunit": h_relunit, "ago": h_ago,
    "anaphor": h_anaphor, "duration": h_duration, "quarter": h_quarter, "quarter_ref": h_quarter_ref,
    "weekend": h_weekend, "ref": h_ref, "set": h_set, "range": h_range, "time": h_time,
    "holiday": h_holiday, "weekof": h_weekof, "month": h_month, "season": h_season,
    "dateparser": h_dateparser,
}

