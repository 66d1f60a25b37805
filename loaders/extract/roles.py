"""Agent and target of a trigger: clause subjects, coordination, passives, reported speech, frames
("in a phone call"), "between X and Y"."""
from __future__ import annotations

import re

from loaders.actors import actor_table, fold
from loaders.sentences import Sentence

from .mentions import Mention
from .rules import TARGET_PREPOSITIONS, VOICED_TYPES, Rules, rules
from .text import (
    _ADJACENT,
    _CLAUSE_END,
    _CLAUSE_JOIN,
    _COORDINATED,
    _IN_FRAME,
    _LIST_GAP,
    _PASSIVE_BY,
    _QUOTED_PHRASE,
    _inside,
    _parentheticals,
    _prev_word_skipping,
    _words_before,
)
from .triggers import Trigger


# --- agent and target ----------------------------------------------------------------------------------
def _is_passive(text: str, trig: Trigger, r: Rules) -> bool:
    before = _words_before(text, trig.start, 3)
    return any(w in r.passive_aux for w in before[-2:]) and not trig.text.split()[0].endswith("ing")


def _is_complement(text: str, t: Trigger, r: Rules) -> bool:
    """"accused Iran of firing", "blamed X for attacking": a gerund governed by another verb, whose own subject
    is the object of that verb; a later coordinated verb ("... and struck") shares the governing verb's subject."""
    before = [w.lower() for w in _words_before(text, t.start, 4)]
    if t.weak and any(a in r.complement_lead and b.endswith("ing") for a, b in zip(before, before[1:], strict=False)):
        return True  # the weapon noun of a complement ("of firing more missiles") is nobody's verb
    return t.text.split()[0].endswith("ing") and bool(before) and before[-1] in r.complement_lead


def _reported_complement(t: Trigger, triggers: list[Trigger], text: str, r: Rules) -> bool:
    """"Israel accused Hezbollah of attacking its troops": the accused action is the content of the
    accusation, not a happening the article reports (the gold convention labels the accusation only)."""
    if t.reporting or not t.text.split()[0].endswith("ing") or not _is_complement(text, t, r):
        return False
    return any(x.reporting and x.end <= t.start and t.start - x.end < 40
               and fold(x.text).lower() in r.position_verbs for x in triggers)


def _shared_subject(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                    triggers: list[Trigger], depth: int) -> Mention | None:
    """Agent of the verb this trigger is coordinated with, when no new subject stands between them."""
    if trig.quoted or depth > 3:
        return None
    earlier = [t for t in triggers if sent.start <= t.start and t.end <= trig.start and not t.quoted
               and not t.anaphoric and not _is_complement(text, t, rules())]
    if not earlier:
        return None
    prev = earlier[-1]
    gap = _QUOTED_PHRASE.sub("Q", text[prev.end:trig.start])  # "called it \"a war\" and asked": a quoted phrase
    participle = trig.text.split()[0].endswith("ing")
    if "," in gap and not participle:
        return None
    if not _COORDINATED.fullmatch(gap):
        return None
    if any(prev.end <= m.start and m.end <= trig.start and not m.oblique and not m.possessive
           and _ADJACENT.fullmatch(text[m.end:trig.start]) for m in mentions):
        return None  # "... and Israel freed": a new subject
    agent, _, _ = _agent_and_target(text, sent, prev, mentions, triggers, depth + 1)
    return agent


def _framed_by(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention], triggers: list[Trigger],
               depth: int) -> tuple[Mention | None, Mention | None, list[Mention]] | None:
    """"Biden told Netanyahu in a phone call": a noun framed by "in a" is the manner of the verb before it; its
    agent is that verb's subject and the verb's object is the other party."""
    if depth > 2 or trig.reporting or not _IN_FRAME.search(text, max(sent.start, trig.start - 40), trig.start):
        return None
    prev = [t for t in triggers if sent.start <= t.start and t.end <= trig.start and not t.quoted]
    if not prev or _CLAUSE_END.search(text, prev[-1].end, trig.start):
        return None
    agent, target, coactors = _agent_and_target(text, sent, prev[-1], mentions, triggers, depth + 1)
    if agent is None:
        return None
    between = [m for m in mentions if prev[-1].end <= m.start and m.end <= trig.start and not m.locative
               and m.canonical != agent.canonical]
    return agent, (between[0] if between else target), coactors


def _subordinate_start(text: str, lo: int, hi: int, r: Rules) -> int:
    """Start of the subordinate clause ("when a drone struck") that holds position `hi`, if it opens after
    `lo` and no comma closes it before `hi`; -1 when `hi` is in the same clause as `lo`."""
    last = -1
    for m in r.subordinator_regex.finditer(text, lo, hi):
        last = m.end()
    return last


