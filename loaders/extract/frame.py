"""The records the event stages pass along: a text unit, a candidate sentence, a name, and the Frame one
happening is built in.

Why mutable frames: the stages (roles -> place -> date -> type -> filter) each fill their own fields of the
same frame, in order, and the last one (build) turns it into an immutable `loaders.models.Event`. A frame
keeps the spaCy tokens it was read from, so every field can say which words it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loaders.actors import ActorMatch
from loaders.models import Timex
from loaders.places import Place, PlaceMatch

from .syntax import children, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .lexicon import Lexicon

#: paragraph_index of captions: -1, -2, ... (body paragraphs count from 0)
CAPTION_INDEX_BASE = -1


@dataclass
class Unit:
    """A paragraph (index >= 0), a caption (index < 0) or the title (TITLE_INDEX), with what was found in it
    once: its date expressions, the actor aliases and the places the tables know."""

    index: int
    text: str
    timexes: list[Timex] = field(default_factory=list)
    actors: list[ActorMatch] = field(default_factory=list)
    places: list[PlaceMatch] = field(default_factory=list)


@dataclass
class Sentence:
    """One sentence of a unit: offsets into `unit.text`; `doc` is its parse (candidates only)."""

    unit: Unit
    start: int
    end: int
    order: int  # position among all the article's sentences (discourse order)
    doc: Doc | None = None

    @property
    def text(self) -> str:
        return self.unit.text[self.start:self.end]

    def timexes(self) -> list[Timex]:
        return [t for t in self.unit.timexes if self.start <= t.start and t.end <= self.end]


@dataclass(frozen=True)
class Name:
    """An actor or target as the text names it: `canonical` is what the store keeps ("Israel", "Mujahideen
    Brigades"), `surface` the words as written, `kind` a rules/actors.csv kind or "" for an open-world name of
    unknown kind, `affiliations` the canonical names it belongs to, nearest first."""

    canonical: str
    surface: str
    kind: str = ""
    affiliations: tuple[str, ...] = ()
    known: bool = False  # in rules/actors.csv or rules/demonyms.csv
    start: int = -1  # offsets in the unit text (-1: taken from earlier in the article)
    end: int = -1


@dataclass
class Frame:
    """One happening read off one sentence: the trigger word(s) and everything the stages attach to it."""

    sentence: Sentence
    trigger: Token  # the word whose sense gives the type (a noun for "carried out strikes")
    predicate: Token  # the clause's verb (the trigger itself, the light verb, the claim verb), or the noun
    members: tuple[int, ...]  # token indices of every trigger folded into this happening
    group: str  # "type" | "attack" | "casualty"
    event_type: str = ""  # set by the type stage ("" until then, unless the trigger names it)
    lemma: str = ""
    claimed: bool = False  # "X claimed (responsibility for) the attack": the claimant is the actor
    actors: list[Name] = field(default_factory=list)
    actor_tokens: list[Token] = field(default_factory=list)  # the words the actors were read from
    target: Name | None = None
    target_tokens: list[Token] = field(default_factory=list)
    place: PlaceMatch | None = None
    location: str = ""
    theater: str = ""
    latitude: float | None = None
    longitude: float | None = None
    also_at: list[tuple[str, Place]] = field(default_factory=list)  # "strikes in Iraq and Syria": one per place
    timex: Timex | None = None
    date_basis: str = ""  # explicit | relative | narrative | publication (the build stage adds +estimated)
    own_date: bool = False  # the date expression is attached to the happening's own clause
    background: bool = False  # told in a clause of "after ...", "in response to ...": needs a date of its own
    reference: bool = False  # a happening told again ("the attack", "condemned the strike")
    threat: bool = False  # a violent action announced by its subject with will/would: a Threat/warning
    organized: bool = False  # a crowd's act done by armed men or a state's forces ("gunmen torched homes")
    drop: str = ""  # why the filter stage abstains ("" = keep)

    def take_place_of(self, other: Frame) -> None:
        """Share another happening's place (an explicit link said it happened there)."""
        self.location, self.theater, self.place = other.location, other.theater, other.place
        self.latitude, self.longitude = other.latitude, other.longitude

    @property
    def doc(self) -> Doc:
        return self.sentence.doc

    @property
    def offset(self) -> int:
        """Offset of the sentence in its unit's text (token.idx + offset = unit offset)."""
        return self.sentence.start

    def clause_heads(self, lex: Lexicon) -> set[int]:
        """The words whose clause tells this happening, where its place and date phrases hang: the trigger,
        the predicate, the folded members, and the verb a noun trigger depends on when that verb only carries
        it ("carried out airstrikes on a village", "fighting erupted in Omdurman on Saturday")."""
        heads = {self.trigger.i, self.predicate.i, *self.members}
        trig, head = self.trigger, self.trigger.head
        if head.i != trig.i and is_verb(head) and (
                (trig.dep_ == "dobj" and lex.lemma(head.lower_, "V") in lex.words["light_verbs"]) or
                (trig.dep_ == "nsubj" and lex.lemma(head.lower_, "V") in lex.words["happening_predicates"])):
            heads.add(head.i)
            if trig.dep_ == "dobj":  # "launched operations to free towns in the north": their purpose
                heads.update(c.i for c in head.children if c.dep_ == "xcomp" and is_verb(c))
        if head.i != trig.i and is_verb(head) and trig.dep_ == "advcl" and trig.tag_ == "VBG" and lex.lemma(
                trig.lower_, "V") in lex.words["toll_verbs"]:
            heads.add(head.i)  # "a drone crashed into a building in Tel Aviv, killing one": the toll's own scene
        pred = self.predicate
        if pred.dep_ == "conj" and is_verb(pred.head) and not children(pred, "nsubj", "nsubjpass") \
                and not lex.has_trigger(pred.head.text):
            heads.add(pred.head.i)  # "In Zaporizhzhia, a missile damaged a substation and injured two": one scene
        carrier = self.carrier
        if carrier is not None:
            heads.add(carrier.i)  # "Last month, US troops partnered with X in destroying sites in Syria"
        if self.group == "casualty":  # "nine were killed when shells landed on a market in Masisi": a toll's when-clause
            heads.update(c.i for v in (trig, pred) for c in v.children  # with no happening of its own tells its scene
                         if c.dep_ == "advcl" and is_verb(c) and not lex.has_trigger(c.text) and any(
                             m.dep_ == "advmod" and m.lower_ == "when" for m in c.children))
        return heads

    @property
    def carrier(self) -> Token | None:
        """The verb an "in"/"by" + "-ing" trigger tells the manner of ("partnered with X in locating and destroying
        sites"): its subject, date and place are the trigger's."""
        t = self.trigger
        first = t.head if t.dep_ == "conj" and t.head.dep_ == "pcomp" else t
        prep = first.head
        if first.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in ("in", "by") and is_verb(prep.head):
            return prep.head
        return None

    @property
    def suffered_by_subject(self) -> bool:
        """"The convoy came under fire": the predicate carries the happening through "under", so its subject
        is what was hit (its target, and a place when it names one), never its actor."""
        t = self.trigger
        return self.predicate.i != t.i and t.dep_ == "pobj" and t.head.lower_ == "under" \
            and t.head.head.i == self.predicate.i

    def done_by_armed_men(self, lex: Lexicon) -> bool:
        """"Gunmen set fire to dozens of homes", "homes were torched by soldiers": armed men nobody names (a
        noun of armed men or troops as the subject or the "by" agent) acted, and they are no crowd."""
        doers = [c for c in self.predicate.children if c.dep_ == "nsubj"] + [
            p for c in self.predicate.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return any(lex.noun_in("non_state_agents", d.lower_) or d.lower_ in lex.words["ground_agents"]
                   or any(c.dep_ == "amod" and c.lower_ == "armed" for c in d.children) for d in doers)  # "armed men"

    def place_heads(self, lex: Lexicon) -> set[int]:
        """The clause heads whose place phrases are the happening's: a verb that ends a visit tells the way home
        ("returned to Port Sudan from a tour of Egypt": the tour was in Egypt)."""
        heads = self.clause_heads(lex)
        if self.predicate.i != self.trigger.i and lex.closes_visit(self.predicate.lower_, self.trigger.text):
            heads.discard(self.predicate.i)
        return heads
