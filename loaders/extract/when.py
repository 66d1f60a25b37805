"""Stage 5: when the happening took place: the date expression attached to its own clause, else the narrative
date of its paragraph (or of the article, when its title names the day it covers), else the publication date.

A date belongs to the clause its words hang on in the parse: "On Sunday" fronting the main clause dates that
clause and the clauses that share its time (coordinated verbs, "when ..." clauses, what it reports), but a
clause told as background ("after Israel killed Nasrallah on Sept. 27", "in response to attacks last week")
keeps its own date to itself and lends none. A bare year modifying a noun ("the 2015 deal") and a comparison
window ("for the first time in 20 years") date nothing. "During the visit" takes the date of the visit the
article told before (an explicit link), never the date of a neighbouring happening.

EXAMPLE:
    >>> date_frame(frame, state)    # "Israeli jets struck Rafah on Tuesday" (published Thu 2025-03-20)
    >>> frame.timex.value, frame.date_basis
    ('2025-03-18', 'relative')
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from loaders.models import Timex
from loaders.timex import tag

from .frame import Frame, Sentence
from .lexicon import Lexicon, lexicon
from .syntax import children, is_definite, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

_NO_DATE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
#: how a clause passes its date down to the clauses hanging on it
_SHARES_DATE = frozenset({"conj", "xcomp", "ccomp", "acl", "relcl", "parataxis", "advcl", "dep", "pcomp"})


def usable(t: Timex) -> bool:
    """A date expression that can date a happening: resolved to a calendar interval, not a bare reference."""
    return t.range_start is not None and t.range_end is not None and t.value not in _NO_DATE_VALUES


def clause_marker(t: Token, lex: Lexicon) -> str:
    """The subordinator or preposition that opens the clause or phrase of `t` ("after", "in response to")."""
    words = [c.lower_ for c in t.children if c.dep_ in ("mark", "advmod") and c.i < t.i]
    if t.dep_ == "pobj":
        prep = t.head
        words.append(prep.lower_)
        chain = [prep.lower_]
        h = prep.head
        while h.dep_ in ("prep", "pobj") and len(chain) < 3:
            chain.insert(0, h.lower_)
            h = h.head
        words.append(" ".join(chain))
    for w in words:
        if w in lex.words["background_markers"]:
            return w
    for w in words:
        if w in lex.words["same_time_markers"]:
            return w
    return ""


def is_background(t: Token, lex: Lexicon | None = None) -> bool:
    """Whether the clause or phrase of `t` is told as background ("after ...", "in retaliation for ...")."""
    lex = lex or lexicon()
    cur = t
    for _ in range(12):  # however deep: "... after Hamas' attack that sparked the war and prompted attacks"
        m = clause_marker(cur, lex)
        if m:
            if m in lex.words["background_markers"]:
                return True
            if is_verb(cur):
                return False  # a when/as/while clause shares its head's time
        if cur.head.i == cur.i:
            return False  # the root: foreground (what a reporting verb reports is as foreground as the saying)
        cur = cur.head
    return False


class DateIndex:
    """The sentence's usable date expressions, each tied to the token its words hang on."""

    def __init__(self, sentence: Sentence, lex: Lexicon) -> None:
        self.lex = lex
        doc = sentence.doc
        self.items: list[tuple[Timex, Token, Token]] = []  # (timex, its root token, the token it attaches to)
        for t in sentence.timexes():
            if not usable(t):
                continue
            span = doc.char_span(t.start - sentence.start, t.end - sentence.start, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            att = root.head if root.head.i != root.i else root
            while att.dep_ == "prep" and att.head.i != att.i:
                att = att.head
            att = self._clause_of(att)
            if self._dates_nothing(t, root, att):
                continue
            self.items.append((t, root, att))

    def _clause_of(self, att: Token) -> Token:
        """A date hanging on a participant that is no happening ("struck by a missile on Friday evening": the
        parse hangs the date on the missile) dates the participant's clause: things have no dates, happenings do.
        So does one on a participle describing such a thing ("attacked the base with explosives loaded on a truck
        on Tuesday")."""
        if att.dep_ == "acl" and att.tag_ == "VBN" and not self.lex.has_trigger(att.text) and \
                att.head.tag_.startswith("NN"):
            att = att.head
        clause = att
        for _ in range(8):  # through the participants it names: "struck a plant in Kazan and a depot near Ryazan
            if not self._participant(clause):  # on Saturday" (the parse hangs the date on the second place)
                break
            clause = clause.head
            while clause.dep_ in ("prep", "agent") and clause.head.i != clause.i:
                clause = clause.head
        return clause if is_verb(clause) else att

    def _participant(self, t: Token) -> bool:
        """A noun naming a thing or place the happening involves (an object, a place after a preposition,
        or one joined to such a noun by "and"), not a happening of its own."""
        return (not is_verb(t) and t.tag_.startswith(("NN", "PRP")) and not self.lex.has_trigger(t.text)
                and t.dep_ in ("pobj", "dobj", "nsubjpass", "conj", "appos") and t.head.i != t.i)

    def _dates_nothing(self, t: Timex, root: Token, att: Token) -> bool:
        words = self.lex.words
        if t.text.isdigit() and len(t.text) == 4 and root.dep_ in ("compound", "nummod", "amod", "nmod") \
                and not is_verb(att):
            return True  # "the 2015 deal": a year naming a thing
        doc = root.doc
        if root.dep_ == "pobj" and root.head.lower_ in words["comparison_preps"] and any(
                doc[i].lower_ in words["comparison_words"] for i in range(max(0, att.i - 6), root.i)):
            return True  # "for the first time in 20 years"
        return False

    def _same_time_clause(self, att: Token, tokens: set[int]) -> bool:
        """"As you saw last week, Austin traveled ...": a when/as clause without a happening of its own lends
        its date to the clause it hangs on."""
        return att.dep_ == "advcl" and att.head.i in tokens and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in self.lex.words["same_time_markers"] for c in att.children)

    def own(self, tokens: set[int]) -> Timex | None:
        """The date attached to one of `tokens` (the frame's own words), nearest first."""
        mine = [(t, root) for t, root, att in self.items
                if att.i in tokens or root.i in tokens or self._same_time_clause(att, tokens)]
        if not mine:
            return None
        anchor = min(tokens)
        return min(mine, key=lambda x: abs(x[1].i - anchor))[0]

    def inherited_from(self, token: Token) -> Timex | None:
        """The date of the clause `token` belongs to or hangs on (for an offset's anchor)."""
        cur = token
        for _ in range(6):
            found = self.own({cur.i})
            if found is not None or cur.head.i == cur.i or cur.dep_ not in _SHARES_DATE:
                return found
            cur = cur.head
        return None

    def inherited(self, frame: Frame) -> Timex | None:
        """The date of the clause the frame's clause hangs on, when it shares its time."""
        cur = frame.predicate
        for _ in range(6):
            if cur.head.i == cur.i or cur.dep_ not in _SHARES_DATE:
                return None
            if is_background(cur, self.lex):
                return None
            cur = cur.head
            found = self.own({cur.i})
            if found is not None:
                return found
        return None


