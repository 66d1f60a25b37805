"""loaders.query: filters (pandas reference == DuckDB engine), aggregations, URL round-trip, export."""
from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import query
from loaders.query import EventQuery, Filters, ViewOptions, apply_filters, prepare_events

D = dt.date


def row(eid, start, end=None, *, actor="Houthis", actors=None, target="", etype="attack", theater="Yemen",
        precision="day", basis="explicit", pub_basis="field", sentence="", title="Title", lat=15.0, lon=44.0,
        article="a1"):
    return {"event_id": eid, "article_id": article, "date_start": start, "date_end": end or start,
            "date_precision": precision, "date_text": "on Sunday", "date_basis": basis,
            "actors": list(actors if actors is not None else [actor]), "actor": actor, "target": target,
            "event_type": etype, "theater": theater, "location": "Sanaa", "latitude": lat, "longitude": lon,
            "sentence": sentence or f"{actor} {etype} in {theater}.", "title": title,
            "published": D(2025, 3, 20), "published_basis": pub_basis, "source": "x.txt", "n_sources": 1}


ROWS = [
    row("q1", D(2025, 3, 10), D(2025, 3, 16), actor="Esmail Qaani", actors=["Esmail Qaani", "Iran"],
        etype="meeting", theater="Iraq", precision="week", basis="relative",
        sentence="Qaani visited Baghdad last week.", lat=33.3, lon=44.4),
    row("us1", D(2025, 3, 15), actor="United States", target="Houthis", etype="airstrike",
        sentence="US strikes hit Sanaa on Saturday."),
    row("h1", D(2025, 3, 1), D(2025, 3, 31), actor="Houthis", actors=["Houthis", "Iran"], precision="month",
        basis="narrative", sentence="The Houthis attacked ships in the Red Sea throughout March."),
    row("hz1", D(2025, 2, 9), actor="Hezbollah", etype="attack", theater="Lebanon", basis="relative+estimated",
        pub_basis="estimated", sentence="Hezbollah fired rockets at northern Israel on Sunday.", lat=None, lon=None),
    row("il1", D(2025, 1, 20), actor="Israel", target="Hezbollah", etype="airstrike", theater="Lebanon",
        basis="publication", sentence="Israeli jets struck south Lebanon.", title="Jets over Tyre"),
    row("u1", D(2024, 12, 30), actor="", etype="", theater="", precision="", basis="",
        sentence="Something happened."),
]


@pytest.fixture(scope="module")
def frame():
    return prepare_events(pd.DataFrame(ROWS))


@pytest.fixture(scope="module")
def engine(frame):
    members = {"Iran": {"Esmail Qaani", "IRGC"}}.get
    return EventQuery(frame, members=lambda a: members(a, set()))


def ids(df):
    return sorted(df["event_id"])


@pytest.mark.parametrize("filters, expected", [
    (Filters(), ["h1", "hz1", "il1", "q1", "u1", "us1"]),
    (Filters(actors=("Iran",)), ["h1", "q1"]),
    (Filters(actors=("Iran",), include_affiliated=False), []),
    (Filters(actors=("Houthis",), include_affiliated=False), ["h1", "us1"]),  # us1: Houthis as target
    (Filters(actors=("Hezbollah",)), ["hz1", "il1"]),
    (Filters(theaters=("Lebanon",)), ["hz1", "il1"]),
    (Filters(theaters=(query.NO_THEATER,)), ["u1"]),
    (Filters(event_types=("airstrike",)), ["il1", "us1"]),
    (Filters(date_from=D(2025, 3, 12)), ["h1", "q1", "us1"]),  # ranges overlapping the window count
    (Filters(date_to=D(2025, 3, 5)), ["h1", "hz1", "il1", "u1"]),
    (Filters(date_from=D(2025, 3, 11), date_to=D(2025, 3, 11)), ["h1", "q1"]),
    (Filters(search="sanaa"), ["us1"]),
    (Filters(search="  RED   sea "), ["h1"]),
    (Filters(search="tyre"), []),  # the title is not searched: the box says "evidence sentences"
    (Filters(search="jets"), ["il1"]),
    (Filters(search="rockets baghdad"), []),  # all words must match
    (Filters(precisions=("week", "month")), ["h1", "q1"]),
    (Filters(precisions=("unknown",)), ["u1"]),
    (Filters(date_bases=("relative",)), ["hz1", "q1"]),  # "+estimated" stripped
    (Filters(estimated="only"), ["hz1"]),
    (Filters(estimated="exclude"), ["h1", "il1", "q1", "u1", "us1"]),
    (Filters(actors=("Iran",), theaters=("Yemen",)), ["h1"]),
    (Filters(hide_unnamed=True), ["h1", "hz1", "il1", "q1", "us1"]),
    (Filters(actors=(query.NO_ACTOR,)), ["u1"]),
])
def test_filters_pandas_and_duckdb_agree(frame, engine, filters, expected):
    members = {"Iran": {"Esmail Qaani", "IRGC"}}.get
    assert ids(apply_filters(frame, filters, members=lambda a: members(a, set()))) == expected
    assert ids(engine.events(filters)) == expected
    assert engine.count(filters) == len(expected)


