"""Article -> mentions: one Event per sentence-level action, tied to its sentence.

How (rule- and dictionary-based; no parser model can be installed here):
  1. per paragraph (and per caption), one scan each for actor aliases, places, trigger words,
     pronouns/group nouns; sentences split with offsets;
  2. coreference: pronouns and group nouns ("he", "the factions") take the nearest fitting actor
     earlier in the paragraph (then up to N paragraphs back); names joined by titles
     ("US Defense Secretary Pete Hegseth") form one mention whose head is the last name;
  3. per sentence, the main trigger: unquoted before quoted, actions before reporting verbs
     ("said the sources" is never the event), foreground before background ("after the strikes",
     ", which shot down ..., said"), strong before weak, then the earliest; but when the sentence
     reports ("X said", "X condemned"), anaphoric nouns ("the strikes", "the war") and background
     yield to the report; a violent trigger after "will/could/threatened to" is a Threat/warning
     (not after "stop"/"halt"); "according to" only sources facts and is never an event; triggers
     are found by a first-word index (TriggerScanner), not one big alternation;
  4. agent = the subject of the trigger's clause: a verb coordinated with an earlier one ("X blamed
     Y and said", "X fired rockets, saying") shares its subject; otherwise the nearest non-oblique
     mention left of the trigger, right of any reporting verb and outside parentheticals (passive
     "were targeted by X" -> X); a threat voiced in reported speech is the speaker's; "between X and
     Y" names the parties of agreements and clashes; target = first mention after the trigger;
  5. theater/location = the most specific place named near the trigger, else the target's then
     the actor's home theater (rules/actors.csv), with that theater's centroid;
  6. date = the event's own temporal expression; else that of a coreferent mention (the latest
     dated foreground violent mention of a compatible actor within the look-back; for statements
     the same speaker's immediately preceding dated remark), date_basis "narrative"; else, for
     non-statements, the date the paragraph last set; else the publication date ("publication").

Without a publication date (article.published is None) and no absolute date in the sentence,
the event keeps date_start = date_end = None, precision "unknown" and date_basis "publication":
the pipeline normally dates the article first, and an unknown date is better than a guess.
All vocabularies live in rules/event_types.yaml, rules/coref.yaml, rules/actors.csv, rules/places.csv.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import yaml

from loaders.actors import ActorMatch, actor_table, bounded, fold, trie_pattern
from loaders.models import Article, Event, Timex, stable_hash
from loaders.places import PlaceMatch, gazetteer
from loaders.sentences import QuoteDepth, Sentence, split_sentences
from loaders.settings import RULES_DIR, Settings
from loaders.timex import tag
from loaders.timex.context import since_lead

POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
VOICED_TYPES = frozenset({"Statement", "Appeal", "Threat/warning"})
TARGET_PREPOSITIONS = frozenset({"against", "with", "targeting"})
CAPTION_INDEX_BASE = -1  #: captions get paragraph_index -1, -2, ... (body paragraphs are 0, 1, ...)
_WORD = re.compile(r"[\w'-]+|[^\w\s]")
_ADJECTIVE = re.compile(r"(?:an|ian|i|ese|ish|ic)$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")
_ADJACENT = re.compile(r"(?:'s?)?\s+")
#: the glue between coordinated names: "Iraq, Oman, Qatar and the United Arab Emirates"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")
_ATTACH = re.compile(r"\s+(?:in|from|based in)\s+(?:the\s+)?")


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
        threat_content=re.compile(r"(?<![\w-])(?:" + "|".join(_trigger_regex(w) for w in sorted(
            et.get("threat_content") or ["\x00"], key=len, reverse=True)) + r")(?![\w-])"),
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
        not_trigger_regex=_phrase_set(et.get("not_triggers") or ["\x00"]),
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


# --- mentions --------------------------------------------------------------------------------------
@dataclass
class Mention:
    """A reference to an actor: a name (or a title+name group), a pronoun or a group noun."""

    start: int
    end: int
    surface: str
    canonical: str
    kind: str
    pronoun: bool = False
    extra: tuple[str, ...] = ()  # other names inside the group (e.g. "Iraqi" in "Iraqi PM al-Sudani")
    oblique: bool = False  # object of a preposition ("with X", "from the Iranian leadership")
    locative: bool = False  # a place-name read as a place ("in Iraq", "to Washington")
    is_place: bool = False  # the name is also a place ("Washington", "White House")
    possessive: bool = False  # "his", "their", "Tehran's": a possessor, rarely the agent
    modifier: bool = False  # an adjective before a noun ("the American strikes", "Iranian leadership")


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    event_type: str
    weak: bool
    quoted: bool = False
    background: bool = False
    reporting: bool = False
    future: bool = False
    negating: bool = False
    anaphoric: bool = False  # "the strikes", "its attacks", "the war": refers back, rarely the news itself
    unrealised: bool = False  # "has repeatedly called for", "will travel to": habitual or planned, no event


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


def _group_names(text: str, matches: list[ActorMatch], r: Rules) -> list[Mention]:
    """Merge names joined only by titles into one mention headed by the last name."""
    out: list[Mention] = []
    for m in matches:
        if m.kind == "media":
            out.append(Mention(m.start, m.end, m.surface, m.canonical, m.kind))
            continue
        if out and out[-1].kind != "media":
            prev = out[-1]
            gap = text[prev.end:m.start]
            words = _WORD.findall(gap.replace("'s", " ").replace("'", " "))
            if len(words) <= 6 and all(w in r.title_words or (w[:1].isupper() and w.isalpha())
                                       or w in ("of", "for") for w in words) and "," not in gap:
                extra = tuple(dict.fromkeys((*prev.extra, prev.canonical)))
                out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], m.canonical, m.kind, extra=extra)
                continue
        out.append(Mention(m.start, m.end, m.surface, m.canonical, m.kind))
    return out


def _mark_roles(text: str, mentions: list[Mention], place_spans: set[tuple[int, int]], r: Rules) -> None:
    for mt in mentions:
        word, before = _prev_word_skipping(text, mt.start, r.role_skip)
        word = word.lower()  # "In Tel Aviv, ...": a sentence-initial preposition is still one
        # "commander of the IRGC ...": the preposition belongs to the title, look further left
        if word in ("of", "for") and before in r.title_of:
            words = _words_before(text, mt.start, 8)
            idx = len(words) - 1 - words[::-1].index(before) if before in words else -1
            word = words[idx - 1] if idx > 0 else ""
            while idx > 0 and word in r.determiners | r.title_words and idx > 1:
                idx -= 1
                word = words[idx - 1]
        mt.oblique = word in r.prepositions and not _after_leader_link(text, mt.start, r)
        is_place = any(s <= mt.start and mt.end <= e for s, e in place_spans) or \
            any(mt.start <= s and e <= mt.end for s, e in place_spans)
        mt.locative = is_place and word in r.locative and f"{before} {word}" not in r.attribution_only
        mt.is_place = is_place
        mt.modifier = mt.kind in ("state", "armed group") and bool(_ADJECTIVE.search(mt.surface)) \
            and bool(_LOWER_NEXT.match(text, mt.end))
        mt.possessive = text[mt.end:mt.end + 2] in ("'s", "’s") or text[mt.end:mt.end + 1] in ("'", "’")
    for prev, mt in zip(mentions, mentions[1:], strict=False):
        # "in Iraq and Syria": a place coordinated with a place read as a place is a place too
        if prev.locative and mt.is_place and not mt.locative and not mt.possessive \
                and _LIST_GAP.fullmatch(text, prev.end, mt.start):
            mt.locative, mt.oblique = True, True


def _after_leader_link(text: str, pos: int, r: Rules) -> bool:
    """"Rebels led by Hayat Tahrir al-Sham launched ...": the leader named after the link is the subject."""
    if not r.leader_links:
        return False
    words = _words_before(text, pos, 4)
    words = [w for w in words if w not in r.determiners]
    return any(tuple(words[-len(link):]) == link for link in r.leader_links)


def _resolve_pronoun(kinds: tuple[str, ...], prefer: tuple[str, ...], same_paragraph: list[Mention],
                     earlier: list[Mention], salience: Counter[str]) -> Mention | None:
    """Nearest fitting actor in the paragraph; from earlier paragraphs the most mentioned one.

    Fitting: of a listed kind (first listed kind first), subjects before objects of
    prepositions; a `prefer` word in its name wins over distance.
    """
    def ok(h: Mention) -> bool:
        return h.kind in kinds and not h.locative and not h.modifier

    fitting = [h for h in reversed(same_paragraph) if ok(h)]
    fitting.sort(key=lambda h: (kinds.index(h.kind), h.oblique))
    if not fitting:
        fitting = [h for h in reversed(earlier) if ok(h)]
        fitting.sort(key=lambda h: (kinds.index(h.kind), h.oblique, -salience[h.canonical]))
    if not fitting:
        return None
    if prefer:
        for h in fitting:
            if any(p.lower() in h.canonical.lower() or p.lower() in h.surface.lower() for p in prefer):
                return h
    return fitting[0]


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


@lru_cache(maxsize=8192)
def _context_flags(before: str, wider: str) -> tuple[bool, bool, bool, bool, bool]:
    """(future, background, habitual, plan, hedged) read from the three words before a trigger (background from
    five, for "in retaliation for the killing"); memoised because news repeats these short contexts ("the",
    "said it would", "after the") across articles."""
    r = rules()
    future = bool(r.future_regex.search(before)) and not r.de_escalation.search(before)
    background = bool(r.background_regex.search(before)) or bool(_LONG_BACKGROUND.search(wider)
                                                                and r.background_regex.search(wider))
    return (future, background, bool(r.habitual_regex.search(before)),
            bool(r.plan_regex.search(before)), bool(r.hedge_regex.search(before)))


#: a multi-word background marker ending in "for|of|to" + a determiner: "in retaliation for the", "in response to its"
_LONG_BACKGROUND = re.compile(r"\b(?:for|to|of)\s+(?:the|its|their|his|her|a|an)\s*$")


#: "Iran's attack", "the Houthis' attacks": a possessor right before the trigger noun
_POSSESSED = re.compile(r"\w['’]s?\s+$")


#: "12 days of", "15 months of", "the 15-month": a span of the violence between a stop word and the trigger
_SPAN_OF = re.compile(r"(?:(?:the|its|their|more|than|nearly|almost|about|over|\d+|[a-z]+)\s+){0,2}"
                      r"(?:days?|weeks?|months?|years?|nights?)\s+of", re.IGNORECASE)


def _stopped(prev: list[str], r: Rules) -> bool:
    """"it was halting attacks", "would stop targeting US vessels", "ending 12 days of fighting": the action
    named is the one stopped."""
    if any(w.lower() in r.stopped_markers for w in prev[-2:]):
        return True
    for i, w in enumerate(prev[:-1]):
        if w.lower() in r.stopped_markers and (_SPAN_OF.fullmatch(" ".join(prev[i + 1:]))
                                               or sum(x.lower() not in _STOP_LINKS for x in prev[i + 1:]) <= 1):
            return True  # "ending 12 days of fighting", "announced a halt to its attacks"
    return False


_STOP_LINKS = frozenset({"to", "of", "on", "in", "the", "its", "their", "his", "her", "all", "further", "a"})


#: "... on American ships and aircraft would not be": a modal predicate after a noun phrase, in the same clause
_MODAL_AFTER = re.compile(r"(?:\s+(?![\w'’-]*ed\b)[\w'’.-]+){0,6}\s+(?:would|will|could|must|should|cannot|won't|wouldn't)\b")


def _modal_predicate(folded: str, start: int, end: int, prev: str) -> bool:
    """"Houthi attacks on American ships would not be tolerated": a violent noun whose own predicate is a modal
    names what is threatened or feared, not something that happened."""
    head = folded[start:end].split()[-1]
    if head.endswith(("ed", "ing")) or not (prev[:1].isupper() or prev.lower() in _ANAPHORIC_DETERMINERS):
        return False
    return _MODAL_AFTER.match(folded, end) is not None


def _hedged_predicate(folded: str, start: int, end: int, prev: str, r: Rules) -> bool:
    """"More strikes may follow in the coming days": a violent noun whose predicate is a guess names no event."""
    head = folded[start:end].split()[-1]
    if head.endswith(("ed", "ing")) or not (prev[:1].isupper() or prev.lower() in _ANAPHORIC_DETERMINERS
                                           or prev.lower() in ("more", "further", "new")):
        return False
    return r.hedge_after.match(folded, end) is not None


def _negated(folded: str, start: int, r: Rules) -> bool:
    """"no US service member had been killed", "nobody was hurt": the clause denies the violence."""
    lo = max(0, start - 60)
    window = folded[lo:start].lower()
    if not any(w in window for w in r.negation_words):
        return False  # no negating word anywhere near: skip the clause split
    clause = re.split(r"[,;:]", folded[lo:start])[-1]
    words = _WORD.findall(clause)
    if any(w.lower() in r.negated_subjects for w in words[-7:]):
        return True
    last = [w.lower() for w in words[-3:]]
    if any(w in r.negators or (w.endswith("n't") and "n't" in r.negators) for w in last[-2:]):
        return True  # "it was not attacked", "Israel didn't strike"
    return any(" " in n and f" {n} " in f" {' '.join(last)} " for n in r.negators)  # "no longer fires"


def _find_triggers(text: str, r: Rules, name_spans: list[tuple[int, int]] | None = None) -> list[Trigger]:
    """Trigger words of the paragraph, with what the words around them say about each.

    Skipped: words inside an actor's name ("Popular Mobilization Forces", "armed wing") and blocked
    compounds ("carrier strike group"). Background: after a background marker or inside a parenthetical
    (", which shot down ..., said"). Anaphoric: a violent noun after a determiner ("condemned the
    strikes") or a noun naming the state of conflict ("the war") - these yield to reporting verbs."""
    folded = fold(text)
    quoted = QuoteDepth(folded) if '"' in folded else None  # curly quotes are folded to straight ones
    blocked = [m.span() for m in r.not_trigger_regex.finditer(folded)] if r.not_trigger_regex.pattern else []
    blocked += name_spans or []
    parens = _parentheticals(folded) if "," in folded else []
    out = []
    for start, end, group in r.scanner.finditer(folded):
        if blocked and any(s <= start < e or s < end <= e for s, e in blocked):
            continue
        etype, weak = r.group_type[group]
        surface = folded[start:end]
        if weak and surface.lower() in r.weapon_type and r.holdings_regex.search(folded, max(0, start - 80), start):
            continue  # "stores of rockets, missiles and drones were among the targets": weapons held, not fired
        prev5 = _words_before(folded, start, 5)
        prev3 = prev5[-3:]
        is_future, is_background, is_habitual, is_plan, hedged = _context_flags(" ".join(prev3), " ".join(prev5))
        violent = r.category[etype] in r.violent_categories
        future = violent and (is_future or (bool(prev3) and _modal_predicate(folded, start, end, prev3[-1])))
        background = is_background or _inside(start, parens)
        anaphoric = violent and (surface in r.background_nouns
                                 or bool(prev3 and prev3[-1].lower() in _ANAPHORIC_DETERMINERS))
        is_habitual = is_habitual or (etype != r.reporting_type and r.habitual_after.match(folded, end) is not None)
        unrealised = is_habitual or (etype in r.realised_only_types and (is_future or is_plan)) \
            or (violent and bool(prev3) and (_stopped(prev5, r) or _negated(folded, start, r))) \
            or (violent and (hedged or (bool(prev3) and _hedged_predicate(folded, start, end, prev3[-1], r))))
        if not anaphoric and etype != r.reporting_type and _POSSESSED.search(folded, max(0, start - 4), start):
            anaphoric = True  # "condemned Iran's attack", "said Hamas's demands were delusional": told again
        if violent and r.predicate_regex.search(folded, max(0, start - 50), start):
            unrealised = True  # "It was the second US strike in the Iraqi capital": a name for a told attack
        if violent and not anaphoric and _CHARACTERIZED.search(folded, max(0, start - 40), start):
            anaphoric = True  # "condemned the strike as a blatant assassination": a name for it, not a new one
        out.append(Trigger(start, end, text[start:end], etype, weak,
                           quoted=bool(quoted and quoted[start]), background=background,
                           reporting=etype == r.reporting_type, future=future,
                           negating=surface in r.negating, anaphoric=anaphoric, unrealised=unrealised))
    return _reported_modality(out, folded, r)


#: "as a blatant assassination": a characterization after a reporting verb
_CHARACTERIZED = re.compile(r"\bas\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}$")


def _reported_modality(triggers: list[Trigger], folded: str, r: Rules) -> list[Trigger]:
    """"officials said any response may come in several waves rather than as a single strike": a modal between a
    reporting verb and a violent word (same clause, no comma) makes it a guess (hedge) or a threat (future).
    Also marks "condemned the strike as a blatant assassination" (set in _find_triggers) for the report."""
    out = []
    last_report: Trigger | None = None
    for t in triggers:
        if t.reporting and not t.quoted:
            last_report = t
        elif last_report is not None and not (t.future or t.unrealised or t.quoted) \
                and r.category[t.event_type] in r.violent_categories and t.start - last_report.end < 150:
            span = folded[last_report.end:t.start]
            if not re.search(r"[,;:.]", span):
                if r.hedge_regex.search(span):
                    t = dataclasses.replace(t, unrealised=True)
                elif r.future_regex.search(span) and not r.de_escalation.search(span):
                    t = dataclasses.replace(t, future=True)
        out.append(t)
    return out


def _main_trigger(triggers: list[Trigger]) -> Trigger | None:
    """Unquoted before quoted, actions before reporting verbs, foreground before background, strong
    before weak, then the earliest; but a sentence that reports ("X said", "X condemned") about an
    anaphoric noun ("the strikes", "the war") is the report itself."""
    if not triggers:
        return None
    reports = any((t.reporting or t.event_type in VOICED_TYPES) and not t.quoted for t in triggers)
    r = rules()
    best = min(triggers, key=lambda t: (t.quoted, t.unrealised and r.category[t.event_type] in r.violent_categories,
                                        reports and (t.anaphoric or t.background), t.reporting,
                                        t.background, t.weak, t.anaphoric, t.start))
    if best.weak and not best.reporting:
        # "six people were killed in the strikes": the casualty verb reports the named attack
        named = [t for t in triggers if t.anaphoric and not t.weak and not t.quoted and not t.background]
        if named:
            best = named[0]
    denial = [t for t in triggers if t.negating and not t.quoted and t.start < best.start]
    return denial[0] if denial else best


#: "... and Israel freed": a coordinated clause with its own named subject right before the verb
_NEW_SUBJECT = re.compile(r"(?:(?:,\s*|\s)(?:and|while|but)\s+|;\s*)(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                          r"(?:\s+(?:also|then|later|in turn))?\s+$")


#: "because Israel had stopped ...": a causal clause with its own named subject right before the verb
_CAUSE_SUBJECT = re.compile(r"\b(?:because|after|since)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                            r"(?:\s+(?:had|has|have))?\s+$")


#: "artillery fire and a drone strike": two nouns of one action, coordinated inside a noun phrase
_NOUN_LIST = re.compile(r"\s*(?:,\s*)?(?:and|or|as well as)\s+(?:(?:a|an|some)\s+)?|\s*,\s*")


def _same_action_list(t: Trigger, triggers: list[Trigger], text: str) -> bool:
    prev = [x for x in triggers if x.end <= t.start and not x.reporting]
    return bool(prev) and _NOUN_LIST.fullmatch(text, prev[-1].end, t.start) is not None \
        and not t.text.split()[0].endswith("ed")


def _self_reported(t: Trigger, triggers: list[Trigger], text: str, r: Rules) -> bool:
    """"X said it had hit ...": a past action the speaker reports as its own, right after the reporting verb."""
    if not text or t.future or t.quoted or t.reporting:
        return False
    rep = [x.end for x in triggers if x.reporting and not x.quoted and x.end <= t.start]
    return bool(rep) and r.self_report.fullmatch(text, rep[-1], t.start) is not None


#: "On Tuesday Israel accused ...": only capitalised words (and "on"/"the") before the verb, from the sentence start
_LEAD_SUBJECT = re.compile(r"(?:(?:[A-Z][\w'’.-]*|on|the)\s+){1,6}")


def _own_clause_position(t: Trigger, text: str, sent_start: int, r: Rules, main_voiced: bool = False) -> bool:
    """"Israel accused Iran of ... and struck ...; Iran denied ...": a position-taking verb (accuse, deny,
    condemn) with its own named subject at the head of its clause is a happening of its own, even beside an
    action or another statement of the sentence."""
    if not t.reporting or t.quoted or sent_start < 0:
        return False
    if fold(t.text).lower() not in r.position_verbs:
        # beside another statement, a report whose own speaker opens a coordinated clause (", and the rebels
        # said ...") is a statement of its own; beside an attack it only sources the facts
        return main_voiced and t.start - sent_start > 20 \
            and _NEW_SPEAKER.search(text, max(sent_start, t.start - 60), t.start) is not None
    if _NEW_SUBJECT.search(text, max(sent_start, t.start - 80), t.start):
        return True
    return _LEAD_SUBJECT.fullmatch(text, sent_start, t.start) is not None


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


def _clause_text(text: str, t: Trigger, sent_start: int) -> str:
    """From the trigger to its sentence's end: what a second reporting verb of the sentence says."""
    end = text.find(". ", t.end)
    return text[t.start:end if end >= 0 else len(text)]


def _extra_triggers(main: Trigger, triggers: list[Trigger], sentence_text: str, r: Rules,
                    limit: int = 2, text: str = "", sent_start: int = -1) -> list[Trigger]:
    """Other happenings the sentence reports ("..., given the American strikes against the Houthis"):
    strong, unquoted, non-reporting triggers of a type the sentence has not produced yet, or of the same
    type when a new named subject does it ("Hamas released ... and Israel freed ..."); a self-reported
    action ("said it had hit ..., and warned ...") even when weak or beside a threat."""
    seen = {_final_type(main, sentence_text, r)}
    if main.negating:
        return []  # what is denied has not happened
    voiced = bool(seen & VOICED_TYPES)  # what is threatened or asked for has not happened either
    out = []
    positions = 0
    for t in triggers:
        if t is main:
            continue
        if _own_clause_position(t, text, sent_start, r, voiced):
            if positions < 2:  # not counted against the limit: each clause's speaker is its own happening
                positions += 1
                out.append(t)
            continue
        if t.reporting and not t.quoted and not main.negating and main.reporting and text \
                and _final_type(t, _clause_text(text, t, sent_start), r) not in seen | {r.reporting_type}:
            # "Trump said he had ordered action, and told Iran its support must end": a threat of its own
            seen.add(_final_type(t, _clause_text(text, t, sent_start), r))
            out.append(t)
            continue
        if t.reporting or t.unrealised or (t.quoted and not main.quoted):
            continue
        if t.anaphoric and fold(t.text).lower() in r.background_nouns:
            continue  # "after the Gaza war began": the state of war is no fresh happening beside the main one
        if text and _IN_FRAME.search(text, max(0, t.start - 40), t.start) \
                and r.category[t.event_type] in r.violent_categories \
                and r.category[main.event_type] in r.violent_categories:
            continue  # "dropped 125 munitions ... in a raid that lasted 30 minutes": the same action, framed
        if t.anaphoric and " " not in t.text and sent_start >= 0 \
                and _TOLD_AGAIN_SUBJECT.fullmatch(text, sent_start, t.start):
            continue  # "The raid had been expected since ...": the sentence's subject is an attack told before
        if text and _same_action_list(t, triggers, text):
            continue  # "answered with artillery fire and a drone strike": one action, first-named weapon
        own = _self_reported(t, triggers, text, r)
        if voiced and not t.weak and not t.future and text and _CAUSE_SUBJECT.search(text, max(0, t.start - 80),
                                                                                     t.start):
            out.append(t)  # "vowed to bar ships because Israel had stopped aid": the cause happened
            seen.add(_final_type(t, sentence_text, r))
            if len(out) - positions == limit:
                break
            continue
        named_doer = bool(text) and t.weak and not voiced and r.category[t.event_type] in r.violent_categories \
            and bool(_CAUSE_SUBJECT.search(text, max(0, t.start - 80), t.start))
        if (t.weak or voiced) and not own and not named_doer:
            continue  # kept: "... after Israel killed Hezbollah leader Hassan Nasrallah": a named doer's act
        if own and t.weak and not named_doer and fold(t.text).lower() in r.casualty_words \
                and r.category[main.event_type] in r.violent_categories and text \
                and not _CLAUSE_END.search(text, min(t.end, main.end), max(t.start, main.start)):
            continue  # "said it had killed Shukr in a strike": the killing is the strike's toll, one happening
        etype = _final_type(t, sentence_text, r)
        if etype in seen and not (text and t.start > main.start
                                  and (_NEW_SUBJECT.search(text, max(0, t.start - 80), t.start)
                                       or _in_offset_clause(text, t))):
            continue  # the same type again is the same happening, unless a new subject does it or another day
        seen.add(etype)
        out.append(t)
        if len(out) - positions == limit:
            break
    return sorted(out, key=lambda x: x.start)


_WEAPON_AND = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")


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


def _trigger_clause(trig: Trigger, sentence_text: str, r: Rules) -> str:
    """The part of the sentence the trigger's clause spans: "pounded Gaza with air strikes, a day after Hamas
    fighters stormed across the fence" - the air strikes are not how the storming was done."""
    at = sentence_text.find(trig.text)
    if at < 0:
        return sentence_text
    lo, hi = 0, len(sentence_text)
    opens = sorted([m.start() for m in r.clause_opener.finditer(sentence_text)]
                   + [m.start() for m in _CLAUSE_JOIN.finditer(sentence_text)])
    for pos in opens:
        if pos <= at:
            lo = pos
        elif pos >= at + len(trig.text):
            hi = pos
            break
    return sentence_text[lo:hi]


def _final_type(trig: Trigger, sentence_text: str, r: Rules) -> str:
    """The trigger's type read in its sentence (weapon words, threats); memoised per (trigger, sentence): one
    sentence asks it for each candidate trigger many times (main choice, extras, agent search)."""
    key = (trig, sentence_text)
    known = _FINAL_TYPES.get(key)
    if known is None:
        if len(_FINAL_TYPES) > 4096:
            _FINAL_TYPES.clear()
        known = _FINAL_TYPES[key] = _final_type_uncached(trig, sentence_text, r)
    return known


_FINAL_TYPES: dict[tuple[Trigger, str], str] = {}


def _final_type_uncached(trig: Trigger, sentence_text: str, r: Rules) -> str:
    if trig.future:
        return "Threat/warning"
    etype = trig.event_type
    if trig.reporting:
        # "Gantz said Israel would make Iran pay a price": a threat voiced through a statement (read in the
        # verb's own clause: "said he had ordered action, and told Iran its support must end" is two)
        said = _trigger_clause(trig, sentence_text, r)
        if (r.future_regex.search(said) and r.threat_content.search(said) or r.threat_outright.search(said)) \
                and not r.de_escalation.search(said):
            return "Threat/warning"
    if r.weapon_list is not None and etype in r.weapon_type.values() and trig.text.lower() in r.weapon_type:
        # "the barrage included 170 drones, 30 cruise missiles ...": a weapon noun inside a list of
        # weapons takes the type of the list's first-named weapon
        for m in r.weapon_list.finditer(sentence_text):
            if re.search(r"(?<![\w-])" + re.escape(trig.text) + r"(?![\w-])", m.group()):
                w = r.weapon_regex.search(m.group())
                if w is not None:
                    return r.weapon_type.get(w.group(), etype)
    if etype in r.weapon_type.values() and r.weapon_regex.match(trig.text):
        # "rocket and drone attacks": a weapon-led trigger coordinated after another weapon takes the first's type
        at = sentence_text.find(trig.text)
        for w in r.weapon_regex.finditer(sentence_text, max(0, at - 40), max(0, at)):
            if _WEAPON_AND.fullmatch(sentence_text, w.end(), at):
                return r.weapon_type.get(w.group(), etype)
    if " " in trig.text and etype in r.weapon_type.values():
        # "fired missiles and drones": a phrase spanning its weapons takes the first-named one's type
        w = r.weapon_regex.search(trig.text)
        if w is not None:
            return r.weapon_type.get(w.group(), etype)
    first: tuple[int, str] | None = None
    scope = _trigger_clause(trig, sentence_text, r)
    for when, ctx, becomes, first_named in r.refine:
        if etype != when:
            continue
        m = ctx.search(scope)
        if m is None:
            continue
        if not first_named:
            if first is None:
                return becomes
            continue
        if first is None or m.start() < first[0]:
            first = (m.start(), becomes)  # mixed weapons: the first-named decides
    return first[1] if first else etype


# --- agent and target ----------------------------------------------------------------------------------
def _is_passive(text: str, trig: Trigger, r: Rules) -> bool:
    before = _words_before(text, trig.start, 3)
    return any(w in r.passive_aux for w in before[-2:]) and not trig.text.split()[0].endswith("ing")


#: "X declared war on Sunday and pounded ...", "X fired rockets, saying ...", "X retaliated by firing":
#: the second verb shares the first one's subject
_COORDINATED = re.compile(r"(?:[^,;.\"]{0,80}?\s(?:and|but|then)|[^;.\"]{0,120}?,|[^;.\"]{0,60}?\s(?:by|after|before))"
                          r"\s+(?:\w+ly\s+)?$")


def _is_complement(text: str, t: Trigger, r: Rules) -> bool:
    """"accused Iran of firing", "blamed X for attacking": a gerund governed by another verb, whose own subject
    is the object of that verb; a later coordinated verb ("... and struck") shares the governing verb's subject."""
    before = [w.lower() for w in _words_before(text, t.start, 4)]
    if t.weak and any(a in r.complement_lead and b.endswith("ing") for a, b in zip(before, before[1:], strict=False)):
        return True  # the weapon noun of a complement ("of firing more missiles") is nobody's verb
    return t.text.split()[0].endswith("ing") and bool(before) and before[-1] in r.complement_lead


def _reported_complement(t: Trigger, triggers: list[Trigger], text: str, r: Rules) -> bool:
    """"Israel accused Hezbollah of attacking its troops": the accused action is the content of the
    accusation, not a happening the article reports (the gold convention labels the accusation only)."""
    if t.reporting or not t.text.split()[0].endswith("ing") or not _is_complement(text, t, r):
        return False
    return any(x.reporting and x.end <= t.start and t.start - x.end < 40
               and fold(x.text).lower() in r.position_verbs for x in triggers)


def _shared_subject(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                    triggers: list[Trigger], depth: int) -> Mention | None:
    """Agent of the verb this trigger is coordinated with, when no new subject stands between them."""
    if trig.quoted or depth > 3:
        return None
    earlier = [t for t in triggers if sent.start <= t.start and t.end <= trig.start and not t.quoted
               and not t.anaphoric and not _is_complement(text, t, rules())]
    if not earlier:
        return None
    prev = earlier[-1]
    gap = _QUOTED_PHRASE.sub("Q", text[prev.end:trig.start])  # "called it \"a war\" and asked": a quoted phrase
    participle = trig.text.split()[0].endswith("ing")
    if "," in gap and not participle:
        return None
    if not _COORDINATED.fullmatch(gap):
        return None
    if any(prev.end <= m.start and m.end <= trig.start and not m.oblique and not m.possessive
           and _ADJACENT.fullmatch(text[m.end:trig.start]) for m in mentions):
        return None  # "... and Israel freed": a new subject
    agent, _, _ = _agent_and_target(text, sent, prev, mentions, triggers, depth + 1)
    return agent


_QUOTED_PHRASE = re.compile(r"[\"“][^\"“”]{0,60}[\"”]")

#: ", and the United States condemned": a new clause begins; its names are not this trigger's target
_CLAUSE_JOIN = re.compile(r",\s*(?:and|but|while)\s")


#: "were targeted by dozens of": a passive verb whose agent phrase holds the trigger noun
_PASSIVE_BY = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\s+by\s[^,;]{0,50}$")


def _framed_by(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention], triggers: list[Trigger],
               depth: int) -> tuple[Mention | None, Mention | None, list[Mention]] | None:
    """"Biden told Netanyahu in a phone call": a noun framed by "in a" is the manner of the verb before it; its
    agent is that verb's subject and the verb's object is the other party."""
    if depth > 2 or trig.reporting or not _IN_FRAME.search(text, max(sent.start, trig.start - 40), trig.start):
        return None
    prev = [t for t in triggers if sent.start <= t.start and t.end <= trig.start and not t.quoted]
    if not prev or _CLAUSE_END.search(text, prev[-1].end, trig.start):
        return None
    agent, target, coactors = _agent_and_target(text, sent, prev[-1], mentions, triggers, depth + 1)
    if agent is None:
        return None
    between = [m for m in mentions if prev[-1].end <= m.start and m.end <= trig.start and not m.locative
               and m.canonical != agent.canonical]
    return agent, (between[0] if between else target), coactors


def _subordinate_start(text: str, lo: int, hi: int, r: Rules) -> int:
    """Start of the subordinate clause ("when a drone struck") that holds position `hi`, if it opens after
    `lo` and no comma closes it before `hi`; -1 when `hi` is in the same clause as `lo`."""
    last = -1
    for m in r.subordinator_regex.finditer(text, lo, hi):
        last = m.end()
    return last


def _agent_and_target(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                      triggers: list[Trigger], depth: int = 0
                      ) -> tuple[Mention | None, Mention | None, list[Mention]]:
    r = rules()
    parens = _parentheticals(text[sent.start:sent.end])
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end
              and m.kind != "media" and not m.locative
              and (not _inside(m.start - sent.start, parens) or _inside(trig.start - sent.start, parens))]
    framed = _framed_by(text, sent, trig, mentions, triggers, depth)
    if framed is not None:
        return framed
    shared = _shared_subject(text, sent, trig, mentions, triggers, depth)
    if shared is not None and not _is_passive(text, trig, r):
        target = next((m for m in inside if m.start >= trig.end and m.canonical != shared.canonical
                       and m.start - trig.end < 40), None)
        return shared, target, []
    left = [m for m in inside if m.end <= trig.start]
    right = [m for m in inside if m.start >= trig.end]
    # a reporting verb between a name and the trigger makes that name the reporter, not the agent
    reporting_ends = [t.end for t in triggers if t.reporting and sent.start <= t.start < trig.start
                      and t is not trig]
    if reporting_ends and not trig.reporting:
        # "X said 73 strikes had killed ...": the reporter is not the agent; nobody named may be
        left = [m for m in left if m.start >= max(reporting_ends)]
        rep = next(t for t in triggers if t.reporting and t.end == max(reporting_ends))
        claimed = fold(rep.text).lower() in r.claim_verbs and trig.start - rep.end < 60 \
            and r.claim_gap.fullmatch(text, rep.end, trig.start) is not None
        if depth == 0 and (claimed or r.self_report.fullmatch(text, max(reporting_ends), trig.start)):
            # "the military said it had hit ...", "the group claimed drone attacks": the speaker's own action
            speaker, _, _ = _agent_and_target(text, sent, rep, mentions, triggers, depth + 1)
            if speaker is not None:
                target = next((m for m in right if m.canonical != speaker.canonical
                               and m.start - trig.end < 40), None)
                return speaker, target, []
    if not trig.reporting and left:
        cut = _subordinate_start(text, left[-1].end, trig.start, r)
        if cut >= 0:
            left = [m for m in left if m.start >= cut]  # "... killed when a drone struck a US base"
    agent = target = None
    if _is_passive(text, trig, r):
        by_agent = [m for m in right if text[trig.end:m.start].strip().startswith("by")
                    and m.start - trig.end < 40]
        agent = by_agent[0] if by_agent else None
        subj = [m for m in left if not m.oblique]
        target = subj[-1] if subj else None
        return agent, target, []
    if trig.reporting:
        prev = text[max(sent.start, trig.start - 3):trig.start]
        closes_parenthetical = any(text[sent.start + e:trig.start].strip() == "" for _, e in parens)
        if ("," in prev or '"' in prev or "”" in prev) and not trig.text.endswith("ing") \
                and not closes_parenthetical:
            # inverted attribution ("..., said the Pentagon"): the speaker follows, or nobody we know
            if right and right[0].start - trig.end <= 6:
                return right[0], None, []
            return None, None, []
    subjects = [m for m in left if not m.oblique]
    # "struck 1,600 Hezbollah targets ... and urged": a name describing a target is never the subject
    subjects = [m for m in subjects if not r.object_nouns.match(text, m.end)]
    named = [m for m in subjects if not m.possessive]
    adjacent = [m for m in left if _ADJACENT.fullmatch(text[m.end:trig.start])]
    if named and not adjacent and not trig.reporting and _PASSIVE_BY.search(text, named[-1].end, trig.start):
        # "They were targeted by dozens of rocket attacks": the subject suffered the attacks named after "by"
        return None, named[-1], []
    by_noun = [m for m in right if _BY_AGENT.fullmatch(text, trig.end, m.start)] \
        if not trig.text.split()[-1].endswith(("ed", "ing")) and not trig.reporting else []
    if by_noun and not adjacent:
        # "weeks of attacks by the Iran-aligned group on ships": the agent of an action noun follows "by"
        return by_noun[0], next((m for m in right if m is not by_noun[0] and m.start > by_noun[0].end
                                 and m.start - by_noun[0].end < 30), None), []
    if adjacent and not trig.reporting:
        # "a US drone strike", "Israel's strikes": the name right before an action noun is its agent
        agent = adjacent[-1]
        if agent.oblique and trig.text.split()[0].endswith("ed") and _OF_BEFORE.search(text, max(0, agent.start - 10), agent.start):
            agent = None  # "supporters of the PMF burned flags": the name after "of" only says whose supporters
        elif agent.oblique:  # "... were killed by a US drone strike": the subject is the target
            patients = [m for m in named if m.canonical != agent.canonical]
            return agent, (patients[-1] if patients else None), []
    elif named:
        agent = named[-1]
        join = _CLAUSE_JOIN.search(text, agent.end, trig.start) if trig.reporting else None
        if join is not None and text[join.end():trig.start].strip():
            return None, None, []  # "Israeli troops pushed in, and residents said ...": the speaker is unnamed
    elif subjects:
        agent = subjects[-1]
    elif not trig.reporting and (origin := [m for m in mentions if sent.start <= m.start and m.end <= trig.start
                                            and m.kind == "state"
                                            and r.origin_regex.search(text, max(0, m.start - 30), m.start)]):
        agent = origin[-1]  # "Long-range B-1 bombers flown from the United States dropped ...": their state acts
    elif right and not right[0].oblique and right[0].start - trig.end <= 6 and trig.reporting \
            and not right[0].pronoun:  # "Maersk said it would ...": "it" is the unnamed speaker itself
        agent = right[0]
    coactors: list[Mention] = []
    if agent is not None and agent in left:
        i = left.index(agent)
        while i > 0 and _LIST_GAP.fullmatch(text[left[i - 1].end:left[i].start]) \
                and not left[i - 1].oblique and not left[i - 1].possessive:
            coactors.insert(0, left[i - 1])
            i -= 1
    for m in right:
        gap = text[trig.end:m.start]
        if agent is not None and m.canonical == agent.canonical:
            if not (adjacent and agent is adjacent[-1]) and len(gap) <= 30 and not trig.reporting \
                    and r.category[trig.event_type] in r.violent_categories \
                    and _prev_word_skipping(text, m.start, r.determiners)[0] in _ATTACKED_PREPOSITIONS:
                return None, m, []  # "US officials count 40 attacks on American forces": nobody attacks itself
            continue
        if len(gap) > 60 or ";" in gap or _CLAUSE_JOIN.search(gap) or (trig.reporting and len(gap.split()) > 1):
            break
        if any(t.reporting and trig.end <= t.start < m.start for t in triggers):
            break
        if trig.reporting and m.possessive:
            break
        if m.is_place and m.kind != "state" and \
                _prev_word_skipping(text, m.start, rules().determiners)[0] not in TARGET_PREPOSITIONS:
            continue
        if "," in gap and any(t.reporting and m.end <= t.start <= m.end + 4 for t in triggers):
            break  # "..., the Israeli military said": the speaker of an inverted attribution, not the target
        target = m
        break
    return agent, target, coactors


_ATTACKED_PREPOSITIONS = frozenset({"on", "against", "at", "targeting"})
_BY_AGENT = re.compile(r"\s+by\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}")
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$")


def _between_pair(text: str, sent: Sentence, mentions: list[Mention]) -> tuple[Mention, Mention] | None:
    """"A ceasefire between Israel and Hezbollah": the first-named party acts, the second is the target."""
    inside = [m for m in mentions if sent.start <= m.start and m.end <= sent.end and m.kind != "media"]
    for a, b in zip(inside, inside[1:], strict=False):
        if _BETWEEN.search(text, max(sent.start, a.start - 14), a.start) and \
                re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.end:b.start]):
            return a, b
    return None


