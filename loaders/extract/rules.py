"""The extraction rules, compiled once per process from rules/event_types.yaml, coref.yaml and
date_links.yaml: trigger scanner, word sets and the regexes built from them (data stays in the files)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import yaml

from loaders.actors import bounded, fold, trie_pattern
from loaders.settings import RULES_DIR

POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})


VOICED_TYPES = frozenset({"Statement", "Appeal", "Threat/warning"})


TARGET_PREPOSITIONS = frozenset({"against", "with", "targeting"})


CAPTION_INDEX_BASE = -1  #: captions get paragraph_index -1, -2, ... (body paragraphs are 0, 1, ...)


# --- rules ---------------------------------------------------------------------------------------
def _trigger_regex(phrase: str) -> str:
    """Trigger syntax -> regex: `word*` any ending, `...` up to three words, first letter any case."""
    parts = []
    for i, tok in enumerate(phrase.split()):
        if tok == "...":
            parts.append(r"(?:\s+[\w'-]+){0,3}?")
            continue
        star = tok.endswith("*")
        tok = tok.rstrip("*")
        rx = re.escape(tok)
        if i == 0 and tok[:1].isalpha():
            rx = f"[{tok[0].lower()}{tok[0].upper()}]" + re.escape(tok[1:])
        if star:
            rx += r"[\w-]*"
        parts.append(("" if not parts else r"\s+") + rx)
    return "".join(parts)


class TriggerScanner:
    """The trigger alternation, indexed by first word: same matches as `Rules.trigger_regex.finditer`
    (first group in priority order wins at a position, matches do not overlap), but each word of the
    text tries only the phrases that can start with it, not the whole alternation - ~10x faster."""

    _WORDS = re.compile(r"(?<![\w-])[\w'-]+")

    def __init__(self, phrases: list[tuple[str, str]]) -> None:  # (phrase, group name) in priority order
        self.exact: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
        self.prefix: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
        for rank, (phrase, group) in enumerate(phrases):
            first = phrase.split()[0]
            entry = (rank, re.compile(_trigger_regex(phrase) + r"(?![\w-])"), group)
            key = first.rstrip("*")
            key = key[:1].lower() + key[1:]
            (self.prefix if first.endswith("*") else self.exact).setdefault(key, []).append(entry)
        self.max_prefix = max((len(k) for k in self.prefix), default=0)
        self._by_word: dict[str, tuple[tuple[int, re.Pattern[str], str], ...]] = {}
        # only words that may start a phrase are visited: one C-level scan skips all the others
        both = lambda keys: [v for k in keys for v in {k, k[:1].upper() + k[1:]}]  # noqa: E731
        alts = []
        if self.exact:
            alts.append(f"(?:{trie_pattern(both(self.exact))})(?![\\w'-])")
        if self.prefix:
            alts.append(f"(?:{trie_pattern(both(self.prefix))})")
        self._starts = re.compile(r"(?<![\w-])(?=" + "|".join(alts or ["(?!)"]) + r")[\w'-]+")

    def candidates(self, word: str) -> tuple[tuple[int, re.Pattern[str], str], ...]:
        """Phrases that may start with `word`, in priority order (memoised: news reuses its vocabulary)."""
        got = self._by_word.get(word)
        if got is None:
            key = word[:1].lower() + word[1:]
            cands = list(self.exact.get(key, ()))
            for k in range(1, min(len(key), self.max_prefix) + 1):
                cands.extend(self.prefix.get(key[:k], ()))
            got = tuple(sorted(cands, key=lambda c: c[0]))
            if len(self._by_word) < 200_000:
                self._by_word[word] = got
        return got

    def finditer(self, folded: str):  # -> Iterator[tuple[int, int, str]]
        pos = 0
        for w in self._starts.finditer(folded):
            start = w.start()
            if start < pos:
                continue
            cands = self.candidates(w.group())
            for _, rx, group in cands:
                m = rx.match(folded, start)
                if m:
                    yield start, m.end(), group
                    pos = m.end()
                    break


def _phrase_set(words: list[str]) -> re.Pattern[str]:
    return bounded(trie_pattern(sorted(set(words))))


def _pattern_set(phrases: list[str]) -> re.Pattern[str]:
    """Phrases in the trigger syntax (`word*` any ending, `...` a gap), as one bounded alternation."""
    if not phrases:
        return re.compile("\x00")
    body = "|".join(_trigger_regex(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


def _weapon_list_regex(weapons: list[str], fillers: list[str]) -> re.Pattern[str] | None:
    """A list of weapons joined by commas/"and" with only counts between them ("about 170 drones, more than
    30 cruise missiles and 120 ballistic missiles"): one barrage, typed by its first-named weapon."""
    if not weapons:
        return None
    weapon = r"(?<![\w-])(?:" + trie_pattern(sorted(set(weapons))) + r")(?![\w-])"
    count = r"(?:[\d][\d,.]*|" + (trie_pattern(sorted(set(fillers))) if fillers else r"\x00") + r")"
    gap = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as)\s+)(?:" + count + r"\s+){0,4}"
    return re.compile(weapon + r"(?:" + gap + r"(?:(?![\w-]*ed\s)[\w-]+\s+)?" + weapon + r")+")


