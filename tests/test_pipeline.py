"""process_article: the per-article unit (dating -> extraction -> in-article merge), pure and picklable."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest

from loaders.models import EVENT_COLUMNS, Article, article_key
from loaders.pipeline import process_article
from loaders.settings import Settings

SETTINGS = Settings()


def article(title: str, *paragraphs: str, **kw: object) -> Article:
    return Article(article_id=article_key(title, paragraphs), title=title, paragraphs=paragraphs,
                   source="t.txt#1", source_path="t.txt", position=1, **kw)


STRIKE = article(
    "US Strikes Houthi Positions in Yemen",
    "US warplanes struck Houthi positions in Sanaa on Sunday, officials said.",
    "The Houthis vowed to retaliate against American ships in the Red Sea.",
)


def test_flag_sets_the_publication_date_and_basis():
    dated, events = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))
    assert dated.published == dt.date(2025, 3, 23)
    assert dated.published_basis == "flag"
    assert dated.article_id == STRIKE.article_id and dated.paragraphs == STRIKE.paragraphs
    assert events, "a strike sentence must give at least one event"


def test_events_point_back_to_their_article_and_sentence():
    _, events = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))
    for ev in events:
        assert ev.article_id == STRIKE.article_id
        assert ev.sentence and ev.sentence in STRIKE.body
        assert ev.published == dt.date(2025, 3, 23)
        assert set(ev.to_record()) == set(EVENT_COLUMNS)


def test_relative_date_resolved_against_the_flag():
    _, events = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))  # a Sunday
    strike = [e for e in events if "Sanaa" in e.sentence]
    assert strike and strike[0].date_start == dt.date(2025, 3, 23)
    assert strike[0].date_basis.startswith("relative")


def test_same_input_gives_the_same_events():
    first = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))
    second = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))
    assert [e.event_id for e in first[1]] == [e.event_id for e in second[1]]
    assert first == second


def test_function_inputs_and_results_pickle():
    assert pickle.loads(pickle.dumps(process_article)) is process_article
    result = process_article(STRIKE, SETTINGS, flag=dt.date(2025, 3, 23))
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(SETTINGS)) == SETTINGS


def test_article_without_any_date_still_processes():
    undated = article("Factions Lower Their Tone", "The factions toned down their rhetoric, sources said.")
    dated, events = process_article(undated, SETTINGS)
    assert dated.article_id == undated.article_id
    assert isinstance(events, list)
    for ev in events:
        assert ev.date_basis.split("+")[0] in ("explicit", "relative", "narrative", "publication")


@pytest.mark.parametrize("meta_date", ["2024-02-03", "2024-02-03T10:00:00Z"])
def test_record_field_date_is_used_without_flag(meta_date):
    rec = article("US Strikes Targets in Iraq", "US forces struck targets in Iraq on Friday, the Pentagon said.",
                  meta={"field": meta_date})
    dated, _ = process_article(rec, SETTINGS)
    assert dated.published == dt.date(2024, 2, 3)
    assert dated.published_basis == "field"


def test_warm_up_compiles_every_lazily_loaded_table():
    from loaders.pipeline import warm_up
    from loaders.timex import finder

    warm_up()
    assert finder.compiled.cache_info().currsize == 1
    # the warm-up article itself goes through the real pipeline: it must date and extract something
    from loaders.pipeline import _WARM_TEXT, _WARM_TITLE
    dated, events = process_article(article(_WARM_TITLE, _WARM_TEXT), SETTINGS, flag=dt.date(2025, 3, 23))
    assert dated.published == dt.date(2025, 3, 23)
    assert events
