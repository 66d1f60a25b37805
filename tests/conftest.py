"""Shared fixtures: small articles built from our own sentences, and the extractor run on them."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from loaders.models import Article, Caption, Event, article_key
from loaders.settings import Settings

#: the reference date of the extraction tables: a Sunday
DCT = dt.date(2025, 3, 23)


def make_article(*paragraphs: str, published: dt.date | None = DCT, basis: str = "flag", title: str = "T",
                 captions: tuple[Caption, ...] = (), source: str = "test.txt#1") -> Article:
    """An article of our own sentences, dated by a --published flag unless told otherwise."""
    return Article(article_id=article_key(title, paragraphs), title=title, paragraphs=tuple(paragraphs),
                   captions=captions, source=source, published=published, published_basis=basis)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def extract(settings: Settings) -> Callable[..., list[Event]]:
    """extract("sentence one.", "paragraph two.", published=...) -> the events the extractor reports."""
    from loaders.extract import extract_events

    def run(*paragraphs: str, **kw) -> list[Event]:
        return extract_events(make_article(*paragraphs, **kw), settings)

    return run