@dataclass(frozen=True)
class Rules:
    trigger_regex: re.Pattern[str]
    scanner: TriggerScanner
    group_type: dict[str, tuple[str, bool]]  # regex group name -> (event type, weak?)
    category: dict[str, str]
    reporting_type: str
    threat_content: re.Pattern[str]
    negating: frozenset[str]
    refine: tuple[tuple[str, re.Pattern[str], str, bool], ...]  # (when type, context, becomes, first_named)
    weapon_regex: re.Pattern[str]
    weapon_type: dict[str, str]  # weapon word -> event type
    future_regex: re.Pattern[str]
    background_regex: re.Pattern[str]
    violent_categories: frozenset[str]
    actorless_categories: frozenset[str]
    default_actor: dict[str, str]
    pronoun_regex: re.Pattern[str]
    pronoun_kinds: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # surface -> (kinds, prefer)
    lookback: int
    title_words: frozenset[str]
    title_of: frozenset[str]
    prepositions: frozenset[str]
    locative: frozenset[str]
    determiners: frozenset[str]
    passive_aux: frozenset[str]
    not_trigger_regex: re.Pattern[str]
    background_nouns: frozenset[str]
    de_escalation: re.Pattern[str]
    paired_types: frozenset[str]
    attribution_only: frozenset[str]
    separate_actor_types: frozenset[str]
    self_report: re.Pattern[str]
    visit_type: str
    expletive_it: re.Pattern[str]
    addressees: re.Pattern[str]
    place_orders: tuple[str, ...]
    casualty_words: frozenset[str]
    continuation_types: frozenset[str]
    habitual_regex: re.Pattern[str]
    plan_regex: re.Pattern[str]
    realised_only_types: frozenset[str]
    toll_regex: re.Pattern[str]
    war_toll_regex: re.Pattern[str] = re.compile("\x00")  # "killed in Israeli strikes during the war": a summary
    predicate_regex: re.Pattern[str] = re.compile("\x00")  # "It was the second US strike": what it is called
    danger_warning_regex: re.Pattern[str] = re.compile("\x00")
    danger_yields_to: frozenset[str] = frozenset()
    position_verbs: frozenset[str] = frozenset()
    complement_lead: frozenset[str] = frozenset()
    weapon_list: re.Pattern[str] | None = None  # "170 drones, 30 cruise missiles and 120 ballistic missiles"
    stopped_markers: frozenset[str] = frozenset()  # "halting attacks": the violence is stopped, not done
    pronouns: frozenset[str] = frozenset()  # personal pronouns only (not group nouns), lower case
    leader_links: tuple[tuple[str, ...], ...] = ()  # "rebels led by X": X is the subject
    generic_strikes: frozenset[str] = frozenset()  # "struck", "hit": the weapon is the actor's, named earlier
    continuation_nouns: dict[str, re.Pattern[str]] = field(default_factory=dict)  # type -> nouns naming it
    holdings_regex: re.Pattern[str] = re.compile("\x00")  # "stores of rockets, missiles and": weapons held
    victim_kinds: frozenset[str] = frozenset()  # actor kinds never the agent of violence ("civilians")
    generic_violent_type: str = "Armed clash"  # the type weapon words refine ("attack" with no weapon named)
    unnamed_agents: re.Pattern[str] | None = None  # "two gunmen opened fire": an attacker nobody names
    interceptions: frozenset[str] = frozenset()  # "shot down": the happening is the attack intercepted
    maritime_targets: re.Pattern[str] | None = None  # "attacks on shipping": violence at sea
    release_words: frozenset[str] = frozenset()  # "freed", "handed over": captives set free
    custody_words: frozenset[str] = frozenset()  # "jails", "prisons": "from Israeli jails" names the holder
    foreign_premises: frozenset[str] = frozenset()  # "the US embassy": the country owns it, is not the place
    populations: re.Pattern[str] | None = None  # "warned residents ...": the people an order speaks to
    hedge_regex: re.Pattern[str] = re.compile("\x00")  # "may strike": speculation
    hedge_after: re.Pattern[str] = re.compile("\x00")  # "More strikes may follow": a hedged predicate
    negation_words: tuple[str, ...] = ()  # negators and negated subjects, for a cheap substring prefilter
    retelling_regex: re.Pattern[str] = re.compile("\x00")  # "The attack came ... after": placing a told attack
    habitual_after: re.Pattern[str] = re.compile("\x00")  # "struck back several times": a count, no event
    threat_outright: re.Pattern[str] = re.compile("\x00")  # "to avenge": a threat even with no modal
    negators: frozenset[str] = frozenset()  # "was not attacked": the violence is denied
    negated_subjects: frozenset[str] = frozenset()  # "no US service member had been killed": nothing happened
    role_skip: frozenset[str] = frozenset()  # determiners and place modifiers ("in northeastern Jordan")
    origin_regex: re.Pattern[str] = re.compile("\x00")  # "bombers flown from the": the state they came from acts
    object_nouns: re.Pattern[str] = re.compile("\x00")  # "Hezbollah targets": the name describes a target
    claim_verbs: frozenset[str] = frozenset()  # "X claimed drone attacks": X carried them out
    claim_gap: re.Pattern[str] = re.compile("\x00")  # what may stand between a claim verb and the attack
    clause_opener: re.Pattern[str] = re.compile("\x00")  # ";" or a subordinator: where a new clause opens
    subordinator_regex: re.Pattern[str] = re.compile("\x00")  # "when", "after": a clause with its own subject


