"""Turn finder hits into TIMEX3 values with calendar intervals, pass by pass.

Why a reference-time model: a date without a year, a weekday or "the next day" means
nothing alone. News mode reads them against the publication date (DCT), except inside a
paragraph that sets its own scene ("In 1991, ...") or recounts the past (narrative.py: a
war history, the background paragraph of a news story), where every explicit date moves the
reference time, as HeidelTime's narrative mode does, and a clause that looks ahead from the
time of writing ("will meet on June 24") still reads from the DCT. Narrative mode does the
same everywhere. Tense decides past or next occurrence.
"""
from __future__ import annotations

from .context import MAX_YEAR, MIN_YEAR, Anchor, Context, Resolved, make_context
from .finder import Hit
from .handlers import HANDLERS
from .narrative import attributive, scene_setting
from .tense import looks_ahead

__all__ = ["resolve", "make_context", "Context", "Resolved"]

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
        ctx.last_day_pos = hit.start
    if not (per.precision == "day" and per.start == ctx.dct):
        ctx.last_ref = per.start
        ctx.last_ref_pos, ctx.last_ref_prec = hit.start, per.precision
    if r.basis in ("explicit", "narrative"):
        ctx.last_set = per.start
    if r.basis not in ("explicit", "narrative") or per.precision not in ("day", "month", "year", "season"):
        return
    prec = {"season": "month"}.get(per.precision, per.precision)
    if ctx.in_narrative and not (ctx.mode == "news" and attributive(ctx.text, hit.start, hit.end)):
        ctx.anchor = Anchor(per.start, prec)
        return
    if r.basis == "narrative" and ctx.anchor is not None:
        ctx.anchor = Anchor(per.start, prec)
        return
    if ctx.dct is not None and per.end is not None and per.end.year < ctx.dct.year and scene_setting(ctx.text, hit.start):
        ctx.anchor = Anchor(per.start, prec)


#: handlers that read a year-less expression from the story's time when there is one
_ANCHORED = frozenset(("date", "weekday", "month", "holiday", "season", "day_of_month", "weekof", "span",
                       "nth_weekday", "time"))


def resolve(hit: Hit, ctx: Context) -> Resolved | None:
    handler = HANDLERS.get(hit.rule.handler)
    if handler is None:
        raise ValueError(f"timex rule {hit.rule.name!r} names unknown handler {hit.rule.handler!r}")
    g: dict[str, str] = {}
    for k, v in hit.groups:
        g.setdefault(k, v)
    for k, v in hit.rule.attrs:
        g.setdefault(k, v)
    saved = None
    if ctx.anchor is not None and ctx.mode == "news" and hit.rule.handler in _ANCHORED and "year" not in g \
            and looks_ahead(ctx.text, hit.start, hit.end):
        saved, ctx.anchor = ctx.anchor, None  # "a summit set for April" after a history of NATO
    try:
        r = handler(hit, g, ctx)
    finally:
        if saved is not None:
            ctx.anchor = saved
    if r is not None:
        update_reference(ctx, hit, r)
    return r


