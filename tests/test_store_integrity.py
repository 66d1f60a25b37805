"""The store under stress: kill -9 in the middle of writing, and two writers at once.

The writers are real subprocesses running this file as a script (see `_writer` at the
bottom), so the kill is a real SIGKILL and the lock a real fcntl.flock between processes.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from loaders.models import Article, Event  # noqa: E402
from loaders.store import EventStore  # noqa: E402

BATCH = 40


def expected_events(i: int) -> int:
    return i % 5 + 1


def article(i: int) -> Article:
    return Article(article_id=f"art{i:06d}", title=f"Article {i}",
                   paragraphs=(f"Paragraph about strike number {i}. " * 40,), published=dt.date(2025, 3, 23),
                   published_basis="flag", source=f"synthetic#{i}")


def events(i: int) -> list[Event]:
    out = []
    for j in range(expected_events(i)):
        day = dt.date(2024 + j % 2, 1 + (i + j) % 12, 1 + j)
        out.append(Event(
            event_id=f"ev{i:06d}-{j}", article_id=f"art{i:06d}", date_start=day, date_end=day,
            date_precision="day", date_text="", date_value=day.isoformat(), date_basis="explicit",
            actors=("Israel", "Hamas"), actor="Israel", actor_text="Israeli forces", target="Hamas",
            event_type="airstrike", event_category="violence", trigger="struck", theater="Gaza",
            location="Khan Younis", latitude=31.34, longitude=34.3, sentence=f"Sentence {i}/{j}. " * 20,
            paragraph_index=0, title=f"Article {i}", published=dt.date(2025, 3, 23), published_basis="flag",
            source=f"synthetic#{i}",
            sources=tuple({"article_id": f"art{i:06d}", "source": "s", "sentence": "x", "title": "t"}
                          for _ in range(3)),
        ))
    return out


def start_writer(store: Path, first: int, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, str(store), str(first), str(count), str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)


def assert_consistent(store_dir: Path) -> tuple[int, int]:
    """Every stored article has all its events and no other article's; returns (articles, events)."""
    store = EventStore(store_dir)
    arts = store.articles()
    mentions = store.mentions()
    assert arts["article_id"].is_unique
    assert mentions["event_id"].is_unique
    per_article = mentions.groupby("article_id").size().to_dict()
    for aid, n_events in zip(arts["article_id"], arts["n_events"], strict=True):
        i = int(aid[3:])
        assert per_article.get(aid, 0) == expected_events(i) == n_events, aid
    assert set(per_article) <= set(arts["article_id"])
    return len(arts), len(mentions)


@pytest.mark.slow
@pytest.mark.parametrize("wait_batches", [2, 5])
def test_kill_9_mid_ingest_leaves_every_article_fully_in_or_out(tmp_path, wait_batches):
    store_dir = tmp_path / "store"
    proc = start_writer(store_dir, 0, 4000)
    committed = 0
    while committed < wait_batches:  # wait for a few committed batches, then kill while it writes more
        line = proc.stdout.readline()
        assert line, proc.stderr.read()
        committed += 1
    time.sleep(0.013 * wait_batches)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    n_articles, _ = assert_consistent(store_dir)
    assert n_articles >= wait_batches * BATCH
    assert n_articles % BATCH == 0  # whole batches only
    assert n_articles < 4000, "the writer finished before the kill: the test proved nothing"
    # the next writer cleans any half-written temp dir and carries on from where the store is
    finisher = start_writer(store_dir, 0, n_articles + 2 * BATCH)
    out, err = finisher.communicate(timeout=120)
    assert finisher.returncode == 0, err
    assert not any((store_dir / "tmp").iterdir())
    assert_consistent(store_dir)


@pytest.mark.slow
def test_two_concurrent_writers_do_not_corrupt_the_store(tmp_path):
    store_dir = tmp_path / "store"
    EventStore(store_dir)  # create the layout once, like a first ingest would
    one = start_writer(store_dir, 0, 480)
    two = start_writer(store_dir, 240, 480)  # overlaps 240..479 with the first
    for proc in (one, two):
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    n_articles, n_events = assert_consistent(store_dir)
    assert n_articles == 720
    assert n_events == sum(expected_events(i) for i in range(720))
    names = EventStore(store_dir).batch_names()
    seqs = [n.split("-")[0] for n in names]
    assert len(seqs) == len(set(seqs)), "two batches got the same sequence number"


@pytest.mark.slow
def test_kill_9_of_a_real_cli_ingest(tmp_path):
    """The whole pipeline (`python -m loaders ingest`) killed mid-run: the store stays consistent,
    only completely stored files are recorded, and the next ingest finishes the job."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import generate_corpus as gc

    corpus, store_dir = tmp_path / "corpus", tmp_path / "store"
    gc.write_corpus(80, corpus, seed=13, fmt="raw", per_file=4)
    cmd = [sys.executable, "-m", "loaders", "ingest", str(corpus), "--store", str(store_dir), "--workers", "1",
           "--batch-size", "4", "--published", "2025-03-23", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(PROJECT)))
    batches = store_dir / "batches"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if batches.is_dir() and len(list(batches.iterdir())) >= 3:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    store = EventStore(store_dir)
    arts, mentions, files = store.articles(), store.mentions(), store.files()
    assert 0 < len(arts) < 80
    per_article = mentions.groupby("article_id").size()
    assert (arts.set_index("article_id")["n_events"] == per_article.reindex(arts["article_id"]).fillna(0)).all()
    stored_sources = set(arts["source_path"])
    for path, n in zip(files["path"], files["n_articles"], strict=True):  # recorded => every article in
        assert n == 4 and sum(1 for s in arts["source_path"] if Path(s).resolve() == Path(path)) == 4
    assert stored_sources

    finish = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(PROJECT)), timeout=300)
    assert finish.returncode == 0, finish.stderr
    store = EventStore(store_dir)
    assert len(store.articles()) == 80 and len(store.files()) == 20
    assert store.mentions()["event_id"].is_unique


def _writer(store_dir: str, first: int, count: int, batch: int) -> None:
    store = EventStore(store_dir)
    for start in range(first, first + count, batch):
        ids = range(start, min(start + batch, first + count))
        store.add([article(i) for i in ids], [e for i in ids for e in events(i)])
        print(start, flush=True)


if __name__ == "__main__":
    _writer(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
