"""Is this text written language? Random bytes, base64, hex dumps, keyboard mashing and control
characters decode as text too, and must not be stored as articles with a gibberish title.

Why measure words rather than guess a language: the tool must read news in any language and script
(Arabic, Cyrillic, Hebrew, Chinese...), short items, and articles holding tables of figures. So the
test is script-neutral. Accents and other combining marks are taken off (NFD), markup tags and
non-ASCII punctuation become spaces, and each whitespace token, edge punctuation aside, is
- a word: letters of any script, possibly joined by ' - . / & (scripts written without spaces,
  such as Chinese or Thai, make long words: they are exempt from the length limit);
- a number or a link ("1,200", "F-16", "3rd", "2025-03-23", "https://..."): neutral;
- junk: anything else ("uZ1/5bH+t", "7f45", "jkl;jkl").
Junk shaped like words (keyboard mashing) is told by long consonant runs ("sdfghjkl"), a letter
four times ("aaaa"), a unit three times ("asdasdasd"), letter runs too long for a word, and a vowel
share outside the range of every language, measured for the alphabets whose vowels the rule file
lists. All limits live in `loaders/rules/language.yaml`. Speed: plain prose is sorted with
C-level string methods, anything else with a few regex passes over the text (no per-token Python
work); `python benchmarks/read_bench.py` prints the cost next to the same readers without it.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from loaders.rulefiles import rule_yaml

RULES_FILE = "language.yaml"
#: characters that never belong to text: C0/C1 controls (tab, newlines, form feed kept), U+FFFD
#: (a decoder's "unreadable byte"), private-use code points and non-characters
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ufff0-\ufffc\ufffe\uffff]")
#: scripts written without spaces between words: Thai, Lao, Tibetan, Myanmar, Khmer, Hangul jamo
#: (Korean after NFD), kana, Han
_NO_SPACE = ("\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff"
             "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff")
_NO_SPACE_RE = re.compile(f"[{_NO_SPACE}\U00020000-\U0003134f]")
#: a digit next to a letter of those scripts ("2025年3月23日"): split there, the letters are words
_NO_SPACE_DIGIT = re.compile(f"(?<=\\d)(?=[{_NO_SPACE}])|(?<=[{_NO_SPACE}])(?=\\d)")
#: punctuation a token may carry at either end ("(Reuters)", "said,", "#Gaza", "50%")
_EDGE_CHARS = string.punctuation + "°©®™"
_EDGE = re.escape(_EDGE_CHARS)
#: characters joining the letter runs of one word: ' ’ - . · / & and Hebrew geresh/gershayim
_JOIN = "'’\\-.·/&\u2010\u2011\u05f3\u05f4"
_LETTER = r"[^\W\d_]"
_WORD_TOKEN = re.compile(f"(?<!\\S)[{_EDGE}]*({_LETTER}+(?:[{_JOIN}]{{1,2}}{_LETTER}+)*)[{_EDGE}]*(?!\\S)")
_NUMBER_TOKEN = re.compile(
    f"(?<!\\S)[{_EDGE}]*(?:{_LETTER}{{0,6}}-?[$€£¥₪₽]?\\d[\\d.,:/%+'’x×-]*{_LETTER}{{0,4}}"
    r"|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+)" f"[{_EDGE}]*(?!\\S)", re.IGNORECASE)
_PUNCT_TOKEN = re.compile(f"(?<!\\S)[{_EDGE}]+(?!\\S)")
#: a markup tag left in the text (<b>, </EVENT>, <TIMEX3 tid="t1">): judged as the text around it
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")
#: an acronym (IDF, PKK, UNRWA): its consonants in a row are not mashing
_ACRONYM = re.compile(r"(?<!\S)[A-Z]{2,6}(?!\S)")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
#: lower-case letters of each alphabet that has vowels (accents are off: the text is in NFD)
_ALPHABET_RANGES = {
    "latin": [(0x61, 0x7A), (0xDF, 0xF6), (0xF8, 0x24F), (0x1E00, 0x1EFF)],
    "cyrillic": [(0x430, 0x52F)],
    "greek": [(0x3B1, 0x3C9)],
}


@dataclass(frozen=True)
class Limits:
    """rules/language.yaml, with the patterns built from it."""

    max_control_share: float
    max_junk_share: float
    max_word_letters: int
    vowel_min_letters: int
    min_vowel_share: float
    max_vowel_share: float
    min_words: int
    sample_chars: int
    plain_share: float
    marks: re.Pattern[str]  # combining marks (accents, Arabic and Hebrew points, Indic vowel signs)
    separators: re.Pattern[str]  # non-ASCII punctuation: each separates words
    mash: re.Pattern[str]  # a consonant run, a letter four times, a word starting with a unit three times
    alphabets: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]  # (name, letters, vowels)
    ascii_vowels: bytes  # the Latin vowels a-z (for the fast count on plain ASCII text)


def _ranges(points: list[int]) -> str:
    """Sorted code points -> a compact regex class body ("a-z" spans, escaped)."""
    spans: list[list[int]] = []
    for cp in points:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)


def _unicode_classes() -> tuple[str, str]:
    """From the Unicode tables, once per process (~30 ms): every combining mark of the Basic
    Multilingual Plane (plus the zero-width joiners of Persian and Indic text), and every non-ASCII
    punctuation mark that is not a joiner (a dash between words, CJK commas and quotes, the Tibetan
    syllable mark, Armenian and Ethiopic stops). ASCII punctuation stays: inside a token it is
    evidence of junk ("uZ1/5b+Ht")."""
    marks: list[int] = []
    separators: list[int] = []
    for cp in range(0x80, 0x10000):
        category = unicodedata.category(chr(cp))
        if category in ("Mn", "Mc", "Me"):
            marks.append(cp)
        elif category.startswith("P") and chr(cp) not in _JOIN:
            separators.append(cp)
    return _ranges(marks) + "\u200c\u200d", _ranges(separators)


@cache
def limits() -> Limits:
    """The limits of rules/language.yaml with their patterns compiled (once per process)."""
    data = rule_yaml(RULES_FILE)
    marks, separators = _unicode_classes()
    alphabets = []
    consonants: set[int] = set()
    for name, vowel_text in data["vowels"].items():
        vowels = set(unicodedata.normalize("NFD", vowel_text))
        letters = [cp for a, b in _ALPHABET_RANGES[name] for cp in range(a, b + 1)
                   if chr(cp).isalpha() and chr(cp).islower() and len(unicodedata.normalize("NFD", chr(cp))) == 1]
        consonants |= {cp for cp in letters if chr(cp) not in vowels}
        alphabets.append((name, re.compile(f"[{_ranges(letters)}]"),
                          re.compile(f"[{_ranges(sorted(map(ord, vowels)))}]")))
    run = int(data["max_consonant_run"]) + 1
    return Limits(
        max_control_share=float(data["max_control_share"]),
        max_junk_share=float(data["max_junk_share"]),
        max_word_letters=int(data["max_word_letters"]),
        vowel_min_letters=int(data["vowel_min_letters"]),
        min_vowel_share=float(data["min_vowel_share"]),
        max_vowel_share=float(data["max_vowel_share"]),
        min_words=int(data["min_words"]),
        sample_chars=int(data["sample_chars"]),
        plain_share=float(data["plain_share"]),
        marks=re.compile(f"[{marks}]+"),
        separators=re.compile(f"[{separators}]+"),
        mash=re.compile(f"[{_ranges(sorted(consonants))}]{{{run},}}|(\\w)\\1{{3,}}|(?<!\\S)(\\w{{2,4}})\\2{{2,}}"),
        alphabets=tuple(alphabets),
        ascii_vowels=bytes(c for c in data["vowels"]["latin"].encode("ascii", "ignore")),
    )


def _sample(text: str, size: int) -> str:
    """The whole text when short; else 8 evenly spread windows cut at whitespace."""
    if len(text) <= size:
        return text
    width = size // 8
    parts = []
    for i in range(8):
        start = i * (len(text) - width) // 7
        window = text[start:start + width]
        first, last = window.find(" "), window.rfind(" ")
        parts.append(window[first + 1:last] if 0 <= first < last else window)
    return "\n".join(parts)


def _nonspace(text: str) -> int:
    return len("".join(text.split()))


def _pct(share: float) -> str:
    return "100%" if share >= 1 else f"{min(99, round(share * 100))}%"


@dataclass(frozen=True)
class Tally:
    """What the tokens of a text are: words (edge punctuation off), and characters of junk."""

    words: list[str]
    word_chars: int
    junk_chars: int  # in tokens that are neither words, numbers, links nor punctuation
    mash_chars: int  # in words no language writes


def tally(text: str, lim: Limits | None = None) -> Tally:
    """Sort the tokens of `text` into words, numbers and junk.

    Plain prose (tokens that are letters only, once edge punctuation is off, hold `plain_share`
    of the characters) is taken as it is: nothing else in it can reach the junk limit. Anything
    else (other scripts' punctuation, combining marks, tables, markup, junk) gets the full sort."""
    lim = lim or limits()
    tokens = text.split()
    words = [w for w in (t.strip(_EDGE_CHARS) for t in tokens) if w.isalpha()]
    word_chars = sum(map(len, words))
    if word_chars >= lim.plain_share * sum(map(len, tokens)):
        return Tally(words, word_chars, 0, _mash_chars(words, lim))
    text = lim.marks.sub("", unicodedata.normalize("NFD", text))
    text = lim.separators.sub(" ", _TAG.sub(" ", text))
    if _NO_SPACE_RE.search(text):
        text = _NO_SPACE_DIGIT.sub(" ", text)
    words = _WORD_TOKEN.findall(text)
    rest = _PUNCT_TOKEN.sub(" ", _NUMBER_TOKEN.sub(" ", _WORD_TOKEN.sub(" ", text)))
    return Tally(words, sum(map(len, words)), _nonspace(rest), _mash_chars(words, lim))


def _mash_chars(words: list[str], lim: Limits) -> int:
    """Characters of `words` in letter runs too long for a word, consonant runs, a letter four
    times or a unit three times (acronyms such as PKK aside)."""
    long = [w for w in words if len(w) > 3]
    mash = sum(len(w) for w in long if len(w) > lim.max_word_letters and not _NO_SPACE_RE.search(w))
    checked = " ".join(w for w in long if not (w.isupper() and len(w) <= 6)).lower()
    return mash + sum(m.end() - m.start() for m in lim.mash.finditer(checked))


def vowel_share(words: list[str], lim: Limits) -> list[tuple[str, int, float]]:
    """(alphabet, letters, share of vowels) for each alphabet the words use (accents off), over
    distinct words: a word repeated is one observation ("word word word ..." is one word of four
    letters, too few to judge, not a text with 25% vowels)."""
    text = " ".join({w.lower() for w in words})
    if text.isascii():
        data = text.encode("ascii")
        letters = len(data.translate(None, _NOT_ASCII_LETTER))
        vowels = len(data) - len(data.translate(None, lim.ascii_vowels))
        return [("latin", letters, vowels / letters)] if letters else []
    text = lim.marks.sub("", unicodedata.normalize("NFD", text))
    found = []
    for name, letters_re, vowels_re in lim.alphabets:
        letters = len(letters_re.findall(text))
        if letters:
            found.append((name, letters, len(vowels_re.findall(text)) / letters))
    return found


def control_problem(text: str) -> str | None:
    """The reason when control, private-use or replacement characters are more than a trace of
    `text`. Asked of a whole file before its reader runs too: readers drop control characters
    while they normalize lines, so by the time an article exists the soup is gone."""
    lim = limits()
    sample = _sample(text, lim.sample_chars)
    nonspace = _nonspace(sample)
    controls = len(_CONTROL.findall(sample))
    if nonspace and controls > lim.max_control_share * nonspace:
        return f"not written language: {_pct(controls / nonspace)} of its characters are control codes"
    return None


def language_problem(text: str) -> str | None:
    """None when `text` reads as written language, else the reason, e.g. "not written language:
    96% of it is neither words nor numbers (random bytes, base64 or a hex dump?)"."""
    lim = limits()
    sample = _sample(text, lim.sample_chars)
    problem = control_problem(sample)
    if problem or not sample.strip():
        return problem
    counts = tally(sample, lim)
    bad = counts.junk_chars + counts.mash_chars
    total = counts.word_chars + counts.junk_chars
    if total and bad > lim.max_junk_share * total:
        share = _pct(bad / total)
        if counts.mash_chars > counts.junk_chars:
            return f"not written language: {share} of its words are letter strings no language writes (keyboard mashing?)"
        return f"not written language: {share} of it is neither words nor numbers (random bytes, base64 or a hex dump?)"
    if len(counts.words) < lim.min_words:
        return "not written language: no words, only numbers and symbols"
    for name, letters, share in vowel_share(counts.words, lim):
        if letters >= lim.vowel_min_letters and not lim.min_vowel_share <= share <= lim.max_vowel_share:
            return (f"not written language: {_pct(share)} of its {name.capitalize()} letters are vowels, "
                    f"outside every language's range (keyboard mashing or random letters?)")
    return None


def article_problem(title: str, paragraphs: Sequence[str]) -> str | None:
    """language_problem of an article's title and body: what every reader asks before it builds one."""
    return language_problem("\n".join((title, *paragraphs)))
