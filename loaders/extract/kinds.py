"""Stage 6: the event type, from the trigger and its arguments.

A trigger that names its type keeps it ("airstrike", "shelled", "intercepted", "met"). A generic attack word
("struck", "attacked", "fired", "hit") or a toll ("killed") takes the type of the first weapon its clause
names, in its subject, object, "with"/"by" phrase or its own modifiers ("Israeli warplanes struck" -> Air/drone
strike, "a roadside bomb killed" -> Remote explosive, "fired mortars" -> Shelling/missile attack); with no
weapon, an attack on civilians or a civilian object is an Attack on civilians, and otherwise the word's
default for the kind of actor (rules/event_types.yaml `attack_defaults`: a state's bare "strike" is an air
strike, an armed group's is an armed clash). An air or drone strike needs an aircraft, a drone, an air force
or a state striking: a bomb with no aircraft is a remote explosive.

EXAMPLE:
    >>> type_frame(frame).event_type    # "A roadside bomb exploded near a patrol" -> 'Remote explosive'
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.actors import actor_table

from .frame import Frame
from .lexicon import Lexicon, lexicon
from .syntax import children, conjuncts, is_verb, own_or_controller_subjects, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

_STATE_KINDS = frozenset({"state", "institution"})




def _np(t: Token) -> list[Token]:
    """A noun phrase's head and its modifiers (and "a barrage of rockets" -> rockets)."""
    out = [t, *(c for c in t.children if c.dep_ in ("compound", "amod", "nmod", "nummod"))]
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def device_run_into(v: Token, lex: Lexicon) -> Token | None:
    """The hidden device a verb's subject ran into ("their vehicle struck a roadside bomb", "stepped on a
    landmine"), if that is what the verb tells: its subject is then the victim."""
    if not is_verb(v) or lex.lemma(v.lower_, "V") not in lex.words["set_off_verbs"]:
        return None
    for obj in [*children(v, "dobj"), *(o for _, o in prep_objects(v, {"on", "over", "into"}))]:
        for t in _np(obj):
            wc = lex.weapon_of.get(f"{t.doc[t.i - 1].lower_} {t.lower_}") or lex.weapon_of.get(t.lower_)
            if wc is not None and wc.event_type == "Remote explosive":
                return obj
    return None


def _weapon_tokens(frame: Frame, lex: Lexicon) -> list[Token]:
    """Where a clause names its weapon: the subject ("Israeli warplanes struck"), the trigger's own modifiers
    ("a drone strike", "missile attacks"), "with/by/using" phrases, the object of firing verbs, the noun a
    participle describes ("a shell fired by the rebels"), never the target ("destroyed a missile system")."""
    out: list[Token] = []
    # the clause's own words: trigger, predicate, members, and the scene a toll hangs on ("a drone crashed into
    # a building, killing one"); weapon_type takes the earliest weapon named, so their order does not matter
    for t in (frame.doc[i] for i in sorted(frame.clause_heads(lex))):
        out += _np(t)
        if is_verb(t):
            for subj in own_or_controller_subjects(t, "nsubj"):
                out += _np(subj)
            if lex.lemma(t.lower_, "V") in lex.words["weapon_object_verbs"]:
                for obj in children(t, "dobj", "nsubjpass"):
                    out += _np(obj)
            for obj in children(t, "dobj"):  # "killing eight policemen with an IED": the parse may hang it on them
                for conj in [obj, *children(obj, "conj")]:
                    out += [p for _, p in prep_objects(conj, {"with", "using"})]
            device = device_run_into(t, lex)
            if device is not None:
                out += _np(device)  # "their vehicle struck a roadside bomb": the bomb
            if t.dep_ in ("acl", "relcl"):
                out += _np(t.head)
        for c in t.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in lex.words["weapon_preps"]:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += _np(p)
            if c.dep_ == "prep" and c.lower_ == "in":  # "struck ... in a suspected drone attack"
                for p in c.children:
                    if p.dep_ == "pobj" and lex.has_trigger(p.lower_):
                        out += _np(p)
    return out


