"""The speed-ups must not change results: each cached or indexed path is checked against the plain one."""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.dating import knowledge, signals
from loaders.merge import _combine, merge_article
from loaders.models import Event
from loaders.sentences import _split, split_sentences

PARAGRAPHS = [
    "U.S. forces struck Houthi targets in Sanaa on Saturday. The Pentagon said the strikes hit radar sites.",
    "“MAKE THE DEAL. GET THEM BACK!!!” Trump wrote on Tuesday. Hamas did not respond.",
    "Gen. Smith met Col. J. Doe in Gaza. They spoke for an hour! Did they agree? Nobody knows.",
    "   ",
    "",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_cached_split_equals_uncached_and_is_a_fresh_list(text: str) -> None:
    first = split_sentences(text)
    assert first == _split(text)
    first.append("mutated by a caller")  # type: ignore[arg-type]
    assert split_sentences(text) == _split(text)  # the cache is not shared with callers


BODY = "\n\n".join(p for p in PARAGRAPHS if p.strip())


@pytest.mark.parametrize("pos", list(range(0, len(BODY), 7)) + [len(BODY) - 1])
def test_sentence_at_matches_a_linear_scan(pos: int) -> None:
    ctx = signals.Context(BODY, [], dt.date(2025, 3, 23), dt.date(2000, 1, 1))
    start = BODY.rfind("\n\n", 0, pos)
    start = 0 if start < 0 else start + 2
    end = BODY.find("\n\n", start)
    end = len(BODY) if end < 0 else end
    linear = [s for s in split_sentences(BODY[start:end]) if s.start + start <= pos < s.end + start]
    got = ctx.sentence_at(pos)
    if linear:
        assert (got.start, got.end, got.text) == (linear[0].start + start, linear[0].end + start, linear[0].text)
    else:
        assert got.text == BODY[max(0, pos - 150):min(len(BODY), pos + 150)]


def test_literal_count_memo_equals_knowledge_literal_count() -> None:
    body = "Israel struck Iran. Iranian missiles hit Israel; the Houthis fired drones at Israeli ships."
    ctx = signals.Context(body, [], dt.date(2025, 3, 23), dt.date(2000, 1, 1))
    groups = [g for a in knowledge.anchors() for g in a.groups]
    assert groups
    for g in groups:
        assert ctx.literal_count(g) == knowledge.literal_count(g, body, body.lower())


def test_anchors_by_day_keeps_file_order_and_every_day() -> None:
    index = signals._anchors_by_day()
    for (m, d), found in index.items():
        expected = [a for a in knowledge.anchors()
                    if any((x.month, x.day) == (m, d) for x in {a.start} | ({a.end} if a.end else set()))]
        assert found == expected
    assert sum(len(v) for v in index.values()) >= len(knowledge.anchors())


def _event(event_id: str, sentence: str, **kw) -> Event:
    day = dt.date(2025, 3, 22)
    base = dict(event_id=event_id, article_id="a1", date_start=day, date_end=day, date_precision="day",
                date_text="Saturday", date_value="2025-03-22", date_basis="relative", actors=("Israel",),
                actor="Israel", actor_text="Israel", target="Hamas", event_type="Airstrike",
                event_category="Violence", trigger="struck", theater="Gaza Strip", location="Gaza Strip",
                latitude=31.4, longitude=34.4, sentence=sentence, paragraph_index=0, title="t",
                published=dt.date(2025, 3, 23), published_basis="flag", source="s.txt",
                sources=({"article_id": "a1", "sentence": sentence},))
    base.update(kw)
    return Event(**base)


def test_single_mention_combine_is_unchanged() -> None:
    e = _event("e1", "Israel struck Hamas.")
    assert _combine([e]) == e


def test_single_mention_with_duplicate_sources_is_still_deduplicated() -> None:
    src = {"article_id": "a1", "sentence": "Israel struck Hamas."}
    e = _event("e1", "Israel struck Hamas.", sources=(src, dict(src)), n_sources=2)
    out = _combine([e])
    assert out.sources == (src,) and out.n_sources == 1


def test_merge_article_of_one_event_returns_it() -> None:
    e = _event("e1", "Israel struck Hamas.")
    assert merge_article([e]) == [e]
