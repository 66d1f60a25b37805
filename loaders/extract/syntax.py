"""Small questions asked of a dependency parse (spaCy's English labels, ClearNLP style): is this token a verb,
where is its subject, is its clause passive, which clause does a word belong to.

Why apart: the role, place, date and filter stages all walk the same trees; one set of helpers keeps the
grammar in one place and makes each stage read as what it decides, not how it walks.

EXAMPLE:
    >>> doc = parse_many(["A shell fired by the rebels hit a school."])[0]
    >>> is_passive(doc[2]), [t.text for t in agents_of(doc[2])]
    (True, ['Hamas'])
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
OBJECTS = ("dobj", "dative", "attr", "oprd")
#: dependents that open a clause of their own (its words belong to another happening)
CLAUSES = ("advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp")


def is_verb(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.tag_ == "MD"


def is_noun(t: Token) -> bool:
    return t.tag_.startswith("NN") or t.tag_ in ("PRP", "CD")


def is_proper(t: Token) -> bool:
    return t.tag_ in ("NNP", "NNPS")


def children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def is_where_clause(v: Token) -> bool:
    """"..., where he met X": a relative clause of place."""
    return v.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in v.children)


def scene_clauses(v: Token) -> list[Token]:
    """The "while/when/as" clauses setting the scene of a verb ("While X was in Bahrain, he announced ...")."""
    return [c for c in v.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("while", "when", "as") for m in c.children)]


def has_determiner(t: Token, words: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
    """Whether one of `words` is the noun's determiner ("these strikes", "another strike", "no indications")."""
    return any(c.dep_ == "det" and c.lower_ in words for c in t.children)


def is_definite(t: Token, words: frozenset[str]) -> bool:
    """"the attack", "this strike", "its attacks": a noun whose determiner or possessive is one of `words`
    (grammar definite_determiners), a happening named as already known."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in words for c in t.children)


def conjuncts(t: Token) -> list[Token]:
    """The token and every word coordinated with it ("Hamas, the PFLP and the DFLP")."""
    out = [t]
    for c in t.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def compound_start(t: Token) -> int:
    """Index of the first word of the compound a noun heads ("the Black Sea" -> "Black")."""
    return min([t.i, *(c.i for c in t.children if c.dep_ == "compound")])


def is_infinitive(v: Token) -> bool:
    """"to conduct", "to meet": a verb with its infinitive marker."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def is_passive(v: Token) -> bool:
    """"were killed", "was hit by", "a shell fired by the rebels" (a past participle modifying a noun)."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children):
        return True
    # a past form modifying a noun with no object of its own is a participle whatever the tagger says
    # ("11 ISIS operatives killed", tagged VBD)
    return v.dep_ == "acl" and (v.tag_ == "VBN" or (v.tag_ == "VBD" and not children(v, "dobj")))


def agents_of(v: Token) -> list[Token]:
    """The "by" agents of a passive verb (coordination included)."""
    out = []
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for p in children(c, "pobj"):
                out.extend(conjuncts(p))
    return out


def prep_objects(t: Token, preps: frozenset[str] | set[str] | tuple[str, ...]) -> Iterator[tuple[str, Token]]:
    """(preposition, object) pairs of `t` for the given prepositions ("strikes on Rafah" -> ("on", Rafah));
    multi-word ones ("in response to") are read as their last word's head chain."""
    for c in t.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    yield c.lower_, p


def verb_subjects(v: Token) -> list[Token]:
    """The subject of a verb, as written or shared: a coordinated verb ("fired rockets and struck") and an
    open complement ("continued to strike") take the subject of the verb they hang on; a relative clause
    ("militants who attacked") and an active participle ("forces attacking the town") take the noun."""
    own = children(v, "nsubj", "nsubjpass")
    if len(own) > 1:  # a misparse with two subjects ("Sudan's paramilitary Rapid Support Forces shelled"):
        own.sort(key=lambda t: (not t.tag_.startswith(("NN", "PRP")), abs(v.i - t.i)))  # the noun nearest
    if own:
        if own[0].lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return conjuncts(v.head)
        return conjuncts(own[0])
    if v.dep_ == "xcomp" and is_verb(v.head) and children(v.head, "dobj"):
        return conjuncts(children(v.head, "dobj")[0])  # "prompted the Houthis to start attacks": the object acts
    if v.dep_ in ("conj", "xcomp") and is_verb(v.head):
        return verb_subjects(v.head)
    if v.dep_ == "advcl" and v.tag_ == "VBG" and is_verb(v.head):
        return verb_subjects(v.head)  # "Israel struck Gaza, killing 12": the killer is Israel
    if v.dep_ == "acl" and is_infinitive(v) and v.head.dep_ == "dobj" and is_verb(v.head.head):
        return verb_subjects(v.head.head)  # "Ruiz had the chance to meet ...": the one who had it meets
    if v.dep_ in ("relcl", "acl") and not is_passive(v):
        return conjuncts(v.head)
    return []


def own_or_controller_subjects(v: Token, *deps: str) -> list[Token]:
    """The verb's own subjects (of the given dependency labels), else, for an open complement, the subject of
    the verb it hangs on ("three missiles were attempting to hit the ship": the missiles hit)."""
    return children(v, *deps) or (children(v.head, "nsubj") if v.dep_ == "xcomp" else [])


def clause_head(t: Token) -> Token:
    """The verb (or the root) whose clause `t` belongs to."""
    cur = t
    while not is_verb(cur) and cur.dep_ != "ROOT" and cur.head.i != cur.i:
        cur = cur.head
    return cur


def path_up(t: Token) -> Iterator[Token]:
    """`t`'s ancestors, nearest first."""
    cur = t
    while cur.head.i != cur.i:
        cur = cur.head
        yield cur


def span_text(tokens: list[Token]) -> str:
    """The text covered by contiguous tokens, as written."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
    return doc[lo:hi + 1].text


def char_span(t: Token) -> tuple[int, int]:
    return t.idx, t.idx + len(t.text)
