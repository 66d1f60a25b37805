"""Temporal tagger: dates in every form people write them (one table per family).

Sentences written for these tests (social posts, chat exports, press releases, logs), not the
ones of benchmarks/timex_families.txt. DCT 2025-03-23 is a Sunday (ISO week 12) unless a row
gives its own. Each row: the phrase must be ONE expression with exactly this value.
"""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.timex import tag

D = dt.date
DCT = D(2025, 3, 23)


def one_over(sentence: str, phrase: str, dct: dt.date | None = DCT):
    """The single expression over `phrase`, which must cover it."""
    s = sentence.index(phrase)
    e = s + len(phrase)
    found = tag(sentence, dct)
    over = [t for t in found if t.start < e and t.end > s]
    assert len(over) == 1, [(t.text, t.value) for t in found]
    t = over[0]
    assert t.start <= s and t.end >= e, (t.text, phrase)
    assert sentence[t.start:t.end] == t.text
    return t


# ---- all-digit dates, any separator; day or month first as the text writes them -------------------
NUMERIC = [
    ("The ceasefire was signed 2014/09/05 in Minsk.", "2014/09/05", "2014-09-05"),
    ("Photo dated 2014.9.5 on the back.", "2014.9.5", "2014-09-05"),
    ("Date of the attack: 2023-10-7, per the log.", "2023-10-7", "2023-10-07"),
    ("The backup 1999_12_31 survived the fire.", "1999_12_31", "1999-12-31"),
    ("Posted 12-31-2019 by the unit.", "12-31-2019", "2019-12-31"),
    ("Posted 31-12-2019 by the unit.", "31-12-2019", "2019-12-31"),
    ("The leak is dated 3/9/2021.", "3/9/2021", "2021-03-09"),
    ("The protocol of 03.09.2021 was published.", "03.09.2021", "2021-09-03"),
    ("Entries: 21/11/2022 and 03/04/2023.", "03/04/2023", "2023-04-03"),
    ("Entries: 11/21/2022 and 03/04/2023.", "03/04/2023", "2023-03-04"),
    ("Arrived 5/6/24, left soon after.", "5/6/24", "2024-05-06"),
    ("Entry stamp 05.06.24 in the passport.", "05.06.24", "2024-06-05"),
    ("Drafted 08/2020, revised 01/2021.", "01/2021", "2021-01"),
    ("The plan dated 03.2019 was shelved.", "03.2019", "2019-03"),
]


@pytest.mark.parametrize("sentence,phrase,value", NUMERIC)
def test_numeric_dates(sentence, phrase, value):
    t = one_over(sentence, phrase)
    assert (t.type, t.value, t.basis) == ("DATE", value, "explicit")


def test_a_two_digit_year_reads_in_a_window_around_the_reference_date():
    assert one_over("The telex dated 4/2/89 was found.", "4/2/89", D(1990, 5, 1)).value == "1989-04-02"
    assert one_over("The telex dated 4/2/09 was found.", "4/2/09", D(2010, 5, 1)).value == "2009-04-02"
    assert one_over("He enlisted in '41 with his brothers.", "'41", D(2025, 3, 23)).value == "1941"
    assert one_over("The metro line opens in '31.", "'31", D(2025, 3, 23)).value == "2031"


# ---- month names between separators, in any case, abbreviated, with two-digit years -------------
MONTH_NAMES = [
    ("The militia disbanded on 3-September-2016.", "3-September-2016", "2016-09-03"),
    ("Report 14-FEB-2018 filed by the monitors.", "14-FEB-2018", "2018-02-14"),
    ("Seen 2-dec-2021 near the dam.", "2-dec-2021", "2021-12-02"),
    ("Entry 21/Nov/2022 was deleted.", "21/Nov/2022", "2022-11-21"),
    ("Shipment 07.Jun.2019 arrived.", "07.Jun.2019", "2019-06-07"),
    ("Patrol log 2019-Jun-07 lists two contacts.", "2019-Jun-07", "2019-06-07"),
    ("Oct-2016 saw the worst fighting.", "Oct-2016", "2016-10"),
    ("The truce of NOVEMBER 2018 collapsed.", "NOVEMBER 2018", "2018-11"),
    ("posted june 5, 2019 in the group chat", "june 5, 2019", "2019-06-05"),
    ("rations ran out in may 2020", "may 2020", "2020-05"),
    ("the dam failed on 9 march 2017", "9 march 2017", "2017-03-09"),
    ("Receipt 30-Aug-21 for fuel.", "30-Aug-21", "2021-08-30"),
    ("Photos from Jul 4 '16 show the square.", "Jul 4 '16", "2016-07-04"),
    ("The first clash was in Sept '14.", "Sept '14", "2014-09"),
    ("Flights resumed Jan 3rd, 2022.", "Jan 3rd, 2022", "2022-01-03"),
    ("Stocks ran low by APR. 2, 2020.", "APR. 2, 2020", "2020-04-02"),
    ("Fri 24 Jul 2015: the convoy left at dawn.", "24 Jul 2015", "2015-07-24"),
]


