"""Who a noun phrase names: a known actor (rules/actors.csv, rules/demonyms.csv), an open-world name the
tables do not know ("the Mujahideen Brigades", "Rapid Support Forces"), a generic head named by its modifier
("Israeli warplanes", "Hamas fighters", "the forces of the RSF"), or an earlier name a pronoun or "the group"
stands for.

Why open-world: the tool must work for any war in the news; the tables normalize aliases and add kind and
affiliation, they never decide whether a name is an actor. An unknown name is cleaned ("the", quotes,
possessives, titles of persons dropped) so the same group is spelled the same way in every article, and an
acronym the article defines ("the Democratic Front for the Liberation of Palestine (DFLP)") maps to the full
name. Coreference is explicit only: a person pronoun takes the nearest person named before, "the group" the
nearest group, a bare surname the person named in full before; nothing else is guessed.

EXAMPLE:
    >>> names_of(doc[1], ctx)   # "Israeli warplanes struck ..." -> [Name('Israel', 'Israeli', 'state', ...)]
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders.actors import ActorMatch, actor_table, fold
from loaders.places import gazetteer

from .frame import Name, Sentence
from .lexicon import Lexicon, lexicon
from .parse import entities
from .syntax import children, clause_head, conjuncts, is_proper, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUOTES = "\"'“”‘’«»`"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}s?")
_INITIAL = re.compile(r"[A-Z]\.")


def _written(toks: list[Token]) -> str:
    """Tokens as the text wrote them: no space inside a word the tokenizer split ("al-Sultan", "Bint Jbeil's")."""
    return "".join(t.text + (t.whitespace_ if k + 1 < len(toks) and toks[k + 1].i == t.i + 1 else " ")
                   for k, t in enumerate(toks)).strip()


def clean_name(text: str) -> str:
    """'the "Islamic Resistance"'s' -> 'Islamic Resistance': determiners, quotes, possessives, spaces."""
    s = fold(text).strip()
    s = re.sub(r"['’]s?$", "", s).strip()
    s = s.strip(_QUOTES + " ,;:()[]")
    if s.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", s):
        s = s.rstrip(".")  # a full stop ends the phrase, an initial's keeps its own ("D.C.", "U.S.")
    words = s.split()
    strip = lexicon().words["name_strip_words"]
    while words and words[0].lower() in strip:
        words = words[1:]
    s = " ".join(w.strip(_QUOTES) for w in words)
    return re.sub(r"\s+", " ", s).strip(" -")


@dataclass
class Discourse:
    """What the article has named so far, with where (sentence order, offset): the memory explicit
    coreference reads. Only names before the pronoun or "the group" being resolved count."""

    names: list[tuple[tuple[int, int], Name, str]] = field(default_factory=list)  # (position, name, role)
    acronyms: dict[str, str] = field(default_factory=dict)
    known_open: dict[str, Name] = field(default_factory=dict)  # lower-case canonical -> Name (one spelling)

    def remember(self, name: Name, role: str = "other", at: tuple[int, int] = (1 << 30, 0)) -> None:
        if any(pos == at and n.canonical == name.canonical for pos, n, _ in self.names[-8:]):
            return
        self.names.append((at, name, role))

    def _before(self, at: tuple[int, int]) -> list[tuple[Name, str]]:
        return [(n, role) for pos, n, role in sorted(self.names, key=lambda x: x[0]) if pos < at]

    def last(self, kinds: tuple[str, ...], at: tuple[int, int], open_kinds: bool = True,
             within: int | None = None, fits: Callable[[Name], bool] = lambda n: True) -> Name | None:
        """The nearest name of one of `kinds` named before `at`, the nearest sentence first and subjects before
        others in it: "Kurilla met Gallant ... He visited" -> Kurilla; "Petro suspended talks with the ELN after
        the group attacked" -> the ELN, not a group the article named paragraphs before. An open-world name of
        unknown kind counts only as a subject. `within`: only names of the last N sentences; `fits`: only names
        it accepts."""
        named = [(pos, n, role) for pos, n, role in sorted(self.names, key=lambda x: x[0])
                 if pos < at and (within is None or at[0] - pos[0] <= within) and fits(n)
                 and (n.kind in kinds or (open_kinds and not n.kind and role == "actor"))]
        for sentence in sorted({pos[0] for pos, _, _ in named}, reverse=True):  # the nearest sentence first ...
            here = [(n, role) for pos, n, role in named if pos[0] == sentence]
            for roles in (("actor",), ("target", "other")):  # ... and in it, subjects before others
                for n, role in reversed(here):
                    if role in roles:
                        return n
        return None

    def titled(self, title: str, at: tuple[int, int]) -> Name | None:
        """The nearest person named before with this title in their words ("Secretary Austin" for "the
        secretary")."""
        lesser = lexicon().words["lesser_title_modifiers"]
        for n, _ in reversed(self._before(at)):
            words = n.surface.lower().split()
            if n.kind == "person" and any(w == title.lower() and (i == 0 or words[i - 1] not in lesser)
                                          for i, w in enumerate(words)):
                return n  # (a "Press Secretary" or "Deputy Secretary" is not "the secretary")
        return None

    def person(self, surname: str) -> Name | None:
        for _, n, _ in reversed(self.names):
            if n.kind == "person" and n.canonical.split()[-1:] == [surname]:
                return n
        return None


