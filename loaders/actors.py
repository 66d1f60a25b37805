"""Actor alias table (rules/actors.csv) -> one compiled matcher.

Why a table: who the actors are is domain knowledge an analyst must be able to extend
without touching Python. Why one compiled alternation (a prefix trie turned into a regex,
longest alias first): matching thousands of aliases must cost one regex scan per
paragraph, not a Python loop per alias.

Also home to two small helpers the other matchers share: reading a rules CSV with `#`
header comments, and turning a list of literal phrases into a trie regex.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from loaders.rulefiles import rule_rows as read_rules_csv
from loaders.rulefiles import rule_yaml
from loaders.settings import RULES_DIR

KINDS = ("state", "armed group", "person", "institution", "civilians", "media")

#: same-length replacements so offsets in the folded text equal offsets in the original
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                       "‐": "-", "‑": "-", "\u00a0": " "})


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """Typographic quotes, dashes and no-break spaces -> ASCII, keeping every offset (memoised: every
    matcher folds the same paragraph)."""
    return text.translate(_FOLD)


def trie_pattern(phrases: Iterable[str]) -> str:
    """Regex source matching any of `phrases` (literal), preferring the longest.

    A trie keeps the alternation factored, so the regex engine walks shared prefixes
    once instead of trying every alias at every position.
    """
    trie: dict = {}
    for p in phrases:
        if not p:
            continue
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        # longer continuations first, then the option of stopping here
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def bounded(pattern: str) -> re.Pattern[str]:
    """Whole-word matcher: no letter, digit or hyphen may touch either end."""
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


@dataclass(frozen=True)
class ActorMatch:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str
    affiliations: tuple[str, ...]


@dataclass(frozen=True)
class ActorInfo:
    canonical: str
    kind: str
    affiliations: tuple[str, ...]  # direct, as written
    home_theater: str
    aliases: tuple[str, ...]


@cache
def _name_articles() -> frozenset[str]:
    return frozenset(rule_yaml("grammar.yaml", strings=True)["name_articles"])


def _variants(alias: str) -> list[str]:
    """An alias as written, with folded punctuation, and capitalised for sentence starts; a leading Arabic
    article is written either way ("Al-Shabaab", "al-Shabaab")."""
    out = {alias, fold(alias)}
    article = re.match(r"([A-Za-z]+)-", alias)
    if article and article.group(1).lower() in _name_articles() and article.group(1).lower() != "the":
        out |= {a[:1].lower() + a[1:] for a in list(out)}
    if alias[:1].islower() or article:
        out |= {a[:1].upper() + a[1:] for a in list(out)}
    return sorted(out)


class ActorTable:
    """The actor alias table: lookup by surface, affiliations, members, home theaters."""

    def __init__(self, path: Path | None = None) -> None:
        rows = read_rules_csv(path or RULES_DIR / "actors.csv")
        self.info: dict[str, ActorInfo] = {}
        self.alias_to_canonical: dict[str, str] = {}
        for row in rows:
            canonical = row["canonical"]
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            affs = tuple(a.strip() for a in row["affiliations"].split(";") if a.strip())
            self.info[canonical] = ActorInfo(canonical, row["kind"], affs, row["home_theater"], aliases)
            for alias in (canonical, *aliases):
                for v in _variants(alias):
                    # first row wins for a surface form; tests/test_rules_integrity.py forbids clashes
                    self.alias_to_canonical.setdefault(v, canonical)
        self._demonyms: dict[str, str] = {}
        self._add_world_states()
        self._regex = bounded(trie_pattern(self.alias_to_canonical))
        self._closure: dict[str, tuple[str, ...]] = {}
        self._folded = {fold(a).lower(): c for a, c in self.alias_to_canonical.items()}

    def _add_world_states(self) -> None:
        """Every state of rules/demonyms.csv is an actor: its names and demonyms join the row actors.csv already
        has for it (the same canonical), else a new `state` row whose home theater is the country itself."""
        for row in read_rules_csv(RULES_DIR / "demonyms.csv"):
            country = row["country"]
            surfaces = [country, *(a.strip() for a in (row["aliases"] + "|" + row["demonyms"]).split("|"))]
            surfaces = [x for x in surfaces if x]
            canonical = next((self.alias_to_canonical[x] for x in surfaces if x in self.alias_to_canonical), None)
            self._demonyms.setdefault(canonical or country, row["demonyms"].split("|")[0].strip())
            if canonical is None:
                canonical = country
                self.info[canonical] = ActorInfo(canonical, "state", (), country, tuple(surfaces[1:]))
            for alias in surfaces:
                for v in _variants(alias):
                    self.alias_to_canonical.setdefault(v, canonical)

    @classmethod
    def load(cls) -> ActorTable:
        """The project's table, built once per process (same object as `actor_table()`)."""
        return actor_table()

    # --- matching ---------------------------------------------------------------------
    def find(self, text: str) -> list[ActorMatch]:
        """Every actor alias in `text` (whole words, longest first, non-overlapping)."""
        folded = fold(text)
        out = []
        for m in self._regex.finditer(folded):
            s, e = m.span()
            canonical = self.alias_to_canonical[m.group()]
            info = self.info[canonical]
            out.append(ActorMatch(s, e, text[s:e], canonical, info.kind, self.affiliations(canonical)))
        return out

    def lookup(self, surface: str) -> str | None:
        """The canonical actor a whole phrase names, whatever its case ("al-Qassam brigades"), else None."""
        return self._folded.get(fold(surface).lower().strip())

    # --- relations --------------------------------------------------------------------
    def affiliations(self, canonical: str) -> tuple[str, ...]:
        """Transitive affiliations, nearest first (Qaani -> IRGC Quds Force, IRGC, Iran)."""
        got = self._closure.get(canonical)
        if got is not None:
            return got
        seen: list[str] = []
        frontier = list(self.info[canonical].affiliations) if canonical in self.info else []
        while frontier:
            a = frontier.pop(0)
            if a in seen or a == canonical:
                continue
            seen.append(a)
            if a in self.info:
                frontier.extend(self.info[a].affiliations)
        self._closure[canonical] = tuple(seen)
        return self._closure[canonical]

    def members(self, canonical: str) -> set[str]:
        """`canonical` and everyone affiliated to it, transitively (for "include affiliated")."""
        return {canonical} | {c for c in self.info if canonical in self.affiliations(c)}

    def canonical_names(self) -> list[str]:
        """Actors that can act (news outlets excluded), sorted."""
        return sorted(c for c, i in self.info.items() if i.kind != "media")

    def kind(self, canonical: str) -> str:
        return self.info[canonical].kind if canonical in self.info else ""

    def demonym(self, state: str) -> str:
        """The adjective of a state ("Russia" -> "Russian"), "" when rules/demonyms.csv has none."""
        return self._demonyms.get(state, "")

    def home_theater(self, canonical: str) -> str:
        """The actor's own home theater, else the first affiliation's that has one."""
        if canonical not in self.info:
            return ""
        if self.info[canonical].home_theater:
            return self.info[canonical].home_theater
        for a in self.affiliations(canonical):
            if a in self.info and self.info[a].home_theater:
                return self.info[a].home_theater
        return ""

    def home_ground(self, canonical: str) -> str:
        """Where an armed group fights when nothing else is said: its own home theater, or that of a group it
        belongs to, never that of a state it serves (the Wagner Group's Russia)."""
        if canonical not in self.info:
            return ""
        return self.info[canonical].home_theater or next(
            (self.info[a].home_theater for a in self.affiliations(canonical)
             if a in self.info and self.info[a].kind != "state" and self.info[a].home_theater), "")


@cache
def actor_table() -> ActorTable:
    """The project's actor table, loaded once per process."""
    return ActorTable()
