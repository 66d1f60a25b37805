"""One evidence model for the publication day of an undated article.

Every clue is a likelihood over candidate days (signals.py: the text's own dates; world.py:
anchor events and terms of office); they multiply (a sum of log-likelihoods, evidence.py) over
the days from settings.min_year to today. The point is the most likely day, the interval the
shortest stretch of days holding 90 % of the probability, and the confidence the probability
that the point is within 3 days of the truth, mapped through the calibration fitted on our
development articles (rules/dating_model.yaml). No clue is a wall, except that an article is
not older than a day it reports, with its year, as past.

Why one model instead of rules that pick a clue: a dateline, a "Thursday" and a term of office
each say something different about the same day; multiplied, the year-less dateline takes the
year the office allows, the weekday picks the day, and a misread clue only lowers the odds of
the truth instead of hiding it. With weak clues the probability stays spread out, so the
interval is wide and the confidence low, which is what an analyst needs to see.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from . import evidence, knowledge, shapes
from .evidence import Factor, Posterior
from .signals import DAY_NAMES, Clue, TextDay, long_day, month_day

#: the confidence is the chance that the point is this many days from the truth, or fewer
NEAR_DAYS = 3
#: share of the probability the reported interval holds
INTERVAL_MASS = 0.9
#: days kept around the stretch the fixed clues allow before year-less days are laid out
FOCUS_PAD = 400
#: a stretch of candidate days this short is laid out whole (finding a narrower one costs more)
FOCUS_SKIP = 6 * 366
#: the weekday of "on Sunday" mentions reshapes the posterior when its likely days are this few
WEEKDAY_DAYS = 150
#: ... or when they come in short runs (a dateline's day and the next in each of many candidate
#: years: the weekday picks the years), up to this many days in all
WEEKDAY_RUN_DAYS, WEEKDAY_SPIKY_DAYS = 7, 2000
#: ... the days at least this share of the most likely day's probability (the weekday factor
#: averages 1, so leaving the unlikely days out changes nothing that matters)
WEEKDAY_SHARE = 0.05
#: the order clues are named in the evidence (strongest first)
KIND_ORDER = ("dateline", "title-day", "reported-day", "weekday-date", "event-mention", "yearless-date",
              "anchor-duration", "office", "named-event", "named-day", "reported-month", "reported-year",
              "future-date", "caption-date")
GROUP_FLOOR = {"body": "reported_day", "title": "title_day", "dateline": "dateline"}


@dataclass(frozen=True)
class Estimate:
    point: dt.date | None
    start: dt.date | None
    end: dt.date | None
    confidence: float
    evidence: str
    disagreements: tuple[str, ...] = ()
    #: the model's own probability that the point is within NEAR_DAYS of the truth (before calibration)
    model_probability: float = 0.0


NO_CLUES = Estimate(None, None, None, 0.0, "no date clues in the text")


def calibrated(probability: float) -> float:
    """The stated confidence for a model probability (rules/dating_model.yaml `calibration`)."""
    pairs = sorted((float(a), float(b)) for a, b in knowledge.model()["calibration"])
    if probability <= pairs[0][0]:
        return pairs[0][1]
    for (x0, y0), (x1, y1) in zip(pairs, pairs[1:], strict=False):
        if probability <= x1:
            return y0 + (y1 - y0) * (probability - x0) / (x1 - x0) if x1 > x0 else y1
    return pairs[-1][1]


def _dedupe(clues: Sequence[Clue]) -> list[Clue]:
    seen: dict[str, Clue] = {}
    for c in clues:
        seen.setdefault(c.key, c)
    return list(seen.values())


def _told_fixed(days: Sequence[TextDay]) -> list[evidence.Told]:
    return [(d.start.toordinal(), d.end.toordinal(), shapes.profile(d.profile), 1.0)
            for d in days if d.start is not None]


def _told_yearly(days: Sequence[TextDay], first_year: int, last_year: int) -> list[evidence.Told]:
    out = []
    for d in days:
        if d.month_day is None:
            continue
        m, dd = d.month_day
        prof = shapes.profile(d.profile)
        hinted = float(knowledge.model()["narrative_year_weight"])
        for y in range(first_year, last_year + 1):
            try:
                day = dt.date(y, m, dd)
            except ValueError:
                continue
            if d.weekday is None or day.isoweekday() == d.weekday:
                o = day.toordinal()
                out.append((o, o, prof, hinted if y == d.year_hint else 1.0))
    return out


def _recency_factors(groups: dict[str, list[TextDay]], years: tuple[int, int] | None) -> list[Factor]:
    out = []
    for group, days in groups.items():
        told = _told_fixed(days)
        if years is not None:
            told += _told_yearly(days, *years)
        if told:
            floor = shapes.profile(GROUP_FLOOR[group]).before if group in GROUP_FLOOR else min(t[2].before for t in told)
            out.append(evidence.recency(told, floor))
    if years is not None:  # each past year-less day of the body: published later in its calendar year
        days = dict.fromkeys(d.month_day for d in groups.get("body", ()) if d.month_day is not None)
        out += [shapes.yearless_year(m, dd, years[0], years[1] + 1) for m, dd in days]
    return out


def _likely_days(post: Posterior) -> list[int]:
    """The days that hold nearly all the probability, when they are few enough to weigh one by
    one (a few weeks), or when they come in short runs (a dateline's day in each of many candidate
    years, where the weekday is what tells the years apart): else []. A long flat stretch is
    left alone: a weekday there only moves the point to the last good weekday of the stretch."""
    top = max(post.density)
    days: list[int] = []
    longest = 0
    run_start = run_end = None
    for s, e, d in zip(post.starts, post.ends, post.density, strict=True):
        if d >= top * WEEKDAY_SHARE:
            if run_end is not None and s == run_end + 1:
                run_end = e
            else:
                run_start, run_end = s, e
            longest = max(longest, run_end - run_start + 1)
            days.extend(range(s, e + 1))
            if len(days) > WEEKDAY_SPIKY_DAYS or (len(days) > WEEKDAY_DAYS and longest > WEEKDAY_RUN_DAYS):
                return []
    return days


def _weekday_values(weekdays: Sequence[int], days: Sequence[int], dateline: bool = False) -> dict[int, float]:
    """"On Tuesday" of a reported happening: the article came out 0-6 days after a Tuesday
    (under a dateline, most often on that Tuesday). Day -> likelihood (averaging 1 over a week)
    for the given days."""
    lag = shapes.weekday_lag(dateline)
    distinct = sorted(set(weekdays))
    by_weekday = {}
    for wd in range(1, 8):
        v = 1.0
        for w in distinct:
            v *= lag[(wd - w) % 7]
        by_weekday[wd] = v
    return {o: by_weekday[(o - 1) % 7 + 1] for o in days}  # ordinal 1 (1 Jan 1) was a Monday


def _posterior(clues: Sequence[Clue], weekdays: Sequence[int], lo: int, hi: int) -> tuple[Posterior, list[Factor]]:
    fixed = [c.factor for c in clues if c.factor is not None]
    groups: dict[str, list[TextDay]] = {}
    for c in clues:
        for d in c.told:
            groups.setdefault(d.group, []).append(d)
    has_yearly = any(d.month_day is not None for ds in groups.values() for d in ds)
    first = _recency_factors(groups, None) if not has_yearly or hi - lo > FOCUS_SKIP else []
    if has_yearly and (fixed or first) and hi - lo > FOCUS_SKIP:
        # where the clues that need no year choice leave any probability: lay year-less days out there only
        rough = evidence.combine(fixed + first, lo, hi)
        a, b = rough.interval(1 - 1e-6)
        lo, hi = max(lo, a - FOCUS_PAD), min(hi, b + FOCUS_PAD)
    factors = fixed + (_recency_factors(groups, (dt.date.fromordinal(lo).year - 1, dt.date.fromordinal(hi).year))
                       if has_yearly else first)
    post = evidence.combine(factors, lo, hi)
    if weekdays:
        days = _likely_days(post)
        if days:
            dateline = any(d.group == "dateline" for ds in groups.values() for d in ds)
            post = post.reweighted(_weekday_values(weekdays, days, dateline))
    return post, factors


def _resolved_years(clues: Sequence[Clue], point: dt.date) -> list[str]:
    """"March 18 read as 2025": the latest such day on or before the point."""
    out = []
    for c in clues:
        for d in c.told:
            if d.month_day is None:
                continue
            m, dd = d.month_day
            for y in range(point.year, point.year - 2, -1):
                try:
                    day = dt.date(y, m, dd)
                except ValueError:
                    continue
                if day <= point:
                    out.append(f"{month_day(m, dd)} read as {y}")
                    break
    return list(dict.fromkeys(out))


def combine(clues: Sequence[Clue], weekdays: Sequence[int], domain: tuple[dt.date, dt.date]) -> Estimate:
    """Point, 90 % interval, calibrated confidence and evidence in words from one article's clues."""
    clues = _dedupe(clues)
    if not clues:
        return NO_CLUES
    lo, hi = domain[0].toordinal(), domain[1].toordinal()
    walls = [c.wall.toordinal() for c in clues if c.wall is not None and lo <= c.wall.toordinal() <= hi]
    if walls:
        lo = max(lo, max(walls))
    post, _ = _posterior(clues, weekdays, lo, hi)
    p = post.point(NEAR_DAYS)
    a, b = post.interval(INTERVAL_MASS, prefer=p)
    if a == b:  # never a one-day interval: only a stated date is that sure
        a, b = (a, b + 1) if b < hi else (a - 1, b)
    probability = post.mass_between(p - NEAR_DAYS, p + NEAR_DAYS)
    confidence = round(min(0.99, max(0.01, calibrated(probability))), 2)
    point, start, end = (dt.date.fromordinal(x) for x in (p, a, b))
    disagree = [c.evidence for c in clues if c.factor is not None and c.factor.value(p) < 0.1 * c.factor.peak]
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    shown = sorted((c for c in clues if c.evidence not in disagree), key=lambda c: order.get(c.kind, len(order)))
    words = [c.evidence for c in shown[:8]]
    if len(shown) > 8:
        words.append(f"{len(shown) - 8} more clue(s)")
    words.extend(_resolved_years(clues, point))
    if weekdays:
        names = ", ".join(DAY_NAMES[w - 1] for w in dict.fromkeys(weekdays))
        words.append(f"weekdays mentioned: {names}")
    words.append(f"most likely {long_day(point)} ({DAY_NAMES[point.weekday()]}); 90 % between "
                 f"{start.isoformat()} and {end.isoformat() if end < domain[1] else 'today'}; "
                 f"{confidence:.0%} chance it is within {NEAR_DAYS} days")
    if disagree:
        words.append("clues that disagree (outweighed): " + "; ".join(disagree))
    return Estimate(point, start, end, confidence, ". ".join(words), tuple(disagree), round(probability, 4))
