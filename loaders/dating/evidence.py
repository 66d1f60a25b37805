"""The arithmetic of the publication-date evidence model: likelihoods over candidate days,
their product, and what the product says (most likely day, shortest 90 % stretch, mass near a day).

Why piecewise-constant functions of the day: every clue says "publication is this likely on
these days" (within a term of office, a day or two after a dateline, within weeks of a reported
day). Over a century of candidate days a list of (first day, last day, value) pieces is exact and
small, and multiplying clues is adding their logarithms at each piece boundary: one sort, no
per-day loop. Nothing here knows words or dates of the world; `estimate.py` builds the factors.
Days are `date.toordinal()` integers throughout.
"""
from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

Piece = tuple[int, int, float]  # first day, last day (inclusive ordinals), likelihood value (> 0)

_TINY = 1e-300
#: of tied most likely days, one is preferred for the probability near it only when it holds this
#: many times as much as another (a few per cent is noise: the days are then truly tied)
CLEARLY_MORE = 1.1


@dataclass(frozen=True)
class Factor:
    """One clue's likelihood over days: `pieces` where it says something, `floor` on every other day.

    Values are relative (only ratios between days matter); no value is 0, so no clue alone can
    rule a day out (walls are applied as domain limits, not as factors)."""

    pieces: tuple[Piece, ...]
    floor: float

    def value(self, day: int) -> float:
        for a, b, v in self.pieces:
            if a <= day <= b:
                return v
        return self.floor

    @property
    def peak(self) -> float:
        return max([self.floor, *(v for _, _, v in self.pieces)])

    @cached_property
    def log_steps(self) -> tuple[float, tuple[tuple[int, int, float], ...]]:
        """log(floor), and each piece as (first, last, log(value) - log(floor)): what `combine`
        adds, computed once per factor (office and bound factors are shared by many articles)."""
        lf = math.log(max(self.floor, _TINY))
        return lf, tuple((a, b, math.log(max(v, _TINY)) - lf) for a, b, v in self.pieces)


def step(pieces: Iterable[Piece], floor: float) -> Factor:
    """A Factor from pieces that may overlap (the larger value wins where they do)."""
    items = sorted((a, b, v) for a, b, v in pieces if a <= b)
    if not items:
        return Factor((), floor)
    cuts = sorted({a for a, _, _ in items} | {b + 1 for _, b, _ in items})
    out: list[Piece] = []
    for lo, nxt in zip(cuts, cuts[1:], strict=False):
        best = None
        for a, b, v in items:
            if a > lo:
                break
            if b >= lo and (best is None or v > best):
                best = v
        if best is None:
            continue
        if out and out[-1][1] == lo - 1 and out[-1][2] == best:
            out[-1] = (out[-1][0], nxt - 1, best)
        else:
            out.append((lo, nxt - 1, best))
    return Factor(tuple(out), floor)


@dataclass(frozen=True)
class Profile:
    """How far publication lies after a kind of day: `bands` of lags (first, last, share of the
    probability), a per-day density `inside` a reported month, `before` the day and `beyond` the
    last band."""

    bands: tuple[tuple[int, int, float], ...]
    before: float
    beyond: float
    inside: float = 0.0

    @classmethod
    def from_rules(cls, spec: dict) -> Profile:
        bands = tuple((int(a), int(b), float(s)) for a, b, s in spec["bands"])
        return cls(bands, float(spec.get("before", 1e-6)), float(spec.get("beyond", 1e-6)),
                   float(spec.get("inside", 0.0)))

    @cached_property
    def per_day(self) -> tuple[tuple[int, int, float], ...]:
        """The bands with their share spread over their days: (first lag, last lag, per day)."""
        return tuple((a, b, s / (b - a + 1)) for a, b, s in self.bands)


#: a reported day (start == end) or period (start < end), the lag profile that applies after it,
#: and its weight (a year-less day's occurrence in the year the text implies weighs more)
Told = tuple[int, int, Profile, float]


