"""Guess whether the clause around an expression talks about the past or the future.

Why: "Tuesday" or "April 7" carry no year or week; news convention resolves them to the
latest such day before publication in a past-tense clause and to the next one in a
future-tense clause. The nearest cue word (rules/timex/tense_cues.txt) decides; reporting
verbs ("said") only count when nothing closer speaks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .resources import lexicon

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'“(`])|\n")
_CLAUSE_END = re.compile(r"[,;:()\u2014]|\s-\s|--")
#: words that open a new clause after the expression: its tense is not the expression's
#: ("had begun on Friday and would continue", "on Saturday night that the US would not ...")
_NEW_CLAUSE = re.compile(r"\b(?:and|but|that|which|who|while|whereas|because|after|before|when|until|as)\b", re.I)
_PASSIVE_BE = frozenset(("be", "being"))
_NEGATION = frozenset(("not", "neither", "nor", "never", "couldn't", "couldn’t"))
#: future cues only when followed by "to"/"for"; otherwise what they are: "set" a past participle,
#: "plan" a noun ("announced the plan Aug. 21")
_FUTURE_WITH_TO = {"set": "past", "plan": ""}
#: a schedule verb's present form after these is an infinitive or an emphatic past, no schedule
#: ("for them to meet demand", "did open")
_NOT_SCHEDULED_AFTER = frozenset(("to", "did", "didn't", "didn’t", "not"))
#: "until Sunday to respond", "by Friday to leave": a deadline for something still to be done
_DEADLINE_LEAD = (" until", " till", " by")
_DEADLINE_TO = re.compile(r"\s+to\s+[a-z]+")


def _deadline_given(text: str, start: int) -> bool:
    """Is a verb that sets a deadline ("gave", "has", "extended") among the few words before the
    "until" of "until Sunday to respond"?"""
    words = _TOKEN.findall(text, max(0, start - 60), start)[-7:-1]
    return any(w.lower() in lexicon().deadline_verbs for w in words)


#: a reporting verb this close to the expression ("said Friday") tells its tense
REPORT_REACH = 3
WINDOW = 220
AFTER_WEIGHT = 2
MAX_DISTANCE = 10


@lru_cache(maxsize=65536)
def _cue(word: str) -> str:
    lx = lexicon()
    w = word.lower().replace("’", "'")
    if w in lx.future_cues or w.endswith("'ll"):
        return "future"
    if w in lx.past_cues:
        return "past"
    if w in lx.reporting_cues:
        return "report"
    if len(w) > 4 and w.endswith("ed") and w not in lx.not_past:
        return "past"
    return ""


def _attributive(word: str, back: list[str], dist: int) -> bool:
    """Is an -ed word an adjective before its noun ("an unannounced date", "the planned vote")?
    It is when a determiner comes right before it, or before the one adverb that modifies it."""
    w = word.lower()
    if w in lexicon().past_cues or not w.endswith("ed"):
        return False  # "came", "was": always verbs
    lx = lexicon()
    prev = back[dist].lower() if dist < len(back) else ""
    if prev in lx.determiners:
        return True
    if prev in lx.modifier_adverbs or prev.endswith("ly"):
        return dist + 1 < len(back) and back[dist + 1].lower() in lx.determiners
    return False


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Approximate sentence around [start, end) (at most WINDOW chars each side)."""
    lo = max(0, start - WINDOW)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + WINDOW))
    e = m.start() + 1 if m else min(len(text), end + WINDOW)
    return s, e