_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def on_one_day(t: Timex | None) -> bool:
    """Whether a resolved date expression puts its happening on one calendar day (a time of day allowed)."""
    return t is not None and _FULL_DAY.match(t.value) is not None


@lru_cache(maxsize=1024)
def names_a_day(text: str) -> bool:
    """Whether a date expression names its day itself ("Tuesday at 6 a.m.") or only a time of day ("at 6:30
    a.m."): tagged without a reference date, only the first keeps a calendar day (or a weekday to find it)."""
    return any(on_one_day(t) or "W" in t.value or t.type != "TIME" for t in tag(text, None))


def _on_day(t: Timex, day: Timex) -> Timex:
    """A time of day on the day the narrative set: "At 6:30 a.m." in a digest of 7 October."""
    d = day.range_start
    clock = t.value.split("T", 1)[1] if "T" in t.value else ""
    return dataclasses.replace(t, range_start=d, range_end=d, basis="narrative",
                               value=d.isoformat() + (f"T{clock}" if clock else ""))


def _offset_date(frame: Frame, index: DateIndex, told_before: Callable[[Token], Timex | None]) -> Timex | None:
    """"a day after Hamas fighters stormed the fence", "two weeks before the vote": a background clause with an
    offset is that far from the main clause's own date (rules/grammar.yaml offset_units). When the main clause
    tells again a happening told before ("The raid came a day after clashes ... left 20 dead"), it is that far
    from that happening's day (`told_before`: the day of the happening a definite noun names)."""
    lex = index.lex
    clauses = [frame.predicate] if is_verb(frame.predicate) else []
    t = frame.trigger
    if not is_verb(t) and t.dep_ in ("nsubj", "dobj") and is_verb(t.head):
        # "a day after clashes ... left 23 dead", "a day after the Houthis claimed an attack that killed three":
        # the clause the happening is the subject or object of
        clauses.append(t.head)
    elif not clauses:
        clauses.append(t)
    clause, mark = next(((clause, m) for clause in clauses for m in clause.children
                         if m.dep_ in ("mark", "prep") and m.lower_ in ("after", "before")), (None, None))
    if mark is None:
        return None
    # "a day after": on the marker, on the clause, or on the main verb right before the marker
    on_main = [a for a in clause.head.children if a.i < mark.i and a.right_edge.i == mark.i - 1]
    for amount in [*mark.children, *clause.children, *on_main]:
        if amount.dep_ != "npadvmod" or amount.lower_ not in lex.offset_units:
            continue
        count = next((c for c in amount.children if c.dep_ in ("det", "nummod")), None)
        n = 1 if count is None else lex.offset_numbers.get(count.lower_) if not count.text.isdigit() \
            else int(count.text)
        if not n and lex.offset_units[amount.lower_]:
            return None  # "several days after": no day to count to
        head = clause.head
        anchor = index.own({head.i}) or index.inherited_from(head) or next(
            (d for s in _retold(head, lex) if (d := told_before(s)) is not None), None)
        if anchor is None or anchor.range_start is None or anchor.range_start != anchor.range_end:
            return None
        days = (n or 0) * lex.offset_units[amount.lower_] * (-1 if mark.lower_ == "after" else 1)
        return offset_day(anchor, days, f"{amount.text} {mark.text} ({anchor.text})")
    return None


