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
    ("Tolls rose sharply on Friday Sept. 12.", D(2025, 9, 20), "Friday Sept. 12", "2025-09-12"),
    ("In a leader dated Monday, June 2, the Gazette urged calm.", D(2025, 6, 1), "Monday, June 2", "2025-06-02"),
    ("Wed 5 Feb 2020: the pumps failed again.", D(2025, 3, 23), "Wed 5 Feb 2020", "2020-02-05"),
]


@pytest.mark.parametrize("sentence,dct,span,value", WEEKDAY_WITH_DATE)
def test_a_weekday_with_its_date_is_one_expression(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


# ---- "a year-earlier loss": the adjective is the expression, not "a year" read as a duration -------
YEAR_AGO_ADJECTIVE = [
    ("The mill lost $2 million, against a year-earlier profit of $1 million.", D(2024, 10, 20),
     "year-earlier", "2023"),
    ("Freight volume fell 3% in the third quarter, compared with a year-earlier gain of 2%.", D(2024, 10, 20),
     "year-earlier", "2023-Q3"),
    ("Orders in the third quarter topped a year-ago level of 40,000 units.", D(2024, 10, 20), "year-ago", "2023-Q3"),
]


@pytest.mark.parametrize("sentence,dct,span,value", YEAR_AGO_ADJECTIVE)
def test_a_year_earlier_adjective_is_a_date(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


# ---- "for the year", "the first nine months of the year": the year the story is in ----------------
THE_YEAR = [
    ("Shares of the shipyard touched a low for the year in May.", D(2024, 10, 20), "the year", "2024"),
    ("For the year, the port handled fewer ships.", D(2024, 10, 20), "the year", "2024"),
    ("Sales in the first nine months of the year rose 4%.", D(2024, 10, 20), "the year", "2024"),
    ("In 1943 the front barely moved. For the year, the division lost 4,000 men.", D(2024, 10, 20),
     "the year", "1943"),
]


@pytest.mark.parametrize("sentence,dct,span,value", THE_YEAR)
def test_the_year_after_for_or_a_part_of_it(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


@pytest.mark.parametrize("sentence", [
    "She was named coach of the year by the league.",
    "For the year ended June 30, net income fell.",
    "Officials prepared for the year 2000 with care.",
])
def test_the_year_that_names_no_year_of_the_story(sentence):
    assert all((t.text, t.type) != ("the year", "DATE") for t in tag(sentence, D(2024, 10, 20)))


# ---- no expression: "today's youth" (an era, not a day), "high noon" (the idiom) ---------------------
NO_TIME = [
    ("In today's world, a drone costs less than a car.", "today"),
    ("The minister spoke about what yesterday's wars teach tomorrow's leaders.", "tomorrow"),
    ("The minister spoke about what yesterday's wars teach tomorrow's leaders.", "yesterday"),
    ("Old posters of High Noon hung in the lobby.", "Noon"),
    ("The reformers know their high noon is near.", "noon"),
]


@pytest.mark.parametrize("sentence,phrase", NO_TIME)
def test_words_that_name_no_time(sentence, phrase):
    assert over(sentence, phrase, D(2024, 10, 20)) == []


@pytest.mark.parametrize("sentence,span,value", [
    ("Today's vote was delayed by a day.", "Today", "2024-10-20"),
    ("The ministers meet at noon.", "noon", "2024-10-20T12:00"),
])
def test_the_same_words_as_days_and_times(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 20)) == [(span, value)]


# ---- "the night of Friday, March 6": the weekday's own date decides the day -------------------------
POD_OF_WEEKDAY_WITH_DATE = [
    ("The shop burned on the night of Friday, March 6, neighbours said.", D(2026, 3, 20), "Friday, March 6",
     "2026-03-06"),
    ("The shelling began on the morning of Friday 14 November and went on.", D(2026, 3, 20),
     "Friday 14 November", "2025-11-14"),
]


@pytest.mark.parametrize("sentence,dct,span,value", POD_OF_WEEKDAY_WITH_DATE)
def test_part_of_a_weekday_with_its_date(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]
    assert all(t.value == value for t in tag(sentence, dct))


# ---- "Easter week", "Christmas week 2023": the week of the holiday, one expression ------------------
HOLIDAY_WEEK = [
    ("Pilgrims filled the old city during Easter week.", D(2000, 4, 17), "Easter week", "2000-W16"),
    ("Shops stayed shut over Christmas week 2023, traders said.", D(2024, 1, 9), "Christmas week 2023", "2023-W52"),
    ("Fuel queues grew in Thanksgiving week.", D(2024, 12, 2), "Thanksgiving week", "2024-W48"),
]


@pytest.mark.parametrize("sentence,dct,span,value", HOLIDAY_WEEK)
def test_the_week_of_a_holiday(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


# ---- extent: a determiner or possessive belongs to a quarter only when the quarter is a noun ---------
QUARTER_EXTENT = [
    ("The carrier posted a third-quarter loss of $4 million.", "third-quarter", "2024-Q3"),
    ("Analysts cut their fourth-quarter estimates for the mill.", "fourth-quarter", "2024-Q4"),
    ("The bank said its third quarter was its best in years.", "third quarter", "2024-Q3"),
    ("Sales fell in the third quarter, the refiner said.", "the third quarter", "2024-Q3"),
    ("That third-quarter gain came from asset sales.", "third-quarter", "2024-Q3"),
]


@pytest.mark.parametrize("sentence,span,value", QUARTER_EXTENT)
def test_quarter_extent(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 20)) == [(span, value)]


# ---- extent: "over the next two years": "over" is the preposition, not "more than" ---------------------
OVER_THE_NEXT = [
    ("Prices should ease over the next two years, the bank said.", "the next two years", "P2Y"),
    ("Over the next few days the convoy will cross the pass.", "the next few days", "PXD"),
]


@pytest.mark.parametrize("sentence,span,value", OVER_THE_NEXT)
def test_over_before_the_next_is_a_preposition(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 20)) == [(span, value)]


# ---- tense: an -ed adjective after a determiner is no past verb ("on a still unspecified date") -------
ED_ADJECTIVE = [
    ("The grant will arrive at an unannounced date in January.", D(2024, 10, 20), "January", "2025-01"),
    ("The talks will resume at a recently renovated villa on Thursday.", D(2024, 10, 20), "Thursday", "2024-10-24"),
]


@pytest.mark.parametrize("sentence,dct,span,value", ED_ADJECTIVE)
def test_an_ed_adjective_is_no_past_cue(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


def test_the_verb_before_an_ed_adjective_still_counts():
    sentence = "Ministers debated the long delayed budget on Friday."
    assert over(sentence, "Friday", D(2024, 10, 16)) == [("Friday", "2024-10-11")]


# ---- "today is the eighth day of the blockade": the day of writing ------------------------------------
NTH_DAY_NOW = [
    ("Residents say today is the ninth day of the outage.", D(2024, 10, 16), "the ninth day", "2024-10-16"),
    ("It's the 100th day of the war, and the shelling goes on.", D(2024, 10, 16), "the 100th day", "2024-10-16"),
    ("This is the 12th straight day of protests in the capital.", D(2024, 10, 16), "the 12th straight day",
     "2024-10-16"),
]


@pytest.mark.parametrize("sentence,dct,span,value", NTH_DAY_NOW)
def test_the_nth_day_of_an_ongoing_event_is_today(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


def test_a_weekday_that_is_the_nth_day_stays_that_weekday():
    found = spans("Saturday is the 100th day of the war.", D(2024, 10, 16))
    assert found == [("Saturday", "2024-10-12")]


# ---- "eight trading days", "ten business days": an amount of counted days ------------------------------
WORKDAYS = [
    ("Refunds arrive within ten business days, the airline said.", "ten business days", "P10D"),
    ("Within eight trading days the index had recovered.", "eight trading days", "P8D"),
    ("The strike cost the schools five school days.", "five school days", "P5D"),
]


@pytest.mark.parametrize("sentence,span,value", WORKDAYS)
def test_counted_working_days_are_a_duration(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


# ---- "quarter" that is no calendar quarter: "a quarter-century low", "quarter-to-quarter", "a quarter of
# the market" (a fraction) ------------------------------------------------------------------------------
NOT_A_QUARTER = [
    ("Inflation fell to its quarter-century low, the bank said.", "quarter"),
    ("Its quarter-on-quarter growth slowed sharply.", "quarter"),
    ("Pension funds hold more than a quarter of the bonds.", "quarter"),
    ("Three quarters of the deputies voted for the truce.", "quarters"),
]


@pytest.mark.parametrize("sentence,phrase", NOT_A_QUARTER)
def test_a_quarter_that_is_no_calendar_quarter(sentence, phrase):
    assert over(sentence, phrase, D(2024, 10, 16)) == []


def test_quarters_of_something_still_a_duration():
    assert over("The firm returned to profit after several quarters of losses.", "several quarters",
                D(2024, 10, 16)) == [("several quarters", "PXM")]


# ---- "the day before" + a clause ("the day before police issued a warrant"): "before" opens the clause ----
DAY_BEFORE_A_CLAUSE = [
    ("The courier vanished on Nov. 3, the day before investigators froze his accounts.", "the day before"),
    ("She spent six hours in the capital the day after meeting the envoy.", "the day after"),
]


@pytest.mark.parametrize("sentence,phrase", DAY_BEFORE_A_CLAUSE)
def test_the_day_before_a_clause_is_no_expression(sentence, phrase):
    assert over(sentence, phrase, D(2024, 11, 20)) == []


@pytest.mark.parametrize("sentence,value", [
    ("The convoy left on Nov. 3; the envoy had arrived the day before.", "2024-11-02"),
    ("Police closed the road on Nov. 3; a mine had gone off there the day before which hurt two farmers.",
     "2024-11-02"),
])
def test_the_day_before_at_the_end_of_a_clause_stays(sentence, value):
    assert over(sentence, "the day before", D(2024, 11, 20)) == [("the day before", value)]


# ---- a quoted title holds no expression: RTV's "This Week", the film "Twelve Days" ---------------------
QUOTED_TITLES = [
    ('Asked on RTV\'s "This Week," the envoy praised the talks.', "This Week"),
    ("The colonel told NBN's ''60 Minutes'' the order was lawful.", "60 Minutes"),
    ('She wrote the film "Twelve Days" about the siege.', "Twelve Days"),
]


@pytest.mark.parametrize("sentence,phrase", QUOTED_TITLES)
def test_a_quoted_title_holds_no_expression(sentence, phrase):
    assert over(sentence, phrase, D(2024, 10, 16)) == []


def test_quoted_speech_keeps_its_dates():
    assert over('"Next Monday," the minister said, "we sign."', "Next Monday", D(2024, 10, 16)) == \
        [("Next Monday", "2024-10-21")]


# ---- "that same day", "that very night": the day (or time) the text named last ---------------------------
THAT_SAME_DAY = [
    ("Rebels took the bridge on March 3. That same day, the garrison fled.", "That same day", "2024-03-03"),
    ("The ceasefire began on 7 May. Later that same day, shelling resumed.", "Later that same day", "2024-05-07"),
    # the time named last is a month: its day is unknown, the value keeps the month
    ("The depot reopened on Thursday. The old bridge was blown up last November, and the ferry began "
     "running that same day.", "that same day", "2023-11"),
]


@pytest.mark.parametrize("sentence,span,value", THAT_SAME_DAY)
def test_that_same_day_is_the_day_just_named(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


# ---- tense: a schedule verb in the present ("the ministers meet Monday") looks ahead ---------------------
SCHEDULED_PRESENT = [
    ("Both delegations meet the mediator Monday in Doha.", D(2024, 10, 16), "Monday", "2024-10-21"),
    ("Talks resume on Tuesday in Geneva, diplomats said.", D(2024, 10, 16), "Tuesday", "2024-10-22"),
    ("On Friday the assembly convenes for a vote.", D(2024, 10, 16), "Friday", "2024-10-18"),
]


@pytest.mark.parametrize("sentence,dct,span,value", SCHEDULED_PRESENT)
def test_a_schedule_in_the_present_looks_ahead(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


@pytest.mark.parametrize("sentence,span,value", [
    ("The envoys met separately Monday with the mediator.", "Monday", "2024-10-14"),
    ("The mill struggled to meet demand on Monday.", "Monday", "2024-10-14"),
])
def test_past_and_infinitive_forms_are_no_schedule(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


# ---- tense: a deadline given ("gave them until Sunday to respond") looks ahead ---------------------------
DEADLINES = [
    ("The ministry gave the tenants until 8 a.m. Tuesday to leave the block.", "8 a.m. Tuesday", "2024-10-22T08:00"),
    ("The militia has until Sunday to hand over its weapons.", "Sunday", "2024-10-20"),
    ("Judges extended the freeze by Friday to allow an appeal.", "Friday", "2024-10-18"),
]


@pytest.mark.parametrize("sentence,span,value", DEADLINES)
def test_a_deadline_given_looks_ahead(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


def test_until_a_day_to_do_something_in_the_past_stays_past():
    assert over("The medics stayed until Tuesday to help.", "Tuesday", D(2024, 10, 16)) == [("Tuesday", "2024-10-15")]


# ---- "the following Monday", "the previous Friday": from the day the text named last ---------------------
WEEKDAY_ANAPHOR = [
    ("The army entered the town on March 3. The following Monday, the mayor fled.", "The following Monday",
     "2024-03-04"),
    ("The rally came on Oct. 17; the previous Friday, police had banned it.", "the previous Friday", "2024-10-11"),
    ("Talks broke down on 2 May and resumed the following Tuesday morning.", "the following Tuesday morning",
     "2024-05-07TMO"),
]


@pytest.mark.parametrize("sentence,span,value", WEEKDAY_ANAPHOR)
def test_the_following_weekday_counts_from_the_day_named(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 30)) == [(span, value)]


# ---- "the March accession", "the May elections": a month before its noun; "the March for Life" a name ------
MONTH_BEFORE_NOUN = [
    ("Diplomats expect the March enlargement to pass easily.", D(1999, 2, 10), "March", "1999-03"),
    ("Observers said the May elections were fair.", D(1999, 8, 10), "May", "1999-05"),
]


@pytest.mark.parametrize("sentence,dct,span,value", MONTH_BEFORE_NOUN)
def test_a_month_before_its_noun(sentence, dct, span, value):
    assert over(sentence, span, dct) == [(span, value)]


@pytest.mark.parametrize("sentence,phrase", [
    ("Thousands joined the March for Peace downtown.", "March"),
    ("Police escorted the March of the Widows across the bridge.", "March"),
])
def test_a_march_that_is_a_name(sentence, phrase):
    assert over(sentence, phrase, D(1999, 2, 10)) == []


# ---- "a few days later", "hours later": an amount nobody counted (it was lost before) --------------------
VAGUE_LATER = [
    ("A few days later, the garrison surrendered.", "A few days", "PXD"),
    ("Hours later, the town fell to the rebels.", "Hours", "PTXH"),
    ("Several weeks later the talks resumed.", "Several weeks", "PXW"),
]


@pytest.mark.parametrize("sentence,span,value", VAGUE_LATER)
def test_an_uncounted_amount_later_is_a_vague_duration(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


# ---- extent: "late on Friday night", "the early hours of Sunday morning": the part of day stays in -------
PART_OF_DAY_EXTENT = [
    ("Gunfire was heard late on Friday night near the port.", "late on Friday night", "2024-10-11TNI"),
    ("The patrol left early on Saturday morning.", "early on Saturday morning", "2024-10-12TMO"),
    ("The dam broke in the early hours of Sunday morning.", "the early hours of Sunday morning", "2024-10-13TNI"),
]


@pytest.mark.parametrize("sentence,span,value", PART_OF_DAY_EXTENT)
def test_the_part_of_day_after_a_weekday_stays_in_the_expression(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, value)]


# ---- "now that the road is open": "now" is still the present (TimeBank tags it every time) ---------------
NOW_THAT = [
    ("Aid can flow now that the crossing is open.", "now"),
    ("Now that the vote is over, the parties will talk.", "Now"),
]


@pytest.mark.parametrize("sentence,span", NOW_THAT)
def test_now_that_is_the_present(sentence, span):
    assert over(sentence, span, D(2024, 10, 16)) == [(span, "PRESENT_REF")]


# ---- a year-less month with no tense of its own belongs with the date named before it in its sentence ---
# ("a peak for the year in July from $19 in April": that year's April, not the April nearest the
# publication date); a tense cue or another sentence keeps the publication date as reference
SENTENCE_SIBLING = [
    ("Shares of the shipbuilder, volatile on buyout talk, climbed to a peak for the year of $31 in July "
     "from $19 in April.", "April", "2024-04"),
    ("Copper, at a record in August and at a trough in April, keeps traders busy.", "April", "2024-04"),
    ("Rents for the year, up 4% in the third quarter from the lows in January, look firm.", "January", "2024-01"),
    ("The yard's order book for the year looks thin. Its next launch comes in April.", "April", "2025-04"),
    ("For the year, sales look strong, and the new line will open in April.", "April", "2025-04"),
]


@pytest.mark.parametrize("sentence,span,value", SENTENCE_SIBLING)
def test_a_tenseless_month_reads_from_the_date_before_it_in_its_sentence(sentence, span, value):
    assert over(sentence, span, D(2024, 11, 20)) == [(span, value)]


# ---- "the 2023 period" is a stretch of 2023 (results talk), not nothing; "post-1959" holds its year ---------
YEAR_IN_A_PREFIX_OR_PERIOD = [
    ("Net income fell to $4 million from $6 million in the 2023 period.", "the 2023 period", "2023"),
    ("Its post-1990 growth slowed.", "1990", "1990"),
    ("The pre-2008 loans are still on the books.", "2008", "2008"),
]


@pytest.mark.parametrize("sentence,span,value", YEAR_IN_A_PREFIX_OR_PERIOD)
def test_a_year_in_a_results_period_or_after_pre_or_post_is_tagged(sentence, span, value):
    assert over(sentence, span, D(2024, 10, 20)) == [(span, value)]


def test_the_period_without_a_year_names_no_time():
    assert over("Sales in the period rose 3%.", "the period", D(2024, 10, 20)) == []
