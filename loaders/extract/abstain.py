"""Stage 7: is it a happening at all? Abstain rather than guess.

A frame is dropped (its `drop` says why) when the text does not report it as having happened: negated
("did not strike", "no attacks"), hedged ("may strike", "could escalate"), still to come ("plans to invade",
"threatened to strike", "if Iran attacks"), habitual ("routinely strikes"), a question, a total over a span
("160 attacks since October"), a possibility ("the threat of attacks", "part of a string of attacks"), a
happening told again or talked about ("condemned the attack", "the strikes are part of ...", "after the
strikes") or background with no date of its own ("after Israel killed ..."). A violent action its named
subject announces with "will"/"would" is that subject's Threat/warning. A statement is kept only when it is
the news itself (an announcement or declaration that reports no other happening), and meetings, deals,
statements and threats need someone to have acted.

EXAMPLE:
    >>> abstain(frame, ctx).drop    # "Israel did not strike Iran" -> 'negated'
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .frame import Frame
from .lexicon import Lexicon, lexicon
from .syntax import (
    children,
    has_determiner,
    is_definite,
    is_infinitive,
    is_passive,
    is_verb,
    path_up,
    verb_subjects,
)
from .when import on_one_day

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUESTION_END = ("?", "?\"", "?”")


def _negated(frame: Frame, lex: Lexicon) -> bool:
    for anc in list(path_up(frame.predicate))[:4]:
        if not is_verb(anc) and has_determiner(anc, ("no", "neither")):
            return True  # "nothing shows that civilians died in it"
    own = set(frame.lemma.split())  # "will not hesitate to respond": the negation is the trigger's own
    for t in {frame.trigger.i, frame.predicate.i}:
        tok = frame.doc[t]
        if any((c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in lex.words["negators"]))
               and c.lower_ not in own for c in tok.children):
            return True
        subj = children(tok, "nsubj", "nsubjpass")
        if subj and subj[0].lower_ in lex.words["negative_subjects"]:
            return True
        if subj and has_determiner(subj[0], ("no", "neither")):
            return True
    return False


def _modals(v: Token, lex: Lexicon) -> tuple[bool, bool]:
    """(hedged, announced) by the auxiliaries of `v` or of the verbs it is coordinated with."""
    cur = v
    for _ in range(4):
        aux = [c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a in lex.words["hedge_modals"] for a in aux) or any(
                c.dep_ == "advmod" and c.lower_ in lex.words["hedge_adverbs"] for c in cur.children):
            return True, False  # "could strike", "were likely targeting"
        if any(a in lex.words["threat_modals"] for a in aux):
            return False, True
        if cur.dep_ in ("conj", "xcomp", "pcomp", "prep") and (is_verb(cur.head) or cur.head.dep_ == "prep"):
            cur = cur.head  # "will continue to attack", "will not hesitate in attacking"
            continue
        break
    return False, False


def _told_as_past(verb: Token, lex: Lexicon) -> bool:
    """"tried", "were attempting", "have tried": the verb tells something that already happened."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return (verb.tag_ == "VBD" and not aux) or bool(aux & lex.words["past_auxiliaries"])


