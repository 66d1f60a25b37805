"""When a happening took place: its own temporal expression (clause-scoped), a span, an offset from
another date, a clock time on the day its happening began, or a date the narrative set."""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from loaders.models import Article, Event, Timex
from loaders.sentences import Sentence
from loaders.settings import Settings
from loaders.timex import tag
from loaders.timex.context import since_lead

from .mentions import _same_or_affiliated
from .rules import CAPTION_INDEX_BASE, VOICED_TYPES, Rules, date_links, rules
from .text import _CLAUSE_END, _clause_bounds, _clause_of, _Unit, text_of
from .triggers import Trigger, _offset_link

# --- dates ---------------------------------------------------------------------------------------------
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


_DURATION = re.compile(r"P(\d+(?:\.\d+)?|X)([DWMY])")


_SPAN_LEAD = re.compile(r"(?:\b(?:for|over|in|during)\s+(?:the\s+)?(?:past|last)?\s*)$", re.IGNORECASE)


def _usable(t: Timex) -> bool:
    return t.range_start is not None and t.range_end is not None and t.type in ("DATE", "TIME", "DURATION") \
        and t.value not in _REF_VALUES


def _span_until_dct(t: Timex, text: str, dct: dt.date | None) -> Timex:
    """'for a week', 'over the past month' without an interval from the tagger -> [dct - span, dct]."""
    if t.type != "DURATION" or t.range_start is not None or dct is None:
        return t
    m = _DURATION.fullmatch(t.value)
    if not m or m.group(1) == "X" or not _SPAN_LEAD.search(text[max(0, t.start - 20):t.start]):
        return t
    n = float(m.group(1))
    days = {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)] * n
    return dataclasses.replace(t, range_start=dct - dt.timedelta(days=int(days)), range_end=dct,
                               precision="range", basis="relative")


#: "BAGHDAD, Feb. 3, 2024 - ...": a dateline's date is when the story was filed, not when things happened
_DATELINE_LEAD = re.compile(r"[A-Z][A-Z .'-]*(?:,\s*[A-Z][A-Za-z .'-]*)?,\s*")


_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-\u2013\u2014]+\s")


def _is_dateline(sent: Sentence, t: Timex) -> bool:
    a, b = t.start - sent.start, t.end - sent.start
    return 0 <= a <= 40 and bool(_DATELINE_LEAD.fullmatch(sent.text, 0, a)) \
        and bool(_DATELINE_TAIL.match(sent.text, b))


def _offset_timex(sent: Sentence, trig: Trigger, cands: list[Timex]) -> Timex | None:
    """"On Wednesday, five days after US bombers hit ...": a trigger inside an offset clause happened that many
    days before (or after) the date the rest of the sentence gives, not on it."""
    dl = date_links()
    rel = trig.start - sent.start
    m = _offset_link(sent.text, 0, rel)
    if m is not None:
        n = int(m.group("n")) if m.group("n").isdigit() else dl.numbers.get(m.group("n").lower(), 0)
        days = n * dl.units.get(m.group("unit").lower(), 0) * dl.links.get(m.group("link").lower(), 0)
        end = _CLAUSE_END.search(sent.text, rel)
        clause = (sent.start + m.start(), sent.start + (end.start() if end else len(sent.text)))
        anchors = [t for t in cands if (t.end <= clause[0] or t.start >= clause[1]) and t.type != "DURATION"
                   and t.range_start == t.range_end]
        if not anchors or not n:
            return None
        a = min(anchors, key=lambda t: min(abs(t.end - clause[0]), abs(t.start - clause[1])))
        day = a.range_start + dt.timedelta(days=days)
        return dataclasses.replace(a, value=day.isoformat(), range_start=day, range_end=day, precision="day",
                                   basis="narrative", text=f"{m.group(0).strip()} {a.text}", rule="offset_link")
    return None


def _span_to(own: Timex | None, sent: Sentence, trig: Trigger, text: str, last_date: Timex | None) -> Timex | None:
    """"kept striking Dahiyeh through Saturday", "fired rockets until shortly before ... Wednesday": an ongoing
    action that ends at its date expression began earlier: at the date the text set before (within a week),
    else the day before."""
    if own is None or own.range_start is None or own.range_start != own.range_end or own.start < trig.end:
        return own
    if own.type == "TIME" and own.basis == "narrative":
        return own  # "until the evening": a time of the day the text set, not a span over days
    gap = text[trig.end:own.start] if own.start > trig.end else _CLAUSE_END.split(text[trig.end:sent.end], 1)[0]
    if len(gap) > date_links().max_clause or _CLAUSE_END.search(gap) or not date_links().span_end_regex.search(gap):
        return own
    start = own.range_start - dt.timedelta(days=1)
    if last_date is not None and last_date.range_start is not None \
            and dt.timedelta(0) < own.range_start - last_date.range_start <= dt.timedelta(days=7):
        start = last_date.range_start
    return dataclasses.replace(own, range_start=start, precision="range", rule=own.rule + "+span_end")