def tense_at(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None for the clause around text[start:end]."""
    lead = text[max(0, start - 30):start].lower().rstrip()
    if lead.endswith(lexicon().future_phrases):  # "as early as Tuesday", "ahead of Friday's vote"
        return "future"
    if lead.endswith(_DEADLINE_LEAD) and _DEADLINE_TO.match(text, end) and _deadline_given(text, start):
        return "future"  # "gave them until Sunday to respond": a deadline set ahead
    s, e = sentence_bounds(text, start, end)
    best: tuple[float, str] | None = None
    report = False
    before = _TOKEN.findall(text, s, start)
    back = before[::-1]
    for dist, word in enumerate(back, 1):
        if dist > MAX_DISTANCE:
            break
        c = _cue(word)
        if not c and word.lower() in lexicon().scheduled_present and \
                (dist >= len(back) or back[dist].lower() not in _NOT_SCHEDULED_AFTER):
            c = "future"  # "the ministers meet Monday": a schedule
        if c == "future" and any(w.lower() in lexicon().past_auxiliaries for w in back[dist:dist + 2]):
            c = "past"  # "had been due to expire Friday": a plan seen from the past
        if c == "future" and word.lower() in lexicon().said_intentions and not any(
                x.lower() == "to" for x in back[:dist - 1]):
            c = "past"  # "vowed on Saturday to keep fighting": the day it was vowed
        w = word.lower()
        if w in _FUTURE_WITH_TO and (dist < 2 or back[dist - 2].lower() not in ("to", "for")):
            c = _FUTURE_WITH_TO[w]  # "the record set on Aug. 6" vs "talks set to resume Monday"
        elif w == "to" and dist < len(back) and back[dist].lower() in ("is", "are"):
            c = "future"  # "is to resume trading Tuesday"
        elif w == "could" and any(x.lower() in _NEGATION for x in back[max(0, dist - 3):dist + 4]):
            c = "past"  # "could not be reached Tuesday", "neither ... could be located": what did not happen
        if c == "past" and dist < len(back) and back[dist].lower() in _PASSIVE_BE:
            continue  # "will be held on April 24": a participle after "be" has no tense of its own
        if c == "past" and _attributive(word, back, dist):
            continue  # "at an unannounced date": an adjective, not a verb
        if c == "report" and dist <= REPORT_REACH:
            c = "past"
        if c == "report":
            report = True
        elif c:
            best = (dist, c)
            break
    # after the expression only the rest of its own clause counts (", officials said" does
    # not), unless the expression opens the sentence ("In January, the army ...")
    m = _CLAUSE_END.search(text, end, e)
    after_end = m.start() if m and len(before) > 2 else e
    if best is not None or len(before) > 2:  # the expression's own verb came first
        n = _NEW_CLAUSE.search(text, end, after_end)
        after_end = n.start() if n else after_end
    ahead = _TOKEN.findall(text, end, after_end)
    for dist, word in enumerate(ahead, 1):
        # a cue after the expression must be much nearer than one before it: the verb that governs
        # a time adjunct comes first ("will double its flights ... by August in the search for
        # markets untouched by ...")
        if dist > MAX_DISTANCE or (best and AFTER_WEIGHT * dist + 0.5 >= best[0]):
            break
        c = _cue(word)
        if not c and word.lower() in lexicon().scheduled_present and \
                (dist < 2 or ahead[dist - 2].lower() not in _NOT_SCHEDULED_AFTER):
            c = "future"  # "On Monday the ministers meet again"
        if word.lower() in _FUTURE_WITH_TO and (dist >= len(ahead) or ahead[dist].lower() not in ("to", "for")):
            c = _FUTURE_WITH_TO[word.lower()]  # "On Wednesday, settlers set fire to cars" vs "is set to resume"
        if c == "report" and dist <= REPORT_REACH - 1:
            c = "past"
        if c == "report":
            report = True
        elif c:
            best = (dist + 0.5, c)
            break
    if best:
        return best[1]
    return "past" if report else None


def looks_ahead(text: str, start: int, end: int) -> bool:
    """Does the clause of text[start:end] look ahead from the time of writing ("the summit is
    expected in April", "talks will resume on March 18")? Unlike "would" or "planned", which
    look ahead from a past the story tells, such a clause reads its dates from the publication
    date even inside a paragraph that recounts the past."""
    if tense_at(text, start, end) != "future":
        return False
    s, _ = sentence_bounds(text, start, end)
    words = [w.lower().replace("’", "'") for w in _TOKEN.findall(text, s, start)][-2 * MAX_DISTANCE:]
    cues = lexicon().present_future
    return any(w in cues or w.endswith("'ll") for w in words) or \
        any(f"{a} {b}" in cues for a, b in zip(words, words[1:], strict=False))
