"""Word windows and clause boundaries of a paragraph: the look-arounds every rule asks ("the three words
before", "where does this clause open"), tokenised once per paragraph."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.actors import fold
from loaders.models import Timex
from loaders.sentences import Sentence

from .rules import Rules, date_links

_WORD = re.compile(r"[\w'-]+|[^\w\s]")


_ADJECTIVE = re.compile(r"(?:an|ian|i|ese|ish|ic)$")


_LOWER_NEXT = re.compile(r"\s+[a-z]")


_ADJACENT = re.compile(r"(?:'s?)?\s+")


#: the glue between coordinated names: "Iraq, Oman, Qatar and the United Arab Emirates"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


_ATTACH = re.compile(r"\s+(?:in|from|based in)\s+(?:the\s+)?")


@dataclass
class _Unit:
    """A paragraph or a caption, with everything found in it once."""

    index: int
    text: str
    timexes: list[Timex] = field(default_factory=list)


@lru_cache(maxsize=32)
def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """(starts, ends, words) of a paragraph, tokenised once and shared by every look-around."""
    found = list(_WORD.finditer(text))
    return [m.start() for m in found], [m.end() for m in found], [m.group() for m in found]


def _words_before(text: str, pos: int, n: int) -> list[str]:
    """The last `n` words ending before `pos` (within 80 characters), read in the folded text."""
    starts, ends, words = _tokens(fold(text))
    i = bisect.bisect_right(ends, pos)
    j = max(0, i - n)
    while j < i and starts[j] < pos - 80:
        j += 1
    return words[j:i]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    """The first `n` words starting at or after `pos` (within 80 characters), read in the folded text."""
    starts, _, words = _tokens(fold(text))
    i = bisect.bisect_left(starts, pos)
    out = words[i:i + n]
    while out and starts[i + len(out) - 1] >= pos + 80:
        out.pop()
    return out


def _prev_word_skipping(text: str, pos: int, skip: frozenset[str]) -> tuple[str, str]:
    """(word before `pos` ignoring determiners, the word before that)."""
    words = _words_before(text, pos, 6)
    words = [w for w in words if w not in ("'s", "'")]
    while words and words[-1] in skip:
        words.pop()
    if not words:
        return "", ""
    return words[-1], (words[-2] if len(words) > 1 else "")


# --- triggers ---------------------------------------------------------------------------------------
#: ", which ... ," / ", the commander of ... ,": a parenthetical that describes a name, not the main clause
_PARENTHETICAL = re.compile(r",\s+(?:which|who|whose|where|the|a|an)\s[^,;\"]*,")


_ANAPHORIC_DETERMINERS = frozenset({"the", "its", "their", "this", "that", "these", "those", "his", "her"})


@lru_cache(maxsize=256)
def _parentheticals(text: str) -> list[tuple[int, int]]:
    """Spans of parentheticals (memoised: every trigger of a sentence asks for its sentence's)."""
    return [m.span() for m in _PARENTHETICAL.finditer(text)] if "," in text else []


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


#: "... and Israel freed": a coordinated clause with its own named subject right before the verb
_NEW_SUBJECT = re.compile(r"(?:(?:,\s*|\s)(?:and|while|but)\s+|;\s*)(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                          r"(?:\s+(?:also|then|later|in turn))?\s+$")


#: "because Israel had stopped ...": a causal clause with its own named subject right before the verb
_CAUSE_SUBJECT = re.compile(r"\b(?:because|after|since)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                            r"(?:\s+(?:had|has|have))?\s+$")


#: "artillery fire and a drone strike": two nouns of one action, coordinated inside a noun phrase
_NOUN_LIST = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s+(?:(?:a|an|some)\s+)?|\s*,\s*")


#: "On Tuesday Israel accused ...": only capitalised words (and "on"/"the") before the verb, from the sentence start
_LEAD_SUBJECT = re.compile(r"(?:(?:[A-Z][\w'’.-]*|on|the)\s+){1,6}")


#: ", and the rebels said", "; the foreign ministry said": a coordinated clause with a speaker of its own
_NEW_SPEAKER = re.compile(r"(?:,\s*(?:and|while|but)|;)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*|[a-z][\w-]*)"
                          r"(?:\s+[\w'’.-]+){0,3}\s+$")


#: "comment on the killing", "an inquiry into the attack": an attack told before, as the object of a preposition
_TALKED_ABOUT = re.compile(r"\b(?:on|about|over|of|into|regarding|concerning)\s+(?:the|this|that|these|those|its|"
                           r"their|his|her)\s+(?:[\w-]+\s+)?$")


#: "in a raid", "in an overnight attack": the frame of an action the sentence already names
_IN_FRAME = re.compile(r"\b(?:in|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$")


#: "The raid", "This week's strikes": a sentence opening on an attack named before
_TOLD_AGAIN_SUBJECT = re.compile(r"(?:The|This|That|These|Those|Its|Their)(?:\s+[\w'’-]+){0,2}?\s+")


def _clause_bounds(sent: Sentence, timex_starts: set[int], r: Rules) -> list[int]:
    """Paragraph offsets where the sentence's finite clauses open, the sentence start first: ";" or a
    subordinator - "after", "before", "since", "until" only before a name or a pronoun ("after Israel killed"),
    never before a date ("after Sunday") or a noun phrase ("after the deadline")."""
    bounds = [sent.start]
    for m in r.clause_opener.finditer(sent.text):
        word = m.group().strip().lower()
        if word not in date_links().detached_clauses:
            continue  # ";", "when", "while": clauses that share the sentence's time
        nxt = sent.start + m.end()
        if nxt in timex_starts:
            continue
        if word in _PREPOSITION_LIKE:
            follow = sent.text[m.end():m.end() + 12]
            if not (follow[:1].isupper() or follow.split(" ", 1)[0].lower() in ("he", "she", "it", "they", "we")):
                continue
            if follow.split(" ", 1)[0] in ("The", "A", "An"):
                continue
        bounds.append(sent.start + m.start())
    return bounds


#: subordinators that are also prepositions ("after the deadline", "since Oct. 17")
_PREPOSITION_LIKE = frozenset({"after", "before", "since", "until", "once", "as"})


def _clause_of(bounds: list[int], pos: int) -> int:
    return bounds[bisect.bisect_right(bounds, pos) - 1]


#: "X declared war on Sunday and pounded ...", "X fired rockets, saying ...", "X retaliated by firing":
#: the second verb shares the first one's subject
_COORDINATED = re.compile(r"(?:[^,;.\"]{0,80}?\s(?:and|but|then)|[^;.\"]{0,120}?,|[^;.\"]{0,60}?\s(?:by|after|before))"
                          r"\s+(?:\w+ly\s+)?$")


_QUOTED_PHRASE = re.compile(r"[\"“][^\"“”]{0,60}[\"”]")


#: ", and the United States condemned": a new clause begins; its names are not this trigger's target
_CLAUSE_JOIN = re.compile(r",\s*(?:and|but|while)\s")


#: "were targeted by dozens of": a passive verb whose agent phrase holds the trigger noun
_PASSIVE_BY = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\s+by\s[^,;]{0,50}$")


_CLAUSE_END = re.compile(r"[,;:]|\s[-\u2013\u2014]\s")


def text_of(sent: Sentence, start: int, end: int) -> str:
    """The sentence's text between two paragraph offsets."""
    return sent.text[max(0, start - sent.start):max(0, end - sent.start)]
