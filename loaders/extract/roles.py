"""Stage 3b: actor(s) and target from the parse, never from word windows.

Actor: the subject of an active trigger verb (a coordinated verb or an open complement shares its head's
subject), the "by" agent of a passive ("a shell fired by the rebels"), the possessor, a name modifying a nominal
trigger or the "by" phrase after it ("Israel's strikes", "Israeli strikes", "attacks by the factions"), the
subject of a light verb ("the US conducted strikes") and the claimant of a claim ("X claimed responsibility
for the attack"). Coordination gives several actors. A pronoun subject of what a reporting verb reports
stands for the speaker ("the army said it struck ..."). Target: the object, the subject of a passive, or the
complement after "on", "against", "at" ("strikes on Rafah"); for meetings, deals and clashes also "with"
and "between X and Y". Victims are never actors, and nobody attacks itself.

EXAMPLE:
    >>> assign_roles(frame, reader)   # "The Mujahideen Brigades, Hamas and the PFLP fired mortars at Israeli troops"
    >>> [a.canonical for a in frame.actors], frame.target.canonical
    (['Mujahideen Brigades', 'Hamas', 'Popular Front for the Liberation of Palestine'], 'Israel')
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.actors import actor_table
from loaders.places import gazetteer

from .frame import Frame, Name
from .kinds import device_run_into
from .lexicon import Lexicon, lexicon
from .names import NameReader, clean_name
from .syntax import (
    agents_of,
    children,
    conjuncts,
    is_passive,
    is_proper,
    is_verb,
    prep_objects,
    verb_subjects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token




def _speaker(v: Token, lex: Lexicon) -> list[Token]:
    """The subject of the reporting verb a clause is reported by ("the IDF said it struck": the IDF)."""
    cur = v
    while cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ in ("ccomp", "parataxis") and is_verb(cur.head) and lex.lemma(cur.head.lower_, "V") in lex.words[
            "reporting_verbs"]:
        return verb_subjects(cur.head)
    return []


def _subject_tokens(v: Token, lex: Lexicon) -> list[Token]:
    subj = verb_subjects(v)
    if v.dep_ == "acl" and subj and subj[0].i == v.head.i and subj[0].tag_ in ("NNP", "NNPS") \
            and lex.lemma(v.head.lower_, "N") not in lex.words["agent_heads"]:
        return []  # "... and the hamlet of Y, killing one more": no agent named
    if subj and subj[0].lower_ in lex.words["self_report_pronouns"]:
        return _speaker(v, lex) or subj  # not reported: the pronoun itself ("It warned Iran ...")
    if subj and any(c.dep_ == "poss" and c.lower_ in lex.words["speaker_possessives"] for c in subj[0].children):
        speaker = _speaker(v, lex)  # "the DFLP said its fighters shelled ...": the speaker's fighters
        if speaker and any(is_proper(t) or t.tag_ == "PRP" or any(lex.lemma(t.lower_, "N") in lex.words[w] for w in (
                "agent_heads", "group_anaphors", "military_anaphors", "state_anaphors")) for t in speaker):
            return speaker
        return subj  # "its fighters stormed ..., witnesses said": not the witnesses' fighters
    return subj


def _noun_agents(n: Token, lex: Lexicon, voiced: bool) -> list[Token]:
    """A nominal trigger's actor: its possessor or a name modifying it ("Hamas-led attack" too), else its
    "by" (or "from") phrase."""
    out = [c for c in n.children if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < n.i]
    # "Builders' Tower airstrike": a possessor before a capitalized name belongs to that name
    out = [c for c in out if not (c.dep_ == "poss" and any(
        x.dep_ == "compound" and c.i < x.i < n.i and x.text[:1].isupper() and gazetteer().resolve(x.text) is None
        and actor_table().lookup(x.text) is None for x in n.children))]  # not "Israel's Rafah offensive"
    for c in list(out):
        word = c.lower_.rsplit("-", 1)[-1]  # "Hamas-led", "Houthi-claimed"
        if word in lex.words["doer_participles"]:
            out += [x for x in c.children if x.dep_ in ("npadvmod", "compound", "nmod", "amod")]
    preps = lex.words["agent_preps_voiced"] if voiced else lex.words["agent_preps"]
    out += [o for _, o in prep_objects(n, preps)]
    # "an air raid staged by the Kanga Front": the participle's agent
    # (not "fighting ..., supported by Wazalendo groups": a supporter, wherever the parse hangs it)
    out += [a for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ not in lex.words[
        "support_participles"] for a in agents_of(c)]
    return [x for t in out for x in conjuncts(t)]


def _targets(t: Token, lex: Lexicon, paired: bool) -> list[Token]:
    """Objects and "on/against/at" complements (with "with"/"between" for paired types)."""
    out: list[Token] = []
    if is_verb(t):
        if is_passive(t):
            out += children(t, "nsubjpass")
            if t.dep_ == "acl":
                out.append(t.head)
        elif _elided_passive(t, lex):
            out += children(t, "nsubj")
        else:
            out += children(t, "dobj", "dative", "oprd")  # "called Minister X": the tagger may read a naming verb
            if not out:  # "struck and destroyed four Houthi missiles": coordinated verbs share the object
                out += [o for c in children(t, "conj") if is_verb(c) for o in children(c, "dobj")]
    if is_verb(t) and lex.lemma(t.lower_, "V") in lex.words["weapon_object_verbs"] and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ == "down" for c in t.children):  # the tagger reads either
        # "fired six missiles", "rockets were fired", "launched a number of drones": the weapon, never the target
        # (what is shot down is: "shot down Iranian missiles" targets Iran)
        out = [o for o in out if lex.lemma(_of_quantity(o, lex).lower_, "N") not in lex.weapon_of]
    preps = set(lex.words["target_preps"]) | ({"with", "between"} if paired else set())
    out += [o for _, o in prep_objects(t, preps)]
    if is_verb(t):  # "fired a missile at an Israeli drone", "launched strikes on Houthi sites"
        for obj in children(t, "dobj"):
            out += [o for _, o in prep_objects(obj, preps)]
            for aim in children(obj, "acl"):  # "detonated an IED targeting a convoy": what the weapon was aimed at
                if aim.tag_ == "VBG" and lex.lemma(aim.lower_, "V") in lex.words["aim_participles"]:
                    out += children(aim, "dobj") + [o for _, o in prep_objects(aim, preps)]
    if not is_verb(t) and (t.lower_ in lex.words["of_target_nouns"] or lex.lemma(t.lower_, "N") in lex.words[
            "of_target_nouns"]):
        out += [o for _, o in prep_objects(t, {"of"})]
    if not is_verb(t):
        out += _defended(t, lex)
    out = [_of_quantity(o, lex) for o in out]
    # "airstrikes on two depots used by Kataib Hezbollah": the owner of what was hit was targeted
    out += [a for o in out for c in o.children if c.dep_ == "acl" and lex.lemma(c.lower_, "V") in lex.words[
        "owner_participles"] for a in agents_of(c)]
    return [x for o in out for x in conjuncts(o)]


def _defended(t: Token, lex: Lexicon) -> list[Token]:
    """The side defended against a nominal trigger ("the defense of Jordan against a drone attack", "helped
    defend Poland against a missile attack"): its target. The small model often hangs "against" on the verb above
    the defence noun, so the words right before "against" are searched for it as well."""
    prep = t.head
    if t.dep_ != "pobj" or prep.lower_ != "against" or prep.i == 0:
        return []
    before = t.doc[prep.i - 1]
    for h in [prep.head, before, *before.ancestors]:
        if lex.lemma(h.lower_, "V" if is_verb(h) else "N") in lex.words["defence_words"]:
            return children(h, "dobj") if is_verb(h) else [o for _, o in prep_objects(h, {"of"})]
        if is_verb(h) and h.i != prep.head.i:
            break
    return []


def _accused(t: Token, lex: Lexicon) -> list[Token]:
    """"The army accused the RSF of killing 40 civilians", "blamed the RSF for the attack", "an attack blamed on
    the Arakan Army": the accused."""
    blamed = [o for c in t.children if c.dep_ == "acl" and lex.lemma(c.lower_, "V") in lex.words["accusation_verbs"]
              for _, o in prep_objects(c, {"on"})]
    if blamed:
        return blamed  # "a drone attack blamed on the Arakan Army"
    prep = t.head if t.dep_ in ("pcomp", "pobj") else None
    if prep is None or prep.lower_ not in ("of", "for") or not is_verb(prep.head) or lex.lemma(
            prep.head.lower_, "V") not in lex.words["accusation_verbs"]:
        return []
    return children(prep.head, "dobj")


def _elided_passive(v: Token, lex: Lexicon) -> bool:
    """"... resulted in 11 operatives killed and 36 operatives detained": a verb that needs an object, with a
    subject of its own and no object (nor one shared by a coordinated verb), no perfect auxiliary and no agent,
    is a passive with "were" left out: its subject underwent it."""
    if lex.lemma(v.lower_, "V") not in lex.words["object_verbs"] or v.tag_ not in ("VBD", "VBN"):
        return False
    if not children(v, "nsubj") or children(v, "dobj", "dative", "ccomp", "xcomp", "agent"):
        return False
    if any(c.dep_ == "aux" for c in v.children) or any(children(c, "dobj") for c in children(v, "conj")):
        return False
    return not (v.dep_ == "conj" and children(v.head, "dobj") and v.head.i > v.i)


def _of_quantity(t: Token, lex: Lexicon) -> Token:
    """"hundreds of Hamas targets", "dozens of sites": the thing counted, not the count."""
    if t.tag_ == "CD" or lex.lemma(t.lower_, "N") in lex.words["quantity_nouns"] or t.lower_ in lex.words[
            "count_nouns"]:
        for _, o in prep_objects(t, {"of"}):
            return o
    return t


def _named_object(t: Token, reader: NameReader) -> Name | None:
    """A target that is no actor but has a name of its own ("the Friendship Hospital", "the M/V Sea Lark"),
    kept as written; never a place (that is the location), a date, or a word that only starts a sentence."""
    if not is_proper(t) or reader.in_date(t):
        return None
    chunk = reader.proper_chunk(t)
    text = clean_name(t.doc[chunk[0].i:chunk[-1].i + 1].text)
    if len(chunk) < 2 or not text or gazetteer().resolve(text) is not None:
        return None
    return Name(text, text, "object", (), False, -1, -1)


def _resolve(tokens: list[Token], reader: NameReader, role: str) -> list[Name]:
    out: list[Name] = []
    for t in tokens:
        for n in reader.names_of(t, role=role):
            if n.canonical and all(n.canonical != o.canonical for o in out):
                out.append(n)
    return out


def assign_roles(frame: Frame, reader: NameReader, lex: Lexicon | None = None) -> Frame:
    """Fill frame.actors and frame.target from the parse (in place; returns the frame)."""
    lex = lex or lexicon()
    trig, pred = frame.trigger, frame.predicate
    paired = frame.group == "type" and frame.event_type in lex.paired_types
    voiced = frame.group == "type" and frame.event_type in ("Threat/warning", "Statement")
    actor_toks: list[Token] = []
    target_toks: list[Token] = []
    if is_verb(trig) and frame.group == "casualty" and lex.lemma(trig.lower_, "V") in lex.words["undergone_verbs"]:
        actor_toks = []  # "X died in the attack": the subject underwent it
    elif is_verb(trig) and frame.group == "casualty" and trig.tag_ == "VBN" and not any(
            c.dep_ == "aux" and c.lower_ in lex.words["perfect_auxiliaries"] for c in trig.children) and not (
            children(trig, "nsubj") and children(trig, "dobj")):  # ("missiles killed at least nine": mistagged)
        actor_toks = agents_of(trig)  # "led to 9 fighters killed": a participle's subject died
    elif is_verb(trig) and device_run_into(trig, lex) is not None:
        actor_toks = []  # "their vehicle struck a roadside bomb": the subject ran into it
    elif is_verb(trig):
        actor_toks = agents_of(trig) if is_passive(trig) or _elided_passive(trig, lex) else _subject_tokens(trig, lex)
    else:
        actor_toks = _noun_agents(trig, lex, voiced)
    target_toks = _targets(trig, lex, paired) if device_run_into(trig, lex) is None else verb_subjects(trig)
    actors = [] if frame.claimed else _resolve(actor_toks, reader, "actor")
    # the accused ("an attack blamed on the Arakan Army"), or the subject of the verb an "in/by -ing" trigger
    # tells the manner of ("US troops partnered with X in destroying sites")
    for other in ([] if actors or frame.claimed else (
            _accused(trig, lex), _subject_tokens(frame.carrier, lex) if frame.carrier is not None else [])):
        actors = _resolve(other, reader, "actor")
        if actors:
            actor_toks = other
            break
    if frame.suffered_by_subject:
        target_toks = verb_subjects(pred) + target_toks  # "the convoy came under fire": the convoy was hit
    elif pred.i != trig.i:
        if not actors and not (frame.group != "type" and lex.lemma(pred.lower_, "V") in lex.words["undergone_verbs"]):
            actor_toks = agents_of(pred) if is_passive(pred) else _subject_tokens(pred, lex)
            # "an Israeli strike killed five": the noun is the happening, not its actor
            actors = _resolve([t for t in actor_toks if t.i != trig.i], reader, "actor")
    if not actors and frame.event_type == "Interception" and is_verb(trig) and is_passive(trig) and not agents_of(trig):
        # "The Israeli military said the missile was intercepted": a state's forces tell of their own interceptions
        said_by = _speaker(trig, lex)
        actors = [n for n in _resolve(said_by, reader, "actor") if n.kind in ("state", "institution")]
        actor_toks = said_by if actors else actor_toks
    if not actors and is_verb(trig) and not frame.claimed:  # "a landmine planted by the Taliban killed two"
        placed = [a for s in verb_subjects(trig) for c in s.children if c.dep_ == "acl" and lex.lemma(
            c.lower_, "V") in lex.words["placing_participles"] for a in agents_of(c)]
        actors = _resolve(placed, reader, "actor")
        actor_toks = actor_toks if not actors else placed
    targets = _resolve(target_toks, reader, "target")
    if not targets and paired:  # "a tour ... where she got to see the heads of X": whom it met
        for i in frame.members:
            if i != trig.i and is_verb(frame.doc[i]):
                target_toks = _targets(frame.doc[i], lex, paired)
                targets = _resolve(target_toks, reader, "target")
                if targets:
                    break
    if pred.i != trig.i and not targets:  # "were killed in a drone raid on Kaya": the toll's victims
        target_toks = target_toks or [t for t in _targets(pred, lex, paired) if t.i != trig.i]
        targets = _resolve([t for t in _targets(pred, lex, paired) if t.i != trig.i], reader, "target")
    if pred.i != trig.i and not targets and is_verb(pred) and lex.lemma(pred.lower_, "V") in lex.words[
            "undergone_verbs"]:  # "twelve civilians died in a drone raid on Kaya": who died was hit
        target_toks = [t for t in verb_subjects(pred) if t.i != trig.i]
        targets = _resolve(target_toks, reader, "target")
    if not targets:  # "conducted an airstrike near Jilib, killing three al-Shabaab fighters": the toll's victims
        tolls = [frame.doc[i] for i in frame.members if i not in (trig.i, pred.i) and (frame.doc[i].tag_ == "VBG" or (
                 frame.doc[i].dep_ == "conj" and frame.doc[i].head.i in (trig.i, pred.i)
                 and not children(frame.doc[i], "nsubj", "nsubjpass")))
                 and any(s.group == "casualty" for h in lex.find_triggers(frame.doc[i].text) for s in h.senses)]
        targets = _resolve([t for v in tolls for t in _targets(v, lex, paired)], reader, "target")
    if not targets and frame.event_type == "Threat/warning":  # "will not hesitate to strike the Houthis"
        threatened = [frame.doc[i] for i in frame.members if frame.doc[i].dep_ == "xcomp" and is_verb(frame.doc[i])]
        targets = _resolve([t for v in threatened for t in _targets(v, lex, paired)], reader, "target")
    # victims are never actors, but a crowd acts ("protesters threw stones at police": the type stage makes it a riot)
    victims = [a for a in actors if (a.kind == "civilians" or lex.lemma(a.surface.lower(), "N") in lex.words[
        "victim_nouns"]) and lex.lemma(a.surface.lower(), "N") not in lex.words["crowd_nouns"]]
    if victims and frame.group != "type" or (victims and frame.event_type not in ("Protest", "Riot")):
        actors = [a for a in actors if a not in victims]
        targets = targets or victims
    if paired and not actors:  # "a ceasefire between Israel and Hamas", "fighting broke out between ...": the parties
        between = [o for _, o in prep_objects(trig, {"between"})] or [
            o for _, o in prep_objects(pred, {"between"})] or (
            [o for _, o in prep_objects(trig.head, {"between"})] if trig.dep_ == "nsubj" and is_verb(trig.head) else [])
        parties = _resolve([x for o in between for x in conjuncts(o)], reader, "actor")
        if len(parties) >= 2:
            actors, targets = parties, [parties[1]]
        elif parties:  # "clashes between the army and FARC dissidents": the one side named is a side, not a target
            actors, targets = parties, [t for t in targets if t.canonical != parties[0].canonical]
    joint = any(c.lower_ in lex.words["joint_words"] for v in (trig, pred) for c in v.children)
    if paired and len(actors) >= 2 and not targets and not joint:
        targets = [actors[1]]  # "the army and the RSF clashed": both are parties, the second is the other side
        # ("X, Y and Z launched a joint offensive": allies, none the other side)
    elif actors and not (paired and len(actors) >= 2):
        targets = [t for t in targets if all(t.canonical != a.canonical for a in actors)]
    frame.actors = actors
    frame.actor_tokens = actor_toks
    if not targets and target_toks:
        named = _named_object(target_toks[0], reader)
        targets = [named] if named is not None else []
    frame.target = targets[0] if targets else None
    frame.target_tokens = target_toks
    return frame


def share_doer_of_joined_clause(frame: Frame, others: list[Frame], lex: Lexicon | None = None) -> Frame:
    """"40 villagers were killed in the RSF-led assault, while 25 others were abducted": a passive violent clause
    with no agent, place or date of its own, joined to a clause whose happening has a doer, was done by that doer
    (never across a place of its own: "..., while two soldiers were killed in Lebanon" names no doer)."""
    lex = lex or lexicon()
    pred = frame.predicate
    if frame.actors or frame.group == "casualty" or not is_verb(pred) or not is_passive(pred) or agents_of(pred) \
            or pred.dep_ not in ("advcl", "conj"):
        return frame
    if pred.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in ("while", "as") for c in pred.children):
        return frame
    if any(c.dep_ in ("prep", "npadvmod") for c in pred.children):
        return frame  # a place or a day of its own: another scene
    for o in others:
        if o is not frame and o.actors and (pred.head.i == o.predicate.i or pred.head.i in o.members):
            frame.actors = list(o.actors)
            break
    return frame


def reread_regional_acronyms(frame: Frame, lex: Lexicon | None = None) -> Frame:
    """Once the frame is placed: an acronym that names different actors in different wars ("SNA" in Somalia is
    no Syrian National Army) keeps the table's reading only in that actor's home theater, else stays as written."""
    lex = lex or lexicon()
    table = actor_table()

    def reread(n: Name) -> Name:
        home = table.home_theater(n.canonical) if n.known else ""
        if n.surface.lower() in lex.words["regional_acronyms"] and home and frame.theater and home != frame.theater:
            return Name(n.surface, n.surface, n.kind, (), False, n.start, n.end)
        return n

    frame.actors = [reread(a) for a in frame.actors]
    frame.target = reread(frame.target) if frame.target is not None else None
    return frame

