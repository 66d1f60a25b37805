"""Pure text clean-up shared by every reader: one spelling for quotes, dashes and spaces.

Why: text pasted from news sites mixes curly and straight quotes, em/en dashes, non-breaking
and zero-width spaces. Later stages (dedup by article_key, pattern matching in the tagger and
extractor) must see one form, so the readers call these functions on every line. Everything
here is pure (str -> str), idempotent (normalizing twice changes nothing) and linear-time
(no backtracking regex on unbounded input), so a 2 MB line is safe.

Page furniture and caption credits are data: rules/furniture.txt and rules/credits.txt.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from loaders.settings import RULES_DIR

# --- character tables -----------------------------------------------------------------------
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = "".join(chr(c) for c in (*range(0, 9), *range(14, 32), 127, *range(0x80, 0xA0)) if c not in (10, 13))
_TRANSLATE: dict[int, str | None] = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): None for c in _ZERO_WIDTH + _CONTROLS},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u275b\u275c\uff07"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u275d\u275e\uff02"},
    # hyphen look-alikes (not the en/em dash, handled with their context below)
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"},
    ord("\u2026"): "...",
    ord("\u2028"): "\n",
    ord("\u2029"): "\n",
    ord("\u0085"): "\n",
}
_DASHES = "\u2013\u2014\u2015\ufe58"  # en dash, em dash, horizontal bar, small em dash
_DASH_RUN = re.compile(r" *([\u2013\u2014\u2015\ufe58]) *")
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")


def _dash(match: re.Match[str]) -> str:
    """An en dash inside a word or number range ("2019-2020") becomes "-", a spaced or em
    dash between words becomes " - " (so "Gaza—where" does not become one token)."""
    text = match.string
    start, end = match.start(), match.end()
    spaced = match.group(0) != match.group(1)
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not before or not after or before.isspace() or after.isspace():
        return " - " if before and after else ("- " if after else " -" if before else "-")
    if spaced:
        return " - "
    if match.group(1) == "\u2013" or (before.isdigit() and after.isdigit()):
        return "-"
    return " - "


_REPLACE = {chr(k): ("" if v is None else v) for k, v in _TRANSLATE.items()}
#: one character class for all of them: a C-speed scan, Python work only where one is found
_SPECIAL = re.compile("[" + "".join(re.escape(c) for c in sorted(_REPLACE)) + "]")


def _replace(match: re.Match[str]) -> str:
    return _REPLACE[match.group()]


def _translate(s: str) -> str:
    s = _SPECIAL.sub(_replace, s)
    if any(d in s for d in _DASHES):
        s = _DASH_RUN.sub(_dash, s)
    return s


def normalize_line(s: str) -> str:
    """One line of text: NFC, straight quotes, ASCII dashes and spaces, no zero-width or control
    characters, runs of whitespace (including newlines) collapsed to one space, trimmed."""
    if not s.isascii():
        s = unicodedata.normalize("NFC", _translate(unicodedata.normalize("NFC", s)))
        # NFC can only compose letters, never produce a character of the tables above,
        # but a composed letter can follow a removed zero-width char: normalize once more.
    elif _ASCII_CONTROL.search(s):
        s = _SPECIAL.sub(_replace, s)
    return " ".join(s.split())


def normalize_newlines(s: str) -> str:
    """CRLF and lone CR (old Mac files) become LF."""
    return _NEWLINES.sub("\n", s) if "\r" in s else s


def normalize_text(s: str) -> str:
    """Multi-line text: every line normalized as by normalize_line, line structure kept
    (blank lines stay blank, so paragraph breaks survive)."""
    s = normalize_newlines(s)
    if not s.isascii():
        s = s.translate({0x2028: "\n", 0x2029: "\n", 0x85: "\n"})
    return "\n".join(normalize_line(line) for line in s.split("\n")).strip("\n")


def fold(s: str) -> str:
    """Comparison key: lower case, whitespace folded (near-duplicate captions compare equal)."""
    return " ".join(s.lower().split())


# --- rule files -------------------------------------------------------------------------------
def _rule_lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((n, line))
    return out


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:  # a broken rule line must name itself
        raise ValueError(f"{where}: bad regular expression {pattern!r} ({exc})") from None


MAX_FURNITURE_CHARS = 160


@cache
def _furniture_rules(path: Path = RULES_DIR / "furniture.txt") -> re.Pattern[str]:
    """All furniture patterns as one alternation, compiled once; the group that matched
    ("dateline" or "drop") tells the kind. Each line is also compiled alone so a broken rule
    names its line."""
    drop, dateline = [], []
    for n, line in _rule_lines(path):
        target = drop
        if line.startswith("[dateline]"):
            target, line = dateline, line[len("[dateline]"):].strip()
        _compile(line, f"{path.name} line {n}")
        target.append(f"(?:{line})")
    never = r"(?!x)x"
    return _compile(f"(?P<dateline>{'|'.join(dateline) or never})|(?P<drop>{'|'.join(drop) or never})", path.name)


@lru_cache(maxsize=8192)
def furniture_kind(line: str) -> str:
    """"drop" for page furniture, "dateline" for a publication stamp, "" for real text."""
    line = line.strip()
    if not line or len(line) > MAX_FURNITURE_CHARS:
        return ""
    m = _furniture_rules().fullmatch(line)
    return m.lastgroup or "" if m else ""


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture (lone "TT", "20", "Advertisement", "Read more",
    share buttons, bylines) or a publication stamp, i.e. not article text."""
    return bool(furniture_kind(line))