def recency(told: Sequence[Told], floor: float) -> Factor:
    """"Published soon after the latest day it reports": each day counts from the latest told day
    (or period) that starts on or before it, through that told day's lag profile; days before
    every told day get `floor`.

    Why the latest: news reports happenings of its last days, and whatever is older is context.
    With a year-less "March 18" the told days are that day in every candidate year, so each
    year gets its own peak and the other clues choose between them.
    """
    by_start: dict[int, Told] = {}
    for t in told:
        s = t[0]
        kept = by_start.get(s)
        if kept is None or t[1] < kept[1] or (t[1] == kept[1] and t[3] > kept[3]):  # a day beats a period
            by_start[s] = t
    starts = sorted(by_start)
    pieces: list[Piece] = []
    add = pieces.append
    horizon = 400 * 366
    for k, s in enumerate(starts):
        _, e, prof, weight = by_start[s]
        last = starts[k + 1] - 1 if k + 1 < len(starts) else e + horizon
        if e > s and prof.inside > 0:
            add((s, e if e < last else last, prof.inside * weight))
        first = s if e == s else e + 1
        prev_end = e
        for a, b, per_day in prof.per_day:
            lo, hi = e + a, e + b
            if lo < first:
                lo = first
            if hi > last:
                hi = last
            if lo <= hi:
                add((lo, hi, weight * per_day))
            prev_end = e + b
        if prev_end < last:
            add((prev_end + 1, last, prof.beyond * weight))
    return Factor(tuple(p for p in pieces if p[2] > 0), floor)