def _irrealis(frame: Frame, lex: Lexicon) -> bool:
    """Under a verb of intention, threat, failure or prevention, a condition, or a noun of possibility."""
    pred = frame.predicate
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in pred.children):
        return True
    if is_infinitive(pred) and any(c.dep_ == "mark" and c.lower_ == "for" for c in pred.children):
        return True  # "plans were being made for Netanyahu to travel to Washington": not yet
    if any(is_verb(a) and lex.lemma(a.lower_, "V") in lex.words["belief_verbs"] for a in pred.ancestors):
        return True  # "Tehran believes that the US will not hesitate in attacking Iraq": a belief
    if pred.dep_ in ("advcl", "acl") and is_infinitive(pred) and (is_verb(pred.head) or lex.has_trigger(
            pred.head.text)) and not any(c.dep_ == "advmod" and c.lower_ == "only" for c in pred.children):
        return True  # what a happening was for ("launched an offensive to retake Khartoum"), not what it did (but
        # "attacked the base, only to be repelled" tells what happened)
    if pred.dep_ in ("xcomp", "acl", "advcl") and is_infinitive(pred) and is_infinitive(pred.head) \
            and lex.lemma(pred.head.lower_, "V") not in lex.words["realis_control_verbs"]:
        return True  # a purpose of a purpose ("to degrade their ability ... to conduct attacks")
    cur = pred
    for _ in range(3):
        if cur.dep_ in ("xcomp", "ccomp", "acomp", "pcomp", "advcl", "conj") and cur.head.i != cur.i:
            head = cur.head
            lemma = lex.lemma(head.lower_, "V") if is_verb(head) else head.lower_
            if lemma in lex.words["denial_verbs"]:
                return True
            if cur.dep_ in ("xcomp", "pcomp") or (cur.dep_ == "ccomp" and lemma in lex.words["irrealis_verbs"]
                                                  and lemma not in lex.words["reporting_verbs"]):
                if lemma in lex.words["realis_control_verbs"]:  # "kept firing" happened ...
                    above = head.head  # ... "were likely to keep firing", "vowed to keep fighting" have not
                    controlled = head.dep_ == "xcomp" or (head.dep_ == "advcl" and is_infinitive(head))
                    hedged = above.tag_ == "JJ" and above.lower_ in lex.words["hedge_adjectives"]
                    intended = is_verb(above) and lex.lemma(above.lower_, "V") in lex.words["irrealis_verbs"]
                    return controlled and (hedged or intended)
                if lemma in lex.words["attempt_verbs"] and cur.dep_ == "xcomp" and lex.violent(frame.event_type) \
                        and _told_as_past(head, lex):
                    return False  # "three missiles were attempting to hit the ship": a failed attack is an attack
                if lemma in lex.words["irrealis_verbs"] or head.lower_ in lex.words["irrealis_verbs"] or (
                        cur.dep_ == "xcomp" and head.tag_ == "JJ" and head.lower_ in lex.words["hedge_adjectives"]):
                    return True  # (also "were likely to resume attacks")
            if cur.dep_ == "conj":
                cur = head
                continue
        break
    cur = frame.trigger
    for anc in list(path_up(frame.trigger))[:8]:
        if not is_verb(anc) and lex.lemma(anc.lower_, "N") in lex.words["hypothetical_nouns"] and not (
                anc.dep_ == "dobj" and anc.head.tag_ == "VBD" and lex.lemma(anc.head.lower_, "V") in ("have", "get")):
            # "the threat of attacks", "plans for a strike", "ISIS's ability to plan and conduct attacks" (but "he
            # had the chance to meet leaders": a chance taken is a meeting held)
            return True
        if is_verb(anc) and cur.dep_ in ("xcomp", "acl") and lex.lemma(anc.lower_, "V") in lex.words["irrealis_verbs"] \
                and lex.lemma(anc.lower_, "V") not in lex.words["realis_control_verbs"]:
            return True
        if cur.dep_ in ("ccomp", "advcl", "relcl", "parataxis") or anc.dep_ == "ROOT":
            break
        cur = anc
    return False


