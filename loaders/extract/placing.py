"""Where a happening took place: the place named in its clause, a where-clause's place, a sea for attacks
on ships, or a theater's centroid."""
from __future__ import annotations

import dataclasses
import re

from loaders.actors import fold
from loaders.models import Event
from loaders.places import PlaceMatch, gazetteer
from loaders.sentences import Sentence

from .mentions import Mention
from .rules import Rules, rules
from .text import _ATTACH, _CLAUSE_END, _CLAUSE_JOIN, _LIST_GAP
from .triggers import Trigger

# --- places -------------------------------------------------------------------------------------------
#: ", where he met": a where-clause right before the trigger
_WHERE_BEFORE = re.compile(r",?\s+where\s+(?:[\w'’.-]+\s+){0,4}$")


def _names_a_conflict(text: str, end: int) -> bool:
    """"the Gaza war", "the Gaza ceasefire", "the US embassy": a place naming a conflict, a deal or what a country
    owns abroad says which one, not where."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    r = rules()
    word = m.group(1).lower()
    return word in r.background_nouns or word in r.foreign_premises \
        or any(n.fullmatch(word) for n in r.continuation_nouns.values())


_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")


def _place_for(text: str, sent: Sentence, trig: Trigger, places: list[PlaceMatch],
               actor_spans: list[tuple[int, int]], bystanders: list[Mention],
               later_actions: list[int] = (), keep_far: bool = True) -> PlaceMatch | None:
    """Most specific place near the trigger; names used as actors and places that only say where
    another actor is ("the Houthis in Yemen" when the Houthis are neither agent nor target) are skipped."""
    attached = {p.start for p in places for m in bystanders
                if 0 < p.start - m.end <= 24 and _ATTACH.fullmatch(text, m.end, p.start)}
    inside = [p for p in places if sent.start <= p.start and p.end <= sent.end and p.start not in attached
              and not any(s <= p.start and p.end <= e for s, e in actor_spans)
              and not _names_a_conflict(text, p.end)]
    if not inside:
        return None
    # "declared war on Sunday and pounded the Gaza Strip": a place after another kind of action is that action's
    after = [p for p in inside if p.start >= trig.start and not any(trig.end <= a < p.start for a in later_actions)]
    before = sorted((p for p in inside if p.start < trig.start), key=lambda p: -p.start)
    where = _WHERE_BEFORE.search(text, max(sent.start, trig.start - 60), trig.start)
    if where is not None:
        # "was in Israel, where he met Netanyahu": the place the where-clause hangs on
        hung = [p for p in inside if p.end <= where.start() and not text[p.end:where.start()].strip(" ,")]
        if hung:
            return hung[-1]
    if not after and not before:
        if not keep_far:
            return None
        after = [p for p in inside if p.start >= trig.start]  # an attack is somewhere: the nearest place then
    first = (after or before)[0]
    same = [p for p in inside if p.theater == first.theater]
    return min(same, key=lambda p: (p.specificity, abs(p.start - first.start)))


def _moved_to(ev: Event, where: PlaceMatch | Event, **more: object) -> Event:
    """The event placed where `where` (a place named in the text, or another event) is: theater, location
    and coordinates together, so they never disagree."""
    return dataclasses.replace(ev, theater=where.theater, location=where.location, latitude=where.latitude,
                               longitude=where.longitude, **more)


def _at_theater(theater: str) -> dict:
    """Event fields for a placement at a whole theater (its gazetteer point), when no finer place is named."""
    tp = gazetteer().theater_place(theater) if theater else None
    return {"theater": theater, "location": theater, "latitude": tp.latitude if tp else None,
            "longitude": tp.longitude if tp else None}


def _names_place(sent: Sentence, places: list[PlaceMatch], mentions: list[Mention]) -> bool:
    """Whether the sentence names a place of its own; a name read as an actor ("according to the US military",
    "Tehran said") is not one (a name that is also a place is a place only after a locative preposition)."""
    return any(sent.start <= p.start < sent.end
               and not any(m.start <= p.start and p.end <= m.end and not m.locative for m in mentions)
               for p in places)


#: "18 drones, two anti-ship cruise missiles and a ballistic missile at shipping lanes": a weapon list's commas
_WEAPON_LIST_GAP = re.compile(r"(?:[\s,]+[\w-]+){0,10}?\s+(?:at|on|against|toward|towards)\s+(?:the\s+)?(?:[\w-]+\s+)?")


_SHIP_AS_MEANS = re.compile(r"\b(?:by|from|with|aboard|using)\b")


def _at_sea(ev: Event, trig: Trigger, text: str, sent: Sentence, places: list[PlaceMatch], sea: PlaceMatch | None,
            r: Rules) -> Event:
    """"The Houthis had halted their attacks on shipping when the Gaza ceasefire took effect": violence against
    ships happens at sea - the sea the sentence names, else the paragraph's, else the one the article named last."""
    if sea is None or r.maritime_targets is None or ev.paragraph_index < 0:
        return ev
    if ev.event_category not in r.violent_categories and fold(trig.text).lower() not in r.stopped_markers:
        return ev  # violence, or its halt ("had halted their attacks on shipping")
    limit = min(len(text), trig.end + 60, sent.end)
    for opener in (r.clause_opener.search(text, trig.end, limit), _CLAUSE_JOIN.search(text, trig.end, limit)):
        if opener is not None:
            limit = min(limit, opener.start())  # "struck sites in Yemen after attacks on ships": another clause
    ship = r.maritime_targets.search(text, trig.end, limit)
    if ship is None or _SHIP_AS_MEANS.search(text, trig.end, ship.start()) \
            or _CLAUSE_END.search(text, trig.end, ship.start()) and not _WEAPON_LIST_GAP.fullmatch(
                text, trig.end, ship.start()):
        return ev  # "were hit by aircraft and by ships": the ships fired, they were not the target
    own = [p for p in places if p.kind == "sea" and sent.start <= p.start < sent.end]
    sea = own[0] if own else sea
    if ev.theater == sea.theater:
        return ev
    tp = gazetteer().theater_place(ev.theater) if ev.theater else None
    if tp is not None and tp.kind == "sea":
        return ev  # the sentence already places it at a sea
    return _moved_to(ev, sea)


def _addressed_place(text: str, sent: Sentence, places: list[PlaceMatch], r: Rules) -> PlaceMatch | None:
    """The place whose people a warning or appeal addresses ("told residents of Beit Hanoun to leave")."""
    for m in r.addressees.finditer(text, sent.start, sent.end):
        for p in places:
            if m.end() <= p.start < m.end() + 50 and p.end <= sent.end:
                if re.fullmatch(r"[\w\s,'’-]*", text[m.end():p.start]) and p.theater:
                    return p
                break
    return None


#: "four in Syria and three in Iraq": a count per place between two places of one list
_COUNTED_GAP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|"
                          r"several|others?)\s+(?:more\s+)?(?:in|on|at)\s+(?:the\s+)?")


def _coordinated_places(text: str, first: PlaceMatch, places: list[PlaceMatch]) -> list[PlaceMatch]:
    """"struck 85 targets in Iraq and Syria": places listed right after the event's place, in other
    theaters, are further theaters of the same action (one event per theater, as ACLED codes them)."""
    out: list[PlaceMatch] = []
    seen = {first.theater}
    last = first
    for p in places:
        if p.start < last.end:
            continue
        if not (_LIST_GAP.fullmatch(text, last.end, p.start) or _COUNTED_GAP.fullmatch(text, last.end, p.start)):
            break
        if p.theater and p.theater not in seen:
            seen.add(p.theater)
            out.append(p)
        last = p
    return out
