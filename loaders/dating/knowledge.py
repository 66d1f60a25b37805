"""Loads the dating rules (anchor events, terms of office, cue words) into compiled form.

Why a module of its own: the files under loaders/rules/ are edited by analysts; this is the
one place that knows their formats, validates them with messages naming file and line, and
compiles them once per process (the estimator runs per article and must stay cheap).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders.rulefiles import numbered_lines, rule_yaml
from loaders.settings import RULES_DIR

ANCHORS_FILE = RULES_DIR / "anchor_events.csv"
OFFICES_FILE = RULES_DIR / "offices.csv"
CUES_FILE = RULES_DIR / "dating_cues.txt"
MODEL_FILE = RULES_DIR / "dating_model.yaml"

CUE_SECTIONS = ("published", "future", "hypothetical", "not_a_bound", "open_since", "not_current", "office_ended", "not_current_after", "other_office", "honorifics",
                "office_designate", "office_new", "office_outgoing", "same_day", "day_before", "elapsed", "approximately",
                "ongoing_before", "perfect", "ongoing_after", "pause", "ordinal_elapsed", "filename")
#: sections whose patterns stay apart (they reuse group names) and match case-sensitively
SEPARATE_SECTIONS = ("ordinal_elapsed", "filename")


class RulesError(ValueError):
    """A rules file that does not parse: the message names the file, the line and the problem."""


def _data_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) for lines that are neither blank nor # comments (the one rule-file reader)."""
    return numbered_lines(path)


def _csv_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    lines = _data_lines(path)
    if not lines:
        raise RulesError(f"{path}: no header line")
    rows = list(csv.reader(line for _, line in lines))
    header = tuple(c.strip() for c in rows[0])
    if header != columns:
        raise RulesError(f"{path}:{lines[0][0]}: header must be {','.join(columns)}, not {','.join(header)}")
    out = []
    for (no, _), row in zip(lines[1:], rows[1:], strict=True):
        if len(row) != len(columns):
            raise RulesError(f"{path}:{no}: expected {len(columns)} columns, found {len(row)}")
        out.append((no, {k: v.strip() for k, v in zip(columns, row, strict=True)}))
    return out