def test_affiliation_comes_from_member_table_too():
    # Qaani's event without "Iran" in its actors list: only the member table links them
    frame = prepare_events(pd.DataFrame([row("q", D(2025, 3, 1), actor="Esmail Qaani", actors=["Esmail Qaani"])]))
    assert ids(apply_filters(frame, Filters(actors=("Iran",)))) == []
    members = lambda a: {"Esmail Qaani"} if a == "Iran" else set()  # noqa: E731
    assert ids(apply_filters(frame, Filters(actors=("Iran",)), members)) == ["q"]
    assert ids(EventQuery(frame, members).events(Filters(actors=("Iran",)))) == ["q"]


def test_prepare_marks_estimates_and_unknowns(frame):
    by_id = frame.set_index("event_id")
    assert bool(by_id.loc["hz1", "is_estimated"]) and not bool(by_id.loc["q1", "is_estimated"])
    assert by_id.loc["hz1", "date_basis_base"] == "relative"
    assert by_id.loc["u1", "actor"] == query.NO_ACTOR and by_id.loc["u1", "date_precision"] == "unknown"
    assert by_id.loc["u1", "theater"] == query.NO_THEATER and by_id.loc["u1", "event_type"] == query.NO_TYPE
    assert str(frame["date_start"].dtype).startswith("datetime64")


def test_options_summary(engine):
    opts = engine.options()
    assert {"Iran", "Esmail Qaani", "Houthis", "United States"} <= set(opts.actors)
    assert opts.date_min == D(2024, 12, 30) and opts.date_max == D(2025, 3, 31)
    s = engine.summary(Filters(theaters=("Yemen",)))
    assert (s.events, s.articles) == (2, 1)
    assert s.actors == 3  # Houthis, Iran, United States
    assert "2 events" in s.line() and "01 Mar 2025" in s.line()


def test_weekly_counts_by_monday(engine):
    weekly = engine.weekly(Filters(), "theater")
    total = weekly["n"].sum()
    assert total == 6
    assert all(pd.Timestamp(w).weekday() == 0 for w in weekly["week"])
    yemen = weekly[weekly["stack"] == "Yemen"].set_index("week")["n"]
    assert yemen.loc[pd.Timestamp(D(2025, 3, 10))] == 1  # us1 on Sat 15 March -> week of Mon 10 March


def test_timeline_buckets_and_drilldown(engine):
    lanes, total = engine.lanes(Filters(), "theater", 2)
    assert total == 4 and len(lanes) == 2
    buckets, bucket = engine.timeline_buckets(Filters(), "theater", "event_type", lanes, bucket="week")
    assert bucket == "week" and set(buckets["lane"]) <= set(lanes)
    first = buckets.iloc[0]
    listed = engine.bucket_events(Filters(), "theater", first["lane"], pd.Timestamp(first["bucket_start"]).date(),
                                  first["bucket_end"], "event_type", first["color"])
    assert len(listed) == first["n"]


def test_map_points_skip_unlocated(engine):
    points = engine.map_points(Filters())
    assert points["n"].sum() == 5  # hz1 has no coordinates
    assert engine.located_share(Filters()) == (5, 6)


@pytest.mark.parametrize("filters, view", [
    (Filters(), ViewOptions()),
    (Filters(actors=("Iran", "Houthis"), include_affiliated=False, theaters=("Iraq",), event_types=("attack",),
             date_from=D(2025, 1, 1), date_to=D(2025, 3, 31), search="red sea", precisions=("day",),
             date_bases=("explicit",), estimated="exclude", hide_unnamed=True),
     ViewOptions(lane_by="theater", color_by="theater", max_lanes=7, event="q1")),
    (Filters(actors=("Ansar Allah, a.k.a. Houthis & co",), search="a&b=c?d"), ViewOptions()),
])
def test_query_params_round_trip(filters, view):
    params = query.to_query_params(filters, view)
    assert query.from_query_params(params) == (filters, view)


