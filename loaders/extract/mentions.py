"""Actor mentions: names grouped with their titles, their role in the clause (oblique, locative, possessive,
modifier) and light coreference (pronouns and group nouns take the nearest fitting actor)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from loaders.actors import ActorMatch, actor_table, fold

from .rules import POSSESSIVE_PRONOUNS, Rules
from .text import _ADJECTIVE, _LIST_GAP, _LOWER_NEXT, _WORD, _prev_word_skipping, _words_before


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
