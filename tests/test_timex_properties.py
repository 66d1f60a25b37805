"""Robustness of the temporal tagger on arbitrary text (hypothesis, fixed budget).

Why: the events pipeline tags every paragraph of every upload; a crash or an offset that
does not point into the text would lose or misplace events.
"""
from __future__ import annotations

import datetime as dt
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.timex import tag

WORDS = ["on", "Monday", "March", "May", "18", "2024", "Oct.", "7,", "last", "week", "the", "past",
         "three", "years", "ago", "$27", "72%", "since", "between", "and", "5", "mid-2024", "Q3",
         "1990s", "yesterday", "next", "summer", "overnight", "10", "p.m.", "\n\n", "In", "1991,",
         "December", "later", "days", "for", "weeks", "a", "decade", "-", "–", "’", "İ", "\u00a0"]

texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)
dcts = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2080, 12, 31)))
modes = st.sampled_from(["news", "narrative"])


@settings(max_examples=200, deadline=None)
@given(text=texty, dct=dcts, mode=modes)
def test_tagger_never_raises_and_keeps_its_contract(text, dct, mode):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = tag(text, dct, mode)
        second = tag(text, dct, mode)
    assert first == second  # deterministic
    # tag() survives a failing rule with a warning; in tests no rule may fail at all
    assert not [w for w in caught if "failed on" in str(w.message)]
    last_end = 0
    for t in first:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.start >= last_end  # sorted, non-overlapping
        last_end = t.end
        assert (t.range_start is None) == (t.range_end is None)
        if t.range_start is not None:
            assert t.range_start <= t.range_end
            assert 1900 <= t.range_start.year and t.range_end.year <= 2100


def _reference_find(text: str) -> list[tuple[int, int, str]]:
    """Slow reference: try every rule, in file order, at every position that may start a
    word. The finder's first-characters index must never lose one of these matches."""
    from loaders.timex.finder import _keep, compiled, rule_regexes

    c, regexes = compiled(), rule_regexes()
    out, last_end = [], 0
    for pos in range(len(text)):
        if pos < last_end:
            continue
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "_$£€¥#@"):
            continue
        for i, rx in enumerate(regexes):
            m = rx.match(text, pos)
            if m:
                if _keep(m.group(0), c.rules[i], text, m.start(), m.end()):
                    out.append((m.start(), m.end(), c.rules[i].name))
                    last_end = m.end()
                break
    return out


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_first_characters_index_loses_no_match(text):
    from loaders.timex.finder import find

    assert [(h.start, h.end, h.rule.name) for h in find(text)] == _reference_find(text)


@pytest.mark.parametrize("text", [
    "next \n\n \n\n \n\n Monday",  # a run of white space longer than the index key reads at once
    "last \n \n \n \n \n \n \n week",
])
def test_first_characters_index_reads_past_long_white_space(text):
    from loaders.timex.finder import find

    assert [(h.start, h.end, h.rule.name) for h in find(text)] == _reference_find(text)


# --- compiling the rules faster must not change what they are -------------------------------------
def _rule_patterns() -> list[tuple[str, str]]:
    from loaders.timex.finder import expand_macros, load_rules
    from loaders.timex.resources import lexicon

    return [(r.name, expand_macros(r.pattern, lexicon().macros)) for r in load_rules()]


def test_memoized_key_walk_equals_the_plain_walk_or_refines_it():
    """`first_keys` (memoized) against `first_keys_by_walk` (the plain walk): equal, except where the
    plain walk ran out of its step budget and kept shorter prefixes; there every memoized key must
    extend one of them (a finer index, still covering every match)."""
    from loaders.timex.finder import first_keys, first_keys_by_walk

    equal = 0
    for name, body in _rule_patterns():
        new, old = first_keys(body), first_keys_by_walk(body)
        assert "" not in new, name
        if new == old:
            equal += 1
            continue
        assert all(any(k.startswith(o) for o in old) for k in new), name
        assert all(any(k.startswith(o) or o.startswith(k) for k in new) for o in old), name
    assert equal >= len(_rule_patterns()) - 3  # only budget-bound rules may differ


def test_one_parse_compile_gives_the_same_regex_as_re_compile():
    import re

    from loaders.timex.finder import _compile_with_keys, first_keys

    for name, body in _rule_patterns():
        text = f"(?:{body})(?![\\w])"
        regex, keys = _compile_with_keys(text, re.I)
        ref = re.compile(text, re.I)
        assert regex == ref, name  # Pattern equality compares pattern text, flags and compiled code
        assert (regex.groups, regex.groupindex) == (ref.groups, ref.groupindex), name
        assert keys == first_keys(body), name


@pytest.mark.parametrize("text", [
    "within 30 days", "WITHIN 3 DAYS the army", "In 5 days", "in\n5 days", "between March and May 2024",
    "from 1994 to 1997", "on the 5th", "ON THE 5TH", "in '98", "later in the day", "Between Tuesday and Friday",
    "2 weeks after yesterday", "THREE DAYS BEFORE Christmas", "five years ago", "3 fridays from now",
    "third-quarter profit", "the latest period", "a year earlier", "two days later", "a week from Monday",
])
def test_rules_that_open_on_lookbehinds_are_skipped_only_where_they_cannot_match(text):
    """The finder skips a rule where its lookbehind words do not end right before the position, or
    where none of its `needs=` words follows: both must be speed only."""
    from loaders.timex.finder import find

    assert [(h.start, h.end, h.rule.name) for h in find(text)] == _reference_find(text)


def test_lead_words_of_a_rule():
    from loaders.timex.finder import lead_words

    assert lead_words(r"(?:(?<=within )|(?<=Within ))the") == ("within ",)
    assert lead_words(r"(?:(?<=\bin )|(?<=\bIn )){NUM}") == ("in ",)
    assert lead_words(r"(?:(?<=in ))?{NUM}") is None  # optional: no test
    assert lead_words(r"(?<=[0-9] times )an?") is None  # not a literal


@pytest.mark.parametrize("text", [
    "On March 3, 2024, and again last Tuesday", "between 1994 and 1997", "the 20-month war",
    "at least seven days later", "3 p.m. on Oct. 7", "since the beginning of the year",
    "MARCH 18 – the day after", "$2025 million; #2024", "x2024 and 12:30",
])
def test_short_gate_finds_what_the_slow_reference_finds(text):
    from loaders.timex.finder import find

    assert [(h.start, h.end, h.rule.name) for h in find(text)] == _reference_find(text)
