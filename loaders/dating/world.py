"""Dating clues that need knowledge of the world: anchor events (rules/anchor_events.csv) and
terms of office (rules/offices.csv).

Why apart from the text clues: these clues are only as good as the tables, so each one asks for
specific words before it counts (a named operation, a place or person only that event had, the
event's day; a title next to a listed name) and is soft evidence, never a wall: a wrong row or a
loose match makes a day unlikely, it cannot rule the true day out.
"""
from __future__ import annotations

import datetime as dt
import re

from loaders.sentences import Sentence

from . import knowledge, shapes
from .signals import (
    DURATION,
    FULL_DAY,
    YEARLESS_DAY,
    Clue,
    Context,
    TextDay,
    _add_months,
    _tense,
    full_day,
    relative_profile,
)

#: anchors this short are one-off events: a past-tense sentence about one makes it a reported day
ONE_OFF = dt.timedelta(days=3)


# --- durations tied to anchor events ---------------------------------------------------------------
def _duration_window(start: dt.date, n: int, unit: str, mod: str) -> tuple[dt.date, dt.date]:
    """Days on which "n units since `start`" is said."""
    def at(k: float) -> dt.date:
        if unit == "D":
            return start + dt.timedelta(days=round(k))
        if unit == "W":
            return start + dt.timedelta(days=round(7 * k))
        months = k * (12 if unit == "Y" else 1)
        whole = int(months)
        return _add_months(start, whole) + dt.timedelta(days=round((months - whole) * 30))

    lo_k, hi_k = n, n + 1
    if mod in ("LESS_THAN", "EQUAL_OR_LESS", "APPROX") or mod.startswith("LESS"):
        lo_k = n - 1 if mod != "APPROX" else n - 0.5
        hi_k = n if mod != "APPROX" else n + 1
    elif mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        hi_k = n + 2
    slack_lo = {"D": 1, "W": 1, "M": 10, "Y": 30}[unit]
    lo = at(lo_k) - dt.timedelta(days=slack_lo)
    hi = at(hi_k) - dt.timedelta(days=1 if unit in "DW" else 0)
    if unit == "D":
        hi = at(n) + dt.timedelta(days=1)
    return lo, max(lo, hi)


def _is_ongoing(ctx: Context, tx, sent: Sentence) -> bool:
    c = knowledge.cues()
    after = ctx.body[tx.end:min(sent.end, tx.end + 120)]
    if c["ongoing_after"].match(after):
        return True
    before = ctx.body[max(sent.start, tx.start - 40):tx.start]
    return bool(c["ongoing_before"].search(before) and c["perfect"].match(after))


_HEAD_NOUN = re.compile(r"\s*-?\s*(?:long|old)?\s+((?:[\w-]+\s+){0,2}?[\w-]+)")


def _specific_in(anchor: knowledge.Anchor, text: str) -> bool:
    """Does `text` name this event specifically (its specific words or one of its names)?"""
    if anchor.specific is not None and anchor.specific.search(text):
        return True
    return anchor.names is not None and anchor.names.search(text) is not None


def _nearest_anchors(text: str, pos: int, noun: str = "") -> list[tuple[int, knowledge.Anchor]]:
    """Anchors named specifically in `text` with all their cue words, nearest to `pos` first
    (ties kept). When the duration qualifies a noun ("eight-week ceasefire"), anchors whose cue
    has that noun are preferred: a ceasefire's length is not the war's."""
    found = []
    for anchor in knowledge.anchors():
        if len(anchor.groups) < 2 or not _specific_in(anchor, text):
            continue
        hits = anchor.group_hits(text)
        if hits is not None:
            found.append((max(min(abs(h - pos) for h in g) for g in hits), anchor))
    if noun:
        with_noun = [(d, a) for d, a in found if any(g.search(noun) for g in a.groups)]
        # "a two-month truce" measures a truce: never the war the truce interrupts
        found = with_noun if with_noun or knowledge.cues()["ongoing_after"].match(" " + noun) else found
    if not found:
        return []
    best = min(d for d, _ in found)
    return [(d, a) for d, a in found if d <= best + 15]


