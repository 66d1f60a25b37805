"""Rules that read across sentences of one article: a claim naming an earlier attacker, an interception
reporting the attack intercepted, a passive release by the article's releaser, an agentless attack
continuing the last attacker, the actor's known weapon and scene, statements during a visit."""
from __future__ import annotations

import dataclasses
import re

from loaders.actors import actor_table, fold
from loaders.models import Article, Event, Timex, stable_hash
from loaders.places import gazetteer
from loaders.sentences import Sentence

from .mentions import Mention, _same_or_affiliated
from .placing import _at_theater, _moved_to
from .roles import _between_pair
from .rules import VOICED_TYPES, Rules
from .text import _ADJACENT, _Unit, _words_after
from .timing import _date_fields
from .triggers import Trigger, _final_type, _trigger_clause


def _intercepted(ev: Event, trig: Trigger, sentence_text: str, recent: dict[str, Event], r: Rules) -> Event:
    """"A US destroyer shot down missiles and drones launched from Yemen", "All of them were shot down by US
    warships": an interception reports the attack intercepted. Its actor is the launcher - a name right before the
    weapon ("Houthi drones") or else the article's latest attacker other than the interceptor; its target is the
    interceptor; its type is the first-named weapon's (else the latest attack's)."""
    if fold(trig.text).lower() not in r.interceptions:
        return ev
    interceptor = ev.actor
    scope = _trigger_clause(trig, sentence_text, r)
    weapon = r.weapon_regex.search(scope)
    etype = r.weapon_type.get(weapon.group()) if weapon else None
    launcher = ""
    if weapon is not None:
        at = sentence_text.find(scope) + weapon.start()
        named = [m for m in actor_table().find(sentence_text) if _ADJACENT.fullmatch(sentence_text, m.end, at)]
        launcher = named[-1].canonical if named else ""
    prev = next((e for e in (recent.get(c) for c in r.violent_categories) if e is not None and e.actor
                 and e.actor != interceptor and not _same_or_affiliated(e.actor, interceptor)
                 and e.event_type in r.weapon_type.values()), None) if not launcher else None
    if prev is not None:
        launcher, etype = prev.actor, etype or prev.event_type
    if etype is None:
        return ev
    table = actor_table()
    actors = tuple(dict.fromkeys(n for n in (launcher, *table.affiliations(launcher)) if n)) if launcher else ()
    ev = dataclasses.replace(ev, actor=launcher, actors=actors, actor_text="", target=interceptor or ev.target,
                             event_type=etype, event_category=r.category[etype])
    # where it was shot down ("a destroyer in the northern Red Sea", "over central Israel"), else where the attack
    # it belongs to was; "launched from Yemen" names where it came from
    over = [p for p in gazetteer().find(sentence_text) if _INTERCEPT_AT.search(sentence_text, 0, p.start)]
    if over:
        return _moved_to(ev, over[0])
    return _moved_to(ev, prev) if prev is not None else ev


#: "in the northern Red Sea", "over central Israel": the words right before where an interception happened
_INTERCEPT_AT = re.compile(r"\b(?:in|over|above|off)\s+(?:the\s+)?(?:[a-z]+ern\s+|central\s+)?$")


def _releaser(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention], releasers: list[str],
              r: Rules) -> Mention | None:
    """Who freed the captives of a passive release naming nobody ("Ten Thai nationals were freed"): the holder in
    "from Israeli jails", else an earlier releaser not of the freed people's nationality, else the first one."""
    for m in mentions:
        if trig.end <= m.start < trig.end + 40 and m.kind == "state" \
                and _FROM_BEFORE.search(text, max(0, m.start - 12), m.start) \
                and any(w.lower() in r.custody_words for w in _words_after(text, m.end, 2)):
            return m  # "were released from Israeli jails"
    freed = {m.canonical for m in mentions if sent.start <= m.start < trig.start and m.kind == "state"}
    fits = [a for a in releasers if not any(_same_or_affiliated(a, f) for f in freed)]
    if not fits:
        return None
    return Mention(-1, -1, "", fits[0], actor_table().kind(fits[0]))


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")


