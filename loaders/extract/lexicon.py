"""The event stages' vocabulary, read once per process from rules/event_types.yaml, rules/grammar.yaml and
rules/irregular_forms.txt, and compiled into lookups.

Why one module: every stage asks the same questions of a word ("is it a light verb?", "which type does this
trigger signal?"); reading and inflecting the word lists here keeps the stages free of English and lets an
analyst extend the vocabulary without touching Python. Word lists are lemmas; the matcher sees inflected
forms, so each lemma is inflected here (regular rules plus the irregular table), and the trigger matcher is
one compiled alternation over every form (a prefix trie, longest first), which doubles as the cheap
prefilter that decides which sentences are worth parsing.

EXAMPLE:
    >>> lex = lexicon()
    >>> lex.lemma("struck", "V"), lex.lemma("airstrikes", "N")
    ('strike', 'airstrike')
    >>> [h.text for h in lex.find_triggers("Israeli jets struck a house.")]
    ['struck']
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from loaders.actors import bounded, fold, trie_pattern
from loaders.rulefiles import numbered_lines, rule_yaml

_VOWELS = "aeiou"


# --- inflection ------------------------------------------------------------------------------------------------
@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    out = {}
    for _, line in numbered_lines("irregular_forms.txt"):
        lemma, _, forms = line.partition(":")
        out[lemma.strip()] = tuple(forms.split())
    return out


def _doubles(word: str) -> bool:
    """One short vowel before a final consonant in a one-syllable word: stab -> stabbed, ban -> banned."""
    if len(word) < 3 or word[-1] in _VOWELS + "wxy" or word[-2] not in _VOWELS or word[-3] in _VOWELS:
        return False
    return sum(1 for i, c in enumerate(word) if c in _VOWELS and (i == 0 or word[i - 1] not in _VOWELS)) == 1


def verb_forms(lemma: str) -> set[str]:
    """Every form of a verb lemma: kill -> kill, kills, killed, killing."""
    irregular = _irregular().get(lemma)
    if irregular is not None and any(f.endswith("ing") for f in irregular):
        return {lemma, *irregular}
    out = {lemma, *(irregular or ())}
    if re.search(r"(?:s|x|z|ch|sh)$", lemma):
        out.add(lemma + "es")
    elif re.search(r"[^aeiou]y$", lemma):
        out.add(lemma[:-1] + "ies")
    else:
        out.add(lemma + "s")
    stem = lemma + lemma[-1] if _doubles(lemma) else lemma
    if lemma.endswith("ie"):
        out |= {lemma + "d", lemma[:-2] + "ying"}
    elif lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing" if not lemma.endswith(("ee", "ye", "oe")) else lemma + "ing"}
    elif re.search(r"[^aeiou]y$", lemma):
        out |= {lemma[:-1] + "ied", lemma + "ing"}
    else:
        out |= {stem + "ed", stem + "ing"}
    return out


def noun_forms(lemma: str) -> set[str]:
    """Singular and plural of a noun lemma: strike -> strike, strikes; casualty -> casualties."""
    irregular = _irregular().get(lemma)
    if irregular is not None and not any(f.endswith("ing") for f in irregular):
        return {lemma, *irregular}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return {lemma, lemma + "es"}
    if re.search(r"[^aeiou]y$", lemma):
        return {lemma, lemma[:-1] + "ies"}
    return {lemma, lemma + "s"}


def _phrase_forms(phrase: str, pos: str) -> set[str]:
    """A phrase's forms: a verb phrase inflects its first word ("open fire" -> "opened fire"), a noun phrase
    its last ("air strike" -> "air strikes")."""
    words = phrase.split()
    if pos == "V":
        return {" ".join([f, *words[1:]]) for f in verb_forms(words[0])}
    return {" ".join([*words[:-1], f]) for f in noun_forms(words[-1])}


# --- the lexicon -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TriggerSense:
    """What one surface form can signal: `group` is "type" (then `event_type` says which), "attack" or
    "casualty"; `pos` is "V" (its head must be a verb) or "N" (a noun); `head` is the index of the head word in
    the phrase (the first word of a verb phrase, the last of a noun phrase)."""

    group: str
    event_type: str
    pos: str
    lemma: str
    head: int


@dataclass(frozen=True)
class TriggerHit:
    start: int
    end: int
    text: str
    senses: tuple[TriggerSense, ...]


@dataclass(frozen=True)
class WeaponClass:
    name: str
    event_type: str
    words: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    types: tuple[str, ...]
    category: dict[str, str]
    needs_object: dict[tuple[str, str], frozenset[str]]  # (group or type, lemma) -> object words / markers
    never_object: dict[tuple[str, str], frozenset[str]]  # (group or type, lemma) -> objects it never counts with
    weapons: tuple[WeaponClass, ...]
    weapon_of: dict[str, WeaponClass]  # weapon word -> its class
    attack_defaults: dict[str, str]
    attack_defaults_by_word: dict[str, dict[str, str]]
    civilian_targets: frozenset[str]
    words: dict[str, frozenset[str]]  # grammar.yaml lists (lemmas, lower case)
    prefix_states: dict[str, str]
    offset_units: dict[str, int]
    offset_numbers: dict[str, int]
    paired_types: frozenset[str]
    violent_categories: frozenset[str]
    projectile_types: frozenset[str]
    counterpart_types: frozenset[str]  # happenings with a counterpart, not a victim ("met with X")
    crowd_actor: str
    organized_types: dict[str, str]  # crowd type -> its type when an armed group or a state does it
    _forms: dict[str, tuple[TriggerSense, ...]] = field(repr=False)
    _lemmas: dict[tuple[str, str], str] = field(repr=False)
    _regex: re.Pattern[str] = field(repr=False)

    # --- words ------------------------------------------------------------------------------------------------
    def has(self, list_name: str, word: str) -> bool:
        """Whether `word` (a lemma, lower case) is in the grammar list `list_name`."""
        return word in self.words[list_name]

    def noun_in(self, list_name: str, word: str) -> bool:
        """Whether a noun as written or its lemma is in the grammar list ("gunmen", "militias")."""
        low = word.lower()
        return low in self.words[list_name] or self.lemma(low, "N") in self.words[list_name]

    def is_visit(self, noun: str) -> bool:
        """Whether a noun names a visit ("trip", "tour", "phone call")."""
        return any(s.event_type == "Meeting/visit" for h in self.find_triggers(noun) for s in h.senses)

    def closes_visit(self, verb: str, noun: str) -> bool:
        """Whether the verb ends the visit the noun names ("returned from a tour", "wrapped up a visit"): it
        tells the visit and its last day, but its own "to" phrase is the way home, not the visit's place."""
        return self.lemma(verb.lower(), "V") in self.words["visit_closing_verbs"] and self.is_visit(noun)

    def violent(self, event_type: str) -> bool:
        """Whether the type is one of violence (rules/event_types.yaml violent_categories)."""
        return self.category.get(event_type, "") in self.violent_categories

    def lemma(self, form: str, pos: str) -> str:
        """The lemma of an inflected form known to the rules ("struck", "V" -> "strike"), else the form itself."""
        f = form.lower()
        return self._lemmas.get((f, pos), f)

    # --- triggers ---------------------------------------------------------------------------------------------
    def find_triggers(self, text: str) -> list[TriggerHit]:
        """Every trigger form in `text` (whole words, longest first, non-overlapping), before any parse."""
        low = fold(text).lower()
        return [TriggerHit(m.start(), m.end(), text[m.start():m.end()], self._forms[m.group()])
                for m in self._regex.finditer(low)]

    def has_trigger(self, text: str) -> bool:
        """The prefilter: can this text hold an event at all?"""
        return self._regex.search(fold(text).lower()) is not None