#: only the end of a line can hold a credit: bounding the searched tail keeps 2 MB lines cheap
_CREDIT_TAIL = 300
#: a credit without parentheses ("REUTERS/Jane Doe", "Photo: X") is short
_TAIL_CREDIT_CHARS = 120


@cache
def _credit_rules(path: Path = RULES_DIR / "credits.txt") -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(photo, weak, tail) patterns from rules/credits.txt, {AGENCY} expanded."""
    agencies: list[str] = []
    kinds: dict[str, list[str]] = {"photo": [], "weak": [], "tail": []}
    rows = _rule_lines(path)
    for n, line in rows:
        kind, sep, value = line.partition(":")
        kind, value = kind.strip().lower(), value.strip()
        if not sep or kind not in {"agency", *kinds} or not value:
            raise ValueError(f"{path.name} line {n}: expected 'agency|photo|weak|tail: VALUE', got {line!r}")
        if kind == "agency":
            agencies.append(value)
    alternation = "|".join(re.escape(a) for a in sorted(set(agencies), key=len, reverse=True)) or r"(?!x)x"
    for n, line in rows:
        kind, _, value = line.partition(":")
        kind, value = kind.strip().lower(), value.strip().replace("{AGENCY}", alternation)
        if kind == "agency":
            continue
        _compile(value, f"{path.name} line {n}")
        kinds[kind].append(f"(?:{value})")
    never = r"(?!x)x"
    photo = _compile("|".join(kinds["photo"]) or never, path.name)
    weak = _compile("|".join(kinds["weak"]) or never, path.name)
    tail = _compile(r"(?:^|(?<=\s))(?:" + ("|".join(kinds["tail"]) or never) + r")\s*$", path.name)
    return photo, weak, tail


def _final_parenthesis(line: str) -> int:
    """Index of the "(" opening the group that closes the line, or -1."""
    if not line.endswith(")"):
        return -1
    depth = 0
    stop = max(0, len(line) - _CREDIT_TAIL)
    for i in range(len(line) - 1, stop - 1, -1):
        c = line[i]
        if c == ")":
            depth += 1
        elif c == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1


def find_credit(line: str) -> tuple[str, str, bool]:
    """(caption text, credit, sure) for a caption line; credit "" when there is none.
    `sure` is True for a photo credit ("Photo by X / AFP", "Reuters file", "REUTERS/X") and
    False for a bare agency name that only counts where a caption is expected."""
    line = line.strip()
    photo, weak, tail = _credit_rules()
    open_at = _final_parenthesis(line)
    if open_at >= 0:
        inner = line[open_at + 1 : -1].strip()
        if inner:
            if photo.search(inner):
                return line[:open_at].rstrip(), inner, True
            if weak.search(inner):
                return line[:open_at].rstrip(), inner, False
    end = line[-_TAIL_CREDIT_CHARS:]
    m = tail.search(end)
    if m:
        cut = len(line) - len(end) + m.start()
        text = line[:cut].rstrip().rstrip("-|").rstrip()
        credit = m.group(0).strip().lstrip("-|").strip()
        return text, credit, True
    return line, "", False


def split_credit(line: str) -> tuple[str, str]:
    """Caption line -> (text, credit): "Smoke over Gaza. (Reuters file)" -> ("Smoke over Gaza.", "Reuters file")."""
    text, credit, _ = find_credit(line)
    return text, credit


def has_photo_credit(line: str) -> bool:
    """True when the line ends with a sure photo credit, so it is a caption wherever it appears."""
    return find_credit(line)[2]