_WHEN_CLAUSE = re.compile(r"\s*,?\s*(?:when|as)\s+[^;:.]{0,60}$")


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _when_point(own: Timex | None, trig: Trigger, text: str) -> Timex | None:
    """"struck military sites ... since Oct. 1, when Iran fired 180 missiles": the action of a when-clause
    hanging on a since-date happened on that day, not over the span since."""
    if own is None or own.range_start is None or own.range_start == own.range_end or own.end > trig.start:
        return own
    if not _DAY_VALUE.fullmatch(own.value) or not since_lead(text, own.start):
        return own
    if not _WHEN_CLAUSE.fullmatch(text, own.end, trig.start):
        return own
    return dataclasses.replace(own, range_end=own.range_start, precision="day", rule=own.rule + "+when_clause")


def _ends_at_context(sent: Sentence, trig: Trigger, text: str) -> bool:
    """"fired rockets until shortly before the deadline": no date of its own, but a span ending at the date the
    context gives."""
    clause = _CLAUSE_END.split(text[trig.end:sent.end], 1)[0][:date_links().max_clause]
    return bool(date_links().span_end_regex.search(clause))


_YEAR_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$", re.IGNORECASE)


_YEAR_MODIFIER_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|for|of|when|as|after|before|until|through)\b)"
                                  r"[a-z][\w-]*")


def _attributive(sent: Sentence, t: Timex) -> bool:
    """"the 1974 disengagement agreement", "Iran's 2015 nuclear deal": a bare year modifying a noun names the
    thing; it does not date what the sentence reports."""
    if not date_links().attributive_years or not (t.text.isdigit() and len(t.text) == 4):
        return False
    lo, hi = t.start - sent.start, t.end - sent.start
    return bool(_YEAR_MODIFIER_BEFORE.search(sent.text[max(0, lo - 8):lo])) \
        and _YEAR_MODIFIER_AFTER.match(sent.text, hi) is not None


def _bare_time(own: Timex | None, dated: list[tuple[Event, Timex]], paragraph: int, etype: str,
               own_paragraph: list[Timex], r: Rules) -> Timex | None:
    """"The truce began at 11:15 a.m." in a paragraph that sets no day: the time falls on the day of the latest
    dated event of the same type in the look-back paragraphs ("a ceasefire took effect on Sunday"), else on the
    day the narrative set last, not on the publication date."""
    if own is None or own.rule not in date_links().bare_time_rules or not dated or paragraph < 0:
        return own
    if any(t.end <= own.start and t.type in ("DATE", "TIME") and t.range_start is not None
           and t.range_start == t.range_end for t in own_paragraph):
        return own  # "On Sunday ... at 11:15 a.m.": the paragraph set the day itself
    near = [(e, tx) for e, tx in dated if 0 < paragraph - e.paragraph_index <= r.lookback
            and tx.range_start is not None and tx.range_start == tx.range_end]
    same = [(e, tx) for e, tx in near if e.event_type == etype]
    if same:
        prev, tx = same[-1]
    elif near and own.basis != "narrative":
        prev, tx = near[-1]
    else:
        return own
    if tx.range_start == own.range_start:
        return own
    day = tx.range_start
    clock = own.value.split("T", 1)[1] if "T" in own.value else ""
    return dataclasses.replace(own, range_start=day, range_end=day, basis="narrative",
                               value=day.isoformat() + (f"T{clock}" if clock else ""))


#: what may stand between a reporting verb and its own date: "said on", "said late on", "said in a statement on"
_SAYING_DATE_GAP = re.compile(r"\s*(?:(?:in|at|during)\s+(?:a|an|the|his|her|its)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
                              r"(?:on|late|early|late on|early on|in the|on the|this|last)?\s*")


def _comparison_window(sent: Sentence, t: Timex) -> bool:
    """"for the first time in almost 20 years", "the deadliest day in a decade": a span something is compared
    over, not the time of what the sentence reports."""
    lo = t.start - sent.start
    return date_links().comparison_regex.search(sent.text, max(0, lo - 70), max(0, lo)) is not None


def _dates_events(sent: Sentence, t: Timex) -> bool:
    """Whether an expression of the sentence can date what it reports: resolved, not a year naming a thing ("the
    1974 agreement"), not a window something is compared over ("for the first time in 20 years")."""
    return _usable(t) and not _attributive(sent, t) and not _comparison_window(sent, t)


