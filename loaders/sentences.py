"""Sentence splitter that keeps character offsets.

Why our own: every event must point back to the exact sentence that says so, and the
extractor works on offsets (actor, trigger and date matches found once per paragraph are
assigned to sentences by position). News text needs a few things generic splitters miss:
abbreviations ("U.S.", "Gen.", "Oct."), initials, and quotations that contain full stops
(“MAKE THE DEAL. GET THEM BACK!!!” Trump wrote.) which must stay one sentence.
The abbreviation list is data: rules/abbreviations.txt.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from loaders.rulefiles import rule_lines

_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
#: candidate boundary: terminal punctuation, optional closing quotes/brackets, then space(s)
_BOUNDARY = re.compile(r"[.!?]+[\"”’»)\]]*(?=\s+|$)")
_NEXT_START = re.compile(r"\s+([\"“‘«(\[]*)(\S)")
#: after a quotation closes, "… BACK!!!” Trump wrote on …" continues the same sentence
_ATTRIBUTION_AFTER_QUOTE = re.compile(
    r"\s+(?:[A-Z][\w.'’-]*\s+){0,4}?(?:said|says|wrote|writes|added|adds|told|asked|warned|stated|"
    r"tweeted|posted|declared|insisted|stressed)\b"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text == source[start:end]`."""

    start: int
    end: int
    text: str


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations from rules/abbreviations.txt (comment lines skipped)."""
    return frozenset(rule_lines("abbreviations.txt"))


_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _is_abbreviation(token: str) -> bool:
    token = token.lstrip("\"“‘«([")
    if token in abbreviations():
        return True
    # initials: "J." or "A.B."
    return _INITIALS.fullmatch(token) is not None


def _word_ending_at(text: str, start: int, end: int) -> str:
    """The run of non-space characters that ends at `end` (not before `start`): what the regex
    `(\\S+)$` finds in text[start:end] when text[end - 1] is no white space (here: a full stop),
    without the regex engine rescanning the sentence from its start at every full stop."""
    p = end
    while p > start and not text[p - 1].isspace():
        p -= 1
    return text[p:end]


_QUOTE_CHARS = re.compile(r'[“”"]')


class QuoteDepth:
    """Running quotation depth (curly and straight double quotes) at any offset, from the quote
    characters' positions only: no per-character loop over the paragraph."""

    def __init__(self, text: str) -> None:
        depth, straight_open = 0, False
        self.positions: list[int] = []
        self.depths: list[int] = []
        for m in _QUOTE_CHARS.finditer(text):
            ch = m.group()
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth = max(0, depth - 1)
            else:
                straight_open = not straight_open
                depth = max(0, depth + (1 if straight_open else -1))
            self.positions.append(m.start())
            self.depths.append(depth)

    def __getitem__(self, pos: int) -> int:
        i = bisect.bisect_right(self.positions, pos) - 1
        return self.depths[i] if i >= 0 else 0


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences with offsets; whitespace between sentences is dropped.

    Memoised by text (the dating signals and the extractor split the same paragraphs); the
    cached tuple of frozen sentences is copied into a fresh list so callers may mutate it."""
    return list(_split_cached(text))


@lru_cache(maxsize=512)
def _split_cached(text: str) -> tuple[Sentence, ...]:
    return tuple(_split(text))


def _split(text: str) -> list[Sentence]:
    if not text.strip():
        return []
    depth = QuoteDepth(text) if ("“" in text or '"' in text) else None
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end <= start:
            continue
        # a full stop inside an open quotation is not a boundary unless the quote closes here
        if depth is not None and depth[m.end() - 1] > 0:
            continue
        if text[m.start()] == ".":
            before = _word_ending_at(text, start, m.start() + 1)
            if before and _is_abbreviation(before):
                continue
        if text[end - 1] in "”\"" and _ATTRIBUTION_AFTER_QUOTE.match(text, end):
            continue
        nxt = _NEXT_START.match(text, end)
        if nxt is not None:
            first = nxt.group(2)
            # lower-case continuation ("said the U.S. official" / "… he said.” said Ali") is no boundary
            if first.islower():
                continue
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            sentences.append(Sentence(start + lead, end, chunk.strip()))
        start = end
    if text[start:].strip():
        chunk = text[start:]
        lead = len(chunk) - len(chunk.lstrip())
        rest = chunk.strip()
        sentences.append(Sentence(start + lead, start + lead + len(rest), rest))
    return sentences
