"""Stage 3a: the trigger words of a parsed sentence, folded into one frame per happening.

A trigger form found by the prefilter counts only where the parse agrees: a verb sense needs a verb, a noun
sense a noun that is not itself a modifier ("strike group", "air raid sirens"), and words whose sense needs an
object get it ("fired" only with missiles, shots or "at"). Then one happening per sentence and clause:
"carried out strikes" (a light verb and its noun), "struck the town, killing 12" (an attack and its toll),
"an Israeli strike killed five" (a noun subject of an attack verb), "claimed responsibility for the attack"
(a claim and the attack it names) are one frame each, whose predicate is the clause's verb.

EXAMPLE:
    >>> [ (f.trigger.text, f.predicate.text) for f in find_frames(sentence) ]   # "The US carried out
    [('strikes', 'carried')]                                                   #  strikes, killing 3."
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from loaders.actors import actor_table
from loaders.places import gazetteer

from .frame import Frame, Sentence
from .lexicon import Lexicon, TriggerSense, lexicon
from .parse import entities
from .syntax import (
    children,
    compound_start,
    conjuncts,
    is_definite,
    is_proper,
    is_verb,
    is_where_clause,
    prep_objects,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

_PRIORITY = {"type": 0, "attack": 1, "casualty": 2}


@dataclass
class Hit:
    token: Token
    sense: TriggerSense




def _object_words(t: Token, lex: Lexicon, dates: list[tuple[int, int]] = ()) -> set[str]:
    """What a trigger's object slots hold (their head words and lemmas, "a barrage of rockets" -> rocket),
    the prepositions it governs, "to" + the verb of a clause saying what it was done for ("to celebrate",
    "celebrating"), and the markers ~person / ~place / ~target for named objects."""
    out: set[str] = set()
    slots = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass", "attr", "dative", "oprd")]
    if t.dep_ == "acl":
        slots.append(t.head)  # "missiles fired at Israel": the missiles are what was fired
    if t.dep_ == "pobj" and t.tag_.startswith("NN"):
        out.add(f"{t.head.lower_} *")  # "came under fire": the noun as the object of its preposition
    for c in t.children:
        if c.dep_ in ("xcomp", "advcl") and c.tag_.startswith("VB"):
            out.add(f"to {lex.lemma(c.lower_, 'V')}")  # what it was done for: "took to the streets to celebrate"
        if c.dep_ in ("prep", "agent", "prt", "advmod"):
            out.add(c.lower_)
            if c.lower_ in lex.words["need_preps"]:
                slots.extend(p for p in c.children if p.dep_ == "pobj")
    for s in [x for slot in slots for x in conjuncts(slot)]:
        if _in_date(s, dates):
            continue  # "spoke on Sunday": a date, not an object
        heads = [s, *[p for _, p in prep_objects(s, {"of"})]]
        if s.tag_ == "CD":  # "30 of the 40 drones"
            heads += [p for _, p in prep_objects(s, {"of"})]
        for w in heads:
            out |= {w.lower_, lex.lemma(w.lower_, "N")}
            if w.i > 0:
                out.add(f"{w.doc[w.i - 1].lower_} {w.lower_}")  # "cruise missile", "uncrewed aerial vehicle"
        if is_proper(s):
            chunk = s.doc[compound_start(s):s.i + 1].text
            if gazetteer().lookup(chunk) is not None and actor_table().lookup(chunk) is None:
                out |= {"~target", "~place"}  # "captured Hama": a town, not a person
            elif compound_start(s) == s.i and actor_table().lookup(chunk) is None and not any(
                    e.label_ == "PERSON" and e.start <= s.i < e.end for e in entities(s.doc).ents):
                out |= {"~target", "~place"}  # "captured Ocheretyne": one unknown word no model calls a person
            else:
                out |= {"~person", "~target", "~place"}
        if lex.lemma(s.lower_, "N") in lex.words["target_nouns"] or s.lower_ in lex.words["target_nouns"]:
            out.add("~target")
        if lex.lemma(s.lower_, "N") in lex.words["ground_nouns"] or s.lower_ in lex.words["ground_nouns"]:
            out.add("~ground")
    return out


def _needs_met(t: Token, sense: TriggerSense, lex: Lexicon, dates: list[tuple[int, int]] = ()) -> bool:
    key = (sense.group if sense.group != "type" else sense.event_type, sense.lemma)
    need = lex.needs_object.get(key)
    if need is None:
        return True
    found = _object_words(t, lex, dates)
    return not (lex.never_object[key] & found) and (not need or bool(need & found))


def find_hits(sentence: Sentence, lex: Lexicon | None = None) -> list[Hit]:
    """Triggers the parse confirms, one sense each (a type's own word before a generic attack or toll word)."""
    lex = lex or lexicon()
    doc = sentence.doc
    dates = [(t.start - sentence.start, t.end - sentence.start) for t in sentence.timexes()]
    hits: list[Hit] = []
    for h in lex.find_triggers(sentence.text):
        span = doc.char_span(h.start, h.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        if root.tag_.startswith("NN") and root.dep_ in ("compound", "amod") and root.head.i not in range(
                span.start, span.end):
            continue  # "strike group", "attack helicopters", "air raid sirens": a modifier naming a thing
        if root.tag_ in ("NNP", "NNPS") and (root.i > 0 or _in_date(root, dates)):
            continue  # "March 8", "Operation Decisive Strike": a name, not the happening
        ok = [s for s in h.senses if ((s.pos == "V" and is_verb(root)) or (s.pos == "N" and root.tag_.startswith("NN")))
              and _needs_met(root, s, lex, dates)]
        ok = [s for s in ok if not (s.pos == "N" and s.lemma in lex.words["light_only_nouns"]
                                    and _light_verb(root, lex) is None)]
        if ok:
            hits.append(Hit(root, min(ok, key=lambda s: _PRIORITY[s.group])))
    return hits


def _in_date(t: Token, dates: list[tuple[int, int]]) -> bool:
    return any(a <= t.idx < b for a, b in dates)


def _governor(t: Token) -> Token | None:
    """The word a noun trigger is an argument of: the verb it is subject or object of, the head of its
    preposition ("killed in a strike" -> killed), or the claim verb behind "responsibility for"."""
    if t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd"):
        return t.head
    if t.dep_ == "pobj":
        prep = t.head
        head = prep.head
        if prep.lower_ in lexicon().words["background_markers"]:
            return None  # "Following the trip, the secretary hosted ...": another happening, told as background
        if prep.lower_ == "of" and lexicon().lemma(head.lower_, "N") in lexicon().words["quantity_nouns"]:
            return _governor(head)  # "fired rounds of cannon fire", "a barrage of rockets hit"
        if prep.lower_ == "with" and is_verb(head) and lexicon().lemma(head.lower_, "V") in lexicon().words[
                "response_verbs"]:
            return head  # "Israel answered with artillery fire and a drone strike"
        if head.dep_ in ("dobj", "nsubjpass") and head.lower_ in lexicon().words["claim_objects"]:
            return head.head  # "claimed responsibility for the attack"
        return head
    if t.dep_ in ("conj", "appos"):
        return _governor(t.head)
    return None


def _claim_verb(t: Token, lex: Lexicon) -> Token | None:
    """The claim verb whose object is this attack noun ("X claimed the attack", "claimed responsibility for")."""
    g = _governor(t)
    if g is not None and is_verb(g) and lex.lemma(g.lower_, "V") in lex.words["claim_verbs"]:
        if t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.head.lower_ in lex.words["claim_objects"]) or (
                t.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in g.children)):
            return g  # "the assault was claimed by JNIM" too
    return None


