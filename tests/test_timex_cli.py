"""`python -m loaders.timex`: the JSON-lines protocol of shared/timex/eval_timex.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "loaders.timex", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_dct_mode_prints_one_json_line_per_expression():
    text = "Drones hit the port on Tuesday. The navy will respond next week."
    p = run(["--dct", "2025-03-23"], text)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(r["text"], r["value"]) for r in rows] == [("Tuesday", "2025-03-18"), ("next week", "2025-W13")]
    for r in rows:
        assert {"start", "end", "text", "type", "value", "range_start", "range_end"} <= set(r)
        assert text[r["start"]:r["end"]] == r["text"]
    assert rows[0]["range_start"] == rows[0]["range_end"] == "2025-03-18"


def test_bad_dct_is_a_one_line_error():
    p = run(["--dct", "23/03/2025"], "Tuesday")
    assert p.returncode == 2
    assert "YYYY-MM-DD" in p.stderr


def test_serve_answers_each_request_in_order():
    reqs = [{"id": "a", "dct": "2025-03-23", "text": "Talks collapsed on March 18."},
            {"id": "b", "dct": "1998-01-08", "text": "Stocks fell yesterday."},
            {"id": "c", "dct": None, "text": "On March 18 the vote was held."}]
    stdin = "\n".join(json.dumps(r) for r in reqs) + "\nnot json\n"
    p = run(["--serve"], stdin)
    assert p.returncode == 0, p.stderr
    answers = [json.loads(line) for line in p.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a", "b", "c", None]
    assert answers[0]["timexes"][0]["value"] == "2025-03-18"
    assert answers[1]["timexes"][0]["value"] == "1998-01-07"
    assert answers[2]["timexes"][0]["value"] == "XXXX-03-18"
    assert answers[3]["timexes"] == [] and "error" in answers[3]
