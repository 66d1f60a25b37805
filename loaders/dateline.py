"""The dateline opening a story: where (and often when) it was filed ("BEIRUT, March 23 (Reuters) -").

Why one module: the extractor leaves the dateline out of the first sentence (it is no part of its
grammar) and the publication-date estimate reads its day; both must agree on what a dateline is.
The patterns are data: rules/datelines.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.rulefiles import RulesError, numbered_lines, rule_path

RULES_FILE = "datelines.txt"
#: a dateline is short: only the start of the first paragraph is searched
REACH = 160


@dataclass(frozen=True)
class Dateline:
    text: str          # the dateline as written, without the dash and space that end it
    end: int           # where the story itself begins
    date: str | None   # the filing day as written ("March 23"), when the dateline gives one


@cache
def patterns() -> tuple[re.Pattern[str], ...]:
    out = []
    for no, line in numbered_lines(RULES_FILE):
        try:
            out.append(re.compile(line))
        except re.error as exc:
            raise RulesError(f"{rule_path(RULES_FILE)}:{no}: {exc}") from None
    return tuple(out)


def find(text: str) -> Dateline | None:
    """The dateline opening `text`, if it has one."""
    head = text[:REACH]
    for pattern in patterns():
        m = pattern.match(head)
        if m is not None:
            date = m.groupdict().get("date")
            return Dateline(head[:m.end()].rstrip(" \t-–—:").strip(), m.end(), date)
    return None
