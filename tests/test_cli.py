"""`python -m loaders ...` end to end, through real subprocesses."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from loaders.cli import main
from loaders.models import EVENT_COLUMNS
from loaders.store import EventStore

PROJECT = Path(__file__).resolve().parents[1]
#: a bundled file in the raw pasted layout: four articles (always in a clone, unlike ../shared)
SEED = PROJECT / "data" / "samples" / "iraq_factions.txt"
SEED_DAY = "2024-02-03"

sys.path.insert(0, str(PROJECT / "benchmarks"))
import generate_corpus as gc  # noqa: E402


def squash(text: str) -> str:
    """Letters and digits only: compares text across quote and dash normalization."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def run(*args: str, store: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    if store is not None:
        env["CONFLICT_TIMELINE_STORE"] = str(store)
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, cwd=PROJECT,
                          env=env, timeout=300)


@pytest.fixture
def cli(capsys, monkeypatch):
    """`python -m loaders ARGS` in this process: (exit code, stdout, stderr)."""

    def call(*args: str, store: Path | None = None) -> subprocess.CompletedProcess:
        if store is not None:
            monkeypatch.setenv("CONFLICT_TIMELINE_STORE", str(store))
        code = main([*args, "--no-progress"] if args[0] in ("ingest", "events", "dates") else list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return call


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    proc = run("events", str(SEED), "--published", SEED_DAY, "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_events_of_a_pasted_file_cover_every_article_with_evidence(seed_events):
    titles = {e["title"] for e in seed_events}
    assert len(titles) == 4 and "US Drone Strike in Baghdad Kills Kataib Hezbollah Commander" in titles
    text = squash(SEED.read_text(encoding="utf-8"))
    for ev in seed_events:
        assert list(ev) == list(EVENT_COLUMNS)
        assert ev["sentence"], ev
        assert squash(ev["sentence"]) in text  # the evidence is the article's own sentence
        assert ev["published"] == SEED_DAY
        assert ev["date_start"] <= ev["date_end"]
        assert isinstance(ev["actors"], list) and isinstance(ev["sources"], list) and ev["sources"]


def test_events_include_the_dated_happenings(seed_events):
    jan4 = [e for e in seed_events if e["sentence"].startswith("On January 4, a drone strike")]
    assert jan4 and {(e["date_start"], e["date_basis"]) for e in jan4} == {("2024-01-04", "relative")}  # no year written
    assert any(e["date_start"] == "2024-02-02" and e["date_basis"].startswith("relative") for e in seed_events), \
        "Friday relative to a Saturday publication date"


def test_events_as_csv_has_the_schema_header(tmp_path, cli):
    proc = cli("events", str(SEED), "--published", SEED_DAY, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and list(rows[0]) == list(EVENT_COLUMNS)
    assert all(json.loads(r["sources"]) for r in rows)


def test_events_does_not_touch_the_store(tmp_path, cli):
    store = tmp_path / "untouched"
    proc = cli("events", str(SEED), "--published", SEED_DAY, store=store)
    assert proc.returncode == 0
    assert not store.exists()


def test_ingest_then_reingest_then_out_files(tmp_path, cli):
    corpus = tmp_path / "corpus"
    gc.write_corpus(12, corpus, seed=4, fmt="raw", per_file=2)
    store = tmp_path / "store"
    first = run("ingest", str(corpus), "--published", "2025-03-23", "--store", str(store), "--workers", "1")
    assert first.returncode == 0, first.stderr
    summary = first.stderr.strip().splitlines()[-1]
    assert summary.startswith("ingested: 6 files, 12 articles added, 0 already stored, ")
    assert len(EventStore(store).articles()) == 12
    again = cli("ingest", str(corpus), "--published", "2025-03-23", "--store", str(store), "--workers", "1")
    assert again.returncode == 0
    assert "6 unchanged, 0 articles added" in again.stderr
    for suffix in (".jsonl", ".csv", ".parquet"):
        out = tmp_path / f"events{suffix}"
        proc = cli("ingest", str(corpus), "--published", "2025-03-23", "--store", str(store), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert f"events written to {out}" in proc.stderr
        if suffix == ".jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert rows and list(rows[0]) == list(EVENT_COLUMNS)
        elif suffix == ".csv":
            with open(out, encoding="utf-8") as fh:
                assert next(csv.reader(fh)) == list(EVENT_COLUMNS)
        else:
            assert pq.read_table(out).column_names == list(EVENT_COLUMNS)
    assert len(EventStore(store).articles()) == 12  # --out re-read the files but stored nothing twice


def test_ingest_default_store_comes_from_the_environment(tmp_path, cli):
    corpus = tmp_path / "c"
    gc.write_corpus(2, corpus, seed=1, fmt="jsonl", per_file=2)
    proc = cli("ingest", str(corpus), store=tmp_path / "envstore")
    assert proc.returncode == 0, proc.stderr
    assert len(EventStore(tmp_path / "envstore").articles()) == 2


def test_dates_lists_each_article_with_its_date(tmp_path, cli):
    proc = run("dates", str(SEED), "--format", "jsonl", "--published", SEED_DAY)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 4
    for row in rows:
        assert row["published"] == SEED_DAY
        assert row["title"]
    text = cli("dates", str(SEED))  # the manifest beside the samples dates each article
    assert text.returncode == 0, text.stderr
    assert "Nasrallah" in text.stdout and "Jordan" in text.stdout


def test_stats_and_compact(tmp_path, cli):
    corpus = tmp_path / "c"
    gc.write_corpus(6, corpus, seed=2, fmt="raw", per_file=2)
    store = tmp_path / "s"
    assert cli("ingest", str(corpus), "--store", str(store), "--batch-size", "2", "--published", "2025-01-05").returncode == 0
    stats = json.loads(cli("stats", "--store", str(store)).stdout)
    assert stats["articles"] == 6 and stats["batches"] == 3
    proc = cli("compact", "--store", str(store))
    assert proc.returncode == 0 and "compacted 3 batches into 1" in proc.stderr
    assert json.loads(cli("stats", "--store", str(store)).stdout)["batches"] == 1
