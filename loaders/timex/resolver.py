"""Turn finder hits into TIMEX3 values with calendar intervals, pass by pass.

Why a reference-time model: a date without a year, a weekday or "the next day" means
nothing alone. News mode reads them against the publication date (DCT), except inside a
paragraph that sets its own scene ("In 1991, ..."), where a year-less "December 5" takes
that year. Narrative mode (war histories) lets every explicit date move the reference
time, as HeidelTime's narrative mode does. Tense decides past or next occurrence.
"""
from __future__ import annotations

import re

from .context import MAX_YEAR, MIN_YEAR, Anchor, Context, Resolved, make_context
from .finder import Hit
from .handlers import HANDLERS

__all__ = ["resolve", "make_context", "Context", "Resolved"]

_SCENE_WORDS = frozenset(
    "in on by during since until from back early late mid around about as of at the".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+")


def _scene_setting(text: str, start: int) -> bool:
    """True when an expression opens its sentence ("In 1991, ...", "On Dec. 3, 1991, ...")."""
    lo = max(0, start - 40)
    chunk = text[lo:start]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"), chunk.rfind("? "), chunk.rfind("! "))
    if cut < 0 and lo > 0:
        return False
    words = _WORD.findall(chunk[cut + 1:])
    return len(words) <= 2 and all(w.lower() in _SCENE_WORDS for w in words)


def update_reference(ctx: Context, hit: Hit, r: Resolved) -> None:
    """Let explicit dates move the reference time (narrative mode; scene-setting past dates
    in news mode) and remember the last day for anaphora ("the next day")."""
    per = r.period
    if per.start is None or per.end is None or r.type == "DURATION" or r.type == "SET":
        return
    if not (MIN_YEAR <= per.start.year and per.end.year <= MAX_YEAR):
        return
    if per.precision == "day" or (per.precision == "range" and len(per.value) == 10 and per.value[4] == "-"):
        ctx.last_day = per.start  # "since Oct. 19 ... On that day": a since-range still names its day
    if not (per.precision == "day" and per.start == ctx.dct):
        ctx.last_ref = per.start
    if r.basis in ("explicit", "narrative"):
        ctx.last_set = per.start
    if r.basis not in ("explicit", "narrative") or per.precision not in ("day", "month", "year", "season"):
        return
    prec = {"season": "month"}.get(per.precision, per.precision)
    if ctx.mode == "narrative":
        ctx.anchor = Anchor(per.start, prec)
        return
    if r.basis == "narrative" and ctx.anchor is not None:
        ctx.anchor = Anchor(per.start, prec)
        return
    if ctx.dct is not None and per.end is not None and per.end.year < ctx.dct.year and _scene_setting(ctx.text, hit.start):
        ctx.anchor = Anchor(per.start, prec)


def resolve(hit: Hit, ctx: Context) -> Resolved | None:
    handler = HANDLERS.get(hit.rule.handler)
    if handler is None:
        raise ValueError(f"timex rule {hit.rule.name!r} names unknown handler {hit.rule.handler!r}")
    g: dict[str, str] = {}
    for k, v in hit.groups:
        g.setdefault(k, v)
    for k, v in hit.rule.attrs:
        g.setdefault(k, v)
    r = handler(hit, g, ctx)
    if r is not None:
        update_reference(ctx, hit, r)
    return r