class NameReader:
    """Reads names off one parsed sentence, with the article's discourse memory."""

    def __init__(self, sentence: Sentence, discourse: Discourse, lex: Lexicon | None = None) -> None:
        self.sentence = sentence
        self.discourse = discourse
        self.lex = lex or lexicon()
        self.table = actor_table()
        self.gaz = gazetteer()
        self._role = "other"
        self._depth: list[int] | None = None
        off = sentence.start
        self._dates = [(t.start - off, t.end - off) for t in sentence.timexes()]
        self._matches = [m for m in sentence.unit.actors if sentence.start <= m.start and m.end <= sentence.end]
        self._match_at = {}
        for m in self._matches:
            for tok in sentence.doc.char_span(m.start - off, m.end - off, alignment_mode="expand") or []:
                self._match_at[tok.i] = m

    # --- building names -----------------------------------------------------------------------------------
    @staticmethod
    def known_name(m: ActorMatch) -> Name:
        """A Name for an alias the actor table matched."""
        table = actor_table()
        info = table.info.get(m.canonical)
        return Name(m.canonical, m.surface, info.kind if info else "", table.affiliations(m.canonical), True,
                    m.start, m.end)

    def _known(self, m: ActorMatch) -> Name:
        return self.known_name(m)

    def _unit_offsets(self, tokens: list[Token]) -> tuple[int, int]:
        off = self.sentence.start
        return off + tokens[0].idx, off + tokens[-1].idx + len(tokens[-1].text)

    def proper_chunk(self, head: Token) -> list[Token]:
        """The words of a proper name ending at `head`: the name-like words of its subtree to its left
        ("Turkish-Palestinian Friendship Hospital", "Gen. Michael "Erik" Kurilla"), and "of"/"for" phrases of
        capitalized words to its right ("Popular Front for the Liberation of Palestine")."""
        doc = head.doc
        toks = [head]
        i = head.i - 1
        np_head = head.head if head.dep_ in ("compound", "nmod", "amod") else head
        while i >= 0 and head.i - i <= 8:
            t = doc[i]
            if not (head.left_edge.i <= i or (t.head.i > i and t.head.i <= np_head.i)):
                break  # words of the same noun phrase only (flat compounds hang on its head)
            if t.text in _QUOTES or t.text in "-–/" or t.lower_ in self.lex.words["name_glue"] - {"of", "for", "and", "the", "'s"} \
                    or is_proper(t) or (t.tag_ in ("JJ", "NNPS", "CD", "NN", "NNS", "UH", "FW") and t.text[:1].isupper()
                                        and t.dep_ in ("compound", "amod", "nmod")):
                toks.insert(0, t)
                i -= 1
                continue
            break
        right = head
        while True:
            nxt = [(p, o) for p, o in prep_objects(right, {"of", "for"}) if is_proper(o)]
            if not nxt:
                break
            _, obj = nxt[0]
            span = list(doc[toks[-1].i + 1:obj.i + 1])
            if any(not (is_proper(t) or t.lower_ in self.lex.words["name_glue"]) for t in span):
                break
            toks.extend(span)
            right = obj
        toks = self._whole_words(toks)
        while toks and (toks[0].text in "-–" or (toks[0].text in _QUOTES and len(toks) > 1)):
            toks.pop(0)
        return toks

    def _whole_words(self, toks: list[Token]) -> list[Token]:
        """A name never ends inside a hyphenated word the tokenizer split ("Bir al-Abd", "Wad an-Nura"): the
        glued parts on either side join, a name particle so reached takes the name word before it, and a
        name word takes a particle glued to the word after it."""
        doc = toks[0].doc
        glue = self.lex.words["name_glue"]
        articles = self.lex.words["name_articles"]

        def part(t: Token) -> bool:
            return t.text == "-" or is_proper(t) or t.text[:1].isupper() or t.lower_ in glue

        def particle(i: int) -> bool:  # "an-" in "Wad an-Nura": a name particle glued to the next word
            return i + 2 < len(doc) and doc[i].text[:1].islower() and doc[i].lower_ in articles and \
                not doc[i].whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_

        while toks[-1].i + 1 < len(doc) and (
                (not toks[-1].whitespace_ and part(doc[toks[-1].i + 1])
                 and (toks[-1].text == "-" or doc[toks[-1].i + 1].text == "-")) or particle(toks[-1].i + 1)):
            toks.append(doc[toks[-1].i + 1])
        if toks[-1].text == "-":
            toks.pop()
        while toks[0].i > 0 and not doc[toks[0].i - 1].whitespace_ and part(doc[toks[0].i - 1]) and (
                toks[0].text == "-" or doc[toks[0].i - 1].text == "-"):
            toks.insert(0, doc[toks[0].i - 1])
        first = toks[0]
        if first.i > 0 and first.text[:1].islower() and first.lower_ in glue | articles and is_proper(doc[first.i - 1]):
            toks.insert(0, doc[first.i - 1])  # "Bir" before "al-Abd"
        return toks

    def _person_name(self, toks: list[Token]) -> tuple[str, list[Token]]:
        """Titles dropped from a person's chunk ("Defense Minister Yoav Gallant" -> "Yoav Gallant"); the
        title words are returned too (they may name an affiliation: "U.S. Defense Secretary")."""
        titles = self.lex.words["person_titles"]
        i = 0
        while i < len(toks) - 1 and (toks[i].lower_ in titles or toks[i].lower_.rstrip(".") in titles
                                     or toks[i].i in self._match_at):
            i += 1
        body = [t for t in toks[i:] if t.text not in _QUOTES and not _INITIAL.fullmatch(t.text)
                and t.lower_ not in self.lex.words["name_suffixes"]]
        # a nickname in quotes ("Michael "Erik" Kurilla") is not part of the name
        quoted = {t.i for t in toks[i:] if t.text in _QUOTES}
        if len(quoted) >= 2:
            lo, hi = min(quoted), max(quoted)
            body = [t for t in body if not lo < t.i < hi]
        return clean_name(_written(body)), toks[:i]

    def _entity(self, tok: Token) -> bool:
        """Whether the named-entity recognizer reads this word as part of a name of an organization, a
        person, a group or a place (run lazily: only for words no table knows)."""
        doc = entities(self.sentence.doc)
        return any(e.start <= tok.i < e.end and e.label_ in ("ORG", "PERSON", "NORP", "GPE", "FAC")
                   for e in doc.ents)

    def _named_place(self, text: str) -> bool:
        """Whether a word is a place's own name ("Gaza"), not one of the alternate names the gazetteer keeps
        for cities ("Kuki" for Kukichuo, "Baloch" for a town elsewhere: peoples, not places)."""
        place = self.gaz.lookup(text) or self.gaz.resolve(text)
        return place is not None and fold(place.name).lower() == fold(text).lower()

    def _kind_of_open(self, toks: list[Token], text: str) -> str:
        last = self.lex.lemma(toks[-1].lower_, "N")
        if last in self.lex.words["institution_name_heads"]:
            return "institution"
        if last in self.lex.words["group_name_heads"] or toks[-1].lower_ in self.lex.words["group_name_heads"]:
            return "armed group"
        if any(t.lower_ in self.lex.words["person_titles"] or t.lower_.rstrip(".") in self.lex.words["person_titles"]
               for t in toks[:-1]):
            return "person"
        if self._introduced_as_place(text) or self._joined_to_place(toks[-1]):
            return "place"
        doc = entities(self.sentence.doc)
        for ent in doc.ents:
            if ent.start <= toks[-1].i < ent.end:
                if ent.label_ == "PERSON" and not _ACRONYM.fullmatch(text):
                    return "person"
                if ent.label_ == "GPE" and self.gaz.lookup(text) is not None:
                    return "place"
                return ""
        return ""

    def _introduced_as_place(self, text: str) -> bool:
        """The sentence calls the name a place ("the Mai Kadra killings ... in the town of Mai Kadra"): open
        world, a town no gazetteer holds is still no actor."""
        for t in self.sentence.doc:
            if t.lower_ == "of" and t.head.lower_ in self.lex.words["place_nouns"]:
                named = [o for o in t.children if o.dep_ == "pobj"]
                if named and clean_name(t.doc[named[0].left_edge.i:named[0].i + 1].text) == text:
                    return True
        return False

    def _joined_to_place(self, tok: Token) -> bool:
        """An unknown name coordinated with a town the gazetteer knows and no actor is ("between Baidoa and
        Burhakaba") is a place too."""
        top = tok
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        return any(c.i != tok.i and is_proper(c) and c.i not in self._match_at and self.gaz.resolve(
            _written(self.proper_chunk(c))) is not None for c in conjuncts(top))

    def _table_name(self, toks: list[Token]) -> Name | None:
        """A chunk the actor table knows under another case ("al-Qassam brigades"), or one that starts with a
        force the table knows and goes on with the model of its machines ("RAF Typhoon FGR4s", "IAF F-35s"):
        that force."""
        text = clean_name(self.sentence.doc[toks[0].i:toks[-1].i + 1].text)
        canonical = self.table.lookup(text)
        if canonical is None and len(toks) > 1 and any(ch.isdigit() for ch in toks[-1].text):
            heads = self.lex.words["group_name_heads"] | self.lex.words["institution_name_heads"]
            for cut in range(len(toks) - 1, 0, -1):
                known = self.table.lookup(clean_name(self.sentence.doc[toks[0].i:toks[cut - 1].i + 1].text))
                if known is not None and self.table.kind(known) in ("institution", "state") and not any(
                        self.lex.lemma(t.lower_, "N") in heads for t in toks[cut:]):
                    canonical, toks = known, toks[:cut]
                    text = clean_name(self.sentence.doc[toks[0].i:toks[-1].i + 1].text)
                    break
        if canonical is None or self.table.kind(canonical) == "media":
            return None
        return Name(canonical, text, self.table.kind(canonical), self.table.affiliations(canonical), True,
                    *self._unit_offsets(toks))

    def _common_word(self, toks: list[Token]) -> bool:
        """"A Rocket was fired": a capitalized common word the rules know is no name."""
        if len(toks) != 1:
            return False
        low = toks[0].lower_
        lex = self.lex
        if low in lex.words["person_titles"] or low.rstrip(".") in lex.words["person_titles"]:
            return True  # "Minister", "President": a title alone names nobody
        return lex.has_trigger(low) or low in lex.weapon_of or any(
            lex.lemma(low, "N") in lex.words[k] for k in ("agent_heads", "target_nouns", "place_nouns",
                                                           "victim_nouns", "member_nouns"))

    def _open_name(self, head: Token) -> Name | None:
        # ("Iranian-backed" is no part of a name; the "Armed" of "the Armed Forces of X" is)
        toks = [t for t in self.proper_chunk(head) if t.lower_.split("-")[-1] not in self.lex.words[
            "support_participles"] or (t.text[:1].isupper() and "-" not in t.text)]
        while len(toks) > 1 and toks[0].lower_ in self.lex.words["unnamed_group_modifiers"] and (
                toks[0].i == 0 or toks[0].text.islower()):
            toks = toks[1:]  # "Suspected Maoist rebels", "Unidentified Kuki militants": a sentence's first word
        titles = self.lex.words["person_titles"]
        if toks and all(t.lower_ in titles or t.lower_.rstrip(".") in titles or t.i in self._match_at for t in toks):
            # "Qatar's Prime Minister": a title with no name stands for the state or group that holds it
            owners = [c for c in head.children if c.dep_ == "poss"] + [t for t in toks if t.i in self._match_at]
            for o in owners:
                names = self._names_of(o, follow_members=False)
                if names:
                    return names[0]
            return None
        if not toks or self._common_word(toks):
            return None
        single = len([t for t in toks if t.text not in _QUOTES]) == 1
        seen = self.discourse.person(toks[-1].text) if single and toks[-1].i not in self._match_at else None
        if seen is not None:  # "Moss" after "the envoy Jane Moss" (before any town called Moss)
            return Name(seen.canonical, toks[-1].text, "person", seen.affiliations, seen.known,
                        *self._unit_offsets(toks))
        if single and not _ACRONYM.fullmatch(toks[-1].text) and toks[-1].i not in self._match_at \
                and not self._entity(toks[-1]):
            return None  # one capitalized word nobody knows ("Builders' Tower", "First militants"): no name
        known = self._table_name(toks)
        if known is not None:
            return known
        text = clean_name(self.sentence.doc[toks[0].i:toks[-1].i + 1].text)
        if not text or not text[:1].isupper() or len(text) < 2:
            return None
        if self.gaz.resolve(text) is not None:
            return None  # a place the actor table does not know as an actor ("Sderot", "Kharkiv")
        kind = self._kind_of_open(toks, text)
        if kind == "place":
            return None
        affiliations: tuple[str, ...] = ()
        if kind == "person":
            text, title = self._person_name(toks)
            canonical = self.table.lookup(text)
            if canonical is not None:  # "Lloyd J. Austin III" -> the table's Lloyd Austin
                return Name(canonical, _written(toks), self.table.kind(canonical),
                            self.table.affiliations(canonical), True, *self._unit_offsets(toks))
            affiliations = tuple(dict.fromkeys(
                a for t in title if t.i in self._match_at
                for a in (self._match_at[t.i].canonical, *self.table.affiliations(self._match_at[t.i].canonical))))
            if not affiliations:  # "Gran Grif leader Luckson Elan": a group the article named before, open world
                before = [*self.sentence.doc[toks[-1].left_edge.i:toks[0].i], *title]
                words = " ".join(t.text for t in before if t.text[:1].isupper() and t.lower_ not in self.lex.words[
                    "person_titles"] and self.lex.lemma(t.lower_, "N") not in self.lex.words["member_nouns"])
                group = self.discourse.known_open.get(clean_name(words).lower()) if words else None
                affiliations = (group.canonical,) if group is not None and group.kind != "person" else ()
            seen = self.discourse.person(text.split()[-1]) if text else None
            if seen is not None and (len(text.split()) == 1 or seen.canonical == text):
                return Name(seen.canonical, _written(toks), "person",
                            seen.affiliations or affiliations, seen.known, *self._unit_offsets(toks))
        if _ACRONYM.fullmatch(text) and text in self.discourse.acronyms:
            text = self.discourse.acronyms[text]
            known = self.table.lookup(text)
            if known is not None:
                return Name(known, text, self.table.kind(known), self.table.affiliations(known), True,
                            *self._unit_offsets(toks))
        prior = self.discourse.known_open.get(text.lower())
        if prior is not None:
            text, kind = prior.canonical, kind or prior.kind
            affiliations = affiliations or prior.affiliations
        text, owner = self._owned_organ(head, text)
        affiliations = affiliations or owner or self._member_of(head) or self._state_of(toks) or \
            self._prefix_state(text)
        return Name(text, _written(toks), kind, affiliations, False, *self._unit_offsets(toks))

    def _owned_organ(self, head: Token, text: str) -> tuple[str, tuple[str, ...]]:
        """"Russia's Defense Ministry" -> ("Russian Defense Ministry", Russia): a state organ's generic name
        takes its owner's adjective, so every way of writing the owner gives one actor."""
        if not all(w in self.lex.words["organ_words"] for w in text.lower().split()):
            return text, ()
        for c in head.children:
            if c.dep_ == "poss" and c.i in self._match_at and self.table.kind(self._match_at[c.i].canonical) == "state":
                state = self._match_at[c.i].canonical
                return f"{self.table.demonym(state) or state} {text}", (state, *self.table.affiliations(state))
        return text, ()

    def _prefix_state(self, text: str) -> tuple[str, ...]:
        """"USS Ranger", "HMS Diamond": a navy's ship prefix names its state."""
        state = self.lex.prefix_states.get(text.split()[0]) if " " in text else None
        return (state, *self.table.affiliations(state)) if state else ()

    def _state_of(self, toks: list[Token]) -> tuple[str, ...]:
        """"Syrian Army", "Sudanese Armed Forces": a group named after a state belongs to it, unless its name
        says it fights the state or stands apart from it ("Myanmar National Democratic Alliance Army", "Syrian
        Democratic Forces", "Free Syrian Army": grammar insurgent_name_words)."""
        if any(t.lower_ in self.lex.words["insurgent_name_words"] for t in toks):
            return ()
        for t in toks[:-1]:
            m = self._match_at.get(t.i)
            if m is not None and self.table.kind(m.canonical) == "state":
                return (m.canonical, *self.table.affiliations(m.canonical))
        return ()

    def _member_of(self, head: Token) -> tuple[str, ...]:
        """"X, commander of Y" / "Y's armed wing, X" / "X, a member of Y": X belongs to Y."""
        out: list[str] = []
        for ap in [*children(head, "appos"), *([head.head] if head.dep_ == "appos" else [])]:
            role = ap if ap.i != head.i else head
            if self.lex.lemma(role.lower_, "N") not in self.lex.words["member_nouns"]:
                continue
            owners = [o for _, o in prep_objects(role, {"of", "for"})] + children(role, "poss")
            for o in owners:
                for n in self.names_of(o, remember=False, follow_members=False):
                    out.extend((n.canonical, *n.affiliations))
        return tuple(dict.fromkeys(out))

    # --- the public reader ----------------------------------------------------------------------------------
    def names_of(self, head: Token, remember: bool = True, follow_members: bool = True,
                 role: str = "other") -> list[Name]:
        """The actor(s) a noun phrase headed by `head` names (coordination is the caller's business)."""
        self._role = role
        out = self._names_of(head, follow_members)
        if remember:
            for n in out:
                if n.start >= 0:
                    self.discourse.remember(with_title(n, self.sentence.unit.text, self.sentence.start), role,
                                            (self.sentence.order, n.start))
                    if not n.known and n.kind != "person" and role == "actor":
                        self.discourse.known_open.setdefault(n.canonical.lower(), n)
        return out

    def _state_ends_longer_name(self, head: Token, m: ActorMatch) -> bool:
        """A state's name ending a longer name glued with hyphens that no table knows ("Tehreek-e-Jihad
        Pakistan", "Jamaat-e-Islami Bangladesh"): that longer name is the name."""
        if self.table.kind(m.canonical) != "state":
            return False
        lead = [t for t in self.proper_chunk(head) if t.i < head.i and t.i not in self._match_at]
        return any(t.text == "-" and not t.whitespace_ for t in lead)

    def may_be_place(self, tok: Token) -> bool:
        """An unknown name can be a place unless it ends in a group noun ("the Coordination Framework") or the
        named-entity recognizer reads it as an organization or a person (not after "near", "outside" ...: the
        small model calls many villages persons)."""
        last = self.lex.lemma(tok.lower_, "N")
        if last in self.lex.words["group_name_heads"] or tok.lower_ in self.lex.words["group_name_heads"]:
            return False
        doc = entities(self.sentence.doc)
        # "near Hula": nobody is near a person in a news report of fighting; nobody lives "of" one either
        place_only = tok.dep_ == "pobj" and (tok.head.lower_ in self.lex.words["place_only_preps"] or (
            tok.head.lower_ == "of" and self.lex.lemma(tok.head.head.lower_, "N") in
            self.lex.words["dweller_nouns"] | self.lex.words["settlement_nouns"]))  # "the village of Kwaya Kusar"
        labels = {"ORG", "NORP"} if place_only else {"ORG", "PERSON", "NORP"}
        return not any(e.start <= tok.i < e.end and e.label_ in labels for e in doc.ents)

    def in_date(self, tok: Token) -> bool:
        """Whether the word belongs to a date expression of the sentence."""
        return any(a <= tok.idx < b for a, b in self._dates)

    def _is_date_or_aside(self, tok: Token) -> bool:
        """Words of a date expression ("the Jan. 15 attack") or of a parenthesis ("(Arabia Standard Time)")."""
        if any(a <= tok.idx < b for a, b in self._dates):
            return True
        if self._depth is None:  # parenthesis depth before each word, computed once per sentence
            depth, self._depth = 0, []
            for t in self.sentence.doc:
                self._depth.append(depth)
                depth += (t.text == "(") - (t.text == ")")
        return self._depth[tok.i] > 0

    def _names_of(self, head: Token, follow_members: bool) -> list[Name]:
        lex = self.lex
        low = head.lower_
        if self._is_date_or_aside(head):
            return []
        if head.tag_ in ("PRP", "PRP$"):
            return self._pronoun(head)
        m = self._match_at.get(head.i)
        if m is not None and self._state_ends_longer_name(head, m):
            m = None  # "Tehreek-e-Jihad Pakistan": a group named after the country, not the country
        if m is not None and self.table.kind(m.canonical) != "media":
            name = self._known(m)
            if name.kind == "person" or follow_members:
                return [name]
            return [name]
        lemma = lex.lemma(low, "N")
        if not is_proper(head):  # "the envoy, Jane Moss", "the envoy Jane Moss": the apposed name
            for c in head.children:
                if c.dep_ == "appos" and is_proper(c):
                    names = self._names_of(c, follow_members)
                    if names:
                        return names
        if is_proper(head) or (head.tag_ == "NNPS"):
            if lemma in lex.words["agent_heads"] and not head.text[:1].isupper():
                pass
            else:
                name = self._open_name(head)
                return [name] if name is not None else []
        dets = [c.lower_ for c in head.children if c.dep_ in ("det", "poss")]
        named = any(c.dep_ in ("compound", "nmod", "amod") and is_proper(c) for c in head.children)
        if (lemma in lex.words["group_anaphors"] or low in lex.words["group_anaphors"]) and dets and dets[0] in (
                "the", "this", "that", "these", "those") \
                and not named:  # "the militia" points back; "the Kafr Qasim militia" names its own
            # "the militants" are never a state's troops; "the organization" may be the UN's
            kinds = ("armed group",) if lex.noun_in("non_state_agents", low) else ("armed group", "institution")
            found = self._speakers_group(head) or self.discourse.last(kinds, self._at(head))
            return [found] if found is not None else []
        if lemma in lex.words["member_nouns"] and dets and dets[0] == "the" and not self._modifier_names(head):
            found = self.discourse.titled(low, self._at(head))  # "the secretary": the person named so
            return [found] if found is not None else []
        if low in lex.words["military_anaphors"] and dets and dets[0] == "the" and not self._modifier_names(head):
            # a state or one of its organs ("the IDF"), never a body of no state ("a UN report ... The army"); an army
            # the article named before ("the Sudanese Armed Forces") before a state named only in passing since
            # ("a ceasefire brokered by Saudi Arabia ... The army launches an offensive")
            found = self.discourse.last(("institution",), self._at(head), open_kinds=False, fits=lambda n: bool(
                n.affiliations) and self._is_army(n)) or self.discourse.last(
                ("state", "institution"), self._at(head), open_kinds=False,
                fits=lambda n: n.kind == "state" or bool(n.affiliations))
            return [found] if found is not None else []
        if lemma in lex.words["state_anaphors"] and dets and dets[0] == "the" and not self._modifier_names(head):
            found = self.discourse.last(("state",), self._at(head), open_kinds=False)
            return [found] if found is not None else []
        if lemma in lex.words["group_name_heads"] and not is_proper(head):
            toks = self.proper_chunk(head)
            if len(toks) > 1 and any(is_proper(t) for t in toks):
                known = self._table_name(toks) or self._headed_group(toks[:-1])  # "the al-Qassam brigades"
                if known is not None:
                    return [known]
        if lemma in lex.words["agent_heads"] or lemma in lex.words["member_nouns"] or lemma in lex.words[
                "group_name_heads"] or lemma in lex.words["target_nouns"]:
            names = self._modifier_names(head)
            if not names and self._unowned(head) and (low in lex.words["speakers_own_nouns"] or " ".join(
                    t.lower_ for t in self.proper_chunk(head) or [head]) in lex.words["speakers_own_nouns"]):
                found = self._speakers_state(head)  # "Russia's Defence Ministry said air defences destroyed ..."
                return [found] if found is not None else []
            if not names and self._unowned(head) and not any(c.dep_ == "det" for c in head.children) and (
                    low in lex.words["ground_agents"]):
                # "The Israeli military said troops had fired": a state's forces tell of their own troops (not a
                # ministry of health, nor a witness)
                found = self._speakers_state(head, armed_only=True)
                return [found] if found is not None else []
            if lex.noun_in("non_state_agents", low) or any(
                    c.dep_ == "compound" and lex.noun_in("non_state_agents", c.lower_) for c in head.children):
                names = [n for n in names if n.kind != "state"]  # "Haitian gangs", "gang members": not Haiti
                people = self._people_group(head)
                if people is not None and (not names or (len(names) == 1 and not names[0].known and names[
                        0].canonical == people.canonical.split()[0])):  # "Baloch" alone is a people, no group
                    return [people]
            return names
        if self._role == "target" and lemma in lex.words["victim_nouns"]:
            return self._modifier_names(head)  # "killed 1,200 Israeli civilians": Israel's people
        return []

    def _reporters(self, head: Token) -> list[Token]:
        """The subjects of the reporting verb whose clause `head` is in ("Houthi spokesman X said the group ..."):
        [] when the clause is nobody's report."""
        verb = clause_head(head)
        while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ not in ("ccomp", "parataxis") or self.lex.lemma(
                verb.head.lower_, "V") not in self.lex.words["reporting_verbs"]:
            return []
        return [c for c in verb.head.children if c.dep_ == "nsubj"]

    def _speakers_group(self, head: Token) -> Name | None:
        """"Houthi spokesman Yahya Saree said the group would continue its attacks": in what a speaker reports,
        "the group" is the speaker's own armed group (the speaker's, or the one the speaker belongs to)."""
        for subj in self._reporters(head):
            for n in self._names_of(subj, follow_members=True):
                for canonical in (n.canonical, *n.affiliations):
                    if self.table.kind(canonical) == "armed group":
                        return Name(canonical, n.surface, "armed group", self.table.affiliations(canonical),
                                    True, n.start, n.end)
        return None

    def _is_army(self, n: Name) -> bool:
        """A body whose name says it is an army ("Sudanese Armed Forces", "Israel Defense Forces")."""
        return any(w in n.canonical.lower().split() for w in self.lex.words["army_name_words"])

    @staticmethod
    def _unowned(head: Token) -> bool:
        """No owner written: no possessive, no "of" phrase, no name in front ("air defences", not "its air defences")."""
        return not any(c.dep_ in ("poss", "det") and c.lower_ not in ("the",) for c in head.children) and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children)

    def _speakers_state(self, head: Token, armed_only: bool = False) -> Name | None:
        """The state whose organ (or which itself) reports the clause `head` is in, if any; `armed_only`: only the
        state itself or its armed forces ("the Israeli military"), named so."""
        for subj in self._reporters(head):
            if armed_only and subj.lower_ in self.lex.words["military_anaphors"] and not self._modifier_names(subj):
                continue  # "the army said troops ...": a speaker named only by pointing back is too weak a link
            for n in self._names_of(subj, follow_members=True):
                if n.kind == "state":
                    return n
                states = [a for a in n.affiliations if self.table.kind(a) == "state"]
                if n.kind == "institution" and len(states) == 1 and armed_only and self._is_army(n):
                    return n  # the army itself ("troops" of the Israel Defense Forces)
                if n.kind == "institution" and len(states) == 1 and not armed_only:
                    return Name(states[0], n.surface, "state", (), True, n.start, n.end)
        return None

    def _people_group(self, head: Token) -> Name | None:
        """"Kuki militants", "Ambazonian separatists", "Baloch separatist militants": armed men named after a
        people nobody listed are one open-world group (ACLED's identity militias), written as the text does;
        never after a state's people ("Palestinian militants"), a place ("Gaza militants") or a creed
        ("Islamist militants"), which name no group."""
        vague = self.lex.words["unnamed_group_modifiers"]
        words = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod")]
        while words and words[0].lower_ in vague:
            words = words[1:]  # "Suspected Maoist rebels": the people, whatever the sentence starts with
        if not words or [w.i for w in words] != list(range(head.i - len(words), head.i)) or any(
                t.dep_ in ("compound", "amod", "nmod", "poss") and t.text[:1].isupper() and t.lower_ not in vague
                for t in head.doc[head.left_edge.i:words[0].i]):
            return None  # "<people> [separatist] militants", nothing else between
        people, rest = words[0], words[1:]
        lex = self.lex
        if not people.text[:1].isupper() or not (self._entity(people) or is_proper(people)) or \
                people.lower_ in lex.words["unnamed_group_modifiers"] or people.i in self._match_at or \
                _ACRONYM.fullmatch(people.text) or \
                self._is_date_or_aside(people) or self._named_place(people.text):
            return None
        if not all(lex.noun_in("non_state_agents", w.lower_) for w in rest):
            return None
        text = " ".join([people.text, *(w.lower_ for w in rest), head.lower_])
        return Name(text, _written([*words, head]), "armed group", (), False, *self._unit_offsets([*words, head]))

    def _headed_group(self, words: list[Token]) -> Name | None:
        """A name nobody listed before a group noun is an armed group's name ("the Fano militia", "Zintan
        brigades"), unless it is a place, a state, a people or a creed ("Gaza militants", "Druze militias")."""
        if not words or not all(is_proper(t) or t.text == "-" or t.lower_ in self.lex.words["name_articles"]
                                for t in words):
            return None
        text = clean_name(_written(words))
        doc = entities(self.sentence.doc)
        if not text or self.gaz.resolve(text) is not None or self.table.lookup(text) is not None or any(
                e.start <= t.i < e.end and e.label_ in ("NORP", "GPE", "LOC", "DATE") for t in words for e in doc.ents):
            return None
        return Name(text, _written(words), "armed group", (), False, *self._unit_offsets(words))

    def _modifier_names(self, head: Token) -> list[Name]:
        """"Israeli warplanes", "Hamas fighters", "Israel's army", "the forces of the RSF", "fighters from the
        PFLP": the generic head's actor is its modifier."""
        mods = [c for c in head.subtree if c.i < head.i and c.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod")
                and all(a.i == head.i or a.dep_ in ("compound", "amod", "nmod", "poss") for a in c.ancestors
                        if a.i != head.i and head.i in {x.i for x in a.ancestors} | {a.i})]
        lex = self.lex
        sponsors = {x.i for m in mods if m.lower_.split("-")[-1] in lex.words["support_participles"]
                    for x in m.subtree}
        if any(m.lower_.split("-")[-1] in lex.words["support_participles"] for m in mods):
            # "Iranian-backed Houthi militants": the sponsor is named before the participle
            first = min(i for i in sponsors)
            doc = head.doc
            while first > head.left_edge.i and is_proper(doc[first - 1]) and doc[first - 1].i in {m.i for m in mods}:
                first -= 1  # "Islamic State-linked insurgents": the sponsor's whole name, split by the parse
            sponsors |= {i for i in range(first, max(sponsors) + 1)}
        proper_run = [c for c in mods if is_proper(c) and c.i not in sponsors]
        in_name: set[int] = set()
        if proper_run:  # "Rapid Support Forces fighters": the name's last word leads, its chunk does the rest
            last = max(proper_run, key=lambda c: c.i)
            if self._town_named(self.proper_chunk(last)):
                return []  # "the Port Sudan airport": a town's name holding a state's, nobody's
            names = self._names_of(last, follow_members=False)
            if names:
                return names
            in_name = {t.i for t in self.proper_chunk(last)}  # "Kafr" of "Kafr Qasim" is no name of its own
        nationality: list[Name] = []  # "Haitian gang members of Gran Grif": the group named after "of" leads
        for c in sorted(mods, key=lambda c: c.i):
            if c.i in sponsors or c.i in in_name:
                continue
            if c.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod"):
                if c.tag_ in ("PRP$",):
                    return self._pronoun(c)
                names = self._names_of(c, follow_members=False) if (c.i in self._match_at or is_proper(c)) else []
                if names and c.tag_ == "JJ" and not nationality:
                    nationality = names + [n for x in conjuncts(c)[1:] if x.tag_ == "JJ" and x.i in self._match_at
                                           for n in self._names_of(x, follow_members=False)]  # "Russian and Syrian"
                elif names:
                    return names
        victims = self.lex.lemma(head.lower_, "N") in self.lex.words["victim_nouns"] or \
            head.lower_ in self.lex.words["victim_nouns"]
        for prep, obj in prep_objects(head, {"of", "from", "with", "loyal"}):
            if prep in ("of", "from") and not victims:  # "residents of Dinangourou": where they live, no group
                names = [n for o in conjuncts(obj) for n in self._names_of(o, follow_members=False)]
                if names:
                    return names
        if not victims:  # "rebels led by Hayat Tahrir al-Sham": the group that leads them
            for acl in head.children:
                if acl.dep_ == "acl" and acl.tag_ == "VBN" and self.lex.lemma(acl.lower_, "V") in self.lex.words[
                        "leading_participles"]:
                    names = [n for a in acl.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"
                             for x in conjuncts(o) for n in self._names_of(x, follow_members=False)]
                    if names:
                        return names
        return nationality

    def _town_named(self, toks: list[Token]) -> bool:
        """Whether a name of several words is a town's and no actor's ("Port Sudan", "Kuwait City")."""
        if len(toks) < 2:
            return False
        text = _written(toks)
        place = self.gaz.lookup(text) or self.gaz.resolve(text)
        return place is not None and place.kind == "city" and self.table.lookup(text) is None

    def _pronoun(self, tok: Token) -> list[Name]:
        low = tok.lower_
        lex = self.lex
        if low in lex.words["person_pronouns"] or low == "his" or low == "her":
            # "While Jane Moss was in Bahrain, she announced ...": the person its clause's "while" clause is about
            earlier = [s for c in clause_head(tok).children if c.dep_ == "advcl" and c.i < tok.i
                       for s in c.children if s.dep_ == "nsubj" and s.tag_ not in ("PRP", "PRP$")]
            names = [n for n in self._names_of(earlier[0], follow_members=True) if n.kind == "person"] \
                if earlier else []
            if names:
                return names[:1]
            found = self.discourse.last(("person",), self._at(tok), open_kinds=False)
            return [found] if found is not None else []
        opening = low in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass") and tok.i <= 2
        owner = low in ("its", "their") and tok.dep_ == "poss" and self._role == "actor"
        if owner:  # "the group would continue its attacks": its own clause's subject first
            subj = [c for c in clause_head(tok).children if c.dep_ == "nsubj" and c.i < tok.i
                    and c.tag_ not in ("PRP", "PRP$") and tok.i not in {x.i for x in c.subtree}]
            names = self._names_of(subj[0], follow_members=True) if subj else []
            if names:
                return names[:1]
        if opening or owner:
            # "It warned Iran ...", "its fighters stormed ...": the organization or state the sentence before was
            # about; "they"/"their" only a group (two people are "they" too)
            singular = low in ("it", "its")
            kinds = ("state", "institution", "armed group") if singular else ("armed group",)
            found = self.discourse.last(kinds, self._at(tok), open_kinds=singular, within=1)
            return [found] if found is not None else []
        return []

    def _at(self, tok: Token) -> tuple[int, int]:
        return self.sentence.order, self.sentence.start + tok.idx

    def remember_known(self) -> None:
        """Every name the actor table finds in the sentence joins the discourse, as a subject when the parse
        says so: later pronouns and titles can point back to it."""
        for i, m in sorted(self._match_at.items()):
            tok = self.sentence.doc[i]
            if self.table.kind(m.canonical) == "media" or (i > 0 and self._match_at.get(i - 1) is m):
                continue
            role = "actor" if tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj",) else "other"
            self.discourse.remember(with_title(self._known(m), self.sentence.unit.text, self.sentence.start), role,
                                    (self.sentence.order, m.start))


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'’.-]*|of|for|the|and|in|al|el)(?:\s+(?:[A-Z][\w'’.-]*|of|for|the|and|in|al|el)){1,9})"
                          r"\s*\(([A-Z][A-Za-z0-9&-]{1,9})\)")
