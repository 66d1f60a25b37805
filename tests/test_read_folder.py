"""Folder walks and error pickling: what every entry point (CLI, ingest, dashboard) relies on."""
from __future__ import annotations

import pickle
from pathlib import Path

from loaders.errors import InputError
from loaders.read import iter_files, read_path

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def test_folder_walk_skips_manifest_and_readme(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Houthis Strike Ship\n\nThe Houthis struck a ship on Sunday.\n")
    (tmp_path / "manifest.csv").write_text("file,index,title,published\na.txt,1,,2025-03-23\n")
    (tmp_path / "README.md").write_text("# notes about this folder\n")
    names = [p.name for p in iter_files(tmp_path)]
    assert names == ["a.txt"]
    result = read_path(tmp_path)
    assert [a.title for a in result.articles] == ["Houthis Strike Ship"]
    assert result.errors == []


def test_a_readme_named_explicitly_is_still_read(tmp_path: Path) -> None:
    readme = tmp_path / "README.txt"
    readme.write_text("Iran Warns Israel\n\nIran warned Israel on Monday of a harsh response.\n")
    assert [a.title for a in read_path(readme).articles] == ["Iran Warns Israel"]


def test_bundled_samples_read_as_exactly_the_manifest_articles() -> None:
    result = read_path(SAMPLES)
    assert result.errors == []
    manifest_rows = [line for line in (SAMPLES / "manifest.csv").read_text().splitlines()
                     if line.strip() and not line.startswith("#")][1:]
    assert len(result.articles) == len(manifest_rows) >= 12


def test_input_error_survives_pickling() -> None:
    err = pickle.loads(pickle.dumps(InputError("dir/a.txt", "empty file (0 bytes)")))
    assert isinstance(err, InputError)
    assert (err.path, err.problem, str(err)) == ("dir/a.txt", "empty file (0 bytes)", "dir/a.txt: empty file (0 bytes)")