def _sentence_years(ctx: Context, sent: Sentence) -> list[int]:
    """Years the sentence dates its own events with ("In 2006 he led ... a 34-day war")."""
    return [int(t.value[:4]) for t in ctx.timexes
            if sent.start <= t.start < sent.end and t.type == "DATE" and t.value[:4].isdigit()]


def anchored_durations(ctx: Context) -> list[Clue]:
    """"the 20-monthlong conflict in Gaza" -> published about 20 months after 7 October 2023.

    Only durations told as elapsed until now (attributive "-month war", "N months into",
    "For a week, the US has been striking") count, and only when the same sentence names the
    war specifically (its place, its name): the anchor is the one whose cue words sit nearest.
    A duration as long as a finished event ("the 12-day war") means "after its end".
    """
    out = []
    for tx in ctx.timexes:
        dm = DURATION.match(tx.value) if tx.type == "DURATION" else None
        if dm is None:
            continue
        n, unit = float(dm[1]), dm[2]
        if n != int(n) or n <= 0:
            continue
        n = int(n)
        sent = ctx.sentence_at(tx.start)
        if not _is_ongoing(ctx, tx, sent):
            continue
        since = _stated_start(ctx, sent)
        if since is not None and not knowledge.cues()["pause"].match(ctx.body[tx.end:tx.end + 60]):
            # the text says when the count began: no table needed
            if (clue := _counted_from(ctx, tx, since, n, unit)) is not None:
                out.append(clue)
            continue
        head = _HEAD_NOUN.match(ctx.body, tx.end, min(sent.end, tx.end + 40))
        noun = head.group(1) if head else ""
        years = _sentence_years(ctx, sent)
        found = [(d, a) for d, a in _nearest_anchors(sent.text, tx.start - sent.start, noun)
                 if not years or min(years) >= a.start.year]
        spans, words = [], []
        for _, anchor in found:
            try:
                lo, hi = _duration_window(anchor.start, n, unit, tx.mod)
            except (ValueError, OverflowError):  # "the 10,000-year war": no calendar day
                continue
            if lo > ctx.today:
                continue
            over = f"{anchor.label}: over, so after {anchor.end.isoformat()}" if anchor.end else ""
            if anchor.end is not None and lo > anchor.end + dt.timedelta(days=7):
                continue  # longer than the whole event lasted: another war
            spans.append((lo, hi))
            words.append(f"{anchor.label} → {lo.isoformat()}…{hi.isoformat()}")
            if anchor.end is not None and hi >= anchor.end - dt.timedelta(days=3):
                spans.append((anchor.end, ctx.today))  # or said of the finished event
                words.append(over)
        if not spans:
            continue
        out.append(Clue("anchor-duration", f"'{tx.text}' of {'; or '.join(dict.fromkeys(words))}",
                        f"a{tx.value}{'+'.join(a.id for _, a in found)}", factor=shapes.windows(spans)))
    return out


def _stated_start(ctx: Context, sent: Sentence):
    """The day the sentence says a still-running period began: "the first break in the fighting since
    Oct. 7" ([open_since] words before a day). "the 34-day war that began on July 12" is not one: a
    war's length told with its start may be its whole length, long over."""
    return next((t for t in _days_in(ctx, sent.start, sent.end) if _tense(ctx, t) == "open"), None)


def _days_in(ctx: Context, start: int, end: int):
    """The day-valued dates (with or without their year) the body writes between `start` and `end`."""
    return (t for t in ctx.timexes if start <= t.start < end and t.type == "DATE"
            and (FULL_DAY.match(t.value) or YEARLESS_DAY.match(t.value)))


def _lag_clue(ctx: Context, words: str, key: str, ref, lo: int, hi: int,
              peak: tuple[int, int] | None = None) -> Clue | None:
    """Published `lo`..`hi` days after the day `ref` writes (most often `peak` days after): a window when its
    year is written, else a told day in every candidate year, the other clues choosing the year."""
    if FULL_DAY.match(ref.value) is not None:
        if (day := full_day(ref.value)) is None:
            return None
        return Clue("elapsed", words, key, factor=shapes.window(
            day + dt.timedelta(days=lo), day + dt.timedelta(days=hi), "elapsed", _peak_days(day, peak)))
    m = YEARLESS_DAY.match(ref.value)
    return Clue("elapsed", words + " (year from the other clues)", key,
                told=(TextDay(f"elapsed{id(ctx)}:{ref.start}", f"lag:{lo}:{hi}" + (f":{peak[0]}:{peak[1]}" if peak else ""),
                              month_day=(int(m[1]), int(m[2]))),))