@cache
def rules() -> Rules:
    """Event-type and coreference rules, compiled once per process."""
    et = yaml.safe_load((RULES_DIR / "event_types.yaml").read_text(encoding="utf-8"))
    co = yaml.safe_load((RULES_DIR / "coref.yaml").read_text(encoding="utf-8"))
    groups, group_type, category = [], {}, {}
    ordered: list[tuple[str, str]] = []
    # strong triggers of every type first, then weak ones; longer phrases first inside a group
    for weak in (False, True):
        for i, t in enumerate(et["types"]):
            category[t["name"]] = t["category"]
            words = t.get("weak" if weak else "triggers") or []
            if not words:
                continue
            name = f"{'w' if weak else 's'}{i}"
            alts = "|".join(_trigger_regex(w) for w in sorted(words, key=len, reverse=True))
            groups.append(f"(?P<{name}>{alts})")
            ordered += [(w, name) for w in sorted(words, key=len, reverse=True)]
            group_type[name] = (t["name"], weak)
    trigger_regex = re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])")
    refine = tuple((r["when_type"], _phrase_set(r["context"]), r["becomes"], bool(r.get("first_named")))
                   for r in et.get("refine", []))
    weapon_type = {w: t for t, words in (et.get("weapon_words") or {}).items() for w in words}
    pronoun_kinds: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for entry in co["pronouns"]:
        for w in entry["words"]:
            pronoun_kinds[w] = (tuple(entry["kinds"]), ())
    for entry in co["group_nouns"]:
        for w in entry["words"]:
            pronoun_kinds[w] = (tuple(entry["kinds"]), tuple(entry.get("prefer") or ()))
    title_words = frozenset(w for t in co["titles"] for w in t.split())
    return Rules(
        trigger_regex=trigger_regex,
        scanner=TriggerScanner(ordered),
        group_type=group_type,
        category=category,
        reporting_type=et["reporting_type"],
        threat_content=_pattern_set(et.get("threat_content") or []),
        negating=frozenset(et.get("negating_reporting") or ()),
        refine=refine,
        weapon_regex=_phrase_set(list(weapon_type) or ["\x00"]),
        weapon_type=weapon_type,
        weapon_list=_weapon_list_regex(list(weapon_type), et.get("weapon_list_fillers") or []),
        future_regex=_phrase_set(et["future_markers"]),
        background_regex=_phrase_set(et["background_markers"]),
        violent_categories=frozenset(et["violent_categories"]),
        actorless_categories=frozenset(et["actorless_categories"]),
        default_actor=dict(et.get("default_actor") or {}),
        pronoun_regex=re.compile(r"(?<![\w-])(?:" + trie_pattern(pronoun_kinds) + r")(?![\w-])"),
        pronoun_kinds=pronoun_kinds,
        lookback=int(co.get("lookback_paragraphs", 2)),
        title_words=title_words,
        title_of=frozenset(co["title_of"]),
        prepositions=frozenset(co["prepositions"]),
        locative=frozenset(co["locative_prepositions"]),
        determiners=frozenset(co["determiners"]),
        passive_aux=frozenset(co["passive_by"]),
        not_trigger_regex=_pattern_set(et.get("not_triggers") or []),
        background_nouns=frozenset(et.get("background_nouns") or ()),
        de_escalation=_phrase_set(et.get("de_escalation") or ["\x00"]),
        paired_types=frozenset(et.get("paired_types") or ()),
        attribution_only=frozenset(et.get("attribution_only") or ()),
        separate_actor_types=frozenset(et.get("separate_actor_types") or ()),
        visit_type=et.get("visit_type") or "Meeting/visit",
        addressees=_phrase_set(et.get("addressees") or ["\x00"]),
        place_orders=tuple(w.lower() for w in et.get("place_orders") or ()),
        expletive_it=re.compile(r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
            co.get("expletive_it") or ["\x00"], key=len, reverse=True)) + r")(?![\w'-])"),
        continuation_types=frozenset(et.get("continuation_types") or ()),
        habitual_regex=_phrase_set(et.get("habitual_markers") or ["\x00"]),
        plan_regex=_phrase_set(et.get("plan_markers") or ["\x00"]),
        realised_only_types=frozenset(et.get("realised_only_types") or ()),
        toll_regex=_phrase_set(et.get("toll_markers") or ["\x00"]),
        war_toll_regex=_phrase_set(et.get("war_toll_markers") or ["\x00"]),
        predicate_regex=re.compile(_phrase_set(et.get("predicate_markers") or ["\x00"]).pattern
                                   + r"(?:\s+[\w'’-]+){0,3}\s+$", re.IGNORECASE),
        danger_warning_regex=re.compile(r"\s+(?:" + "|".join(re.escape(w) for w in et.get("danger_warning_words")
                                                             or ["\x00"]) + r")\b"),
        danger_yields_to=frozenset(et.get("danger_warning_yields_to") or ()),
        position_verbs=frozenset(w.lower() for w in et.get("position_verbs") or ()),
        stopped_markers=frozenset(w.lower() for w in et.get("stopped_markers") or ()),
        pronouns=frozenset(w.lower() for entry in co["pronouns"] for w in entry["words"]),
        leader_links=tuple(tuple(fold(w).lower().split()) for w in co.get("leader_links") or ()),
        generic_strikes=frozenset(w.lower() for w in et.get("generic_strikes") or ()),
        complement_lead=frozenset(w.lower() for w in co.get("complement_lead") or ()),
        casualty_words=frozenset(w.lower() for w in et.get("casualty_words") or ()),
        continuation_nouns={t: _phrase_set(list(ws)) for t, ws in (et.get("continuation_nouns") or {}).items()},
        holdings_regex=re.compile(_phrase_set(list(et.get("weapon_holdings") or ["\x00"])).pattern
                                  + r"\s+(?:[\w-]+(?:\s*,\s*|\s+(?:and|or)\s+|\s+)){0,6}$", re.IGNORECASE),
        victim_kinds=frozenset(et.get("victim_kinds") or ()),
        generic_violent_type=next((x["when_type"] for x in et.get("refine") or ()), "Armed clash"),
        unnamed_agents=_phrase_set(list(et["unnamed_agents"])) if et.get("unnamed_agents") else None,
        interceptions=frozenset(w.lower() for w in et.get("interceptions") or ()),
        maritime_targets=_phrase_set(list(et["maritime_targets"])) if et.get("maritime_targets") else None,
        release_words=frozenset(w.lower() for w in (et.get("releases") or {}).get("words") or ()),
        custody_words=frozenset(w.lower() for w in (et.get("releases") or {}).get("custody") or ()),
        foreign_premises=frozenset(w.lower() for w in et.get("foreign_premises") or ()),
        populations=_phrase_set(list(et["populations"])) if et.get("populations") else None,
        hedge_regex=_phrase_set(list(et.get("hedges") or ["\x00"])),
        hedge_after=re.compile(r"(?:\s+(?![\w'’-]*ed\b)[\w'’.-]+){0,6}?\s+" + _phrase_set(
            list(et.get("hedges") or ["\x00"])).pattern),
        retelling_regex=re.compile(r"\s+(?:[\w'’-]+\s+)?" + _phrase_set(list(et.get("retelling_verbs") or ["\x00"])).pattern),
        habitual_after=re.compile(r"(?:\s+[\w'’-]+){0,2}?\s+" + _phrase_set(
            list(et.get("habitual_after") or ["\x00"])).pattern, re.IGNORECASE),
        threat_outright=_phrase_set(list(et.get("threat_outright") or ["\x00"])),
        negators=frozenset(str(w).lower() for w in et.get("negators") or ()),
        negation_words=tuple(sorted({str(w).lower() for w in (et.get("negators") or []) + (
            et.get("negated_subjects") or [])})),
        negated_subjects=frozenset(w.lower() for w in et.get("negated_subjects") or ()),
        role_skip=frozenset(co["determiners"]) | frozenset(co.get("place_modifiers") or ()),
        claim_verbs=frozenset(w.lower() for w in co.get("claim_verbs") or ()),
        object_nouns=re.compile(r"\s+(?:[\w-]+\s+)?" + _phrase_set(list(co.get("object_nouns") or ["\x00"])).pattern),
        origin_regex=re.compile(_phrase_set(list(co.get("origin_links") or ["\x00"])).pattern + r"\s+(?:the\s+)?$"),
        claim_gap=re.compile(r"\s+(?:(?:" + "|".join(re.escape(w) for w in sorted(
            co.get("claim_objects") or ["\x00"], key=len, reverse=True)) + r")\s+)*(?:[\w-]+\s+){0,3}"),
        clause_opener=re.compile(r";|(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(
            co.get("subordinators") or ["\x00"], key=len, reverse=True)) + r")\s"),
        subordinator_regex=re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(
            co.get("subordinators") or ["\x00"], key=len, reverse=True)) + r")\s(?=[^,;]*$)"),
        self_report=re.compile(r"\s+(?:(?:[\w.]+\s+){0,4}?that\s+)?(?:" + "|".join(re.escape(w) for w in co["self_report"]) +
                               r")(?:\s+(?:had|has|have|was|were|had\s+been|also|then|later|successfully))*\s+"),
    )


