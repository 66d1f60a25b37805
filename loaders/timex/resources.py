"""Read the tagger's data files (loaders/rules/timex/*.txt) into plain Python tables.

Why a module of its own: the finder (regex macros) and the resolver (values of words)
read the same normalization files; loading them once here keeps both in step and keeps
every word list editable by an analyst without touching Python.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parents[1] / "rules" / "timex"


def content_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a rules file."""
    out = []
    for raw in (RULES_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def read_sections(name: str) -> dict[str, list[str]]:
    """A file of `[section]` headers followed by one entry per line."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in content_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def read_mapping(name: str) -> dict[str, list[tuple[str, str]]]:
    """`VALUE: alias | alias` lines, per section -> {section: [(alias, value), ...]}."""
    out: dict[str, list[tuple[str, str]]] = {}
    for section, lines in read_sections(name).items():
        pairs = out.setdefault(section, [])
        for line in lines:
            value, _, aliases = line.partition(":")
            for alias in aliases.split("|"):
                alias = alias.strip()
                if alias:
                    pairs.append((alias, value.strip()))
    return out


_SPACES = re.compile(r"\s+")
_ODD = re.compile(r"\s\s|[\t\n\r\f\v\u00a0’]")


def norm_key(s: str) -> str:
    """Lookup key for a matched word: lower case, single spaces, straight apostrophe."""
    if _ODD.search(s):
        s = _SPACES.sub(" ", s.replace("’", "'"))
    return s.strip().lower()


def _trie(words: list[str]) -> str:
    """Regex for a set of literal words as a trie: one branch per first letter, so the
    regex engine does not try dozens of alternatives at every position."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        if end:
            body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
        return body

    return emit(root)


def alternation(aliases: list[str]) -> str:
    """Regex alternation of aliases (as a trie). Capitalised aliases stay case-sensitive
    (with an ALL-CAPS variant) so that "may" or "We" never read as dates."""
    cased = sorted({a for a in aliases if a[:1].isupper()} | {a.upper() for a in aliases if a[:1].isupper()})
    plain = sorted({a.lower() for a in aliases if not a[:1].isupper()})
    parts = []
    if cased:
        parts.append(f"(?-i:{_trie(cased)})")
    if plain:
        parts.append(_trie(plain))
    return "(?:" + "|".join(parts) + ")"


@dataclass
class Lexicon:
    """Every word table the tagger needs, keyed by `norm_key` of the word."""

    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    pods: dict[str, str] = field(default_factory=dict)
    mods: dict[str, str] = field(default_factory=dict)
    rels: dict[str, int] = field(default_factory=dict)
    holidays: dict[str, str] = field(default_factory=dict)
    macros: dict[str, str] = field(default_factory=dict)
    future_cues: frozenset[str] = frozenset()
    past_cues: frozenset[str] = frozenset()
    reporting_cues: frozenset[str] = frozenset()
    not_past: frozenset[str] = frozenset()
    future_phrases: tuple[str, ...] = ()
    past_auxiliaries: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    ambiguous_before: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()
    not_after_year: frozenset[str] = frozenset()
    not_before_year: frozenset[str] = frozenset()


def _same(v: str) -> str:
    return v


def _modifier_key(s: str) -> str:
    return norm_key(s).rstrip("-")  # "mid-" and "mid" are one modifier


#: (file in rules/timex, Lexicon attribute, macro name, key of a word, value conversion)
_WORD_TABLES: tuple[tuple[str, str, str, Callable[[str], str], Callable[[str], object]], ...] = (
    ("weekdays.txt", "weekdays", "WEEKDAY", norm_key, int),
    ("numbers.txt", "numbers", "NUMWORD", norm_key, _same),
    ("ordinals.txt", "ordinals", "ORDINAL", norm_key, int),
    ("units.txt", "units", "UNIT", norm_key, _same),
    ("seasons.txt", "seasons", "SEASON", norm_key, _same),
    ("parts_of_day.txt", "pods", "POD", norm_key, _same),
    ("modifiers.txt", "mods", "MOD", _modifier_key, _same),
    ("relatives.txt", "rels", "REL", norm_key, int),
    ("holidays.txt", "holidays", "HOLIDAY", norm_key, _same),
)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load all normalization files once per process."""
    lx = Lexicon()
    macros: dict[str, str] = {}

    months = read_mapping("months.txt")
    full = months.get("", [])
    abbr = months.get("abbreviations", [])
    lx.months = {norm_key(a): int(v) for a, v in full + abbr}
    macros["MONTH_FULL"] = alternation([a for a, _ in full])
    macros["MONTH"] = alternation([a for a, _ in full + abbr])

    # one word file -> one Lexicon table (keyed by norm_key, values converted) and one pattern macro
    for file, attr, macro, key, convert in _WORD_TABLES:
        rows = read_mapping(file)[""]
        setattr(lx, attr, {key(a): convert(v) for a, v in rows})
        macros[macro] = alternation([a for a, _ in rows])
        if attr == "units":
            macros["UNIT_SG"] = alternation([a for a, _ in rows if not a.endswith("s") or a.endswith("ss")])
            macros["UNIT_PL"] = alternation([a for a, _ in rows if a.endswith("s")])

    cues = read_sections("tense_cues.txt")
    lx.future_cues = frozenset(w.lower() for w in cues.get("future", []))
    lx.past_cues = frozenset(w.lower() for w in cues.get("past", []))
    lx.reporting_cues = frozenset(w.lower() for w in cues.get("reporting", []))
    lx.not_past = frozenset(w.lower() for w in cues.get("not_past", []))
    lx.past_auxiliaries = frozenset(w.lower() for w in cues.get("past_auxiliaries", []))
    lx.future_phrases = tuple(norm_key(w) for w in cues.get("future_phrases", []))

    amb = read_sections("ambiguous.txt")
    lx.ambiguous = frozenset(norm_key(w) for w in amb.get("words", []))
    lx.ambiguous_before = frozenset(norm_key(w) for w in amb.get("before", []))
    lx.never = frozenset(norm_key(w) for w in amb.get("never", []))
    lx.not_after_year = frozenset(norm_key(w) for w in amb.get("not_after_year", []))
    lx.not_before_year = frozenset(norm_key(w) for w in amb.get("not_before_year", []))

    for line in content_lines("patterns.txt"):
        name, _, pat = line.partition("=")
        macros[name.strip()] = pat.strip()
    lx.macros = macros
    return lx