def _agent_and_target(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                      triggers: list[Trigger], depth: int = 0
                      ) -> tuple[Mention | None, Mention | None, list[Mention]]:
    r = rules()
    parens = _parentheticals(text[sent.start:sent.end])
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end
              and m.kind != "media" and not m.locative
              and (not _inside(m.start - sent.start, parens) or _inside(trig.start - sent.start, parens))]
    framed = _framed_by(text, sent, trig, mentions, triggers, depth)
    if framed is not None:
        return framed
    shared = _shared_subject(text, sent, trig, mentions, triggers, depth)
    if shared is not None and not _is_passive(text, trig, r):
        target = next((m for m in inside if m.start >= trig.end and m.canonical != shared.canonical
                       and m.start - trig.end < 40), None)
        return shared, target, []
    left = [m for m in inside if m.end <= trig.start]
    right = [m for m in inside if m.start >= trig.end]
    # a reporting verb between a name and the trigger makes that name the reporter, not the agent
    reporting_ends = [t.end for t in triggers if t.reporting and sent.start <= t.start < trig.start
                      and t is not trig]
    if reporting_ends and not trig.reporting:
        # "X said 73 strikes had killed ...": the reporter is not the agent; nobody named may be
        left = [m for m in left if m.start >= max(reporting_ends)]
        rep = next(t for t in triggers if t.reporting and t.end == max(reporting_ends))
        claimed = fold(rep.text).lower() in r.claim_verbs and trig.start - rep.end < 60 \
            and r.claim_gap.fullmatch(text, rep.end, trig.start) is not None
        if depth == 0 and (claimed or r.self_report.fullmatch(text, max(reporting_ends), trig.start)):
            # "the military said it had hit ...", "the group claimed drone attacks": the speaker's own action
            speaker, _, _ = _agent_and_target(text, sent, rep, mentions, triggers, depth + 1)
            if speaker is not None:
                target = next((m for m in right if m.canonical != speaker.canonical
                               and m.start - trig.end < 40), None)
                return speaker, target, []
    if not trig.reporting and left:
        cut = _subordinate_start(text, left[-1].end, trig.start, r)
        if cut >= 0:
            left = [m for m in left if m.start >= cut]  # "... killed when a drone struck a US base"
    agent = target = None
    if _is_passive(text, trig, r):
        by_agent = [m for m in right if text[trig.end:m.start].strip().startswith("by")
                    and m.start - trig.end < 40]
        agent = by_agent[0] if by_agent else None
        subj = [m for m in left if not m.oblique]
        target = subj[-1] if subj else None
        return agent, target, []
    if trig.reporting:
        prev = text[max(sent.start, trig.start - 3):trig.start]
        closes_parenthetical = any(text[sent.start + e:trig.start].strip() == "" for _, e in parens)
        if ("," in prev or '"' in prev or "”" in prev) and not trig.text.endswith("ing") \
                and not closes_parenthetical:
            # inverted attribution ("..., said the Pentagon"): the speaker follows, or nobody we know
            if right and right[0].start - trig.end <= 6:
                return right[0], None, []
            return None, None, []
    subjects = [m for m in left if not m.oblique]
    # "struck 1,600 Hezbollah targets ... and urged": a name describing a target is never the subject
    subjects = [m for m in subjects if not r.object_nouns.match(text, m.end)]
    named = [m for m in subjects if not m.possessive]
    adjacent = [m for m in left if _ADJACENT.fullmatch(text[m.end:trig.start])]
    if named and not adjacent and not trig.reporting and _PASSIVE_BY.search(text, named[-1].end, trig.start):
        # "They were targeted by dozens of rocket attacks": the subject suffered the attacks named after "by"
        return None, named[-1], []
    noun = not trig.text.split()[-1].endswith(("ed", "ing")) and not trig.reporting
    by_noun = [m for m in right if _BY_AGENT.fullmatch(text, trig.end, m.start)
               or (trig.event_type in VOICED_TYPES and _FROM_AGENT.fullmatch(text, trig.end, m.start))] \
        if noun else []  # "warnings from the Israeli military": a voiced noun's speaker follows "from"
    if by_noun and not adjacent:
        # "weeks of attacks by the Iran-aligned group on ships": the agent of an action noun follows "by"
        return by_noun[0], next((m for m in right if m is not by_noun[0] and m.start > by_noun[0].end
                                 and m.start - by_noun[0].end < 30), None), []
    if adjacent and not trig.reporting:
        # "a US drone strike", "Israel's strikes": the name right before an action noun is its agent
        agent = adjacent[-1]
        if agent.oblique and trig.text.split()[0].endswith("ed") and _OF_BEFORE.search(text, max(0, agent.start - 10), agent.start):
            agent = None  # "supporters of the PMF burned flags": the name after "of" only says whose supporters
        elif agent.oblique:  # "... were killed by a US drone strike": the subject is the target
            patients = [m for m in named if m.canonical != agent.canonical]
            return agent, (patients[-1] if patients else None), []
    elif named:
        agent = named[-1]
        join = _CLAUSE_JOIN.search(text, agent.end, trig.start) if trig.reporting else None
        if join is not None and text[join.end():trig.start].strip():
            return None, None, []  # "Israeli troops pushed in, and residents said ...": the speaker is unnamed
    elif subjects:
        agent = subjects[-1]
    elif not trig.reporting and (origin := [m for m in mentions if sent.start <= m.start and m.end <= trig.start
                                            and m.kind == "state"
                                            and r.origin_regex.search(text, max(0, m.start - 30), m.start)]):
        agent = origin[-1]  # "Long-range B-1 bombers flown from the United States dropped ...": their state acts
    elif right and not right[0].oblique and right[0].start - trig.end <= 6 and trig.reporting \
            and not right[0].pronoun:  # "Maersk said it would ...": "it" is the unnamed speaker itself
        agent = right[0]
    coactors: list[Mention] = []
    if agent is not None and agent in left:
        i = left.index(agent)
        while i > 0 and _LIST_GAP.fullmatch(text[left[i - 1].end:left[i].start]) \
                and not left[i - 1].oblique and not left[i - 1].possessive:
            coactors.insert(0, left[i - 1])
            i -= 1
    for m in right:
        gap = text[trig.end:m.start]
        if agent is not None and m.canonical == agent.canonical:
            if not (adjacent and agent is adjacent[-1]) and len(gap) <= 30 and not trig.reporting \
                    and r.category[trig.event_type] in r.violent_categories \
                    and _prev_word_skipping(text, m.start, r.determiners)[0] in _ATTACKED_PREPOSITIONS:
                return None, m, []  # "US officials count 40 attacks on American forces": nobody attacks itself
            continue
        if agent is not None and agent.kind == "person" and m.canonical in actor_table().affiliations(agent.canonical):
            continue  # "spokesman Kanaani said Tehran would punish Israel": the speaker's own side is no target
        if len(gap) > 60 or ";" in gap or _CLAUSE_JOIN.search(gap) or (trig.reporting and len(gap.split()) > 1):
            break
        if any(t.reporting and trig.end <= t.start < m.start for t in triggers):
            break
        if trig.reporting and m.possessive:
            break
        if m.is_place and m.kind != "state" and \
                _prev_word_skipping(text, m.start, rules().determiners)[0] not in TARGET_PREPOSITIONS:
            continue
        if "," in gap and any(t.reporting and m.end <= t.start <= m.end + 4 for t in triggers):
            break  # "..., the Israeli military said": the speaker of an inverted attribution, not the target
        target = m
        break
    return agent, target, coactors


