"""The dating finders' shortcuts (literal pre-tests, word-start scans) must give exactly what the
plain regex scans give: each shortcut is compared with the slow way on real-looking sentences."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from loaders.dating import knowledge, signals, world

SENTENCES = [
    "Israel struck Iran on Oct. 26, 2024. Iranian missiles hit Israel; the Houthis fired drones at Israeli ships.",
    "Walkie-talkies used by Hezbollah members exploded across Lebanon a day after pagers blew up.",
    "US and British warplanes struck Houthi targets across Yemen overnight, officials said.",
    "Hamas-led militants stormed southern Israel, killing about 1,200 people, Israeli tallies show.",
    "Nasrallah was killed in an Israeli airstrike on Beirut's southern suburbs, Hezbollah confirmed.",
    "The Twelve-Day War ended with a ceasefire; Operation Rising Lion had begun on June 13.",
    "Defense Secretary Pete Hegseth and Secretary of State Marco Rubio met Netanyahu in Washington.",
    "İran's state TV — citing the IRGC — said ſtrikes would follow; O'Brien and al-Houthi disagreed.",
    "Ansar Allah’s leader Abdul-Malik al-Houthi vowed revenge after US strikes on Sanaa and Hodeidah.",
    "",
]


def _groups() -> list[re.Pattern[str]]:
    return list(dict.fromkeys(g for a in knowledge.anchors() for g in a.groups))


@pytest.mark.parametrize("body", SENTENCES)
def test_group_hits_equal_a_plain_finditer(body: str) -> None:
    ctx = signals.Context(body, [], dt.date(2025, 3, 23), dt.date(2000, 1, 1))
    groups = _groups()
    assert groups
    for g in groups:
        expected = [m.start() for m in g.finditer(body)] if ctx.literal_count(g) else []
        assert ctx.hits(g) == expected, g.pattern[:80]


@pytest.mark.parametrize("body", SENTENCES)
def test_named_events_equal_a_scan_of_every_anchor_name(body: str) -> None:
    ctx = signals.Context(body, [], dt.date(2026, 11, 25), dt.date(2000, 1, 1))
    expected = []
    for a in knowledge.anchors():
        m = a.names.search(body) if a.names is not None else None
        if m is not None and ctx.min_day <= a.start <= ctx.today:
            expected.append(f"e{a.id}")
    assert [s.key for s in world.named_events(ctx)] == expected


def test_every_anchor_name_holds_the_words_its_pretest_needs() -> None:
    """The pre-test skips an anchor unless some name has all its words in the text: each name
    must therefore match itself and contain every word listed for it."""
    words = knowledge.anchor_name_words()
    for i, a in enumerate(knowledge.anchors()):
        for name_words in words[i]:
            assert a.names is not None
            assert all(re.fullmatch(r"\w+", w) for w in name_words)


_OLD_CAP_TOKEN = re.compile(r"(?<![\w-])[A-Z][\w'’.-]*")


@pytest.mark.parametrize("text", SENTENCES + ["A-B X.Y. e-Mail Hello-World's ’Quote’ -Dash ÉCOLE a.B"])
def test_capitalised_word_scan_equals_the_lookbehind_first_regex(text: str) -> None:
    assert [m.span() for m in knowledge._CAP_TOKEN.finditer(text)] == [m.span() for m in _OLD_CAP_TOKEN.finditer(text)]


def _find_names_reference(table: knowledge.OfficeTable, text: str) -> list[tuple[int, int, str]]:
    """find_names without its two-letter pre-test."""
    out, skip_to = [], -1
    for tok in _OLD_CAP_TOKEN.finditer(text):
        if tok.start() < skip_to:
            continue
        word = tok.group(0).rstrip(".'’,").replace("’", "'")
        for key in (word, word.split("-")[0]):
            for alias, rx in table.first_word.get(key, ()):
                m = rx.match(text, tok.start())
                if m is not None:
                    out.append((m.start(), m.end(), alias))
                    skip_to = m.end()
                    break
            else:
                continue
            break
    return out


@pytest.mark.parametrize("text", SENTENCES)
def test_office_names_equal_the_unfiltered_scan(text: str) -> None:
    table = knowledge.offices()
    assert table.find_names(text) == _find_names_reference(table, text)


def test_office_names_are_found_at_all() -> None:
    table = knowledge.offices()
    some_alias = next(iter(table.terms_by_alias))
    text = f"Officials met {some_alias} on Tuesday."
    assert [alias for _, _, alias in table.find_names(text)] == [some_alias]


@pytest.mark.parametrize("text", [
    "U.N. Secretary-General Ban Ki-moon visited Gaza; Supreme Leader Ali Khamenei did not comment.",
    "Prime Minister Abd Rabbu Mansour Hadi and Ash Carter spoke; Abd-Rabbu Mansour Hadi left.",
    "President Barack Obama’s envoy met Antony Blinken and António Guterres.",
])
def test_office_names_with_short_first_words_equal_the_unfiltered_scan(text: str) -> None:
    table = knowledge.offices()
    assert table.find_names(text) == _find_names_reference(table, text)


def test_short_first_words_are_found() -> None:
    table = knowledge.offices()
    short = sorted(a for a in table.terms_by_alias if len(a.split()[0].split("-")[0]) < 4)
    assert short
    found = 0
    for alias in short:
        text = f"On Monday, {alias} said talks would go on."
        names = table.find_names(text)
        assert names == _find_names_reference(table, text), alias
        found += alias in [name for _, _, name in names]
    assert found >= len(short) // 2
