"""Stage 8: explicit links between a sentence and a happening the article told before.

Only links the text makes itself: a claim of responsibility for "the attack" names who carried out the
attack told before, when nobody was named for it ("Militants targeted the base in Erbil ... The Islamic
Resistance in Iraq claimed responsibility for the attack"); "the attack took place on Wednesday" dates the attack
told just before; "during the visit" / "on the trip" dates and places
what happens there by that visit; "Kurilla also met ..." continues the account of Kurilla's happening told just
before; "two of the missiles hit a tanker" was done by whoever fired those missiles just before. Nothing is
taken from a neighbouring happening without such a link.

EXAMPLE:
    >>> link_claim(claim_frame, earlier)   # the earlier actorless attack now has the claimant as its actor
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.places import SPECIFICITY

from .frame import Frame
from .kinds import type_frame, weapon_type
from .lexicon import Lexicon, lexicon
from .syntax import (
    children,
    has_determiner,
    is_passive,
    is_verb,
    own_or_controller_subjects,
    scene_clauses,
    verb_subjects,
)
from .when import offset_day

if TYPE_CHECKING:
    from spacy.tokens import Token

    from loaders.models import Timex

#: how many paragraphs back an explicit link may reach
REACH = 3


def _recent(earlier: list[Frame], frame: Frame, reach: int = REACH) -> list[Frame]:
    """The happenings told before `frame` and kept, nearest first, at most `reach` paragraphs back."""
    here = frame.sentence.unit.index
    return [f for f in reversed(earlier) if not f.drop and f is not frame
            and (f.sentence.unit.index < 0) == (here < 0) and 0 <= here - f.sentence.unit.index <= reach]


def _shared_actor(a: Frame, b: Frame) -> bool:
    names = {n for x in a.actors for n in (x.canonical, *x.affiliations)}
    return any(n in names for x in b.actors for n in (x.canonical, *x.affiliations))


def link_claim(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None, beside: list[Frame] = ()) -> None:
    """A claim of responsibility for a happening told before gives that happening its actor, and the claim
    (a statement of its own, often made days later) the happening's place when it names none; the claimant's
    own account of it in the claim's sentence ("..., saying its fighters had killed dozens") adds none."""
    lex = lex or lexicon()
    if frame.event_type != "Statement" or not frame.actors or lex.lemma(frame.predicate.lower_, "V") not in \
            lex.words["claim_verbs"]:
        return
    named = [frame.doc[i] for i in frame.members if frame.doc[i].tag_.startswith("NN")]
    # "The group's affiliate claimed responsibility." with nothing after it: for the happening just told
    # ("claimed responsibility in a statement": how it was claimed, not for what)
    bare = not named and any(c.dep_ == "dobj" and c.lower_ in lex.words["claim_objects"] and not any(
        p.dep_ == "prep" and p.lower_ not in ("in", "through", "via") for p in c.children)
        for c in frame.predicate.children)
    if not named and not bare:
        return
    for f in _recent(earlier, frame, reach=2 if bare else REACH):
        if lex.violent(f.event_type):
            if bare and f.actors and not _shared_actor(f, frame):
                return  # the happening just told was someone else's: this claim is for one not told
            if not f.actors:
                f.actors = list(frame.actors)
            if not frame.location and f.location:
                frame.take_place_of(f)
            claim = {t.i for t in frame.predicate.subtree}
            for g in beside:
                if g is not frame and not g.drop and lex.violent(g.event_type) and g.trigger.i in claim \
                        and g.date_basis not in ("explicit", "relative"):
                    g.drop = "told again"
            return


