"""Bad input at the command line: one clear line naming the file and the problem, exit code 2,
and the good files of the batch still processed (the issue-7 catalogue, CLI level; issue 16: text
that is not language is refused, text in any script is read)."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.cli import main
from loaders.store import EventStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from junk_samples import GENUINE, JUNK, keyboard_mash, random_high, random_printable  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
GOOD = "Israeli Jets Strike Port\n\nIsraeli jets struck the port of Hodeidah on Sunday, officials said.\n"
PNG = b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(2000)


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, cwd=PROJECT,
                          env=env, timeout=300)


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def cli(capsys):
    """`python -m loaders ARGS` in this process (same code path as the subprocess, minus start-up):
    returns a CompletedProcess-like result."""

    def call(*args: str) -> subprocess.CompletedProcess:
        try:
            code = main([*args, "--no-progress"] if args and args[0] in ("ingest", "events", "dates") else list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return call


TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


@pytest.mark.parametrize("value, words", [
    ("2025-13-01", "2025-13-01"),
    ("yesterday-ish", "yesterday-ish"),
    ("2025-02-30", "2025-02-30"),
    (TOMORROW, "future"),
    ("1899-12-31", "1900"),
])
@pytest.mark.parametrize("command", ["ingest", "events", "dates"])
def test_bad_published_exits_2_with_one_line(tmp_path, cli, command, value, words):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    extra = ["--store", str(tmp_path / "store")] if command == "ingest" else []
    proc = cli(command, str(good), "--published", value, *extra)
    assert proc.returncode == 2
    lines = error_lines(proc)
    assert len(lines) == 1 and lines[0].startswith("error: --published: ")
    assert words.lower() in lines[0].lower()
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert not (tmp_path / "store" / "batches").exists() or not any((tmp_path / "store" / "batches").iterdir())


def test_bad_published_in_a_real_process(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    proc = run("ingest", str(good), "--published", "2025-02-30", "--store", str(tmp_path / "s"))
    assert proc.returncode == 2
    (line,) = error_lines(proc)
    assert line.startswith("error: --published: ") and "2025-02-30" in line
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["ingest", "events", "dates"])
def test_nonexistent_path(tmp_path, cli, command):
    missing = tmp_path / "nope.txt"
    proc = cli(command, str(missing), "--published", "2025-03-23", *(["--store", str(tmp_path / "s")]
                                                                    if command == "ingest" else []))
    assert proc.returncode == 2
    assert error_lines(proc) == [f"error: {missing}: no such file"]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name, data, problem", [
    ("photo.png", PNG, "binary file (PNG image), not text"),
    ("report.txt", PNG, "binary file (PNG image), not text"),  # the suffix lies: the bytes decide
    ("empty.txt", b"", "empty file (0 bytes)"),
    ("rows.csv", b"a,b\n1,2\n", "no 'text' or 'body' column (columns: a, b)"),
])
def test_single_bad_file(tmp_path, cli, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    proc = cli("events", str(path), "--published", "2025-03-23")
    assert proc.returncode == 2
    assert error_lines(proc) == [f"error: {path}: {problem}"]
    assert proc.stdout == ""


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """A folder mixing good files with the bad-input catalogue."""
    folder = tmp_path_factory.mktemp("cli") / "incoming"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_good.jsonl").write_text("\n".join([
        json.dumps({"title": "Houthis Claim Drone Attack", "text": "The Houthis said they attacked a ship in the "
                    "Red Sea with drones on 12 March 2025.", "published": "2025-03-13"}),
        '{"title": "Broken", "text": ',
        json.dumps({"title": "Iraq Denies Report", "text": "The Iraqi government denied the report on Monday.",
                    "published": "2025-03-17"}),
    ]), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(PNG)
    (folder / "noise.bin").write_bytes(random.Random(11).randbytes(5000))
    (folder / "rows.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with (folder / "big.txt").open("wb") as fh:  # sparse, 50 MB on paper
        fh.truncate(50 * 1024 * 1024)
    return folder


EXPECTED = {
    "empty.txt": "empty file (0 bytes)",
    "image.png": "binary file (PNG image), not text",
    "noise.bin": "binary file (unrecognised binary data with NUL bytes), not text",
    "rows.csv": "no 'text' or 'body' column (columns: a, b)",
    "big.txt": "50 MB is over the 20 MB limit",
}


def test_ingest_batch_keeps_good_files_and_names_each_bad_one(tmp_path, batch):
    store = tmp_path / "store"
    proc = run("ingest", str(batch), "--store", str(store), "--workers", "1")
    assert proc.returncode == 2
    lines = error_lines(proc)
    for name, problem in EXPECTED.items():
        assert f"error: {batch / name}: {problem}" in lines
    assert any(line.startswith(f"error: {batch / 'b_good.jsonl'} line 2: invalid JSON") for line in lines)
    assert len(lines) == len(EXPECTED) + 1
    assert "Traceback" not in proc.stderr
    titles = set(EventStore(store).articles()["title"])
    assert titles == {"Israeli Jets Strike Port", "Houthis Claim Drone Attack", "Iraq Denies Report"}
    assert proc.stderr.strip().splitlines()[-1].startswith("ingested: ")


def test_ingest_batch_with_process_pool_reports_the_same(tmp_path, batch):
    proc = run("ingest", str(batch), "--store", str(tmp_path / "store"), "--workers", "2")
    assert proc.returncode == 2
    assert sorted(error_lines(proc)) == sorted(
        [f"error: {batch / n}: {p}" for n, p in EXPECTED.items()]
        + [line for line in error_lines(proc) if " line 2: invalid JSON" in line])
    assert len(EventStore(tmp_path / "store").articles()) == 3


def test_events_batch_prints_good_events_and_names_bad_files(batch, cli):
    proc = cli("events", str(batch), "--format", "jsonl")
    assert proc.returncode == 2
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {"Israeli Jets Strike Port", "Houthis Claim Drone Attack"} <= {e["title"] for e in events}
    assert f"error: {batch / 'image.png'}: binary file (PNG image), not text" in error_lines(proc)


def test_bad_files_are_retried_on_the_next_ingest(tmp_path, batch, cli):
    store = tmp_path / "store"
    cli("ingest", str(batch), "--store", str(store), "--workers", "1")
    again = cli("ingest", str(batch), "--store", str(store), "--workers", "1")
    assert again.returncode == 2  # still broken, still reported: never silently marked as done
    assert f"error: {batch / 'image.png'}: binary file (PNG image), not text" in error_lines(again)
    assert "0 articles added" in again.stderr


@pytest.mark.parametrize("args, message", [
    (["--out", "events.xlsx"], "--out: events.xlsx: unsupported format '.xlsx'"),
    (["--workers", "-1"], "must be 0 (all cores) or more"),
    (["--engine", "spark"], "invalid choice: 'spark'"),
])
def test_bad_options_are_one_line(tmp_path, cli, args, message):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    proc = cli("ingest", str(good), "--store", str(tmp_path / "s"), *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_folder_without_articles(tmp_path, cli):
    folder = tmp_path / "empty_folder"
    folder.mkdir()
    (folder / "README.md").write_text("notes", encoding="utf-8")
    proc = cli("events", str(folder))
    assert proc.returncode == 2
    assert error_lines(proc) == [f"error: {folder}: the folder holds no article files"]


def test_unwritable_store_is_one_line(tmp_path, cli):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the store folder should be", encoding="utf-8")
    proc = cli("ingest", str(good), "--store", str(blocker / "store"))
    assert proc.returncode == 2
    (line,) = error_lines(proc)
    assert line.startswith(f"error: {blocker / 'store'}") and "Not a directory" in line


# --- not written language (issue 16) -----------------------------------------------------------
@pytest.mark.parametrize("name, data, word", JUNK, ids=[name for name, _, _ in JUNK])
def test_junk_file_is_refused_in_one_line(tmp_path, cli, name, data, word):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    proc = cli("events", str(path), "--published", "2025-03-23")
    assert proc.returncode == 2
    (line,) = error_lines(proc)
    assert line.startswith(f"error: {path}: not written language") and word in line
    assert proc.stdout == "" and "Traceback" not in proc.stderr


@pytest.mark.parametrize("kind, text", GENUINE, ids=[kind for kind, _ in GENUINE])
def test_genuine_text_in_any_script_is_read(tmp_path, cli, kind, text):
    path = tmp_path / f"{kind}.txt"
    path.write_text(text, encoding="utf-8")
    proc = cli("dates", str(path), "--format", "jsonl")
    assert (proc.returncode, error_lines(proc)) == (0, [])
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    title, _, body = text.partition("\n\n")
    assert row["source"] == f"{kind}.txt#1" and (row["title"] == title or not body)


def test_random_bytes_4kb_and_3mb_are_not_stored(tmp_path):
    """The issue's case: random bytes without NULs were stored as an article with a gibberish title."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "random_4kb.txt").write_bytes(random_high(4096, 16))
    (folder / "random_3mb.txt").write_bytes(random_printable(3 * 1024 * 1024, 16))
    (folder / "mash.txt").write_bytes(keyboard_mash(100, 16))
    store = tmp_path / "store"
    proc = run("ingest", str(folder), "--store", str(store), "--workers", "1", "--published", "2025-03-23")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = error_lines(proc)
    assert sorted(line.split(": not written language")[0] for line in lines) == \
        [f"error: {folder / name}" for name in ("mash.txt", "random_3mb.txt", "random_4kb.txt")]
    assert set(EventStore(store).articles()["title"]) == {"Israeli Jets Strike Port"}
    assert "1 article added" in proc.stderr
