"""Temporal tagger: the news conventions TimeBank-style annotation follows (extents, values and
words that name no time), one table per cause fixed.

Sentences written for these tests (wire, business and broadcast style), with other names than any
corpus. Each row gives the reference date; a row must fail without the fix it stands for.
"""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.timex import tag

D = dt.date


def spans(sentence: str, dct: dt.date) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(sentence, dct)]


def over(sentence: str, phrase: str, dct: dt.date) -> list[tuple[str, str]]:
    s = sentence.index(phrase)
    e = s + len(phrase)
    return [(t.text, t.value) for t in tag(sentence, dct) if t.start < e and t.end > s]


# ---- a weekday written with its date is one expression ("Monday, Oct. 26") -------------------------
WEEKDAY_WITH_DATE = [
    ("The council voted on Tuesday, March 4, officials said.", D(2026, 1, 10), "Tuesday, March 4", "2025-03-04"),
    ("Tolls rose on Friday Sept. 12 alone.", D(2025, 9, 20), "Friday Sept. 12", "2025-09-12"),
    ("The Gazette wrote in its leader on Monday, June 2: the port must reopen.", D(2025, 6, 1),
     "Monday, June 2", "2025-06-02"),
    ("Wed 5 Feb 2020: the pumps failed again.", D(2025, 3, 23), "Wed 5 Feb 2020", "2020-02-05"),
]


@pytest.mark.parametrize("sentence,dct,span,value", WEEKDAY_WITH_DATE)
def test_a_weekday_with_its_date_is_one_expression(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]