def test_query_params_defaults_are_omitted_and_bad_values_dropped():
    assert query.to_query_params(Filters(), ViewOptions()) == {}
    f, v = query.from_query_params({"from": "2025-13-01", "to": "yesterday", "lanes": "<script>", "color": "x",
                                    "estimated": "maybe", "max_lanes": "lots", "actor": ["", "Iran"]})
    assert f == Filters(actors=("Iran",)) and v == ViewOptions()
    f, _ = query.from_query_params({"from": "2025-03-31", "to": "2025-03-01"})  # swapped: fixed, not lost
    assert (f.date_from, f.date_to) == (D(2025, 3, 1), D(2025, 3, 31))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actors=st.lists(st.sampled_from(["Iran", "Houthis", "Israel", "Esmail Qaani", "Nobody"]), max_size=2),
       affiliated=st.booleans(),
       theaters=st.lists(st.sampled_from(["Iraq", "Yemen", "Lebanon", query.NO_THEATER]), max_size=2),
       day_from=st.one_of(st.none(), st.dates(D(2024, 12, 1), D(2025, 4, 30))),
       span=st.integers(0, 90), search=st.sampled_from(["", "the", "sanaa", "on sunday", "x"]),
       estimated=st.sampled_from(query.ESTIMATED_CHOICES), hide_unnamed=st.booleans())
def test_engine_matches_reference_on_random_filters(frame, engine, actors, affiliated, theaters, day_from, span,
                                                    search, estimated, hide_unnamed):
    f = Filters(actors=tuple(actors), include_affiliated=affiliated, theaters=tuple(theaters), date_from=day_from,
                date_to=day_from + dt.timedelta(days=span) if day_from else None, search=search, estimated=estimated,
                hide_unnamed=hide_unnamed)
    members = {"Iran": {"Esmail Qaani", "IRGC"}}.get
    assert ids(apply_filters(frame, f, lambda a: members(a, set()))) == ids(engine.events(f))


def test_csv_and_json_exports(engine):
    events = engine.events(Filters(theaters=("Iraq",)))
    csv = query.to_csv_bytes(events).decode()
    back = pd.read_csv(io.StringIO(csv))
    assert list(back["event_id"]) == ["q1"] and back.loc[0, "actors"] == "Esmail Qaani; Iran"
    assert back.loc[0, "date_start"] == "2025-03-10"
    data = json.loads(query.to_json_bytes(events))
    assert data[0]["actors"] == ["Esmail Qaani", "Iran"] and data[0]["date_end"] == "2025-03-16"


def test_engine_reads_parquet_path_like_the_frame_and_fetches_sources(frame, tmp_path):
    import pyarrow.parquet as pq

    from loaders.store import frame_to_table

    table = frame_to_table(frame.drop(columns=["date_basis_base", "is_estimated"]))
    sources = [[{"article_id": "a", "source": f"src-{i}", "sentence": "s", "title": "t"}] for i in range(len(frame))]
    table = table.set_column(table.schema.get_field_index("sources"), "sources",
                             pa.array(sources, type=table.schema.field("sources").type))
    path = tmp_path / "events.parquet"
    pq.write_table(table, path)
    members = {"Iran": {"Esmail Qaani", "IRGC"}}.get
    from_path = EventQuery(path, members=lambda a: members(a, set()))
    from_table = EventQuery(table, members=lambda a: members(a, set()))
    for f in (Filters(), Filters(actors=("Iran",)), Filters(search="sanaa"), Filters(estimated="only")):
        assert ids(from_path.events(f)) == ids(from_table.events(f)) == ids(apply_filters(frame, f, lambda a: members(a, set())))
    assert from_path.options() == from_table.options()
    row = list(table.column("event_id").to_pylist()).index("hz1")
    for engine in (from_path, from_table):
        assert [s["source"] for s in engine.event("hz1")["sources"]] == [f"src-{row}"]