def _claimed_scene(ev: Event, events: list[Event], r: Rules) -> Event:
    """"Two gunmen opened fire in Jaffa ... Hamas's armed wing later claimed the attack": the attack claimed is
    the article's latest violent event (same or previous paragraph); the claim keeps its claimant but takes that
    event's type when its own word names no weapon, its place, its target and, undated, its date."""
    at = next((i for i in range(len(events) - 1, -1, -1) if events[i].event_category in r.violent_categories
               and 0 <= ev.paragraph_index - events[i].paragraph_index <= 1), None)
    if at is None:
        return ev
    prev = events[at]
    if not prev.actor and ev.actor:
        events[at] = prev = dataclasses.replace(prev, actor=ev.actor, actors=ev.actors)  # the claim names who did it
    etype = prev.event_type if ev.event_type == r.generic_violent_type else ev.event_type
    dates = {} if ev.date_text else {k: getattr(prev, k) for k in (
        "date_start", "date_end", "date_precision", "date_text", "date_value", "date_basis")}
    return _moved_to(ev, prev, event_type=etype, event_category=r.category[etype], target=ev.target or prev.target,
                     **dates)


def _remember_pairs(text: str, sent: Sentence, mentions: list[Mention], named_pairs: dict[str, tuple[Mention, Mention]],
                    r: Rules) -> None:
    """Record the parties of "a ceasefire between Israel and Iran" for a later agentless "The truce began"."""
    if "between" not in sent.text:
        return
    pair = _between_pair(text, sent, mentions)
    if pair is None:
        return
    for etype, nouns in r.continuation_nouns.items():
        if nouns.search(text, max(sent.start, pair[0].start - 40), pair[0].start):
            named_pairs[etype] = pair


def _overlaps(a: Event, b: Event) -> bool:
    return bool(a.date_start and b.date_start and a.date_end and b.date_end
                and a.date_start <= b.date_end and b.date_start <= a.date_end)


def _voiced_during_visits(events: list[Event], r: Rules) -> list[Event]:
    """A speaker abroad speaks where they are: "during a visit to Iraq ... he warned" -> Iraq. A statement,
    threat or appeal placed at the speaker's home theater takes the theater of the same speaker's visit
    elsewhere told in the article (the nearest one) when it has no date of its own (then it also takes the
    visit's date: it is the visit that dates it) or its date overlaps the visit's. Undated mentions of the
    visit itself in the same theater take the dated visit's date."""
    table = actor_table()
    visits: dict[str, list[Event]] = {}
    for e in events:
        if e.event_type == r.visit_type and e.actor and e.paragraph_index >= 0 and e.theater \
                and e.theater != table.home_theater(e.actor):
            visits.setdefault(e.actor, []).append(e)
    if not visits:
        return events
    out = []
    for e in events:
        mine = visits.get(e.actor)
        if not mine or e.paragraph_index < 0 or (any(v is e for v in mine)
                                                   and e.date_basis.split("+")[0] != "publication"):
            out.append(e)
            continue
        undated = e.date_basis.split("+")[0] == "publication"
        if e.event_type == r.visit_type:
            fits = [v for v in mine if v is not e and v.theater == e.theater
                    and v.date_basis.split("+")[0] != "publication"]
        elif e.event_type in VOICED_TYPES and e.theater == table.home_theater(e.actor):
            fits = [v for v in mine if undated or _overlaps(v, e)]
        else:
            fits = []
        if not fits:
            out.append(e)
            continue
        dated_first = sorted(fits, key=lambda v: (v.date_basis.split("+")[0] == "publication",
                                                  abs(v.paragraph_index - e.paragraph_index)))
        v = dated_first[0]
        change: dict = {"theater": v.theater, "location": v.location, "latitude": v.latitude,
                        "longitude": v.longitude}
        if undated and v.date_basis.split("+")[0] != "publication":
            change.update(date_start=v.date_start, date_end=v.date_end, date_precision=v.date_precision,
                          date_text=v.date_text, date_value=v.date_value,
                          date_basis="narrative" + ("+estimated" if "+estimated" in v.date_basis else ""))
        out.append(dataclasses.replace(e, **change))
    return out