def _counted_from(ctx: Context, tx, since, n: int, unit: str) -> Clue | None:
    """"the seven-week war ... since Oct. 7": published about seven weeks after that day (its year, when
    not written, from the other clues, as for "two weeks after April 22")."""
    words = f"'{tx.text}' counted from '{since.text}'"
    day, m = full_day(since.value), YEARLESS_DAY.match(since.value)
    if day is None and m is None:
        return None  # a full date no calendar has
    start = day or dt.date(2023, int(m[1]), min(int(m[2]), 28) if int(m[1]) == 2 else int(m[2]))  # any common year
    try:
        lo_day, hi_day = _duration_window(start, n, unit, tx.mod)
    except (ValueError, OverflowError):
        return None
    lo, hi = (lo_day - start).days, (hi_day - start).days
    if day is not None and lo_day > ctx.today:
        return None
    if day is None and hi > 300:  # a year or more since a year-less day fits every year
        return None
    words += f": published {lo_day.isoformat()}…{hi_day.isoformat()}" if day else f": published {lo}-{hi} days after it"
    return _lag_clue(ctx, words, f"c{tx.value}{since.value}", since, lo, hi)


def _elapsed_lags(n: int, unit: str, approx: bool) -> tuple[int, int, tuple[int, int] | None]:
    """Days after an event on which "n units after it" is written (wider when "nearly", "about"),
    and the days around the exact length (n weeks, months, years to the day) where it is written
    most often: None when the length is approximate or counted in days (the window is that short)."""
    if unit == "D":
        pad = max(1, n // 10) if approx else 0
        return max(0, n - pad), n + 1 + pad, None
    base = 7 * n if unit == "W" else round(30.44 * n) if unit == "M" else round(365.25 * n)
    if unit == "W":
        lo, hi = (base - 7, base + 7) if approx else (base - 1, base + 6)
    elif unit == "M":
        lo, hi = (base - 30, base + 30) if approx else (base - 5, base + 12)
    else:
        lo, hi = (base - 365, base + 90) if approx else (base - 7, base + 14)
    if approx:
        return lo, hi, None
    pad = int(shapes.params("elapsed")["peak_days"])
    return lo, hi, (max(lo, base - pad), min(hi, base + pad))


def _peak_days(day: dt.date, peak: tuple[int, int] | None) -> tuple[dt.date, dt.date] | None:
    return (day + dt.timedelta(days=peak[0]), day + dt.timedelta(days=peak[1])) if peak else None


def elapsed_since(ctx: Context) -> list[Clue]:
    """"two weeks after gunmen killed 26 people at Pahalgam on April 22", "three years after it
    seized power on Feb. 1, 2021", "a month after Israel killed Hassan Nasrallah": published that
    long after the day (or the known event) the same sentence names. The day is then no reported
    day of its own (`ctx.consumed`): the elapsed time says more than "soon after it"."""
    out = []
    c = knowledge.cues()
    for tx in ctx.timexes:
        dm = DURATION.match(tx.value) if tx.type == "DURATION" else None
        follows = ctx.body[tx.end:tx.end + 60]
        if dm is None or not c["elapsed"].match(follows):
            continue
        n, unit = float(dm[1]), dm[2]
        if n != int(n) or n <= 0 or n > 200 or c["ongoing_after"].match(follows):
            continue  # "500 days since the start of the war": a duration of the war, anchored_durations
        sent = ctx.sentence_at(tx.start)
        first_word = tx.text.split()[0] + " " if tx.text.split() else ""
        approx = bool(c["approximately"].search(ctx.body[max(sent.start, tx.start - 20):tx.start])
                      or c["approximately"].search(first_word))
        lo, hi, peak = _elapsed_lags(int(n), unit, approx)
        ref = next(_days_in(ctx, tx.end, sent.end), None)
        if ref is not None:
            ctx.consumed.add((ref.start, ref.end))
            # (a year-less day: its year is open, and "a year since" would match every year)
            if FULL_DAY.match(ref.value) is not None or hi <= 300:
                clue = _lag_clue(ctx, f"'{tx.text}' after '{ref.text}': published {lo}-{hi} days after it",
                                 f"l{tx.value}{ref.value}", ref, lo, hi, peak)
                out += [clue] if clue is not None else []
            continue
        rest = ctx.body[tx.end:sent.end]
        found = [a for a in knowledge.anchors() if _specific_in(a, rest) and a.group_hits(rest) is not None
                 and ctx.min_day <= a.start <= ctx.today]
        if not found:
            continue
        ctx.consumed_anchors.update((sent.start, a.id) for a in found)
        spans = [(a.start + dt.timedelta(days=lo), a.start + dt.timedelta(days=hi)) for a in found]
        peaks = [_peak_days(a.start, peak) for a in found]
        labels = " or ".join(a.label for a in found)
        out.append(Clue("elapsed", f"'{tx.text}' after {labels}: published {lo}-{hi} days after it",
                        f"l{tx.value}{'+'.join(a.id for a in found)}",
                        factor=shapes.windows(spans, "elapsed", peaks if peak else None)))
    return out


_ORDINALS = {w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                          "ninth", "tenth", "eleventh", "twelfth"), start=1)}


