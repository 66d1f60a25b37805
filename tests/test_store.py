"""EventStore: round-trip, idempotence, supersede, files table, compaction, crash leftovers."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from loaders.models import EVENT_COLUMNS, Article, Caption, Event, article_key
from loaders.store import (
    ARTICLE_COLUMNS,
    EVENT_SCHEMA,
    EventStore,
    FileRecord,
    events_to_frame,
    frame_to_table,
    table_to_frame,
)

PUB = dt.date(2025, 3, 23)


def make_article(i: int, published: dt.date | None = PUB, basis: str = "flag") -> Article:
    title = f"Strikes reported near Sanaa, day {i}"
    paragraphs = (f"US forces struck Houthi positions in Sanaa on March {1 + i % 28}.",
                  "The Houthis vowed to respond, according to a spokesman.")
    return Article(
        article_id=article_key(title, paragraphs), title=title, paragraphs=paragraphs,
        captions=(Caption("Smoke rises over Sanaa.", "Reuters file"),), subheadings=("Response",),
        source=f"corpus/day{i}.txt#1", source_path=f"corpus/day{i}.txt", position=1, url=f"https://example.org/{i}",
        published=published, published_basis=basis if published else "",
        published_start=published, published_end=published, published_confidence=1.0 if published else 0.0,
        published_evidence="--published" if published else "", meta={"field": "2025-03-23"},
    )


def make_event(article: Article, j: int, day: dt.date | None = None, **changes: object) -> Event:
    day = day or dt.date(2025, 3, 1 + j)
    fields = dict(
        event_id=f"{article.article_id}-{j}", article_id=article.article_id, date_start=day, date_end=day,
        date_precision="day", date_text=f"March {day.day}", date_value=day.isoformat(), date_basis="explicit",
        actors=("United States", "Houthis"), actor="United States", actor_text="US forces", target="Houthis",
        event_type="airstrike", event_category="violence", trigger="struck", theater="Yemen", location="Sanaa",
        latitude=15.35, longitude=44.2, sentence=article.paragraphs[0], paragraph_index=0, title=article.title,
        published=article.published, published_basis=article.published_basis, source=article.source,
        sources=({"article_id": article.article_id, "source": article.source, "sentence": article.paragraphs[0],
                  "title": article.title},),
        n_sources=1,
    )
    fields.update(changes)
    return Event(**fields)


def corpus(n: int, events_per_article: int = 2) -> tuple[list[Article], list[Event]]:
    arts = [make_article(i) for i in range(n)]
    evs = [make_event(a, j) for a in arts for j in range(events_per_article)]
    return arts, evs


@pytest.fixture
def store(tmp_path):
    return EventStore(tmp_path / "store")


def test_round_trip_keeps_every_field(store):
    arts, evs = corpus(3)
    result = store.add(arts, evs)
    assert (result.added, result.skipped, result.events_added) == (3, 0, 6)
    got = store.mentions()
    assert list(got.columns) == list(EVENT_COLUMNS)
    assert len(got) == 6
    by_id = {r["event_id"]: r for r in got.to_dict("records")}
    for ev in evs:
        row = by_id[ev.event_id]
        want = ev.to_record()
        for col in EVENT_COLUMNS:
            value = row[col]
            if col in ("date_start", "date_end", "published"):
                value = value.date().isoformat()
            assert value == want[col], col


def test_articles_frame_columns_and_values(store):
    arts, evs = corpus(2)
    store.add(arts, evs)
    df = store.articles()
    assert list(df.columns) == list(ARTICLE_COLUMNS)
    row = df.set_index("article_id").loc[arts[0].article_id]
    assert row["title"] == arts[0].title
    assert row["paragraphs"] == list(arts[0].paragraphs)
    assert row["captions"] == ["Smoke rises over Sanaa."]
    assert row["caption_credits"] == ["Reuters file"]
    assert row["published"] == pd.Timestamp(PUB)
    assert row["published_basis"] == "flag"
    assert row["n_events"] == 2
    assert json.loads(row["meta"]) == {"field": "2025-03-23"}
    assert len(row["content_hash"]) == 16


def test_same_articles_twice_are_stored_once(store):
    arts, evs = corpus(4)
    store.add(arts, evs)
    again = store.add(arts, evs)
    assert (again.added, again.skipped, again.events_added, again.batch) == (0, 4, 0, "")
    assert len(store.batch_names()) == 1
    assert len(store.mentions()) == 8
    assert store.mentions()["event_id"].is_unique


def test_duplicate_article_inside_one_call_is_kept_once(store):
    art = make_article(1)
    ev = make_event(art, 0)
    result = store.add([art, art], [ev, ev])
    assert (result.added, result.skipped, result.events_added) == (1, 1, 1)
    assert len(store.mentions()) == 1


def test_changed_publication_date_supersedes(store):
    art = make_article(7)
    store.add([art], [make_event(art, 0), make_event(art, 1)])
    corrected = make_article(7, published=dt.date(2025, 3, 30))
    result = store.add([corrected], [make_event(corrected, 5, day=dt.date(2025, 3, 29))])
    assert result.added == 1
    mentions = store.mentions()
    assert list(mentions["event_id"]) == [f"{art.article_id}-5"]  # the old version's rows are gone
    arts = store.articles()
    assert len(arts) == 1 and arts.loc[0, "published"] == pd.Timestamp(2025, 3, 30)


def test_replace_article_drops_old_events_even_with_none_new(store):
    art = make_article(2)
    store.add([art], [make_event(art, 0)])
    store.replace_article(art, [])
    assert len(store.mentions()) == 0
    assert len(store.articles()) == 1


def test_events_partitioned_by_month(store):
    art = make_article(3)
    evs = [make_event(art, 0, day=dt.date(2025, 1, 5)), make_event(art, 1, day=dt.date(2025, 2, 5)),
           make_event(art, 2, day=dt.date(2025, 2, 6))]
    store.add([art], evs)
    (batch,) = store.batch_names()
    months = sorted(p.name for p in (store.batches_dir / batch / "events").iterdir())
    assert months == ["month=2025-01", "month=2025-02"]
    # the files are plain Parquet with list columns, readable without this code
    table = pq.read_table(store.batches_dir / batch / "events" / "month=2025-02" / "part.parquet")
    assert table.schema.field("actors").type.value_type == "string"
    assert table.num_rows == 2


def test_undated_event_goes_to_unknown_month(store):
    art = make_article(4, published=None)
    store.add([art], [make_event(art, 0, date_start=None, date_end=None, date_precision="unknown")])
    (batch,) = store.batch_names()
    assert (store.batches_dir / batch / "events" / "month=unknown").is_dir()
    got = store.mentions()
    assert len(got) == 1 and pd.isna(got.loc[0, "date_start"])


def test_files_table_and_quick_skip(store):
    rec = FileRecord("/data/a.txt", 120, 1700000000.5, "ab" * 20, "", 2)
    store.add([], [], [rec])
    assert store.known_file("/data/a.txt", 120, 1700000000.5)
    assert not store.known_file("/data/a.txt", 121, 1700000000.5)  # size changed
    assert not store.known_file("/data/a.txt", 120, 1700000000.5, "2025-03-23")  # other --published
    assert store.known_content("ab" * 20) and not store.known_content("cd" * 20)
    files = store.files()
    assert files.to_dict("records") == [{"path": "/data/a.txt", "size": 120, "mtime": 1700000000.5,
                                         "sha1": "ab" * 20, "published_flag": "", "n_articles": 2}]


def test_a_second_store_object_sees_batches_written_by_the_first(tmp_path):
    one, two = EventStore(tmp_path / "s"), EventStore(tmp_path / "s")
    arts, evs = corpus(2)
    one.add(arts, evs)
    assert two.add(arts, evs).added == 0
    assert two.stored_published(arts[0].article_id) == PUB.isoformat()


def test_compact_merges_batches_and_keeps_latest_rows(store):
    arts, evs = corpus(5)
    for a in arts:
        store.add([a], [e for e in evs if e.article_id == a.article_id])
    corrected = make_article(0, published=dt.date(2025, 4, 1))
    store.add([corrected], [make_event(corrected, 9)])
    store.add([], [], [FileRecord("/x.txt", 1, 1.0, "f" * 40)])
    before = store.mentions().sort_values("event_id").reset_index(drop=True)
    before_articles = store.articles().sort_values("article_id").reset_index(drop=True)
    result = store.compact()
    assert len(store.batch_names()) == 1
    assert (result.added, result.events_added) == (5, 9)
    after = store.mentions().sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)
    pd.testing.assert_frame_equal(before_articles, store.articles().sort_values("article_id").reset_index(drop=True))
    assert store.known_file("/x.txt", 1, 1.0)
    # the store keeps working after compaction: re-adding is still a no-op, new articles land
    assert store.add(arts[1:], evs).added == 0
    assert store.add([make_article(99)], []).added == 1


def test_leftover_temp_dir_is_ignored_and_cleaned(tmp_path):
    store = EventStore(tmp_path / "s")
    arts, evs = corpus(1)
    store.add(arts, evs)
    crashed = store.tmp_dir / "00000002-deadbeef0000.writing"
    (crashed / "events" / "month=2025-03").mkdir(parents=True)
    (crashed / "articles.parquet").write_bytes(b"PAR1 truncated")
    stray = store.batches_dir / "not-a-batch"
    stray.mkdir()
    assert len(store.mentions()) == 2  # neither the temp dir nor the stray folder is read
    EventStore(tmp_path / "s")
    assert not crashed.exists()


def test_stats_counts_latest_versions(store):
    arts, evs = corpus(3)
    store.add(arts, evs)
    store.add([make_article(0, published=dt.date(2025, 4, 2))], [])
    s = store.stats()
    assert (s["articles"], s["mentions"], s["batches"]) == (3, 4, 2)
    assert s["first_date"] == dt.date(2025, 3, 1) and s["last_date"] == dt.date(2025, 3, 2)


def test_empty_store_answers_with_empty_frames(store):
    assert list(store.mentions().columns) == list(EVENT_COLUMNS)
    assert len(store.articles()) == 0 and len(store.files()) == 0
    assert store.stats()["articles"] == 0


def test_mentions_filtered_by_article_ids(store):
    arts, evs = corpus(4)
    store.add(arts, evs)
    got = store.mentions([arts[1].article_id, arts[3].article_id])
    assert set(got["article_id"]) == {arts[1].article_id, arts[3].article_id}
    assert len(store.mentions([])) == 0


@pytest.mark.parametrize("dates", [
    ["2025-03-18", "2025-03-19"],
    [pd.Timestamp("2025-03-18"), pd.Timestamp("2025-03-19")],
    [dt.date(2025, 3, 18), dt.date(2025, 3, 19)],
])
def test_frame_to_table_accepts_the_usual_date_and_list_types(dates):
    df = pd.DataFrame({"event_id": ["a", "b"], "date_start": dates, "actors": [["Iran"], ("Iraq", "Iran")],
                       "sources": [[{"article_id": "x", "source": "s", "sentence": "t", "title": "u"}], []],
                       "latitude": [1.5, None], "paragraph_index": [1, 2]})
    table = frame_to_table(df)
    assert table.schema == EVENT_SCHEMA
    back = table_to_frame(table)
    assert back.loc[1, "date_start"] == pd.Timestamp("2025-03-19")
    assert back.loc[1, "actors"] == ["Iraq", "Iran"]
    assert back.loc[0, "sources"][0]["article_id"] == "x"
    assert pd.isna(back.loc[1, "latitude"]) and back.loc[1, "paragraph_index"] == 2


def test_events_to_frame_matches_store_mentions(store):
    arts, evs = corpus(2)
    store.add(arts, evs)
    direct = events_to_frame(evs).sort_values("event_id").reset_index(drop=True)
    stored = store.mentions().sort_values("event_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(direct, stored)


def test_events_are_merged_and_cached_until_batches_change(store):
    a, b = make_article(1), make_article(2)
    same_day = dt.date(2025, 3, 16)
    # two articles reporting the same strike (same type, actor, target, place, day) and one other event
    store.add([a, b], [make_event(a, 0, day=same_day), make_event(b, 0, day=same_day),
                       make_event(b, 1, day=dt.date(2025, 1, 2), event_type="Protest", actor="Iraq",
                                  actors=("Iraq",), target="", location="Baghdad", theater="Iraq",
                                  sentence="Thousands protested in Baghdad.")])
    merged = store.events()
    assert list(merged.columns) == list(EVENT_COLUMNS)
    assert len(store.mentions()) == 3 and len(merged) == 2
    strike = merged[merged["event_type"] == "airstrike"].iloc[0]
    assert strike["n_sources"] == 2
    assert {s["article_id"] for s in strike["sources"]} == {a.article_id, b.article_id}
    cached = list(store.derived_dir.glob("events-*.parquet"))
    assert len(cached) == 1
    pd.testing.assert_frame_equal(merged, store.events())  # the second load is the cached file
    store.add([make_article(3)], [make_event(make_article(3), 0, day=dt.date(2024, 12, 1))])
    assert len(store.events()) == 3
    after = list(store.derived_dir.glob("events-*.parquet"))
    assert len(after) == 1 and after != cached  # rebuilt for the new set of batches, old one removed


def test_events_path_builds_the_derived_file_and_tracks_new_batches(store):
    a = make_article(1)
    store.add([a], [make_event(a, 0), make_event(a, 1, day=dt.date(2025, 2, 1))])
    path = store.events_path()
    assert path.exists() and path.parent == store.derived_dir
    assert pq.read_table(path).num_rows == len(store.events()) == 2
    b = make_article(2)
    store.add([b], [make_event(b, 0, day=dt.date(2024, 11, 5))])
    newer = store.events_path()
    assert newer != path and not path.exists()
    assert pq.read_table(newer).num_rows == 3
