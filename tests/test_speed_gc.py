"""The collector tuning used while ingesting must be temporary and must not change results."""
from __future__ import annotations

import datetime as dt
import gc

import pytest

from loaders.models import Article, article_key
from loaders.pipeline import batch_gc, process_article
from loaders.settings import Settings


def test_batch_gc_raises_the_young_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with batch_gc(threshold0=before[0] + 12_345):
        assert gc.get_threshold() == (before[0] + 12_345, *before[1:])
    assert gc.get_threshold() == before


def test_batch_gc_restores_the_threshold_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), batch_gc(threshold0=before[0] + 1):
        raise RuntimeError("an article failed")
    assert gc.get_threshold() == before


def test_batch_gc_never_lowers_a_higher_threshold() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(50_000, *before[1:])
        with batch_gc(threshold0=20_000):
            assert gc.get_threshold()[0] == 50_000
    finally:
        gc.set_threshold(*before)


TEXT = ("Israeli jets struck Houthi targets in Hodeidah on Tuesday, March 18, the army said. "
        "The Houthis fired two missiles at Israel on Thursday, the military said.")


def test_articles_processed_under_batch_gc_equal_the_plain_results() -> None:
    art = Article(article_id=article_key("Strikes", (TEXT,)), title="Strikes", paragraphs=(TEXT,), source="t.txt#1")
    settings = Settings()
    plain = process_article(art, settings, manifest=False, flag=dt.date(2025, 3, 23))
    with batch_gc():
        tuned = process_article(art, settings, manifest=False, flag=dt.date(2025, 3, 23))
    assert tuned == plain
    assert [e.to_record() for e in tuned[1]] == [e.to_record() for e in plain[1]]
    assert plain[1], "the sentence reports strikes: events expected"
