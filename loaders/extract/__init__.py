"""Article -> events: one Event per happening a sentence reports, each tied to its sentence.

The pipeline is a list of named stages over parsed sentences (each a module with one job):

    candidates  units, date expressions, known names; sentences with a trigger word (cheap prefilter)
    parse       spaCy tagger + dependency parser on those sentences only, in batches (loaded once per process);
                frequent misparses of trigger verbs mended
    triggers    trigger words the parse confirms, folded into one frame per happening
    roles       actor(s) and target from syntax; open-world names; explicit coreference
    place       the location phrase attached to the trigger's clause (open-world, finest level)
    date        the date attached to the clause, else the paragraph's narrative date, else publication
    type        the event type from the trigger and its arguments (weapons, civilian targets)
    filter      abstain: negated, hedged, planned, habitual, totals, told again, undated background
    links       explicit links to happenings told before ("claimed responsibility for the attack")
    build       frame -> Event with provenance

Without a publication date (article.published is None) an event with no absolute date of its own keeps
date_start = date_end = None and precision "unknown": an unknown date is better than a guess.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from loaders.models import Article, Event, Timex
from loaders.places import PlaceMatch
from loaders.settings import Settings

from .abstain import abstain
from .build import build_events
from .candidates import TITLE_INDEX, is_candidate, read_units
from .frame import Frame, Sentence, Unit
from .kinds import type_frame
from .lexicon import Lexicon, lexicon
from .links import (
    day_told_before,
    link_attackers,
    link_claim,
    link_continuation,
    link_detail,
    link_named_object,
    link_occasion,
    link_offset,
    link_reference,
    link_same_object,
    link_series,
    link_victims,
    link_weapon,
    place_told_again,
)
from .names import Discourse, NameReader, learn_acronyms, remember_unparsed
from .parse import mend_misparses, parse_many
from .place import (
    place_frame,
    place_from_anaphor,
    place_from_article,
    place_from_coordinated,
    place_from_counterparts,
    place_from_speaker,
    place_from_target,
    place_is_no_target,
)
from .roles import assign_roles, reread_regional_acronyms, share_doer_of_joined_clause
from .triggers import find_frames
from .when import DateIndex, date_frame, sets_scene, title_day

__all__ = ["extract_events", "extract_many", "STAGES"]


@dataclass
class SentenceContext:
    """What the per-frame stages read besides the frame: the sentence's names and dates, the article's
    memory (discourse, the narrative date) and the frames told before."""

    article: Article
    reader: NameReader
    dates: DateIndex
    narrative: Timex | None
    frames: list[Frame]
    earlier: list[Frame]
    lex: Lexicon
    places_before: list[PlaceMatch] = ()  # places the article named before this sentence (same or previous paragraph)


def _roles(f: Frame, c: SentenceContext) -> None:
    assign_roles(f, c.reader, c.lex)
    share_doer_of_joined_clause(f, c.frames, c.lex)


def _place(f: Frame, c: SentenceContext) -> None:
    place_frame(f, c.reader, c.lex)
    place_is_no_target(f)
    place_from_coordinated(f, c.frames)
    place_from_anaphor(f, c.places_before, c.lex)
    place_from_counterparts(f, c.lex)
    reread_regional_acronyms(f, c.lex)


def _date(f: Frame, c: SentenceContext) -> None:
    date_frame(f, c.dates, c.narrative, lambda noun: day_told_before(noun, f, c.earlier, c.lex))


def _type(f: Frame, c: SentenceContext) -> None:
    type_frame(f, c.lex)


def _filter(f: Frame, c: SentenceContext) -> None:
    abstain(f, c.frames, c.article.published, c.lex)
    if not f.drop:
        link_weapon(f, c.earlier, c.lex)  # before an actorless, unplaced frame is given up
    place_from_target(f, c.lex.violent(f.event_type) or f.threat or f.event_type == "Threat/warning")
    place_from_speaker(f)
    if not f.drop and not f.actors and not f.theater and not f.location and f.target is None:
        f.drop = "nothing known but the type"  # "250 others were kidnapped": nobody, nowhere


def _links(f: Frame, c: SentenceContext) -> None:
    place_told_again(f, c.earlier, c.lex)  # (a retelling adds no happening, but may say where it was)
    if not f.drop:
        link_reference(f, c.earlier, c.lex)
    if not f.drop:
        link_claim(f, c.earlier, c.lex, c.frames)
        link_detail(f, c.earlier, c.lex)
        link_victims(f, c.earlier, c.lex)
        link_attackers(f, c.earlier, c.lex)
        link_named_object(f, c.earlier, c.lex)
    if not f.drop:
        link_same_object(f, c.earlier, c.lex)
        link_occasion(f, c.earlier, c.lex)
        link_offset(f, c.earlier, c.lex)
        link_continuation(f, c.earlier, c.lex)
        link_series(f, c.earlier, c.lex)


#: the per-frame stages, in order (candidates and parse run per article, build at the end)
STAGES: tuple[tuple[str, Callable[[Frame, SentenceContext], None]], ...] = (
    ("roles", _roles), ("place", _place), ("date", _date), ("type", _type), ("filter", _filter),
    ("links", _links),
)


def _one_per_happening(events: list[Event]) -> list[Event]:
    """One event per happening per sentence: the same type, actor and place told twice in one sentence
    ("struck ... The strikes hit") is one."""
    kept: dict[tuple[str, int, int, str, str, str], int] = {}
    out: list[Event] = []
    for e in events:
        key = (e.source, e.paragraph_index, hash(e.sentence), e.event_type, e.actor, e.location)
        if key not in kept:
            kept[key] = len(out)
            out.append(e)
        elif e.target and not out[kept[key]].target:
            out[kept[key]] = e  # "travelled to Addis Ababa, where she met X": the telling that names whom
    return out


def _places_before(sent: Sentence, sentences: list[Sentence], done: list[Frame]) -> list[PlaceMatch]:
    """Places named in the paragraph before and in the sentence's paragraph before it (for "there", "the city"),
    in text order: those the text scan found and those the happenings told there were placed at."""
    unit = sent.unit

    def named_in(u: Unit, before: int) -> list[PlaceMatch]:
        placed = [replace(f.place, start=f.offset + f.trigger.idx, end=f.offset + f.trigger.idx) for f in done
                  if f.sentence.unit is u and f.place is not None and f.place.start < 0 and f.offset < before]
        return sorted([p for p in u.places if p.end <= before] + placed, key=lambda p: p.start)

    prev = next((s.unit for s in sentences if s.unit.index == unit.index - 1), None) if unit.index > 0 else None
    return (named_in(prev, len(prev.text) + 1) if prev is not None else []) + named_in(unit, sent.start)


def _article_events(article: Article, units: list[Unit], sentences: list[Sentence]) -> list[Event]:
    lex = lexicon()
    discourse = Discourse()
    title = next((u for u in units if u.index == TITLE_INDEX), None)
    title_date = title_day(title.timexes, article.published) if title is not None else None
    narrative: dict[int, Timex] = {}
    done: list[Frame] = []
    for unit in units:
        learn_acronyms(unit.text, discourse)
    for sent in sentences:
        if sent.unit.index == TITLE_INDEX:
            continue
        if sent.doc is None:
            remember_unparsed(sent, discourse)  # names for later "he", "the group", "the secretary"
            continue
        reader = NameReader(sent, discourse, lex)
        reader.remember_known()
        frames = find_frames(sent, lex)
        ctx = SentenceContext(article, reader, DateIndex(sent, lex), narrative.get(sent.unit.index, title_date),
                              frames, done, lex, _places_before(sent, sentences, done))
        for _, stage in STAGES:
            # statements last: whether one is news depends on the other happenings of its sentence
            for f in sorted(frames, key=lambda f: f.event_type == "Statement"):
                stage(f, ctx)
        scene = sets_scene(ctx.dates, frames, ctx.narrative)
        if scene is not None:
            narrative[sent.unit.index] = scene
        done.extend(frames)
    place_from_article(done, units, lex, sentences)  # the article's one theater for what its sentences left unplaced
    return _one_per_happening([e for f in done if not f.drop for e in build_events(f, article)])


def extract_many(articles: Sequence[Article], settings: Settings) -> list[list[Event]]:
    """Events of several articles, their candidate sentences parsed in one batch."""
    prepared = [(a, *read_units(a, settings)) for a in articles]
    candidates = [s for _, _, sents in prepared for s in sents
                  if is_candidate(s) or (not settings.parse_candidates_only and s.unit.index != TITLE_INDEX)]
    is_trigger = lexicon().has_trigger
    for s, doc in zip(candidates, parse_many([s.text for s in candidates]), strict=True):
        s.doc = mend_misparses(doc, is_trigger)
    return [_article_events(a, units, sents) for a, units, sents in prepared]


def extract_events(article: Article, settings: Settings) -> list[Event]:
    """One Event per happening reported in the article (before the in-article merge)."""
    return extract_many([article], settings)[0]
