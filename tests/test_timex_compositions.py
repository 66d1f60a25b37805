"""Temporal tagger: compositions, ranges, offsets from now and quarters (one table per family).

Sentences written for these tests, not the ones of benchmarks/timex_families.txt. DCT 2025-03-23
is a Sunday (ISO week 12) unless a row gives its own.
"""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.timex import duration_of, tag

D = dt.date
DCT = D(2025, 3, 23)


def over(sentence: str, phrase: str, dct: dt.date | None = DCT):
    s = sentence.index(phrase)
    e = s + len(phrase)
    return [t for t in tag(sentence, dct) if t.start < e and t.end > s]


def one_over(sentence: str, phrase: str, dct: dt.date | None = DCT):
    """The single expression over `phrase`, which must cover it."""
    found = over(sentence, phrase, dct)
    assert len(found) == 1, [(t.text, t.value) for t in tag(sentence, dct)]
    s = sentence.index(phrase)
    assert found[0].start <= s and found[0].end >= s + len(phrase), (found[0].text, phrase)
    return found[0]


# ---- an anchor day moved by an offset, or a day counted in a week or month: ONE expression ----------
COMPOSITIONS = [
    ("The hearing was held the day before yesterday.", "the day before yesterday", "2025-03-21"),
    ("Monitors return the day after tomorrow.", "the day after tomorrow", "2025-03-25"),
    ("The vote is on Thursday next week.", "Thursday next week", "2025-03-27"),
    ("The vote was on Thursday last week.", "Thursday last week", "2025-03-13"),
    ("They meet on Monday of next week.", "Monday of next week", "2025-03-24"),
    ("Talks resume next week on Tuesday.", "next week on Tuesday", "2025-03-25"),
    ("The deadline is Monday after next.", "Monday after next", "2025-03-31"),
    ("The visit was Friday before last.", "Friday before last", "2025-03-14"),
    ("The new rules start two Mondays from now.", "two Mondays from now", "2025-03-31"),
    ("The rent is due the 5th of next month.", "the 5th of next month", "2025-04-05"),
    ("Payments stopped on the 15th of last month.", "the 15th of last month", "2025-02-15"),
    ("The market opens on the first Saturday of April.", "the first Saturday of April", "2025-04-05"),
    ("Elections fell on the last Sunday in September 2024.", "the last Sunday in September 2024", "2024-09-29"),
    ("The third Thursday of November 2022 was chosen.", "The third Thursday of November 2022", "2022-11-17"),
    ("The team leaves 3 days after tomorrow.", "3 days after tomorrow", "2025-03-27"),
    ("Inspections start a week from tomorrow.", "a week from tomorrow", "2025-03-31"),
    ("Shelling started two days before Easter 2023.", "two days before Easter 2023", "2023-04-07"),
    ("The truce began three days after 14 February 2024.", "three days after 14 February 2024", "2024-02-17"),
    ("Troops arrived the Monday after Christmas 2022.", "the Monday after Christmas 2022", "2022-12-26"),
    ("The last day of the month is a holiday.", "The last day of the month", "2025-03-31"),
    ("Audits end on the last day of next month.", "the last day of next month", "2025-04-30"),
    ("Fighting stopped 10 days before March 1, 2022.", "10 days before March 1, 2022", "2022-02-19"),
    ("Voting ended three days before the Nov. 5 election.", "three days before the Nov. 5", "2024-11-02"),
]


@pytest.mark.parametrize("sentence,phrase,value", COMPOSITIONS)
def test_compositions_are_one_expression_with_one_value(sentence, phrase, value):
    t = one_over(sentence, phrase)
    assert (t.type, t.value, t.precision) == ("DATE", value, "day")
    assert t.range_start == t.range_end == D.fromisoformat(value)


def test_a_composition_without_a_reference_date_stays_underspecified():
    t = one_over("The hearing was held the day before yesterday.", "the day before yesterday", None)
    assert (t.value, t.range_start) == ("XXXX-XX-XX", None)
    t = one_over("Shelling started two days before Easter 2023.", "two days before Easter 2023", None)
    assert t.value == "2023-04-07"  # an explicit anchor needs no reference date


def test_the_week_after_a_day_is_that_week():
    assert one_over("Talks resume the week after Christmas.", "the week after Christmas", D(2025, 11, 20)).value \
        == "2026-W01"  # Christmas 2025 is a Thursday; a week later, Thursday 1 January, opens ISO week 1


# ---- ranges: both ends on every expression of the range ---------------------------------------------
RANGES = [
    ("Strikes hit the port from Tuesday to Thursday.", DCT, "Tuesday to Thursday", D(2025, 3, 18), D(2025, 3, 20)),
    ("Talks will run Monday to Wednesday.", DCT, "Monday to Wednesday", D(2025, 3, 24), D(2025, 3, 26)),
    ("Shops are shut from today until Thursday.", DCT, "today until Thursday", D(2025, 3, 23), D(2025, 3, 27)),
    ("Schools stay shut from tomorrow to next Friday.", DCT, "tomorrow to next Friday", D(2025, 3, 24),
     D(2025, 3, 28)),
    ("The festival runs 4–6 June 2021.", DCT, "4–6 June 2021", D(2021, 6, 4), D(2021, 6, 6)),
    ("From the 2nd to the 6th of May 2022 the roads were closed.", DCT, "the 2nd to the 6th of May 2022",
     D(2022, 5, 2), D(2022, 5, 6)),
    ("Strikes fell between the 10th and the 12th of March.", DCT, "the 10th and the 12th of March",
     D(2025, 3, 10), D(2025, 3, 12)),
    ("The exercise ran from 2021/03/01 to 2021/04/15.", DCT, "2021/03/01 to 2021/04/15", D(2021, 3, 1),
     D(2021, 4, 15)),
    ("Between 3 May and 9 June 2019 the camp grew.", DCT, "3 May and 9 June 2019", D(2019, 5, 3), D(2019, 6, 9)),
    ("Rationing lasted from March 2020 until June 2021.", DCT, "March 2020 until June 2021", D(2020, 3, 1),
     D(2021, 6, 30)),
    ("Inspections ran from Sept. 3 through Sept. 9.", DCT, "Sept. 3 through Sept. 9", D(2024, 9, 3), D(2024, 9, 9)),
    ("The wall was built in the 1990-1995 period.", DCT, "1990-1995", D(1990, 1, 1), D(1995, 12, 31)),
    ("Elections on 7/8 May 2022 were postponed.", DCT, "7/8 May 2022", D(2022, 5, 7), D(2022, 5, 8)),
    ("Monitors counted strikes between Monday and Wednesday.", D(2025, 3, 27), "Monday and Wednesday",
     D(2025, 3, 24), D(2025, 3, 26)),
]


