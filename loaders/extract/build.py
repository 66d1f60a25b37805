"""Stage 9: a finished frame -> an immutable Event with its provenance (article, sentence, how it was dated).

EXAMPLE:
    >>> build_event(frame, article).date_basis      # a relative date in an article whose date was estimated
    'relative+estimated'
"""
from __future__ import annotations

import dataclasses

from loaders.actors import actor_table
from loaders.models import Article, Event, Timex, stable_hash

from .frame import Frame, Name
from .kinds import category_of
from .lexicon import lexicon


def date_fields(timex: Timex | None, basis: str, article: Article) -> dict:
    """date_start/end/precision/text/value/basis; `+estimated` only when the date itself hangs on an estimated
    publication date (an explicit "Oct. 7, 2023" never does)."""
    estimated = article.published_basis == "estimated"
    if timex is None:
        day = article.published
        return {"date_start": day, "date_end": day, "date_precision": "day" if day else "unknown",
                "date_text": "", "date_value": day.isoformat() if day else "",
                "date_basis": "publication+estimated" if estimated else "publication"}
    depends = timex.basis != "explicit" or basis == "relative"
    precision = timex.precision
    if timex.range_start != timex.range_end and precision in ("unknown", "day"):
        precision = "range"
    return {"date_start": timex.range_start, "date_end": timex.range_end, "date_precision": precision,
            "date_text": timex.text, "date_value": timex.value,
            "date_basis": (basis or "explicit") + ("+estimated" if estimated and depends else "")}


def build_events(frame: Frame, article: Article) -> list[Event]:
    """The frame's event, and one more per place coordinated with its location ("strikes in Iraq and Syria")."""
    first = build_event(frame, article)
    named_target = first.target and first.target in (first.location, first.theater)  # "visited Kuwait, Bahrain"
    return [first] + [
        dataclasses.replace(first, location=text, theater=place.theater, latitude=place.latitude,
                            longitude=place.longitude, event_id=stable_hash(first.event_id, text),
                            target=place.theater if named_target else first.target)
        for text, place in frame.also_at]


def _acting_body(name: Name) -> str:
    """Who acts (or is acted on), as ACLED codes it: a named person acts for the state, group or institution
    they belong to ("Secretary Austin met ..." is the Pentagon's act, "killed Saleh al-Arouri" hit Hamas); an
    actor person stays in `actors` and `actor_text`. A person the text ties to no body stays themselves."""
    if name.kind != "person":
        return name.canonical
    table = actor_table()
    return next((a for a in name.affiliations if table.kind(a) not in ("person", "media")), name.canonical)


def build_event(frame: Frame, article: Article) -> Event:
    table = actor_table()
    actors: list[str] = []
    for a in frame.actors:
        for name in (a.canonical, *a.affiliations):
            if name and name not in actors and table.kind(name) != "media":
                actors.append(name)
    actor = _acting_body(frame.actors[0]) if frame.actors else ""
    crowd = lexicon().crowd_actor
    if not actor and frame.event_type in ("Protest", "Riot"):
        actor, actors = crowd, [crowd]
    actor_text = " / ".join(a.surface for a in frame.actors if a.start >= 0)
    sentence = frame.sentence.text
    unit = frame.sentence.unit
    # a counterpart identifies a meeting (two ministers met on one trip are two meetings): kept as named
    target = "" if frame.target is None else frame.target.canonical if frame.event_type in \
        lexicon().counterpart_types else _acting_body(frame.target)
    target = "" if target == actor else target
    source = {"article_id": article.article_id, "source": article.source, "sentence": sentence,
              "title": article.title}
    doc = frame.doc
    lo, hi = min(frame.members + (frame.trigger.i,)), max(frame.members + (frame.trigger.i,))
    trigger = frame.trigger.text if lo == hi else doc[lo:hi + 1].text if hi - lo < 6 else frame.trigger.text
    return Event(
        event_id=stable_hash(article.article_id, str(unit.index), str(frame.sentence.start), sentence,
                             frame.event_type, actor, str(frame.trigger.i)),
        article_id=article.article_id,
        actors=tuple(actors),
        actor=actor,
        actor_text=actor_text,
        target=target,
        event_type=frame.event_type,
        event_category=category_of(frame.event_type),
        trigger=trigger,
        theater=frame.theater,
        location=frame.location or frame.theater,
        latitude=frame.latitude,
        longitude=frame.longitude,
        sentence=sentence,
        paragraph_index=unit.index,
        title=article.title,
        published=article.published,
        published_basis=article.published_basis,
        source=article.source,
        sources=(source,),
        n_sources=1,
        **date_fields(frame.timex, frame.date_basis, article),
    )
