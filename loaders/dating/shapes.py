"""The likelihood shapes clues take: "on or after this day", "before this day", "inside this
window", "during these terms of office", each with the values of rules/dating_model.yaml.

Why shapes of their own: a clue finder says what the text means ("a caption dated 4 February
2025"); how strongly that bounds the date, and how fast the trust fades outside the bound, is
model knowledge kept in one data file and applied the same way to every clue of a kind.
No shape is a wall: outside its window a shape falls to `near` and, further off, to `far`
(a misread date or a wrong table row is usually off by a little, rarely by decades).
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from functools import cache, lru_cache

from . import knowledge
from .evidence import Factor, Piece, Profile, step

#: further than this from any window, a shape is at its `far` value (a century of days)
HORIZON = 120 * 366


@cache
def profile(name: str) -> Profile:
    """A lag profile of rules/dating_model.yaml by name; "lag:LO:HI" is an elapsed-time window
    ("two weeks after April 22": published LO..HI days after that day), "lag:LO:HI:PLO:PHI" the
    same with its most likely days PLO..PHI (the exact length): the rest of the window holds
    `shoulder` of their density per day."""
    if name.startswith("lag:"):
        parts = [int(x) for x in name.split(":")[1:]]
        p = params("elapsed")
        a, b = parts[0], parts[1]
        slack = int(p["slack_days"])
        per_day = [(d, 1.0) for d in range(a, b + 1)]
        if len(parts) == 4:
            shoulder = float(p["shoulder"])
            per_day = [(d, 1.0 if parts[2] <= d <= parts[3] else shoulder) for d in range(a, b + 1)]
        total = sum(v for _, v in per_day)
        inner: list[tuple[int, int, float]] = []
        for d, v in per_day:  # runs of equal density as bands (share = density * days)
            if inner and inner[-1][1] == d - 1 and abs(inner[-1][2] / (inner[-1][1] - inner[-1][0] + 1) - v / total) < 1e-15:
                x0, _, sh = inner[-1]
                inner[-1] = (x0, d, sh + v / total)
            else:
                inner.append((d, d, v / total))
        bands = [(max(0, a - slack), a - 1, float(p["slack"]) * (a - max(0, a - slack)) / max(1, b - a + 1)),
                 *inner,
                 (b + 1, b + slack, float(p["slack"]) * slack / max(1, b - a + 1))]
        return Profile(tuple(x for x in bands if x[0] <= x[1]), float(p["far"]) / (b - a + 1),
                       float(p["far"]) / (b - a + 1))
    return Profile.from_rules(knowledge.model()["profiles"][name])


@cache
def params(section: str) -> dict:
    return dict(knowledge.model()[section])


@cache
def weekday_lag(dateline: bool = False) -> tuple[float, ...]:
    """Relative likelihood of publication 0..6 days after a weekday the text mentions (mean 1).
    Under a dateline (`weekday_lag_dateline`) the weekdays count from the day the copy was filed,
    whose happenings wire style names by their weekday: the same day most often."""
    raw = [float(x) for x in knowledge.model()["weekday_lag_dateline" if dateline else "weekday_lag"]]
    mean = sum(raw) / len(raw)
    return tuple(x / mean for x in raw)


def _o(day: dt.date) -> int:
    return day.toordinal()


def _fade(pieces: list[Piece], lo: int, hi: int, p: dict, *, before: bool = True, after: bool = True) -> Factor:
    """`pieces` (the clue's window lo..hi and its inner values) with `near` for near_days on the
    chosen sides, `mid` up to mid_days (when given) and `far` everywhere else: a misread clue is
    usually off by a little, rarely by decades."""
    near_days = int(p["near_days"])
    mid_days = int(p.get("mid_days", near_days))
    for side, ok in ((-1, before), (1, after)):
        if not ok:
            continue
        edge = lo if side < 0 else hi
        near = (edge - near_days, edge - 1) if side < 0 else (edge + 1, edge + near_days)
        pieces.append((*near, float(p["near"])))
        if mid_days > near_days:
            mid = (edge - mid_days, edge - near_days - 1) if side < 0 else (edge + near_days + 1, edge + mid_days)
            pieces.append((*mid, float(p["mid"])))
    return step(pieces, float(p["far"]))


@lru_cache(maxsize=8192)
def lower_bound(day: dt.date) -> Factor:
    """Published on or after `day` (a caption date, a named event that had begun, a year)."""
    p = params("lower_bound")
    lo = _o(day)
    decay = [(int(a), int(b), float(v)) for a, b, v in p["decay"]]
    pieces: list[Piece] = [(lo + a, lo + b, v) for a, b, v in decay]
    last = max(b for _, b, _ in decay)
    pieces.append((lo + last + 1, lo + HORIZON, float(p["after"])))
    return _fade(pieces, lo, lo + HORIZON, p, after=False)


@lru_cache(maxsize=8192)
def year_bound(day: dt.date) -> Factor:
    """After `day`, with no fading: a year the text mentions is as often background as news."""
    p = params("lower_bound")
    lo = _o(day)
    return _fade([(lo, lo + HORIZON, 1.0)], lo, lo + HORIZON, p, after=False)


@lru_cache(maxsize=8192)
def weak_lower_bound(day: dt.date) -> Factor:
    """After `day`, if the words mean the event they seem to (a war or campaign told in general
    words, which an older war may share): the lower bound's shape, far less sure outside it."""
    p = params("weak_lower_bound")
    base = lower_bound(day)
    scale = float(p["far"]) / float(params("lower_bound")["far"])
    near_scale = float(p["near"]) / float(params("lower_bound")["near"])
    lo = _o(day)
    pieces = [(a, b, v * (near_scale if b < lo else 1.0)) for a, b, v in base.pieces]
    return Factor(tuple(pieces), base.floor * scale)


@lru_cache(maxsize=8192)
def upper_bound(day: dt.date) -> Factor:
    """Written before `day` (a date the text tells as still to come): most likely within the
    half-year before it, less likely earlier, hardly after it."""
    p = params("upper_bound")
    hi = _o(day)
    reach, early = int(p["reach_days"]), int(p["early_days"])
    pieces: list[Piece] = [(hi - reach, hi - 1, 1.0), (hi, hi, float(p["at_day"])),
                           (hi - early, hi - reach - 1, float(p["early"]))]
    near = int(p["near_days"])
    pieces.append((hi + 1, hi + near, float(p["near"])))
    return step(pieces, float(p["far"]))


@lru_cache(maxsize=8192)
def window(lo_day: dt.date, hi_day: dt.date, kind: str = "duration",
           peak: tuple[dt.date, dt.date] | None = None) -> Factor:
    """Published inside [lo_day, hi_day] (time elapsed since an anchor event), with some slack;
    `kind` names the section of rules/dating_model.yaml with the slack and the floors. With
    `peak` (the days of the exact length: "two months after" is written most often two months to
    the day after), the rest of the window is at `shoulder` of the peak's value, scaled so that the
    window holds as much as a flat one (the floors outside it keep their weight)."""
    p = params(kind)
    lo, hi = _o(lo_day), _o(hi_day)
    slack = int(p["slack_days"])
    top = inside = 1.0
    if peak is not None:
        a, b = max(lo, _o(peak[0])), min(hi, _o(peak[1]))
        shoulder = float(p["shoulder"])
        width, peak_width = hi - lo + 1, max(0, b - a + 1)
        top = width / (peak_width + shoulder * (width - peak_width))
        inside = top * shoulder
    pieces: list[Piece] = [(lo, hi, inside), (lo - slack, lo - 1, float(p["slack"])),
                           (hi + 1, hi + slack, float(p["slack"]))]
    if peak is not None and a <= b:
        pieces.append((a, b, top))
    return _fade(pieces, lo - slack, hi + slack, p)


def windows(spans: Sequence[tuple[dt.date, dt.date]], kind: str = "duration",
            peaks: Sequence[tuple[dt.date, dt.date] | None] | None = None) -> Factor:
    """One of several windows (a duration that fits several anchors, or a finished event).

    A mixture, not a union: each alternative is equally likely and spreads its probability over
    its own days, so a week-long window weighs far more per day than "any day after 2014"."""
    if not spans:
        raise ValueError("no windows")
    widths = [(b - a).days + 1 for a, b in spans]
    narrowest = min(widths)
    pieces = []
    floor = None
    for k, ((a, b), w) in enumerate(zip(spans, widths, strict=True)):
        f = window(a, b, kind, peaks[k] if peaks else None)
        scale = narrowest / w
        pieces += [(x, y, v * scale) for x, y, v in f.pieces]
        floor = f.floor if floor is None else max(floor, f.floor * scale)
    return step(pieces, floor)


@lru_cache(maxsize=4096)
def office(terms: tuple[tuple[dt.date, dt.date | None, dt.date | None], ...], today: dt.date,
           stage: str = "current") -> Factor:
    """Published while one of `terms` ((start, end, named); end None = still in office) was held.

    `stage` is what the words around the title say: "current" (plain title), "designate"
    ("incoming", "nominee for": between `named` and `start`), "new" (near the start) or
    "outgoing" (near the end)."""
    p = params("office")
    t_end = _o(today)
    pieces: list[Piece] = []
    near = int(p["near_days"])
    for start, end, named in terms:
        first_piece = len(pieces)
        s = _o(start)
        e = _o(end) if end is not None else t_end + HORIZON
        n = _o(named) if named is not None else s
        if stage == "designate":
            first = n if named is not None else s - 30
            pieces.append((first, s - 1, 1.0))
            pieces.append((s, s + 7, 0.3))
            pieces.append((s + 8, e, float(p["designate_in_term"])))
        elif stage == "new":
            new_days = int(p["new_days"])
            pieces.append((s - 30, s - 1, 0.3))
            pieces.append((s, s + 30, 1.0))
            pieces.append((s + 31, s + new_days, 0.5))
            pieces.append((s + new_days + 1, e, float(p["new_late"])))
            pieces.append((n, s - 31, float(p["named"])))
        elif stage == "outgoing" and end is not None:
            pieces.append((e - int(p["outgoing_days"]), e + 3, 1.0))
            pieces.append((s, e - int(p["outgoing_days"]) - 1, float(p["outgoing_early"])))
        else:
            pieces.append((s, e, float(p["in_term"])))
            if n < s:
                pieces.append((n, s - 1, float(p["named"])))
        if end is not None:
            pieces.append((e + 1, e + int(p["grace_days"]), float(p["grace"])))
        lo = min(a for a, _, _ in pieces[first_piece:])
        pieces.append((lo - near, lo - 1, float(p["near"])))
        if end is not None:
            pieces.append((e + 1, e + near, float(p["near"])))
    return step(pieces, float(p["far"]))


@lru_cache(maxsize=1024)
def yearless_year(month: int, day: int, first_year: int, last_year: int) -> Factor:
    """A past day written without its year ("on March 15") lies in the calendar year of
    publication: news writes the year of any other year's day. So publication falls after that
    day in the same year (1); in the weeks after New Year a day of late last year still goes
    without its year sometimes (`other_year` up to `other_year_days` after it); later than that
    only a careless text omits it (`older`)."""
    p = params("yearless_year")
    grace = int(p["other_year_days"])
    pieces: list[Piece] = []
    for y in range(first_year, last_year + 1):
        d = dt.date(y, month, min(day, calendar.monthrange(y, month)[1]))
        o, year_end = _o(d), _o(dt.date(y, 12, 31))
        pieces.append((o, year_end, 1.0))
        if o + grace > year_end:
            pieces.append((year_end + 1, o + grace, float(p["other_year"])))
    return step(pieces, float(p["older"]))