def _speaker_before(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention],
                    triggers: list[Trigger]) -> Mention | None:
    """Who voices the clause this trigger sits in: the agent of the nearest unquoted reporting verb before it."""
    reps = [t for t in triggers if t.reporting and not t.quoted and sent.start <= t.start and t.end <= trig.start]
    if not reps:
        # "Israeli strikes would continue, Netanyahu said": an inverted attribution closing the sentence
        after = [t for t in triggers if t.reporting and not t.quoted and trig.end <= t.start < sent.end]
        if not after or "," not in text[trig.end:after[0].start]:
            return None
        reps = after[:1]
    speaker, _, _ = _agent_and_target(text, sent, reps[-1], mentions, triggers)
    return speaker


# --- places -------------------------------------------------------------------------------------------
#: ", where he met": a where-clause right before the trigger
_WHERE_BEFORE = re.compile(r",?\s+where\s+(?:[\w'’.-]+\s+){0,4}$")


def _names_a_conflict(text: str, end: int) -> bool:
    """"the Gaza war", "the Gaza ceasefire", "the US embassy": a place naming a conflict, a deal or what a country
    owns abroad says which one, not where."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    r = rules()
    word = m.group(1).lower()
    return word in r.background_nouns or word in r.foreign_premises \
        or any(n.fullmatch(word) for n in r.continuation_nouns.values())


_NEXT_WORD = re.compile(r"\s+([a-z][\w-]*)")


def _place_for(text: str, sent: Sentence, trig: Trigger, places: list[PlaceMatch],
               actor_spans: list[tuple[int, int]], bystanders: list[Mention],
               later_actions: list[int] = (), keep_far: bool = True) -> PlaceMatch | None:
    """Most specific place near the trigger; names used as actors and places that only say where
    another actor is ("the Houthis in Yemen" when the Houthis are neither agent nor target) are skipped."""
    attached = {p.start for p in places for m in bystanders
                if 0 < p.start - m.end <= 24 and _ATTACH.fullmatch(text, m.end, p.start)}
    inside = [p for p in places if sent.start <= p.start and p.end <= sent.end and p.start not in attached
              and not any(s <= p.start and p.end <= e for s, e in actor_spans)
              and not _names_a_conflict(text, p.end)]
    if not inside:
        return None
    # "declared war on Sunday and pounded the Gaza Strip": a place after another kind of action is that action's
    after = [p for p in inside if p.start >= trig.start and not any(trig.end <= a < p.start for a in later_actions)]
    before = sorted((p for p in inside if p.start < trig.start), key=lambda p: -p.start)
    where = _WHERE_BEFORE.search(text, max(sent.start, trig.start - 60), trig.start)
    if where is not None:
        # "was in Israel, where he met Netanyahu": the place the where-clause hangs on
        hung = [p for p in inside if p.end <= where.start() and not text[p.end:where.start()].strip(" ,")]
        if hung:
            return hung[-1]
    if not after and not before:
        if not keep_far:
            return None
        after = [p for p in inside if p.start >= trig.start]  # an attack is somewhere: the nearest place then
    first = (after or before)[0]
    same = [p for p in inside if p.theater == first.theater]
    return min(same, key=lambda p: (p.specificity, abs(p.start - first.start)))


# --- dates ---------------------------------------------------------------------------------------------
_REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
_DURATION = re.compile(r"P(\d+(?:\.\d+)?|X)([DWMY])")
_SPAN_LEAD = re.compile(r"(?:\b(?:for|over|in|during)\s+(?:the\s+)?(?:past|last)?\s*)$", re.IGNORECASE)


def _usable(t: Timex) -> bool:
    return t.range_start is not None and t.range_end is not None and t.type in ("DATE", "TIME", "DURATION") \
        and t.value not in _REF_VALUES


def _span_until_dct(t: Timex, text: str, dct: dt.date | None) -> Timex:
    """'for a week', 'over the past month' without an interval from the tagger -> [dct - span, dct]."""
    if t.type != "DURATION" or t.range_start is not None or dct is None:
        return t
    m = _DURATION.fullmatch(t.value)
    if not m or m.group(1) == "X" or not _SPAN_LEAD.search(text[max(0, t.start - 20):t.start]):
        return t
    n = float(m.group(1))
    days = {"D": 1, "W": 7, "M": 30, "Y": 365}[m.group(2)] * n
    return dataclasses.replace(t, range_start=dct - dt.timedelta(days=int(days)), range_end=dct,
                               precision="range", basis="relative")


#: "BAGHDAD, Feb. 3, 2024 - ...": a dateline's date is when the story was filed, not when things happened
_DATELINE_LEAD = re.compile(r"[A-Z][A-Z .'-]*(?:,\s*[A-Z][A-Za-z .'-]*)?,\s*")
_DATELINE_TAIL = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[-\u2013\u2014]+\s")


def _is_dateline(sent: Sentence, t: Timex) -> bool:
    a, b = t.start - sent.start, t.end - sent.start
    return 0 <= a <= 40 and bool(_DATELINE_LEAD.fullmatch(sent.text, 0, a)) \
        and bool(_DATELINE_TAIL.match(sent.text, b))


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
        detached_clauses=frozenset(str(w).lower() for w in d.get("detached_clauses") or ()))


_CLAUSE_END = re.compile(r"[,;:]|\s[-\u2013\u2014]\s")


def _offset_link(text: str, lo: int, pos: int) -> re.Match[str] | None:
    """The offset phrase ("five days after") whose clause holds position `pos`: it ends at most `max_clause`
    characters before `pos` with no clause boundary in between."""
    dl = date_links()
    for m in dl.offset_regex.finditer(text, lo, max(pos, lo)):
        if 0 <= pos - m.end() <= dl.max_clause and not _CLAUSE_END.search(text, m.end(), pos):
            return m
    return None


def _in_offset_clause(text: str, t: Trigger) -> bool:
    """"came five days after US bombers hit ...": the trigger's clause is anchored days away from the sentence's date."""
    return _offset_link(text, max(0, t.start - date_links().max_clause - 30), t.start) is not None


def _offset_timex(sent: Sentence, trig: Trigger, cands: list[Timex]) -> Timex | None:
    """"On Wednesday, five days after US bombers hit ...": a trigger inside an offset clause happened that many
    days before (or after) the date the rest of the sentence gives, not on it."""
    dl = date_links()
    rel = trig.start - sent.start
    m = _offset_link(sent.text, 0, rel)
    if m is not None:
        n = int(m.group("n")) if m.group("n").isdigit() else dl.numbers.get(m.group("n").lower(), 0)
        days = n * dl.units.get(m.group("unit").lower(), 0) * dl.links.get(m.group("link").lower(), 0)
        end = _CLAUSE_END.search(sent.text, rel)
        clause = (sent.start + m.start(), sent.start + (end.start() if end else len(sent.text)))
        anchors = [t for t in cands if (t.end <= clause[0] or t.start >= clause[1]) and t.type != "DURATION"
                   and t.range_start == t.range_end]
        if not anchors or not n:
            return None
        a = min(anchors, key=lambda t: min(abs(t.end - clause[0]), abs(t.start - clause[1])))
        day = a.range_start + dt.timedelta(days=days)
        return dataclasses.replace(a, value=day.isoformat(), range_start=day, range_end=day, precision="day",
                                   basis="narrative", text=f"{m.group(0).strip()} {a.text}", rule="offset_link")
    return None


def _span_to(own: Timex | None, sent: Sentence, trig: Trigger, text: str, last_date: Timex | None) -> Timex | None:
    """"kept striking Dahiyeh through Saturday", "fired rockets until shortly before ... Wednesday": an ongoing
    action that ends at its date expression began earlier: at the date the text set before (within a week),
    else the day before."""
    if own is None or own.range_start is None or own.range_start != own.range_end or own.start < trig.end:
        return own
    if own.type == "TIME" and own.basis == "narrative":
        return own  # "until the evening": a time of the day the text set, not a span over days
    gap = text[trig.end:own.start] if own.start > trig.end else _CLAUSE_END.split(text[trig.end:sent.end], 1)[0]
    if len(gap) > date_links().max_clause or _CLAUSE_END.search(gap) or not date_links().span_end_regex.search(gap):
        return own
    start = own.range_start - dt.timedelta(days=1)
    if last_date is not None and last_date.range_start is not None \
            and dt.timedelta(0) < own.range_start - last_date.range_start <= dt.timedelta(days=7):
        start = last_date.range_start
    return dataclasses.replace(own, range_start=start, precision="range", rule=own.rule + "+span_end")


_WHEN_CLAUSE = re.compile(r"\s*,?\s*(?:when|as)\s+[^;:.]{0,60}$")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")


def _when_point(own: Timex | None, trig: Trigger, text: str) -> Timex | None:
    """"struck military sites ... since Oct. 1, when Iran fired 180 missiles": the action of a when-clause
    hanging on a since-date happened on that day, not over the span since."""
    if own is None or own.range_start is None or own.range_start == own.range_end or own.end > trig.start:
        return own
    if not _DAY_VALUE.fullmatch(own.value) or not since_lead(text, own.start):
        return own
    if not _WHEN_CLAUSE.fullmatch(text, own.end, trig.start):
        return own
    return dataclasses.replace(own, range_end=own.range_start, precision="day", rule=own.rule + "+when_clause")


def _ends_at_context(sent: Sentence, trig: Trigger, text: str) -> bool:
    """"fired rockets until shortly before the deadline": no date of its own, but a span ending at the date the
    context gives."""
    clause = _CLAUSE_END.split(text[trig.end:sent.end], 1)[0][:date_links().max_clause]
    return bool(date_links().span_end_regex.search(clause))


_YEAR_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|['’]s)\s+$", re.IGNORECASE)
_YEAR_MODIFIER_AFTER = re.compile(r"\s+(?!(?:and|or|to|in|on|at|for|of|when|as|after|before|until|through)\b)"
                                  r"[a-z][\w-]*")


def _attributive(sent: Sentence, t: Timex) -> bool:
    """"the 1974 disengagement agreement", "Iran's 2015 nuclear deal": a bare year modifying a noun names the
    thing; it does not date what the sentence reports."""
    if not date_links().attributive_years or not (t.text.isdigit() and len(t.text) == 4):
        return False
    lo, hi = t.start - sent.start, t.end - sent.start
    return bool(_YEAR_MODIFIER_BEFORE.search(sent.text[max(0, lo - 8):lo])) \
        and _YEAR_MODIFIER_AFTER.match(sent.text, hi) is not None


def _bare_time(own: Timex | None, dated: list[tuple[Event, Timex]], paragraph: int, etype: str,
               own_paragraph: list[Timex], r: Rules) -> Timex | None:
    """"The truce began at 11:15 a.m." in a paragraph that sets no day: the time falls on the day of the latest
    dated event of the same type in the look-back paragraphs ("a ceasefire took effect on Sunday"), else on the
    day the narrative set last, not on the publication date."""
    if own is None or own.rule not in date_links().bare_time_rules or not dated or paragraph < 0:
        return own
    if any(t.end <= own.start and t.type in ("DATE", "TIME") and t.range_start is not None
           and t.range_start == t.range_end for t in own_paragraph):
        return own  # "On Sunday ... at 11:15 a.m.": the paragraph set the day itself
    near = [(e, tx) for e, tx in dated if 0 < paragraph - e.paragraph_index <= r.lookback
            and tx.range_start is not None and tx.range_start == tx.range_end]
    same = [(e, tx) for e, tx in near if e.event_type == etype]
    if same:
        prev, tx = same[-1]
    elif near and own.basis != "narrative":
        prev, tx = near[-1]
    else:
        return own
    if tx.range_start == own.range_start:
        return own
    day = tx.range_start
    clock = own.value.split("T", 1)[1] if "T" in own.value else ""
    return dataclasses.replace(own, range_start=day, range_end=day, basis="narrative",
                               value=day.isoformat() + (f"T{clock}" if clock else ""))


#: what may stand between a reporting verb and its own date: "said on", "said late on", "said in a statement on"
_SAYING_DATE_GAP = re.compile(r"\s*(?:(?:in|at|during)\s+(?:a|an|the|his|her|its)\s+[\w-]+(?:\s+[\w-]+)?\s+)?"
                              r"(?:on|late|early|late on|early on|in the|on the|this|last)?\s*")


def text_of(sent: Sentence, start: int, end: int) -> str:
    """The sentence's text between two paragraph offsets."""
    return sent.text[max(0, start - sent.start):max(0, end - sent.start)]