def _day(text: str, path: Path, no: int, column: str, required: bool) -> dt.date | None:
    if not text:
        if required:
            raise RulesError(f"{path}:{no}: {column} is required (YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RulesError(f"{path}:{no}: {column} {text!r} is not a date (YYYY-MM-DD)") from None


def _either_quote(rx: str) -> str:
    """Let ' and ’ match each other (one pass: a second replace would rewrite the first's class)."""
    return re.sub("['’]", "['’]", rx)


def _phrase_regex(phrase: str) -> str:
    """A title/cue phrase as a regex: words separated by spaces or hyphens, ' matching ’,
    "..." standing for up to five words, a trailing * for any word ending."""
    parts = []
    for word in phrase.split():
        if word == "...":
            parts.append(r"(?:[\w.'’-]+\s+){0,5}?")
            continue
        star = word.endswith("*")
        word = word.rstrip("*")
        pieces = [_either_quote(re.escape(p)) for p in word.split("-")]
        rx = r"[-\s]?".join(pieces) if len(pieces) > 1 else pieces[0]
        parts.append(rx + (r"[\w'’-]*" if star else "") + r"\s+")
    out = "".join(parts)
    return out[: -len(r"\s+")] if out.endswith(r"\s+") else out


# --- cues ------------------------------------------------------------------------------------
@cache
def _cue_sections(path: Path) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = defaultdict(list)
    current = None
    for no, line in _data_lines(path):
        text = line.strip()
        if text.startswith("[") and text.endswith("]"):
            current = text[1:-1].strip()
            if current not in CUE_SECTIONS:
                raise RulesError(f"{path}:{no}: unknown section [{current}] (known: {', '.join(CUE_SECTIONS)})")
            continue
        if current is None:
            raise RulesError(f"{path}:{no}: pattern before any [section] line")
        try:
            re.compile(text)
        except re.error as exc:
            raise RulesError(f"{path}:{no}: bad regular expression ({exc})") from None
        sections[current].append(text)
    return dict(sections)


@cache
def cues(path: Path = CUES_FILE) -> dict[str, re.Pattern[str]]:
    """Section name -> one compiled, case-insensitive alternation of that section's patterns."""
    sections = _cue_sections(path)
    return {name: re.compile("|".join(f"(?:{p})" for p in sections.get(name, [r"(?!x)x"])), re.IGNORECASE)
            for name in CUE_SECTIONS if name not in SEPARATE_SECTIONS}


@cache
def cue_list(section: str, path: Path = CUES_FILE) -> tuple[re.Pattern[str], ...]:
    """The patterns of a SEPARATE_SECTIONS section, each compiled on its own, case-sensitive."""
    return tuple(re.compile(p) for p in _cue_sections(path).get(section, []))


# --- anchor events -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    """A dated event a duration, a year-less day or a sentence can be tied to.

    `specific` holds the words that make a mention of this event unmistakable (a place, a
    person, a weapon only this event had); a sentence tells of the event only when every cue
    group is there AND one of them (or the event's day, or one of its names) is too.
    """

    id: str
    start: dt.date
    end: dt.date | None
    label: str
    groups: tuple[re.Pattern[str], ...]
    names: re.Pattern[str] | None = None
    specific: re.Pattern[str] | None = None
    #: the specific words are only cue words ("US strikes on the Houthis": Houthi* is both): they make a
    #: duration's anchor specific among its rivals, but no campaign told in general words that one campaign
    specific_in_cue: bool = False

    @property
    def is_day(self) -> bool:
        return self.end == self.start

    def group_hits(self, text: str) -> list[list[int]] | None:
        """Start offsets of each cue group's words in `text`, or None if a group is missing."""
        hits = []
        for g in self.groups:
            found = [m.start() for m in g.finditer(text)]
            if not found:
                return None
            hits.append(found)
        return hits


#: cue group regex -> (case-sensitive first words, lower-cased first words): one of them must
#: occur in a text for the regex to match, a cheap test that skips most regex scans
GROUP_LITERALS: dict[re.Pattern[str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _first_word(term: str) -> str:
    return re.split(r"[\s'’*-]", term.strip(), maxsplit=1)[0]


@cache
def _cue_group(alternatives: str) -> re.Pattern[str]:
    """One cue group as a regex; the same group text always gives the same object (memo key)."""
    sensitive, insensitive = [], []
    lit_s, lit_i = [], []
    for term in (t.strip() for t in alternatives.split("|")):
        if term:
            case = any(c.isupper() for c in term)
            (sensitive if case else insensitive).append(_phrase_regex(term))
            (lit_s if case else lit_i).append(_first_word(term) if case else _first_word(term).lower())
    parts = []
    if sensitive:
        parts.append("(?:" + "|".join(sensitive) + ")")
    if insensitive:
        parts.append("(?i:" + "|".join(insensitive) + ")")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")
    GROUP_LITERALS[pattern] = (tuple(lit_s), tuple(lit_i))
    return pattern


def may_match(pattern: re.Pattern[str], text: str, lowered: str) -> bool:
    """False when `pattern` (a cue group) cannot match `text`: none of its first words occurs."""
    return literal_count(pattern, text, lowered) > 0


def literal_count(pattern: re.Pattern[str], text: str, lowered: str) -> int:
    """How often the first words of a cue group occur in `text`: 0 = no match possible; small =
    a rare group, the cheapest one to look for first."""
    lits = GROUP_LITERALS.get(pattern)
    if lits is None:
        return len(text)
    return sum(text.count(w) for w in lits[0]) + sum(lowered.count(w) for w in lits[1])


#: the anchor table in use: the benchmark swaps in a table without the happenings it scores
_ANCHOR_TABLE: list[Path] = [ANCHORS_FILE]


def anchor_file() -> Path:
    """The anchor table the estimator reads (rules/anchor_events.csv unless swapped)."""
    return _ANCHOR_TABLE[0]


@contextmanager
def use_anchor_table(path: Path) -> Iterator[None]:
    """Estimate with another anchor table (a copy without some rows), then switch back.

    Why: a benchmark must not score documents against a table that knows their own happenings.
    """
    old = _ANCHOR_TABLE[0]
    _ANCHOR_TABLE[0] = Path(path)
    try:
        yield
    finally:
        _ANCHOR_TABLE[0] = old


def anchor_name_keys(path: Path | None = None) -> tuple[tuple[str, int], ...]:
    """(longest word of a proper name, anchor index): a cheap substring test before any regex."""
    return _anchor_name_keys(path or anchor_file())


@cache
def _anchor_name_keys(path: Path) -> tuple[tuple[str, int], ...]:
    keys = []
    for i, a in enumerate(anchors(path)):
        for name in _anchor_name_list.get((path, a.id), ()):
            keys.append((max(re.findall(r"[\w]+", name), key=len), i))
    return tuple(dict.fromkeys(keys))


def anchor_name_words(path: Path | None = None) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Per anchor (by index), per proper name, every word of the name. A name's regex matches
    those words literally (case-sensitive), so a name can only match a text holding all of
    them: a substring test that spares most regex scans of the whole body."""
    return _anchor_name_words(path or anchor_file())


@cache
def _anchor_name_words(path: Path) -> tuple[tuple[tuple[str, ...], ...], ...]:
    out = []
    for a in anchors(path):
        out.append(tuple(tuple(re.findall(r"\w+", name)) for name in _anchor_name_list.get((path, a.id), ())))
    return tuple(out)


_anchor_name_list: dict[tuple[Path, str], list[str]] = {}
ANCHOR_COLUMNS = ("id", "start", "end", "cue", "specific", "names", "label")


def anchors(path: Path | None = None) -> tuple[Anchor, ...]:
    """The anchor events of `path` (default: the table in use), parsed once per file."""
    return _anchors(path or anchor_file())


@cache
def _anchors(path: Path) -> tuple[Anchor, ...]:
    out = []
    for no, row in _csv_rows(path, ANCHOR_COLUMNS):
        start = _day(row["start"], path, no, "start", True)
        end = _day(row["end"], path, no, "end", False)
        if end is not None and end < start:
            raise RulesError(f"{path}:{no}: end {end} is before start {start}")
        groups = tuple(_cue_group(g.strip()) for g in row["cue"].split(" + ") if g.strip())
        if not groups:
            raise RulesError(f"{path}:{no}: empty cue")
        names = [n.strip() for n in row["names"].split("|") if n.strip()]
        _anchor_name_list[(path, row["id"])] = names
        names_rx = None
        if names:
            alt = "|".join(_phrase_regex(n) for n in sorted(names, key=len, reverse=True))
            names_rx = re.compile(r"(?<![\w-])(?:" + alt + r")(?![\w-])")
        specific = _cue_group(row["specific"]) if row["specific"].strip() else None
        cue_words = {w.strip() for g in row["cue"].split(" + ") for w in g.split("|")}
        in_cue = specific is not None and {w.strip() for w in row["specific"].split("|")} <= cue_words
        out.append(Anchor(row["id"], start, end, row["label"] or row["id"], groups, names_rx, specific, in_cue))
    return tuple(out)


# --- terms of office ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One person's term in one office. `named` is the day the title started to be used for
    them before they took office (announced, elected, nominated): news writes "envoy Steve
    Witkoff" from the announcement on, not from the swearing-in."""

    office: str
    person: str
    start: dt.date
    end: dt.date | None
    note: str = ""
    named: dt.date | None = None
    source: str = ""


#: a capitalised word not glued to a word before it; the look-behind comes after the capital (it
#: checks the same character) so the regex engine can skip ahead to capitals instead of trying
#: the look-behind at every offset: twice as fast as `(?<![\w-])[A-Z][\w'’.-]*`, same matches
_CAP_TOKEN = re.compile(r"[A-Z](?<![\w-][A-Z])[\w'’.-]*")


@dataclass(frozen=True)
class OfficeTable:
    """Compiled offices: every name indexed by its first word, and per office the title patterns."""

    first_word: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]  # first word -> (alias, full pattern)
    terms_by_alias: dict[str, tuple[Term, ...]]
    title_before: dict[str, re.Pattern[str]]  # office -> title at the END of the text before a name
    title_after: dict[str, re.Pattern[str]]  # office -> ", the ... title" at the START of the text after
    name_words: dict[str, frozenset[str]]  # person -> lower-cased words of all their names
    title_as: dict[str, re.Pattern[str]]  # office -> "as (its new) title" at the START of the text after

    def __post_init__(self) -> None:
        # first four letters of every first word, and the first words shorter than that: a cheap
        # test that lets find_names skip most capitalised words without building their lookup keys
        object.__setattr__(self, "_heads", frozenset(k[:4] for k in self.first_word if len(k) >= 4))
        object.__setattr__(self, "_short", frozenset(k for k in self.first_word if len(k) < 4))

    def find_names(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, alias) of every listed name in `text`, longest alias at each place.

        One pass over capitalised words and a dict lookup: far cheaper than a regex
        alternation of hundreds of names.
        """
        out, skip_to = [], -1
        heads, short = self._heads, self._short
        for tok in _CAP_TOKEN.finditer(text):
            # a listed first word is a prefix of the token (’ read as '): 9 tokens in 10 fail on four letters
            t4 = tok.group(0)[:4].replace("’", "'")
            if t4 not in heads and t4[:3] not in short and t4[:2] not in short and t4[:1] not in short:
                continue
            token = tok.group(0)
            if tok.start() < skip_to:
                continue
            word = token.rstrip(".'’,").replace("’", "'")
            for key in (word, word.split("-")[0]):
                for alias, rx in self.first_word.get(key, ()):
                    m = rx.match(text, tok.start())
                    if m is not None:
                        out.append((m.start(), m.end(), alias))
                        skip_to = m.end()
                        break
                else:
                    continue
                break
        return out


def _words(name: str) -> set[str]:
    return {w.strip(".,'’").lower() for w in re.split(r"[\s-]+", name) if w.strip(".,'’")}


OFFICE_COLUMNS = ("office", "titles", "person", "aliases", "named", "start", "end", "source", "note")


@cache
def offices(path: Path = OFFICES_FILE) -> OfficeTable:
    titles: dict[str, str] = {}
    by_alias: dict[str, list[Term]] = defaultdict(list)
    name_words: dict[str, set[str]] = defaultdict(set)
    for no, row in _csv_rows(path, OFFICE_COLUMNS):
        office = row["office"]
        if row["titles"]:
            titles[office] = row["titles"]
        elif office not in titles:
            raise RulesError(f"{path}:{no}: no titles for office {office!r} (only later rows may leave it empty)")
        if not row["person"]:
            raise RulesError(f"{path}:{no}: person is required")
        start = _day(row["start"], path, no, "start", True)
        end = _day(row["end"], path, no, "end", False)
        if end is not None and end < start:
            raise RulesError(f"{path}:{no}: end {end} is before start {start}")
        named = _day(row["named"], path, no, "named", False)
        if named is not None and named > start:
            raise RulesError(f"{path}:{no}: named {named} is after start {start}")
        if not row["source"]:
            raise RulesError(f"{path}:{no}: source is required (where the dates were checked)")
        term = Term(office, row["person"], start, end, row["note"], named, row["source"])
        aliases = {row["person"], *(a.strip() for a in row["aliases"].split("|") if a.strip())}
        for alias in aliases:
            by_alias[alias].append(term)
            name_words[row["person"]] |= _words(alias)
    first: dict[str, list[tuple[str, re.Pattern[str]]]] = defaultdict(list)
    for alias in sorted(by_alias, key=len, reverse=True):
        rx = re.compile(_either_quote(re.escape(alias)).replace(r"\ ", r"\s+")
                        + r"(?![\w-])")
        head = alias.split()[0].replace("’", "'")
        first[head].append((alias, rx))
        if "-" in head:
            first[head.split("-")[0]].append((alias, rx))
    before, after, as_title = {}, {}, {}
    for office, phrase in titles.items():
        alt = "|".join(_phrase_regex(t.strip()) for t in sorted(phrase.split("|"), key=len, reverse=True))
        before[office] = re.compile(
            r"(?<![\w-])(?P<title>" + alt + r")(?P<suffix>[-\s]designate|-elect)?\s*,?\s+"
            r"(?P<mid>(?:[\w.'’-]+\s+){0,4}?)$", re.IGNORECASE)
        after[office] = re.compile(
            r"^\s*,\s+(?:(?:who\s+is|now|currently)\s+)?(?:the\s+|a\s+|an\s+)?(?P<mid>(?:[\w.'’-]+\s+){0,3}?)"
            r"(?P<title>" + alt + r")(?![\w-])", re.IGNORECASE)
        as_title[office] = re.compile(
            r"^\s*(?:,[^,.;]{0,80},)?\s*(?:as|to\s+be)\s+(?:(?:its|the|their|his|her|a|an)\s+)?"
            r"(?P<mid>(?:[\w.'’-]+\s+){0,2}?)(?P<title>" + alt + r")(?![\w-])", re.IGNORECASE)
    return OfficeTable({k: tuple(v) for k, v in first.items()}, {k: tuple(v) for k, v in by_alias.items()},
                       before, after,
                       {k: frozenset(v) for k, v in name_words.items()}, as_title)


# --- the evidence model's numbers --------------------------------------------------------------------
@cache
def model(path: Path = MODEL_FILE) -> dict:
    """rules/dating_model.yaml: how far publication lies from each kind of clue (lag profiles),
    how much a clue is trusted outside its window (floors), and the confidence calibration."""
    data = rule_yaml(str(path))
    if not isinstance(data, dict) or "profiles" not in data:
        raise RulesError(f"{path}: expected a mapping with 'profiles'")
    return data
