"""Sets of day intervals and the weighted consensus of several constraints.

Why: each dating signal says "the article was published in one of these intervals"
(an office term, one window per candidate year of a year-less date...). Signals can
disagree, so instead of a plain intersection (empty at the first outlier) we keep the
days that satisfy the largest total weight of signals, and report the signals that
lose (the disagreement) instead of silently ignoring them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

Span = tuple[dt.date, dt.date]  # inclusive on both ends
ONE_DAY = dt.timedelta(days=1)


def normalize(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, merged (touching spans joined), empty spans dropped."""
    out: list[list[dt.date]] = []
    for s, e in sorted(sp for sp in spans if sp[0] <= sp[1]):
        if out and s <= out[-1][1] + ONE_DAY:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def intersect(a: Sequence[Span], b: Sequence[Span]) -> tuple[Span, ...]:
    """Intersection of two normalized span sets (linear merge)."""
    out: list[Span] = []
    i = j = 0
    while i < len(a) and j < len(b):
        s, e = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if s <= e:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def contains(spans: Sequence[Span], day: dt.date) -> bool:
    return any(s <= day <= e for s, e in spans)


def hull(spans: Sequence[Span]) -> Span | None:
    return (spans[0][0], spans[-1][1]) if spans else None


def clip(day: dt.date, span: Span) -> dt.date:
    return min(max(day, span[0]), span[1])


def consensus(constraints: Sequence[tuple[Sequence[Span], float]],
              domain: Span) -> tuple[tuple[Span, ...], list[int]]:
    """Days of `domain` satisfying the greatest total weight of constraints.

    Returns (spans of the best days, indexes of the constraints satisfied there).
    Constraints that are satisfied nowhere in the best region are the ones that
    disagree with the consensus. Sweep over span boundaries: O(n log n).
    """
    clipped = [intersect(normalize(c), (domain,)) for c, _ in constraints]
    edges: dict[dt.date, float] = {domain[0]: 0.0, domain[1] + ONE_DAY: 0.0}
    for spans, (_, w) in zip(clipped, constraints, strict=True):
        for s, e in spans:
            edges[s] = edges.get(s, 0.0) + w
            edges[e + ONE_DAY] = edges.get(e + ONE_DAY, 0.0) - w
    points = sorted(edges)
    level, pieces = 0.0, []
    for here, nxt in zip(points, points[1:], strict=False):
        level += edges[here]
        pieces.append((here, nxt - ONE_DAY, level))
    best = max(p[2] for p in pieces)
    region = normalize((s, e) for s, e, lv in pieces if lv >= best - 1e-9)
    satisfied = [i for i, spans in enumerate(clipped) if intersect(spans, region)]
    return region, satisfied
