"""The per-article unit of work: date the article, extract its mentions, merge them.

Why a module of its own: local process pools and Dask workers must run exactly the
same function, so it lives at module top level, takes only picklable arguments
(frozen dataclasses, dates, Settings) and touches no global state or files.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
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
    # The tables just built live as long as the process: move them out of the cyclic collector's
    # reach, so no collection walks them again (and, in a fork server, none writes to their
    # pages in a forked worker, which would copy them; the gc module's docs advise this before fork)
    gc.collect()
    gc.freeze()


@contextlib.contextmanager
def batch_gc(threshold0: int = 20_000) -> Iterator[None]:
    """Collect young objects less often while articles are processed, restoring the settings after.

    Why: processing one article allocates tens of thousands of short-lived containers (matches,
    sentences, events); with the default first-generation threshold (700) the collector runs
    hundreds of times per thousand articles and, each tenth run, walks the older generation
    too -- about 2% of a one-process ingest, for cycles that are rare and small here.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], threshold0), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