def weapon_type(frame: Frame, lex: Lexicon) -> tuple[str, str] | None:
    """(weapon class, its type) of the first weapon named where the clause names its weapon."""
    best: tuple[int, str, str] | None = None
    for t in _weapon_tokens(frame, lex):
        # the longest name holding the word first, either side of it: "unmanned aerial vehicle", "cruise missile",
        # "drone boat" (a boat: not the aircraft its first word names), "missile"
        doc = t.doc
        spans = sorted(((lo, hi) for lo in range(max(t.i - 2, 0), t.i + 1) for hi in range(t.i + 1, min(t.i + 3,
                        len(doc)) + 1) if hi - lo <= 3), key=lambda span: span[0] - span[1])
        for lo, hi in spans:
            wc = lex.weapon_of.get(doc[lo:hi].text.lower())
            if wc is not None:
                if best is None or lo < best[0]:
                    best = (lo, wc.name, wc.event_type)
                break
    return (best[1], best[2]) if best else None


def _civilian_target(frame: Frame, lex: Lexicon) -> bool:
    """The target, or the victims of a toll folded into the frame ("killing 9 people"), are civilians or a
    civilian object."""
    if frame.target is not None and frame.target.kind == "civilians":
        return True
    # victims of the tolls the sentence reports ("killing 9 people", "and 9 people died in the strike")
    # its own tolls, in its clause or one whose "when" clause it is: not another happening's in the same sentence
    own = {frame.doc[i] for i in frame.members} | set(_own_ancestors(frame.trigger)) | set(frame.predicate.subtree)
    victims = [c for t in own if lex.lemma(t.lower_, "V") in lex.words["toll_verbs"] and t.tag_.startswith("VB")
               for c in t.children if c.dep_ in ("dobj", "nsubjpass", "nsubj") and t.i != frame.trigger.i]
    victims += [p for v in victims if v.tag_ == "CD" or lex.lemma(v.lower_, "N") in lex.words["quantity_nouns"]
                | lex.words["count_nouns"] for _, p in prep_objects(v, {"of"})]  # "killing dozens of civilians"
    told = [*frame.target_tokens, *victims]
    told += [a for t in told for a in children(t, "appos")]  # "the Blue Dawn, a ... cargo ship"
    if any(lex.lemma(x.lower_, "N") in lex.words["ground_agents"] or x.lower_ in lex.words["ground_agents"]
           for t in told for x in conjuncts(t)):
        return False  # "twenty soldiers and a civilian were killed in an ambush": the armed side was hit
    for t in told:
        mods = {c.lower_ for c in t.children if c.dep_ in ("compound", "amod")}
        owners = [p for _, p in prep_objects(t, {"of"})] + children(t, "poss")
        # "a convoy of the Burkinabe army and VDP auxiliaries": the owner's words, its modifiers and partners too
        owners += [c for o in owners for c in o.children if c.dep_ in ("nmod", "compound", "conj")]
        armed = [c for c in t.children if c.dep_ in ("compound", "poss") and c.text[:1].isupper()
                 and _armed_owner(actor_table().lookup(c.text) or "")]
        if mods & lex.words["military_modifiers"] or armed or any(
                lex.lemma(o.lower_, "N") in lex.words["military_modifiers"] | lex.words["group_name_heads"]
                for o in owners):
            continue  # "ambushed a military convoy", "a FAMa convoy", "a convoy of the National Guard": military
        words = {t.lower_, lex.lemma(t.lower_, "N")} | mods
        words |= {f"{c.lower_} {lex.lemma(t.lower_, 'N')}" for c in t.children if c.dep_ in ("compound", "amod")}
        if words & lex.civilian_targets:
            return True
    return False


def _own_ancestors(t: Token) -> list[Token]:
    """The words a trigger's clause hangs on, up to a speech verb's ("killed nine, the governor said, as Moscow
    pressed its offensive": the toll is no victim of the offensive)."""
    out = []
    while t.head.i != t.i and t.dep_ not in ("parataxis", "ccomp"):
        t = t.head
        out.append(t)
    return out


def _violent_word(t: Token, lex: Lexicon) -> bool:
    """An attack or toll word ("shot", "killed"), not another kind of act."""
    return any(s.group in ("attack", "casualty") for h in lex.find_triggers(t.text) for s in h.senses)


def _armed_owner(canonical: str) -> bool:
    """An armed group, a state or a state's organ ("a FAMa convoy"), not an aid body ("a WFP convoy")."""
    table = actor_table()
    kind = table.kind(canonical) if canonical else ""
    return kind in ("armed group", "state") or (
        kind == "institution" and any(table.kind(a) == "state" for a in table.affiliations(canonical)))