def _continue_last(article: Article, unit: _Unit, sent: Sentence, trig: Trigger, recent: dict[str, Event],
                   own: Timex | None, r: Rules) -> Event | None:
    """"The truce began at 7 a.m.": a mention of a continuation type (rules/event_types.yaml) with nobody
    named is the article's last event of that type told again; it keeps that event's parties and place."""
    etype = _final_type(trig, sent.text, r)
    prev = recent.get(etype) if etype in r.continuation_types else None
    if prev is None or trig.future or trig.quoted:
        return None
    source = {"article_id": article.article_id, "source": article.source, "sentence": sent.text,
              "title": article.title}
    return dataclasses.replace(
        prev, event_id=stable_hash(article.article_id, str(unit.index), sent.text, etype, prev.actor),
        actor_text="", trigger=trig.text, sentence=sent.text, paragraph_index=unit.index, sources=(source,),
        n_sources=1, **_date_fields(own, None, article))


def _actor_weapon(ev: Event, trig: Trigger, sentence_text: str, weapon_of: dict[str, str], r: Rules) -> Event:
    """"Iran fired 180 ballistic missiles ... Some struck near air bases": a strike word naming no weapon, in
    a sentence naming none, was made with the weapon the same actor used in its latest weapon-named attack; so
    is a killing whose killer is named ("after Israel killed Hezbollah's leader")."""
    word = fold(trig.text).lower()
    if ev.actor and ev.actor_text and ev.event_type == r.generic_violent_type and word in r.casualty_words \
            and not r.weapon_regex.search(_trigger_clause(trig, sentence_text, r)) and weapon_of.get(ev.actor):
        # "after Israel killed Hezbollah leader Hassan Nasrallah": a named killer's killing, by its known means
        known = weapon_of[ev.actor]
        return dataclasses.replace(ev, event_type=known, event_category=r.category[known])
    if ev.event_type not in r.weapon_type.values():
        return ev
    if word in r.generic_strikes:
        # "Most of the missiles were intercepted, but some struck near air bases": a strike word takes the
        # weapon its own clause names, else the one the same actor used in its latest weapon-named attack
        named = _strike_weapon(trig, sentence_text, r)
        known = r.weapon_type.get(named) if named else weapon_of.get(ev.actor) if ev.actor else None
        if named and ev.actor:
            weapon_of[ev.actor] = r.weapon_type[named]
        if known and known != ev.event_type:
            return dataclasses.replace(ev, event_type=known, event_category=r.category[known])
        return ev
    if not ev.actor:
        return ev
    weapon_of[ev.actor] = ev.event_type
    return ev


def _strike_weapon(trig: Trigger, sentence_text: str, r: Rules) -> str | None:
    """The weapon a strike word names: its subject right before ("warplanes struck", "a drone hit"), else the
    first weapon after it in its clause ("targeted ..., mostly by rockets and drones"), not inside a blocked
    phrase ("hitting missile production sites")."""
    clause = _trigger_clause(trig, sentence_text, r)
    at = clause.find(trig.text)
    if at < 0:
        return None
    before = r.weapon_regex.search(clause, max(0, at - 14), at)
    if before is not None and not clause[before.end():at].strip(" -"):
        return before.group()
    blocked = [m.span() for m in r.not_trigger_regex.finditer(clause)] if r.not_trigger_regex.pattern else []
    for m in r.weapon_regex.finditer(clause, at + len(trig.text)):
        if not any(s <= m.start() < e for s, e in blocked):
            return m.group()
    return None


def _actor_scene(ev: Event, placed: bool, scenes: dict[str, Event], r: Rules) -> Event:
    """"US jets struck targets in Yemen ... More than 60 targets were hit": an attack whose sentence names no
    place and no target happened where the same actor's latest placed attack did, not at the actor's home."""
    if not ev.actor or ev.event_category not in r.violent_categories:
        return ev
    if placed:
        scenes[ev.actor] = ev
        return ev
    scene = scenes.get(ev.actor)
    if ev.target or scene is None or scene.theater == ev.theater or ev.paragraph_index < 0:
        return ev
    return dataclasses.replace(ev, **_at_theater(scene.theater))


