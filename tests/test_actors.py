"""Actor alias table: surface forms -> canonical actor, kind, affiliations, home theater."""
from __future__ import annotations

import pytest

from loaders.actors import ActorTable, actor_table


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return actor_table()


@pytest.mark.parametrize("text, surface, canonical", [
    ("Ansar Allah fired two missiles at a tanker.", "Ansar Allah", "Houthis"),
    ("The Islamic Resistance in Iraq claimed the drone attack.", "Islamic Resistance in Iraq", "Iraqi armed factions"),
    ("Pro-Iran factions in Iraq held a meeting.", "Pro-Iran factions", "Iraqi armed factions"),
    ("Officials said armed factions were behind it.", "armed factions", "Iraqi armed factions"),
    ("Ismail Qaani arrived in the city on Monday.", "Ismail Qaani", "Esmail Qaani"),
    ("The Pentagon announced new deployments.", "Pentagon", "Pentagon"),
    ("Israel Katz threatened Hezbollah again.", "Israel Katz", "Israel Katz"),
    ("The IDF said it struck a launcher.", "IDF", "Israel Defense Forces"),
    ("Kataib Hezbollah denied involvement.", "Kataib Hezbollah", "Kataib Hezbollah"),
    ("Abdel-Malik al-Houthi gave a televised speech.", "Abdel-Malik al-Houthi", "Abdul Malik al-Houthi"),
    ("The Revolutionary Guards’ Quds Force trains allies.", "Revolutionary Guards’ Quds Force", "IRGC Quds Force"),
])
def test_alias_resolves_to_canonical(table, text, surface, canonical):
    found = {(m.surface, m.canonical) for m in table.find(text)}
    assert (surface, canonical) in found


def test_longest_alias_wins_over_its_parts(table):
    matches = table.find("Israel Katz spoke after the Iranian Revolutionary Guards issued a statement.")
    assert [m.canonical for m in matches] == ["Israel Katz", "IRGC"]


@pytest.mark.parametrize("text", [
    "Let us see what happens.",           # pronoun "us" is not the US
    "A pro-Iran politician spoke.",       # an attitude, not Iran acting
    "The Iran-backed network grew.",      # a hyphenated compound is not the bare name
    "He boasted about his austin car.",   # case matters for names
])
def test_no_false_actor(table, text):
    canonicals = [m.canonical for m in table.find(text)]
    assert "United States" not in canonicals and "Iran" not in canonicals and "Lloyd Austin" not in canonicals


def test_offsets_point_at_the_surface(table):
    text = "Yesterday the Houthis and Hamas said so."
    for m in table.find(text):
        assert text[m.start:m.end] == m.surface


def test_person_carries_transitive_affiliations(table):
    assert table.affiliations("Esmail Qaani")[:1] == ("IRGC Quds Force",)
    assert "Iran" in table.affiliations("Esmail Qaani")
    assert "United States" in table.affiliations("Pete Hegseth")
    assert "Pentagon" in table.affiliations("Pete Hegseth")


def test_members_is_transitive_and_includes_itself(table):
    members = table.members("Iran")
    assert {"Iran", "Esmail Qaani", "IRGC Quds Force", "IRGC"} <= members
    assert "Donald Trump" not in members
    assert "Harakat al-Nujaba" in table.members("Iraqi armed factions")


def test_kinds_and_home_theaters(table):
    assert table.kind("Houthis") == "armed group"
    assert table.kind("Esmail Qaani") == "person"
    assert table.home_theater("Houthis") == "Yemen"
    assert table.home_theater("Hezbollah") == "Lebanon"
    assert table.home_theater("Pete Hegseth") == "United States"


def test_media_are_known_but_not_actors(table):
    assert "Asharq Al-Awsat" not in table.canonical_names()
    assert "Houthis" in table.canonical_names()
    assert [m.kind for m in table.find("Reuters reported it.")] == ["media"]


def test_table_is_loaded_once():
    assert actor_table() is actor_table() is ActorTable.load()