@dataclass(frozen=True)
class Posterior:
    """Normalised probability per day, constant on each segment [starts[i], ends[i]]."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    density: tuple[float, ...]

    def reweighted(self, values: dict[int, float]) -> Posterior:
        """This posterior times a likelihood given day by day (`values`; 1 on every other day),
        normalised again: cheaper than combining every factor anew for one more day-level clue."""
        starts: list[int] = []
        ends: list[int] = []
        dens: list[float] = []
        days = sorted(values)
        k = 0
        for s, e, d in zip(self.starts, self.ends, self.density, strict=True):
            here = s
            while k < len(days) and days[k] < s:
                k += 1
            while k < len(days) and days[k] <= e:
                day = days[k]
                if day > here:
                    starts.append(here), ends.append(day - 1), dens.append(d)
                starts.append(day), ends.append(day), dens.append(d * values[day])
                here = day + 1
                k += 1
            if here <= e:
                starts.append(here), ends.append(e), dens.append(d)
        total = sum(x * (e - s + 1) for s, e, x in zip(starts, ends, dens, strict=True))
        return Posterior(tuple(starts), tuple(ends), tuple(x / total for x in dens))

    def masses(self) -> list[float]:
        return [d * (e - s + 1) for s, e, d in zip(self.starts, self.ends, self.density, strict=True)]

    def point(self, near: int = 0) -> int:
        """The most likely day (the middle of the best segment). Of tied segments, the one with clearly
        the most probability within `near` days of its middle (the point is judged by how often the
        truth falls that close: of two Fridays in a week-long window, the one the rest of the evidence
        crowds round); else the latest, as when one spike per candidate year is all the text gives."""
        best = max(self.density)
        tied = [k for k, d in enumerate(self.density) if d >= best * (1 - 1e-9)]
        mids = [(self.starts[k] + self.ends[k]) // 2 for k in tied]
        if near <= 0 or len(mids) == 1:
            return mids[-1]
        held = [self.mass_between(m - near, m + near) for m in mids]
        top = max(held)
        return max(m for m, h in zip(mids, held, strict=True) if h >= top / CLEARLY_MORE)

    def mass_between(self, a: int, b: int) -> float:
        starts, ends, dens = self.starts, self.ends, self.density
        i = max(0, bisect.bisect_right(starts, a) - 1)
        total = 0.0
        n = len(starts)
        while i < n and starts[i] <= b:
            lo = starts[i] if starts[i] > a else a
            hi = ends[i] if ends[i] < b else b
            if lo <= hi:
                total += dens[i] * (hi - lo + 1)
            i += 1
        return total

    def interval(self, mass: float = 0.9, prefer: int | None = None) -> tuple[int, int]:
        """The shortest stretch of consecutive days holding at least `mass` of the probability.

        One end of a shortest stretch can always be put on a segment boundary (slide it toward
        the denser side until it meets one), so trying every start boundary with the least end
        that reaches `mass`, and every end boundary with the latest start, finds it. A stretch that holds
        the day `prefer` (the point) comes first: an interval never leaves out its own point (a year-less
        "Feb. 6" spreads over many years, and a stretch of other years a day shorter would); then the
        shortest, then the one holding more."""
        starts, ends, dens = self.starts, self.ends, self.density
        n = len(starts)
        cum = [0.0]
        for s, e, d in zip(starts, ends, dens, strict=True):
            cum.append(cum[-1] + d * (e - s + 1))
        target = min(mass, cum[-1]) - 1e-12
        best_len, best_held, best_miss, best_a, best_b = None, 0.0, 1, 0, 0
        candidates: list[tuple[int, int, float]] = []
        j = 0
        for i in range(n):  # from the start of segment i to the right
            if j < i:
                j = i
            base = cum[i]
            while j < n and cum[j + 1] - base < target:
                j += 1
            if j == n:
                break
            size = ends[j] - starts[j] + 1
            days = math.ceil((target - (cum[j] - base)) / dens[j] - 1e-9) if dens[j] > 0 else size
            days = 1 if days < 1 else (size if days > size else days)
            candidates.append((starts[i], starts[j] + days - 1, cum[j] - base + days * dens[j]))
        j = n - 1
        for i in range(n - 1, -1, -1):  # from the end of segment i to the left
            if j > i:
                j = i
            top = cum[i + 1]
            while j >= 0 and top - cum[j] < target:
                j -= 1
            if j < 0:
                break
            size = ends[j] - starts[j] + 1
            days = math.ceil((target - (top - cum[j + 1])) / dens[j] - 1e-9) if dens[j] > 0 else size
            days = 1 if days < 1 else (size if days > size else days)
            candidates.append((ends[j] - days + 1, ends[i], top - cum[j + 1] + days * dens[j]))
        for a, b, held in candidates:
            length = b - a + 1
            miss = 0 if prefer is None or a <= prefer <= b else 1
            if best_len is None or (miss, length) < (best_miss, best_len) or ((miss, length) == (best_miss, best_len) and (
                    held > best_held + 1e-12 or (abs(held - best_held) <= 1e-12 and a < best_a))):
                best_len, best_held, best_miss, best_a, best_b = length, held, miss, a, b
        return best_a, best_b


def combine(factors: Sequence[Factor], lo: int, hi: int) -> Posterior:
    """The normalised product of `factors` over the days lo..hi (a uniform prior on them).

    Each factor adds log(floor) everywhere and log(value) - log(floor) on its pieces: a sweep
    over piece boundaries gives the log-likelihood on every stretch between two boundaries."""
    base = 0.0
    delta: dict[int, float] = {lo: 0.0, hi + 1: 0.0}
    get = delta.get
    for f in factors:
        lf, steps = f.log_steps
        base += lf
        for a, b, d in steps:
            if a < lo:
                a = lo
            if b > hi:
                b = hi
            if a > b:
                continue
            delta[a] = get(a, 0.0) + d
            delta[b + 1] = get(b + 1, 0.0) - d
    keys = sorted(k for k in delta if lo <= k <= hi + 1)
    starts: list[int] = []
    ends: list[int] = []
    logs: list[float] = []
    level = base
    for here, nxt in zip(keys, keys[1:], strict=False):
        level += delta[here]
        if logs and abs(logs[-1] - level) < 1e-12:
            ends[-1] = nxt - 1
        else:
            starts.append(here)
            ends.append(nxt - 1)
            logs.append(level)
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = sum(w * (e - s + 1) for w, s, e in zip(weights, starts, ends, strict=True))
    return Posterior(tuple(starts), tuple(ends), tuple(w / total for w in weights))