_TITLE_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,4}$")  # the capitalized words just before a name


def learn_acronyms(text: str, discourse: Discourse) -> None:
    """"the Democratic Front for the Liberation of Palestine (DFLP)": DFLP stands for the full name in this
    article, wherever it is used (the defining sentence need not hold an event)."""
    for m in _ACRONYM_DEF.finditer(fold(text)):
        words, acro = m.group(1).split(), m.group(2)
        while words and words[0].lower() in ("the", "of", "for", "and", "in"):
            words = words[1:]
        initials = [w[0] for w in words if w[:1].isupper()]
        if len(words) < 2 or not initials or initials[0] != acro[0]:
            continue
        if sum(ch in initials for ch in acro.replace("-", "")) < (len(acro) + 1) // 2:
            continue
        discourse.acronyms.setdefault(acro, clean_name(" ".join(words)))


def with_title(name: Name, text: str, lo: int) -> Name:
    """A person remembered with the title words written before the name ("Secretary Austin"), so that "the
    secretary" can point back to them; `text` is the unit's text and `lo` where the sentence starts."""
    if name.kind != "person" or name.start < 0:
        return name
    before = text[max(lo, name.start - 40):name.start]
    title = _TITLE_RUN.search(before)
    if title and not name.surface.startswith(title.group()):
        return Name(name.canonical, title.group() + name.surface, name.kind, name.affiliations, name.known,
                    name.start, name.end)
    return name