def _light_verb(t: Token, lex: Lexicon) -> Token | None:
    """"carried out strikes", "launched an attack", "held talks", "answered with a drone strike": the verb
    that makes the noun happen."""
    if t.dep_ in ("dobj", "nsubjpass") and is_verb(t.head) and lex.lemma(t.head.lower_, "V") in lex.words["light_verbs"]:
        return t.head
    if t.dep_ == "pobj" and t.head.lower_ == "with" and is_verb(t.head.head) and lex.lemma(
            t.head.head.lower_, "V") in lex.words["response_verbs"]:
        return t.head.head
    if t.dep_ == "pobj" and t.head.lower_ == "of" and lex.lemma(t.head.head.lower_, "N") in lex.words["quantity_nouns"]:
        return _light_verb(t.head.head, lex)  # "launched a wave of air strikes"
    if t.dep_ == "pobj" and t.head.lower_ in ("in", "during") and is_verb(t.head.head) and lex.is_visit(t.text):
        return t.head.head  # "told Netanyahu in a phone call": the call, by the teller
    if t.dep_ == "pobj" and t.head.lower_ == "under" and is_verb(t.head.head) and lex.lemma(
            t.head.head.lower_, "V") in lex.words["under_verbs"]:
        return t.head.head  # "the convoy came under fire": the fire, suffered by the subject
    closer = t.head if t.dep_ == "dobj" else t.head.head if t.dep_ == "pobj" and t.head.lower_ in (
        "from", "after") else None
    if closer is not None and is_verb(closer) and lex.closes_visit(closer.lower_, t.text):
        return closer  # "wrapped up a visit to Niamey", "returned from a tour of Egypt": the visit, by the visitor
    if t.dep_ == "conj":
        return _light_verb(t.head, lex)
    return None


