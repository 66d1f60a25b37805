"""Read the words a rule captured: numbers, years, months, units, modifiers.

Why apart: every handler needs the same small conversions ("twenty-five" -> 25,
"Sept." -> 9, "'98" -> 1998, "weeks" -> W), all driven by the normalization files.
"""
from __future__ import annotations

import datetime as dt
import re

from .resources import lexicon, norm_key

_DIGITS = re.compile(r"[0-9]+")


def to_int(s: str | None) -> int | None:
    if not s:
        return None
    m = _DIGITS.search(s)
    return int(m.group()) if m else None


def number(s: str | None) -> float | str | None:
    """Digits or number words ('twenty-five', 'a few') -> number, or 'X' for vague amounts."""
    if s is None:
        return None
    key = norm_key(s)
    if key == "x":
        return "X"
    half = re.match(r"^([0-9]+)\s*(?:1/2|½)$", key)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", key):
        v = float(key)
        return int(v) if v.is_integer() else v
    nums = lexicon().numbers
    if key in nums:
        v = nums[key]
        return "X" if v == "X" else int(v)
    parts = re.split(r"[- ]", key)
    total = 0
    for p in parts:
        v = nums.get(p)
        if v is None or v == "X":
            return None
        total += int(v)
    return total


def spoken_year(s: str) -> int | None:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'twenty twenty' -> 2020."""
    words = [w for w in re.split(r"[\s-]+", norm_key(s)) if w and w != "and"]
    if len(words) < 2:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = number(" ".join(words[2:])) if words[2:] else 0
        return 2000 + rest if isinstance(rest, int) else None
    head = number(words[0])
    if words[1] == "hundred":
        tail = 0
    else:
        tail = number(" ".join(words[1:]))
    if not isinstance(head, int) or not isinstance(tail, int):
        return None
    return head * 100 + tail


#: a two-digit year is read in the century window that ends this many years after the reference
#: year ("'41" in a 2025 text is 1941, "7/4/23" is 2023, "'35" is 2035); without a reference the
#: window is fixed: 50-99 -> 1950-1999, 00-49 -> 2000-2049
TWO_DIGIT_YEARS_AHEAD = 10


def two_digit_year(yy: int, ref_year: int | None = None) -> int:
    """'98 -> 1998: the year ending in `yy` within (ref - 90, ref + 10]."""
    if ref_year is None:
        return yy + (1900 if yy >= 50 else 2000)
    top = ref_year + TWO_DIGIT_YEARS_AHEAD
    y = top - (top - yy) % 100
    return y


def year_of(g: dict[str, str], *names: str, ref_year: int | None = None) -> int | None:
    """The year written in the first of the groups `names` present: digits, spoken words
    ("nineteen ninety-six") or two digits ("'98", "FY24", read around `ref_year`)."""
    for n in names:
        v = g.get(n)
        if v:
            y = to_int(v)
            if y is None:
                y = spoken_year(v)
                if y is not None:
                    return y
                continue
            if len(_DIGITS.search(v).group()) == 2:  # '98 or FY24
                y = two_digit_year(y, ref_year)
            return y
    return None


def day_of(s: str | None) -> int | None:
    """Day of the month written in digits ("6", "6th") or as an ordinal word ("sixth", "twenty-first")."""
    if not s:
        return None
    n = to_int(s)
    if n is not None:
        return n if 1 <= n <= 31 else None
    n = lexicon().ordinals.get(norm_key(s).replace("the ", ""))
    if n is None:
        n = lexicon().ordinals.get(norm_key(s).replace(" ", "-"))
    return n if n is not None and 1 <= n <= 31 else None


def month_of(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    return lexicon().months.get(norm_key(s))


def mod_of(s: str | None) -> str:
    if not s:
        return ""
    return lexicon().mods.get(norm_key(s).rstrip("-"), "")


def rel_of(s: str | None, default: int = 0) -> int:
    if not s:
        return default
    key = norm_key(s)
    rels = lexicon().rels
    if key in rels:
        return rels[key]
    last = key.split()[-1]
    return rels.get(last, default)


def unit_of(s: str | None) -> str | None:
    if not s:
        return None
    key = norm_key(s)
    units = lexicon().units
    if key in units:
        return units[key]
    for suffix in ("long", "old"):
        if key.endswith(suffix):
            key = key[: -len(suffix)].rstrip(" -")
    return units.get(key)


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def pod_of(g: dict[str, str]) -> str | None:
    p = g.get("pod")
    if not p:
        return None
    if p in lexicon().pods.values():  # a code given as a rule attribute (pod=NI)
        return p
    return lexicon().pods.get(norm_key(p))