def _ordinal_lags(n: int, unit: str, entered: bool) -> tuple[int, int]:
    """Days after its start on which a happening is in its n-th day / week / month, or has just
    entered it ("entered its ninth week": the first days of that week). A day's slack either way:
    writers count the first day as day one or as day zero."""
    if unit == "day":
        return max(0, n - 2), n
    first = 7 * (n - 1) if unit == "week" else round(30.44 * (n - 1))
    if entered:
        return max(0, first - 1), first + (3 if unit == "week" else 7)
    return max(0, first - 1), (7 * n if unit == "week" else round(30.44 * n)) + 1


def ordinal_elapsed(ctx: Context) -> list[Clue]:
    """"An operation launched on January 21 entered its ninth week": published in the ninth week
    after January 21 (rules/dating_cues.txt [ordinal_elapsed]). Only with the start day written in
    the same sentence; the day is then no reported day of its own (`ctx.consumed`)."""
    out = []
    for pattern in knowledge.cue_list("ordinal_elapsed"):
        for m in pattern.finditer(ctx.body):
            word = m.group("n").lower()
            n = _ORDINALS.get(word) or (int(word[:-2]) if word[:-2].isdigit() else 0)
            if n < 2:
                continue
            sent = ctx.sentence_at(m.start())
            ref = next((t for t in _days_in(ctx, sent.start, sent.end) if (t.start, t.end) not in ctx.consumed), None)
            if ref is None or ((day := full_day(ref.value)) is not None and day > ctx.today):
                continue
            lo, hi = _ordinal_lags(n, m.group("unit").lower(), m.group("enter") is not None)
            clue = _lag_clue(ctx, f"'{m.group(0).strip()}' since '{ref.text}': published {lo}-{hi} days after it",
                             f"o{m.start()}{ref.value}", ref, lo, hi)
            if clue is None:
                continue
            ctx.consumed.add((ref.start, ref.end))
            out.append(clue)
    return out


def named_events(ctx: Context) -> list[Clue]:
    """A proper name of a dated event ("Operation Rough Rider") -> published after it began; the
    name of a one-off event ("Tower 22") also makes its day a reported day (often background,
    fresh when its sentence says "on Sunday")."""
    out, table = [], knowledge.anchors()
    body = ctx.body
    candidates = {i for word, i in knowledge.anchor_name_keys() if word in body}
    for i in sorted(candidates):
        anchor = table[i]
        found = _name_matches(ctx, i, anchor)
        m = found[0] if found else None
        if m is not None and ctx.min_day <= anchor.start <= ctx.today:
            told: tuple[TextDay, ...] = ()
            if anchor.end is not None and anchor.end - anchor.start <= ONE_OFF:
                told = (TextDay("body", relative_profile(ctx, m.start(), anchor.start), anchor.start, anchor.start),)
            out.append(Clue("named-event", f"names '{m.group(0)}': {anchor.label}", f"e{anchor.id}",
                            factor=shapes.lower_bound(anchor.start), told=told))
    return out


