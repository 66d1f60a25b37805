"""Sentence splitter: offsets, abbreviations, quotations; and the fast word-before scan it uses."""
from __future__ import annotations

import re

import pytest

from loaders.sentences import _word_ending_at, split_sentences

CASES = [
    ("U.S. forces struck Houthi targets in Sanaa on Saturday. The Pentagon said the strikes hit radar sites.",
     ["U.S. forces struck Houthi targets in Sanaa on Saturday.", "The Pentagon said the strikes hit radar sites."]),
    ("Gen. Smith met Col. J. Doe in Gaza. They spoke for an hour! Did they agree? Nobody knows.",
     ["Gen. Smith met Col. J. Doe in Gaza.", "They spoke for an hour!", "Did they agree?", "Nobody knows."]),
    ("“MAKE THE DEAL. GET THEM BACK!!!” Trump wrote on Tuesday. Hamas did not respond.",
     ["“MAKE THE DEAL. GET THEM BACK!!!” Trump wrote on Tuesday.", "Hamas did not respond."]),
    ("The talks ended on Oct. 7. Israel said the army would respond.",
     ["The talks ended on Oct. 7.", "Israel said the army would respond."]),
    ("He arrived at 5 p.m. said the U.S. official. No one was hurt.",
     ["He arrived at 5 p.m. said the U.S. official.", "No one was hurt."]),
    ("(Reuters) Strikes hit Rafah.\u00a0Residents fled.", ["(Reuters) Strikes hit Rafah.", "Residents fled."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences_and_offsets(text: str, expected: list[str]) -> None:
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start:s.end] == s.text for s in got)


_REFERENCE = re.compile(r"(\S+)$")


@pytest.mark.parametrize("text", [
    "struck the U.S. base.", "Gen. Smith", "“Oct.", "a\u00a0b.", "tab\tU.N.", "x\u2003J.", ".", "  .", "end.\n",
    "line\x1fsep.", "no-space-at-all.",
])
def test_word_before_a_full_stop_equals_the_regex_it_replaces(text: str) -> None:
    """The splitter asks only about spans ending on the full stop itself (never on white space,
    where `$` would also match before a final newline)."""
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            if text[end - 1].isspace():
                continue
            m = _REFERENCE.search(text, start, end)
            assert _word_ending_at(text, start, end) == (m.group(1) if m else ""), (text, start, end)