def _pick_timex(sent: Sentence, trig: Trigger, timexes: list[Timex], dct: dt.date | None,
                others: list[Trigger] = ()) -> Timex | None:
    """The sentence's date expression nearest the trigger; a dateline's or a future one only as a last resort.
    A date inside another clause that holds an action of its own ("Iran fired those missiles after Israel killed
    Nasrallah on Sept. 27") dates that action, not this one."""
    cands = [t for t in timexes if sent.start <= t.start and t.end <= sent.end and _usable(t)
             and not _attributive(sent, t)]
    if not cands:
        return None
    linked = _offset_timex(sent, trig, cands)
    if linked is not None:
        return linked
    if trig.reporting:
        # "Biden said the US response had begun on Friday": a date inside what is said dates the content;
        # the saying's own date sits before the verb or right after it ("said on Friday", "said in a
        # statement on Friday that")
        cands = [t for t in cands if t.start < trig.start or _SAYING_DATE_GAP.fullmatch(text_of(sent, trig.end, t.start))]
        if not cands:
            return None
    if others and not trig.weak:
        # "launched rockets in retaliation for the killing of its commander last month": a date after a
        # background action names that action's time (a weak word - "smoke rising after an Israeli strike on
        # January 14" - reports that very action, so shares its date)
        owned = [t for t in cands if not any(o is not trig and o.background and trig.end <= o.start < t.start
                                             for o in others)]
        if not owned:
            return None
        cands = owned
    if others and len(cands) > 0:
        bounds = _clause_bounds(sent, {t.start for t in cands}, rules())
        if len(bounds) > 1:
            # only a subordinate clause keeps its date to itself; the main clause's date ("On Tuesday ...")
            # scopes over the whole sentence
            mine = _clause_of(bounds, trig.start)
            busy = {_clause_of(bounds, o.start) for o in others if o is not trig and not o.reporting} \
                - {mine, sent.start}
            cands = [t for t in cands if _clause_of(bounds, t.start) not in busy]
            if not cands:
                return None

    def key(t: Timex) -> tuple[bool, bool, int]:
        future = dct is not None and t.range_start is not None and t.range_start > dct
        return _is_dateline(sent, t), future, min(abs(t.start - trig.start), abs(t.end - trig.start))

    return min(cands, key=key)