def _add(forms: dict[str, list[TriggerSense]], surface: set[str], sense: TriggerSense) -> None:
    for s in surface:
        forms.setdefault(s, []).append(sense)


@cache
def lexicon() -> Lexicon:
    """The project's lexicon, compiled once per process."""
    et = rule_yaml("event_types.yaml", strings=True)
    gr = rule_yaml("grammar.yaml", strings=True)
    forms: dict[str, list[TriggerSense]] = {}
    lemmas: dict[tuple[str, str], str] = {}
    category: dict[str, str] = {}
    needs: dict[tuple[str, str], frozenset[str]] = {}
    never: dict[tuple[str, str], frozenset[str]] = {}

    def register(group: str, etype: str, verbs: list[str], nouns: list[str], phrases: list[str],
                 needs_object: dict[str, list[str]]) -> None:
        for v in verbs:
            pos_forms = _phrase_forms(v, "V")
            _add(forms, pos_forms, TriggerSense(group, etype, "V", v, 0))
            for f in (verb_forms(v) if " " not in v else ()):
                lemmas[(f, "V")] = v
        for n in nouns:
            _add(forms, _phrase_forms(n, "N"), TriggerSense(group, etype, "N", n, len(n.split()) - 1))
            for f in (noun_forms(n) if " " not in n else ()):
                lemmas[(f, "N")] = n
        for p in phrases:
            _add(forms, _phrase_forms(p, "V"), TriggerSense(group, etype, "V", p, 0))
            _add(forms, _phrase_forms(p, "N"), TriggerSense(group, etype, "N", p, len(p.split()) - 1))
        for lemma, objs in (needs_object or {}).items():  # ("!word": never with that object)
            key = (group if group != "type" else etype, lemma)
            needs[key] = frozenset(o.lower() for o in objs if not o.startswith("!"))
            never[key] = frozenset(o[1:].lower() for o in objs if o.startswith("!"))

    types = []
    for t in et["types"]:
        types.append(t["name"])
        category[t["name"]] = t["category"]
        register("type", t["name"], t.get("verbs", []), t.get("nouns", []), t.get("phrases", []),
                 t.get("needs_object", {}))
    aw = et["attack_words"]
    register("attack", "", aw.get("verbs", []), aw.get("nouns", []), [], aw.get("needs_object", {}))
    cw = et["casualty_words"]
    register("casualty", "", cw.get("verbs", []), cw.get("nouns", []), [], {})

    weapons = tuple(WeaponClass(name, spec["type"], frozenset(w.lower() for w in spec["words"]))
                    for name, spec in et["weapons"].items())
    weapon_of = {w: wc for wc in reversed(weapons) for w in wc.words}
    words = {k: frozenset(str(w).lower() for w in v) for k, v in gr.items() if isinstance(v, list)}
    # lemmas of grammar verbs (light verbs, reporting verbs ...) so a parsed token can be looked up by lemma:
    # every list named *_verbs, *_participles or *_predicates (a new verb list needs no registration here), the
    # ones named first winning a form two lists share ("going" stays an irrealis word, not "go")
    for name in dict.fromkeys((
            "light_verbs", "claim_verbs", "reporting_verbs", "reaction_verbs", "retelling_verbs", "irrealis_verbs",
            "realis_control_verbs", "happening_predicates", "placing_participles", "occurrence_predicates",
            "object_verbs", "appeal_verbs", "owner_participles",
            *sorted(k for k in words if k.endswith(("_verbs", "_participles", "_predicates"))))):
        for v in sorted(words[name]):  # sorted: the same lemma wins for a shared form in every process
            for f in verb_forms(v):
                lemmas.setdefault((f, "V"), v)
    for name in ("member_nouns", "agent_heads", "target_nouns", "group_anaphors", "state_anaphors",
                 "victim_nouns", "support_nouns", "place_nouns", "hypothetical_nouns", "group_name_heads"):
        for n in sorted(words[name]):
            if " " not in n:
                for f in noun_forms(n):
                    lemmas.setdefault((f, "N"), n)
    # object words of `needs_object`, weapons and civilian targets are nouns too ("fired rockets" -> rocket)
    for words_ in [*needs.values(), *(wc.words for wc in weapons), et["civilian_targets"]]:
        for n in sorted(words_):
            if " " not in n and not n.startswith("~"):
                for f in noun_forms(n.lower()):
                    lemmas.setdefault((f, "N"), n.lower())
    frozen_forms = {k: tuple(v) for k, v in forms.items()}
    return Lexicon(
        types=tuple(types), category=category, needs_object=needs, never_object=never, weapons=weapons,
        weapon_of=weapon_of,
        attack_defaults={k: v for k, v in et["attack_defaults"].items() if isinstance(v, str)},
        attack_defaults_by_word=et["attack_defaults"].get("by_word", {}),
        civilian_targets=frozenset(w.lower() for w in et["civilian_targets"]), words=words,
        prefix_states=dict(gr["name_prefix_states"]),
        offset_units={k: int(v) for k, v in gr["offset_units"].items()},
        offset_numbers={k: int(v) for k, v in gr["offset_numbers"].items()},
        paired_types=frozenset(et["paired_types"]), violent_categories=frozenset(et["violent_categories"]), projectile_types=frozenset(et["projectile_types"]),
        counterpart_types=frozenset(et["counterpart_types"]), crowd_actor=et["crowd_actor"],
        organized_types=dict(et.get("organized_types", {})),
        _forms=frozen_forms, _lemmas=lemmas, _regex=bounded(trie_pattern(frozen_forms)))