def _elaborates(tb: Token, ta: Token) -> bool:
    """Whether `tb` is an "-ing" participle telling how `ta` went ("attacked X, looting ..."), or one coordinated
    with such a participle ("..., looting food and clashing with troops")."""
    first = tb.head if tb.dep_ == "conj" and tb.head.tag_ == "VBG" and tb.head.dep_ == "advcl" else tb
    return tb.tag_ == "VBG" and first.dep_ == "advcl" and first.tag_ == "VBG" and first.head.i == ta.i


def _names_a_place(v: Token) -> bool:
    """Whether a verb names a place or group of its own ("struck Khan Younis", "fired at Israeli positions in Hula"),
    so that what a verb coordinated with it names is a second happening's (not the place both share: "looted
    shops and burned houses in Um Kadada")."""
    return any(is_proper(x) for c in v.children if c.dep_ == "dobj" or (
        c.dep_ == "prep" and c.lower_ in ("in", "near", "at", "outside", "inside", "around", "across"))
        for x in c.subtree)


def _where_clause(t: Token) -> Token | None:
    """The "where" relative clause a verb tells, itself or through a verb of chance or occasion it completes ("where
    she got to see", "where she was able to visit")."""
    cur = t
    for _ in range(3):
        if is_where_clause(cur):
            return cur
        if cur.dep_ not in ("xcomp", "acl", "dobj") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _violent_sense(h: Hit) -> bool:
    return h.sense.group in ("attack", "casualty") or lexicon().violent(h.sense.event_type)


