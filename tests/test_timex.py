"""Temporal tagger: spans, TIMEX3 values, calendar intervals, tense and narrative anchoring.

Sentences are written for these tests (news and war-history style). DCT is the
publication date; 2025-03-23 is a Sunday (ISO week 12).
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import warnings
from pathlib import Path

import pytest

from loaders.models import PRECISIONS
from loaders.timex import tag

D = dt.date
DCT = D(2025, 3, 23)  # a Sunday


def only(text: str, dct: dt.date | None = DCT, mode: str = "news"):
    """The single timex the sentence must yield."""
    found = tag(text, dct, mode)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def find(text: str, span: str, dct: dt.date | None = DCT, mode: str = "news"):
    found = [t for t in tag(text, dct, mode) if t.text == span]
    assert found, [(t.text, t.value) for t in tag(text, dct, mode)]
    return found[0]


# ---- absolute dates -----------------------------------------------------------------------
ABSOLUTE = [
    ("The ceasefire took effect on November 6, 2023, after weeks of talks.", "November 6, 2023", "2023-11-06", "day"),
    ("The offensive opened on 6 November 2023 near the river crossing.", "6 November 2023", "2023-11-06", "day"),
    ("Gunmen crossed the border fence on Oct. 7, 2023, at dawn.", "Oct. 7, 2023", "2023-10-07", "day"),
    ("The leaked order, dated 2023-10-07, lists the first targets.", "2023-10-07", "2023-10-07", "day"),
    ("The convoy was ambushed on Jan. 20 outside the capital.", "Jan. 20", "2025-01-20", "day"),
    ("Talks collapsed on March 18 when both delegations walked out.", "March 18", "2025-03-18", "day"),
    ("Casualties among aid workers rose sharply in 2023.", "2023", "2023", "year"),
    ("The brigade was formed in October 2023 from volunteer units.", "October 2023", "2023-10", "month"),
    ("Armed militias proliferated across the region in the 1990s.", "the 1990s", "199", "decade"),
    ("Diplomats had hoped for a deal by mid-2024.", "mid-2024", "2024", "year"),
    ("Arms deliveries slowed sharply in Q3 2024, the report said.", "Q3 2024", "2024-Q3", "quarter"),
    ("Output fell in the third quarter of 2024.", "the third quarter of 2024", "2024-Q3", "quarter"),
    ("Rebels held the town through the summer of 2024.", "the summer of 2024", "2024-SU", "season"),
    ("Shelling intensified in early March 2024.", "early March 2024", "2024-03", "month"),
]


@pytest.mark.parametrize("sentence,span,value,precision", ABSOLUTE)
def test_absolute_dates(sentence, span, value, precision):
    t = find(sentence, span)
    assert (t.value, t.precision) == (value, precision)
    assert t.range_start is not None and t.range_start <= t.range_end
    assert sentence[t.start:t.end] == span


def test_absolute_intervals_cover_the_period():
    assert (find("Output fell in Q3 2024.", "Q3 2024").range_start,
            find("Output fell in Q3 2024.", "Q3 2024").range_end) == (D(2024, 7, 1), D(2024, 9, 30))
    t = find("Militias spread in the 1990s.", "the 1990s")
    assert (t.range_start, t.range_end) == (D(1990, 1, 1), D(1999, 12, 31))
    t = find("Rebels held it in the winter of 2023.", "the winter of 2023")
    assert (t.value, t.range_start, t.range_end) == ("2023-WI", D(2023, 12, 1), D(2024, 2, 29))
    t = find("Diplomats hoped for a deal by mid-2024.", "mid-2024")
    assert t.mod == "MID" and D(2024, 4, 1) < t.range_start < t.range_end < D(2024, 9, 30)


def test_explicit_dates_say_so():
    t = only("The ceasefire took effect on November 6, 2023.")
    assert t.basis == "explicit" and t.type == "DATE"


# ---- year-less dates: publication year and tense ------------------------------------------
YEARLESS = [
    ("Talks collapsed on March 18, mediators said.", D(2025, 3, 23), "2025-03-18"),
    ("The parliament will vote on the treaty on April 7.", D(2013, 3, 20), "2013-04-07"),
    ("Drones struck the port on December 28, officials said.", D(2025, 1, 10), "2024-12-28"),
    ("The dividend is payable Dec. 15 to holders of record.", D(1989, 11, 2), "1989-12-15"),
    ("The rally is scheduled for Jan. 4 in the main square.", D(2024, 12, 20), "2025-01-04"),
    ("The army announced the plan Aug. 21.", D(1989, 10, 27), "1989-08-21"),
]


@pytest.mark.parametrize("sentence,dct,value", YEARLESS)
def test_yearless_dates_take_the_fitting_year(sentence, dct, value):
    t = only(sentence, dct)
    assert t.value == value
    assert t.basis == "relative"


@pytest.mark.parametrize("sentence, values", [
    ("Talks collapsed on March 18.", ["XXXX-03-18"]),
    # a pair of days keeps both ends, with no year to give them an interval
    ("On Jan. 16 and 17, the general visited Tel Aviv.", ["XXXX-01-16", "XXXX-01-17"]),
    ("Talks ran from March 3 to 5.", ["XXXX-03-03", "XXXX-03-05"]),
])
def test_yearless_date_without_dct_stays_underspecified(sentence, values):
    found = tag(sentence, None)
    assert [t.value for t in found] == values
    assert all(t.range_start is None for t in found)


def test_weekday_next_to_a_date_picks_the_year():
    # one expression, as TimeBank tags "Monday, Oct. 26" (five times in six)
    found = tag("The vote was held on Tuesday, March 4, officials said.", D(2026, 1, 10))
    assert [(t.text, t.value) for t in found] == [("Tuesday, March 4", "2025-03-04")]


# ---- weekdays (DCT Sunday 2025-03-23) ------------------------------------------------------
WEEKDAYS = [
    ("Rebels seized the town on Sunday, residents said.", "Sunday", "2025-03-23", "DATE"),
    ("Artillery shelled the village on Tuesday.", "Tuesday", "2025-03-18", "DATE"),
    ("The envoy will arrive in Cairo on Tuesday.", "Tuesday", "2025-03-25", "DATE"),
    ("The talks are scheduled to resume Friday in Doha.", "Friday", "2025-03-28", "DATE"),
    ("The minister said Friday that the border would stay shut.", "Friday", "2025-03-21", "DATE"),
    ("Fighting resumed Tuesday morning around the airport.", "Tuesday morning", "2025-03-18TMO", "TIME"),
    ("Air raid sirens sounded Saturday evening across the city.", "Saturday evening", "2025-03-22TEV", "TIME"),
    ("Explosions were heard overnight in the port district.", "overnight", "2025-03-22TNI", "TIME"),
    ("The strike hit a market early Sunday.", "early Sunday", "2025-03-23", "DATE"),
    ("Militants attacked a checkpoint last Friday.", "last Friday", "2025-03-21", "DATE"),
    ("The summit opens next Monday in Geneva.", "next Monday", "2025-03-24", "DATE"),
    ("Rockets fell on the town at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2025-03-19T22:00", "TIME"),
    ("The envoy could arrive as early as Tuesday.", "Tuesday", "2025-03-25", "DATE"),
    ("Lawyers said they would appeal Wednesday's ruling.", "Wednesday", "2025-03-19", "DATE"),
    ("Both parties campaigned hard ahead of Friday's vote.", "Friday", "2025-03-28", "DATE"),
]


@pytest.mark.parametrize("sentence,span,value,typ", WEEKDAYS)
def test_weekdays_follow_news_convention(sentence, span, value, typ):
    t = find(sentence, span)
    assert (t.value, t.type) == (value, typ)
    assert t.precision == "day" and t.range_start == t.range_end == D.fromisoformat(value[:10])


# ---- relative to publication ----------------------------------------------------------------
RELATIVE = [
    ("Two soldiers were killed yesterday near the front.", "yesterday", "2025-03-22", "day"),
    ("The corridor reopens today, the UN said.", "today", "2025-03-23", "day"),
    ("The drone attacks began last week.", "last week", "2025-W11", "week"),
    ("Envoys met twice this week in Riyadh.", "this week", "2025-W12", "week"),
    ("A new round of talks opens next week.", "next week", "2025-W13", "week"),
    ("The border crossing was closed last month.", "last month", "2025-02", "month"),
    ("Prices have tripled since earlier this year.", "earlier this year", "2025", "year"),
    ("The offensive stalled last summer in the mud.", "last summer", "2024-SU", "season"),
    ("The hospital was hit a week ago.", "a week ago", "2025-W11", "week"),
    ("The army withdrew three days ago.", "three days ago", "2025-03-20", "day"),
    ("Profits doubled from a year earlier.", "a year earlier", "2024", "year"),
    ("Budgets will rise again next year.", "next year", "2026", "year"),
]


@pytest.mark.parametrize("sentence,span,value,precision", RELATIVE)
def test_relative_expressions(sentence, span, value, precision):
    t = find(sentence, span)
    assert (t.value, t.precision, t.basis) == (value, precision, "relative")
    assert t.range_start <= t.range_end


def test_relative_intervals():
    t = find("The drone attacks began last week.", "last week")
    assert (t.range_start, t.range_end) == (D(2025, 3, 10), D(2025, 3, 16))
    t = find("Prices have tripled earlier this year.", "earlier this year")
    assert (t.range_start, t.range_end) == (D(2025, 1, 1), DCT - dt.timedelta(days=1))
    t = find("The offensive stalled last summer.", "last summer")
    assert (t.range_start, t.range_end) == (D(2024, 6, 1), D(2024, 8, 31))


REFS = [
    ("Aid agencies have recently warned of famine.", "recently", "PAST_REF"),
    ("The city is now under curfew.", "now", "PRESENT_REF"),
    ("Reinforcements are expected in the coming weeks.", "coming weeks", "PXW"),
    ("Negotiators hope to meet again soon.", "soon", "FUTURE_REF"),
    ("Nobody knows what the future holds.", "the future", "FUTURE_REF"),
]


@pytest.mark.parametrize("sentence,span,value", REFS)
def test_vague_references(sentence, span, value):
    assert find(sentence, span).value == value


# ---- durations and spans --------------------------------------------------------------------
DURATIONS = [
    ("The siege of the hospital lasted for a week.", "a week", "P1W"),
    ("Shelling of the suburbs continued for weeks.", "weeks", "PXW"),
    ("The 20-monthlong war has displaced millions.", "20-monthlong", "P20M"),
    ("Both sides are exhausted by the 15-month war.", "15-month", "P15M"),
    ("The truce is meant to hold for 90 days.", "90 days", "P90D"),
    ("The conflict has now lasted a decade.", "a decade", "P10Y"),
    ("Fighting raged for two and a half hours.", "two and a half hours", "PT2H30M"),
    ("The standoff lasted a year and a half.", "a year and a half", "P1Y6M"),
    ("Negotiations dragged on for 2 1/2 years.", "2 1/2 years", "P2Y6M"),
]


@pytest.mark.parametrize("sentence,span,value", DURATIONS)
def test_durations_are_not_dates(sentence, span, value):
    t = find(sentence, span)
    assert (t.type, t.value) == ("DURATION", value)


SPANS = [
    ("Rights groups documented the abuses over the past three years.", "the past three years", "P3Y",
     D(2022, 3, 23), DCT),
    ("Aid deliveries fell on March 1-5, the agency said.", "March 1-5", "P5D", D(2025, 3, 1), D(2025, 3, 5)),
    ("The mission ran in 2023-25 under a UN mandate.", "2023-25", "P3Y", D(2023, 1, 1), D(2025, 12, 31)),
    ("The blockade will last for the next two weeks.", "the next two weeks", "P2W", DCT, D(2025, 4, 6)),
]


@pytest.mark.parametrize("sentence,span,value,start,end", SPANS)
def test_spans_tied_to_now_or_dates_carry_their_range(sentence, span, value, start, end):
    t = find(sentence, span)
    assert (t.value, t.range_start, t.range_end, t.precision) == (value, start, end, "range")


def test_since_runs_to_publication():
    t = find("More than 40,000 people have been killed since Oct. 17.", "Oct. 17")
    assert t.value == "2024-10-17"
    assert (t.range_start, t.range_end, t.precision) == (D(2024, 10, 17), DCT, "range")


# ---- narrative anchoring ---------------------------------------------------------------------
def test_background_paragraph_anchors_yearless_dates():
    text = ("Artillery fire resumed on Saturday along the front.\n\n"
            "In 1991, the federation began to break apart. On December 5 the presidents met in secret.\n\n"
            "Officials said the next round of talks would open on December 5.")
    found = tag(text, DCT)
    dec5 = [t for t in found if t.text == "December 5"]
    assert dec5[0].value == "1991-12-05" and dec5[0].basis == "narrative"
    assert dec5[1].value == "2025-12-05" and dec5[1].basis == "relative"


def test_narrative_mode_moves_the_reference_time():
    text = ("The war began in September 1939. On September 17 Soviet troops crossed the border. "
            "Two weeks later the capital surrendered. The following year the front moved west.")
    found = {t.text: t for t in tag(text, D(2009, 5, 1), mode="narrative")}
    assert found["September 17"].value == "1939-09-17"
    assert found["September 17"].basis == "narrative"
    assert found["Two weeks later"].value == "1939-W39"  # Sunday 1 October 1939
    assert found["The following year"].value == "1940"


def test_news_mode_does_not_anchor_on_a_passing_year():
    text = "Russia, which annexed Crimea in 2014, launched drones on March 18, officials said."
    assert find(text, "March 18").value == "2025-03-18"


# ---- things that are not dates ----------------------------------------------------------------
NEGATIVES = [
    "Bread costs $27 a loaf in the besieged city.",
    "About 72% of the buildings were damaged.",
    "The army may withdraw from the northern towns.",
    "We have no food left, a resident said.",
    "The protesters march 18 miles to the capital.",
    "Thousands joined the March on the capital.",
    "Officials counted 2025 rockets fired at the city.",
    "The militia has 1,990 fighters and 300 vehicles.",
    "Unit 731 and Brigade 155 were redeployed.",
    "A 6-year-old girl was pulled from the rubble.",
    "May I ask who ordered the strike?",
    "The Security Council passed Resolution 2046 unanimously.",
    "Passengers on Flight 2012 were evacuated.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_no_false_dates(sentence):
    assert [(t.text, t.value) for t in tag(sentence, DCT)] == []


# ---- output contract -----------------------------------------------------------------------------
def test_results_sorted_non_overlapping_with_valid_fields():
    text = ("On Tuesday, March 18, 2025, drones struck the port. Yesterday the navy said it had "
            "intercepted 12 boats last week; talks resume next Monday and will last two weeks.")
    found = tag(text, DCT)
    assert len(found) >= 5
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.precision in PRECISIONS
        assert t.basis in ("explicit", "relative", "narrative")


def test_out_of_range_years_are_dropped_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = tag("The fortress was built in the 11th century.", DCT)
    assert found == []
    assert any("outside" in str(w.message) for w in caught)


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        tag("Monday", DCT, mode="poetry")


def test_empty_text_and_string_dct():
    assert tag("", DCT) == []
    assert only("Talks collapsed on March 18.", "2025-03-23").value == "2025-03-18"  # type: ignore[arg-type]


# ---- quarters, fiscal years, holidays, spoken years (DCT given per row) -----------------------
CALENDAR = [
    ("Earnings rose in the third quarter.", D(1998, 10, 20), "the third quarter", "1998-Q3"),
    ("Third-quarter profit fell 12%.", D(1998, 10, 20), "Third-quarter", "1998-Q3"),
    ("The fourth quarter was weak, the bank said.", D(1998, 1, 8), "The fourth quarter", "1997-Q4"),
    ("Sales in the latest quarter beat forecasts.", D(1998, 10, 20), "the latest quarter", "1998-Q3"),
    ("The ministry's budget for fiscal 2024 was cut.", DCT, "fiscal 2024", "2024"),
    ("Spending will rise in FY2026.", DCT, "FY2026", "2026"),
    ("Output fell in the first half of 2024.", DCT, "the first half of 2024", "2024-H1"),
    ("The truce held over Christmas.", D(2024, 12, 28), "Christmas", "2024-12-25"),
    ("Families gathered on Thanksgiving Day.", D(2024, 11, 30), "Thanksgiving Day", "2024-11-28"),
    ("January nineteen ninety-seven. The bombing shocked the city.", D(1998, 2, 27), "January nineteen ninety-seven",
     "1997-01"),
    ("The treaty was signed on 7 October last year.", DCT, "7 October last year", "2024-10-07"),
    ("The talks are due in the first week of April.", DCT, "the first week of April", "2025-W14"),
    ("The raid came in the early hours of Sunday.", DCT, "the early hours of Sunday", "2025-03-23TNI"),
    ("Shelling resumed late on Saturday.", DCT, "late on Saturday", "2025-03-22"),
    ("Fighting stopped at noon Thursday.", DCT, "noon Thursday", "2025-03-20T12:00"),
]


@pytest.mark.parametrize("sentence,dct,span,value", CALENDAR)
def test_calendar_expressions(sentence, dct, span, value):
    assert find(sentence, span, dct).value == value


def test_a_year_ago_in_results_news_is_the_same_quarter():
    text = "Third-quarter net income rose to $5 million from $3 million a year ago."
    assert find(text, "a year ago", D(1989, 10, 26)).value == "1988-Q3"


OTHER_FORMATS = [
    ("Le 7 octobre 2023, des hommes armés ont franchi la frontière.", "7 octobre 2023", "2023-10-07"),
    ("Am 24. Februar 2022 begann der Angriff.", "24. Februar 2022", "2022-02-24"),
    ("The order is dated 7.10.2023 in the archive.", "7.10.2023", "2023-10-07"),
    ("Shipments resumed on 03/04/2024, port records show.", "03/04/2024", "2024-03-04"),
]


@pytest.mark.parametrize("sentence,span,value", OTHER_FORMATS)
def test_odd_formats_and_other_languages_through_dateparser(sentence, span, value):
    t = find(sentence, span)
    assert (t.value, t.basis) == (value, "explicit")


# ---- a war history in narrative mode ------------------------------------------------------------
WAR_HISTORY = (
    "The war in Europe began on 1 September 1939, when German forces invaded Poland. Two days later "
    "Britain and France declared war. On 17 September the Soviet Union invaded from the east, and by "
    "early October the campaign was over.\n\n"
    "In the spring of 1940 Germany turned west. On 10 May German troops crossed into the Low Countries, "
    "and in June France fell. That summer the Luftwaffe attacked Britain.\n\n"
    "On 22 June 1941 Germany invaded the Soviet Union. The offensive stalled before Moscow in December, "
    "and the following year the fighting shifted south. On the night of 5–6 June 1944 paratroopers "
    "landed in Normandy. The next day, Allied forces secured the beaches."
)
WAR_VALUES = [
    ("1 September 1939", "1939-09-01", "explicit"),
    ("Two days later", "1939-09-03", "narrative"),
    ("17 September", "1939-09-17", "narrative"),
    ("early October", "1939-10", "narrative"),
    ("the spring of 1940", "1940-SP", "explicit"),
    ("10 May", "1940-05-10", "narrative"),
    ("June", "1940-06", "narrative"),
    ("That summer", "1940-SU", "narrative"),
    ("December", "1941-12", "narrative"),
    ("the following year", "1942", "narrative"),
    ("the night of 5–6 June 1944", "1944-06-05TNI", "explicit"),
    ("The next day", "1944-06-06", "narrative"),
]


@pytest.mark.parametrize("span,value,basis", WAR_VALUES)
def test_war_history_in_narrative_mode(span, value, basis):
    t = find(WAR_HISTORY, span, D(2009, 5, 1), mode="narrative")
    assert (t.value, t.basis) == (value, basis)


# ---- modern conflict reporting (DCT Monday 2025-06-30) ------------------------------------------
JUNE = D(2025, 6, 30)
MODERN = [
    ("The offensive, which began in mid-August, has stalled.", "mid-August", "2024-08", None, None),
    ("The October 7 attack killed about 1,200 people.", "October 7", "2024-10-07", None, None),
    ("The Houthis have attacked shipping since November 2023.", "November 2023", "2023-11",
     D(2023, 11, 1), JUNE),
    ("Since the start of 2024, hundreds of drones have been launched.", "the start of 2024", "2024",
     D(2024, 1, 1), JUNE),
    ("Over the past 24 hours, 17 people were killed.", "the past 24 hours", "PT24H", None, None),
    ("The army said it had killed 20 militants over the weekend.", "the weekend", "2025-W26-WE",
     D(2025, 6, 28), D(2025, 6, 29)),
    ("An official said the operation could last weeks.", "weeks", "PXW", None, None),
    ("The talks, set for July 6 in Doha, were postponed.", "July 6", "2025-07-06", None, None),
    ("Voting takes place on 5-6 July.", "5-6 July", "P2D", D(2025, 7, 5), D(2025, 7, 6)),
    # a range written with words: each end is its own DATE carrying the whole span (as "from Aug. 26 to
    # Oct. 20, 2024" below); this row once expected one P6D expression, which only a slip in finding
    # where the second end starts produced
    ("The talks ran from 28 March to 2 April 2025.", "2 April 2025", "2025-04-02",
     D(2025, 3, 28), D(2025, 4, 2)),
    ("Parties campaigned ahead of the July 6 vote.", "July 6", "2025-07-06", None, None),
]


@pytest.mark.parametrize("sentence,span,value,start,end", MODERN)
def test_modern_conflict_reporting(sentence, span, value, start, end):
    t = find(sentence, span, JUNE)
    assert t.value == value
    if start is not None:
        assert (t.range_start, t.range_end) == (start, end)


# ---- the rule files an analyst edits --------------------------------------------------------------
def test_every_rule_file_documents_itself():
    from loaders.timex.resources import RULES_DIR

    files = sorted(RULES_DIR.glob("*.txt"))
    assert len(files) >= 10
    for f in files:
        head = []
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            head.append(line)
        text = "\n".join(head)
        assert head and "FORMAT" in text and "EXAMPLE" in text, f.name


def test_a_broken_rule_is_named_in_the_error():
    from loaders.timex.finder import expand_macros

    with pytest.raises(ValueError, match="NOPE"):
        expand_macros(r"{NOPE}\s+week", {})


# ---- regression floor on the shared TimeBank + AQUAINT gold (read in place, never copied) -------
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "timex" / "eval_timex.py").exists(), reason="shared/ folder absent")
def test_timebank_scores_stay_above_floor():
    spec = importlib.util.spec_from_file_location("eval_timex_ref", SHARED / "timex" / "eval_timex.py")
    E = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(E)
    docs = E.load_docs(E.expand([str(SHARED / "timebank" / "TimeBank"), str(SHARED / "timebank" / "AQUAINT")]))
    scorer = E.Scorer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for d in docs:
            found = tag(d["text"], D.fromisoformat(d["dct"]))
            scorer.add(d, [{"start": t.start, "end": t.end, "value": t.value} for t in found])
    rep = scorer.report()
    assert rep["n_gold"] == 1822
    assert rep["relaxed"]["F1"] >= 0.92
    assert rep["strict"]["F1"] >= 0.83
    assert rep["value"]["F1"] >= 0.78


def test_dropped_old_dates_do_not_become_the_reference_time():
    text = "The fort was built in 1898. On Friday, November 25, rebels seized it."
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = {t.text: t for t in tag(text, DCT, mode="narrative")}
    assert "1898" not in found
    assert found["Friday, November 25"].value == "2024-11-25"


# ---- conventions added after checking TimeML / TE3 and reported news patterns ------------------
WORD_RANGES = [  # TimeML tags each end of a range written with words; both parts carry the whole span
    ("Attacks on clinics rose between 1994 and 1997, the report found.", [("1994", "1994"), ("1997", "1997")],
     D(1994, 1, 1), D(1997, 12, 31)),
    ("The mission ran from 2023 to 2025.", [("2023", "2023"), ("2025", "2025")], D(2023, 1, 1), D(2025, 12, 31)),
    ("Aid deliveries fell between March 1 and 5.", [("March 1", "2025-03-01"), ("5", "2025-03-05")],
     D(2025, 3, 1), D(2025, 3, 5)),
    ("Militias bought rifles from Aug. 26 to Oct. 20, 2024, records show.",
     [("Aug. 26", "2024-08-26"), ("Oct. 20, 2024", "2024-10-20")], D(2024, 8, 26), D(2024, 10, 20)),
]


@pytest.mark.parametrize("sentence,parts,start,end", WORD_RANGES)
def test_word_ranges_give_one_date_per_end_with_the_whole_span(sentence, parts, start, end):
    found = tag(sentence, DCT)
    assert [(t.text, t.value) for t in found] == parts
    for t in found:
        assert (t.type, t.precision, t.range_start, t.range_end) == ("DATE", "range", start, end)
        assert sentence[t.start:t.end] == t.text


JOINED_DAYS = [  # two linked days: each keeps its value, both carry the two-day span
    ("Drones hit the port city late on Saturday and early Sunday, officials said.", D(2025, 3, 24),
     ["2025-03-22", "2025-03-23"], D(2025, 3, 22), D(2025, 3, 23)),
    ("Shelling continued on Sunday and Monday near the river crossing.", D(2025, 3, 25),
     ["2025-03-23", "2025-03-24"], D(2025, 3, 23), D(2025, 3, 24)),
    ("Strikes went on from Friday to Sunday across the north.", DCT,
     ["2025-03-21", "2025-03-23"], D(2025, 3, 21), DCT),
]


@pytest.mark.parametrize("sentence,dct,values,start,end", JOINED_DAYS)
def test_linked_days_make_one_span(sentence, dct, values, start, end):
    found = tag(sentence, dct)
    assert [t.value for t in found] == values
    assert all((t.range_start, t.range_end, t.precision) == (start, end, "range") for t in found)


def test_days_far_apart_are_not_joined():
    found = tag("Talks were held on March 3 and March 20.", DCT)
    assert [(t.range_start, t.range_end) for t in found] == [(D(2025, 3, 3),) * 2, (D(2025, 3, 20),) * 2]


OWN_CLAUSE_TENSE = [  # the expression's own verb decides, not a future word in a later clause
    ("The ministry said the response had begun on Friday and would continue for days.", "Friday", "2025-03-21"),
    ("He told reporters in a phone call on Saturday night that the US would not send troops.",
     "Saturday night", "2025-03-22TNI"),
    ("The envoy met rebel leaders on Thursday, which will help the talks, aides said.", "Thursday", "2025-03-20"),
    ("The team planned to leave the capital on Thursday for the border.", "Thursday", "2025-03-27"),
    ("The court postponed until Tuesday a ruling on the detainees.", "Tuesday", "2025-03-25"),
    # a participle after "be" has no tense of its own; "would" decides
    ("He said the peace conference would still be held in Geneva on April 2.", "April 2", "2025-04-02"),
    # "set" without "to"/"for" is a past participle, not a plan
    ("Oil prices fell back from the peak set on Aug. 6.", "Aug. 6", "2024-08-06"),
    ("Talks are set to resume in Doha on Tuesday.", "Tuesday", "2025-03-25"),
    ("On Wednesday, settlers set fire to cars in the village.", "Wednesday", "2025-03-19"),  # after the date too
    ("Later on Wednesday, settlers set fire to homes.", "Later on Wednesday", "2025-03-19"),
    # a date right after "vowed" is the day of the vow; one after its "to" the day vowed
    ("The RSF vowed on Saturday to keep fighting.", "Saturday", "2025-03-22"),
    ("The RSF vowed to attack the town on Saturday.", "Saturday", "2025-03-29"),
    # "effective" announces a coming date; "as previously planned" reports a plan carried out
    ("The ministry named a new army chief, effective Nov. 1.", "Nov. 1", "2025-11-01"),
    ("Troops crossed the border as previously planned on Saturday night.", "Saturday night", "2025-03-22TNI"),
    # "is to" + verb is a plan; "plan" as a noun is not
    ("The bank's shares are to resume trading in Paris on Tuesday.", "Tuesday", "2025-03-25"),
    ("The army announced the plan Nov. 1 after weeks of talks.", "Nov. 1", "2024-11-01"),
    ("The militia does not plan to withdraw before Friday, a spokesman said.", "Friday", "2025-03-28"),
    ("The UN extended its deadline until 9 a.m. Tuesday.", "9 a.m. Tuesday", "2025-03-25T09:00"),
    # "supposed to" looks ahead; a negated "could" reports what did not happen
    ("The talks are supposed to conclude by May, diplomats say.", "May", "2025-05"),
    ("The commander could not be reached on Thursday.", "Thursday", "2025-03-20"),
    ("Neither minister could be located Wednesday.", "Wednesday", "2025-03-19"),
    ("The envoy could arrive on Wednesday.", "Wednesday", "2025-03-26"),
    # a weekday next to a year-less date picks the year in which they agree, on the clause's side of now
    ("The strike came on Tuesday 3 March.", "Tuesday 3 March", "2025-03-03"),
]


@pytest.mark.parametrize("sentence,span,value", OWN_CLAUSE_TENSE)
def test_tense_comes_from_the_expressions_own_clause(sentence, span, value):
    assert find(sentence, span).value == value


SINCE_DATES = [  # a since-date is on or before the publication date, however far back
    ("More than 40,000 people have been killed since Oct. 8, the ministry said.", D(2024, 9, 15),
     "Oct. 8", "2023-10-08"),
    ("Aid has not reached the camp since November, the agency said.", D(2025, 9, 15), "November", "2024-11"),
    ("Nobody has left the town since March 2, residents said.", D(2025, 3, 2), "March 2", "2025-03-02"),
]


@pytest.mark.parametrize("sentence,dct,span,value", SINCE_DATES)
def test_since_dates_never_lie_ahead(sentence, dct, span, value):
    t = find(sentence, span, dct)
    assert t.value == value
    assert t.range_start <= dct and t.range_end == dct


def test_of_that_year_takes_the_year_the_text_named():
    text = "Egypt and Syria opened the 1973 war on two fronts. On October 6 of that year, troops crossed the canal."
    t = find(text, "October 6 of that year", D(2024, 9, 15))
    assert (t.value, t.basis) == ("1973-10-06", "narrative")
    t = find("The army entered the city in 1982. By June of that year, the siege had begun.", "June of that year")
    assert t.value == "1982-06"


def test_the_week_after_a_date_is_that_dates_week():
    text = "The strike came on March 3. During the week, talks stalled."
    t = find(text, "the week")
    assert (t.value, t.range_start, t.range_end) == ("2025-W10", D(2025, 3, 3), D(2025, 3, 9))


EARLIER_LATER = [  # "earlier this month" is over by the publication day; "later this month" still to come
    ("Strikes on the port intensified earlier this month, officials said.", "earlier this month",
     D(2025, 3, 1), D(2025, 3, 22)),
    ("The envoy visited Kyiv earlier this week.", "earlier this week", D(2025, 3, 17), D(2025, 3, 22)),
    ("A vote is expected later this month.", "later this month", D(2025, 3, 24), D(2025, 3, 31)),
]


@pytest.mark.parametrize("sentence,span,start,end", EARLIER_LATER)
def test_earlier_and_later_this_unit_exclude_the_publication_day(sentence, span, start, end):
    t = find(sentence, span)
    assert (t.range_start, t.range_end) == (start, end)


COMPOUND_DURATIONS = [
    ("Both sides agreed to an eight-week ceasefire on Friday.", "eight-week", "P8W"),
    ("Mediators proposed an initial six-week truce.", "six-week", "P6W"),
    ("The town endured a nine-month siege.", "nine-month", "P9M"),
    ("An 8-week pause in the fighting began.", "8-week", "P8W"),
]


@pytest.mark.parametrize("sentence,span,value", COMPOUND_DURATIONS)
def test_compound_durations_keep_their_number(sentence, span, value):
    assert find(sentence, span).value == value


def test_a_cue_after_the_date_must_be_much_nearer_than_the_verb_before_it():
    text = ("The airline will almost double its flights between the two capitals by August in a push "
            "for markets untouched by the crisis.")
    assert find(text, "August", D(2025, 2, 13)).value == "2025-08"


RATES = [  # "a year" after an amount is a rate (TimeML SET), not a span an event could take
    ("The cuts should save the army $500 million a year in fuel costs.", "a year", "SET", "P1Y"),
    ("The new route will add nearly 700 seats a week.", "a week", "SET", "P1W"),
    ("Commanders spoke of victory within a week.", "a week", "DURATION", "P1W"),
    ("The rebels held the town for a year.", "a year", "DURATION", "P1Y"),
]


@pytest.mark.parametrize("sentence,span,typ,value", RATES)
def test_a_unit_after_an_amount_is_a_rate(sentence, span, typ, value):
    t = find(sentence, span)
    assert (t.type, t.value) == (typ, value)


def test_long_term_as_an_adjective_is_not_a_time():
    assert tag("Donors worry about the long-term stability of the region.", DCT) == []
    assert find("Prices will fall over the long term.", "the long term").value == "FUTURE_REF"


AMOUNT_RANGES = [  # a range of amounts is one expression, valued at its lower bound (TimeBank: P2W)
    ("Mediators proposed an eight- to nine-week ceasefire.", "eight- to nine-week", "P8W"),
    ("Mediators proposed an eight-to-nine-week ceasefire.", "eight-to-nine-week", "P8W"),
    ("Deliveries should resume within two to three weeks.", "two to three weeks", "P2W"),
    ("Rebuilding the bridge could take 10-15 years.", "10-15 years", "P10Y"),
]


@pytest.mark.parametrize("sentence,span,value", AMOUNT_RANGES)
def test_a_range_of_amounts_is_one_duration(sentence, span, value):
    t = only(sentence)
    assert (t.text, t.type, t.value) == (span, "DURATION", value)


def test_a_range_of_amounts_before_ago_is_not_a_duration():
    assert [t.type for t in tag("The attack came two to three weeks ago.", DCT)] == ["DATE"]


def test_later_in_the_day_is_the_day_the_story_is_about():
    t = find("The president reached the front later in the day.", "the day")
    assert (t.value, t.basis) == ("2025-03-23", "relative")
    t = find("The convoy left on March 3. Later in the day, it was ambushed.", "the day")
    assert (t.value, t.basis) == ("2025-03-03", "narrative")


def test_that_day_after_a_since_date_is_that_date():
    found = {t.text: t for t in tag("Since Oct. 19 the Houthis have fired missiles toward Israel. "
                                    "On that day a US destroyer shot down missiles.", dt.date(2023, 11, 20))}
    assert found["that day"].value == "2023-10-19"


@pytest.mark.parametrize("text, start, end", [
    ("Between November 2023 and January 2025 the Houthis attacked ships.", dt.date(2023, 11, 1),
     dt.date(2025, 1, 31)),
    ("From January to March 2024 the strikes went on.", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
])
def test_a_range_of_months_spans_both_ends(text, start, end):
    found = tag(text, dt.date(2025, 3, 23))
    assert found and {(t.range_start, t.range_end) for t in found} == {(start, end)}
