"""The synthetic corpus: reproducible, realistic enough for the readers, sized as asked."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from loaders.models import EVENT_COLUMNS
from loaders.read import read_path
from loaders.settings import RULES_DIR, Settings
from loaders.store import EVENT_SCHEMA, frame_to_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate_corpus as gc  # noqa: E402


def test_same_seed_same_articles_other_seed_other_articles():
    a = [x.text for x in gc.generate(5, seed=3)]
    assert a == [x.text for x in gc.generate(5, seed=3)]
    assert a != [x.text for x in gc.generate(5, seed=4)]


def test_article_lengths_stay_within_300_to_900_words():
    lengths = [len(" ".join(x.paragraphs).split()) for x in gc.generate(60, seed=1)]
    assert min(lengths) >= 300 and max(lengths) <= 900
    assert max(lengths) - min(lengths) > 200  # a spread, not one size


def test_text_uses_names_from_the_project_tables():
    with open(RULES_DIR / "actors.csv", encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if line.strip() and not line.startswith("#"))
        canonical = {r["canonical"] for r in rows}
    text = " ".join(x.text for x in gc.generate(20, seed=2))
    assert sum(1 for name in canonical if name in text) >= 10


def test_missing_tables_fall_back(tmp_path):
    assert gc.load_actors(tmp_path / "absent.csv") == gc.FALLBACK_ACTORS
    assert gc.load_places(tmp_path / "absent.csv") == gc.FALLBACK_PLACES


@pytest.mark.parametrize("phrase_kind", ["relative", "absolute"])
def test_both_relative_and_absolute_dates_occur(phrase_kind):
    text = " ".join(x.text for x in gc.generate(10, seed=5))
    markers = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
               "last week", "earlier this month") if phrase_kind == "relative" else \
        tuple(f"on {m} " for m in gc.MONTHS)
    assert any(m in text for m in markers)


def test_raw_files_read_back_into_the_same_articles(tmp_path):
    paths = gc.write_corpus(7, tmp_path, seed=9, fmt="raw", per_file=3)
    assert [p.name for p in paths] == ["corpus_00000.txt", "corpus_00001.txt", "corpus_00002.txt"]
    result = read_path(tmp_path, Settings())
    assert not result.errors
    want = list(gc.generate(7, seed=9))
    assert [a.title for a in result.articles] == [w.title for w in want]
    first = result.articles[0]
    assert "TT" not in first.paragraphs  # furniture is not body text
    assert len(first.captions) == len(want[0].captions)  # captions printed twice are kept once
    assert set(first.subheadings) == set(want[0].subheadings)


def test_jsonl_records_carry_published_and_url(tmp_path):
    (path,) = gc.write_corpus(4, tmp_path, seed=1, fmt="jsonl", per_file=10)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 4 and set(records[0]) == {"title", "text", "published", "url"}
    result = read_path(path, Settings())
    assert not result.errors and len(result.articles) == 4
    assert result.articles[0].url == records[0]["url"]


def test_synthetic_events_fit_the_store_schema():
    df = gc.synthetic_events(500, seed=2)
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert len(df) == 500 and df["event_id"].is_unique
    assert (df["date_end"] >= df["date_start"]).all()
    assert frame_to_table(df).schema == EVENT_SCHEMA
    assert gc.synthetic_events(50, seed=2).equals(gc.synthetic_events(50, seed=2))


def test_command_line_writes_the_requested_number(tmp_path):
    assert gc.main(["--n", "25", "--seed", "1", "--format", "jsonl", "--out", str(tmp_path), "--per-file", "10"]) == 0
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in tmp_path.glob("*.jsonl"))
    assert lines == 25
