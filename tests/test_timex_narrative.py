"""Temporal tagger: narratives anchor relative expressions to the time they have reached, without
a switch (mode="news", the default); news paragraphs keep reading from the publication date.

Texts written for these tests (not those of benchmarks/timex_narratives.txt).
"""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.timex import tag

D = dt.date


def value_of(text: str, phrase: str, dct: dt.date | None, nth: int = 1) -> tuple[str, str]:
    """(value, basis) of the expression over the nth occurrence of `phrase`."""
    s = -1
    for _ in range(nth):
        s = text.index(phrase, s + 1)
    e = s + len(phrase)
    found = [t for t in tag(text, dct) if t.start < e and t.end > s]
    assert found, [(t.text, t.value) for t in tag(text, dct)]
    best = max(found, key=lambda t: min(t.end, e) - max(t.start, s))
    return best.value, best.basis


SIX_DAYS = (
    "On 5 June 1967 Israel launched air strikes against Egypt. The next day its troops reached El Arish, "
    "and by 8 June they stood on the Suez Canal.\n\n"
    "On 9 June Israel attacked the Golan Heights, and a ceasefire took effect the following evening. "
    "On Saturday the last shots were fired. That autumn the Security Council passed Resolution 242."
)
SIX_DAYS_VALUES = [
    ("5 June 1967", "1967-06-05", "explicit"),
    ("The next day", "1967-06-06", "narrative"),
    ("8 June", "1967-06-08", "narrative"),
    ("9 June", "1967-06-09", "narrative"),
    ("the following evening", "1967-06-10TEV", "narrative"),
    ("Saturday", "1967-06-10", "narrative"),
    ("That autumn", "1967-FA", "narrative"),
]


@pytest.mark.parametrize("phrase,value,basis", SIX_DAYS_VALUES)
def test_a_war_history_keeps_its_own_time_across_paragraphs(phrase, value, basis):
    assert value_of(SIX_DAYS, phrase, D(2017, 6, 5)) == (value, basis)


WEST_1940 = (
    "The campaign opened in the spring of 1940. On the night of 9/10 May German forces crossed into the "
    "Netherlands, and the same day a new government took office. By mid-June the French army was collapsing; "
    "on 14 June Paris fell, and three days later the government asked for terms.\n\n"
    "Early in July the air attacks on the convoys began. The main assault came in August, and on the 15th "
    "the attackers flew more than 1,700 sorties. The following month the raids shifted to the capital. By the "
    "end of the year the invasion had been put off."
)
WEST_1940_VALUES = [
    ("the night of 9/10 May", "1940-05-09TNI"), ("the same day", "1940-05-09"), ("mid-June", "1940-06"),
    ("14 June", "1940-06-14"), ("three days later", "1940-06-17"), ("July", "1940-07"), ("August", "1940-08"),
    ("the 15th", "1940-08-15"), ("The following month", "1940-09"), ("end of the year", "1940"),
]


@pytest.mark.parametrize("phrase,value", WEST_1940_VALUES)
def test_a_season_that_opens_a_history_sets_its_year(phrase, value):
    assert value_of(WEST_1940, phrase, D(2008, 5, 1))[0] == value


BRIDGE = (
    "Engineers began repairs on the bridge on Friday, the ministry said.\n\n"
    "The bridge was first hit on 14 August 2023. Three days later a second strike closed it, and on "
    "2 September the army built a pontoon crossing. In January the pontoon was washed away.\n\n"
    "The ministry said on Saturday that traffic would resume next week."
)
BRIDGE_VALUES = [
    ("Friday", "2025-03-21", "relative"),
    ("14 August 2023", "2023-08-14", "explicit"),
    ("Three days later", "2023-08-17", "narrative"),
    ("2 September", "2023-09-02", "narrative"),
    ("January", "2024-01", "narrative"),
    ("Saturday", "2025-03-22", "relative"),
    ("next week", "2025-W13", "relative"),
]


@pytest.mark.parametrize("phrase,value,basis", BRIDGE_VALUES)
def test_a_background_paragraph_in_news_anchors_and_the_news_resumes(phrase, value, basis):
    assert value_of(BRIDGE, phrase, D(2025, 3, 23)) == (value, basis)


GALLIPOLI = (
    "In 1915 the Allies landed at Gallipoli.\n\n"
    "In August they launched a new offensive at Suvla Bay. The troops were evacuated in December and January."
)


@pytest.mark.parametrize("phrase,value", [("August", "1915-08"), ("December", "1915-12"), ("January", "1916-01")])
def test_a_year_that_opens_a_history_carries_to_the_next_paragraph(phrase, value):
    assert value_of(GALLIPOLI, phrase, D(2015, 4, 25))[0] == value


OTHERS = [
    # a year told in passing sets no time line
    ("Russia, which annexed Crimea in 2014, launched drones on March 18, officials said.", "March 18",
     D(2025, 3, 23), "2025-03-18"),
    # a date naming an event sets none either
    ("Investigators of the Dec. 21, 1988, bombing said the suspects were charged in April.", "April",
     D(1999, 6, 7), "1999-04"),
    # a clause that looks ahead from now reads from now, even after a history
    ("The alliance, founded in April 1949, admitted Finland in April 2023.\n\n"
     "Its leaders will meet in The Hague on June 24.", "June 24", D(2025, 3, 23), "2025-06-24"),
    # the article speaking again ("officials said") leaves the recounted past
    ("In 1991 the federation began to break apart. On December 5 the presidents met in secret.\n\n"
     "Officials said the next round of talks would open on December 5.", "December 5", D(2025, 3, 23),
     "2025-12-05"),
]


@pytest.mark.parametrize("text,phrase,dct,value", OTHERS)
def test_news_reading_stays_where_the_text_does_not_recount_the_past(text, phrase, dct, value):
    assert value_of(text, phrase, dct, nth=text.count(phrase))[0] == value


def test_a_month_anchor_gives_no_false_day():
    text = "In October 2023, the dam cracked. Two days later engineers closed the valley road."
    assert value_of(text, "Two days later", D(2025, 6, 12)) == ("2023-10", "narrative")


def test_without_a_reference_date_the_text_still_sets_its_own_time():
    text = "On 5 June 1967 Israel launched air strikes. The next day its troops reached El Arish."
    assert value_of(text, "The next day", None) == ("1967-06-06", "narrative")
    assert value_of("Talks collapsed on 9 June.", "9 June", None) == ("XXXX-06-09", "relative")
