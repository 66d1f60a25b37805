"""The per-article unit of work: date the article, extract its mentions, merge them.

Why a module of its own: local process pools and Dask workers must run exactly the
same function, so it lives at module top level, takes only picklable arguments
(frozen dataclasses, dates, Settings) and touches no global state or files.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .models import Article, Event
from .settings import Settings


def process_article(article: Article, settings: Settings, manifest: Any = None,
                    flag: dt.date | None = None) -> tuple[Article, list[Event]]:
    """resolve_published -> extract_events -> merge_article.

    `flag` is a publication date given by the user (--published); `manifest` a
    `loaders.dating.Manifest` for the article's folder. Returns the dated article
    (what the store keeps) and its events, one per happening within the article.
    """
    from .dating import resolve_published  # late imports: keep this module cheap to import and pickle
    from .extract import extract_events
    from .merge import merge_article

    dated = resolve_published(article, settings, manifest=manifest, flag=flag)
    events = merge_article(extract_events(dated, settings))
    return dated, list(events)


#: a short made-up article that touches every rule table the pipeline loads lazily (temporal
#: rules, dating cues/anchors/offices, actors, gazetteer, trigger words, sentence abbreviations)
_WARM_TITLE = "Warm-up: Israel Strikes Houthi Targets in Yemen"
_WARM_TEXT = ("Israeli jets struck Houthi targets in Hodeidah on Tuesday, March 18, the army said. "
              "Defense Minister Israel Katz said the strikes would continue for weeks.")


def warm_up() -> None:
    """Load and compile every rule table now (about 2-3 s), so a process forked afterwards
    starts work at once. Why: ingest.py's worker pool forks its workers from one warmed
    server process instead of letting each worker compile the same tables again."""
    from .dating import knowledge
    from .models import article_key

    art = Article(article_id=article_key(_WARM_TITLE, (_WARM_TEXT,)), title=_WARM_TITLE,
                  paragraphs=(_WARM_TEXT,), source="warm-up", source_path="", position=0)
    settings = Settings()
    knowledge.anchors(), knowledge.offices(), knowledge.cues(), knowledge.anchor_name_keys()
    process_article(art, settings, manifest=False)
    process_article(art, settings, flag=dt.date(2025, 3, 23), manifest=False)