def event_mentions(ctx: Context) -> list[Clue]:
    """A past-tense sentence telling of an anchor event with the words only that event had.

    A one-off event ("Walkie-talkies used by Hezbollah exploded", "Nasrallah was killed") makes
    its day a reported day: the article came out after it, most likely soon after. A campaign or
    war ("Houthi attacks on ships in the Red Sea") is a weak lower bound only: the same words may
    tell of an older war. Generic words ("a string of attacks", "Iran fired missiles at Israel")
    never count: Iran attacked Israel more than once. Every anchor whose words all occur in the
    sentence counts; each one-off is a possible day (the recency model takes the latest of them
    before each candidate publication day).
    """
    by_sentence: dict[int, list[knowledge.Anchor]] = {}
    sentences: dict[int, Sentence] = {}
    named_here = {i for word, i in knowledge.anchor_name_keys() if word in ctx.body}
    for i, anchor in enumerate(knowledge.anchors()):
        if anchor.specific is None and anchor.names is None:
            continue
        campaign = anchor.end is None or anchor.end - anchor.start > ONE_OFF
        if campaign and len(anchor.groups) < 3:
            continue  # "the war in Gaza": words an older war may share; only a three-part cue is told news
        # a telling sentence holds the event's specific words or one of its names: start from those
        spots = list(ctx.hits(anchor.specific)) if anchor.specific is not None else []
        if i in named_here:
            spots += [m.start() for m in _name_matches(ctx, i, anchor)]
        if not spots or any(not ctx.literal_count(g) for g in anchor.groups):
            continue
        done: set[int] = set()
        for pos in sorted(spots):
            sent = ctx.sentence_at(pos)
            if sent.start in done:
                continue
            done.add(sent.start)
            firsts = []
            for g in anchor.groups:
                m = _search_in(ctx, g, sent)
                if m is None:
                    break
                firsts.append(m)
            if len(firsts) < len(anchor.groups) or (sent.start, anchor.id) in ctx.consumed_anchors:
                continue
            if campaign and i not in named_here and anchor.specific_in_cue:
                continue  # "US forces struck Houthi sites": words of more than one campaign, no place or name
            # the words up to the event: "Oman said it had brokered a ceasefire ..., under which
            # neither side will ..." is a report; "or risk the US attacking them" is not
            told = ctx.body[sent.start:max(firsts) + 20]
            c = knowledge.cues()
            if not c["future"].search(told) and not c["hypothetical"].search(told):
                sentences[sent.start] = sent
                by_sentence.setdefault(sent.start, []).append(anchor)
                if campaign:
                    break  # a campaign gives one weak bound, however often it is told
    out = []
    for start, anchors in by_sentence.items():
        sent = sentences[start]
        years = _sentence_years(ctx, sent)
        anchors = [a for a in anchors if (not years or min(years) >= a.start.year)
                   and ctx.min_day <= a.start <= ctx.today]
        if not anchors:
            continue
        named = _sentence_month_days(ctx, sent)
        anchors = [a for a in anchors if (a.start.month, a.start.day) not in named] or anchors
        snippet = sent.text[:70] + ("…" if len(sent.text) > 70 else "")
        one_offs = [a for a in anchors if a.end is not None and a.end - a.start <= ONE_OFF]
        if one_offs:
            days = tuple(TextDay("body", relative_profile(ctx, start, a.start), a.start, a.start) for a in one_offs)
            words = " or ".join(a.label for a in sorted(one_offs, key=lambda a: a.start))
            out.append(Clue("event-mention", f"tells of {words} ('{snippet}')",
                            "m" + "+".join(sorted(a.id for a in one_offs)), told=days,
                            factor=shapes.lower_bound(min(a.start for a in one_offs))))
            continue
        first = min(anchors, key=lambda a: a.start)
        words = " or ".join(a.label for a in sorted(anchors, key=lambda a: a.start))
        out.append(Clue("campaign-mention", f"tells of {words} ('{snippet}'): after it began, if it is that one",
                        f"w{first.id}", factor=shapes.weak_lower_bound(first.start)))
    return out