def _repeated(t: Token, lex: Lexicon) -> bool:
    """"struck back several times", "targeted more than 25 times", "on several occasions": a count of
    happenings."""
    words = [*t.children, *(p for c in t.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj")]
    return any(c.lower_ in lex.words["repetition_nouns"] and c.dep_ in ("npadvmod", "dobj", "advmod", "pobj")
               and any(g.dep_ in ("nummod", "amod", "quantmod", "advmod") for g in c.subtree if g.i != c.i)
               for c in words)


def _ongoing(frame: Frame, lex: Lexicon) -> bool:
    """"The group has been fighting for years to topple the government": a perfect progressive with no day or
    short span of its own is a state of affairs, not a happening."""
    v = frame.predicate if is_verb(frame.predicate) else frame.trigger
    if v.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in v.children):
        # "says it is fighting terrorists": a present progressive with no day or place of its own is a stance
        return not frame.own_date and not frame.location and not frame.theater
    if v.tag_ != "VBG" or not _perfect(v, lex) or not any(c.dep_ == "aux" and c.lower_ == "been" for c in v.children):
        return False
    tx = frame.timex
    return tx is None or tx.range_start is None or tx.range_end is None or (tx.range_end - tx.range_start).days > 30


def _habitual(frame: Frame, lex: Lexicon) -> bool:
    if any(_repeated(t, lex) for t in (frame.trigger, frame.predicate)) or _ongoing(frame, lex):
        return True
    return any(c.dep_ == "advmod" and c.lower_ in lex.words["habitual_adverbs"]
               for t in (frame.trigger, frame.predicate) for c in t.children)


def _perfect(v: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in lex.words["perfect_auxiliaries"] for c in v.children)


def _total(frame: Frame, lex: Lexicon, published: dt.date | None) -> bool:
    """A count over a span, not one happening: "160 attacks since October", "a total of 2,000 strikes", "the
    Houthis have fired missiles toward Israel since Oct. 19", "more than 700 people have been killed"."""
    t, pred = frame.trigger, frame.predicate
    text = frame.sentence.text.lower()
    if any(m in text for m in lex.words["total_markers"]):
        return True
    counted = any(c.dep_ == "nummod" and c.lower_ not in ("one", "1", "a") for c in t.children) or (
        t.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in ("numerous", "multiple", "countless", "dozens",
                                                                  "hundreds", "thousands") for c in t.children))
    objects = [c for v in (t, pred) for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
    counted = counted or any(g.dep_ == "nummod" and g.lower_ not in ("one", "1") and _ten_or_more(g)
                             for o in objects for g in o.children)
    if _tallied_cause(frame, lex):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in ("hundreds", "thousands"):
        return True  # "Israel has carried out hundreds of strikes in Syria": a tally, never one happening
    tx = frame.timex
    # a span ("since October", "between November and January"), not a vague single date ("in September")
    long_span = tx is not None and tx.range_start is not None and tx.range_end is not None and (
        tx.range_end - tx.range_start).days > 7 and (tx.precision == "range" or tx.type == "DURATION" or (
            tx.range_end - tx.range_start).days > 366)  # (or longer than a year: "over the past decade")
    perfect = _perfect(pred, lex) or _perfect(t, lex)
    if long_span and (counted or perfect or frame.group == "casualty"):
        return True  # over weeks or months: a tally (or its toll), however it is told
    # "more than 700 people have been killed" (not "its troops had neutralised 18 militants near Djenne": a past
    # perfect with a doer of its own tells one happening in reported speech)
    pluperfect = not any(c.dep_ == "aux" and c.lower_ in ("have", "has", "'ve") for v in (t, pred) for c in v.children)
    spans = [x for x in frame.sentence.timexes() if x.range_start and x.range_end
             and (x.range_end - x.range_start).days >= 2]  # "over the past week": a summary of the week
    told_once = pluperfect and bool(frame.actors) and not spans
    return frame.group == "casualty" and perfect and counted and not told_once


def _tallied_cause(frame: Frame, lex: Lexicon) -> bool:
    """"40 joint raids led to 9 fighters killed and 20 held": what ten or more operations
    did is a tally (grammar tally_nouns), whatever the verb that joins them."""
    for v in [frame.predicate, *list(frame.predicate.ancestors)[:3]]:
        for s in v.children:
            if s.dep_ not in ("nsubj", "nsubjpass") or not lex.noun_in("tally_nouns", s.lower_):
                continue
            if any(c.tag_ == "CD" and _ten_or_more(c) for c in s.doc[s.left_edge.i:s.i]):
                return True  # (the parse may hang the number on a participle)
    return False


def _ten_or_more(t: Token) -> bool:
    """A number written in digits, ten or more ("66", "1,000"): a count of many."""
    digits = t.text.replace(",", "")
    return digits.isdigit() and int(digits) >= 10


def _anchored_noun(frame: Frame, lex: Lexicon) -> bool:
    """Whether a nominal trigger reports a happening (subject of an action, object of a light or claim verb,
    a headline fragment) rather than naming one talked about."""
    t = frame.trigger
    if frame.predicate.i != t.i or len(frame.members) > 1:
        return True  # a light verb, a claim, a toll verb folded in: the clause reports it
    if t.dep_ == "ROOT":
        return True  # "Israeli strike on Rafah." / a timeline entry
    if t.dep_ in ("nsubj", "nsubjpass") and is_verb(t.head):
        lemma = lex.lemma(t.head.lower_, "V")
        return lemma in lex.words["happening_predicates"] and not (
            lemma in lex.words["retelling_verbs"] and is_definite(t, lex.words["definite_determiners"]))
    if t.dep_ in ("appos", "conj", "dep") and t.head.dep_ == "ROOT" and not is_verb(t.head):
        return True
    return False


def _dated_noun(frame: Frame) -> bool:
    """"the March 3 attack on the tanker Blue Dawn": a happening noun whose own date stands before it, inside
    its phrase, names one happening of its own."""
    t, timex = frame.trigger, frame.timex
    if not t.tag_.startswith("NN") or timex is None or not timex.text:
        return False
    lo = frame.offset + t.left_edge.idx
    if lo <= timex.start and timex.end <= frame.offset + t.idx:
        return True  # "the Jan. 15 attack"
    return any(c.dep_ == "prep" and c.lower_ == "on" and any(  # "Iran's attack on April 13"
        frame.offset + p.idx <= timex.start < frame.offset + p.idx + len(p.text) for p in c.children)
        for c in t.children)


def _trend(frame: Frame, lex: Lexicon) -> bool:
    """"Fighting intensified", "the violence continued": a happening noun whose verb tells how it went, with no
    date or place of its own, reports no happening an analyst can count; nor does "has stepped up attacks in the
    Tillaberi region since the coup" (more of a kind of happening, on no one day), wherever it was."""
    t = frame.trigger
    if not (t.tag_.startswith("NN") and is_verb(t.head)):
        return False
    verb = t.head
    lemma = lex.lemma(verb.lower_, "V")
    phrasal = " ".join([lemma, *(c.lower_ for c in verb.children if c.dep_ == "prt")])
    trend = lemma in lex.words["trend_predicates"] or phrasal in lex.words["trend_predicates"]
    if t.dep_ == "dobj" and t.tag_ == "NNS" and trend:
        return not (frame.own_date and on_one_day(frame.timex))
    return frame.predicate.i == t.i and len(frame.members) == 1 and t.dep_ == "nsubj" and trend \
        and not frame.own_date and not frame.location


def _statement_is_news(frame: Frame, others: list[Frame], lex: Lexicon) -> bool:
    """An announcement or declaration is news only when what it announces is no happening of its own."""
    pred = frame.predicate
    # "claimed the attack", "filmed the ambush and put out the video": a claim, or a group's own footage, is news
    claim = lex.lemma(pred.lower_, "V") in lex.words["claim_verbs"] | lex.words["publicity_verbs"]
    if pred.dep_ == "conj" and lex.lemma(pred.head.lower_, "V") in lex.words["reaction_verbs"] and not claim:
        return False  # "the mission deplored the clash and urged both sides to ...": one reaction
    content = [c for c in pred.children if c.dep_ in ("ccomp", "xcomp", "dobj", "prep", "attr", "oprd")]
    inside = [x for c in content for x in c.subtree]
    if not claim and any(x.tag_.startswith("NN") and is_definite(x, lex.words["definite_determiners"]) and (
            lex.has_trigger(x.text) or lex.lemma(x.lower_, "N") in lex.words["incident_nouns"]
            or x.lower_ in lex.words["incident_nouns"])
           for x in inside if x.dep_ in ("dobj", "nsubj", "pobj", "attr")):
        return False  # "called the blasts an act of terror": a verdict on a happening told before
    # (a participle describing a thing it names is no happening: "in a recorded message published online")
    return not any(o is not frame and o.trigger.i in {x.i for x in inside} and not o.drop and not _describes(o)
                   for o in others)


def _describes(frame: Frame) -> bool:
    """A non-violent participle describing a noun ("a message published online", "troops deployed there")."""
    t = frame.trigger
    return t.dep_ == "acl" and t.tag_ == "VBN" and frame.group == "type" and not lexicon().violent(frame.event_type)


def abstain(frame: Frame, others: list[Frame], published: dt.date | None, lex: Lexicon | None = None) -> Frame:
    """Set frame.drop when the sentence does not report the happening; turn announced violence into a threat.
    Runs after the type and date stages (it reads both); `others` are the sentence's other frames."""
    lex = lex or lexicon()
    violent = lex.violent(frame.event_type)
    text = frame.sentence.text.rstrip()
    if text.endswith(_QUESTION_END):
        frame.drop = "question"
    elif _negated(frame, lex):
        frame.drop = "negated"
    elif _habitual(frame, lex):
        frame.drop = "habitual"
    elif _irrealis(frame, lex):
        frame.drop = "not realised"
    if frame.drop:
        return frame
    verb = frame.predicate
    if not is_verb(verb) and verb.dep_ in ("nsubj", "nsubjpass") and is_verb(verb.head):
        verb = verb.head  # "operations against ISIS will continue"
    hedged, announced = _modals(verb, lex)
    if hedged:
        frame.drop = "hedged"
        return frame
    if announced:
        if violent and frame.actors:
            frame.threat = True
            frame.event_type = "Threat/warning"
        elif frame.event_type != "Threat/warning":
            frame.drop = "future"
            return frame
    pred = frame.predicate
    if pred.dep_ == "relcl" and any(a.dep_ == "relcl" for a in list(pred.ancestors)[:4]):
        frame.drop = "a description"  # "killed a man who ran cells that raided a base in May"
        return frame
    if pred.dep_ == "relcl" and pred.head.lower_ == "time" and any(
            c.dep_ == "amod" and c.lower_ in lex.words["first_time_words"] for c in pred.head.children):
        frame.drop = "told again"  # "the raid was the first time the army struck the port"
        return frame
    dated = frame.own_date and _dated_noun(frame)
    if frame.trigger.tag_.startswith("NN") and not _anchored_noun(frame, lex) and not dated:
        # (a happening named with a date of its own stays: "after the March 3 attack on the tanker X", "Iran's
        # attack on April 13")
        frame.drop = "told again" if not frame.background else "background"
        return frame
    if _trend(frame, lex):
        frame.drop = "a trend, no happening"  # "as fighting intensified around the city"
        return frame
    if frame.trigger.tag_.startswith("NN") and frame.predicate.i == frame.trigger.i and len(frame.members) == 1 \
            and is_definite(frame.trigger, lex.words["definite_determiners"]) and not frame.actors \
            and frame.date_basis in ("narrative", "publication") and not frame.claimed \
            and lex.lemma(frame.trigger.head.lower_, "V") not in lex.words["occurrence_predicates"]:
        # ("The attack happened in Bannu district": the links stage completes the happening told before with it)
        frame.drop = "told again"  # "these attacks are impacting trade": the attacks told before
        return frame
    if frame.background and not frame.own_date:
        frame.drop = "background without a date"
        return frame
    if _total(frame, lex, published):
        frame.drop = "total"
        return frame
    if published is not None and frame.timex is not None and frame.timex.range_start is not None \
            and frame.timex.range_start > published and not frame.threat and frame.event_type != "Threat/warning":
        frame.drop = "future date"
        return frame
    if frame.event_type == "Statement" and _describes(frame):
        frame.drop = "a description"
        return frame
    if frame.event_type == "Statement" and not frame.claimed and not _statement_is_news(frame, others, lex):
        frame.drop = "reports another happening"
        return frame
    if not violent and not frame.actors and frame.event_type not in ("Protest",) and not frame.organized:
        frame.drop = "nobody acted"
        return frame
    # "five soldiers were killed": a toll with no doer, and "more than 70 soldiers and over 40 civilians were
    # killed, according to Israeli figures" with no place or day of its own either, is no happening
    bare = frame.event_type == "Armed clash" or (not frame.location and frame.date_basis in ("publication",
                                                                                              "narrative"))
    if violent and frame.group == "casualty" and not frame.actors and bare and not _unnamed_agent(frame, lex):
        frame.drop = "a toll with no happening named"
    return frame


def _unnamed_agent(frame: Frame, lex: Lexicon) -> bool:
    """Whether someone unnamed did the killing ("unidentified gunmen killed a chief", "killed by militants"):
    a happening with its actor left empty, not a bare toll ("five soldiers were killed")."""
    pred = frame.predicate
    doers = [c for c in pred.children if c.dep_ == "nsubj"]
    if not doers and pred.dep_ == "conj" and not is_passive(pred):
        doers = verb_subjects(pred)  # "a missile damaged a substation and injured two workers": shared
    doers += [p for c in pred.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return any((lex.lemma(d.lower_, "N") in lex.words["agent_heads"] or d.lower_ in lex.words["agent_heads"])
               and not is_definite(d, lex.words["definite_determiners"])
               for d in doers)  # "the gunmen killed": the attack told before