def _pick_timex(sent: Sentence, trig: Trigger, timexes: list[Timex], dct: dt.date | None,
                others: list[Trigger] = ()) -> Timex | None:
    """The sentence's date expression nearest the trigger; a dateline's or a future one only as a last resort.
    A date inside another clause that holds an action of its own ("Iran fired those missiles after Israel killed
    Nasrallah on Sept. 27") dates that action, not this one."""
    cands = [t for t in timexes if sent.start <= t.start and t.end <= sent.end and _dates_events(sent, t)]
    if not cands:
        return None
    linked = _offset_timex(sent, trig, cands)
    if linked is not None:
        return linked
    if trig.reporting:
        # "Biden said the US response had begun on Friday": a date inside what is said dates the content;
        # the saying's own date sits before the verb or right after it ("said on Friday", "said in a
        # statement on Friday that")
        cands = [t for t in cands if t.start < trig.start or _SAYING_DATE_GAP.fullmatch(text_of(sent, trig.end, t.start))]
        if not cands:
            return None
    if others and not trig.weak:
        # "launched rockets in retaliation for the killing of its commander last month": a date after a
        # background action names that action's time (a weak word - "smoke rising after an Israeli strike on
        # January 14" - reports that very action, so shares its date)
        owned = [t for t in cands if not any(o is not trig and o.background and trig.end <= o.start < t.start
                                             for o in others)]
        if not owned:
            return None
        cands = owned
    if others and len(cands) > 0:
        bounds = _clause_bounds(sent, {t.start for t in cands}, rules())
        if len(bounds) > 1:
            # only a subordinate clause keeps its date to itself; the main clause's date ("On Tuesday ...")
            # scopes over the whole sentence
            mine = _clause_of(bounds, trig.start)
            busy = {_clause_of(bounds, o.start) for o in others if o is not trig and not o.reporting} \
                - {mine, sent.start}
            cands = [t for t in cands if _clause_of(bounds, t.start) not in busy]
            if not cands:
                return None

    def key(t: Timex) -> tuple[bool, bool, int]:
        future = dct is not None and t.range_start is not None and t.range_start > dct
        return _is_dateline(sent, t), future, min(abs(t.start - trig.start), abs(t.end - trig.start))

    return min(cands, key=key)


def _date_fields(timex: Timex | None, basis_override: str | None, article: Article) -> dict:
    estimated = article.published_basis == "estimated"
    if timex is None:
        day = article.published
        return {"date_start": day, "date_end": day, "date_precision": "day" if day else "unknown",
                "date_text": "", "date_value": day.isoformat() if day else "",
                "date_basis": "publication+estimated" if estimated else "publication"}
    basis = basis_override or timex.basis or "explicit"
    depends = timex.basis != "explicit" or basis == "relative"
    precision = timex.precision
    if timex.type == "DURATION" or (timex.range_start != timex.range_end and precision == "unknown"):
        precision = "range" if timex.range_start != timex.range_end else precision
    return {"date_start": timex.range_start, "date_end": timex.range_end, "date_precision": precision,
            "date_text": timex.text, "date_value": timex.value,
            "date_basis": basis + ("+estimated" if estimated and depends else "")}


def _tag(text: str, dct: dt.date | None, settings: Settings) -> list[Timex]:
    return list(tag(text, dct, mode=settings.timex_mode))


# --- the extractor ---------------------------------------------------------------------------------------
def _units(article: Article, settings: Settings) -> list[_Unit]:
    units = [_Unit(i, p) for i, p in enumerate(article.paragraphs)]
    body_timexes = _tag(article.body, article.published, settings) if units else []
    starts, pos = [], 0
    for p in article.paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    for t in body_timexes:
        i = bisect.bisect_right(starts, t.start) - 1
        if 0 <= i < len(units) and t.end <= starts[i] + len(units[i].text):
            off = starts[i]
            units[i].timexes.append(Timex(t.start - off, t.end - off, t.text, t.type, t.value, t.range_start,
                                          t.range_end, t.precision, t.basis, t.mod, t.rule))
    for j, cap in enumerate(article.captions):
        units.append(_Unit(CAPTION_INDEX_BASE - j, cap.text, _tag(cap.text, article.published, settings)))
    for u in units:
        u.timexes = [_span_until_dct(t, u.text, article.published) for t in u.timexes]
    return units


def _context_timex(ev: Event, dated: list[tuple[Event, Timex]], last_date: Timex | None, r: Rules) -> Timex | None:
    """A mention with no time cue of its own takes the date of a coreferent mention (README: "a clause
    without its own time cue takes the date of a coreferent mention"): for violence, the latest dated
    violent mention of a compatible actor within the look-back paragraphs; for statements, threats and
    appeals, the same speaker's latest dated remark ("He added ..."); a violent or other action with
    neither falls back to the date the paragraph last set. Captions only look at captions."""
    voiced = ev.event_type in VOICED_TYPES
    violent = ev.event_category in r.violent_categories
    last_voiced = True
    # "He said ..." may continue the remark of the paragraph before; a speaker named anew speaks anew
    reach = 1 if ev.actor_text.lower() in r.pronouns else 0
    for prev, tx in reversed(dated):
        if (prev.paragraph_index < 0) != (ev.paragraph_index < 0):
            continue
        if abs(ev.paragraph_index - prev.paragraph_index) > (reach if voiced else r.lookback):
            break
        if voiced and prev.event_type in VOICED_TYPES:
            if last_voiced and ev.actor and prev.actor == ev.actor:
                return tx
            last_voiced = False  # only the speaker's latest remark continues ("He added ...")
        if violent and prev.event_category in r.violent_categories and prev.actor and \
                _same_or_affiliated(prev.actor, ev.actor):
            return tx
    return None if voiced else last_date