def _name_matches(ctx: Context, i: int, anchor: knowledge.Anchor) -> list[re.Match[str]]:
    """Where the proper names of anchor `i` occur in the body (memoized; a name's regex runs only
    when every word of one of its names is in the body)."""
    key = (-1 - i, -1)
    memo = ctx._names
    if key not in memo:
        words = knowledge.anchor_name_words()[i]
        if anchor.names is None or not any(all(w in ctx.body for w in ws) for ws in words):
            memo[key] = []
        else:
            memo[key] = list(anchor.names.finditer(ctx.body))
    return memo[key]


def _search_in(ctx: Context, group: re.Pattern[str], sent: Sentence) -> int | None:
    """Where a cue group first occurs in a sentence (memoized: anchors share groups)."""
    key = (id(group), sent.start)
    memo = ctx._in_sentence
    if key not in memo:
        m = group.search(ctx.body, sent.start, sent.end)
        memo[key] = m.start() if m is not None else None
    return memo[key]


def _sentence_month_days(ctx: Context, sent: Sentence) -> set[tuple[int, int]]:
    """(month, day) of the calendar days a sentence names, with or without a year."""
    out = set()
    for t in ctx.timexes:
        if sent.start <= t.start < sent.end and t.type == "DATE":
            m = FULL_DAY.match(t.value) or YEARLESS_DAY.match(t.value)
            if m is not None:
                out.add((int(m.groups()[-2]), int(m.groups()[-1])))
    return out


# --- office holders ------------------------------------------------------------------------------
def _mid_ok(mid: str, person: str, table: knowledge.OfficeTable) -> bool:
    """Words between a title and a name must be the person's other names, initials or ranks."""
    honor = knowledge.cues()["honorifics"]
    words = table.name_words.get(person, frozenset())
    for token in mid.split():
        t = token.strip(",")
        if t.strip(".'’").lower() in words or re.fullmatch(r"[A-Z]\.?", t) or honor.match(t):
            continue
        return False
    return True


def _stage(pre: str, suffix: str, title: str = "") -> str:
    """What the words before a name (up to and with its title) say of the term: designate / new /
    outgoing / current. A title of three words or more counts as two ("Ukraine's new Minister of
    Defense X" reads like "new Defense Minister X"): the cues allow two words between "new" and
    the name, and a long title must not hide the word before it (a title holding the word itself,
    "Syria's new leader", still tells it)."""
    c = knowledge.cues()
    texts = (pre + title,) if len(title.split()) <= 2 else (pre + title, pre + "title title ")
    if suffix.strip(" -").lower() in ("designate", "elect") or any(c["office_designate"].search(t) for t in texts):
        return "designate"
    if any(c["office_new"].search(t) for t in texts):
        return "new"
    if any(c["office_outgoing"].search(t) for t in texts):
        return "outgoing"
    return "current"


_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def _this_sentence(before: str) -> str:
    """The end of `before` that belongs to the sentence the name is in."""
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    return before[ends[-1]:] if ends else before


def _after_term(chosen: list[knowledge.Term], today: dt.date) -> dt.date | None:
    ends = [t.end for t in chosen if t.end is not None and t.end <= today]
    return min(ends) if ends else None


