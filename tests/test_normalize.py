"""Pure text normalization, furniture lines and caption credits (rules/furniture.txt, credits.txt)."""
from __future__ import annotations

import pytest

from loaders.normalize import (
    fold,
    furniture_kind,
    has_photo_credit,
    is_furniture,
    normalize_line,
    normalize_newlines,
    normalize_text,
    split_credit,
)
from loaders.settings import RULES_DIR


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\u201cA single spark could ignite the front,\u201d he warned.", '"A single spark could ignite the front," he warned.'),
        ("Tehran\u2019s \u2018commitment\u2019", "Tehran's 'commitment'"),
        ("\u00abMAKE THE DEAL\u00bb", '"MAKE THE DEAL"'),
        ("the 20-monthlong conflict", "the 20-monthlong conflict"),
        ("the 2019\u20132020 talks", "the 2019-2020 talks"),
        ("Gaza\u2014where the war began\u2014is quiet", "Gaza - where the war began - is quiet"),
        ("Gaza \u2013 where the war began", "Gaza - where the war began"),
        ("Gaza \u2014 where", "Gaza - where"),
        ("pages 10\u201412", "pages 10-12"),
        ("non\u2011breaking hyphen", "non-breaking hyphen"),
        ("minus \u22125", "minus -5"),
        ("al\u00a0Sudani", "al Sudani"),
        ("narrow\u202fspace and\u2009thin", "narrow space and thin"),
        ("zero\u200bwidth\u200cjoin\ufeffers", "zerowidthjoiners"),
        ("soft\u00adhyphen", "softhyphen"),
        ("  many    spaces\t\there  ", "many spaces here"),
        ("wait\u2026", "wait..."),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("bell\x07 and nul\x00", "bell and nul"),
        ("", ""),
    ],
)
def test_normalize_line(raw, expected):
    assert normalize_line(raw) == expected
    assert normalize_line(expected) == expected


def test_normalize_text_keeps_lines_and_blank_lines():
    raw = "Title\u00a0one\r\n\r\n\u201cQuote\u201d  here\rlast"
    assert normalize_text(raw) == 'Title one\n\n"Quote" here\nlast'


def test_normalize_newlines():
    assert normalize_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_fold_ignores_case_and_whitespace():
    assert fold("The  pro-Iran factions \t ") == fold("the pro-iran factions")


@pytest.mark.parametrize(
    "line",
    [
        "TT", "20", "7", "Advertisement", "ADVERTISEMENT", "Read more", "Read more: Israel strikes Gaza",
        "Share", "Share on Facebook", "Facebook", "WhatsApp", "Copy link", "Listen to this article",
        "4 min read", "Skip to content", "Subscribe to our newsletter", "By John Smith", "By John Smith | 4 min read",
        "Reporting by Jane Doe; Editing by John Roe", "Sign up for our daily briefing",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)
    assert furniture_kind(line) == "drop"


@pytest.mark.parametrize(
    "line",
    [
        "Published: March 23, 2025", "Updated: 2025-03-23T10:00:00Z", "March 23, 2025",
        "Sunday, 23 March, 2025 - 10:43", "23 Mar 2025 10:43 AM GMT", "Last updated on 12 June 2024",
        # an abbreviated weekday and a dotted time; a day-first numeric date with a bar before the time
        "Sun 23 Mar 2025 14.30 GMT", "Wed, March 5, 2025", "23.03.2025 | 14:30",
        # a byline that carries the day
        "By Jane Doe, Reuters | March 23, 2025", "By Jane Doe · 23 March 2025, 10:43 GMT",
    ],
)
def test_publication_stamps_are_datelines(line):
    assert furniture_kind(line) == "dateline"


@pytest.mark.parametrize(
    "line",
    [
        "Houthis shut Iraqi HQ",
        "Trump post slams Netanyahu corruption trial",
        "By then it was too late.",
        "Updated figures show 20 dead",
        "The Houthis remained defiant, saying they will continue to attack American vessels.",
        "Advertisement boards were torn down in Tehran.",
        "2025 was the deadliest year",
        "TT " + "x" * 200,
    ],
)
def test_text_lines_are_not_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "line, text, credit",
    [
        ("Smoke rises over the port. (Reuters file)", "Smoke rises over the port.", "Reuters file"),
        (
            "Trump and Netanyahu arrive on February 4, 2025.  (Photo by ANDREW CABALLERO-REYNOLDS / AFP)",
            "Trump and Netanyahu arrive on February 4, 2025.",
            "Photo by ANDREW CABALLERO-REYNOLDS / AFP",
        ),
        ("Troops in Jenin. (AP Photo/Majdi Mohammed)", "Troops in Jenin.", "AP Photo/Majdi Mohammed"),
        ("Rubble in Gaza City, March 18, 2025. REUTERS/Dawoud Abu Alkas", "Rubble in Gaza City, March 18, 2025.", "REUTERS/Dawoud Abu Alkas"),
        ("Protesters in Sanaa (AFP)", "Protesters in Sanaa", "AFP"),
        ("A damaged ship. Photo: Houthi Media Center", "A damaged ship.", "Photo: Houthi Media Center"),
        ("Displaced families (Getty Images)", "Displaced families", "Getty Images"),
        ("The minister (center) speaks", "The minister (center) speaks", ""),
        ("He spoke to the BBC (in Arabic)", "He spoke to the BBC (in Arabic)", ""),
        ("A line with no credit at all.", "A line with no credit at all.", ""),
        ("(Reuters file)", "", "Reuters file"),
    ],
)
def test_split_credit(line, text, credit):
    assert split_credit(line) == (text, credit)


def test_photo_credit_is_sure_agency_alone_is_not():
    assert has_photo_credit("Smoke over Gaza. (Photo by Jane Doe / AFP)")
    assert has_photo_credit("Smoke over Gaza. (Reuters file)")
    assert not has_photo_credit("Smoke over Gaza (AFP)")
    assert not has_photo_credit("Israel struck Gaza on Monday.")


def test_split_credit_on_a_2mb_line_is_cheap():
    line = "(" * 1_000_000 + "x" * 1_000_000 + ")"
    text, credit = split_credit(line)
    assert credit == "" and text == line


@pytest.mark.parametrize("name", ["furniture.txt", "credits.txt"])
def test_rule_files_have_documented_headers(name):
    head = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()[:30]
    comments = "\n".join(line for line in head if line.startswith("#"))
    assert "FORMAT" in comments and "EXAMPLE" in comments


@pytest.mark.parametrize(
    "line, kind",
    [
        ("London - Asharq Al-Awsat", "drop"),
        ("Cairo: Reuters", "drop"),
        ("Gaza: Ceasefire Talks Resume", ""),  # could be a title: never furniture
        ("Sources: Qaani Warns Iraqi Factions against Provoking the Americans", ""),
    ],
)
def test_place_and_outlet_lines(line, kind):
    assert furniture_kind(line) == kind