@pytest.mark.parametrize("sentence,phrase,value", MONTH_NAMES)
def test_month_names_in_any_case_and_separator(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value


def test_a_weekday_abbreviation_without_its_stop_counts_only_next_to_a_date():
    assert [(t.text, t.value) for t in tag("Fri 24 Jul 2015: the convoy left.", DCT)] == \
        [("Fri 24 Jul 2015", "2015-07-24")]
    assert tag("Sat and Sun were busy at the market.", DCT) == []


# ---- ordinal days, in digits and in words -------------------------------------------------------------
ORDINALS = [
    ("The siege began on the ninth of July, 1943.", "the ninth of July, 1943", "1943-07-09"),
    ("The siege began on July ninth, 1943.", "July ninth, 1943", "1943-07-09"),
    ("Talks opened on the twenty-third of May 2019.", "the twenty-third of May 2019", "2019-05-23"),
    ("On the 1st of September 1939 Germany attacked Poland.", "the 1st of September 1939", "1939-09-01"),
    ("He wrote home on 2nd Aug 44.", "2nd Aug 44", "1944-08-02"),
    ("The fort fell on 17th Mar '45.", "17th Mar '45", "1945-03-17"),
    ("The vote on March the 3rd went badly.", "March the 3rd", "2025-03-03"),
    ("The bridge closed on the tenth of January.", "the tenth of January", "2025-01-10"),
    ("Aid arrived on the thirty-first of December 2024.", "the thirty-first of December 2024", "2024-12-31"),
    ("The 21st of June, 2021 was the longest day.", "The 21st of June, 2021", "2021-06-21"),
    ("Polls closed on October the first.", "October the first", "2024-10-01"),
    # a bare ordinal day is a day of the month the story is in
    ("The ceasefire began on the 5th.", "the 5th", "2025-03-05"),
    ("On March 3 the army attacked; on the 5th it withdrew.", "the 5th", "2025-03-05"),
    ("He arrived on Saturday the 5th.", "Saturday the 5th", "2024-10-05"),
    ("He left in the spring of '98.", "the spring of '98", "1998-SP"),
]


@pytest.mark.parametrize("sentence", [
    "It was the 5th time the town was hit.",
    "Markets closed lower again Friday, the fourth decline in a row.",
    "Veterans gathered on the 20th anniversary of the battle.",
])
def test_an_ordinal_followed_by_a_noun_is_no_day(sentence):
    assert [t.value for t in tag(sentence, DCT) if t.text.endswith(("5th", "fourth", "20th"))] == []


@pytest.mark.parametrize("sentence,phrase,value", ORDINALS)
def test_ordinal_days(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value


# ---- lower-case names of weekdays, months and holidays (chat exports, social posts) -----------------
LOWER_CASE = [
    ("shops closed early on thursday, locals said", "thursday", "2025-03-20"),
    ("we will leave next monday", "next monday", "2025-03-24"),
    ("he called last wednesday", "last wednesday", "2025-03-19"),
    ("the blast hit on monday, june 3, 2019", "june 3, 2019", "2019-06-03"),
    ("christmas eve 2020 was quiet", "christmas eve 2020", "2020-12-24"),
    ("on new year's day 2018 the curfew ended", "new year's day 2018", "2018-01-01"),
    ("the offensive began in september 2015", "september 2015", "2015-09"),
    ("they met on 12 october 2021", "12 october 2021", "2021-10-12"),
    ("power returned on sunday morning", "sunday morning", "2025-03-23TMO"),
    ("in january the roads froze", "january", "2025-01"),
    ("the FRIDAY attack killed six", "FRIDAY", "2025-03-21"),
]


@pytest.mark.parametrize("sentence,phrase,value", LOWER_CASE)
def test_lower_case_names(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value


# ---- informal short forms -----------------------------------------------------------------------------
INFORMAL = [
    ("sales dropped last mth", "last mth", "2025-02"),
    ("the plan for next yr is ready", "next yr", "2026"),
    ("we had rain thisyear", "thisyear", "2025"),
    ("fuel prices jumped lastweek", "lastweek", "2025-W11"),
    ("the audit runs this qtr", "this qtr", "2025-Q1"),
    ("results come out nxt week", "nxt week", "2025-W13"),
    ("the bus comes 2morrow", "2morrow", "2025-03-24"),
    ("the office was shut yday", "yday", "2025-03-22"),
    ("tmrw the border reopens", "tmrw", "2025-03-24"),
    ("the convoy left tonite", "tonite", "2025-03-23TNI"),
    ("the road reopens in 2 wks", "2 wks", "2025-04-06"),
    ("prices doubled over the last 3 yrs", "the last 3 yrs", "P3Y"),
]


@pytest.mark.parametrize("sentence,phrase,value", INFORMAL)
def test_informal_short_forms(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value


# ---- things that look like dates and are not ----------------------------------------------------------
NOT_DATES = [
    ("The home side won 2-1 on aggregate.", "2-1"),
    ("Version 10.2.3 fixes the bug.", "10.2.3"),
    ("The drone flew at 1,500 metres.", "1,500"),
    ("Call +1 555 234 1234 for the hotline.", "555 234 1234"),
    ("He may return if the road opens.", "may"),
    ("Crowds march toward the square.", "march"),
    ("Sat on the floor, he waited.", "Sat"),
    ("Rates rose 3.5 percent.", "3.5"),
    ("She won 6-4, 7-5 in the final.", "6-4, 7-5"),
    ("Ratios of 3:2 were reported.", "3:2"),
    ("Fresh clashes could mar the talks.", "mar"),
    ("Recruits aged 18-25 were called up.", "18-25"),
    ("Section 3.10 of the code applies.", "3.10"),
    ("About 1/3 of the fighters deserted.", "1/3"),
    ("Unit 12/3 was redeployed.", "12/3"),
    ("The plant is ISO 9001:2015 certified.", "9001:2015"),
    ("He scored 11/12 in the exam.", "11/12"),
    ("The top 5 may be chosen later.", "5 may"),
]


@pytest.mark.parametrize("sentence,phrase", NOT_DATES)
def test_numbers_and_words_that_are_not_dates(sentence, phrase):
    s = sentence.index(phrase)
    e = s + len(phrase)
    assert [(t.text, t.value) for t in tag(sentence, DCT) if t.start < e and t.end > s] == []


def test_without_a_reference_date_year_less_forms_stay_underspecified():
    assert one_over("see you next tuesday", "next tuesday", None).value == "XXXX-WXX-2"
    assert one_over("the blast hit on monday, june 3", "june 3", None).value == "XXXX-06-03"
    t = one_over("The militia disbanded on 3-September-2016.", "3-September-2016", None)
    assert (t.value, t.range_start) == ("2016-09-03", D(2016, 9, 3))


# ---- an hour told with its part of the day: "at 4 in the morning" is 04:00, not the morning --------------
# (after a word that leads a clock time; a bare "2 in the afternoon session" may be a score)
HOUR_WITH_PART_OF_DAY = [
    ("The convoy rolled out at 4 in the morning.", "4 in the morning", "2025-03-23T04:00"),
    ("Shelling resumed at about nine in the evening.", "nine in the evening", "2025-03-23T21:00"),
    ("The curfew runs until 10 at night.", "10 at night", "2025-03-23T22:00"),
    ("Guards changed shifts at 2 at night.", "2 at night", "2025-03-23T02:00"),
    ("The sirens sounded at five o'clock in the afternoon on Friday.", "five o'clock in the afternoon on Friday",
     "2025-03-21T17:00"),
    ("The gates shut by twelve at night.", "twelve at night", "2025-03-23T24:00"),
]


@pytest.mark.parametrize("sentence,phrase,value", HOUR_WITH_PART_OF_DAY)
def test_an_hour_with_its_part_of_the_day_is_a_clock_time(sentence, phrase, value):
    assert one_over(sentence, phrase).value == value


@pytest.mark.parametrize("sentence,phrase", [
    ("The visitors scored 2 in the afternoon session.", "2 in the afternoon"),
    ("At one in the evening session, members voted.", "one in the evening"),
])
def test_a_count_before_a_part_of_the_day_is_no_clock_time(sentence, phrase):
    s = sentence.index(phrase)
    assert not [t for t in tag(sentence, DCT) if t.start <= s < t.end and t.type == "TIME" and "T" in t.value
                and t.value[-3] == ":"]