def remember_unparsed(sentence: Sentence, discourse: Discourse) -> None:
    """A sentence with no trigger still introduces names later pronouns, "the group" or "the secretary" point
    back to: the actor table's names (a person with the title words before it) and capitalized group names
    ending in a group noun ("The Kordofan Liberation Front said ...")."""
    lex, table = lexicon(), actor_table()
    text = sentence.unit.text
    for m in sentence.unit.actors:
        if not (sentence.start <= m.start < sentence.end) or table.kind(m.canonical) == "media":
            continue
        name = with_title(NameReader.known_name(m), text, sentence.start)
        role = "actor" if m.start - sentence.start < 40 else "other"
        discourse.remember(name, role, (sentence.order, m.start))
    heads = lex.words["group_name_heads"]
    for m in _GROUP_NAME.finditer(fold(sentence.text)):
        words = m.group().split()
        if words[-1].lower() not in heads or len(words) < 2:
            continue
        full = clean_name(m.group())
        canonical = table.lookup(full)
        if canonical is not None or len(full.split()) < 2:
            continue
        start = sentence.start + m.start()
        kind = "institution" if words[-1].lower() in lex.words["institution_name_heads"] else "armed group"
        name = Name(full, m.group(), kind, (), False, start, start + len(m.group()))
        discourse.remember(name, "actor" if m.start() < 40 else "other", (sentence.order, start))
        discourse.known_open.setdefault(full.lower(), name)


_GROUP_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+(?:(?:of|for|the|al|el)\s+)*){1,6}[A-Z][\w'’-]*")