def office_holders(ctx: Context) -> list[Clue]:
    """"US Defense Secretary Pete Hegseth" -> published during his term(s) in that office
    (rules/offices.csv); "incoming", "new", "outgoing" and "-designate" move the likely days
    to before, the start or the end of the term. "former"/"the late" put the article after the
    term; "the killing of" / "who was killed" report the end of the term, and "elected X as
    president" / "named X as its new leader" its start (reported days)."""
    table = knowledge.offices()
    c = knowledge.cues()
    today = ctx.today
    text = ctx.title + "\n\n" + ctx.body
    offset = len(ctx.title) + 2  # where the body starts in `text`
    out: dict[str, Clue] = {}

    def profile_at(pos: int, day: dt.date) -> str:
        return relative_profile(ctx, pos - offset, day) if pos >= offset else "named_event"

    for start, end, alias in table.find_names(text):
        terms = table.terms_by_alias.get(alias, ())
        if not terms:
            continue
        before = _this_sentence(text[max(0, start - 90):start])
        after = text[end:end + 120]
        ended_after = c["not_current_after"].match(after) is not None
        best: tuple[int, int, str, str, str] | None = None  # (title start, -length, office, title, stage)
        for office in {t.office for t in terms}:
            m = table.title_before[office].search(before)
            if m is None:
                continue
            pre = before[:m.start()]
            if c["other_office"].search(pre[-20:]):
                continue
            if not any(_mid_ok(m.group("mid"), t.person, table) for t in terms if t.office == office):
                continue
            title = m.group("title") + (m.group("suffix") or "")
            if c["office_ended"].search(pre[-40:]) or ended_after:
                stage = "ended"
            elif c["not_current"].search(pre[-40:]):
                stage = "former"
            else:
                stage = _stage(pre[-40:], m.group("suffix") or "", m.group("title") + " ")
            key = (m.start(), -len(m.group("title")), office, title, stage)  # a listed title beats a suffixed one
            if best is None or key[:2] < best[:2]:
                best = key
        if best is None:
            for office in sorted({t.office for t in terms}):
                m = table.title_after[office].match(after)
                if m is not None and not c["other_office"].search(after[:m.start("title")]):
                    mid = m.group("mid") or ""
                    if c["not_current"].search(mid) or c["not_current"].search(before[-40:]):
                        stage = "former"
                    elif c["office_ended"].search(before[-40:]):
                        stage = "ended"
                    else:
                        stage = _stage(mid, "", m.group("title") + " ")
                    best = (0, 0, office, m.group("title"), stage)
                    break
        for office in sorted({t.office for t in terms}):  # "elected X as president": the term begins
            m = table.title_as[office].match(after)
            if m is None or c["other_office"].search(m.group("mid") or ""):
                continue
            began = sorted({t.named or t.start for t in terms if t.office == office and t.start <= today})
            if began:
                key = f"s{office}:{alias}"
                out.setdefault(key, Clue(
                    "office-start", f"'{text[start:end]}' named {m.group('title')}: the start of the term is "
                    f"reported ({', '.join(d.isoformat() for d in began)})", key,
                    told=tuple(TextDay("body", profile_at(start, d), d, d) for d in began),
                    factor=shapes.lower_bound(min(began))))
        if best is None:
            continue
        _, _, office, title, stage = best
        chosen = sorted((t for t in terms if t.office == office), key=lambda t: t.start)
        persons = sorted({t.person for t in chosen})
        named = f"'{title.strip()} {text[start:end]}'"
        key = f"o{office}:{'|'.join(persons)}:{stage}"
        if key in out:
            continue
        if stage in ("former", "ended"):
            gone = _after_term(chosen, today)
            if gone is None:
                continue
            if stage == "former":
                out[key] = Clue("office-former", f"{named} no longer in office: after {gone.isoformat()}", key,
                                factor=shapes.lower_bound(gone))
            else:
                ends = [t.end for t in chosen if t.end is not None and t.end <= today]
                out[key] = Clue("office-end", f"{named}: the end of the term is reported "
                                f"({', '.join(e.isoformat() for e in ends)})", key,
                                factor=shapes.lower_bound(gone),
                                told=tuple(TextDay("body", profile_at(start, e), e, e) for e in ends))
            continue
        spans = tuple((t.start, t.end, t.named) for t in chosen if t.start <= today)
        if not spans:
            continue
        words = "; or ".join(f"{t.start.isoformat()}…{t.end.isoformat() if t.end else 'now'}" for t in chosen)
        how = {"designate": "named, not yet in office", "new": "new in office", "outgoing": "about to leave office"}
        out[key] = Clue("office", f"{named} {how.get(stage, 'in office')} ({words})", key,
                        factor=shapes.office(spans, today, stage))
    return list(out.values())