def test_duplicate_actors_in_a_list_count_once():
    frame = prepare_events(pd.DataFrame([
        row("d1", D(2025, 3, 1), actor="Houthis", actors=["Houthis", "Iran", "Iran"]),
        row("d2", D(2025, 3, 2), actor="Houthis", actors=["Iran", "Iran"]),
        row("d3", D(2025, 3, 3), actor="Israel", actors=[]),
    ]))
    opts = EventQuery(frame).options()
    assert opts.actors[:2] == ["Houthis", "Iran"] or opts.actors[:2] == ["Iran", "Houthis"]
    counts = dict(EventQuery(frame)._sql(
        "SELECT a, count(*) FROM event_actors WHERE listed GROUP BY a").fetchall())
    assert counts == {"Houthis": 2, "Iran": 2, "Israel": 1}
    assert EventQuery(frame).summary(Filters()).actors == 3


# --- an event is estimated only when its own date hangs on an estimated publication date ----------

@pytest.mark.parametrize("basis, pub_basis, estimated", [
    ("explicit", "estimated", False),            # "Oct. 7, 2023" in an article of estimated date: still exact
    ("explicit+estimated", "estimated", False),  # explicit is never estimated, whatever the suffix
    ("explicit", "field", False),
    ("relative", "estimated", True),             # "last Tuesday" counted from an estimate
    ("relative+estimated", "estimated", True),
    ("relative", "field", False),
    ("relative", "manifest", False),             # the analyst set the date
    ("narrative", "estimated", True),
    ("publication", "estimated", True),          # the event took the publication date itself
    ("publication+estimated", "", True),
    ("", "estimated", False),                    # no date basis at all: nothing to estimate
])
def test_estimated_only_when_the_date_depends_on_the_estimate(basis, pub_basis, estimated):
    frame = prepare_events(pd.DataFrame([row("e", D(2023, 10, 7), basis=basis, pub_basis=pub_basis)]))
    assert bool(frame.loc[0, "is_estimated"]) is estimated
    engine = EventQuery(frame)
    assert engine.count(Filters(estimated="only")) == int(estimated)
    assert bool(engine.events(Filters()).loc[0, "is_estimated"]) is estimated


# --- undated events: counted in the header, never drawn at a made-up date ---------------------------

def test_undated_events_are_counted_and_said_apart():
    frame = prepare_events(pd.DataFrame([
        row("d1", D(2025, 3, 1)), row("d2", D(2025, 3, 8)),
        row("n1", None, precision="unknown", basis="publication", pub_basis="unknown"),
    ]))
    engine = EventQuery(frame)
    s = engine.summary(Filters())
    assert (s.events, s.undated) == (3, 1) and "3 events (1 undated)" in s.line()
    assert sorted(engine.timeline_events(Filters(), "actor", ["Houthis"])["event_id"]) == ["d1", "d2"]
    assert engine.weekly(Filters(), "event_type")["n"].sum() == 2
    assert sum(n for _, n in engine.lane_counts(Filters(), "actor")) == 3  # lanes add up to the header


def test_bucket_events_of_the_grey_other_value(engine):
    lanes, _ = engine.lanes(Filters(), "theater", 10)
    everything = engine.bucket_events(Filters(), "theater", "Lebanon", D(2025, 1, 1), D(2025, 3, 31))
    other = engine.bucket_events(Filters(), "theater", "Lebanon", D(2025, 1, 1), D(2025, 3, 31), "event_type",
                                 exclude_colors=["airstrike"])
    assert ids(everything) == ["hz1", "il1"] and ids(other) == ["hz1"]


# --- open world: actors nobody listed in loaders/rules/actors.csv behave like listed ones -------------

def test_actors_unknown_to_the_actor_table_filter_like_known_ones():
    from loaders.app_state import actor_members

    members = actor_members()
    assert members is not None
    frame = prepare_events(pd.DataFrame([
        row("m1", D(2025, 3, 1), actor="Mujahideen Brigades of the North", actors=["Mujahideen Brigades of the North"]),
        row("m2", D(2025, 3, 2), actor="Iran", actors=["Iran"], target="Mujahideen Brigades of the North"),
        row("m3", D(2025, 3, 3), actor="Esmail Qaani", actors=["Esmail Qaani"]),
    ]))
    engine = EventQuery(frame, members=members)
    assert "Mujahideen Brigades of the North" in engine.options().actors
    for affiliated in (True, False):
        f = Filters(actors=("Mujahideen Brigades of the North",), include_affiliated=affiliated)
        assert ids(engine.events(f)) == ids(apply_filters(frame, f, members)) == ["m1", "m2"]
    assert ids(engine.events(Filters(actors=("Iran",)))) == ["m2", "m3"]  # a listed actor's members still count
    assert engine.lanes(Filters(), "actor", 10)[1] == 3
