"""Trigger words and what the words around them say: background, future, hedged, negated, stopped,
anaphoric; which trigger is a sentence's main happening, which others are happenings of their own, and
the final event type read in the trigger's own clause."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.actors import fold
from loaders.sentences import QuoteDepth

from .rules import VOICED_TYPES, Rules, date_links, rules
from .text import (
    _ANAPHORIC_DETERMINERS,
    _CAUSE_SUBJECT,
    _CLAUSE_END,
    _CLAUSE_JOIN,
    _IN_FRAME,
    _LEAD_SUBJECT,
    _NEW_SPEAKER,
    _NEW_SUBJECT,
    _NOUN_LIST,
    _TOLD_AGAIN_SUBJECT,
    _WORD,
    _inside,
    _parentheticals,
    _words_before,
)


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    weak: bool
    quoted: bool = False
    background: bool = False
    reporting: bool = False
    future: bool = False
    negating: bool = False
    anaphoric: bool = False  # "the strikes", "its attacks", "the war": refers back, rarely the news itself
    unrealised: bool = False  # "has repeatedly called for", "will travel to": habitual or planned, no event


@lru_cache(maxsize=8192)
def _context_flags(before: str, wider: str) -> tuple[bool, bool, bool, bool, bool]:
    """(future, background, habitual, plan, hedged) read from the three words before a trigger (background from
    five, for "in retaliation for the killing"); memoised because news repeats these short contexts ("the",
    "said it would", "after the") across articles."""
    r = rules()
    future = bool(r.future_regex.search(before)) and not r.de_escalation.search(before)
    background = bool(r.background_regex.search(before)) or bool(_LONG_BACKGROUND.search(wider)
                                                                and r.background_regex.search(wider))
    return (future, background, bool(r.habitual_regex.search(before)),
            bool(r.plan_regex.search(before)), bool(r.hedge_regex.search(before)))


#: a multi-word background marker ending in "for|of|to" + a determiner: "in retaliation for the", "in response to its"
_LONG_BACKGROUND = re.compile(r"\b(?:for|to|of)\s+(?:the|its|their|his|her|a|an)\s*$")


#: "Iran's attack", "the Houthis' attacks": a possessor right before the trigger noun
_POSSESSED = re.compile(r"\w['’]s?\s+$")


#: "12 days of", "15 months of", "the 15-month": a span of the violence between a stop word and the trigger
_SPAN_OF = re.compile(r"(?:(?:the|its|their|more|than|nearly|almost|about|over|\d+|[a-z]+)\s+){0,2}"
                      r"(?:days?|weeks?|months?|years?|nights?)\s+of", re.IGNORECASE)


def _stopped(prev: list[str], r: Rules) -> bool:
    """"it was halting attacks", "would stop targeting US vessels", "ending 12 days of fighting": the action
    named is the one stopped."""
    if any(w.lower() in r.stopped_markers for w in prev[-2:]):
        return True
    for i, w in enumerate(prev[:-1]):
        if w.lower() in r.stopped_markers and (_SPAN_OF.fullmatch(" ".join(prev[i + 1:]))
                                               or sum(x.lower() not in _STOP_LINKS for x in prev[i + 1:]) <= 1):
            return True  # "ending 12 days of fighting", "announced a halt to its attacks"
    return False


_STOP_LINKS = frozenset({"to", "of", "on", "in", "the", "its", "their", "his", "her", "all", "further", "a"})


#: "... on American ships and aircraft would not be": a modal predicate after a noun phrase, in the same clause
_MODAL_AFTER = re.compile(r"(?:\s+(?![\w'’-]*ed\b)[\w'’.-]+){0,6}\s+(?:would|will|could|must|should|cannot|won't|wouldn't)\b")


def _modal_predicate(folded: str, start: int, end: int, prev: str) -> bool:
    """"Houthi attacks on American ships would not be tolerated": a violent noun whose own predicate is a modal
    names what is threatened or feared, not something that happened."""
    head = folded[start:end].split()[-1]
    if head.endswith(("ed", "ing")) or not (prev[:1].isupper() or prev.lower() in _ANAPHORIC_DETERMINERS):
        return False
    return _MODAL_AFTER.match(folded, end) is not None


def _hedged_predicate(folded: str, start: int, end: int, prev: str, r: Rules) -> bool:
    """"More strikes may follow in the coming days": a violent noun whose predicate is a guess names no event."""
    head = folded[start:end].split()[-1]
    if head.endswith(("ed", "ing")) or not (prev[:1].isupper() or prev.lower() in _ANAPHORIC_DETERMINERS
                                           or prev.lower() in ("more", "further", "new")):
        return False
    return r.hedge_after.match(folded, end) is not None


def _negated(folded: str, start: int, r: Rules) -> bool:
    """"no US service member had been killed", "nobody was hurt": the clause denies the violence."""
    lo = max(0, start - 60)
    window = folded[lo:start].lower()
    if not any(w in window for w in r.negation_words):
        return False  # no negating word anywhere near: skip the clause split
    clause = re.split(r"[,;:]", folded[lo:start])[-1]
    words = _WORD.findall(clause)
    if any(w.lower() in r.negated_subjects for w in words[-7:]):
        return True
    last = [w.lower() for w in words[-3:]]
    if any(w in r.negators or (w.endswith("n't") and "n't" in r.negators) for w in last[-2:]):
        return True  # "it was not attacked", "Israel didn't strike"
    return any(" " in n and f" {n} " in f" {' '.join(last)} " for n in r.negators)  # "no longer fires"


def _find_triggers(text: str, r: Rules, name_spans: list[tuple[int, int]] | None = None) -> list[Trigger]:
    """Trigger words of the paragraph, with what the words around them say about each.

    Skipped: words inside an actor's name ("Popular Mobilization Forces", "armed wing") and blocked
    compounds ("carrier strike group"). Background: after a background marker or inside a parenthetical
    (", which shot down ..., said"). Anaphoric: a violent noun after a determiner ("condemned the
    strikes") or a noun naming the state of conflict ("the war") - these yield to reporting verbs."""
    folded = fold(text)
    quoted = QuoteDepth(folded) if '"' in folded else None  # curly quotes are folded to straight ones
    blocked = [m.span() for m in r.not_trigger_regex.finditer(folded)] if r.not_trigger_regex.pattern else []
    blocked += name_spans or []
    parens = _parentheticals(folded) if "," in folded else []
    out = []
    for start, end, group in r.scanner.finditer(folded):
        if blocked and any(s <= start < e or s < end <= e for s, e in blocked):
            continue
        etype, weak = r.group_type[group]
        surface = folded[start:end]
        if weak and surface.lower() in r.weapon_type and r.holdings_regex.search(folded, max(0, start - 80), start):
            continue  # "stores of rockets, missiles and drones were among the targets": weapons held, not fired
        prev5 = _words_before(folded, start, 5)
        prev3 = prev5[-3:]
        is_future, is_background, is_habitual, is_plan, hedged = _context_flags(" ".join(prev3), " ".join(prev5))
        violent = r.category[etype] in r.violent_categories
        future = violent and (is_future or (bool(prev3) and _modal_predicate(folded, start, end, prev3[-1])))
        background = is_background or _inside(start, parens)
        anaphoric = violent and (surface in r.background_nouns
                                 or bool(prev3 and prev3[-1].lower() in _ANAPHORIC_DETERMINERS))
        is_habitual = is_habitual or (etype != r.reporting_type and r.habitual_after.match(folded, end) is not None)
        unrealised = is_habitual or (etype in r.realised_only_types and (is_future or is_plan)) \
            or (violent and bool(prev3) and (_stopped(prev5, r) or _negated(folded, start, r))) \
            or (violent and (hedged or (bool(prev3) and _hedged_predicate(folded, start, end, prev3[-1], r))))
        if violent and not anaphoric and _DATED_DETERMINED.search(folded, max(0, start - 30), start):
            anaphoric = True  # "the April 1 strike", "the Oct. 7 attack": a named past attack told again
        if not anaphoric and etype != r.reporting_type and _POSSESSED.search(folded, max(0, start - 4), start):
            anaphoric = True  # "condemned Iran's attack", "said Hamas's demands were delusional": told again
        if violent and r.predicate_regex.search(folded, max(0, start - 50), start):
            unrealised = True  # "It was the second US strike in the Iraqi capital": a name for a told attack
        if violent and not anaphoric and _CHARACTERIZED.search(folded, max(0, start - 40), start):
            anaphoric = True  # "condemned the strike as a blatant assassination": a name for it, not a new one
        out.append(Trigger(start, end, text[start:end], etype, weak,
                           quoted=bool(quoted and quoted[start]), background=background,
                           reporting=etype == r.reporting_type, future=future,
                           negating=surface in r.negating, anaphoric=anaphoric, unrealised=unrealised))
    return _reported_modality(out, folded, r)


#: "the April 1 strike", "the Oct. 7 attack", "the 2006 war": a determiner and a date before an attack noun
_DATED_DETERMINED = re.compile(r"\b(?:the|this|that|its|their|his|her)\s+(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
                               r"|\d{1,2}\s+[A-Z][a-z]{2,}|\d{4}|[A-Z][a-z]+day['’]s)\s+$")

#: "as a blatant assassination": a characterization after a reporting verb
_CHARACTERIZED = re.compile(r"\bas\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}$")


def _reported_modality(triggers: list[Trigger], folded: str, r: Rules) -> list[Trigger]:
    """"officials said any response may come in several waves rather than as a single strike": a modal between a
    reporting verb and a violent word (same clause, no comma) makes it a guess (hedge) or a threat (future).
    Also marks "condemned the strike as a blatant assassination" (set in _find_triggers) for the report."""
    out = []
    last_report: Trigger | None = None
    for t in triggers:
        if t.reporting and not t.quoted:
            last_report = t
        elif last_report is not None and not (t.future or t.unrealised or t.quoted) \
                and r.category[t.event_type] in r.violent_categories and t.start - last_report.end < 150:
            span = folded[last_report.end:t.start]
            if not re.search(r"[,;:.]", span):
                if r.hedge_regex.search(span):
                    t = dataclasses.replace(t, unrealised=True)
                elif r.future_regex.search(span) and not r.de_escalation.search(span):
                    t = dataclasses.replace(t, future=True)
        out.append(t)
    return out


def _main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """Unquoted before quoted, actions before reporting verbs, foreground before background, strong
    before weak, then the earliest; but a sentence that reports ("X said", "X condemned") about an
    anaphoric noun ("the strikes", "the war") is the report itself."""
    if not triggers:
        return None
    reports = any((t.reporting or t.event_type in VOICED_TYPES) and not t.quoted for t in triggers)
    r = rules()
    best = min(triggers, key=lambda t: (t.quoted, t.unrealised and r.category[t.event_type] in r.violent_categories,
                                        reports and (t.anaphoric or t.background), t.reporting,
                                        t.background, t.weak, t.anaphoric, t.start))
    if best.weak and not best.reporting:
        # "six people were killed in the strikes": the casualty verb reports the named attack
        named = [t for t in triggers if t.anaphoric and not t.weak and not t.quoted and not t.background]
        if named:
            best = named[0]
    denial = [t for t in triggers if t.negating and not t.quoted and t.start < best.start]
    return denial[0] if denial else best


def _same_action_list(t: Trigger, triggers: list[Trigger], text: str) -> bool:
    prev = [x for x in triggers if x.end <= t.start and not x.reporting]
    return bool(prev) and _NOUN_LIST.fullmatch(text, prev[-1].end, t.start) is not None \
        and not t.text.split()[0].endswith("ed")


def _self_reported(t: Trigger, triggers: list[Trigger], text: str, r: Rules) -> bool:
    """"X said it had hit ...": a past action the speaker reports as its own, right after the reporting verb."""
    if not text or t.future or t.quoted or t.reporting:
        return False
    rep = [x.end for x in triggers if x.reporting and not x.quoted and x.end <= t.start]
    return bool(rep) and r.self_report.fullmatch(text, rep[-1], t.start) is not None


def _own_clause_position(t: Trigger, text: str, sent_start: int, r: Rules, main_voiced: bool = False) -> bool:
    """"Israel accused Iran of ... and struck ...; Iran denied ...": a position-taking verb (accuse, deny,
    condemn) with its own named subject at the head of its clause is a happening of its own, even beside an
    action or another statement of the sentence."""
    if not t.reporting or t.quoted or sent_start < 0:
        return False
    if fold(t.text).lower() not in r.position_verbs:
        # beside another statement, a report whose own speaker opens a coordinated clause (", and the rebels
        # said ...") is a statement of its own; beside an attack it only sources the facts
        return main_voiced and t.start - sent_start > 20 \
            and _NEW_SPEAKER.search(text, max(sent_start, t.start - 60), t.start) is not None
    if _NEW_SUBJECT.search(text, max(sent_start, t.start - 80), t.start):
        return True
    return _LEAD_SUBJECT.fullmatch(text, sent_start, t.start) is not None


def _clause_text(text: str, t: Trigger, sent_start: int) -> str:
    """From the trigger to its sentence's end: what a second reporting verb of the sentence says."""
    end = text.find(". ", t.end)
    return text[t.start:end if end >= 0 else len(text)]


def _extra_triggers(main: Trigger, triggers: list[Trigger], sentence_text: str, r: Rules,
                    limit: int = 2, text: str = "", sent_start: int = -1) -> list[Trigger]:
    """Other happenings the sentence reports ("..., given the American strikes against the Houthis"):
    strong, unquoted, non-reporting triggers of a type the sentence has not produced yet, or of the same
    type when a new named subject does it ("Hamas released ... and Israel freed ..."); a self-reported
    action ("said it had hit ..., and warned ...") even when weak or beside a threat."""
    seen = {_final_type(main, sentence_text, r)}
    if main.negating:
        return []  # what is denied has not happened
    voiced = bool(seen & VOICED_TYPES)  # what is threatened or asked for has not happened either
    out = []
    positions = 0
    for t in triggers:
        if t is main:
            continue
        if _own_clause_position(t, text, sent_start, r, voiced):
            if positions < 2:  # not counted against the limit: each clause's speaker is its own happening
                positions += 1
                out.append(t)
            continue
        if t.reporting and not t.quoted and not main.negating and main.reporting and text \
                and _final_type(t, _clause_text(text, t, sent_start), r) not in seen | {r.reporting_type}:
            # "Trump said he had ordered action, and told Iran its support must end": a threat of its own
            seen.add(_final_type(t, _clause_text(text, t, sent_start), r))
            out.append(t)
            continue
        if t.reporting or t.unrealised or (t.quoted and not main.quoted):
            continue
        if t.anaphoric and fold(t.text).lower() in r.background_nouns:
            continue  # "after the Gaza war began": the state of war is no fresh happening beside the main one
        if text and _IN_FRAME.search(text, max(0, t.start - 40), t.start) \
                and r.category[t.event_type] in r.violent_categories \
                and r.category[main.event_type] in r.violent_categories:
            continue  # "dropped 125 munitions ... in a raid that lasted 30 minutes": the same action, framed
        if t.anaphoric and " " not in t.text and sent_start >= 0 \
                and _TOLD_AGAIN_SUBJECT.fullmatch(text, sent_start, t.start):
            continue  # "The raid had been expected since ...": the sentence's subject is an attack told before
        if text and _same_action_list(t, triggers, text):
            continue  # "answered with artillery fire and a drone strike": one action, first-named weapon
        own = _self_reported(t, triggers, text, r)
        if voiced and not t.weak and not t.future and text and _CAUSE_SUBJECT.search(text, max(0, t.start - 80),
                                                                                     t.start):
            out.append(t)  # "vowed to bar ships because Israel had stopped aid": the cause happened
            seen.add(_final_type(t, sentence_text, r))
            if len(out) - positions == limit:
                break
            continue
        named_doer = bool(text) and t.weak and not voiced and r.category[t.event_type] in r.violent_categories \
            and bool(_CAUSE_SUBJECT.search(text, max(0, t.start - 80), t.start))
        if (t.weak or voiced) and not own and not named_doer:
            continue  # kept: "... after Israel killed Hezbollah leader Hassan Nasrallah": a named doer's act
        if own and t.weak and not named_doer and fold(t.text).lower() in r.casualty_words \
                and r.category[main.event_type] in r.violent_categories and text \
                and not _CLAUSE_END.search(text, min(t.end, main.end), max(t.start, main.start)):
            continue  # "said it had killed Shukr in a strike": the killing is the strike's toll, one happening
        etype = _final_type(t, sentence_text, r)
        if etype in seen and not (text and t.start > main.start
                                  and (_NEW_SUBJECT.search(text, max(0, t.start - 80), t.start)
                                       or _in_offset_clause(text, t))):
            continue  # the same type again is the same happening, unless a new subject does it or another day
        seen.add(etype)
        out.append(t)
        if len(out) - positions == limit:
            break
    return sorted(out, key=lambda x: x.start)


_WEAPON_AND = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")


def _trigger_clause(trig: Trigger, sentence_text: str, r: Rules) -> str:
    """The part of the sentence the trigger's clause spans: "pounded Gaza with air strikes, a day after Hamas
    fighters stormed across the fence" - the air strikes are not how the storming was done."""
    at = sentence_text.find(trig.text)
    if at < 0:
        return sentence_text
    lo, hi = 0, len(sentence_text)
    opens = sorted([m.start() for m in r.clause_opener.finditer(sentence_text)]
                   + [m.start() for m in _CLAUSE_JOIN.finditer(sentence_text)])
    for pos in opens:
        if pos <= at:
            lo = pos
        elif pos >= at + len(trig.text):
            hi = pos
            break
    return sentence_text[lo:hi]


def _final_type(trig: Trigger, sentence_text: str, r: Rules) -> str:
    """The trigger's type read in its sentence (weapon words, threats); memoised per (trigger, sentence): one
    sentence asks it for each candidate trigger many times (main choice, extras, agent search)."""
    key = (trig, sentence_text)
    known = _FINAL_TYPES.get(key)
    if known is None:
        if len(_FINAL_TYPES) > 4096:
            _FINAL_TYPES.clear()
        known = _FINAL_TYPES[key] = _final_type_uncached(trig, sentence_text, r)
    return known


_FINAL_TYPES: dict[tuple[Trigger, str], str] = {}


def _final_type_uncached(trig: Trigger, sentence_text: str, r: Rules) -> str:
    if trig.future:
        return "Threat/warning"
    etype = trig.event_type
    if trig.reporting:
        # "Gantz said Israel would make Iran pay a price": a threat voiced through a statement (read in the
        # verb's own clause: "said he had ordered action, and told Iran its support must end" is two)
        said = _trigger_clause(trig, sentence_text, r)
        if (r.future_regex.search(said) and r.threat_content.search(said) or r.threat_outright.search(said)) \
                and not r.de_escalation.search(said):
            return "Threat/warning"
    if r.weapon_list is not None and etype in r.weapon_type.values() and trig.text.lower() in r.weapon_type:
        # "the barrage included 170 drones, 30 cruise missiles ...": a weapon noun inside a list of
        # weapons takes the type of the list's first-named weapon
        for m in r.weapon_list.finditer(sentence_text):
            if re.search(r"(?<![\w-])" + re.escape(trig.text) + r"(?![\w-])", m.group()):
                w = r.weapon_regex.search(m.group())
                if w is not None:
                    return r.weapon_type.get(w.group(), etype)
    if etype in r.weapon_type.values() and r.weapon_regex.match(trig.text):
        # "rocket and drone attacks": a weapon-led trigger coordinated after another weapon takes the first's type
        at = sentence_text.find(trig.text)
        for w in r.weapon_regex.finditer(sentence_text, max(0, at - 40), max(0, at)):
            if _WEAPON_AND.fullmatch(sentence_text, w.end(), at):
                return r.weapon_type.get(w.group(), etype)
    if " " in trig.text and etype in r.weapon_type.values():
        # "fired missiles and drones": a phrase spanning its weapons takes the first-named one's type
        w = r.weapon_regex.search(trig.text)
        if w is not None:
            return r.weapon_type.get(w.group(), etype)
    first: tuple[int, str] | None = None
    scope = _trigger_clause(trig, sentence_text, r)
    for when, ctx, becomes, first_named in r.refine:
        if etype != when:
            continue
        m = ctx.search(scope)
        if m is None:
            continue
        if not first_named:
            if first is None:
                return becomes
            continue
        if first is None or m.start() < first[0]:
            first = (m.start(), becomes)  # mixed weapons: the first-named decides
    return first[1] if first else etype


def _offset_link(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """The offset phrase ("five days after") whose clause holds position `pos`: it ends at most `max_clause`
    characters before `pos` with no clause boundary in between."""
    dl = date_links()
    for m in dl.offset_regex.finditer(text, lo, max(pos, lo)):
        if 0 <= pos - m.end() <= dl.max_clause and not _CLAUSE_END.search(text, m.end(), pos):
            return m
    return None


def _in_offset_clause(text: str, t: Trigger) -> bool:
    """"came five days after US bombers hit ...": the trigger's clause is anchored days away from the sentence's date."""
    return _offset_link(text, max(0, t.start - date_links().max_clause - 30), t.start) is not None


def _claimed_attack(in_sent: list[Trigger], text: str, r: Rules) -> Trigger | None:
    """The violent trigger a claim verb governs ("claimed responsibility for the missile strike"), if any."""
    for i, t in enumerate(in_sent):
        if t.reporting and not t.quoted and fold(t.text).lower() in r.claim_verbs:
            for nxt in in_sent[i + 1:]:
                if r.category[nxt.event_type] in r.violent_categories and not nxt.quoted and not nxt.unrealised \
                        and nxt.start - t.end < 60 and r.claim_gap.fullmatch(text, t.end, nxt.start):
                    return dataclasses.replace(nxt, anaphoric=False, background=False)
    return None
