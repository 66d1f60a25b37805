"""The dateline opening a story (loaders/dateline.py, rules/datelines.txt): where and when it was filed."""
from __future__ import annotations

import pytest

from loaders.dateline import find


@pytest.mark.parametrize("paragraph, dateline, date, story", [
    # place in capitals, a day, the agency
    ("BEIRUT, March 23 (Reuters) - Israel struck a building.", "BEIRUT, March 23 (Reuters)", "March 23",
     "Israel struck"),
    ("DUBAI, Jan 2 (Reuters) - Houthi forces fired missiles.", "DUBAI, Jan 2 (Reuters)", "Jan 2", "Houthi forces"),
    ("BAGHDAD, Feb. 3, 2024 - The United States struck.", "BAGHDAD, Feb. 3, 2024", "Feb. 3, 2024", "The United"),
    ("GENEVA, Oct 14 - Talks resumed.", "GENEVA, Oct 14", "Oct 14", "Talks resumed"),
    ("EL FASHER, Sudan, March 12 (Reuters) - A drone hit a camp.", "EL FASHER, Sudan, March 12 (Reuters)",
     "March 12", "A drone"),  # a place whose first word is short
    ("PORT-AU-PRINCE, Haiti (AP) - Gangs attacked a police station.", "PORT-AU-PRINCE, Haiti (AP)", None,
     "Gangs attacked"),  # a hyphenated place
    ("PORT-AU-PRINCE, Oct 4 - Gangs attacked a town.", "PORT-AU-PRINCE, Oct 4", "Oct 4", "Gangs attacked"),
    # a place of several words, with its region, or two places joined by a slash
    ("GAZA CITY, Gaza Strip, Oct 14 (Reuters) - Strikes killed 12.", "GAZA CITY, Gaza Strip, Oct 14 (Reuters)",
     "Oct 14", "Strikes killed"),
    ("NEW DELHI/ISLAMABAD, May 7 (Reuters) - India struck.", "NEW DELHI/ISLAMABAD, May 7 (Reuters)", "May 7",
     "India struck"),
    ("BEIRUT, Lebanon, Sept. 23, 2024 (AP) — Strikes killed 100.", "BEIRUT, Lebanon, Sept. 23, 2024 (AP)",
     "Sept. 23, 2024", "Strikes killed"),
    # the older agency style: place, dash, weekday and day, dash
    ("TEL AVIV, Israel — Sunday, Oct. 8, 2023 — Israel declared war.", "TEL AVIV, Israel — Sunday, Oct. 8, 2023",
     "Sunday, Oct. 8, 2023", "Israel declared"),
    # a colon after the day (South Asian style)
    ("NEW DELHI, May 7: India launched strikes.", "NEW DELHI, May 7", "May 7", "India launched"),
    # a place in small letters, with a day or an agency
    ("Jerusalem, 14 October 2024 (AFP) – Strikes killed 12.", "Jerusalem, 14 October 2024 (AFP)",
     "14 October 2024", "Strikes killed"),
    ("Kyiv (Reuters) - Drones hit a plant.", "Kyiv (Reuters)", None, "Drones hit"),
    # no place: a story filed from several places
    ("Oct 7 (Reuters) - Gunmen stormed into Israel.", "Oct 7 (Reuters)", "Oct 7", "Gunmen stormed"),
    # no day
    ("KHARTOUM, Sudan – Fighters shelled a market.", "KHARTOUM, Sudan", None, "Fighters shelled"),
    ("TAMPA, Fla. – On July 7, the command conducted a strike.", "TAMPA, Fla.", None, "On July 7"),
    ("KYIV, Ukraine (AP) — Drones struck Kyiv overnight.", "KYIV, Ukraine (AP)", None, "Drones struck"),
    ("WASHINGTON — The Pentagon said.", "WASHINGTON", None, "The Pentagon"),
    ("— Drones struck Kyiv overnight.", "", None, "Drones struck"),
])
def test_a_dateline_and_where_the_story_begins(paragraph, dateline, date, story):
    found = find(paragraph)
    assert found is not None
    assert (found.text, found.date) == (dateline, date)
    assert paragraph[found.end:].startswith(story)


@pytest.mark.parametrize("paragraph", [
    "Israel - Hamas talks resumed in Doha.",            # a small-letter place needs a day or an agency
    "Israel formally declared war on Sunday, and",
    "7 October – Hamas launched an attack.",            # a timeline entry, not a filing day
    "October 7 – Hamas launched an attack.",
    "UPDATE: Israel struck Gaza.",                      # a colon only after a day
    "US - Iran talks resumed.",                         # a short word alone before the dash is no dateline
    "U.S. - Iran talks resumed.",
])
def test_not_a_dateline(paragraph):
    assert find(paragraph) is None


def test_every_dateline_pattern_compiles_and_ends_the_dateline():
    from loaders.dateline import patterns

    assert patterns() and all(p.pattern.startswith("^") and p.pattern.endswith(r"\s+") for p in patterns())