@pytest.mark.parametrize("sentence,dct,phrase,start,end", RANGES)
def test_ranges_carry_both_ends(sentence, dct, phrase, start, end):
    found = over(sentence, phrase, dct)
    assert 1 <= len(found) <= 2, [(t.text, t.value) for t in tag(sentence, dct)]
    for t in found:
        assert (t.range_start, t.range_end) == (start, end), (t.text, t.value)
    s = sentence.index(phrase)
    assert found[0].start <= s and found[-1].end >= s + len(phrase)


def test_each_end_of_a_word_range_keeps_its_own_day():
    found = tag("Talks will run Monday to Wednesday.", DCT)
    assert [(t.text, t.value, t.precision) for t in found] == [("Monday", "2025-03-24", "range"),
                                                              ("Wednesday", "2025-03-26", "range")]


# ---- "in 5 days": the day it points to; "within 5 days": the span from now ---------------------------
OFFSETS = [
    ("The truce ends in 3 days.", "3 days", "DATE", "2025-03-26", "P3D"),
    ("Talks will resume in two weeks.", "two weeks", "DATE", "2025-04-06", "P2W"),
    ("The dam will be finished in 18 months.", "18 months", "DATE", "2026-09", "P18M"),
    ("Elections are due in two years.", "two years", "DATE", "2027", "P2Y"),
    ("We expect a decision in 10 days' time.", "10 days' time", "DATE", "2025-04-02", "P10D"),
    ("The unit will redeploy 3 weeks from now.", "3 weeks from now", "DATE", "2025-04-13", "P3W"),
    ("It was the first rain in three months.", "three months", "DURATION", "P3M", "P3M"),
    ("He returned in two weeks.", "two weeks", "DURATION", "P2W", "P2W"),
    ("Prices rose 5% in a month.", "a month", "DURATION", "P1M", "P1M"),
    ("The embassy has not issued a visa in a decade.", "a decade", "DURATION", "P10Y", "P10Y"),
]


@pytest.mark.parametrize("sentence,phrase,typ,value,duration", OFFSETS)
def test_in_n_days_points_to_the_day_and_keeps_the_duration(sentence, phrase, typ, value, duration):
    t = one_over(sentence, phrase)
    assert (t.type, t.value) == (typ, value)
    assert duration_of(t) == duration


WITHIN = [
    ("Evacuate the area within 24 hours.", "24 hours", "PT24H", D(2025, 3, 24)),
    ("Reply within ten days.", "ten days", "P10D", D(2025, 4, 2)),
    ("Troops must leave within the next 72 hours.", "the next 72 hours", "PT72H", D(2025, 3, 26)),
    ("The strait should reopen within two months.", "two months", "P2M", D(2025, 5, 23)),
]


@pytest.mark.parametrize("sentence,phrase,value,end", WITHIN)
def test_within_n_days_is_the_span_from_now(sentence, phrase, value, end):
    t = one_over(sentence, phrase)
    assert (t.type, t.value, t.range_start, t.range_end) == ("DURATION", value, DCT, end)


def test_in_n_days_without_a_reference_date_is_a_duration():
    t = one_over("The truce ends in 3 days.", "3 days", None)
    assert (t.type, t.value, t.range_start) == ("DURATION", "P3D", None)


# ---- quarters: a quarter still to come lies ahead unless the clause is past --------------------------
QUARTERS = [
    ("Growth should pick up in the fourth quarter.", D(2025, 2, 10), "the fourth quarter", "2025-Q4"),
    ("Profits fell in the third quarter.", D(2025, 2, 10), "the third quarter", "2024-Q3"),
    ("The third quarter brings the rainy season.", D(2025, 2, 10), "The third quarter", "2025-Q3"),
    ("Output rose in the second quarter.", D(2025, 11, 20), "the second quarter", "2025-Q2"),
    ("The budget for next qtr is ready.", D(2025, 11, 20), "next qtr", "2026-Q1"),
]


@pytest.mark.parametrize("sentence,dct,phrase,value", QUARTERS)
def test_quarters_take_the_year_their_clause_implies(sentence, dct, phrase, value):
    assert one_over(sentence, phrase, dct).value == value


YEARS = [
    ("The camp was built in '03.", "'03", "2003"),
    ("Veterans of '67 marched again.", "'67", "1967"),
    ("They came back in the 90s.", "the 90s", "199"),
    ("FY25 budgets were cut.", "FY25", "2025"),
    ("The fighting of the late 70s left scars.", "the late 70s", "197"),
]


@pytest.mark.parametrize("sentence,phrase,value", YEARS)
def test_two_digit_years_and_decades(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value
