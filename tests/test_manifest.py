"""Sidecar manifest: the documented CSV/JSON formats, matching rules, and atomic saving that
the dashboard relies on to keep a user's correction."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from loaders.dating import Manifest, resolve_published
from loaders.dating import parsing as parsing_mod
from loaders.models import Article, article_key
from loaders.settings import SAMPLES_DIR, Settings

D = dt.date
SETTINGS = Settings()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(parsing_mod, "today", lambda: D(2026, 11, 25))


def article(folder: Path, file: str, position: int, title: str, body: str = "Nothing dated here.") -> Article:
    paragraphs = (body,)
    return Article(article_id=article_key(title, paragraphs), title=title, paragraphs=paragraphs,
                   source=f"{file}#{position}", source_path=str(folder / file), position=position)


CSV = """# Publication dates for this folder.
# FORMAT: file,index,title,published
# EXAMPLE: gaza.txt,2,Hostages Freed,2023-11-25
file,index,title,published
gaza.txt,1,Israel Declares War After Hamas Launches Surprise Attack,2023-10-08
gaza.txt,2,"Hostages Freed as Truce Takes Hold in Gaza",2023-11-25
iran.txt,,Ceasefire Between Israel and Iran Holds After 12-Day War,2025-06-25
,,A title known in any file,2024-01-01
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "manifest.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("file, position, title, expected", [
    ("gaza.txt", 1, "Israel Declares War After Hamas Launches Surprise Attack", D(2023, 10, 8)),
    ("gaza.txt", 2, "Hostages freed as truce takes hold in Gaza", D(2023, 11, 25)),  # case/punctuation folded
    ("gaza.txt", 1, "Hostages Freed as Truce Takes Hold in Gaza", D(2023, 11, 25)),  # title beats a shifted index
    ("gaza.txt", 2, "A different article", D(2023, 11, 25)),  # index is the key when no title matches
    ("iran.txt", 7, "Ceasefire Between Israel and Iran Holds After 12-Day War", D(2025, 6, 25)),  # empty index
    ("other.txt", 3, "A title known in any file", D(2024, 1, 1)),  # row without a file
    ("gaza.txt", 3, "Not listed", None),
    ("lebanon.txt", 1, "Israel Declares War After Hamas Launches Surprise Attack", None),  # other file
])
def test_lookup_by_file_and_index_or_title(folder, file, position, title, expected):
    manifest = Manifest.find(folder)
    assert manifest is not None and manifest.problems == []
    assert manifest.lookup(article(folder, file, position, title)) == expected


def test_json_manifest_has_the_same_keys(tmp_path):
    rows = [{"file": "a.txt", "index": 1, "title": "First", "published": "2025-03-23"},
            {"file": "a.txt", "index": None, "title": "Second", "published": "2025-06-29"}]
    (tmp_path / "manifest.json").write_text(json.dumps(rows), encoding="utf-8")
    manifest = Manifest.find(tmp_path)
    assert manifest.lookup(article(tmp_path, "a.txt", 1, "First")) == D(2025, 3, 23)
    assert manifest.lookup(article(tmp_path, "a.txt", 2, "Second")) == D(2025, 6, 29)


def test_find_returns_none_without_a_manifest(tmp_path):
    assert Manifest.find(tmp_path) is None
    new = Manifest.for_directory(tmp_path)
    assert new.path == tmp_path / "manifest.csv" and new.rows == []


@pytest.mark.parametrize("row, problem", [
    ("gaza.txt,1,T,2025-13-01", "'2025-13-01' is not a valid date (YYYY-MM-DD)"),
    ("gaza.txt,first,T,2025-01-01", "index 'first' is not a whole number"),
    (",,,2025-01-01", "a row needs a file or a title"),
])
def test_bad_rows_are_reported_with_file_and_line(tmp_path, row, problem):
    (tmp_path / "manifest.csv").write_text("# c\nfile,index,title,published\n" + row + "\n", encoding="utf-8")
    manifest = Manifest.find(tmp_path)
    assert manifest.rows == []
    assert manifest.problems == [f"{tmp_path / 'manifest.csv'}:3: {problem}"]


