"""Gazetteer: whole capitalised names, our alias table first, then countries and cities."""
from __future__ import annotations

import pytest

from loaders.places import Gazetteer, gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize("text, surface, location, theater", [
    ("Warplanes hit targets near Sanaa overnight.", "Sanaa", "Sanaa", "Yemen"),
    ("Raids were reported in Saada province.", "Saada province", "Saada", "Yemen"),
    ("Strikes also hit al-Bayda.", "al-Bayda", "al-Bayda", "Yemen"),
    ("A tanker was struck in the Red Sea.", "Red Sea", "Red Sea", "Red Sea"),
    ("Rockets landed near the Green Zone.", "Green Zone", "Green Zone", "Iraq"),
    ("Drones targeted the Erbil airbase.", "Erbil airbase", "Erbil airbase", "Iraq"),
    ("Settlers attacked a village in the West Bank.", "West Bank", "West Bank", "West Bank"),
    ("Fighting continued in Khan Yunis.", "Khan Yunis", "Khan Younis", "Gaza Strip"),
    ("The group trained fighters in Diyala.", "Diyala", "Diyala", "Iraq"),
    ("Shelling was heard in Aleppo.", "Aleppo", "Aleppo", "Syria"),
    ("He flew to Baghdad.", "Baghdad", "Baghdad", "Iraq"),
    ("Sirens sounded in Haifa.", "Haifa", "Haifa", "Israel"),
])
def test_places_resolve(gaz, text, surface, location, theater):
    found = {(p.surface, p.location, p.theater) for p in gaz.find(text)}
    assert (surface, location, theater) in found


@pytest.mark.parametrize("text, theater", [
    ("No activity on Iraqi territory will be allowed.", "Iraq"),
    ("Boats approached the Yemeni coast.", "Yemen"),
    ("Jets entered Syrian airspace.", "Syria"),
])
def test_demonym_with_place_noun_names_the_theater(gaz, text, theater):
    assert theater in {p.theater for p in gaz.find(text)}


@pytest.mark.parametrize("text", [
    "The Police said nothing.",          # a Polish town, but here a noun
    "Protesters began a march in March.",  # a town in England
    "It was a nice and mobile unit.",      # lower case is never a place
    "Of the dead, most were civilians.",   # a Turkish town called Of
])
def test_noisy_gazetteer_names_are_ignored(gaz, text):
    assert gaz.find(text) == []


def test_capital_coordinates_are_the_right_city(gaz):
    (sanaa,) = gaz.find("in Sanaa")
    assert 15 < sanaa.latitude < 16 and 44 < sanaa.longitude < 45
    (wash,) = gaz.find("talks in Washington")
    assert wash.theater == "United States" and wash.longitude < -70


def test_theater_rows_have_centroids(gaz):
    for name in ("Yemen", "Iraq", "Gaza Strip", "Red Sea", "Israel", "Iran", "Lebanon", "Syria"):
        place = gaz.theater_place(name)
        assert place is not None and place.latitude is not None


def test_offsets_point_at_the_surface(gaz):
    text = "From Tehran to Beirut and Damascus."
    got = gaz.find(text)
    assert [p.location for p in got] == ["Tehran", "Beirut", "Damascus"]
    assert all(text[p.start:p.end] == p.surface for p in got)


@pytest.mark.parametrize("surface, name, kind, theater", [
    ("the Southern Red Sea", "Southern Red Sea", "region", "Red Sea"),  # a part of a known place
    ("northern Kandahar", "northern Kandahar", "region", "Afghanistan"),
    ("southern Lebanon", "southern Lebanon", "region", "Lebanon"),  # a row of its own wins
    ("South Sudan", "South Sudan", "country", "South Sudan"),  # a name that starts with a compass word
    ("northern Nowhereville", None, None, None),
])
def test_a_compass_word_before_a_known_place_names_part_of_it(gaz, surface, name, kind, theater):
    place = gaz.resolve(surface)
    assert (place.name, place.kind, place.theater) == (name, kind, theater) if name else place is None


# a transliteration's soft sign or ayn ("Ryazan’", "Tol’yatti" in the gazetteer) is not written in English news
@pytest.mark.parametrize("surface, name, theater", [
    ("Ryazan", "Ryazan", "Russia"),
    ("Tver", "Tver", "Russia"),
    ("Tolyatti", "Tolyatti", "Russia"),
    ("Yaroslavl", "Yaroslavl", "Russia"),
    ("Kazan", "Kazan", "Russia"),  # not the Turkish town of the same name
])
def test_a_city_is_found_as_news_writes_it(gaz, surface, name, theater):
    place = gaz.resolve(surface)
    assert (place.name, place.theater) == (name, theater)


@pytest.mark.parametrize("name, theater", [
    ("North Darfur", "Sudan"),  # ISO 3166-2 divisions, for districts in brackets after a village
    ("Borno", "Nigeria"),
    ("Rakhine", "Myanmar"),
    ("Tillabéri", "Niger"),
    ("Tillaberi", "Niger"),  # accents folded
    ("Centre", None),  # a division name several countries share places nothing
    ("Nowhereland", None),
])
def test_an_administrative_division_names_its_country(gaz, name, theater):
    place = gaz.admin_region(name)
    assert (place.theater if place else None) == theater


@pytest.mark.parametrize("surface, name", [
    ("Gulf", "Persian Gulf"),  # the table's "the Gulf", written without its article, before Papua New Guinea's Gulf
    ("the Gulf", "Persian Gulf"),
])
def test_a_table_name_written_without_its_article_resolves_to_the_table(gaz, surface, name):
    assert gaz.resolve(surface).name == name