def _date_fields(timex: Timex | None, basis_override: str | None, article: Article) -> dict:
    estimated = article.published_basis == "estimated"
    if timex is None:
        day = article.published
        return {"date_start": day, "date_end": day, "date_precision": "day" if day else "unknown",
                "date_text": "", "date_value": day.isoformat() if day else "",
                "date_basis": "publication+estimated" if estimated else "publication"}
    basis = basis_override or timex.basis or "explicit"
    depends = timex.basis != "explicit" or basis == "relative"
    precision = timex.precision
    if timex.type == "DURATION" or (timex.range_start != timex.range_end and precision == "unknown"):
        precision = "range" if timex.range_start != timex.range_end else precision
    return {"date_start": timex.range_start, "date_end": timex.range_end, "date_precision": precision,
            "date_text": timex.text, "date_value": timex.value,
            "date_basis": basis + ("+estimated" if estimated and depends else "")}


def _tag(text: str, dct: dt.date | None, settings: Settings) -> list[Timex]:
    return list(tag(text, dct, mode=settings.timex_mode))


# --- the extractor ---------------------------------------------------------------------------------------
def _units(article: Article, settings: Settings) -> list[_Unit]:
    units = [_Unit(i, p) for i, p in enumerate(article.paragraphs)]
    body_timexes = _tag(article.body, article.published, settings) if units else []
    starts, pos = [], 0
    for p in article.paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    for t in body_timexes:
        i = bisect.bisect_right(starts, t.start) - 1
        if 0 <= i < len(units) and t.end <= starts[i] + len(units[i].text):
            off = starts[i]
            units[i].timexes.append(Timex(t.start - off, t.end - off, t.text, t.type, t.value, t.range_start,
                                          t.range_end, t.precision, t.basis, t.mod, t.rule))
    for j, cap in enumerate(article.captions):
        units.append(_Unit(CAPTION_INDEX_BASE - j, cap.text, _tag(cap.text, article.published, settings)))
    for u in units:
        u.timexes = [_span_until_dct(t, u.text, article.published) for t in u.timexes]
    return units