def _linked(a: Hit, b: Hit) -> bool:
    """Whether two triggers of one sentence tell one happening (b depends on a)."""
    ta, tb = a.token, b.token
    gov = _governor(tb)
    anchor = {ta.i}
    if a.sense.pos == "N":  # "carried out strikes, killing three": the light verb stands for its noun
        light = _light_verb(ta, lexicon()) or _claim_verb(ta, lexicon())
        if light is not None:
            anchor.add(light.i)
    if a.sense.pos == "N" and b.sense.event_type == a.sense.event_type and tb.dep_ in ("advcl", "relcl") and \
            ta.dep_ == "nsubj" and ta.head.i in [x.i for x in list(tb.ancestors)[:3]] and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as") for c in tb.children):
        return True  # "the hijacking occurred on 19 November, when the Houthis seized the ship": one happening
        # (the parse may hang the "when" clause on the date)
    if b.sense.group == "attack" and tb.tag_ == "VBG" and tb.dep_ == "acl" and tb.head.dep_ in (
            "dobj", "nsubjpass") and tb.head.head.i in anchor:
        return True  # "detonated an IED targeting a convoy", "fired missiles targeting ships": the aim of the act
    if b.sense.group == "type" and b.sense.event_type == a.sense.event_type and tb.tag_ == "VBG" and \
            tb.dep_ == "acl" and tb.head.dep_ in ("pobj", "dobj") and _governor(tb.head) is not None and \
            _governor(tb.head).i in anchor:
        return True  # "clashed with Israeli forces advancing in Jabalia": the other side's part in the same fight
    where = _where_clause(tb)
    if a.sense.pos == "N" and a.sense.event_type == b.sense.event_type and where is not None and where.i != tb.i \
            and any(x.i in anchor for x in [where.head, *list(where.head.ancestors)[:2]]):
        return True  # "a tour of the Gulf where she got to see the heads of ...": the tour's
    if a.sense.pos == "N" and a.sense.event_type == b.sense.event_type and tb.dep_ == "relcl" and (
            tb.head.i == ta.i or (any(c.lower_ == "where" for c in tb.children)
                                  and any(x.i in anchor for x in [tb.head, *list(tb.head.ancestors)[:2]]))):
        # "a visit to Niamey, where he met Tiani" (the parse may hang "where" on the date): the visit told
        # again in its own relative clause
        return True
    if a.sense.pos == b.sense.pos == "N" and a.sense.group == b.sense.group == "type" and \
            a.sense.event_type == b.sense.event_type:
        la, lb = _light_verb(ta, lexicon()), _light_verb(tb, lexicon())
        if la is not None and lb is not None and lb.tag_ == "VBG" and lb.dep_ == "advcl" and lb.head.i == la.i:
            return True  # "began an invasion of Gaza, launching a ground assault on Beit Hanoun": told finer
    if is_verb(ta) and is_verb(tb) and tb.dep_ == "conj" and tb.head.i == ta.i and a.sense.event_type in \
            lexicon().organized_types and b.sense.group in ("attack", "casualty") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tb.children):
        return True  # "RSF fighters looted homes and shot residents": one raid, typed by its violence
    if is_verb(ta) and is_verb(tb) and _elaborates(tb, ta) and _violent_sense(a) and _violent_sense(b) and \
            not children(tb, "nsubj", "nsubjpass") and not any(is_proper(x) for x in tb.subtree):
        return True  # "attacked the town of Macomia, looting food supplies and clashing with troops": how it went
    if is_verb(ta) and is_verb(tb) and tb.dep_ == "conj" and tb.head.i == ta.i and _violent_sense(a) and \
            _violent_sense(b) and (a.sense.event_type == b.sense.event_type or "attack" in (
            a.sense.group, b.sense.group)) and not children(tb, "nsubj", "nsubjpass") and (
            not any(is_proper(x) for x in tb.subtree) or not _names_a_place(ta)):
        return True  # "stormed Zike village and opened fire on residents": one raid (a second named place or
        # target, or another kind of act, is a second happening: "struck Khan Younis and shelled Rafah", "stormed
        # a village and kidnapped 30 people")
    if a.sense.event_type == "Threat/warning" and b.sense.group == "attack" and tb.dep_ == "xcomp" and \
            tb.head.i == ta.i:
        return True  # "will not hesitate to strike the Houthis", "vowed to attack": one threat, of that attack
    under = tb.head.i in anchor or (gov is not None and gov.i in anchor)
    if not under or any(c.dep_ == "mark" and c.lower_ in lexicon().words["background_markers"] for c in tb.children):
        return False  # "... and after Haniyeh was killed in Tehran": another happening, told as background
    if b.sense.group == "casualty" and (tb.tag_ == "VBG" or tb.dep_ in ("conj", "xcomp")) and tb.dep_ in (
            "advcl", "conj", "xcomp", "acl", "relcl"):
        # "struck the town, killing 12" (not "... after Israel killed X"); "killed 95 and injured 284": one toll
        return a.sense.group != "casualty" or tb.dep_ == "conj"
    if a.sense.group == b.sense.group == "type" and a.sense.event_type == b.sense.event_type \
            and tb.dep_ in ("xcomp", "advcl") and is_verb(tb) and tb.head.i == ta.i:
        return True  # "flew to Nairobi to see the president": one visit told with two verbs
    if a.sense.pos == "N" and b.sense.group == "attack" and tb.tag_ == "VBG" and tb.dep_ == "acl" \
            and tb.head.i == ta.i:
        return True  # "a series of airstrikes targeting militant groups in Iraq": the strikes' own targets
    if a.sense.group == "attack" and b.sense.group == "attack" and tb.tag_ == "VBG" and tb.dep_ == "advcl":
        return True  # "struck more than 85 targets, hitting sites used by ...": one happening
    if a.sense.group == "casualty" and tb.dep_ == "advcl" and (b.sense.group == "attack" or b.sense.event_type in (
            "Air/drone strike", "Shelling/missile attack", "Remote explosive")) and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as", "after") for c in tb.children):
        return True  # "two people were killed when a drone struck their car": the toll of the strike
    if b.sense.pos == "N" and gov is not None and gov.i in anchor:
        return True  # "launched an attack", "killed in a strike", "a strike killed", "hit by strikes"
    return False


