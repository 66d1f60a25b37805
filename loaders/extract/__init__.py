"""Article -> mentions: one Event per sentence-level action, tied to its sentence.

How (rule- and dictionary-based; no parser model can be installed here):
  1. per paragraph (and per caption), one scan each for actor aliases, places, trigger words,
     pronouns/group nouns; sentences split with offsets;
  2. coreference: pronouns and group nouns ("he", "the factions") take the nearest fitting actor
     earlier in the paragraph (then up to N paragraphs back); names joined by titles
     ("US Defense Secretary Pete Hegseth") form one mention whose head is the last name;
  3. per sentence, the main trigger: unquoted before quoted, actions before reporting verbs
     ("said the sources" is never the event), foreground before background ("after the strikes",
     ", which shot down ..., said"), strong before weak, then the earliest; but when the sentence
     reports ("X said", "X condemned"), anaphoric nouns ("the strikes", "the war") and background
     yield to the report; a violent trigger after "will/could/threatened to" is a Threat/warning
     (not after "stop"/"halt"); "according to" only sources facts and is never an event; triggers
     are found by a first-word index (TriggerScanner), not one big alternation;
  4. agent = the subject of the trigger's clause: a verb coordinated with an earlier one ("X blamed
     Y and said", "X fired rockets, saying") shares its subject; otherwise the nearest non-oblique
     mention left of the trigger, right of any reporting verb and outside parentheticals (passive
     "were targeted by X" -> X); a threat voiced in reported speech is the speaker's; "between X and
     Y" names the parties of agreements and clashes; target = first mention after the trigger;
  5. theater/location = the most specific place named near the trigger, else the target's then
     the actor's home theater (rules/actors.csv), with that theater's centroid;
  6. date = the event's own temporal expression; else that of a coreferent mention (the latest
     dated foreground violent mention of a compatible actor within the look-back; for statements
     the same speaker's immediately preceding dated remark), date_basis "narrative"; else, for
     non-statements, the date the paragraph last set; else the publication date ("publication").

Without a publication date (article.published is None) and no absolute date in the sentence,
the event keeps date_start = date_end = None, precision "unknown" and date_basis "publication":
the pipeline normally dates the article first, and an unknown date is better than a guess.
All vocabularies live in rules/event_types.yaml, rules/coref.yaml, rules/actors.csv, rules/places.csv.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from loaders.actors import actor_table, fold
from loaders.models import Article, Event, Timex
from loaders.places import PlaceMatch, gazetteer
from loaders.sentences import split_sentences
from loaders.settings import Settings
from loaders.timex.context import since_lead

from .build import _build_event
from .continuity import (
    _actor_scene,
    _actor_weapon,
    _addressed_scene,
    _claimed_scene,
    _continue_last,
    _inherit_actor,
    _intercepted,
    _releaser,
    _remember_pairs,
    _voiced_during_visits,
)
from .mentions import Mention, _group_names, _mark_roles, _with_pronouns
from .placing import _at_sea, _at_theater, _names_place
from .roles import _reported_complement
from .rules import CAPTION_INDEX_BASE, VOICED_TYPES, rules
from .text import _TALKED_ABOUT, _TOLD_AGAIN_SUBJECT
from .timing import (
    _bare_time,
    _context_timex,
    _date_fields,
    _dates_events,
    _ends_at_context,
    _pick_timex,
    _span_to,
    _units,
    _when_point,
)
from .triggers import Trigger, _claimed_attack, _extra_triggers, _final_type, _find_triggers, _main_trigger

# re-exported for callers and tests that read the rules and helpers through the package
__all__ = ["extract_events", "rules", "Trigger", "VOICED_TYPES", "CAPTION_INDEX_BASE", "_final_type", "_find_triggers"]

def extract_events(article: Article, settings: Settings) -> list[Event]:
    """One Event per sentence that reports an action, with agent, target, place and date."""
    r = rules()
    table = actor_table()
    gaz = gazetteer()
    events: list[Event] = []
    history: list[list[Mention]] = []  # resolved mentions of earlier paragraphs (body only)
    salience: Counter[str] = Counter()  # how often each actor was named so far (pronoun tie-breaks)
    recent: dict[str, Event] = {}  # last violent event with an actor, per category (implicit agents)
    dated: list[tuple[Event, Timex]] = []  # events dated by their own or an inherited expression, in order
    weapon_of: dict[str, str] = {}  # actor -> type of its latest weapon-named attack (generic strikes)
    scenes: dict[str, Event] = {}  # actor -> its latest violent event placed by a place named in its sentence
    story: Event | None = None  # the article's latest placed happening (statements aside)
    last_sea: PlaceMatch | None = None  # the sea the article named last (violence against ships happens at sea)
    named_pairs: dict[str, tuple[Mention, Mention]] = {}
    releasers: list[str] = []  # actors that freed captives in this article, first named first  # type -> parties of "a ceasefire between X and Y"
    for unit in _units(article, settings):
        text = unit.text
        places = gaz.find(text)
        place_spans = {(p.start, p.end) for p in places}
        raw_names = table.find(text)
        names = _group_names(text, raw_names, r)
        _mark_roles(text, names, place_spans, r)
        mentions = _with_pronouns(text, names, history if unit.index >= 0 else [], r, salience)
        if unit.index >= 0:
            history.append(mentions)
            salience.update(m.canonical for m in mentions if m.kind != "media" and not m.modifier)
        triggers = _find_triggers(text, r, [(m.start, m.end) for m in raw_names])
        seas = [p for p in places if p.kind == "sea"]
        last_sea = seas[0] if seas else last_sea  # the paragraph's own sea, else the one named last before
        last_date: Timex | None = None
        for sent in split_sentences(text):
            in_sent = [t for t in triggers if sent.start <= t.start < sent.end]
            in_sent = [t for t in in_sent if not _reported_complement(t, in_sent, text, r)]
            trig = _main_trigger(in_sent)
            if trig is not None and fold(trig.text).lower() in r.attribution_only:
                trig = None  # "..., according to the UN": a source for facts, not an event
            if trig is not None and trig.event_type == "Threat/warning" and not trig.quoted \
                    and r.danger_warning_regex.match(text, trig.end):
                # "warned of a serious risk ... and called on all sides to ...": a warning about a danger is
                # the reason for the appeal, not a threat of the speaker's own
                appeal = [t for t in in_sent if t.event_type in r.danger_yields_to and not t.quoted]
                trig = appeal[0] if appeal else trig
            if trig is not None and trig.anaphoric and _TOLD_AGAIN_SUBJECT.fullmatch(text, sent.start, trig.start):
                # "The attack came hours after Hezbollah fired rockets": the fresh action is the sentence's news
                fresh = [t for t in in_sent if not t.anaphoric and not t.unrealised and not t.quoted and not t.weak
                         and not t.reporting and r.category[t.event_type] in r.violent_categories]
                if fresh:
                    trig = fresh[0]
                elif r.retelling_regex.match(text, trig.end):
                    trig = None  # "The attack came 50 years and a day after ...": a retelling that only places it
            if trig is not None and trig.anaphoric and r.category[trig.event_type] in r.violent_categories \
                    and _TALKED_ABOUT.search(text, max(sent.start, trig.start - 40), trig.start) \
                    and not any(fold(t.text).lower() in r.casualty_words for t in in_sent) \
                    and not any(t.reporting or t.event_type in VOICED_TYPES for t in in_sent):
                trig = None  # "Israel did not comment on the killing": an attack told again, talked about
            claimed = _claimed_attack(in_sent, text, r)
            claimed_again = claimed is not None and any(t.start == claimed.start and t.anaphoric for t in in_sent)
            if claimed is not None:
                # "claimed responsibility for the attack": the claim names who did it; the attack is the event
                in_sent = [claimed if t.start == claimed.start else t for t in in_sent
                           if not (t.reporting and t.end <= claimed.start and fold(t.text).lower() in r.claim_verbs)]
                trig = claimed
            if trig is not None and trig.unrealised:
                trig = None  # "has repeatedly called for", "is due to travel": no happening to record
            if trig is not None and article.published is not None and trig.event_type in r.realised_only_types:
                ahead = _pick_timex(sent, trig, unit.timexes, article.published)
                if ahead is not None and ahead.range_start is not None and ahead.range_start > article.published:
                    # "Trump said he expected talks with Iran to take place next week": not happened yet
                    in_sent = [t for t in in_sent if t is not trig]
                    trig = _main_trigger(in_sent)
            if trig is not None and trig.anaphoric and any(
                    t.unrealised and t.start < trig.start and r.category[t.event_type] in r.violent_categories
                    for t in in_sent):
                trig = None  # "no soldier had been killed in those attacks": the attacks told again, not a toll
            own = _bare_time(_pick_timex(sent, trig, unit.timexes, article.published, in_sent), dated, unit.index,
                             _final_type(trig, sent.text, r), unit.timexes, r) if trig else None
            own = _span_to(own, sent, trig, text, last_date) if trig else None
            own = _when_point(own, trig, text) if trig else None
            if own is not None and article.published is not None and own.range_start is not None \
                    and own.range_start > article.published and _final_type(trig, sent.text, r) in VOICED_TYPES:
                own = None  # "said he expected talks next week": the date of what is said, not of the saying
            if unit.index >= 0:
                _remember_pairs(text, sent, mentions, named_pairs, r)
            if trig is not None:
                placed = _names_place(sent, places, mentions)
                war_toll = bool(r.war_toll_regex.search(sent.text)) and any(
                    fold(x.text).lower() in r.casualty_words for x in in_sent)
                done: set[tuple[str, str, str, dt.date | None]] = set()
                for t in [trig] + _extra_triggers(trig, in_sent, sent.text, r, text=text, sent_start=sent.start):
                    t_own = own if t is trig else _when_point(_span_to(_bare_time(
                        _pick_timex(sent, t, unit.timexes, article.published, in_sent), dated, unit.index,
                        _final_type(t, sent.text, r), unit.timexes, r),
                        sent, t, text, last_date), t, text)
                    built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None)
                    if built is None and unit.index >= 0:
                        built = _continue_last(article, unit, sent, t, recent, t_own, r)
                    if built is None and unit.index >= 0 and not t.future and not t.quoted \
                            and fold(t.text).lower() in r.release_words and releasers:
                        freer = _releaser(text, sent, t, mentions, releasers, r)
                        if freer is not None:  # "Thirteen Israelis were handed to the Red Cross"
                            built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None,
                                                 agent_hint=freer)
                    if built is None and unit.index >= 0 and not t.future and not t.quoted:
                        hint = named_pairs.get(_final_type(t, sent.text, r))
                        if hint is not None:  # "The truce began" after "a ceasefire between Israel and Iran"
                            built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None,
                                                 pair_hint=hint)
                    for ev in (built if isinstance(built, list) else [built]):
                        ev = _inherit_actor(ev, recent, r, placed)
                        if ev is None or (war_toll and ev.event_category in r.violent_categories):
                            continue  # "610 people were killed in Israeli strikes during the war": a summary
                        ev = _intercepted(ev, t, sent.text, recent, r)
                        if claimed_again and t is trig:
                            ev = _claimed_scene(ev, events, r)
                        ev = _actor_weapon(ev, t, sent.text, weapon_of, r)
                        ev = _actor_scene(ev, placed, scenes, r)
                        ev = _addressed_scene(ev, t, text, placed, scenes, r)
                        ev = _at_sea(ev, t, text, sent, places, last_sea, r)
                        if ev.paragraph_index >= 0 and ev.event_type not in VOICED_TYPES:
                            if not ev.theater and story is not None and ev.event_category in r.violent_categories:
                                # "The offensive was launched on Nov. 27": violence nobody and nothing places
                                # happened where the article's latest placed happening did
                                ev = dataclasses.replace(ev, **_at_theater(story.theater))
                            elif ev.theater:
                                story = ev
                        foreground = t is trig and not t.background and not t.anaphoric
                        used = t_own
                        if used is None:
                            used = _context_timex(ev, dated, last_date, r)
                            if used is not None and _ends_at_context(sent, t, text):
                                used = _span_to(dataclasses.replace(used, start=t.end, end=t.end), sent, t, text,
                                                None)
                            if used is not None:
                                ev = dataclasses.replace(ev, **_date_fields(used, "narrative", article))
                        if used is not None and foreground and not (used is t_own and since_lead(text, used.start)):
                            dated.append((ev, used))  # a since-span is a toll's window: later mentions don't share it
                        if foreground and ev.actor and ev.event_category in r.violent_categories:
                            recent[ev.event_category] = recent["*"] = ev
                        if ev.actor and fold(t.text).lower() in r.release_words and unit.index >= 0 \
                                and ev.actor not in releasers:
                            releasers.append(ev.actor)
                        if ev.actor and ev.event_type in r.continuation_types and unit.index >= 0:
                            recent[ev.event_type] = ev
                        if (ev.event_type, ev.actor, ev.theater, ev.date_start) not in done:
                            done.add((ev.event_type, ev.actor, ev.theater, ev.date_start))
                            events.append(ev)
            sent_dates = [t for t in unit.timexes if sent.start <= t.start < sent.end and _dates_events(sent, t)]
            # a since-span ("killed since Saturday") is a toll's window, not a time the narrative moves to
            sent_dates = [t for t in sent_dates if not since_lead(text, t.start)]
            if sent_dates:
                last_date = own if own is not None and not since_lead(text, own.start) else sent_dates[-1]
    return _voiced_during_visits(events, r)