def extract_events(article: Article, settings: Settings) -> list[Event]:
    """One Event per sentence that reports an action, with agent, target, place and date."""
    r = rules()
    table = actor_table()
    gaz = gazetteer()
    events: list[Event] = []
    history: list[list[Mention]] = []  # resolved mentions of earlier paragraphs (body only)
    salience: Counter[str] = Counter()  # how often each actor was named so far (pronoun tie-breaks)
    recent: dict[str, Event] = {}  # last violent event with an actor, per category (implicit agents)
    dated: list[tuple[Event, Timex]] = []  # events dated by their own or an inherited expression, in order
    weapon_of: dict[str, str] = {}  # actor -> type of its latest weapon-named attack (generic strikes)
    scenes: dict[str, Event] = {}  # actor -> its latest violent event placed by a place named in its sentence
    story: Event | None = None  # the article's latest placed happening (statements aside)
    last_sea: PlaceMatch | None = None  # the sea the article named last (violence against ships happens at sea)
    named_pairs: dict[str, tuple[Mention, Mention]] = {}
    releasers: list[str] = []  # actors that freed captives in this article, first named first  # type -> parties of "a ceasefire between X and Y"
    for unit in _units(article, settings):
        text = unit.text
        places = gaz.find(text)
        place_spans = {(p.start, p.end) for p in places}
        raw_names = table.find(text)
        names = _group_names(text, raw_names, r)
        _mark_roles(text, names, place_spans, r)
        mentions = _with_pronouns(text, names, history if unit.index >= 0 else [], r, salience)
        if unit.index >= 0:
            history.append(mentions)
            salience.update(m.canonical for m in mentions if m.kind != "media" and not m.modifier)
        triggers = _find_triggers(text, r, [(m.start, m.end) for m in raw_names])
        seas = [p for p in places if p.kind == "sea"]
        last_sea = seas[0] if seas else last_sea  # the paragraph's own sea, else the one named last before
        last_date: Timex | None = None
        for sent in split_sentences(text):
            in_sent = [t for t in triggers if sent.start <= t.start < sent.end]
            in_sent = [t for t in in_sent if not _reported_complement(t, in_sent, text, r)]
            trig = _main_trigger(in_sent)
            if trig is not None and fold(trig.text).lower() in r.attribution_only:
                trig = None  # "..., according to the UN": a source for facts, not an event
            if trig is not None and trig.event_type == "Threat/warning" and not trig.quoted \
                    and r.danger_warning_regex.match(text, trig.end):
                # "warned of a serious risk ... and called on all sides to ...": a warning about a danger is
                # the reason for the appeal, not a threat of the speaker's own
                appeal = [t for t in in_sent if t.event_type in r.danger_yields_to and not t.quoted]
                trig = appeal[0] if appeal else trig
            if trig is not None and trig.anaphoric and _TOLD_AGAIN_SUBJECT.fullmatch(text, sent.start, trig.start):
                # "The attack came hours after Hezbollah fired rockets": the fresh action is the sentence's news
                fresh = [t for t in in_sent if not t.anaphoric and not t.unrealised and not t.quoted and not t.weak
                         and not t.reporting and r.category[t.event_type] in r.violent_categories]
                trig = fresh[0] if fresh else trig
            if trig is not None and trig.anaphoric and r.category[trig.event_type] in r.violent_categories \
                    and _TALKED_ABOUT.search(text, max(sent.start, trig.start - 40), trig.start) \
                    and not any(fold(t.text).lower() in r.casualty_words for t in in_sent) \
                    and not any(t.reporting or t.event_type in VOICED_TYPES for t in in_sent):
                trig = None  # "Israel did not comment on the killing": an attack told again, talked about
            claimed = _claimed_attack(in_sent, text, r)
            claimed_again = claimed is not None and any(t.start == claimed.start and t.anaphoric for t in in_sent)
            if claimed is not None:
                # "claimed responsibility for the attack": the claim names who did it; the attack is the event
                in_sent = [claimed if t.start == claimed.start else t for t in in_sent
                           if not (t.reporting and t.end <= claimed.start and fold(t.text).lower() in r.claim_verbs)]
                trig = claimed
            if trig is not None and trig.unrealised:
                trig = None  # "has repeatedly called for", "is due to travel": no happening to record
            if trig is not None and article.published is not None and trig.event_type in r.realised_only_types:
                ahead = _pick_timex(sent, trig, unit.timexes, article.published)
                if ahead is not None and ahead.range_start is not None and ahead.range_start > article.published:
                    # "Trump said he expected talks with Iran to take place next week": not happened yet
                    in_sent = [t for t in in_sent if t is not trig]
                    trig = _main_trigger(in_sent)
            if trig is not None and trig.anaphoric and any(
                    t.unrealised and t.start < trig.start and r.category[t.event_type] in r.violent_categories
                    for t in in_sent):
                trig = None  # "no soldier had been killed in those attacks": the attacks told again, not a toll
            own = _bare_time(_pick_timex(sent, trig, unit.timexes, article.published, in_sent), dated, unit.index,
                             _final_type(trig, sent.text, r), unit.timexes, r) if trig else None
            own = _span_to(own, sent, trig, text, last_date) if trig else None
            own = _when_point(own, trig, text) if trig else None
            if own is not None and article.published is not None and own.range_start is not None \
                    and own.range_start > article.published and _final_type(trig, sent.text, r) in VOICED_TYPES:
                own = None  # "said he expected talks next week": the date of what is said, not of the saying
            if unit.index >= 0:
                _remember_pairs(text, sent, mentions, named_pairs, r)
            if trig is not None:
                placed = _names_place(sent, places, mentions)
                war_toll = bool(r.war_toll_regex.search(sent.text)) and any(
                    fold(x.text).lower() in r.casualty_words for x in in_sent)
                done: set[tuple[str, str, str, dt.date | None]] = set()
                for t in [trig] + _extra_triggers(trig, in_sent, sent.text, r, text=text, sent_start=sent.start):
                    t_own = own if t is trig else _when_point(_span_to(_bare_time(
                        _pick_timex(sent, t, unit.timexes, article.published, in_sent), dated, unit.index,
                        _final_type(t, sent.text, r), unit.timexes, r),
                        sent, t, text, last_date), t, text)
                    built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None)
                    if built is None and unit.index >= 0:
                        built = _continue_last(article, unit, sent, t, recent, t_own, r)
                    if built is None and unit.index >= 0 and not t.future and not t.quoted \
                            and fold(t.text).lower() in r.release_words and releasers:
                        freer = _releaser(text, sent, t, mentions, releasers, r)
                        if freer is not None:  # "Thirteen Israelis were handed to the Red Cross"
                            built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None,
                                                 agent_hint=freer)
                    if built is None and unit.index >= 0 and not t.future and not t.quoted:
                        hint = named_pairs.get(_final_type(t, sent.text, r))
                        if hint is not None:  # "The truce began" after "a ceasefire between Israel and Iran"
                            built = _build_event(article, unit, sent, t, in_sent, mentions, places, t_own, None,
                                                 pair_hint=hint)
                    for ev in (built if isinstance(built, list) else [built]):
                        ev = _inherit_actor(ev, recent, r, placed)
                        if ev is None or (war_toll and ev.event_category in r.violent_categories):
                            continue  # "610 people were killed in Israeli strikes during the war": a summary
                        ev = _intercepted(ev, t, sent.text, recent, r)
                        if claimed_again and t is trig:
                            ev = _claimed_scene(ev, events, r)
                        ev = _actor_weapon(ev, t, sent.text, weapon_of, r)
                        ev = _actor_scene(ev, placed, scenes, r)
                        ev = _addressed_scene(ev, t, text, placed, scenes, r)
                        ev = _at_sea(ev, t, text, sent, places, last_sea, r)
                        if ev.paragraph_index >= 0 and ev.event_type not in VOICED_TYPES:
                            if not ev.theater and story is not None and ev.event_category in r.violent_categories:
                                # "The offensive was launched on Nov. 27": violence nobody and nothing places
                                # happened where the article's latest placed happening did
                                ev = dataclasses.replace(ev, **_at_theater(story.theater))
                            elif ev.theater:
                                story = ev
                        foreground = t is trig and not t.background and not t.anaphoric
                        used = t_own
                        if used is None:
                            used = _context_timex(ev, dated, last_date, r)
                            if used is not None and _ends_at_context(sent, t, text):
                                used = _span_to(dataclasses.replace(used, start=t.end, end=t.end), sent, t, text,
                                                None)
                            if used is not None:
                                ev = dataclasses.replace(ev, **_date_fields(used, "narrative", article))
                        if used is not None and foreground and not (used is t_own and since_lead(text, used.start)):
                            dated.append((ev, used))  # a since-span is a toll's window: later mentions don't share it
                        if foreground and ev.actor and ev.event_category in r.violent_categories:
                            recent[ev.event_category] = recent["*"] = ev
                        if ev.actor and fold(t.text).lower() in r.release_words and unit.index >= 0 \
                                and ev.actor not in releasers:
                            releasers.append(ev.actor)
                        if ev.actor and ev.event_type in r.continuation_types and unit.index >= 0:
                            recent[ev.event_type] = ev
                        if (ev.event_type, ev.actor, ev.theater, ev.date_start) not in done:
                            done.add((ev.event_type, ev.actor, ev.theater, ev.date_start))
                            events.append(ev)
            sent_dates = [t for t in unit.timexes if sent.start <= t.start < sent.end and _usable(t)
                          and not _attributive(sent, t)]
            # a since-span ("killed since Saturday") is a toll's window, not a time the narrative moves to
            sent_dates = [t for t in sent_dates if not since_lead(text, t.start)]
            if sent_dates:
                last_date = own if own is not None and not since_lead(text, own.start) else sent_dates[-1]
    return _voiced_during_visits(events, r)