@dataclass(frozen=True)
class DateLinks:
    """rules/date_links.yaml compiled: offset phrases ("five days after") and span ends ("through")."""

    offset_regex: re.Pattern[str]
    numbers: dict[str, int]
    units: dict[str, int]
    links: dict[str, int]
    span_end_regex: re.Pattern[str]
    max_clause: int
    bare_time_rules: frozenset[str] = frozenset()
    attributive_years: bool = False
    detached_clauses: frozenset[str] = frozenset()
    comparison_regex: re.Pattern[str] = re.compile("\x00")  # "for the first time in almost 20 years"


@cache
def date_links() -> DateLinks:
    d = yaml.safe_load((RULES_DIR / "date_links.yaml").read_text(encoding="utf-8"))
    alt = lambda words: "|".join(re.escape(w).replace(r"\ ", r"\s+")  # noqa: E731
                                 for w in sorted(words, key=len, reverse=True))
    numbers = {str(k).lower(): int(v) for k, v in d["numbers"].items()}
    units = {str(k).lower(): int(v) for k, v in d["offset_words"].items()}
    links = {str(k).lower(): int(v) for k, v in d["offset_links"].items()}
    return DateLinks(
        offset_regex=re.compile(rf"\b(?P<n>\d+|{alt(numbers)})\s+(?P<unit>{alt(units)})\s+(?P<link>{alt(links)})\s+",
                                re.IGNORECASE),
        numbers=numbers, units=units, links=links,
        span_end_regex=re.compile(rf"\b(?:{alt(d['span_ends'])})\b", re.IGNORECASE),
        max_clause=int(d.get("max_clause_chars", 80)),
        bare_time_rules=frozenset(d.get("bare_time_rules") or ()),
        attributive_years=bool(d.get("attributive_years")),
        detached_clauses=frozenset(str(w).lower() for w in d.get("detached_clauses") or ()),
        comparison_regex=re.compile(r"\b(?:" + alt(d.get("comparison_words") or ["\x00"]) + r")\b[^.;,]{0,40}\bin\s+"
                                    r"(?:(?:the\s+)?(?:past|last)\s+)?(?:(?:almost|nearly|more\s+than|over|about|a)\s+)?$",
                                    re.IGNORECASE))