def _retold(verb: Token, lex: Lexicon) -> list[Token]:
    """"The raid came ...", "The strike followed ...": the definite happening word a retelling verb (grammar
    retelling_verbs) has as its subject."""
    if not is_verb(verb) or lex.lemma(verb.lower_, "V") not in lex.words["retelling_verbs"]:
        return []
    return [s for s in children(verb, "nsubj") if lex.has_trigger(s.text)
            and is_definite(s, lex.words["definite_determiners"])]


def offset_day(anchor: Timex, days: int, text: str) -> Timex:
    """The day `days` from a one-day anchor, as a narrative date read off it ("a day after ...", "the day before
    the attack")."""
    day = anchor.range_start + dt.timedelta(days=days)
    return dataclasses.replace(anchor, value=day.isoformat(), range_start=day, range_end=day, precision="day",
                               basis="narrative", rule="offset", text=text)


def _victims_doing(frame: Frame, index: DateIndex) -> Timex | None:
    """"abducted 15 women collecting firewood near Gamboru on Sunday": what the victims were doing when it
    happened (a present participle on the object) is dated with the happening."""
    for obj in frame.trigger.children if is_verb(frame.trigger) else ():
        if obj.dep_ in ("dobj", "nsubjpass"):
            for acl in obj.children:
                if acl.dep_ == "acl" and acl.tag_ == "VBG":
                    found = index.own({acl.i})
                    if found is not None:
                        return found
    return None