def test_bad_json_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "manifest.json").write_text("[{", encoding="utf-8")
    manifest = Manifest.find(tmp_path)
    assert manifest.rows == [] and "not valid JSON" in manifest.problems[0]


def test_set_and_save_round_trip_keeps_comments(folder):
    manifest = Manifest.find(folder)
    manifest.set(article(folder, "gaza.txt", 2, "Hostages Freed as Truce Takes Hold in Gaza"), D(2023, 11, 24))
    manifest.set(article(folder, "red_sea.txt", 4, "Oman Says US and Houthis Agree"), D(2025, 5, 7))
    manifest.save()
    text = (folder / "manifest.csv").read_text(encoding="utf-8")
    assert text.startswith("# Publication dates for this folder.")
    again = Manifest.find(folder)
    assert again.lookup(article(folder, "gaza.txt", 2, "Hostages Freed as Truce Takes Hold in Gaza")) == D(2023, 11, 24)
    assert again.lookup(article(folder, "red_sea.txt", 4, "Oman Says US and Houthis Agree")) == D(2025, 5, 7)
    assert len(again.rows) == 5  # one updated, one added
    assert not [p for p in folder.iterdir() if p.name.startswith(".manifest-")]


def test_save_json_keeps_json(tmp_path):
    (tmp_path / "manifest.json").write_text("[]", encoding="utf-8")
    manifest = Manifest.find(tmp_path)
    manifest.set(article(tmp_path, "a.txt", 1, "First"), D(2025, 3, 23))
    manifest.save()
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8")) == [
        {"file": "a.txt", "index": 1, "title": "First", "published": "2025-03-23"}]


def test_failed_save_leaves_the_old_file_whole(folder, monkeypatch):
    before = (folder / "manifest.csv").read_text(encoding="utf-8")
    manifest = Manifest.find(folder)
    manifest.set(article(folder, "gaza.txt", 1, "Israel Declares War After Hamas Launches Surprise Attack"),
                 D(2023, 10, 9))

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        manifest.save()
    assert (folder / "manifest.csv").read_text(encoding="utf-8") == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".manifest-")]


def test_set_rejects_what_is_not_a_date(folder):
    with pytest.raises(TypeError):
        Manifest.find(folder).set(article(folder, "gaza.txt", 1, "x"), "2025-01-01")


def test_a_correction_saved_then_re_resolved(folder):
    """The dashboard flow: the user corrects an estimate, it is saved, the article is re-dated."""
    (folder / "lebanon.txt").write_text("x", encoding="utf-8")
    art = article(folder, "lebanon.txt", 1, "Strikes Hit Beirut Suburbs",
                  "On Sunday, Prime Minister Benjamin Netanyahu said the strikes would go on.")
    before = resolve_published(art, SETTINGS)
    assert before.published_basis == "estimated"
    manifest = Manifest.for_directory(folder)
    manifest.set(art, D(2024, 9, 29))
    manifest.save()
    after = resolve_published(art, SETTINGS)  # finds the saved manifest beside the file
    assert (after.published, after.published_basis, after.published_confidence) == (D(2024, 9, 29), "manifest", 1.0)


def test_the_bundled_sample_manifest_dates_every_sample_article():
    from loaders.read import read_path

    manifest = Manifest.find(SAMPLES_DIR)
    assert manifest is not None and manifest.problems == []
    articles = [a for a in read_path(SAMPLES_DIR, SETTINGS).articles if a.source_path.endswith(".txt")
                and not a.source_path.endswith("README.md")]
    assert articles and all(manifest.lookup(a) is not None for a in articles)
    dated = [resolve_published(a, SETTINGS) for a in articles]
    assert all(a.published_basis == "manifest" for a in dated)