def link_reference(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"The raids left at least 40 dead", "The strike also killed six others": a happening named as
    already known, with no actor, date or place of its own, is the one the article told before (its toll
    adds no new happening). A definite first mention stays."""
    lex = lex or lexicon()
    t = frame.trigger
    demonstratives = lex.words["pointing_determiners"] - {"the", "same"}
    pointing = t.tag_.startswith("NN") and has_determiner(t, demonstratives)
    # "Iran fired those missiles after ...": the weapons told before, fired in the happening told before
    pointing = pointing or (is_verb(t) and any(has_determiner(o, demonstratives) and o.lower_ in lex.weapon_of
                                               for o in children(t, "dobj")))
    if pointing and not frame.claimed and frame.date_basis not in ("explicit", "relative"):
        # "these strikes hit their targets": a demonstrative points at the happening just told
        for f in _recent(earlier, frame):
            if f.event_type == frame.event_type and (not frame.actors or not f.actors or _shared_actor(f, frame)):
                frame.drop = "told again"
                return
    if t.tag_.startswith("NN") and has_determiner(t, lex.words["pointing_determiners"]) and lex.lemma(
            frame.predicate.lower_, "V") in lex.words["authorizing_verbs"] and frame.date_basis not in (
            "explicit", "relative") and any(lex.violent(f.event_type) for f in _recent(earlier, frame)):
        frame.drop = "told again"  # "Netanyahu approved the operation": who ordered the strike just told
        return
    if frame.actors or frame.theater or frame.date_basis in ("explicit", "relative") or frame.claimed:
        return
    if not t.tag_.startswith("NN") or not any(c.dep_ in ("det", "poss") and c.lower_ in lex.words[
            "definite_determiners"] for c in t.children):
        return
    violent = lex.violent(frame.event_type)
    for f in _recent(earlier, frame):
        if (lex.violent(f.event_type)) == violent:
            frame.drop = "told again"
            return


def link_series(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"An Israeli strike on a house killed 12 ... Another strike hit a school", "Israeli airstrikes killed 12
    on Tuesday ... One strike hit a house": "another" or "one" names one more happening of the kind just told,
    by the same hand; it takes the actor of the nearest one told with the same trigger word ("strike" in
    "airstrikes" too), in its own or the previous paragraph, and is typed again with it. Its place stays its
    own, and so does its date when it has one (else the series' date: one of those strikes)."""
    lex = lex or lexicon()
    t = frame.trigger
    # "One strike hit a house ... Another killed four people": the bare word stands for one more of the last kind
    bare = is_verb(t) and any(s.lower_ in lex.words["series_determiners"] and s.tag_ in ("DT", "NN", "CD")
                              and not list(s.children) for s in children(t, "nsubj"))
    if frame.actors or not (bare or (t.tag_.startswith("NN") and any(
            c.dep_ in ("det", "nummod") and c.lower_ in lex.words["series_determiners"] for c in t.children))):
        return
    for f in _recent(earlier, frame, reach=1):
        if (bare and lex.violent(f.event_type) or f.lemma == frame.lemma or f.lemma.endswith(frame.lemma)) \
                and f.actors:
            frame.actors = list(f.actors)
            if frame.date_basis in ("publication", "narrative") and f.timex is not None:
                frame.timex, frame.date_basis = f.timex, "narrative"
            if bare:
                frame.event_type = f.event_type
            else:
                type_frame(frame, lex)
            return


def link_weapon(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Houthi militants fired six missiles ... Three of the missiles were attempting to hit a tanker": what a
    definite weapon phrase ("the missiles", "one of the drones") does was done by whoever fired those weapons,
    told just before (never for an interception: the weapons' owner is then its target)."""
    lex = lex or lexicon()
    if frame.actors or frame.event_type not in lex.projectile_types or frame.event_type == "Interception":
        return
    verb = frame.predicate
    used = None
    for s in own_or_controller_subjects(verb, "nsubj", "nsubjpass"):
        heads = [s, *(p for c in children(s, "prep") if c.lower_ == "of" for p in children(c, "pobj"))]
        for h in heads:
            wc = lex.weapon_of.get(h.lower_)
            if wc is not None and has_determiner(h, lex.words["pointing_determiners"]):
                used = wc.name
    if used is None:
        return
    for f in _recent(earlier, frame):
        fired = weapon_type(f, lex) if f.actors and f.event_type != "Interception" else None
        if fired is not None and fired[0] == used:
            frame.actors = list(f.actors)
            return


def link_detail(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"... killed 40 people in an attack on a village in Gezira. The attack on Wad Ushaib took place on
    Wednesday", "... The assault on the base in Djibo was claimed by JNIM" (or "JNIM claimed the assault"): a
    definite happening noun whose predicate only says when or where it occurred, or who claimed it, is the
    violent happening told just before; its claimant, date, target and place complete that one (a claimant
    never overrides an actor the text already named)."""
    lex = lex or lexicon()
    t, pred = frame.trigger, frame.trigger.head
    told = t.dep_ in ("nsubj", "nsubjpass") or (frame.claimed and t.dep_ == "dobj")  # "X claimed the bombing"
    if not t.tag_.startswith("NN") or not told or not lex.violent(frame.event_type) \
            or not has_determiner(t, lex.words["pointing_determiners"]):
        return
    lemma = lex.lemma(pred.lower_, "V")
    said = {lemma} | {f"{lemma} {c.lower_}" for c in pred.children if c.dep_ == "dobj"}
    occurred = not frame.actors and not frame.claimed and bool(said & lex.words["occurrence_predicates"])
    # "The strike hit the town of Finote Selam": the strike told before, placed finer (never moved from one town
    # to another: a second town is a second strike)
    # ("The strike was carried out by two F-15s against a site near X": a light verb in the passive tells it too)
    landed = not frame.actors and not frame.claimed and (pred.i in frame.members or (
        lex.lemma(pred.lower_, "V") in lex.words["light_verbs"] and any(c.dep_ == "auxpass" for c in pred.children))) \
        and frame.location != "" \
        and frame.date_basis not in ("explicit", "relative") and t.lower_ not in lex.words["series_determiners"]
    if not occurred and not landed and not (frame.claimed and frame.actors):
        return
    for f in _recent(earlier, frame, reach=1 if landed and not occurred else REACH):
        if not lex.violent(f.event_type):
            continue
        if landed and not occurred and not _coarser(f, frame):
            return
        if f.actors and frame.actors and not _shared_actor(f, frame):
            return  # a claim by another than the one named: two accounts, both kept
        f.actors = f.actors or list(frame.actors)
        if frame.timex is not None and frame.date_basis in ("explicit", "relative"):
            f.timex, f.date_basis = frame.timex, frame.date_basis
        f.target = f.target or frame.target
        if frame.location and (not f.location or f.location == f.theater or frame.theater == f.theater):
            f.take_place_of(frame)
        elif frame.location and not frame.theater and _coarser(f, frame):
            _take_finer_place(f, frame)  # "The assault on the base in Mansila began ...": a village nobody
            # resolved, finer than "northern Burkina Faso"
        frame.drop = "told again"
        return


def _coarser(f: Frame, finer: Frame) -> bool:
    """Whether `f` is placed no finer than a region of the theater `finer` is in (so `finer` may lie inside it)."""
    if not f.location:
        return True
    if (finer.theater and f.theater != finer.theater) or f.place is None:
        return False
    return SPECIFICITY.get(f.place.kind, 2) >= SPECIFICITY["province"] and (
        finer.place is None or SPECIFICITY.get(finer.place.kind, 2) < SPECIFICITY.get(f.place.kind, 2))


def place_told_again(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Gunmen killed 12 at a party in Guanajuato state ... The attack in the town of Salvatierra came days after
    ...": a happening told again, dropped as such, still says where the one told before happened, when it names a
    place finer than that one's (a town in its region; never one town for another)."""
    lex = lex or lexicon()
    t = frame.trigger
    if frame.drop != "told again" or not frame.location or not lex.violent(frame.event_type) \
            or not t.tag_.startswith("NN") or not has_determiner(t, lex.words["pointing_determiners"]):
        return
    for f in _recent(earlier, frame, reach=1):
        if not lex.violent(f.event_type):
            continue
        if _coarser(f, frame) and f.location and (not frame.actors or not f.actors or _shared_actor(f, frame)):
            _take_finer_place(f, frame)
        return


def _take_finer_place(f: Frame, finer: Frame) -> None:
    """`f` takes the finer place told again, keeping its own theater and coordinates where that place resolves
    to none (a village nobody knows lies in the region told before)."""
    theater, lat, lon = f.theater, f.latitude, f.longitude
    f.take_place_of(finer)
    f.theater = f.theater or theater
    if f.latitude is None:
        f.latitude, f.longitude = lat, lon


def link_victims(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Boko Haram killed 12 farmers in Borno ... The farmers were attacked on Saturday near ...": a passive
    happening with no agent whose subject is a definite noun repeating the victims just told is that happening
    told again; its own date and place complete the first telling (as `link_detail` does for "the attack")."""
    lex = lex or lexicon()
    pred = frame.predicate
    if frame.actors or not lex.violent(frame.event_type) or not is_passive(pred):
        return
    subjects = [c for c in pred.children if c.dep_ == "nsubjpass" and c.tag_.startswith("NN")
                and has_determiner(c, lex.words["pointing_determiners"])]
    if not subjects:
        return
    victims = lex.lemma(subjects[0].lower_, "N")
    for f in _recent(earlier, frame):
        if not lex.violent(f.event_type):
            continue
        if not any(lex.lemma(t.lower_, "N") == victims for t in f.target_tokens):
            return  # only the happening just told, not an older one with the same victims
        if frame.timex is not None and frame.date_basis in ("explicit", "relative"):
            f.timex, f.date_basis = frame.timex, frame.date_basis
        if frame.location and (not f.location or frame.theater == f.theater):
            f.take_place_of(frame)
        frame.drop = "told again"
        return


def link_attackers(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Suspected jihadists killed 30 civilians in a village in Mopti ... The gunmen arrived on motorbikes on
    Saturday evening and opened fire on residents": unnamed armed men pointed back to ("the gunmen", "the
    attackers") doing violence nowhere else are the happening just told, told in detail; its date completes
    that one. A place of their own that differs is another happening ("the gunmen then attacked Boni")."""
    lex = lex or lexicon()
    if frame.actors or not lex.violent(frame.event_type) or not is_verb(frame.predicate):
        return
    doers = [s for s in verb_subjects(frame.predicate) if s.tag_.startswith("NN")
             and has_determiner(s, lex.words["pointing_determiners"])
             and lex.noun_in("non_state_agents", s.lower_)]
    if not doers or any(t.lower_ in lex.words["sequel_words"] for t in frame.predicate.subtree):
        return  # "the gunmen then attacked a second village": a further happening
    for f in _recent(earlier, frame, reach=1):
        if not lex.violent(f.event_type):
            continue
        if f.actors or (frame.location and frame.location != f.location):
            return  # a named side's happening, or another place: not this one told again
        if frame.timex is not None and frame.date_basis in ("explicit", "relative"):
            f.timex, f.date_basis = frame.timex, frame.date_basis
        frame.drop = "told again"
        return


def _object_name(f: Frame, lex: Lexicon) -> str:
    """The name of the ship or building a happening hit ("M/V Blue Dawn", "the Friendship Hospital"), if any:
    never an actor's, which acts in many places."""
    t = f.target
    if t is None or t.known or not (t.kind == "object" or (t.kind == "" and t.canonical.split()[0].lower() in
                                                           lex.words["vessel_prefixes"])):
        return ""
    return t.canonical


def link_named_object(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Missiles were aimed at the Blue Dawn, a tanker sailing through the Gulf of Aden ... a frigate close
    to the Blue Dawn shot one down": a ship (or building) the article placed when it was
    hit places what happens by it later, when the sentence names no place of its own (the same name: an
    explicit link)."""
    lex = lex or lexicon()
    if frame.theater:
        return
    text = frame.sentence.text
    for f in _recent(earlier, frame):
        name = _object_name(f, lex)
        if f.theater and name and name in text:
            frame.take_place_of(f)
            return


def link_same_object(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"An Israeli strike on a school in Gaza City killed 90 ... The military said it had struck militants
    inside the school": a violent happening with no date of its own, by the same side (or an unnamed one), at
    "the <thing>" the happening just told hit, is that happening told again from another side."""
    lex = lex or lexicon()
    if not lex.violent(frame.event_type) or frame.date_basis in ("explicit", "relative") or frame.claimed:
        return
    pred = frame.predicate
    if _own_account(frame, earlier, lex):
        frame.drop = "told again"  # "the army said it hit arms depots": its side of the strike
        return
    pointed = {lex.lemma(t.lower_, "N") for t in pred.subtree if t.tag_ in ("NN", "NNS") and any(
        c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in t.children)}
    if not pointed:
        return
    here = frame.sentence.unit.index
    for f in _recent(earlier, frame):
        if not lex.violent(f.event_type):
            continue
        near = here - f.sentence.unit.index <= 1  # further back, only its own doer tells it again ("The ELN said
        # it had targeted the base", paragraphs after its attack on the base)
        hit = {lex.lemma(t.lower_, "N") for t in f.target_tokens if t.tag_ in ("NN", "NNS")}
        if hit & pointed and ((near and (not frame.actors or not f.actors)) or _shared_actor(f, frame)):
            f.target = f.target or frame.target
            frame.drop = "told again"
            return


def _own_account(frame: Frame, earlier: list[Frame], lex: Lexicon) -> bool:
    """"On 3 May the army bombed the port of X ... the army said it hit arms depots": a
    violent happening its own doer reports ("X said/claimed it ..."), with no place, target or date of its own,
    right after that doer's happening in the same paragraph, is that happening in the doer's words."""
    if frame.location or frame.target is not None or not frame.actors:
        return False
    report = frame.predicate.head
    if frame.predicate.dep_ not in ("ccomp", "xcomp") or not is_verb(report) or lex.lemma(report.lower_, "V") not in (
            lex.words["reporting_verbs"] | lex.words["claim_verbs"]):
        return False
    told = _recent(earlier, frame, reach=0)
    return bool(told) and lex.violent(told[0].event_type) and _shared_actor(told[0], frame)


def link_offset(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Two days before the raid, a drone fell on a house in the town": a happening with no date
    of its own, dated by its distance from "the <happening>" told before, is that far from that one's day
    (grammar offset_units, offset_numbers; a distance from a clause, "a day after Hamas stormed the fence", is
    the date stage's `_offset_date`)."""
    lex = lex or lexicon()
    if frame.date_basis not in ("publication", "narrative"):
        return
    for v in [frame.predicate, *list(frame.predicate.ancestors)[:2]]:
        # "The day before the attack" (the amount on the verb) or "Two days after the strike" (on the preposition)
        pairs = [(a, p) for a in v.children if a.dep_ == "npadvmod" for p in a.children if p.dep_ == "prep"]
        pairs += [(a, p) for p in v.children if p.dep_ == "prep" for a in p.children if a.dep_ == "npadvmod"]
        for amount, prep in pairs:
            if amount.lower_ not in lex.offset_units or not lex.offset_units[amount.lower_] or prep.lower_ not in (
                    "before", "after"):
                continue
            count = next((c for c in amount.children if c.dep_ in ("det", "nummod")), None)
            n = 1 if count is None or count.lower_ == "the" else (
                int(count.text) if count.text.isdigit() else lex.offset_numbers.get(count.lower_, 0))
            for noun in prep.children:
                if n and noun.dep_ == "pobj" and has_determiner(noun, {"the", "this", "that"}) and \
                        lex.has_trigger(noun.text):
                    _date_from(frame, earlier, noun, n * lex.offset_units[amount.lower_] * (
                        -1 if prep.lower_ == "before" else 1), lex)
                    return


def _date_from(frame: Frame, earlier: list[Frame], noun: Token, days: int, lex: Lexicon) -> None:
    """Date `frame` `days` from the day of the happening told before that `noun` names."""
    tx = day_told_before(noun, frame, earlier, lex)
    if tx is not None:
        frame.timex = offset_day(tx, days, f"{abs(days)} day(s) {'before' if days < 0 else 'after'} ({tx.text})")
        frame.date_basis = "narrative"


def day_told_before(noun: Token, frame: Frame, earlier: list[Frame], lex: Lexicon) -> Timex | None:
    """The one day of the nearest happening told before that `noun` ("the raid", "the attack") names: the same
    word, or an attack word for any violent one."""
    lemma = lex.lemma(noun.lower_, "N")
    for f in _recent(earlier, frame):
        same = f.lemma == lemma or f.lemma.endswith(lemma) or (lex.violent(f.event_type) and any(
            s.group == "attack" for h in lex.find_triggers(noun.text) for s in h.senses))
        tx = f.timex
        if same and tx is not None and tx.range_start is not None and tx.range_start == tx.range_end:
            return tx
    return None


def link_occasion(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"During the trip, the general talked with ...": the occasion told before dates and places this happening
    when the sentence gives neither."""
    lex = lex or lexicon()
    if frame.timex is not None and frame.date_basis not in ("narrative", "publication") and frame.theater:
        return
    if frame.date_basis in ("narrative", "publication") and frame.location and frame.actors:
        # "while the minister was in Doha, she unveiled ...": a stay on the trip told before, whose places
        # include that one, is dated by that trip
        for f in _recent(earlier, frame):
            places = {f.location, *(text for text, _ in f.also_at)}
            if f.event_type == "Meeting/visit" and frame.location in places and _shared_actor(f, frame) \
                    and f.timex is not None and frame.place is not None and _stayed(frame):
                frame.timex, frame.date_basis = f.timex, "narrative"
                return
    for prep in frame.predicate.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.words["occasion_preps"]:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not has_determiner(obj, lex.words["pointing_determiners"]):
                continue
            hits = lex.find_triggers(obj.text)
            types = {s.event_type for h in hits for s in h.senses if s.group == "type" and s.pos == "N"}
            for f in _recent(earlier, frame):
                if f.event_type in types:
                    if f.timex is not None and (frame.timex is None or frame.date_basis in ("narrative",
                                                                                               "publication")):
                        frame.timex, frame.date_basis = f.timex, "narrative"
                    if not frame.theater and f.theater:
                        frame.take_place_of(f)
                    return


def _stayed(frame: Frame) -> bool:
    """Whether the frame's clause is set by a "while/when ... was in" clause of its own."""
    return any(p.lower_ in ("in", "at") for c in scene_clauses(frame.predicate) for p in children(c, "prep"))


def link_continuation(frame: Frame, earlier: list[Frame], lex: Lexicon | None = None) -> None:
    """"Kurilla also met with ...", "Finally, Kurilla visited ...": a sentence with no date of its own that
    continues the account of the same actor takes the date of that actor's happening told just before, and
    its place when that happening was a visit (the actor is still there)."""
    lex = lex or lexicon()
    if not frame.actors or (frame.timex is not None and frame.date_basis not in ("narrative", "publication")):
        return
    pred = frame.predicate
    verbs = {pred, frame.trigger}
    if pred.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
        verbs.add(pred.head)  # "the fighters also looted homes and abducted women": both continue the account
    if not any(c.dep_ == "advmod" and c.lower_ in lex.words["continuation_adverbs"] for t in verbs
               for c in t.children):
        return
    who = frame.actors[0].canonical
    for f in _recent(earlier, frame):
        if not f.actors or f.actors[0].canonical != who:
            continue
        if f.timex is not None and f.date_basis not in ("publication",):
            frame.timex, frame.date_basis = f.timex, "narrative"
            if not frame.theater and f.theater and f.event_type == "Meeting/visit" and not lex.violent(
                    frame.event_type):
                frame.take_place_of(f)
        return