def _shared_with_next_verb(frame: Frame, index: DateIndex) -> Timex | None:
    """"struck Khan Younis and shelled Rafah on Monday": a date closing verbs that share their subject dates
    them all."""
    pred = frame.predicate
    for c in pred.children if is_verb(pred) else ():
        if c.dep_ == "conj" and is_verb(c) and not children(c, "nsubj", "nsubjpass"):
            found = index.own({c.i})
            if found is not None:
                return found
    return None


def date_frame(frame: Frame, index: DateIndex, narrative: Timex | None,
               told_before: Callable[[Token], Timex | None] = lambda noun: None) -> Frame:
    """Fill frame.timex and frame.date_basis (in place; returns the frame). `narrative` is the date the
    paragraph (or the article) has set, if any; `told_before` gives the day of a happening told before that a
    definite noun names."""
    own = index.own(frame.clause_heads(index.lex))
    told_by = frame.predicate.i != frame.trigger.i and frame.predicate in frame.trigger.ancestors
    # a light verb tells its noun: "returned after a trip to Kuwait" is the trip, told by "returned"
    frame.background = is_background(frame.predicate, index.lex) or (
        not told_by and is_background(frame.trigger, index.lex))
    if own is not None and own.rule.startswith("anaphor") and own.basis == "relative":
        own = None  # "put out a video the following day" with no day told before: the day after an unknown one,
        # not the day after publication
    if own is None and not frame.background:
        own = index.inherited(frame) or _victims_doing(frame, index) or _shared_with_next_verb(frame, index)
    frame.own_date = own is not None
    if own is None and frame.background:
        own = _offset_date(frame, index, told_before)
        frame.own_date = own is not None
    if own is not None and own.type == "TIME" and narrative is not None and narrative.range_start is not None \
            and own.range_start != narrative.range_start and any(ch.isdigit() for ch in own.text) \
            and not names_a_day(own.text):
        own = _on_day(own, narrative)
    if own is not None:
        frame.timex, frame.date_basis = own, own.basis or "explicit"
    elif narrative is not None and not frame.background:
        frame.timex, frame.date_basis = narrative, "narrative"
    else:
        frame.timex, frame.date_basis = None, "publication"
    return frame


def sets_scene(index: DateIndex, frames: list[Frame], current: Timex | None) -> Timex | None:
    """The date a sentence sets for the sentences after it in its paragraph: the date of its first dated,
    foreground happening, or a date fronting the sentence ("On 7 October, ..."); a bare time of day ("At 6:30
    a.m., ...") stays on the day already set."""
    for f in frames:
        main = f.predicate.dep_ in ("ROOT", "conj", "ccomp") or f.predicate.head.dep_ == "ROOT"
        if main and f.timex is not None and f.date_basis != "narrative" and not f.background and not f.drop \
                and f.timex.range_start == f.timex.range_end:
            return f.timex
    for t, root, att in index.items:
        if att.dep_ == "ROOT" and root.i < att.i and t.range_start == t.range_end:
            if t.type == "TIME" and current is not None and current.range_start is not None \
                    and any(ch.isdigit() for ch in t.text) and not names_a_day(t.text):
                return _on_day(t, current)
            return t
    return None


def title_day(title_timexes: list[Timex], published: dt.date | None) -> Timex | None:
    """A title naming the day it covers ("... : 29 October 2023"), up to two days before publication, dates
    the article's undated happenings (a day's digest); any other title date dates nothing."""
    if published is None:
        return None
    for t in title_timexes:
        if usable(t) and t.range_start == t.range_end and t.basis == "explicit" \
                and dt.timedelta(0) <= published - t.range_start <= dt.timedelta(days=2):
            return t
    return None