def _result_of(a: Hit, b: Hit) -> bool:
    """"struck and destroyed four missiles", "attacked and captured the village": a second verb sharing the
    first one's subject and object tells the act's result, one happening typed by the act."""
    ta, tb = a.token, b.token
    return is_verb(ta) and is_verb(tb) and tb.dep_ == "conj" and tb.head.i == ta.i \
        and "casualty" not in (a.sense.group, b.sense.group) \
        and not any(c.dep_ in ("dobj", "nsubjpass") for c in ta.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tb.children)


def _toll_of(a: Hit, b: Hit) -> bool:
    """"shelled Kfar Y, killing three, and the hamlet of Z, killing ...": a toll participle (or a
    "which killed" clause) hanging on the attack's phrase tells the attack's outcome."""
    if b.sense.group != "casualty" or a.sense.group == "casualty":
        return False
    # "the missile strike on a shopping centre in Kharkiv, which killed 16": a relative clause of the attack's
    # phrase (the parse may hang it on the last noun) tells its toll too
    which = b.token.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in b.token.children)
    if b.token.tag_ != "VBG" and not which:
        return False
    cur = b.token
    for _ in range(6 if which else 3):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i == a.token.i:
            return True
        if is_verb(cur):
            return False
    return False


def _linked_by_noun(a: Hit, b: Hit) -> bool:
    """"A shell fired by the rebels hit a school", "downed a drone launched by the militia": the participle
    describing the subject or object of an attack (or interception) verb tells the same happening."""
    tb = b.token
    return (a.sense.group in ("attack", "casualty") or a.sense.event_type == "Interception") \
        and b.sense.group == "attack" and tb.dep_ == "acl" \
        and tb.head.dep_ in ("nsubj", "nsubjpass", "dobj") and tb.head.head.i == a.token.i


