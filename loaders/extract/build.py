"""One trigger -> one Event (or one per actor/theater): type, agent, target, place and date put together,
with the sentence as its source."""
from __future__ import annotations

import dataclasses

from loaders.actors import actor_table, fold
from loaders.models import Article, Event, Timex, stable_hash
from loaders.places import PlaceMatch
from loaders.sentences import Sentence

from .continuity import _one_per_actor
from .mentions import Mention
from .placing import _addressed_place, _at_theater, _coordinated_places, _moved_to, _place_for
from .roles import _agent_and_target, _between_pair, _speaker_before
from .rules import VOICED_TYPES, rules
from .text import _Unit
from .timing import _date_fields
from .triggers import Trigger, _final_type


def _build_event(article: Article, unit: _Unit, sent: Sentence, trig: Trigger, in_sent: list[Trigger],
                 mentions: list[Mention], places: list[PlaceMatch], own: Timex | None,
                 last_date: Timex | None, pair_hint: tuple[Mention, Mention] | None = None,
                 agent_hint: Mention | None = None) -> Event | list[Event] | None:
    """The event of one trigger; a list when coordinated actors acted separately (one event each).
    `pair_hint`: parties named earlier for a paired type ("a ceasefire between X and Y") when none is named here."""
    r = rules()
    table = actor_table()
    text = unit.text
    etype = _final_type(trig, sent.text, r)
    category = r.category[etype]
    agent, target, coactors = _agent_and_target(text, sent, trig, mentions, in_sent)
    violent = category in r.violent_categories
    if etype in VOICED_TYPES and not trig.reporting and (trig.future or agent is None):
        # "Netanyahu said Israel would strike if ...": a threat voiced in reported speech is the speaker's
        speaker = _speaker_before(text, sent, trig, mentions, in_sent)
        if speaker is not None:
            agent, coactors = speaker, []
    if etype in r.paired_types:
        pair = _between_pair(text, sent, mentions)
        if pair is None and agent is None and pair_hint is not None:
            pair = pair_hint
        if pair is not None:
            agent, target = pair
            coactors = []
        elif coactors and agent is not None and not agent.pronoun:
            # "Israel and Hamas agreed ...": the parties of a paired type, first-named first
            agent, target, coactors = coactors[0], agent, []
    if agent is None and agent_hint is not None:
        agent = agent_hint  # named earlier in the article (actor_text stays empty below)
    if agent is None:
        # another action word of the same type may name the agent ("smoke rising after an Israeli strike")
        for other in in_sent:
            if other is not trig and _final_type(other, sent.text, r) == etype \
                    and fold(other.text).lower() not in r.casualty_words:  # "... and 25 wounded": a toll, no agent
                agent, target2, coactors = _agent_and_target(text, sent, other, mentions, in_sent)
                target = target or target2
                if agent is not None:
                    break
    if violent and agent is not None and agent.kind in r.victim_kinds and not coactors:
        # "16 people, civilians among them, were killed": civilians are whom violence is done to
        agent, target = None, target or agent
    if violent and agent is not None and target is not None and not coactors \
            and agent.canonical == target.canonical and agent.start != target.start:
        # "US officials count 160 attacks on American forces": nobody attacks itself; the agent is unnamed
        agent = None
    if agent is None and category not in r.actorless_categories:
        return None  # a statement or meeting with nobody named is noise
    if agent is None and target is None and trig.anaphoric and fold(trig.text).lower() in r.background_nouns \
            and not any(fold(t.text).lower() in r.casualty_words for t in in_sent):
        # "The fighting has forced thousands from their homes": the state of war with nobody acting and no
        # toll is background, not a happening ("soldiers were killed in fighting there" still is one)
        return None
    actor = agent.canonical if agent else r.default_actor.get(etype, "")
    if etype in r.default_actor and agent is not None and agent.kind == "state":
        # "Thousands of Israelis protested": a demonym names the crowd, not the state
        actor, agent, coactors = r.default_actor[etype], None, []
    target_name = target.canonical if target and target.canonical != actor else ""
    actors: list[str] = [actor] if actor and agent is None else []
    for m in ([agent] if agent else []) + coactors:
        for name in (m.canonical, *table.affiliations(m.canonical), *m.extra):
            if name and name not in actors and table.kind(name) != "media":
                actors.append(name)
    if coactors:
        actor = coactors[0].canonical
        actors.remove(actor)
        actors.insert(0, actor)
    # a name that is also a place is a place only after a locative preposition ("in Iraq", "on Yemen");
    # otherwise it names an actor ("Tehran believes", "the US strikes")
    used = [(m.start, m.end) for m in mentions if not m.locative and not m.pronoun
            and sent.start <= m.start < sent.end]
    roles = [m for m in (agent, target, *coactors) if m is not None]
    bystanders = [m for m in mentions if sent.start <= m.start < sent.end and not m.locative
                  and all(m.start != x.start for x in roles)]
    place = _place_for(text, sent, trig, places, used, bystanders,
                       [t.start for t in in_sent if t.start > trig.end and not t.weak and not t.reporting
                        and r.category[t.event_type] != category], keep_far=violent)
    speaker_home = table.home_theater(actor) if actor and etype in VOICED_TYPES else ""
    if speaker_home:
        # statements, appeals and threats happen where the speaker acts, not where they talk about;
        # but an order to the people of a place ("warned residents of Rafah to leave") acts there
        order = fold(trig.text).lower()
        if not (place is not None and any(w in order for w in r.place_orders)):
            place = _addressed_place(text, sent, places, r)
    if place is None and not violent and agent is None:
        return None
    if place is not None:
        theater, location, lat, lon = place.theater, place.location, place.latitude, place.longitude
    else:
        # violence and deals happen on the target's ground; a decision at home ("halting attacks on US forces")
        order = [actor] if speaker_home or etype == r.reporting_type else \
            [actor, target_name] if category == r.category.get("Strategic development") else [target_name, actor]
        at = _at_theater(next((h for h in (table.home_theater(n) for n in order if n) if h), ""))
        theater, location, lat, lon = at["theater"], at["location"], at["latitude"], at["longitude"]
    timex, basis = own, None
    if timex is None and last_date is not None:
        timex, basis = last_date, "narrative"
    dates = _date_fields(timex, basis, article)
    actor_text = ""
    if agent is not None and not (pair_hint is not None and agent is pair_hint[0]) and agent.start >= 0:
        actor_text = text[coactors[0].start:agent.end] if coactors else agent.surface
    sentence = sent.text
    source = {"article_id": article.article_id, "source": article.source, "sentence": sentence,
              "title": article.title}
    ev = Event(
        event_id=stable_hash(article.article_id, str(unit.index), sentence, etype, actor),
        article_id=article.article_id,
        actors=tuple(actors),
        actor=actor,
        actor_text=actor_text,
        target=target_name,
        event_type=etype,
        event_category=category,
        trigger=trig.text,
        theater=theater,
        location=location,
        latitude=lat,
        longitude=lon,
        sentence=sentence,
        paragraph_index=unit.index,
        title=article.title,
        published=article.published,
        published_basis=article.published_basis,
        source=article.source,
        sources=(source,),
        n_sources=1,
        **dates,
    )
    if coactors and etype in r.separate_actor_types and agent is not None:
        first = coactors[0]
        own_actors = tuple(dict.fromkeys(n for n in (first.canonical, *table.affiliations(first.canonical),
                                                     *first.extra) if n and table.kind(n) != "media"))
        ev = dataclasses.replace(ev, actors=own_actors, actor_text=first.surface)
        return [ev] + _one_per_actor(ev, [*coactors[1:], agent])
    if place is not None:
        more = _coordinated_places(text, place, places)
        if more:
            return [ev] + [_moved_to(ev, p, event_id=stable_hash(ev.event_id, p.theater)) for p in more]
    return ev
