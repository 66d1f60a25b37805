"""Combining dating signals into an interval, a point, a confidence and evidence in words.

Why weighted consensus and not a plain intersection: one misread clue (a caption from an
old photo, a scheduled date read as past) would make a plain intersection empty or wrong.
We keep the days that satisfy the greatest total weight of clues, name the clues that lose
("disagrees: ..."), and report the whole interval those days span: an honest wide interval
beats a confident wrong point. The point is then put where news usually is: a day after
the latest event the article reports (or at a duration's anchor day), on the weekday its
"on Sunday"-style mentions point to, always inside the interval.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from . import spans as sp
from .signals import Signal, long_day, month_day, publication_weekday

#: days between the latest reported event and publication (news is written the same or next day)
TYPICAL_LAG = dt.timedelta(days=1)
#: an estimate with a point is never reported as certain-nothing
MIN_CONFIDENCE = 0.05
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Estimate:
    point: dt.date | None
    start: dt.date | None
    end: dt.date | None
    confidence: float
    evidence: str
    disagreements: tuple[str, ...] = ()


NO_CLUES = Estimate(None, None, None, 0.0, "no date clues in the text")


def _dedupe(signals: Sequence[Signal]) -> list[Signal]:
    seen: dict[str, Signal] = {}
    for s in signals:
        k = s.key or s.evidence
        if k not in seen or s.weight > seen[k].weight:
            seen[k] = s
    return list(seen.values())


def _yearless_day(sig: Signal, segment: sp.Span) -> dt.date | None:
    """The occurrence of a year-less date the chosen interval implies (latest window touching it)."""
    best = None
    for s, e in sig.spans:
        if s <= segment[1] and e >= segment[0]:
            best = s
    return best


def _confidence(width_days: int, disagree: bool, has_point_clue: bool) -> float:
    steps = ((2, 0.85), (4, 0.7), (8, 0.6), (32, 0.45), (93, 0.3), (366, 0.2))
    conf = next((c for limit, c in steps if width_days <= limit), 0.1)
    if has_point_clue:  # an open interval, but the point sits right after a dated event
        conf = max(conf, 0.35)
    return round(conf * (0.8 if disagree else 1.0), 2)


def _choose_segment(region: tuple[sp.Span, ...], accepted: list[Signal], today: dt.date) -> sp.Span:
    """Among equally supported stretches, the first one after the latest one-sided lower
    bound (articles are written soon after what they report); with none, the latest."""
    if len(region) == 1:
        return region[0]
    lower = [s.spans[0][0] for s in accepted if len(s.spans) == 1 and s.spans[0][1] >= today]
    if lower:
        floor = max(lower)
        for seg in region:
            if seg[1] >= floor:
                return seg
    return region[-1]


def _place_by_weekdays(point: dt.date, basis: str, weekdays: Sequence[int], latest: dt.date | None,
                       segment: sp.Span) -> tuple[dt.date, str]:
    """Move the point to the weekday the article's "on Sunday"-style mentions point to.

    The nearest such day wins, 3 days back at most and 6 ahead (the mentions may tell of
    what followed the latest dated event), never more than a day before that event.
    """
    wd = publication_weekday(weekdays)
    floor = max(segment[0], latest - dt.timedelta(days=1)) if latest else segment[0]
    options = [point + dt.timedelta(days=k) for k in (0, -1, 1, -2, 2, -3, 3, 4, 5, 6)]
    options = [o for o in options if o.isoweekday() == wd and floor <= o <= segment[1]]
    if options and options[0] != point:
        return options[0], basis + f", moved to the {WEEKDAY_NAMES[wd - 1]} its weekday mentions point to"
    if options:
        return point, basis + f", a {WEEKDAY_NAMES[wd - 1]} as its weekday mentions say"
    return point, basis


def combine(signals: Sequence[Signal], weekdays: Sequence[int], domain: sp.Span,
            fixed_yearless: tuple[int, int] | None = None) -> Estimate:
    """Interval, point, confidence and evidence from the clues of one article.

    `fixed_yearless` is the (month, day) of a year-less dateline: the article's own date,
    whose year the other clues choose.
    """
    signals = _dedupe(signals)
    if not signals:
        return NO_CLUES
    today = domain[1]
    region, satisfied = sp.consensus([(s.spans, s.weight) for s in signals], domain)
    accepted = [signals[i] for i in satisfied]
    satisfied_set = set(satisfied)
    rejected = [s for i, s in enumerate(signals) if i not in satisfied_set]
    segment = _choose_segment(region, accepted, today)
    hull = sp.hull(region) or segment

    words: list[str] = []
    point: dt.date | None = None
    basis = ""
    if fixed_yearless is not None:
        m, d = fixed_yearless
        for y in range(segment[1].year, segment[0].year - 1, -1):
            try:
                day = dt.date(y, m, d)
            except ValueError:
                continue
            if segment[0] <= day <= segment[1]:
                point, basis = day, f"dateline {month_day(m, d)}, year {y} from the other clues"
                break
    from_dateline = point is not None

    events = [s.event_day for s in accepted if s.event_day and s.event_day <= segment[1]]
    for s in accepted:  # one of several possible events: the first that fits (news follows events)
        inside = [d for d in s.event_options if segment[0] <= d <= segment[1]]
        before = [d for d in s.event_options if d < segment[0]]
        if inside or before:
            events.append(min(inside) if inside else max(before))
    resolved = []
    for s in accepted:
        if s.yearless:
            day = _yearless_day(s, segment)
            if day is not None:
                events.append(day)
                resolved.append(f"{month_day(*s.yearless)} read as {day.year}")
    latest = max(events) if events else None
    if point is None and latest is not None:
        point = sp.clip(latest + TYPICAL_LAG, segment)
        basis = f"a day after the latest reported date, {long_day(latest)}"
    hints = [h for s in accepted for h in s.hints if segment[0] <= h <= segment[1]]
    if not from_dateline and hints and (point is None or max(hints) > point):
        point, basis = max(hints), "at the duration's anchor day"
    if point is None:
        if segment[1] < today:
            point = segment[0] + (segment[1] - segment[0]) / 2
            basis = "middle of the interval"
        else:
            point = sp.clip(segment[0] + TYPICAL_LAG, segment)
            basis = "just after the latest lower bound"
    if not from_dateline and weekdays:
        point, basis = _place_by_weekdays(point, basis, weekdays, latest, segment)

    def binding(s: Signal) -> bool:  # does this clue set an edge of the chosen stretch?
        return any(a == segment[0] or b == segment[1] for a, b in s.spans)

    accepted.sort(key=lambda s: (not binding(s), -s.weight))
    words.extend(s.describe(segment) for s in accepted[:6])
    if len(accepted) > 6:
        words.append(f"{len(accepted) - 6} more clue(s)")
    if resolved:
        words.append("; ".join(resolved))
    interval = f"{hull[0].isoformat()}…{hull[1].isoformat() if hull[1] < today else 'today'}"
    if len(region) > 1:
        interval += f" ({len(region)} equally supported stretches; chose {segment[0].isoformat()}…{segment[1].isoformat()})"
    words.append(f"interval {interval}; point {point.isoformat()} ({basis})")
    disagreements = tuple(s.describe() for s in rejected)
    if disagreements:
        words.append("signals disagree — set aside: " + "; ".join(disagreements))
    width = (hull[1] - hull[0]).days + 1
    confidence = _confidence(width, bool(disagreements), bool(events) or from_dateline)
    if len(region) > 1:  # equally supported stretches: the point is one guess among several
        confidence = max(MIN_CONFIDENCE, round(confidence / len(region), 2))
    if from_dateline:
        confidence = max(confidence, 0.8)
    return Estimate(point, hull[0], hull[1], confidence, ". ".join(words), disagreements)
