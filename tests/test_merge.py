"""Merging: the same happening reported in several sentences or articles becomes one event."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from loaders.extract import extract_events
from loaders.merge import happening_groups, merge_article, merge_frame
from loaders.models import EVENT_COLUMNS, Article, Event
from loaders.settings import Settings

DCT = dt.date(2024, 1, 13)


def make(event_id: str, sentence: str, *, article_id: str = "a1", actor: str = "United States",
         etype: str = "Air/drone strike", theater: str = "Yemen", location: str = "Sanaa",
         start: dt.date = dt.date(2024, 1, 12), end: dt.date | None = None, target: str = "Houthis",
         basis: str = "relative", precision: str = "day") -> Event:
    return Event(
        event_id=event_id, article_id=article_id, date_start=start, date_end=end or start,
        date_precision=precision, date_text="", date_value="", date_basis=basis, actors=(actor,), actor=actor,
        actor_text=actor, target=target, event_type=etype, event_category="Explosions/Remote violence",
        trigger="struck", theater=theater, location=location, latitude=15.4, longitude=44.2, sentence=sentence,
        paragraph_index=0, title="t", published=DCT, published_basis="flag", source=f"{article_id}.txt#1",
        sources=({"article_id": article_id, "source": f"{article_id}.txt#1", "sentence": sentence, "title": "t"},),
    )


def frame(events: list[Event]) -> pd.DataFrame:
    df = pd.DataFrame([e.to_record() for e in events], columns=list(EVENT_COLUMNS))
    return df


def test_restatement_in_one_article_is_one_event_with_both_sources():
    a = make("b", "US warplanes struck Houthi targets in Sanaa on Friday.")
    b = make("a", "The strikes on Friday hit Houthi targets around Sanaa, officials said.")
    (merged,) = merge_article([a, b])
    assert merged.n_sources == 2 and merged.event_id == "a"
    assert {s["sentence"] for s in merged.sources} == {a.sentence, b.sentence}


def test_different_days_or_types_or_places_stay_apart():
    a = make("a", "US warplanes struck Houthi targets in Sanaa on Friday.")
    other_day = make("b", "US warplanes struck Houthi targets in Sanaa on Monday.", start=dt.date(2024, 1, 8))
    other_type = make("c", "The US warned the Houthis over shipping attacks.", etype="Threat/warning")
    other_city = make("d", "US warplanes struck Houthi targets in Hodeidah.", location="Hodeidah")
    assert len(merge_article([a, other_day, other_type, other_city])) == 4


def test_best_dated_member_is_kept():
    vague = make("a", "US warplanes struck Houthi targets this week.", start=dt.date(2024, 1, 8),
                 end=dt.date(2024, 1, 14), precision="week", basis="relative")
    exact = make("b", "US warplanes struck Houthi targets on January 12.", basis="explicit")
    (merged,) = merge_article([vague, exact])
    assert merged.date_start == merged.date_end == dt.date(2024, 1, 12)
    assert merged.date_basis == "explicit" and merged.event_id == "a"


def test_caption_repeating_a_paragraph_merges():
    art = Article(article_id="x", title="t", source="s#1", published=DCT, published_basis="flag",
                  paragraphs=("Houthi fighters seized a cargo ship in the Red Sea on Sunday.",),
                  captions=(), )
    art = dataclasses.replace(art, captions=(__import__("loaders.models", fromlist=["Caption"]).Caption(
        "Houthi fighters seized a cargo ship in the Red Sea on Sunday.", "AFP"),))
    events = extract_events(art, Settings())
    assert len(events) == 2
    assert len(merge_article(events)) == 1


def test_frame_merges_reports_from_different_articles():
    events = [
        make("e2", "US warplanes struck Houthi targets in Sanaa on Friday.", article_id="a1"),
        make("e1", "American jets struck Houthi targets in Sanaa on Friday, officials said.", article_id="a2"),
        make("e3", "US warplanes struck Houthi targets in Saada on Friday.", article_id="a3", location="Saada"),
    ]
    out = merge_frame(frame(events))
    assert len(out) == 2
    row = out[out["location"] == "Sanaa"].iloc[0]
    assert row["event_id"] == "e1" and row["n_sources"] == 2
    assert {s["article_id"] for s in row["sources"]} == {"a1", "a2"}
    assert out[out["location"] == "Saada"].iloc[0]["n_sources"] == 1


def test_frame_merge_is_order_independent():
    events = [make(f"e{i}", f"US warplanes struck Houthi targets in Sanaa on Friday (report {i}).",
                   article_id=f"a{i}") for i in range(5)]
    forward = merge_frame(frame(events))
    backward = merge_frame(frame(events[::-1]))
    assert list(forward["event_id"]) == list(backward["event_id"]) == ["e0"]
    assert forward.iloc[0]["n_sources"] == 5


def test_frame_without_duplicates_is_unchanged():
    events = [make("a", "US warplanes struck Houthi targets in Sanaa."),
              make("b", "Hamas fired rockets at Sderot.", actor="Hamas", theater="Israel", location="Sderot",
                   etype="Shelling/missile attack", target="")]
    out = merge_frame(frame(events))
    assert sorted(out["event_id"]) == ["a", "b"] and list(out.columns) == list(EVENT_COLUMNS)


@pytest.mark.parametrize("basis, merged", [("relative", 1), ("narrative", 1), ("publication", 2)])
def test_same_actor_type_theater_and_dated_day_in_one_article_is_one_happening(basis, merged):
    # no shared target and little shared wording: the dated day, actor, type and place tie them
    a = make("a", "US warplanes struck Houthi radar sites near Sanaa on Friday.", target="Houthis")
    b = make("b", "Explosions shook the capital as the raids went on past midnight.", target="", basis=basis)
    assert len(merge_article([a, b])) == merged


def test_an_unplaced_mention_of_the_same_actor_and_day_is_no_retelling_by_the_day_alone():
    # a day's timeline lists several strikes by one actor, some without a place
    a = make("a", "The army said its raid on the Jabalia camp killed a commander.", actor="Israel",
             theater="Gaza Strip", location="Jabalia", target="", basis="narrative")
    b = make("b", "Builders' Tower airstrike: a raid on a tower block kills 40.", actor="Israel",
             theater="", location="", target="", basis="narrative")
    assert len(merge_article([a, b])) == 2


def test_a_merged_happening_keeps_the_place_one_mention_told():
    # the best-dated mention names no place; the other does: the happening keeps it
    a = make("a", "US warplanes struck Houthi radar sites on Friday.", theater="", location="", basis="explicit")
    b = make("b", "US warplanes struck Houthi radar sites near Sanaa, officials said.", basis="publication")
    merged = merge_article([a, b])
    assert len(merged) == 1 and (merged[0].location, merged[0].theater) == ("Sanaa", "Yemen")


def test_same_dated_day_but_another_actor_stays_apart():
    a = make("a", "US warplanes struck Houthi radar sites near Sanaa on Friday.", target="")
    b = make("b", "British Typhoons joined the raids on the capital that night.", actor="United Kingdom", target="")
    assert len(merge_article([a, b])) == 2


def test_happening_groups_label_each_mention_with_its_first_member():
    a = make("a", "US warplanes struck Houthi radar sites near Sanaa on Friday.", target="")
    b = make("b", "The Houthis vowed to respond.", etype="Threat/warning", actor="Houthis", target="")
    c = make("c", "Explosions shook the capital as the raids went on past midnight.", target="")
    assert happening_groups([a, b, c]) == [0, 1, 0]


def test_frame_rows_with_unknown_dates_still_merge_by_wording():
    a = make("a", "US warplanes struck Houthi targets in Sanaa.", article_id="p", target="")
    b = make("b", "US warplanes struck Houthi targets in Sanaa, officials said.", article_id="q", target="")
    a = dataclasses.replace(a, date_start=None, date_end=None, date_precision="unknown")
    b = dataclasses.replace(b, date_start=None, date_end=None, date_precision="unknown")
    other = make("c", "US warplanes struck Houthi targets in Sanaa.", article_id="r", start=dt.date(2024, 1, 12))
    out = merge_frame(frame([a, b, other]))
    assert sorted(out["n_sources"].tolist()) == [1, 2]


def test_one_speakers_remarks_of_one_day_in_one_article_are_one_statement():
    a = make("a", "Trump said the sites were obliterated.", actor="Donald Trump", etype="Statement",
             theater="United States", location="United States", target="", basis="publication")
    b = make("b", "He added that talks with Iran could follow.", actor="Donald Trump", etype="Statement",
             theater="United States", location="United States", target="", basis="publication")
    other_day = make("c", "On Monday he had praised the pilots.", actor="Donald Trump", etype="Statement",
                     theater="United States", location="United States", target="",
                     start=dt.date(2024, 1, 8))
    merged = merge_article([a, b, other_day])
    assert sorted(m.n_sources for m in merged) == [1, 2]


def test_two_speakers_of_one_side_make_two_statements():
    """The body acting is the same (Israel), the speakers are not: a government's declaration and its leader's
    speech of one day stay two statements."""
    common = dict(actor="Israel", etype="Statement", theater="Israel", location="Israel", target="",
                  basis="publication")
    a = make("a", "Israel put its army on alert on Saturday.", **common)
    b = dataclasses.replace(make("b", "The prime minister said the country was at war.", **common),
                            actors=("Benjamin Netanyahu", "Israel"))
    assert len(merge_article([a, b])) == 2


# --- places: two places are two happenings; containment and restatements merge ----------------------------------
@pytest.mark.parametrize("loc_a, loc_b, compatible", [
    ("Gaza City - Sheikh Radwan", "Gaza City - Tal al-Hawa", False),  # two neighbourhoods
    ("Rafah", "Khan Younis", False),  # two towns
    ("Gaza City", "Gaza City - Sheikh Radwan", True),  # one contains the other
    ("Gaza Strip", "Rafah", True),  # one known only at its theater's level
    ("", "Rafah", True),  # one unplaced
    ("Rafah", "Rafah", True),
])
def test_places_compatible(loc_a, loc_b, compatible):
    from loaders.merge import places_compatible

    assert places_compatible(loc_a, "Gaza Strip", loc_b, "Gaza Strip") is compatible


def _gaza(event_id, location, article_id="a1", sentence="Israeli jets struck a house in {loc} on Tuesday.", **kw):
    return make(event_id, sentence.format(loc=location), article_id=article_id, actor="Israel", theater="Gaza Strip",
                location=location, target="", **kw)


def test_strikes_in_distinct_neighbourhoods_on_one_day_stay_distinct_even_through_a_coarser_mention():
    events = [_gaza("a", "Gaza City - Sheikh Radwan"), _gaza("b", "Gaza City - Tal al-Hawa"),
              _gaza("c", "Gaza City - Shati camp"), _gaza("d", "Gaza City")]
    assert len(merge_article(events)) == 4  # "Gaza City" could be any of them: it stays apart too
    out = merge_frame(frame([_gaza(e.event_id, e.location, article_id=f"p{i}") for i, e in enumerate(events)]))
    assert len(out) == 4


def test_a_restatement_in_other_words_at_the_same_named_place_merges_across_articles():
    first = _gaza("a", "Gaza City - Sheikh Radwan", article_id="p1")
    again = _gaza("b", "Gaza City - Sheikh Radwan", article_id="p2",
                  sentence="Residents counted the dead after the building collapsed in {loc}.", basis="narrative")
    out = merge_frame(frame([first, again]))
    assert len(out) == 1 and out.iloc[0]["n_sources"] == 2


def test_an_organ_and_its_state_fall_in_one_block_across_articles():
    a = make("a", "US warplanes struck Houthi targets in Sanaa on Friday.", article_id="p1")
    b = make("b", "The Pentagon said US warplanes struck Houthi targets in Sanaa on Friday.", article_id="p2",
             actor="Pentagon")
    b = dataclasses.replace(b, actors=("Pentagon", "United States"))
    assert len(merge_frame(frame([a, b]))) == 1


def test_an_unnamed_actor_joins_a_named_one_only_at_the_same_named_place():
    named = _gaza("a", "Gaza City - Sheikh Radwan", article_id="p1")
    unnamed = dataclasses.replace(_gaza("b", "Gaza City - Sheikh Radwan", article_id="p2",
                                        sentence="An explosion destroyed a house in {loc}."), actor="", actors=())
    elsewhere = dataclasses.replace(_gaza("c", "Gaza City - Zeitoun", article_id="p3",
                                          sentence="An explosion destroyed a house in {loc}."), actor="", actors=())
    out = merge_frame(frame([named, unnamed, elsewhere]))
    assert sorted(out["n_sources"].tolist()) == [1, 2]


@pytest.mark.parametrize("merge", ["article", "frame"])
def test_meetings_with_different_counterparts_stay_apart_even_through_one_naming_none(merge):
    kw = dict(actor="Jane Moss", etype="Meeting/visit", theater="South Sudan", location="Juba", basis="narrative")
    trip = make("a", "On Friday, the envoy Jane Moss traveled to Juba.", target="", **kw)
    first = make("b", "During the visit, Moss met the president.", target="Salva Kiir", **kw)
    second = make("c", "Moss also met the defence minister, Chol Thon.", target="Chol Thon", **kw)
    again = make("d", "Moss met President Salva Kiir on Friday in Juba.", target="Salva Kiir", article_id="a2", **kw)
    events = [trip, first, second] + ([again] if merge == "frame" else [])
    out = merge_article(events) if merge == "article" else merge_frame(frame(events)).to_dict("records")
    by_target = sorted((e.target if merge == "article" else e["target"]) for e in out)
    assert by_target == ["", "Chol Thon", "Salva Kiir"]
    if merge == "frame":  # the same meeting told in another article still merges
        assert max(r["n_sources"] for r in out) == 2