def _intercepted(ev: Event, trig: Trigger, sentence_text: str, recent: dict[str, Event], r: Rules) -> Event:
    """"A US destroyer shot down missiles and drones launched from Yemen", "All of them were shot down by US
    warships": an interception reports the attack intercepted. Its actor is the launcher - a name right before the
    weapon ("Houthi drones") or else the article's latest attacker other than the interceptor; its target is the
    interceptor; its type is the first-named weapon's (else the latest attack's)."""
    if fold(trig.text).lower() not in r.interceptions:
        return ev
    interceptor = ev.actor
    scope = _trigger_clause(trig, sentence_text, r)
    weapon = r.weapon_regex.search(scope)
    etype = r.weapon_type.get(weapon.group()) if weapon else None
    launcher = ""
    if weapon is not None:
        at = sentence_text.find(scope) + weapon.start()
        named = [m for m in actor_table().find(sentence_text) if _ADJACENT.fullmatch(sentence_text, m.end, at)]
        launcher = named[-1].canonical if named else ""
    prev = next((e for e in (recent.get(c) for c in r.violent_categories) if e is not None and e.actor
                 and e.actor != interceptor and not _same_or_affiliated(e.actor, interceptor)
                 and e.event_type in r.weapon_type.values()), None) if not launcher else None
    if prev is not None:
        launcher, etype = prev.actor, etype or prev.event_type
    if etype is None:
        return ev
    table = actor_table()
    actors = tuple(dict.fromkeys(n for n in (launcher, *table.affiliations(launcher)) if n)) if launcher else ()
    ev = dataclasses.replace(ev, actor=launcher, actors=actors, actor_text="", target=interceptor or ev.target,
                             event_type=etype, event_category=r.category[etype])
    # where it was shot down ("a destroyer in the northern Red Sea", "over central Israel"), else where the attack
    # it belongs to was; "launched from Yemen" names where it came from
    over = [p for p in gazetteer().find(sentence_text) if _INTERCEPT_AT.search(sentence_text, 0, p.start)]
    if over:
        return dataclasses.replace(ev, theater=over[0].theater, location=over[0].location,
                                   latitude=over[0].latitude, longitude=over[0].longitude)
    if prev is not None:
        return dataclasses.replace(ev, theater=prev.theater, location=prev.location, latitude=prev.latitude,
                                   longitude=prev.longitude)
    return ev


#: "in the northern Red Sea", "over central Israel": the words right before where an interception happened
_INTERCEPT_AT = re.compile(r"\b(?:in|over|above|off)\s+(?:the\s+)?(?:[a-z]+ern\s+|central\s+)?$")


def _releaser(text: str, sent: Sentence, trig: Trigger, mentions: list[Mention], releasers: list[str],
              r: Rules) -> Mention | None:
    """Who freed the captives of a passive release naming nobody ("Ten Thai nationals were freed"): the holder in
    "from Israeli jails", else an earlier releaser not of the freed people's nationality, else the first one."""
    for m in mentions:
        if trig.end <= m.start < trig.end + 40 and m.kind == "state" \
                and _FROM_BEFORE.search(text, max(0, m.start - 12), m.start) \
                and any(w.lower() in r.custody_words for w in _words_after(text, m.end, 2)):
            return m  # "were released from Israeli jails"
    freed = {m.canonical for m in mentions if sent.start <= m.start < trig.start and m.kind == "state"}
    fits = [a for a in releasers if not any(_same_or_affiliated(a, f) for f in freed)]
    if not fits:
        return None
    return Mention(-1, -1, "", fits[0], actor_table().kind(fits[0]))


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")


def _claimed_attack(in_sent: list[Trigger], text: str, r: Rules) -> Trigger | None:
    """The violent trigger a claim verb governs ("claimed responsibility for the missile strike"), if any."""
    for i, t in enumerate(in_sent):
        if t.reporting and not t.quoted and fold(t.text).lower() in r.claim_verbs:
            for nxt in in_sent[i + 1:]:
                if r.category[nxt.event_type] in r.violent_categories and not nxt.quoted and not nxt.unrealised \
                        and nxt.start - t.end < 60 and r.claim_gap.fullmatch(text, t.end, nxt.start):
                    return dataclasses.replace(nxt, anaphoric=False, background=False)
    return None


def _claimed_scene(ev: Event, events: list[Event], r: Rules) -> Event:
    """"Two gunmen opened fire in Jaffa ... Hamas's armed wing later claimed the attack": the attack claimed is
    the article's latest violent event (same or previous paragraph); the claim keeps its claimant but takes that
    event's type when its own word names no weapon, its place, its target and, undated, its date."""
    at = next((i for i in range(len(events) - 1, -1, -1) if events[i].event_category in r.violent_categories
               and 0 <= ev.paragraph_index - events[i].paragraph_index <= 1), None)
    if at is None:
        return ev
    prev = events[at]
    if not prev.actor and ev.actor:
        events[at] = prev = dataclasses.replace(prev, actor=ev.actor, actors=ev.actors)  # the claim names who did it
    etype = prev.event_type if ev.event_type == r.generic_violent_type else ev.event_type
    dates = {} if ev.date_text else {k: getattr(prev, k) for k in (
        "date_start", "date_end", "date_precision", "date_text", "date_value", "date_basis")}
    return dataclasses.replace(ev, event_type=etype, event_category=r.category[etype],
                               target=ev.target or prev.target, theater=prev.theater, location=prev.location,
                               latitude=prev.latitude, longitude=prev.longitude, **dates)


