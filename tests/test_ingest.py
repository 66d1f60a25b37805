"""ingest(): files -> store through the real pipeline; idempotence, supersede, broken files, workers."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd
import pytest

from loaders.errors import DateError
from loaders.ingest import IngestReport, expand_paths, ingest
from loaders.settings import Settings
from loaders.store import EventStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate_corpus as gc  # noqa: E402

N_ARTICLES = 24
PER_FILE = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "news"
    gc.write_corpus(N_ARTICLES, out, seed=21, fmt="raw", per_file=PER_FILE)
    return out


def settings_for(tmp_path: Path, workers: int = 1, **kw: object) -> Settings:
    return Settings(store_dir=tmp_path / "store", workers=workers, batch_size=10, **kw)


def sorted_mentions(store: EventStore) -> pd.DataFrame:
    return store.mentions().sort_values(["article_id", "event_id"]).reset_index(drop=True)


def test_ingest_stores_every_article_and_its_events(tmp_path, corpus):
    settings = settings_for(tmp_path)
    report = ingest([corpus], settings, published="2025-03-23", progress=False)
    assert isinstance(report, IngestReport)
    assert (report.files, report.articles_added, report.articles_skipped, report.errors) == (6, N_ARTICLES, 0, [])
    assert report.events_added > N_ARTICLES  # several happenings per synthetic article
    store = EventStore(settings.store_dir)
    arts = store.articles()
    assert len(arts) == N_ARTICLES
    assert set(arts["published"]) == {pd.Timestamp(2025, 3, 23)} and set(arts["published_basis"]) == {"flag"}
    assert arts["source"].str.match(r"news/corpus_0000\d\.txt#\d+$").all()
    mentions = store.mentions()
    assert len(mentions) == report.events_added
    assert set(mentions["article_id"]) <= set(arts["article_id"])
    assert (mentions["sentence"].str.len() > 0).all()
    assert len(store.batch_names()) == 2  # batches of >= 10 articles, cut at file ends: 12 + 12
    files = store.files()
    assert len(files) == 6 and set(files["n_articles"]) == {PER_FILE}


def test_reingest_of_unchanged_files_adds_nothing_and_skips_reading(tmp_path, corpus):
    settings = settings_for(tmp_path)
    ingest([corpus], settings, published="2025-03-23", progress=False)
    store = EventStore(settings.store_dir)
    before, batches = sorted_mentions(store), store.batch_names()
    again = ingest([corpus], settings, published="2025-03-23", progress=False)
    assert (again.files, again.files_skipped, again.articles_added, again.events_added) == (6, 6, 0, 0)
    assert store.batch_names() == batches
    forced = ingest([corpus], settings, published="2025-03-23", progress=False, force=True)
    assert (forced.articles_added, forced.articles_skipped) == (0, N_ARTICLES)
    pd.testing.assert_frame_equal(before, sorted_mentions(store))  # stable ids: same rows


def test_touched_file_with_same_bytes_is_skipped_by_hash(tmp_path, corpus):
    settings = settings_for(tmp_path)
    ingest([corpus], settings, published="2025-03-23", progress=False)
    target = sorted(corpus.glob("*.txt"))[0]
    st = target.stat()
    os.utime(target, (st.st_atime, st.st_mtime + 100))
    try:
        again = ingest([corpus], settings, published="2025-03-23", progress=False)
    finally:
        os.utime(target, (st.st_atime, st.st_mtime))
    assert (again.files_skipped, again.articles_added) == (6, 0)


def test_new_publication_date_supersedes_stored_articles(tmp_path, corpus):
    settings = settings_for(tmp_path)
    first = ingest([corpus], settings, published="2025-03-23", progress=False)
    second = ingest([corpus], settings, published="2025-03-30", progress=False)
    assert second.files_skipped == 0  # another --published is another ingest
    assert second.articles_added == N_ARTICLES
    store = EventStore(settings.store_dir)
    arts = store.articles()
    assert len(arts) == N_ARTICLES and set(arts["published"]) == {pd.Timestamp(2025, 3, 30)}
    mentions = store.mentions()
    assert len(mentions) == second.events_added and first.events_added > 0
    assert set(mentions["published"]) == {pd.Timestamp(2025, 3, 30)}


def test_a_broken_file_does_not_stop_the_others(tmp_path, corpus):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted(corpus.glob("*.txt"))[:2]
    for f in good:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (folder / "empty.txt").write_bytes(b"")
    settings = settings_for(tmp_path)
    report = ingest([folder, tmp_path / "missing.txt"], settings, published="2025-03-23", progress=False)
    assert report.articles_added == 2 * PER_FILE
    messages = sorted(str(e) for e in report.errors)
    assert messages == sorted([f"{folder / 'empty.txt'}: empty file (0 bytes)",
                               f"{folder / 'photo.png'}: binary file (PNG image), not text",
                               f"{tmp_path / 'missing.txt'}: no such file"])
    files = EventStore(settings.store_dir).files()
    assert sorted(Path(p).name for p in files["path"]) == sorted(f.name for f in good)  # bad files not recorded


def test_bad_published_is_refused_before_reading(tmp_path, corpus):
    with pytest.raises(DateError):
        ingest([corpus], settings_for(tmp_path), published="2025-02-30", progress=False)
    assert not (tmp_path / "store" / "batches").exists() or not any((tmp_path / "store" / "batches").iterdir())


def test_process_pool_gives_the_same_store_as_one_process(tmp_path, corpus):
    one = settings_for(tmp_path / "one", workers=1)
    two = settings_for(tmp_path / "two", workers=2)
    r1 = ingest([corpus], one, published="2025-03-23", progress=False)
    r2 = ingest([corpus], two, published="2025-03-23", progress=False)
    assert (r1.articles_added, r1.events_added) == (r2.articles_added, r2.events_added)
    pd.testing.assert_frame_equal(sorted_mentions(EventStore(one.store_dir)), sorted_mentions(EventStore(two.store_dir)))


def test_big_file_is_split_into_article_chunks(tmp_path, monkeypatch):
    import loaders.ingest as ingest_module

    monkeypatch.setattr(ingest_module, "BIG_FILE_BYTES", 1)  # every file counts as big here
    monkeypatch.setattr(ingest_module, "ARTICLES_PER_TASK", 3)
    corpus = tmp_path / "one_file"
    gc.write_corpus(8, corpus, seed=3, fmt="jsonl", per_file=8)
    settings = settings_for(tmp_path)
    report = ingest([corpus], settings, progress=False)
    assert (report.files, report.articles_added, report.errors) == (1, 8, [])
    files = EventStore(settings.store_dir).files()
    assert files["n_articles"].tolist() == [8]  # recorded once, after its last chunk
    arts = EventStore(settings.store_dir).articles()
    assert set(arts["published_basis"]) == {"field"}  # the JSONL records' own dates


def test_expand_paths_labels_and_skips_manifests(tmp_path):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "sub/c.jsonl", "manifest.csv", "README.md", ".hidden.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    files, errors = expand_paths([folder, folder / "a.txt"])
    assert [label for _, label in files] == ["inbox/a.txt", "inbox/b.txt", "inbox/sub/c.jsonl"]
    assert errors == []
    _, errors = expand_paths([tmp_path / "nope"])
    assert [str(e) for e in errors] == [f"{tmp_path / 'nope'}: no such file"]


def test_article_dates_without_flag_come_from_the_records(tmp_path):
    corpus = tmp_path / "jsonl"
    gc.write_corpus(5, corpus, seed=8, fmt="jsonl", per_file=5)
    settings = settings_for(tmp_path)
    ingest([corpus], settings, progress=False)
    arts = EventStore(settings.store_dir).articles().sort_values("title")
    want = sorted(gc.generate(5, seed=8), key=lambda a: a.title)
    assert [d.date() for d in arts["published"]] == [w.published for w in want]
    assert dt.date(2023, 10, 1) <= min(w.published for w in want)


def test_pool_without_a_flag_dates_and_stores_like_one_process(tmp_path, corpus):
    """Estimated publication dates too: workers forked from the warmed fork server read the same rules."""
    one = settings_for(tmp_path / "one", workers=1)
    two = settings_for(tmp_path / "two", workers=2)
    r1 = ingest([corpus], one, progress=False)
    r2 = ingest([corpus], two, progress=False)
    assert r1.articles_added == r2.articles_added == N_ARTICLES
    arts1 = EventStore(one.store_dir).articles().sort_values("article_id").reset_index(drop=True)
    arts2 = EventStore(two.store_dir).articles().sort_values("article_id").reset_index(drop=True)
    cols = ["article_id", "published", "published_basis", "published_start", "published_end", "published_evidence"]
    pd.testing.assert_frame_equal(arts1[cols], arts2[cols])
    pd.testing.assert_frame_equal(sorted_mentions(EventStore(one.store_dir)), sorted_mentions(EventStore(two.store_dir)))


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows: plain spawn is used there")
def test_worker_pool_forks_from_a_server_that_preloads_the_warm_up_module():
    import importlib.util

    from loaders.ingest import WARM_MODULE, _pool_context

    ctx = _pool_context()
    assert ctx.get_start_method() == "forkserver"
    assert importlib.util.find_spec(WARM_MODULE) is not None  # a typo would silently skip the warm-up
    from multiprocessing import forkserver

    assert WARM_MODULE in forkserver._forkserver._preload_modules
