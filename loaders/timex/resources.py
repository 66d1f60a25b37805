"""Read the tagger's data files (loaders/rules/timex/*.txt) into plain Python tables.

Why a module of its own: the finder (regex macros) and the resolver (values of words)
read the same normalization files; loading them once here keeps both in step and keeps
every word list editable by an analyst without touching Python. The files are read through
the project's one rule-file reader (loaders/rulefiles.py).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..rulefiles import numbered_lines, rule_lines, rule_path, rule_sections

#: the tagger's folder under loaders/rules/
RULES_DIR = rule_path("timex")


def content_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a file of rules/timex/."""
    return rule_lines(f"timex/{name}")


def numbered_content_lines(name: str) -> list[tuple[int, str]]:
    """(line number, line) of a file of rules/timex/, for error messages that name the line."""
    return numbered_lines(f"timex/{name}")


def read_sections(name: str) -> dict[str, list[str]]:
    """A file of rules/timex/ made of `[section]` headers followed by one entry per line."""
    return rule_sections(f"timex/{name}")


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
    (with an ALL-CAPS variant) so that "may" or "We" never read as dates; lower-case aliases
    match in any case."""
    cased = sorted({a for a in aliases if a[:1].isupper()} | {a.upper() for a in aliases if a[:1].isupper()})
    plain = sorted({a.lower() for a in aliases if not a[:1].isupper()})
    parts = []
    if cased:
        parts.append(f"(?-i:{_trie(cased)})")
    if plain:
        parts.append(_trie(plain))
    return "(?:" + "|".join(parts) + ")"


def with_lower_case(aliases: list[str], cased_only: frozenset[str] = frozenset()) -> list[str]:
    """The aliases, each capitalised one turned lower-case (a lower-case alias matches in any case:
    "september", "friday", "thanksgiving" in chat and social posts), except those listed as cased
    only ("may", "march", "sat." are words of their own in lower case)."""
    return [a.lower() if a[:1].isupper() and a not in cased_only else a for a in aliases]


def _pipe_list(lines: list[str]) -> frozenset[str]:
    return frozenset(w.strip() for line in lines for w in line.split("|") if w.strip())


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
    reldays: dict[str, int] = field(default_factory=dict)
    macros: dict[str, str] = field(default_factory=dict)
    future_cues: frozenset[str] = frozenset()
    past_cues: frozenset[str] = frozenset()
    reporting_cues: frozenset[str] = frozenset()
    not_past: frozenset[str] = frozenset()
    future_phrases: tuple[str, ...] = ()
    past_auxiliaries: frozenset[str] = frozenset()
    said_intentions: frozenset[str] = frozenset()
    #: words and two-word phrases of a clause that looks ahead from the time of writing
    present_future: frozenset[str] = frozenset()
    #: verbs of the time of writing ("has", "are", "says"): a paragraph with one has left the past
    news_frame: frozenset[str] = frozenset()
    #: an -ed word right after one of these (or after one adverb after one) is an adjective, no tense
    #: cue ("at an unannounced date")
    determiners: frozenset[str] = frozenset()
    modifier_adverbs: frozenset[str] = frozenset()
    #: present forms of schedule verbs: a future cue unless right after "to" ("they meet Monday")
    scheduled_present: frozenset[str] = frozenset()
    #: verbs that set a deadline: "gave them until Sunday to respond" looks ahead
    deadline_verbs: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    ambiguous_before: frozenset[str] = frozenset()
    never: frozenset[str] = frozenset()
    not_after_year: frozenset[str] = frozenset()
    not_before_year: frozenset[str] = frozenset()
    #: words before "in N days" that make it a comparison window ("the first time in 20 years")
    window_words: frozenset[str] = frozenset()
    #: words that say numeric dates of the text are written day first ("13/05/2020")
    day_first_cues: frozenset[str] = frozenset()
    #: last words of the [never] phrases that start with the word before the match ("high noon")
    never_last: frozenset[str] = frozenset()
    #: day words that, in the possessive before an era noun, name an era ("today's youth")
    era_days: frozenset[str] = frozenset()
    era_nouns: frozenset[str] = frozenset()
    #: words before a quoted title ("the film", "a show called"): a quoted title holds no expression
    title_leads: frozenset[str] = frozenset()
    #: "the March offensive": after these a month word of [words] is a month before a noun...
    before_noun: frozenset[str] = frozenset()
    #: ...unless one of these follows ("the March for Peace")
    not_before_noun: frozenset[str] = frozenset()


def _same(v: str) -> str:
    return v


def _modifier_key(s: str) -> str:
    return norm_key(s).rstrip("-")  # "mid-" and "mid" are one modifier


#: (file in rules/timex, Lexicon attribute, macro name, key of a word, value conversion, lower-case twins)
_WORD_TABLES: tuple[tuple[str, str, str, Callable[[str], str], Callable[[str], object], bool], ...] = (
    ("weekdays.txt", "weekdays", "WEEKDAY", norm_key, int, True),
    ("numbers.txt", "numbers", "NUMWORD", norm_key, _same, False),
    ("ordinals.txt", "ordinals", "ORDINAL", norm_key, int, False),
    ("units.txt", "units", "UNIT", norm_key, _same, False),
    ("seasons.txt", "seasons", "SEASON", norm_key, _same, False),
    ("parts_of_day.txt", "pods", "POD", norm_key, _same, False),
    ("modifiers.txt", "mods", "MOD", _modifier_key, _same, False),
    ("relatives.txt", "rels", "REL", norm_key, int, False),
    ("holidays.txt", "holidays", "HOLIDAY", norm_key, _same, True),
    ("relative_days.txt", "reldays", "RELDAY", norm_key, int, False),
)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load all normalization files once per process."""
    lx = Lexicon()
    macros: dict[str, str] = {}

    months = read_mapping("months.txt")
    full = [a for a, _ in months.get("", [])]
    abbr = [a for a, _ in months.get("abbreviations", [])]
    cased = _pipe_list(read_sections("months.txt").get("cased_only", []))
    lx.months = {norm_key(a): int(v) for a, v in months.get("", []) + months.get("abbreviations", [])}
    macros["MONTH_FULL"] = alternation(with_lower_case(full, cased))
    macros["MONTH"] = alternation(with_lower_case(full + abbr, cased))
    # next to a year even "may 2019" and "23-mar-2020" are dates: every name, any case
    macros["MONTH_ANY"] = alternation([a.lower() for a in full + abbr])

    # one word file -> one Lexicon table (keyed by norm_key, values converted) and one pattern macro
    for file, attr, macro, key, convert, lower in _WORD_TABLES:
        rows = read_mapping(file)[""]
        setattr(lx, attr, {key(a): convert(v) for a, v in rows})
        words = [a for a, _ in rows]
        if lower:
            words = with_lower_case(words, _pipe_list(read_sections(file).get("cased_only", [])))
        macros[macro] = alternation(words)
        if attr == "units":
            macros["UNIT_SG"] = alternation([a for a, _ in rows if not a.endswith("s") or a.endswith("ss")])
            macros["UNIT_PL"] = alternation([a for a, _ in rows if a.endswith("s")])
        if attr == "weekdays":  # "3 fridays from now", "on Mondays"; "Fri 24 Jul 2015" (next to a date only)
            macros["WEEKDAY_PL"] = alternation([a.lower() + "s" for a in words if a[-1:].isalpha()])
            short = [a[:-1] for a, _ in rows if a.endswith(".")]
            macros["WEEKDAY_SHORT"] = alternation(short)
            lx.weekdays.update({norm_key(a[:-1]): int(v) for a, v in rows if a.endswith(".")})

    cues = read_sections("tense_cues.txt")
    lx.future_cues = frozenset(w.lower() for w in cues.get("future", []))
    lx.past_cues = frozenset(w.lower() for w in cues.get("past", []))
    lx.reporting_cues = frozenset(w.lower() for w in cues.get("reporting", []))
    lx.not_past = frozenset(w.lower() for w in cues.get("not_past", []))
    lx.past_auxiliaries = frozenset(w.lower() for w in cues.get("past_auxiliaries", []))
    lx.said_intentions = frozenset(w.lower() for w in cues.get("said_intentions", []))
    lx.future_phrases = tuple(norm_key(w) for w in cues.get("future_phrases", []))
    lx.present_future = frozenset(norm_key(w) for w in cues.get("present_future", []))
    lx.news_frame = frozenset(norm_key(w) for w in cues.get("news_frame", []))
    lx.determiners = frozenset(norm_key(w) for w in cues.get("determiners", []))
    lx.modifier_adverbs = frozenset(norm_key(w) for w in cues.get("modifier_adverbs", []))
    lx.scheduled_present = frozenset(norm_key(w) for w in cues.get("scheduled_present", []))
    lx.deadline_verbs = frozenset(norm_key(w) for w in cues.get("deadline_verbs", []))

    amb = read_sections("ambiguous.txt")
    lx.ambiguous = frozenset(norm_key(w) for w in amb.get("words", []))
    lx.ambiguous_before = frozenset(norm_key(w) for w in amb.get("before", []))
    lx.never = frozenset(norm_key(w) for w in amb.get("never", []))
    lx.not_after_year = frozenset(norm_key(w) for w in amb.get("not_after_year", []))
    lx.not_before_year = frozenset(norm_key(w) for w in amb.get("not_before_year", []))
    lx.window_words = frozenset(norm_key(w) for w in amb.get("window_before_in", []))
    lx.day_first_cues = frozenset(norm_key(w) for w in amb.get("day_first", []))
    lx.never_last = frozenset(w.rsplit(" ", 1)[1] for w in lx.never if " " in w)
    lx.era_days = frozenset(norm_key(w) for w in amb.get("era_days", []))
    lx.era_nouns = frozenset(norm_key(w) for w in amb.get("era_nouns", []))
    lx.title_leads = frozenset(norm_key(w) for w in amb.get("title_leads", []))
    lx.before_noun = frozenset(norm_key(w) for w in amb.get("before_noun", []))
    lx.not_before_noun = frozenset(norm_key(w) for w in amb.get("not_before_noun", []))

    for no, line in numbered_content_lines("patterns.txt"):
        name, sep, pat = line.partition("=")
        if not sep:
            raise ValueError(f"rules/timex/patterns.txt line {no}: expected NAME = regex, got {line[:60]!r}")
        macros[name.strip()] = pat.strip()
    lx.macros = macros
    return lx
