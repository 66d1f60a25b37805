"""The yardstick (../shared/realtext, text nobody here wrote) stands for articles we have never seen: its sentences
must never enter the project, not even as comments or test examples. Checked where the yardstick is present."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REALTEXT = ROOT.parent / "shared" / "realtext"
RUN = 7  # words in a row that, shared with a yardstick document, show its text was copied
_WORD = re.compile(r"[A-Za-z0-9'-]+")


def _runs(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not (REALTEXT / "documents.jsonl").exists(), reason="shared/ folder absent")
def test_no_yardstick_sentence_is_in_the_project():
    yardstick: set[str] = set()
    for line in (REALTEXT / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        yardstick |= _runs(json.loads(line)["text"])
    files = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    copied = {}
    for name in files:
        if not name.endswith((".py", ".yaml", ".txt", ".md", ".csv", ".toml", ".jsonl")) or name.startswith("data/"):
            continue  # data/samples hold real articles users paste (the seeds), not the yardstick
        shared = _runs((ROOT / name).read_text(encoding="utf-8", errors="replace")) & yardstick
        if shared:
            copied[name] = sorted(shared)[:3]
    assert copied == {}