def find_frames(sentence: Sentence, lex: Lexicon | None = None) -> list[Frame]:
    """One frame per happening of a parsed sentence, in text order."""
    lex = lex or lexicon()
    hits = find_hits(sentence, lex)
    parent = list(range(len(hits)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    results: set[int] = set()  # tokens telling another member's result: they never type the happening
    for i, a in enumerate(hits):
        for j, b in enumerate(hits):
            if i == j:
                continue
            result = _result_of(a, b)
            if result:
                results.add(b.token.i)
            if result or _linked(a, b) or _linked_by_noun(a, b) or _toll_of(a, b):
                parent[find(j)] = find(i)
    groups: dict[int, list[Hit]] = {}
    for i, h in enumerate(hits):
        groups.setdefault(find(i), []).append(h)
    frames = []
    for members in groups.values():
        best = min(members, key=lambda h: (h.token.i in results, _PRIORITY[h.sense.group], h.sense.pos == "V",
                                           h.token.i))
        if best.sense.group == "casualty" and best.sense.pos == "N":
            continue  # "the first US military deaths since ...": a toll told, not a happening
        if best.sense.pos == "N" and best.sense.group == "type" and best.token.dep_ == "pobj" and \
                best.token.head.lower_ in ("in", "during", "at"):
            # "arrested 12 members in raids", "blew himself up at a rally": the verb tells what happened, the
            # noun only its occasion
            setting = next((h for h in members if h.sense.group == "type" and h.sense.pos == "V"
                            and h.token.i == best.token.head.head.i), None)
            best = setting or best
        verbs = [h.token for h in members if is_verb(h.token)]
        light = _light_verb(best.token, lex) if verbs and best.sense.pos == "N" else None
        # "X conducted an airstrike, killing three": the light verb, not the toll, is the clause of the strike
        predicate = min(verbs + ([light] if light is not None else []), key=lambda v: len(list(v.ancestors))) \
            if verbs else best.token
        claimed = False
        claim_hit = next((h for h in members if h.sense.event_type == "Statement" and h.sense.group == "type"
                          and lex.lemma(h.token.lower_, "V") in lex.words["claim_verbs"]), None)
        nouns = [h for h in members if h.sense.pos == "N" and h.sense.group in ("attack", "type")]
        if claim_hit is not None and nouns and not is_definite(nouns[0].token, lex.words["definite_determiners"]):
            # "claimed responsibility for a drone attack on Eilat": the attack, by the claimant
            best, verbs, claimed = nouns[0], [], True
            predicate = claim_hit.token
            frames.append(Frame(
                sentence=sentence, trigger=best.token, predicate=predicate,
                members=tuple(sorted(h.token.i for h in members)), group=best.sense.group,
                event_type=best.sense.event_type, lemma=best.sense.lemma, claimed=True))
            continue
        if claim_hit is not None:
            best = claim_hit  # "claimed responsibility for the attack": the claim is the news
        appeal_hit = next((h for h in members if h.sense.event_type == "Statement" and h.sense.pos == "V"
                           and lex.lemma(h.token.lower_, "V") in lex.words["appeal_verbs"]), None)
        if appeal_hit is not None and claim_hit is None:
            best = appeal_hit  # "called for a ceasefire": the appeal is the news, the ceasefire has not happened
        # "claimed a drone attack that killed three": a toll told in the noun's own clause leaves it claimed
        own_clause = all(best.token in v.ancestors for v in verbs) and best.sense.pos == "N"
        if not verbs or (own_clause and _claim_verb(best.token, lex) is not None):
            claim = _claim_verb(best.token, lex)
            light = _light_verb(best.token, lex)
            if claim is not None:
                predicate, claimed = claim, True
            elif light is not None:
                # "Al-Shabaab said it carried out the attack": a speaker owning the happening told before claims it
                predicate = light
                claimed = is_definite(best.token, lex.words["definite_determiners"]) and _self_reported(light, lex)
        frames.append(Frame(
            sentence=sentence, trigger=best.token, predicate=predicate,
            members=tuple(sorted(h.token.i for h in members)), group=best.sense.group,
            event_type=best.sense.event_type, lemma=best.sense.lemma, claimed=claimed))
    return sorted(frames, key=lambda f: f.trigger.i)


def _self_reported(verb: Token, lex: Lexicon) -> bool:
    """"X said it carried out ...": the verb's subject is a pronoun for the speaker of the reporting verb above."""
    return verb.dep_ in ("ccomp", "parataxis") and is_verb(verb.head) and lex.lemma(
        verb.head.lower_, "V") in lex.words["reporting_verbs"] and any(
        c.dep_ == "nsubj" and c.lower_ in lex.words["self_report_pronouns"] for c in verb.children)


