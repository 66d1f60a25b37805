"""Command line of the tagger, in the JSON-lines protocol of shared/timex/eval_timex.py.

    python -m loaders.timex --dct 2025-03-23 < article.txt     one JSON line per expression
    python -m loaders.timex --serve                            {"id","dct","text"} per line in,
                                                               {"id","timexes":[...]} per line out
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import warnings
from typing import Any, TextIO

from . import MODES, tag

FIELDS = ("start", "end", "text", "type", "value", "range_start", "range_end")


def as_dicts(text: str, dct: str | dt.date | None, mode: str = "news") -> list[dict[str, Any]]:
    """Tag and return JSON-ready dicts (also usable as eval_timex --py loaders.timex.cli:as_dicts)."""
    d = dt.date.fromisoformat(dct[:10]) if isinstance(dct, str) and dct else (dct or None)
    out = []
    for t in tag(text, d, mode):
        j = t.to_json()
        out.append({k: j[k] for k in FIELDS} | {"precision": j["precision"], "basis": j["basis"], "mod": j["mod"]})
    return out


def serve(stdin: TextIO, stdout: TextIO, mode: str) -> int:
    """Answer one JSON request per line; a bad request gets an "error" answer, never a crash."""
    for line in stdin:
        line = line.strip()
        if not line:
            continue
        rid: Any = None
        try:
            req = json.loads(line)
            rid = req.get("id")
            answer = {"id": rid, "timexes": as_dicts(str(req.get("text", "")), req.get("dct") or None,
                                                    req.get("mode", mode))}
        except (ValueError, TypeError, AttributeError) as e:
            answer = {"id": rid, "timexes": [], "error": str(e)}
        stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m loaders.timex", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dct", help="publication date YYYY-MM-DD (relative dates resolve against it)")
    ap.add_argument("--mode", choices=MODES, default="news")
    ap.add_argument("--serve", action="store_true", help="JSON-lines request/answer loop on stdin/stdout")
    a = ap.parse_args(argv)
    warnings.simplefilter("ignore")  # dropped out-of-range dates must not pollute the protocol
    if a.serve:
        return serve(sys.stdin, sys.stdout, a.mode)
    if a.dct:
        try:
            dt.date.fromisoformat(a.dct)
        except ValueError:
            ap.error(f"--dct must be YYYY-MM-DD, got {a.dct!r}")
    text = sys.stdin.read()
    for d in as_dicts(text, a.dct, a.mode):
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
    return 0
