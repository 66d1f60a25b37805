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
