"""The README's command-line examples work in a fresh clone: every file they name is in the
repository (never ../shared/..., which only the development machines have), and the examples
that store nothing run and print what the README says they print."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def command_line_examples() -> list[list[str]]:
    """`python3 -m loaders ...` lines of the README's "## Command line" section (first bash block)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Command line", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("python3 -m loaders")]


def test_every_example_names_files_of_the_repository():
    examples = command_line_examples()
    assert len(examples) >= 4
    named = []
    for words in examples:
        for i, word in enumerate(words[4:], start=4):  # after "python3 -m loaders <subcommand>"
            if word.startswith("-") or words[i - 1] in ("--out", "--store", "--published", "--format"):
                continue
            named.append(word)
            assert not word.startswith(".."), f"README example names a file outside the repository: {word}"
            assert (ROOT / word).exists(), f"README example names a file a fresh clone lacks: {word}"
    assert named, "the examples should name the bundled sample files"


@pytest.mark.parametrize("subcommand", ["events", "dates"])
def test_examples_that_store_nothing_run(subcommand):
    words = next(w for w in command_line_examples() if w[3] == subcommand)
    done = subprocess.run([sys.executable, *words[1:]], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines
    if "--format" in words and words[words.index("--format") + 1] == "jsonl":
        assert all({"event_id", "date_start", "sentence"} <= json.loads(line).keys() for line in lines)