def _remember_pairs(text: str, sent: Sentence, mentions: list[Mention], named_pairs: dict[str, tuple[Mention, Mention]],
                    r: Rules) -> None:
    """Record the parties of "a ceasefire between Israel and Iran" for a later agentless "The truce began"."""
    if "between" not in sent.text:
        return
    pair = _between_pair(text, sent, mentions)
    if pair is None:
        return
    for etype, nouns in r.continuation_nouns.items():
        if nouns.search(text, max(sent.start, pair[0].start - 40), pair[0].start):
            named_pairs[etype] = pair


def _overlaps(a: Event, b: Event) -> bool:
    return bool(a.date_start and b.date_start and a.date_end and b.date_end
                and a.date_start <= b.date_end and b.date_start <= a.date_end)


def _voiced_during_visits(events: list[Event], r: Rules) -> list[Event]:
    """A speaker abroad speaks where they are: "during a visit to Iraq ... he warned" -> Iraq. A statement,
    threat or appeal placed at the speaker's home theater takes the theater of the same speaker's visit
    elsewhere told in the article (the nearest one) when it has no date of its own (then it also takes the
    visit's date: it is the visit that dates it) or its date overlaps the visit's. Undated mentions of the
    visit itself in the same theater take the dated visit's date."""
    table = actor_table()
    visits: dict[str, list[Event]] = {}
    for e in events:
        if e.event_type == r.visit_type and e.actor and e.paragraph_index >= 0 and e.theater \
                and e.theater != table.home_theater(e.actor):
            visits.setdefault(e.actor, []).append(e)
    if not visits:
        return events
    out = []
    for e in events:
        mine = visits.get(e.actor)
        if not mine or e.paragraph_index < 0 or (any(v is e for v in mine)
                                                   and e.date_basis.split("+")[0] != "publication"):
            out.append(e)
            continue
        undated = e.date_basis.split("+")[0] == "publication"
        if e.event_type == r.visit_type:
            fits = [v for v in mine if v is not e and v.theater == e.theater
                    and v.date_basis.split("+")[0] != "publication"]
        elif e.event_type in VOICED_TYPES and e.theater == table.home_theater(e.actor):
            fits = [v for v in mine if undated or _overlaps(v, e)]
        else:
            fits = []
        if not fits:
            out.append(e)
            continue
        dated_first = sorted(fits, key=lambda v: (v.date_basis.split("+")[0] == "publication",
                                                  abs(v.paragraph_index - e.paragraph_index)))
        v = dated_first[0]
        change: dict = {"theater": v.theater, "location": v.location, "latitude": v.latitude,
                        "longitude": v.longitude}
        if undated and v.date_basis.split("+")[0] != "publication":
            change.update(date_start=v.date_start, date_end=v.date_end, date_precision=v.date_precision,
                          date_text=v.date_text, date_value=v.date_value,
                          date_basis="narrative" + ("+estimated" if "+estimated" in v.date_basis else ""))
        out.append(dataclasses.replace(e, **change))
    return out


def _with_pronouns(text: str, names: list[Mention], history: list[list[Mention]], r: Rules,
                   salience: Counter[str] | None = None) -> list[Mention]:
    """Add resolved pronouns/group nouns; names already found win over overlapping pronouns."""
    salience = salience if salience is not None else Counter()
    spans = [(m.start, m.end) for m in names]
    found = sorted(names, key=lambda m: m.start)
    earlier = [m for para in history[-r.lookback:] for m in para]
    out: list[Mention] = []
    pron = [p for p in r.pronoun_regex.finditer(fold(text))
            if not any(s < p.end() and p.start() < e for s, e in spans)]
    items = sorted([(m.start, 0, m) for m in found] + [(p.start(), 1, p) for p in pron], key=lambda x: x[:2])
    for _, is_pron, item in items:
        if not is_pron:
            out.append(item)
            continue
        surface = text[item.start():item.end()]
        if surface in ("it", "It") and r.expletive_it.match(text, item.end()):
            continue  # "it was unclear who ...": an empty subject, not an actor
        kinds, prefer = r.pronoun_kinds[item.group()]
        ante = _resolve_pronoun(kinds, prefer, out, earlier, salience)
        if ante is None:
            continue
        mt = Mention(item.start(), item.end(), surface, ante.canonical, ante.kind, pronoun=True,
                     possessive=surface.lower() in POSSESSIVE_PRONOUNS)
        word, _ = _prev_word_skipping(text, mt.start, r.determiners)
        mt.oblique = word in r.prepositions and not _after_leader_link(text, mt.start, r)
        out.append(mt)
    return out