def _state_actor(frame: Frame) -> bool:
    table = actor_table()
    for a in frame.actors[:1]:
        if a.kind == "armed group" and a.known:
            return False  # a militia the state pays (the PMF's factions) still fights as a militia
        if a.kind in _STATE_KINDS or any(table.kind(x) == "state" for x in a.affiliations):
            return True
        if a.kind == "person" and any(table.kind(x) == "state" for x in a.affiliations):
            return True
    return False


def _crowd_fighting(frame: Frame, lex: Lexicon) -> bool:
    """"Protesters clashed with police", "protesters threw stones at police": a crowd that fights riots (unless
    what it used flies: that is someone's strike)."""
    if not any(lex.lemma(a.surface.lower(), "N") in lex.words["crowd_nouns"] for a in frame.actors):
        return False
    if frame.group == "type":
        return frame.event_type == "Armed clash"
    weapon = weapon_type(frame, lex)
    return weapon is None or weapon[1] not in lex.projectile_types | {"Air/drone strike"}


def type_frame(frame: Frame, lex: Lexicon | None = None) -> Frame:
    """Fill frame.event_type (in place; returns the frame)."""
    lex = lex or lexicon()
    if _crowd_fighting(frame, lex):
        frame.event_type = "Riot"
        return frame
    organized = frame.event_type in lex.organized_types and (frame.done_by_armed_men(lex) if not frame.actors else (
        frame.actors[0].kind == "armed group" or _state_actor(frame)))
    # armed men's looting that killed or shot at people ("looted homes and shot residents") is an attack
    killed = any(i != frame.trigger.i and is_verb(frame.doc[i]) and (lex.lemma(frame.doc[i].lower_, "V") in lex.words[
        "toll_verbs"] or _violent_word(frame.doc[i], lex)) for i in frame.members)
    if frame.group == "type" and not (organized and killed):
        if organized:
            frame.event_type = lex.organized_types[frame.event_type]  # "RSF fighters looted the market"
            frame.organized = True
            return frame
        weapon = weapon_type(frame, lex) if frame.event_type == "Armed clash" else None
        if weapon is not None and weapon[1] == "Remote explosive":
            frame.event_type = weapon[1]  # "ambushed a patrol ... with an improvised explosive device"
        elif frame.event_type == "Armed clash" and _civilian_target(frame, lex) and (weapon is None or
                                                                                    weapon[0] == "firearm"):
            frame.event_type = lex.attack_defaults["civilian_target"]  # "opened fire on protesters"
        return frame
    # an attack word, a toll, or armed men's looting that killed ("looted the market and killed five traders":
    # the killing types it, as an attack)
    weapon = weapon_type(frame, lex)
    civilian = _civilian_target(frame, lex)
    if weapon is not None:
        name, etype = weapon
        frame.event_type = "Attack on civilians" if name == "firearm" and civilian else etype
        aerial = [t for t in frame.target_tokens if lex.lemma(t.lower_, "N") in lex.words["aerial_targets"]]
        on_ground = name == "aircraft" and all(
            t.lower_ in lex.weapon_of and lex.weapon_of[t.lower_].name == "projectile" for t in aerial)
        if etype in lex.projectile_types and aerial and not on_ground:
            # "fired a missile at an Israeli drone" (not "jets struck four missiles": launchers on the ground)
            frame.event_type = "Interception"
        return frame
    by_word = lex.attack_defaults_by_word.get(frame.lemma, {})
    # "Russian troops carried out attacks": soldiers on the ground strike no air strike, whoever sends them
    doers = [*frame.actor_tokens, *(own_or_controller_subjects(frame.predicate, "nsubj")
                                    if is_verb(frame.predicate) else [])]  # "the army said its troops had killed"
    state = _state_actor(frame) and not any(lex.lemma(t.lower_, "N") in lex.words["ground_agents"] for t in doers)
    if state and "state" in by_word:  # a state's bare "strike" on a town is an air strike, victims or not
        frame.event_type = by_word["state"]
        return frame
    if civilian:
        frame.event_type = lex.attack_defaults["civilian_target"]
        return frame
    key = "state" if state else "default"
    frame.event_type = by_word.get(key) or lex.attack_defaults[key]
    return frame


def category_of(event_type: str, lex: Lexicon | None = None) -> str:
    return (lex or lexicon()).category.get(event_type, "")