_ATTACKED_PREPOSITIONS = frozenset({"on", "against", "at", "targeting"})


_FROM_AGENT = re.compile(r"\s+from\s+(?:the\s+)?")
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}")


_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


def _between_pair(text: str, sent: Sentence, mentions: list[Mention]) -> tuple[Mention, Mention] | None:
    """"A ceasefire between Israel and Hezbollah": the first-named party acts, the second is the target."""
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end and m.kind != "media"]
    for a, b in zip(inside, inside[1:], strict=False):
        if _BETWEEN.search(text, max(sent.start, a.start - 14), a.start) and \
                re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.end:b.start]):
            return a, b
    return None


def _speaker_before(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                    triggers: list[Trigger]) -> Mention | None:
    """Who voices the clause this trigger sits in: the agent of the nearest unquoted reporting verb before it."""
    reps = [t for t in triggers if t.reporting and not t.quoted and sent.start <= t.start and t.end <= trig.start]
    if not reps:
        # "Israeli strikes would continue, Netanyahu said": an inverted attribution closing the sentence
        after = [t for t in triggers if t.reporting and not t.quoted and trig.end <= t.start < sent.end]
        if not after or "," not in text[trig.end:after[0].start]:
            return None
        reps = after[:1]
    speaker, _, _ = _agent_and_target(text, sent, reps[-1], mentions, triggers)
    return speaker