def _same_or_affiliated(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return True
    table = actor_table()
    return a in table.affiliations(b) or b in table.affiliations(a)


def _context_timex(ev: Event, dated: list[tuple[Event, Timex]], last_date: Timex | None, r: Rules) -> Timex | None:
    """A mention with no time cue of its own takes the date of a coreferent mention (README: "a clause
    without its own time cue takes the date of a coreferent mention"): for violence, the latest dated
    violent mention of a compatible actor within the look-back paragraphs; for statements, threats and
    appeals, the same speaker's latest dated remark ("He added ..."); a violent or other action with
    neither falls back to the date the paragraph last set. Captions only look at captions."""
    voiced = ev.event_type in VOICED_TYPES
    violent = ev.event_category in r.violent_categories
    last_voiced = True
    # "He said ..." may continue the remark of the paragraph before; a speaker named anew speaks anew
    reach = 1 if ev.actor_text.lower() in r.pronouns else 0
    for prev, tx in reversed(dated):
        if (prev.paragraph_index < 0) != (ev.paragraph_index < 0):
            continue
        if abs(ev.paragraph_index - prev.paragraph_index) > (reach if voiced else r.lookback):
            break
        if voiced and prev.event_type in VOICED_TYPES:
            if last_voiced and ev.actor and prev.actor == ev.actor:
                return tx
            last_voiced = False  # only the speaker's latest remark continues ("He added ...")
        if violent and prev.event_category in r.violent_categories and prev.actor and \
                _same_or_affiliated(prev.actor, ev.actor):
            return tx
    return None if voiced else last_date


def _continue_last(article: Article, unit: _Unit, sent: Sentence, trig: Trigger, recent: dict[str, Event],
                   own: Timex | None, r: Rules) -> Event | None:
    """"The truce began at 7 a.m.": a mention of a continuation type (rules/event_types.yaml) with nobody
    named is the article's last event of that type told again; it keeps that event's parties and place."""
    etype = _final_type(trig, sent.text, r)
    prev = recent.get(etype) if etype in r.continuation_types else None
    if prev is None or trig.future or trig.quoted:
        return None
    source = {"article_id": article.article_id, "source": article.source, "sentence": sent.text,
              "title": article.title}
    return dataclasses.replace(
        prev, event_id=stable_hash(article.article_id, str(unit.index), sent.text, etype, prev.actor),
        actor_text="", trigger=trig.text, sentence=sent.text, paragraph_index=unit.index, sources=(source,),
        n_sources=1, **_date_fields(own, None, article))


def _actor_weapon(ev: Event, trig: Trigger, sentence_text: str, weapon_of: dict[str, str], r: Rules) -> Event:
    """"Iran fired 180 ballistic missiles ... Some struck near air bases": a strike word naming no weapon, in
    a sentence naming none, was made with the weapon the same actor used in its latest weapon-named attack; so
    is a killing whose killer is named ("after Israel killed Hezbollah's leader")."""
    word = fold(trig.text).lower()
    if ev.actor and ev.actor_text and ev.event_type == r.generic_violent_type and word in r.casualty_words \
            and not r.weapon_regex.search(_trigger_clause(trig, sentence_text, r)) and weapon_of.get(ev.actor):
        # "after Israel killed Hezbollah leader Hassan Nasrallah": a named killer's killing, by its known means
        known = weapon_of[ev.actor]
        return dataclasses.replace(ev, event_type=known, event_category=r.category[known])
    if not ev.actor or ev.event_type not in r.weapon_type.values():
        return ev
    if word in r.generic_strikes and not r.weapon_regex.search(sentence_text):
        known = weapon_of.get(ev.actor)
        if known and known != ev.event_type:
            return dataclasses.replace(ev, event_type=known, event_category=r.category[known])
        return ev
    weapon_of[ev.actor] = ev.event_type
    return ev


def _at_theater(theater: str) -> dict:
    """Event fields for a placement at a whole theater (its gazetteer point), when no finer place is named."""
    tp = gazetteer().theater_place(theater) if theater else None
    return {"theater": theater, "location": theater, "latitude": tp.latitude if tp else None,
            "longitude": tp.longitude if tp else None}


def _names_place(sent: Sentence, places: list[PlaceMatch], mentions: list[Mention]) -> bool:
    """Whether the sentence names a place of its own; a name read as an actor ("according to the US military",
    "Tehran said") is not one (a name that is also a place is a place only after a locative preposition)."""
    return any(sent.start <= p.start < sent.end
               and not any(m.start <= p.start and p.end <= m.end and not m.locative for m in mentions)
               for p in places)


def _actor_scene(ev: Event, placed: bool, scenes: dict[str, Event], r: Rules) -> Event:
    """"US jets struck targets in Yemen ... More than 60 targets were hit": an attack whose sentence names no
    place and no target happened where the same actor's latest placed attack did, not at the actor's home."""
    if not ev.actor or ev.event_category not in r.violent_categories:
        return ev
    if placed:
        scenes[ev.actor] = ev
        return ev
    scene = scenes.get(ev.actor)
    if ev.target or scene is None or scene.theater == ev.theater or ev.paragraph_index < 0:
        return ev
    return dataclasses.replace(ev, **_at_theater(scene.theater))


def _addressed_scene(ev: Event, trig: Trigger, text: str, placed: bool, scenes: dict[str, Event], r: Rules) -> Event:
    """"The Israeli military ... warned residents of several areas near the border to leave": an order to people
    of no named place acts where the speaker's latest placed attack was, not at the speaker's home."""
    if not ev.actor or ev.event_type not in VOICED_TYPES or r.populations is None:
        return ev
    if placed and ev.theater != actor_table().home_theater(ev.actor):
        return ev  # the order names its place ("warned residents of Rafah")
    if not r.populations.search(text, trig.end, min(len(text), trig.end + 30)):
        return ev
    scene = scenes.get(ev.actor) or next((e for a, e in scenes.items() if _same_or_affiliated(a, ev.actor)), None)
    if scene is None or scene.theater == ev.theater:
        return ev
    return dataclasses.replace(ev, **_at_theater(scene.theater))


#: "18 drones, two anti-ship cruise missiles and a ballistic missile at shipping lanes": a weapon list's commas
_WEAPON_LIST_GAP = re.compile(r"(?:[\s,]+[\w-]+){0,10}?\s+(?:at|on|against|toward|towards)\s+(?:the\s+)?(?:[\w-]+\s+)?")
_SHIP_AS_MEANS = re.compile(r"\b(?:by|from|with|aboard|using)\b")


def _at_sea(ev: Event, trig: Trigger, text: str, sent: Sentence, places: list[PlaceMatch], sea: PlaceMatch | None,
            r: Rules) -> Event:
    """"The Houthis had halted their attacks on shipping when the Gaza ceasefire took effect": violence against
    ships happens at sea - the sea the sentence names, else the paragraph's, else the one the article named last."""
    if sea is None or r.maritime_targets is None or ev.paragraph_index < 0:
        return ev
    if ev.event_category not in r.violent_categories and fold(trig.text).lower() not in r.stopped_markers:
        return ev  # violence, or its halt ("had halted their attacks on shipping")
    limit = min(len(text), trig.end + 60, sent.end)
    for opener in (r.clause_opener.search(text, trig.end, limit), _CLAUSE_JOIN.search(text, trig.end, limit)):
        if opener is not None:
            limit = min(limit, opener.start())  # "struck sites in Yemen after attacks on ships": another clause
    ship = r.maritime_targets.search(text, trig.end, limit)
    if ship is None or _SHIP_AS_MEANS.search(text, trig.end, ship.start()) \
            or _CLAUSE_END.search(text, trig.end, ship.start()) and not _WEAPON_LIST_GAP.fullmatch(
                text, trig.end, ship.start()):
        return ev  # "were hit by aircraft and by ships": the ships fired, they were not the target
    own = [p for p in places if p.kind == "sea" and sent.start <= p.start < sent.end]
    sea = own[0] if own else sea
    if ev.theater == sea.theater:
        return ev
    tp = gazetteer().theater_place(ev.theater) if ev.theater else None
    if tp is not None and tp.kind == "sea":
        return ev  # the sentence already places it at a sea
    return dataclasses.replace(ev, theater=sea.theater, location=sea.location, latitude=sea.latitude,
                               longitude=sea.longitude)


def _inherit_actor(ev: Event | None, recent: dict[str, Event], r: Rules, placed: bool = True) -> Event | None:
    """"The strikes began at 2 a.m.": a violent event with no agent named continues the article's
    last event of the same category, whose agent it takes (actor_text stays empty: nothing named it)."""
    if ev is None or ev.actor or ev.event_category not in r.violent_categories:
        return ev
    casualty = fold(ev.trigger).lower() in r.casualty_words
    if casualty and r.toll_regex.search(ev.sentence):
        return None  # "more than 46,000 people have been killed since ...": a war-wide toll, not an event
    if r.unnamed_agents is not None and r.unnamed_agents.search(ev.sentence):
        # "two gunmen opened fire": the attacker is someone the article does not name, not its last attacker
        words = ev.sentence.split(ev.trigger, 1)[0] if ev.trigger in ev.sentence else ""
        prev = recent.get(ev.event_category)
        if r.unnamed_agents.search(words) and (prev is None or actor_table().kind(prev.actor) != "armed group"):
            return ev  # gunmen are no state's army; after "Hamas fighters stormed ..." they are Hamas's
    prev = recent.get("*") if casualty else recent.get(ev.event_category)
    if prev is None or (ev.target and _same_or_affiliated(prev.actor, ev.target)):
        return ev  # "the April 1 strike on Iran's consulate" right after Iran's barrage: not Iran's own strike
    if casualty and prev.event_type != ev.event_type:
        # "at least 31 people were killed": the toll is a row of the attack the article has just told
        ev = dataclasses.replace(ev, event_type=prev.event_type, event_category=prev.event_category)
    target = ev.target or prev.target
    own = placed and ev.location  # a sentence naming no place continues the attack's place
    return dataclasses.replace(ev, actor=prev.actor, actors=prev.actors, target=target,
                               theater=ev.theater if own else prev.theater,
                               location=ev.location if own else prev.location,
                               latitude=ev.latitude if own else prev.latitude,
                               longitude=ev.longitude if own else prev.longitude,
                               event_id=stable_hash(ev.article_id, str(ev.paragraph_index), ev.sentence,
                                                    ev.event_type, prev.actor))


def _build_event(article: Article, unit: _Unit, sent: Sentence, trig: Trigger, in_sent: list[Trigger],
                 mentions: list[Mention], places: list[PlaceMatch], own: Timex | None,
                 last_date: Timex | None, pair_hint: tuple[Mention, Mention] | None = None,
                 agent_hint: Mention | None = None) -> Event | list[Event] | None:
    """The event of one trigger; a list when coordinated actors acted separately (one event each).
    `pair_hint`: parties named earlier for a paired type ("a ceasefire between X and Y") when none is named here."""
    r = rules()
    table = actor_table()
    text = unit.text
    etype = _final_type(trig, sent.text, r)
    category = r.category[etype]
    agent, target, coactors = _agent_and_target(text, sent, trig, mentions, in_sent)
    violent = category in r.violent_categories
    if etype in VOICED_TYPES and not trig.reporting and (trig.future or agent is None):
        # "Netanyahu said Israel would strike if ...": a threat voiced in reported speech is the speaker's
        speaker = _speaker_before(text, sent, trig, mentions, in_sent)
        if speaker is not None:
            agent, coactors = speaker, []
    if etype in r.paired_types:
        pair = _between_pair(text, sent, mentions)
        if pair is None and agent is None and pair_hint is not None:
            pair = pair_hint
        if pair is not None:
            agent, target = pair
            coactors = []
        elif coactors and agent is not None and not agent.pronoun:
            # "Israel and Hamas agreed ...": the parties of a paired type, first-named first
            agent, target, coactors = coactors[0], agent, []
    if agent is None and agent_hint is not None:
        agent = agent_hint  # named earlier in the article (actor_text stays empty below)
    if agent is None:
        # another action word of the same type may name the agent ("smoke rising after an Israeli strike")
        for other in in_sent:
            if other is not trig and _final_type(other, sent.text, r) == etype \
                    and fold(other.text).lower() not in r.casualty_words:  # "... and 25 wounded": a toll, no agent
                agent, target2, coactors = _agent_and_target(text, sent, other, mentions, in_sent)
                target = target or target2
                if agent is not None:
                    break
    if violent and agent is not None and agent.kind in r.victim_kinds and not coactors:
        # "16 people, civilians among them, were killed": civilians are whom violence is done to
        agent, target = None, target or agent
    if violent and agent is not None and target is not None and not coactors \
            and agent.canonical == target.canonical and agent.start != target.start:
        # "US officials count 160 attacks on American forces": nobody attacks itself; the agent is unnamed
        agent = None
    if agent is None and category not in r.actorless_categories:
        return None  # a statement or meeting with nobody named is noise
    if agent is None and target is None and trig.anaphoric and fold(trig.text).lower() in r.background_nouns \
            and not any(fold(t.text).lower() in r.casualty_words for t in in_sent):
        # "The fighting has forced thousands from their homes": the state of war with nobody acting and no
        # toll is background, not a happening ("soldiers were killed in fighting there" still is one)
        return None
    actor = agent.canonical if agent else r.default_actor.get(etype, "")
    if etype in r.default_actor and agent is not None and agent.kind == "state":
        # "Thousands of Israelis protested": a demonym names the crowd, not the state
        actor, agent, coactors = r.default_actor[etype], None, []
    target_name = target.canonical if target and target.canonical != actor else ""
    actors: list[str] = [actor] if actor and agent is None else []
    for m in ([agent] if agent else []) + coactors:
        for name in (m.canonical, *table.affiliations(m.canonical), *m.extra):
            if name and name not in actors and table.kind(name) != "media":
                actors.append(name)
    if coactors:
        actor = coactors[0].canonical
        actors.remove(actor)
        actors.insert(0, actor)
    # a name that is also a place is a place only after a locative preposition ("in Iraq", "on Yemen");
    # otherwise it names an actor ("Tehran believes", "the US strikes")
    used = [(m.start, m.end) for m in mentions if not m.locative and not m.pronoun
            and sent.start <= m.start < sent.end]
    roles = [m for m in (agent, target, *coactors) if m is not None]
    bystanders = [m for m in mentions if sent.start <= m.start < sent.end and not m.locative
                  and all(m.start != x.start for x in roles)]
    place = _place_for(text, sent, trig, places, used, bystanders,
                       [t.start for t in in_sent if t.start > trig.end and not t.weak and not t.reporting
                        and r.category[t.event_type] != category], keep_far=violent)
    speaker_home = table.home_theater(actor) if actor and etype in VOICED_TYPES else ""
    if speaker_home:
        # statements, appeals and threats happen where the speaker acts, not where they talk about;
        # but an order to the people of a place ("warned residents of Rafah to leave") acts there
        order = fold(trig.text).lower()
        if not (place is not None and any(w in order for w in r.place_orders)):
            place = _addressed_place(text, sent, places, r)
    if place is None and not violent and agent is None:
        return None
    if place is not None:
        theater, location, lat, lon = place.theater, place.location, place.latitude, place.longitude
    else:
        # violence and deals happen on the target's ground; a decision at home ("halting attacks on US forces")
        order = [actor] if speaker_home or etype == r.reporting_type else \
            [actor, target_name] if category == r.category.get("Strategic development") else [target_name, actor]
        at = _at_theater(next((h for h in (table.home_theater(n) for n in order if n) if h), ""))
        theater, location, lat, lon = at["theater"], at["location"], at["latitude"], at["longitude"]
    timex, basis = own, None
    if timex is None and last_date is not None:
        timex, basis = last_date, "narrative"
    dates = _date_fields(timex, basis, article)
    actor_text = ""
    if agent is not None and not (pair_hint is not None and agent is pair_hint[0]) and agent.start >= 0:
        actor_text = text[coactors[0].start:agent.end] if coactors else agent.surface
    sentence = sent.text
    source = {"article_id": article.article_id, "source": article.source, "sentence": sentence,
              "title": article.title}
    ev = Event(
        event_id=stable_hash(article.article_id, str(unit.index), sentence, etype, actor),
        article_id=article.article_id,
        actors=tuple(actors),
        actor=actor,
        actor_text=actor_text,
        target=target_name,
        event_type=etype,
        event_category=category,
        trigger=trig.text,
        theater=theater,
        location=location,
        latitude=lat,
        longitude=lon,
        sentence=sentence,
        paragraph_index=unit.index,
        title=article.title,
        published=article.published,
        published_basis=article.published_basis,
        source=article.source,
        sources=(source,),
        n_sources=1,
        **dates,
    )
    if coactors and etype in r.separate_actor_types and agent is not None:
        first = coactors[0]
        own_actors = tuple(dict.fromkeys(n for n in (first.canonical, *table.affiliations(first.canonical),
                                                     *first.extra) if n and table.kind(n) != "media"))
        ev = dataclasses.replace(ev, actors=own_actors, actor_text=first.surface)
        return [ev] + _one_per_actor(ev, [*coactors[1:], agent])
    if place is not None:
        more = _coordinated_places(text, place, places)
        if more:
            return [ev] + [dataclasses.replace(
                ev, theater=p.theater, location=p.location, latitude=p.latitude, longitude=p.longitude,
                event_id=stable_hash(ev.event_id, p.theater)) for p in more]
    return ev


def _addressed_place(text: str, sent: Sentence, places: list[PlaceMatch], r: Rules) -> PlaceMatch | None:
    """The place whose people a warning or appeal addresses ("told residents of Beit Hanoun to leave")."""
    for m in r.addressees.finditer(text, sent.start, sent.end):
        for p in places:
            if m.end() <= p.start < m.end() + 50 and p.end <= sent.end:
                if re.fullmatch(r"[\w\s,'’-]*", text[m.end():p.start]) and p.theater:
                    return p
                break
    return None


#: "four in Syria and three in Iraq": a count per place between two places of one list
_COUNTED_GAP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|"
                          r"several|others?)\s+(?:more\s+)?(?:in|on|at)\s+(?:the\s+)?")


def _coordinated_places(text: str, first: PlaceMatch, places: list[PlaceMatch]) -> list[PlaceMatch]:
    """"struck 85 targets in Iraq and Syria": places listed right after the event's place, in other
    theaters, are further theaters of the same action (one event per theater, as ACLED codes them)."""
    out: list[PlaceMatch] = []
    seen = {first.theater}
    last = first
    for p in places:
        if p.start < last.end:
            continue
        if not (_LIST_GAP.fullmatch(text, last.end, p.start) or _COUNTED_GAP.fullmatch(text, last.end, p.start)):
            break
        if p.theater and p.theater not in seen:
            seen.add(p.theater)
            out.append(p)
        last = p
    return out


def _one_per_actor(ev: Event, others: list[Mention]) -> list[Event]:
    """"Iraq, Oman and Qatar denounced ...": each named actor acted separately, one event each, placed at
    its own home theater when the first event was placed at the first actor's home."""
    table = actor_table()
    out = []
    first_home = table.home_theater(ev.actor)
    for m in others:
        if m.canonical == ev.actor:
            continue
        actors = tuple(dict.fromkeys(n for n in (m.canonical, *table.affiliations(m.canonical), *m.extra)
                                     if n and table.kind(n) != "media"))
        home = table.home_theater(m.canonical)
        change = _at_theater(home) if ev.theater == first_home and home else {}
        out.append(dataclasses.replace(
            ev, actor=m.canonical, actors=actors, actor_text=m.surface, target="" if ev.target == m.canonical
            else ev.target, event_id=stable_hash(ev.article_id, str(ev.paragraph_index), ev.sentence,
                                                 ev.event_type, m.canonical), **change))
    return out