def _addressed_scene(ev: Event, trig: Trigger, text: str, placed: bool, scenes: dict[str, Event], r: Rules) -> Event:
    """"The Israeli military ... warned residents of several areas near the border to leave": an order to people
    of no named place acts where the speaker's latest placed attack was, not at the speaker's home."""
    if not ev.actor or ev.event_type not in VOICED_TYPES or r.populations is None:
        return ev
    if placed and ev.theater != actor_table().home_theater(ev.actor):
        return ev  # the order names its place ("warned residents of Rafah")
    if not r.populations.search(text, trig.end, min(len(text), trig.end + 30)):
        return ev
    scene = scenes.get(ev.actor) or next((e for a, e in scenes.items() if _same_or_affiliated(a, ev.actor)), None)
    if scene is None or scene.theater == ev.theater:
        return ev
    return dataclasses.replace(ev, **_at_theater(scene.theater))


def _inherit_actor(ev: Event | None, recent: dict[str, Event], r: Rules, placed: bool = True) -> Event | None:
    """"The strikes began at 2 a.m.": a violent event with no agent named continues the article's
    last event of the same category, whose agent it takes (actor_text stays empty: nothing named it)."""
    if ev is None or ev.actor or ev.event_category not in r.violent_categories:
        return ev
    casualty = fold(ev.trigger).lower() in r.casualty_words
    if casualty and r.toll_regex.search(ev.sentence):
        return None  # "more than 46,000 people have been killed since ...": a war-wide toll, not an event
    if r.unnamed_agents is not None and r.unnamed_agents.search(ev.sentence):
        # "two gunmen opened fire": the attacker is someone the article does not name, not its last attacker
        words = ev.sentence.split(ev.trigger, 1)[0] if ev.trigger in ev.sentence else ""
        prev = recent.get(ev.event_category)
        if r.unnamed_agents.search(words) and (prev is None or actor_table().kind(prev.actor) != "armed group"):
            return ev  # gunmen are no state's army; after "Hamas fighters stormed ..." they are Hamas's
    prev = recent.get("*") if casualty else recent.get(ev.event_category)
    if prev is None or (ev.target and _same_or_affiliated(prev.actor, ev.target)):
        return ev  # "the April 1 strike on Iran's consulate" right after Iran's barrage: not Iran's own strike
    if casualty and prev.event_type != ev.event_type:
        # "at least 31 people were killed": the toll is a row of the attack the article has just told
        ev = dataclasses.replace(ev, event_type=prev.event_type, event_category=prev.event_category)
    target = ev.target or prev.target
    own = placed and ev.location  # a sentence naming no place continues the attack's place
    return _moved_to(ev, ev if own else prev, actor=prev.actor, actors=prev.actors, target=target,
                     event_id=stable_hash(ev.article_id, str(ev.paragraph_index), ev.sentence, ev.event_type,
                                          prev.actor))


def _one_per_actor(ev: Event, others: list[Mention]) -> list[Event]:
    """"Iraq, Oman and Qatar denounced ...": each named actor acted separately, one event each, placed at
    its own home theater when the first event was placed at the first actor's home."""
    table = actor_table()
    out = []
    first_home = table.home_theater(ev.actor)
    for m in others:
        if m.canonical == ev.actor:
            continue
        actors = tuple(dict.fromkeys(n for n in (m.canonical, *table.affiliations(m.canonical), *m.extra)
                                     if n and table.kind(n) != "media"))
        home = table.home_theater(m.canonical)
        change = _at_theater(home) if ev.theater == first_home and home else {}
        out.append(dataclasses.replace(
            ev, actor=m.canonical, actors=actors, actor_text=m.surface, target="" if ev.target == m.canonical
            else ev.target, event_id=stable_hash(ev.article_id, str(ev.paragraph_index), ev.sentence,
                                                 ev.event_type, m.canonical), **change))
    return out
