"""Stage 4: where the happening took place, from the location phrases attached to its own clause.

Candidates are the objects of place prepositions ("in", "near", "over", "east of" ...) hanging on the trigger,
its predicate or their objects ("struck a house in Gaza - Sheikh Radwan"), a place named as the object itself
("shelled El Fasher"), and "the village of X". Never the actor's own phrase ("the Islamic Resistance in Iraq"),
never another clause's words, never supporters ("with support from Australia, Bahrain and Canada") or an origin
("fired from Lebanon"). Places are open-world: a name the gazetteer does not know is still the location, placed
at the coordinates of the finest level that resolves ("Gaza - Sheikh Radwan": Gaza's). The location is the
finest place named; with no place at all, a violent happening or a threat takes its target's home theater
(an explicit link through rules/actors.csv), and anything else stays unplaced.

EXAMPLE:
    >>> place_frame(frame, ctx)   # "Israeli warplanes struck a house in Gaza - Sheikh Radwan"
    >>> frame.location, frame.theater
    ('Gaza - Sheikh Radwan', 'Gaza Strip')
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.actors import actor_table
from loaders.places import SPECIFICITY, Place, PlaceMatch, gazetteer

from .frame import Frame, Name, Sentence, Unit
from .lexicon import Lexicon, lexicon
from .names import NameReader, clean_name
from .parse import entities
from .syntax import (
    children,
    compound_start,
    conjuncts,
    has_determiner,
    is_proper,
    is_verb,
    is_where_clause,
    prep_objects,
    scene_clauses,
)
from .when import clause_marker

if TYPE_CHECKING:
    from spacy.tokens import Token

#: clause dependents whose words belong to another happening
_OTHER_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis", "csubj", "acl", "xcomp"})
_SKIP_DEPS = frozenset({"nsubj", "agent", "mark", "aux", "auxpass", "neg", "punct", "cc", "det", "poss"})


def _resolve(text: str, gaz) -> Place | None:
    place = gaz.resolve(text) or gaz.admin_region(text) or _named_division(text, gaz)  # "in North Kivu", "in Cauca"
    if place is None and text.endswith(" City"):
        town = gaz.resolve(text[:-5])  # "Kharkiv City": the city, written as its oblast's seat
        place = town if town is not None and town.kind == "city" else None
    if place is None and " - " in text:
        head = text.split(" - ")[0]
        place = gaz.resolve(head + " City") or gaz.resolve(head)  # "Gaza - Sheikh Radwan" hangs on Gaza City
    first, _, rest = text.partition(" ")
    if place is None and rest and first.lower() in lexicon().words["compass_adjectives"]:
        whole = _resolve(rest, gaz)  # "northern Shan State": a part of the state, placed at its coordinates
        place = Place(text, "region", whole.theater, whole.latitude, whole.longitude) if whole is not None else None
    return place


def _candidates(frame: Frame, lex: Lexicon) -> list[Token]:
    """Place-like objects attached to the frame's own clause, in text order."""
    starts = frame.place_heads(lex)
    trig = frame.trigger
    # what is fired or launched comes "from" its origin; anything else happens where "from" says ("kidnapped
    # from a school in Kaduna")
    launched = frame.event_type in lex.projectile_types or any(
        lex.lemma(frame.doc[i].lower_, "V") in lex.words["launch_verbs"] for i in starts)
    dated = [(x.start - frame.sentence.start, x.end - frame.sentence.start) for x in frame.sentence.timexes()]
    seen: dict[int, int] = {}  # token -> the shallowest depth it was visited at
    out: list[Token] = []
    preps = lex.words["place_preps"]

    def visit(t: Token, depth: int) -> None:
        if seen.get(t.i, 99) <= depth or depth > 4:
            return
        seen[t.i] = depth
        if depth and t.tag_ in ("NN", "NNS") and not _clock_word(t) and not any(a <= t.idx < b for a, b in dated) \
                and lex.lemma(t.lower_, "N") not in lex.words["place_nouns"]:  # ("the Netzarim corridor" is one name)
            # "recaptured the Omdurman broadcasting headquarters": in Omdurman (not "at 9 a.m. (Kyiv time)")
            out.extend(c for c in t.children if c.dep_ == "compound" and is_proper(c) and _facility_name(c, lex))
        for c in t.children:
            if c.dep_ == "poss" and is_proper(c) and not is_verb(t) and t.dep_ in ("dobj", "pobj", "nsubjpass") \
                    and lex.lemma(t.lower_, "N") not in lex.words["place_nouns"] \
                    and gazetteer().lookup(c.text) is not None and actor_table().lookup(c.text) is None:
                out.append(c)  # "struck Kharkiv's railway station" (a place noun names its own: "Baghdad's Mashtal
                # district" is in Mashtal)
            if c.dep_ == "prep" and c.lower_ in lex.words["source_preps"]:
                continue  # "according to US officials": who says so, not where
            if c.dep_ in _SKIP_DEPS or (c.dep_ in _OTHER_CLAUSE and c.i not in starts and is_verb(c)
                                        and not (c.dep_ in ("acl", "appos") and not is_verb(t))
                                        and not (c.dep_ == "xcomp" and t.dep_ == "acl" and not is_verb(t.head))):
                # another clause's words; a participle describing a noun ("a ship operating in ...", "troops
                # trying to enter Jabalia": where the other side fought)
                continue
            if c.dep_ == "prep" and any((clause_marker(p, lex) in lex.words["background_markers"] and not is_proper(
                    p) and lex.lemma(p.lower_, "N") not in lex.words["place_nouns"]) or (lex.lemma(p.lower_, "N") in lex.words["response_nouns"] and clause_marker(p, lex) == "in")
                    for p in c.children if p.dep_ == "pobj"):
                # "in retaliation to a strike on US troops in Jordan": another happening's place (a name after
                # such a word is a place: "over the Black Sea", not "over the killing")
                continue
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(conjuncts(p))
                        visit(p, depth + 1)
            elif c.dep_ == "prep" and c.lower_ == "of" and (t.lower_ in lex.words["direction_words"] or lex.lemma(
                    t.lower_, "N") in lex.words["place_nouns"] | lex.words["holding_nouns"] | lex.civilian_targets
                    | lex.words["target_nouns"] or (
                    lex.lemma(t.lower_, "N") in lex.words["victim_nouns"] and any(
                        p.dep_ == "pobj" and is_proper(p) for p in c.children))):
                for p in c.children:
                    if p.dep_ == "pobj":
                        # "east of Khan Younis", "the village of Kfar Tala", "attacked residents of Pont-Sonde",
                        # "looted the market of Mellit"
                        out.extend(conjuncts(p))
                        visit(p, depth + 1)
            elif c.dep_ == "advmod" and c.lower_ in lex.words["direction_words"] | lex.words["proximity_adverbs"]:
                visit(c, depth + 1)
            elif c.dep_ in ("dobj", "nsubjpass", "attr", "npadvmod") and (
                    (is_proper(c) and (gazetteer().lookup(c.text) is not None or _after_place_prep(c, lex)
                                       or gazetteer().lookup(_phrase_name(c)) is not None))
                    or lex.lemma(c.lower_, "N") in lex.words["place_nouns"]):
                out.extend(conjuncts(c))  # "shelled El Fasher", "struck the village of ..."
                visit(c, depth + 1)
            elif (c.dep_ in ("acl", "appos") and not is_verb(t)) or (c.dep_ == "xcomp" and t.dep_ == "acl"):
                visit(c, depth + 1)  # (and "troops trying to enter X": the other side's aim)
            elif c.dep_ == "prep" and c.lower_ == "from" and launched:
                # the origin is no place of the happening, but the parse may hang the destination on it
                # ("fired from areas of Yemen toward the Red Sea")
                out.extend(q for p in c.children for d in p.children
                           if d.dep_ == "prep" and d.lower_ in lex.words["target_preps"] & preps
                           for q in d.children if q.dep_ == "pobj")
            elif (c.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "dative", "prep")
                  and not (c.dep_ == "prep" and c.lower_ in ("by", "about"))) or (
                    c.dep_ == "conj" and not is_verb(c)):
                # "on a patrol close to an outpost near X", "met with X at Y", "an airstrike with guided
                # bombs on Vovchansk" (a "with" phrase is no place itself; what hangs on it may be); a preposition
                # and its object are one step
                visit(c, depth + (c.dep_ != "prep"))
    if frame.suffered_by_subject:  # "the town of Pokrovsk came under shelling": the subject may be the place
        for subj in children(frame.predicate, "nsubj"):
            if lex.lemma(subj.lower_, "N") in lex.words["place_nouns"] or (
                    is_proper(subj) and gazetteer().lookup(subj.text) is not None):
                out.extend(conjuncts(subj))
                visit(subj, 1)
    for i in sorted(starts):
        v = frame.doc[i]
        out.extend(_stay_places(v, lex))
        if is_where_clause(v):
            # "travelled to Addis Ababa on Tuesday, where she met ...": there (the parse may hang "where" on the date)
            named = [t for t in frame.doc[:v.i] if t.dep_ == "pobj" and t.head.lower_ in preps | {"to"}
                     and (is_proper(t) or lex.lemma(t.lower_, "N") in lex.words["place_nouns"])
                     and not any(a <= t.idx < b for a, b in dated)]
            out.extend(named[-1:] if v.head not in named else [v.head])
        visit(v, 0)
    if not is_verb(trig):  # "the Be'eri massacre", "the Jabalia airstrike": a place naming the happening
        for c in trig.children:
            if c.dep_ in ("compound", "nmod") and (is_proper(c) or c.text[:1].isupper()) and c.i < trig.i:
                place = gazetteer().resolve(c.text)
                if place is not None and place.kind not in ("country", "territory", "sea") \
                        and actor_table().lookup(c.text) is None:
                    out.append(c)  # not "U.S. airstrikes": a state modifying a strike is its actor
        for _, obj in ((c.lower_, p) for c in trig.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"):
            if lex.lemma(obj.lower_, "N") in lex.words["place_nouns"] or gazetteer().resolve(
                    obj.doc[compound_start(obj):obj.i + 1].text) is not None:
                out.append(obj)  # "an incursion into the strip", "the bombing of Rafah" (not "the hijacking
                # of the Galaxy Leader": a ship)
    return sorted({t.i: t for t in out}.values(), key=lambda t: t.i)


def _facility_name(c: Token, lex: Lexicon) -> bool:
    """Whether a proper compound before a common noun is the place the thing stands in ("the El Fasher market",
    "the Port Sudan airport", "the Kherson railway station"): a curated place, or any city the gazetteer knows when
    the noun is a building, site or object of attack; never a group's name ("a Hamas command center")."""
    name = c.doc[compound_start(c):c.i + 1].text
    if actor_table().lookup(name) is not None:
        return False
    if gazetteer().lookup(name) is not None:
        return True
    # a city only the world gazetteer knows, when its name is more than one word: one word alone is too often
    # something else ("the Victoria market", "the Independence hotel" name no towns in Hong Kong or Missouri)
    noun = lex.lemma(c.head.lower_, "N")
    place = gazetteer().resolve(name) if " " in name else None
    return place is not None and place.kind == "city" and (
        noun in lex.civilian_targets or noun in lex.words["target_nouns"])


def _names_facility(tok: Token, lex: Lexicon) -> bool:
    """A proper compound of a building or site noun the candidates took as its town ("the El Fasher market")."""
    return tok.dep_ == "compound" and not is_proper(tok.head) and _facility_name(tok, lex)


def _stay_places(v: Token, lex: Lexicon) -> list[Token]:
    """"While the minister was in Doha, she unveiled ...": where the doer was at the time, said by a clause
    of being somewhere whose subject is the doer (the same words, or a pronoun for them)."""
    own = children(v, "nsubj", "nsubjpass")
    out = []
    for c in scene_clauses(v):
        if lex.lemma(c.lower_, "V") not in ("be", "stay", "remain"):
            continue
        theirs = children(c, "nsubj")
        same = bool(own and theirs) and (own[0].tag_ == "PRP" or own[0].lower_ == theirs[0].lower_)
        if same:
            out.extend(p for pr in c.children if pr.dep_ == "prep" and pr.lower_ in ("in", "at")
                       for p in pr.children if p.dep_ == "pobj")
    return out


def _phrase_name(t: Token) -> str:
    """The capitalized words of a name's phrase up to it ("The Turkish-Palestinian Friendship Hospital")."""
    lo = t.i
    while lo > t.left_edge.i and (t.doc[lo - 1].text[:1].isupper() or t.doc[lo - 1].text in "-–"):
        lo -= 1
    return t.doc[lo:t.i + 1].text.removeprefix("The ")


def _agent_places(frame: Frame, lex: Lexicon) -> list[Token]:
    """Where a clause with no place of its own happened, from its subject or "by" agent when that is a common
    noun of armed men or forces ("detained by police in Gao", "gunmen in Zamfara killed ..."): they acted where
    they were. A name keeps its phrase ("the Islamic Resistance in Iraq"); a clause's own place comes first; and
    what is fired lands elsewhere ("Russian troops in Kherson shelled Beryslav" is not in Kherson)."""
    out: list[Token] = []
    if frame.event_type in lex.projectile_types:
        return out  # what is fired lands elsewhere: the firing side's place is no place of the happening
    for i in sorted(frame.place_heads(lex)):
        for c in frame.doc[i].children:
            heads = [c] if c.dep_ == "nsubj" else [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "agent" \
                or (c.dep_ == "prep" and c.lower_ == "by") else []  # "came under attack by gunmen near El Fasher"
            for h in heads:
                if is_proper(h) or not (lex.lemma(h.lower_, "N") in lex.words["agent_heads"]
                                        or lex.noun_in("non_state_agents", h.lower_)):
                    continue
                out.extend(o for p in h.children if p.dep_ == "prep" and p.lower_ in lex.words["place_preps"]
                           for o in p.children if o.dep_ == "pobj")
    return out


def _clock_word(t: Token) -> bool:
    """"(Sanaa time)": a place naming a clock, not where anything happened."""
    return t.lower_ == "time"


def _place_of(tok: Token, reader: NameReader, frame: Frame, lex: Lexicon) -> tuple[str, Place | None] | None:
    """(location as written, the finest place that resolves) for one candidate, or None when it is no place.
    Every city of the gazetteer is looked up only for a name a place preposition introduces; elsewhere only
    the curated table (a person called Hassan is no Indian city)."""
    gaz = gazetteer()
    if reader.in_date(tok) or _clock_word(tok):
        return None  # "in July", "at 9 a.m. (Kyiv time)"
    if lex.lemma(tok.lower_, "N") in lex.words["place_nouns"] and not is_proper(tok):
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        home = _owner_place(owner, reader, frame) if owner is not None else _demonym_place(tok)
        capital = gaz.capital_of(home.theater) if home is not None and lex.noun_in("capital_nouns", tok.lower_) \
            else None
        if capital is not None:
            return capital.name, capital  # "outside a restaurant in Somalia's capital": in Mogadishu
        listed = _listed_names(tok)
        name = listed[0] if listed else _name_before(tok).split(" and ")[0]  # "the Bryansk and Kursk regions":
        # the first one named (the others are as many happenings: `place_frame`)
        border = _border(tok, name, frame, lex) if name else None
        if border is not None:
            return border
        if name:  # "the Re'im kibbutz", "the Tal al-Hawa neighbourhood of Gaza City", "Russia's Saratov region"
            table = actor_table()
            proper = " ".join(w for w in name.split() if not w.islower())  # "Jabalia refugee" -> "Jabalia"
            owner_actor = table.lookup(name) or table.lookup(proper)  # "a Hamas command center": Hamas's, no place
            if owner_actor is None or table.kind(owner_actor) == "state":
                place = gaz.lookup(f"{name} {tok.text}") or gaz.lookup(name) or gaz.lookup(proper) or \
                    gaz.resolve(proper or name) or gaz.admin_region(proper or name)  # the text says it is a place
                # "a Meitei village", "Masalit villages": after "a" (or before a bare plural) an unknown word says
                # what kind of village it is, it names none (a known place still does: "a Gaza City neighbourhood")
                kind_of = has_determiner(tok, ("a", "an")) or (tok.tag_ == "NNS" and not any(
                    c.dep_ in ("det", "poss") for c in tok.children))
                if place is not None and place.kind == "city" and lex.lemma(tok.lower_, "N") in lex.words[
                        "division_nouns"]:  # "the Donetsk region" is no city of Donetsk: coarser than a town in it
                    place = Place(place.name, "province", place.theater, place.latitude, place.longitude)
                if place is not None or not kind_of:
                    # districts in brackets, or the owner: "Russia's ..."
                    place = _within(place, proper or name, _admin_context(tok) or home)
                    return (place.name if place is not None else proper or name), place
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and is_proper(p):
                        got = _place_of(p, reader, frame, lex)  # "the village of Kfar Tala"
                        if got is not None and home is not None:  # "the Syrian town of Azaz": in Syria
                            return got[0], _within(got[1], got[0], home)
                        return got
        if home is not None and owner is not None:  # "its airspace", "Jordan's territory": the owner's own ground
            return home.name, home
    if not is_proper(tok) and not _mistagged_name(tok):
        # "in Lebanese territory", "over Israeli airspace": a place the text scan found in the phrase
        off = frame.offset
        lo = off + min(t.idx for t in tok.lefts) if any(True for _ in tok.lefts) else off + tok.idx
        hi = off + tok.idx + len(tok.text)
        parts = [p for p in frame.sentence.unit.places if lo <= p.start and p.end <= hi]
        if parts:
            best = min(parts, key=lambda p: p.specificity)
            return best.location, Place(best.location, best.kind, best.theater, best.latitude, best.longitude)
        return None
    chunk = reader.proper_chunk(tok) or [tok]
    if chunk and (chunk[0].lower_ in lex.words["vessel_prefixes"] or "".join(
            t.text for t in chunk[:3]).lower() in lex.words["vessel_prefixes"] or any(
            c.dep_ == "appos" and lex.lemma(c.lower_, "N") in lex.words["abroad_nouns"] for c in tok.children)):
        return None  # "the M/V Blue Dawn", "the Sea Lion, a tanker": a ship, whatever place its name holds
    text = clean_name(frame.doc[chunk[0].i:chunk[-1].i + 1].text)  # as written: "Al-Ahli", "Gaza - Sheikh Radwan"
    if not text:
        return None
    before = frame.doc[chunk[0].i - 1] if chunk[0].i > 0 else None
    if before is not None and before.dep_ == "amod" and before.lower_ in lex.words["compass_adjectives"]:
        text = f"{before.lower_} {text}"  # "the northern Red Sea": the part the text names
    table = actor_table()
    m = table.find(text)
    place = None
    if m and m[0].start == 0 and m[0].end == len(text):
        home = table.info.get(m[0].canonical)
        if home is not None and home.kind == "institution" and home.home_theater and _seat_prep(tok, lex):
            seat = gaz.theater_place(home.home_theater)  # "met at the Pentagon": the building, in its country
            return (text, seat) if seat is not None else None
        if home is None or home.kind != "state":
            if gaz.lookup(text) is None:
                return None  # "strikes on Hezbollah": an actor, not a place
        else:
            place = gaz.lookup(text) or (gaz.theater_place(home.home_theater) if home.home_theater else None)
    if _after_place_prep(tok, lex) or _names_facility(tok, lex):
        place = place or _resolve(text, gaz)
        if place is None and "-" in text and " - " not in text:
            spaced = " - ".join(x.strip() for x in text.split("-"))
            place = _resolve(spaced, gaz)  # "Gaza-Sheikh Radwan": ACLED's "place - finer place"
            text = spaced if place is not None else text
    else:
        place = place or gaz.lookup(text)
    if place is None:
        # parts the text scan knows ("Sheikh Radwan, Gaza" -> Gaza)
        off = frame.offset
        lo, hi = off + chunk[0].idx, off + chunk[-1].idx + len(chunk[-1].text)
        unit = frame.sentence.unit.text
        parts = [p for p in frame.sentence.unit.places if lo <= p.start and p.end <= hi
                 and _set_off(unit, p.start, p.end, lo, hi)]
        if parts:
            best = min(parts, key=lambda p: p.specificity)
            place = Place(best.location, best.kind, best.theater, best.latitude, best.longitude)
    within = _within(place, text, _admin_context(chunk[-1]))
    if within is not place:
        return text, within  # "Boni (Douentza, Mopti)"
    if place is not None and (place.name == text or text.lower() in (place.name.lower(),)):
        return place.name, place
    return text, place


def _set_off(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Whether a place found inside the name text[lo:hi] is a part of its own, set off by punctuation ("Sheikh
    Radwan, Gaza", "Gaza-Sheikh Radwan", "Gaza - Sheikh Radwan"), not one word of a longer name ("Adan Yabaal"
    is no Aden)."""
    before = text[lo:start].rstrip()
    after = text[end:hi].lstrip()
    return (not before or before[-1] in ",-–(/") and (not after or after[0] in ",-–)/")


def _mistagged_name(tok: Token) -> bool:
    """A capitalized word inside the sentence that the tagger calls a common noun but the entity model a name
    ("in Toropets (Tver region)": NNS for its final s): a name all the same."""
    return tok.tag_ in ("NN", "NNS") and tok.i > 0 and tok.text[:1].isupper() and tok.text[1:2].islower() \
        and any(e.start <= tok.i < e.end for e in entities(tok.doc).ents)


def _within(place: Place | None, name: str, parent: Place | None) -> Place | None:
    """The place a name stands for once the text says what it lies in: the text's own districts (or owner)
    place an unknown village, and overrule a namesake the gazetteer knows in another country."""
    if parent is None or (place is not None and place.theater == parent.theater):
        return place
    return Place(name, "town", parent.theater, parent.latitude, parent.longitude)


def _reference_point(tok: Token) -> bool:
    """Whether a place is named only as a landmark to locate something by ("near the port of Hodeidah",
    "off Hodeidah"): the preposition above it, past any "of", is near or off."""
    for a in tok.ancestors:
        if a.dep_ == "prep" and a.lower_ != "of":
            return a.lower_ in lexicon().words["landmark_preps"]
    return False


def _admin_context(last: Token) -> Place | None:
    """The divisions a name is followed by, in brackets as field notes write them ("Aitaroun (Bint Jbeil,
    Nabatieh)"), in apposition ("Malam Fatori, Borno state", "Pont-Sonde, Haiti") or right after "in" ("Kadiogo
    in Mopti region"): the finest one that resolves, a city of the gazetteer, an administrative division or a
    country."""
    doc = last.doc
    gaz = gazetteer()
    divisions = lexicon().words["division_nouns"]
    bracket = last.i + 1 < len(doc) and doc[last.i + 1].text == "("
    # "the village of Kadiogo in Mopti region": a division the name is said to lie in
    inside = [p for c in last.children if c.dep_ == "prep" and c.lower_ == "in" and c.i == last.i + 1
              for p in c.children if p.dep_ == "pobj" and p.lower_ in divisions]
    for c in [*last.children, *inside]:
        if (c.dep_ != "appos" and c not in inside) or bracket:  # a bracket is read whole below, coarsest first
            continue
        first = compound_start(c)
        if c.lower_ in divisions and first < c.i:  # "Malam Fatori, Borno state"
            name = doc[first:c.i].text
        elif is_proper(c) and c.i > last.i:  # "Pont-Sonde, Haiti", "Rubaya, North Kivu"
            name = doc[first:c.i + 1].text
        else:
            continue
        found = _division(name, gaz)
        if found is not None:
            return found
    if not bracket:
        return None
    close = next((t.i for t in doc[last.i + 2:last.i + 14] if t.text == ")"), None)
    if close is None:
        return None
    parts = [p.strip() for p in doc[last.i + 2:close].text.split(",") if p.strip()]
    found = [d for d in (_division(part, gaz) for part in parts) if d is not None]
    if not found:
        return None
    # district first, then province: the finest that lies in the country of the coarsest ("Kan Gyi (Kani,
    # Sagaing)": Kani is Sagaing's township, not the Japanese city of that name)
    return next(d for d in found if d.theater == found[-1].theater)


def _bracket_owner(tok: Token) -> Token | None:
    """The name a bracket of divisions belongs to ("Debre Markos (Debre Markos, Misraq Gojjam, Amhara)"): a
    word inside the bracket is that name's context, never a place of its own."""
    doc = tok.doc
    for j in range(tok.i - 1, max(tok.i - 14, 0), -1):
        if doc[j].text == ")":
            return None
        if doc[j].text == "(":  # "Kan Gyi village (Kani, Sagaing)": a place noun owns it as well
            owner = doc[j - 1] if j > 0 else None
            return owner if owner is not None and (is_proper(owner) or lexicon().lemma(
                owner.lower_, "N") in lexicon().words["place_nouns"]) else None
    return None


def _division(name: str, gaz) -> Place | None:
    """What a name in a place's own context stands for: the curated table first, then an administrative division,
    then any city ("Tillaberi, Niger" is the country, not Nigeria's Niger state); else one written with its
    division noun."""
    return _division_by_name(name, gaz) or _named_division(name, gaz)


def _division_by_name(name: str, gaz) -> Place | None:
    return gaz.lookup(name) or gaz.admin_region(name) or gaz.resolve(name)


def _named_division(text: str, gaz) -> Place | None:
    """"Kherson Oblast", "Borno State", "Idlib Governorate": a division noun in the name; the rest names the
    division (or the city it is named after), placed as a province."""
    first, _, last = text.rpartition(" ")
    if not first or last.lower() not in lexicon().words["division_nouns"]:
        return None
    found = _division_by_name(first, gaz)
    return Place(text, "province", found.theater, found.latitude, found.longitude) if found is not None else None


def _listed_names(noun: Token) -> list[str]:
    """The names a plural place noun lists before it ("the Poltava, Kirovohrad and Zaporizhzhia regions"), in
    order; [] for any other noun."""
    if lexicon().lemma(noun.lower_, "N") not in lexicon().words["division_nouns"]:
        return []
    return _names_before_plural(noun)


def _named_sites(noun: Token) -> list[Place]:
    """The places a plural noun of sites lists ("the al-Shifa and al-Quds hospitals", "the Nuseirat and Bureij
    camps"): each name with the noun, as the curated table knows it."""
    gaz, lemma = gazetteer(), lexicon().lemma(noun.lower_, "N")
    return [p for p in (gaz.lookup(f"{name} {lemma}") for name in _names_before_plural(noun)) if p is not None]


def _names_before_plural(noun: Token) -> list[str]:
    if noun.tag_ != "NNS":
        return []
    # (the parse may make the first name the head and the noun its conjunct: "al-Shifa and al-Quds hospitals")
    first = noun.head.left_edge.i if noun.dep_ == "conj" and is_proper(noun.head) and noun.head.i < noun.i \
        else noun.left_edge.i
    words = [t for t in noun.doc[first:noun.i] if t.dep_ not in ("det", "amod") or is_proper(t)]
    text = "".join(t.text_with_ws for t in words).strip()
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", text) if n.strip()]
    return names if len(names) > 1 and all(any(ch.isupper() for ch in n) for n in names) else []  # ("al-Shifa")


def _name_before(noun: Token) -> str:
    """The capitalized name a place noun carries before it ("the Tal al-Hawa neighbourhood" -> "Tal al-Hawa")."""
    doc = noun.doc
    i = noun.i - 1
    def name_word(t: Token) -> bool:  # a proper noun the tagger calls a modifier ("Tell al-Sultan") is a name word,
        # and so is a capitalized word it reads as a participle ("the Sagaing region": VBG)
        dep = "compound" if t.dep_ == "amod" and (t.tag_ == "NNP" or (
            t.tag_ in ("VBG", "VBN") and t.text[:1].isupper() and t.i > 0)) else t.dep_
        return (dep in ("compound", "nmod", "punct") or t.head.i != noun.i) and dep not in ("det", "poss", "amod") \
            and not (dep == "nummod" and t.like_num) and t.text not in ",;()"  # "Ash Shuja'iyeh" stays

    while i >= noun.left_edge.i and name_word(doc[i]):
        i -= 1
    words = list(doc[i + 1:noun.i])
    lex = lexicon()
    while words and (words[0].lower_.split("-")[-1] in lex.words["support_participles"] or words[0].text == "-"):
        words = words[1:]  # "Houthi-controlled areas of Yemen": a holder, not the place's name
    if any(w.lower_.split("-")[-1] in lex.words["support_participles"] for w in words):
        return ""
    if not any(w.text[:1].isupper() for w in words):
        return ""  # ("the jade mining town of Hpakant": a lower-case word the tagger calls a name names nothing)
    return clean_name(doc[words[0].i:noun.i].text).replace(" - ", "-").replace("- ", "-").replace(" -", "-")


def _owner_place(owner: Token, reader: NameReader, frame: Frame) -> Place | None:
    """The home theater of whoever a possessive names ("its" = the frame's actor)."""
    table, gaz = actor_table(), gazetteer()
    if owner.tag_ == "PRP$":
        names = frame.actors[:1] if owner.lower_ in ("its", "their") else []
    else:
        chunk = reader.proper_chunk(owner) if is_proper(owner) else []
        text = clean_name(owner.doc[chunk[0].i:chunk[-1].i + 1].text) if chunk else ""
        if text and actor_table().lookup(text) is None:
            place = _resolve(text, gaz)
            if place is not None:
                return place  # "Sagaing Region's Tabayin township": in Sagaing Region
        names = reader.names_of(owner, remember=False)
    for n in names:
        home = table.home_theater(n.canonical) or next(
            (table.home_theater(a) for a in n.affiliations if table.home_theater(a)), "")
        if home:
            return gaz.theater_place(home)
    return None


def _border(noun: Token, name: str, frame: Frame, lex: Lexicon) -> tuple[str, Place | None] | None:
    """"the Israel-Lebanon border": a line between two states, in neither; an attack "into" or "across" it by
    one side's actor lands on the other side (the text's own direction), anything else stays unplaced."""
    if lex.lemma(noun.lower_, "N") not in lex.words["border_nouns"]:
        return None
    gaz = gazetteer()
    sides = [gaz.lookup(part.strip()) for part in re.split(r"[-–—/]", name)]
    if len(sides) != 2 or any(p is None or p.kind not in ("country", "territory") for p in sides):
        return None
    text = f"{sides[0].name}-{sides[1].name} border"
    homes = {actor_table().home_theater(a.canonical) for a in frame.actors}
    crossing = noun.dep_ == "pobj" and noun.head.lower_ in ("into", "across")
    other = [p for p in sides if p.theater not in homes]
    if crossing and len(other) == 1:
        return text, Place(text, "region", other[0].theater, other[0].latitude, other[0].longitude)
    return text, None


def _demonym_place(noun: Token) -> Place | None:
    """"the northern Syrian town of Azaz": a state's adjective on a place noun puts the place in that state."""
    table = actor_table()
    for c in noun.children:
        if c.dep_ == "amod" and c.text[:1].isupper():
            state = table.lookup(c.text)
            if state is not None and table.kind(state) == "state" and table.home_theater(state):
                return gazetteer().theater_place(table.home_theater(state))
    return None


def _seat_prep(tok: Token, lex: Lexicon) -> bool:
    """Whether a name is the object of a preposition of being somewhere ("at the Pentagon", not "to the Pentagon")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in lex.words["seat_preps"]


def _after_place_prep(tok: Token, lex: Lexicon) -> bool:
    """Whether the text introduces this name as a place: after a place preposition ("in", "near", "of" after a
    place noun) or as the object of a verb that takes places ("shelled El Fasher")."""
    cur = tok
    while cur.dep_ in ("conj", "compound"):
        cur = cur.head
    if cur.dep_ == "pobj":
        return cur.head.lower_ in lex.words["place_preps"] | {"of"}
    return cur.dep_ == "dobj" and is_verb(cur.head) and lex.lemma(cur.head.lower_, "V") in lex.words[
        "place_object_verbs"]


def place_frame(frame: Frame, reader: NameReader, lex: Lexicon | None = None) -> Frame:
    """Fill location, theater and coordinates (in place; returns the frame)."""
    lex = lex or lexicon()
    found: list[tuple[int, int, str, Place | None]] = []
    for candidates in (lambda: _candidates(frame, lex), lambda: _agent_places(frame, lex)):
        for tok in candidates():
            tok = _bracket_owner(tok) or tok
            got = _place_of(tok, reader, frame, lex)
            if got is None:
                continue
            text, place = got
            division = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else tok
            if place is not None and place.kind == "city" and not is_proper(division) \
                    and lex.lemma(division.lower_, "N") in lex.words["division_nouns"]:
                # "the state of Guanajuato": the state, not its capital city of the same name
                place = Place(place.name, "province", place.theater, place.latitude, place.longitude)
            named = place is not None and (place.name == text or gazetteer().resolve(text) == place)  # or alias
            rank = SPECIFICITY.get(place.kind, 2) if named else 1  # a finer name placed by a coarser place: finer
            if place is None and (not _after_place_prep(tok, lex) or not reader.may_be_place(tok)
                                  or tok in frame.actor_tokens or (tok in frame.target_tokens and _party(tok))):
                continue  # an unknown name is a place only where a place preposition says so, and no group's name
                # (nor a party the roles stage read: "fighting between M23/AFC and the army")
            found.append((rank, tok.i, text, place))
        if found:
            break
    # a town named by its bearing from another ("the village of Duma south of Nablus") lies where that one is:
    # a namesake the gazetteer knows in another country is not it
    placed = {i: pl for _, i, _, pl in found if pl is not None}
    namesakes = {i for i, pl in placed.items() if _namesake_elsewhere(frame.doc[i], pl, placed, lex)}
    found = [(1, i, tx, None) if i in namesakes else (rk, i, tx, pl) for rk, i, tx, pl in found]
    # an unknown name coordinated with a known place is its sibling, not a finer place inside it ("shelled Hula
    # and the village of Kfar Tala"): it ranks as that place does, and the first named leads
    ranks = {i: rk for rk, i, _, pl in found if pl is not None}
    found = [(max([rk] + [ranks[c.i] for c in _coordinated(frame.doc[i]) if c.i in ranks]) if pl is None else rk,
              i, tx, pl) for rk, i, tx, pl in found]
    if found:
        rank, first, text, place = min(found)
        at_sea = [f for f in found if f[3] is not None and f[3].kind == "sea"]
        if at_sea and place is not None and place.kind != "sea" and _reference_point(frame.doc[first]):
            rank, first, text, place = at_sea[0]  # "boarded the ship at sea off the port of X"
        chosen, named_as = place, text
        if place is None:  # an unknown name: placed by a coarser place of the same frame, if any
            sibs = {t.i for t in conjuncts(frame.doc[first])} | {c.i for c in _coordinated(frame.doc[first])}
            coarser = [p for _, i, _, p in found if p is not None and i not in sibs]
            place = min(coarser, key=lambda p: SPECIFICITY.get(p.kind, 2)) if coarser else None
            if place is not None and place.kind in ("city", "district") and " - " not in text:
                text = f"{place.name} - {text}"  # ACLED's form: "Gaza City - Sheikh Radwan"
            sibling = [p for _, i, _, p in found if p is not None and i in sibs]
            if place is None and sibling:  # "took Axum and Adwa": the unknown first name lies where its
                place = Place(text, "town", sibling[0].theater, sibling[0].latitude, sibling[0].longitude)
                # sibling does, each its own event
        # "strikes in Iraq and Syria", "visited Kuwait, Bahrain and Qatar": places coordinated with the chosen
        # one, as fine as it, are as many happenings (ACLED's one event per location); an unknown name among
        # them lies where its sibling does ("shelled Hula and the village of Kfar Tala": two shellings in Lebanon)
        heads = {i for _, i, tx, _ in found if tx == named_as}  # the chosen place, as every candidate reached it
        siblings = {t.i for h in heads for t in conjuncts(frame.doc[h])}
        frame.also_at = [(tx, pl or Place(tx, "town", place.theater, place.latitude, place.longitude))
                         for rk, i, tx, pl in sorted(found) if tx != named_as and place is not None
                         and (rk == rank or max(rk, rank) <= SPECIFICITY["city"])  # "the city of Hodeidah and the
                         # Kamaran island": towns and sites of any size are as many places (a town and its province
                         # are one: the finer)
                         and (i in siblings or heads & {c.i for c in _coordinated(frame.doc[i])})
                         and (pl is None or pl.name != (chosen or place).name)]
        single = frame.trigger.tag_ == "NN" and has_determiner(frame.trigger, ("a", "an", "one")) and (
            frame.group != "type" or lex.violent(frame.event_type))  # (not "a tour of Uganda and Ethiopia")
        if single or _party(frame.doc[first]):
            frame.also_at = []  # "conducted a precision strike against three facilities, Fordow, Natanz and
            # Esfahan": one strike told, wherever it landed; "ambushed a convoy between Boni and Hombori": one
            # ambush on the road between them, placed at the first
        frame.location = text
        # "the Poltava, Kirovohrad and Zaporizhzhia regions"
        for other in _listed_names(frame.doc[first])[1:] if not single else ():
            found_other = _resolve(other, gazetteer())
            if found_other is not None and place is not None and found_other.theater == place.theater:
                frame.also_at.append((other, Place(other, "province", found_other.theater, found_other.latitude,
                                                   found_other.longitude)))
        if place is not None:
            frame.theater, frame.latitude, frame.longitude = place.theater, place.latitude, place.longitude
            frame.place = _match_of(place, text)
        return frame
    return frame


def _party(tok: Token) -> bool:
    """A side "between" which something happened ("fighting between M23/AFC and the army"): never its place
    (and of places, the ends of a road: "between Boni and Hombori")."""
    top = tok
    while top.dep_ == "conj":
        top = top.head
    return top.dep_ == "pobj" and top.head.lower_ == "between"


def _namesake_elsewhere(tok: Token, place: Place, placed: dict[int, Place], lex: Lexicon) -> bool:
    """Whether a place's own reference point ("south of Nablus", "near Tulkarem") lies in another theater."""
    named = [tok, *(p for c in children(tok, "prep") if c.lower_ == "of" for p in children(c, "pobj"))]
    refs = [p for t in named for c in t.children if c.dep_ == "advmod" and c.lower_ in lex.words["direction_words"]
            for o in children(c, "prep") if o.lower_ == "of" for p in children(o, "pobj")]
    refs += [p for t in named for c in t.children if c.dep_ == "prep" and c.lower_ in ("near", "outside")
             for p in children(c, "pobj")]
    return place.kind == "city" and any(r.i in placed and placed[r.i].theater != place.theater for r in refs)


def _coordinated(tok: Token) -> list[Token]:
    """The nouns coordinated with a place word, either side of it ("Hula and the village of Kfar Tala"), the
    objects of the verb included when the parse hangs the second one on the verb itself. "The village of
    Kfar Tala" is named by its "of"; "the Bannu district of Khyber Pakhtunkhwa" lies in what its "of" names."""
    named = tok.dep_ == "pobj" and tok.head.lower_ == "of" and not _name_before(tok.head.head)
    top = tok.head.head if named else tok
    while top.dep_ == "conj" and not is_verb(top.head):
        top = top.head
    group = conjuncts(top)
    verb = top.head if top.dep_ == "conj" else None
    while verb is not None and is_verb(verb):  # "shelled Hula, killing two, and the village of Kfar Tala"
        group += [w for d in children(verb, "dobj") for w in conjuncts(d)]
        verb = verb.head if verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i else None
    return [w for x in group for w in (x, *(p for c in children(x, "prep") if c.lower_ == "of" and not _name_before(x)
                                            for p in children(c, "pobj")))]


def place_is_no_target(frame: Frame) -> Frame:
    """"attacked the village of Barsalogho", "captured the town of Paletwa": a place the happening took place
    at is its location, not a target actor (a name the actor table knows stays both: "struck Hezbollah"); the
    civilians its toll names are then the target ("shelled Hula, killing two civilians")."""
    t, lex = frame.target, lexicon()
    if t is None and frame.location:
        _toll_victims_as_target(frame, lex)
        return frame
    settled = lex.words["settlement_nouns"] | lex.words["division_nouns"]
    if t is not None and frame.location and any(lex.lemma(x.lower_, "N") in settled and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in x.children) for x in frame.target_tokens[:1]):
        frame.target, frame.target_tokens = None, []  # "an attack on the Russian city of Belgorod": where, not whom
        _toll_victims_as_target(frame, lex)
        return frame
    if t is None or t.known or not frame.location or t.canonical not in (
            frame.location, frame.location.split(" - ")[-1], *(text for text, _ in frame.also_at)):
        return frame
    town = gazetteer().resolve(t.canonical)
    sibling = any(t.canonical == text for text, _ in frame.also_at)  # "shelled Vovchansk and Lyptsi": a place too
    if sibling or any(lex.lemma(x.lower_, "N") in settled for x in frame.target_tokens) or (
            town is not None and town.kind in ("city", "town", "district", "province")):
        frame.target, frame.target_tokens = None, []  # (a port, hospital or base named as hit stays the target)
        _toll_victims_as_target(frame, lex)
    return frame


def _toll_victims_as_target(frame: Frame, lex: Lexicon) -> None:
    """"Troops shelled Kfar Y, killing three farmers": with the town its location, the civilians the toll names
    are who the happening hit (only civilians: "killing two fighters" names no side)."""
    table = actor_table()
    tolls = sorted({i for i in frame.members} | {c.i for c in children(frame.predicate, "advcl")})
    for toll in (frame.doc[i] for i in tolls):
        if toll.dep_ != "advcl" or toll.tag_ != "VBG" or lex.lemma(toll.lower_, "V") not in lex.words["toll_verbs"]:
            continue
        for victim in children(toll, "dobj"):
            canonical = table.lookup(victim.text)
            if canonical is not None and table.kind(canonical) == "civilians":
                frame.target, frame.target_tokens = Name(canonical, victim.text, "civilians", (), True), [victim]
                return


def place_from_anaphor(frame: Frame, earlier_places: list[PlaceMatch], lex: Lexicon | None = None) -> Frame:
    """"IDF soldiers fired there", "in the same region, ...": a place word pointing back takes the place the
    article named last before the sentence (an explicit link, not a guess); a name nobody knows in the same
    clause stays the location, placed by it ("in Mugunga, west of the city": Goma - Mugunga)."""
    lex = lex or lexicon()
    coarse = frame.place is not None and frame.place.kind in ("country", "territory", "region", "province")
    if frame.theater and not coarse:
        return frame  # (a country or region named beside "the city's port" is coarser than the city pointed to)
    points_back = False
    for t in (frame.predicate, frame.trigger):
        for c in t.children:
            if c.dep_ == "advmod" and c.lower_ in lex.words["place_anaphors"]:
                points_back = True
            if c.dep_ == "prep" and c.lower_ in lex.words["place_preps"]:
                for p in c.children:
                    if p.dep_ == "pobj" and p.lower_ in lex.words["place_anaphor_nouns"] and any(
                            d.lower_ in lex.words["pointing_determiners"] - {"the"} for d in p.children):
                        points_back = True
    last = earlier_places[-1] if earlier_places else None
    if not points_back:
        # "strikes on positions east of the city": a bare "the city" or "the town" is the last city named
        cands = _candidates(frame, lex)
        cands += [c for t in cands for c in t.children if c.dep_ == "poss"]  # "the city's main port"
        bare = [t for t in cands if t.lower_ in lex.words["settlement_anaphor_nouns"]
                and [c.lower_ for c in t.children if c.dep_ not in ("punct", "case")] == ["the"]]
        if not bare:
            return frame
        towns = [p for p in earlier_places if p.kind == "city"] + _cities_before(bare[0])
        if not towns:
            return frame
        last = towns[-1]
    if last is None or (coarse and (last.theater != frame.theater or not points_back and last.kind != "city")):
        return frame
    if not frame.location or coarse:
        frame.location = last.location
    elif last.kind == "city" and " - " not in frame.location:
        frame.location = f"{last.location} - {frame.location}"  # "in Mugunga, west of the city": Goma - Mugunga
    frame.theater, frame.latitude, frame.longitude = last.theater, last.latitude, last.longitude
    return frame


def place_from_coordinated(frame: Frame, others: list[Frame]) -> Frame:
    """"Gunmen stormed a village in Zamfara and kidnapped 30 people": a verb coordinated with another that
    shares its subject happens where that one did when it names no place of its own (the parse hangs the
    shared place phrase on the first verb)."""
    pred = frame.predicate
    if frame.location or pred.dep_ != "conj" or children(pred, "nsubj", "nsubjpass"):
        return frame
    for f in others:
        if f is not frame and f.location and pred.head.i in (f.predicate.i, *f.members):
            frame.take_place_of(f)
            break
    return frame


def _match_of(place: Place, text: str) -> PlaceMatch:
    """A place the parse stages resolved, as the text named it (no offsets: start -1 marks it as theirs)."""
    return PlaceMatch(-1, -1, text, text, place.kind, place.theater, place.latitude, place.longitude)


def _cities_before(tok: Token) -> list[PlaceMatch]:
    """Cities named earlier in the same sentence ("Residents of El Obeid said the RSF shelled the city")."""
    doc, out = tok.doc, []
    for t in doc[:tok.i]:
        if is_proper(t) and t.dep_ != "compound":
            place = gazetteer().resolve(doc[compound_start(t):t.i + 1].text)
            if place is not None and place.kind == "city":
                out.append(_match_of(place, place.name))
    return out


def place_from_speaker(frame: Frame) -> Frame:
    """A statement with no place named belongs to the theater its content names, when all its places lie in one
    ("the US announced arms for Ukraine"); else one by a state, its organ or official ("Israel put its army on
    alert") is made in that state's own country (rules/actors.csv home theater)."""
    if frame.theater or frame.event_type != "Statement" or not frame.actors:
        return frame
    table = actor_table()
    a = frame.actors[0]
    # a state, its organ or official; or an armed group, which speaks from its own ground ("the Houthis released
    # footage of the raid": Yemen)
    speakers = ("state",) if lexicon().lemma(frame.predicate.lower_, "V") in lexicon().words["claim_verbs"] else (
        "state", "armed group")  # (a claim lies where the happening claimed did: the links stage says so)
    states = [a.canonical] if a.kind in speakers else [x for x in a.affiliations if table.kind(x) in speakers][:1]
    home = table.home_theater(states[0]) if states else ""
    # what it is about comes first when all its places lie in one theater ("the US announced a new package of
    # arms for Ukraine": Ukraine's lane, where an analyst looks for it); else where the speaker is at home
    place = _subject_matter(frame) or (gazetteer().theater_place(home) if home else None)
    if place is not None:
        frame.theater, frame.location = place.theater, place.name
        frame.latitude, frame.longitude = place.latitude, place.longitude
    return frame


def _subject_matter(frame: Frame) -> Place | None:
    """"An aid agency said it could not reach two hospitals in Gaza City": a statement by a body with
    no country of its own belongs to the theater its content names, when every place it names lies there (the
    theater only: where it was said stays unknown)."""
    pred = frame.predicate
    content = [c for c in pred.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
    if not content:
        return None
    lo = frame.offset + min(t.left_edge.idx for t in content)
    hi = frame.offset + max(t.right_edge.idx + len(t.right_edge.text) for t in content)
    def named_as_place(p: PlaceMatch) -> bool:  # "operations against US forces": a state's forces, no place
        root = _match_root(frame.sentence, p)
        return root is None or root.dep_ not in ("compound", "amod", "nmod")

    theaters = {p.theater for p in frame.sentence.unit.places
                if lo <= p.start and p.end <= hi and p.theater and named_as_place(p)}
    theaters |= {p.theater for c in content for t in c.subtree for p in _named_sites(t)}
    return gazetteer().theater_place(theaters.pop()) if len(theaters) == 1 else None


def place_from_target(frame: Frame, violent: bool) -> Frame:
    """No place named: violence and threats happen on their target's ground ("strikes on Hezbollah" ->
    Lebanon), read from rules/actors.csv, when the target is the actor itself and not its people or things
    abroad ("killed two U.S. soldiers", "attacks on US vessels" place nothing; "struck Houthi missiles" places
    in Yemen, "shot down Iranian missiles" nowhere); anything else stays unplaced."""
    if frame.theater or not violent or frame.target is None or any(
            a.canonical == frame.target.canonical for a in frame.actors):
        return frame  # (a named place nobody resolves keeps its name: "in the vicinity of Aitaroun", in Lebanon;
        # the other side of a clash both sides fought is no ground: "Indian and Pakistani troops exchanged fire")
    lex, table = lexicon(), actor_table()
    stationed = table.kind(frame.target.canonical) == "institution"  # a mission's patrols serve where it is based
    away = lex.words["victim_nouns"] if stationed else \
        lex.words["agent_heads"] | lex.words["victim_nouns"] | lex.words["abroad_nouns"]
    grounded = frame.event_type != "Interception"  # weapons struck are at home; weapons shot down are in flight

    def abroad(t: Token) -> bool:
        if t.lower_ in lex.words["abroad_nouns"]:
            return not stationed
        if grounded and t.lower_ in lex.weapon_of:
            return False
        return lex.lemma(t.lower_, "N") in away

    if any(abroad(t) for t in frame.target_tokens):
        return frame
    home = table.home_theater(frame.target.canonical)
    place = gazetteer().theater_place(home) if home else None
    if place is not None:
        frame.theater, frame.location = place.theater, frame.location or place.name
        frame.latitude, frame.longitude = place.latitude, place.longitude
    return frame


def _whole_name(text: str, p: PlaceMatch) -> bool:
    """Whether a place the text scan found is a name of its own, not the first word of a longer one ("Adan" of
    "Adan Yabaal" is no Aden)."""
    after = text[p.end:p.end + 2]
    return not (len(after) == 2 and after[0] == " " and after[1].isupper())


def _named_as_place(sentence: Sentence, p: PlaceMatch) -> bool:
    """A country named as ground ("in Myanmar's Sagaing region", "fighting in Sudan"), not as a modifier of its
    people or forces ("US forces", "the Sudanese army"), nor as the one who acts ("backed by Rwanda"), nor as
    what bounds a place ("a town on the border with China": the town is on the other side)."""
    root = _match_root(sentence, p)
    if root is None or root.dep_ in ("compound", "amod", "nmod", "nsubj", "nsubjpass", "dobj"):
        return False
    lex = lexicon()
    prep = root.head
    if root.dep_ == "pobj" and (prep.dep_ == "agent" or prep.lower_ == "by"):
        return False  # "rebels backed by Rwanda": a side that acts, not ground
    return not (root.dep_ == "pobj" and prep.lower_ in ("with", "of") and prep.i > 0 and any(
        lex.lemma(w.lower_, "N") in lex.words["border_nouns"] for w in (prep.head, root.doc[prep.i - 1])))


def _match_root(sentence: Sentence, p: PlaceMatch) -> Token | None:
    """The head word of the parsed words a text-scan place match covers, if they align."""
    span = sentence.doc.char_span(p.start - sentence.start, p.end - sentence.start, alignment_mode="expand")
    return span.root if span is not None else None


def place_from_article(frames: list[Frame], units: list[Unit], lex: Lexicon | None = None,
                       sentences: list[Sentence] = ()) -> None:
    """An unplaced happening lies in the article's one theater, as an analyst reads a one-war timeline or a
    one-country wire story ("an airstrike levels a block of flats" in a Gaza timeline; "gunmen
    burned homes in Mirebalais" in a Haiti story, whatever the village). The theaters of the places the article
    names (towns, regions, seas: a country's name is as often its government) and of the happenings it placed,
    with the home of every armed group it names, less the acting side's own home when it attacks or threatens
    (its strikes land abroad; an armed group's, when the article names nothing else, is where it fights), must
    be one. Only the theater: no town is guessed, and an article with two
    candidate theaters places nothing."""
    lex = lex or lexicon()
    table = actor_table()
    kept = [f for f in frames if not f.drop]
    placed = {p.theater for u in units for p in u.places
              if p.theater and p.kind not in ("country", "territory") and _whole_name(u.text, p)}
    placed |= {p.theater for s in sentences if s.doc is not None for p in s.unit.places
               if s.start <= p.start and p.end <= s.end and p.theater and _named_as_place(s, p)}
    placed |= {f.theater for f in kept if f.theater}
    if not placed:
        return
    # an armed group named anywhere brings its home ground into play (Hezbollah's Lebanon), a state does not
    homes = {table.home_ground(m.canonical) for u in units for m in u.actors
             if table.kind(m.canonical) == "armed group"} - {""}
    for f in kept:
        violent = lex.violent(f.event_type) or f.organized
        # (any happening at a place nobody resolved, too: "seized the town of Hpakant" in a Myanmar story)
        if f.theater or not (violent or f.event_type in ("Threat/warning", "Statement") or f.location):
            continue
        first = f.actors[0] if f.actors and f.event_type != "Statement" else None
        own = {table.home_theater(n) for n in (first.canonical, *first.affiliations)} - {""} if first else set()
        theaters = (placed | homes) - own
        aimed_abroad = f.target is not None and bool(
            {table.home_theater(n) for n in (f.target.canonical, *f.target.affiliations)} - {""} - own)
        if not theaters and own and not aimed_abroad and not any(
                table.kind(n) == "state" for n in (first.canonical, *first.affiliations)):
            theaters = own  # an armed group in an article of its own ground only: a civil war, fought at home
            # (not when it aims at another state's side: "fired rockets at an Israeli base" lands abroad)
        place = gazetteer().theater_place(next(iter(theaters))) if len(theaters) == 1 else None
        if place is None:
            continue
        f.theater = place.theater
        if not f.location:
            f.location, f.latitude, f.longitude = place.name, place.latitude, place.longitude


def place_from_counterparts(frame: Frame, lex: Lexicon | None = None) -> Frame:
    """A trip with no country of its own ("a tour of the Gulf where she got to see the heads
    of Oman and Qatar") met each state it lists in that state: one meeting per country,
    as a visit to Kuwait, Bahrain and Qatar is (a phone call or talks at home stay where they were)."""
    lex = lex or lexicon()
    travel = lex.words["travel_words"]
    coarse = frame.place is None or frame.place.kind in ("region", "sea")  # "a trip to the Gulf": finer where met
    if frame.event_type != "Meeting/visit" or (frame.theater and not coarse) or not any(
            lex.lemma(frame.doc[i].lower_, "N") in travel or lex.lemma(frame.doc[i].lower_, "V") in travel
            for i in frame.members):
        return frame
    table, gaz = actor_table(), gazetteer()
    states: list[Place] = []
    for t in frame.target_tokens:
        for h in [t, *(o for _, o in prep_objects(t, {"from", "of"}))]:
            for c in conjuncts(h):
                name = table.lookup(c.text)
                home = table.home_theater(name) if name is not None and table.kind(name) == "state" else ""
                place = gaz.theater_place(home) if home else None
                if place is not None and place not in states:
                    states.append(place)
    if len(states) < 2:
        return frame
    first, *rest = states
    frame.location, frame.theater, frame.latitude, frame.longitude = first.name, first.theater, first.latitude, \
        first.longitude
    frame.also_at = [(p.name, p) for p in rest]
    return frame
