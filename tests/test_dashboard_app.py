"""The dashboard driven through Streamlit's AppTest: every control, drill-down, dates panel, uploads.

The app is pointed at a temp store (CONFLICT_TIMELINE_STORE) filled with hand-written articles
and events through the real EventStore, so these tests do not depend on extraction quality.
One article is hostile on purpose (<script>, <img onerror>, a Markdown link, LaTeX dollars):
it must come out escaped everywhere.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from loaders.models import Article, Event

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "dashboard.py")

HOSTILE_TITLE = "Strike report <script>alert(1)</script> [click](javascript:alert(2)) costs $5 and $6"
HOSTILE_SENTENCE = "Militants fired <img src=x onerror=alert(3)> rockets at the base on 3 March, costing $2 or $3."


def _article(aid: str, title: str, paragraphs: list[str], published: dt.date | None, basis: str,
             **extra: object) -> Article:
    return Article(article_id=aid, title=title, paragraphs=tuple(paragraphs), source=f"fixture/{aid}.txt",
                   source_path=f"fixture/{aid}.txt", published=published, published_basis=basis, **extra)


def _event(i: int, art: Article, day: dt.date, *, actor: str, actors: tuple[str, ...], etype: str, theater: str,
           sentence: str, para: int, precision: str = "day", basis: str = "explicit", days: int = 0,
           lat: float | None = 33.3, lon: float | None = 44.4, target: str = "",
           sources: tuple[dict[str, str], ...] = ()) -> Event:
    return Event(
        event_id=f"ev{i:04d}", article_id=art.article_id, date_start=day, date_end=day + dt.timedelta(days=days),
        date_precision=precision, date_text=f"text {i}", date_value=day.isoformat(), date_basis=basis,
        actors=actors, actor=actor, actor_text=actor, target=target, event_type=etype, event_category="conflict",
        trigger="hit", theater=theater, location=f"{theater} city", latitude=lat, longitude=lon, sentence=sentence,
        paragraph_index=para, title=art.title, published=art.published, published_basis=art.published_basis,
        source=art.source, sources=sources or ({"article_id": art.article_id, "source": art.source,
                                                "sentence": sentence, "title": art.title},),
        n_sources=max(len(sources), 1))


UNDATED_TITLE = "Militia statement with no date"
UNKNOWN_ACTOR = "Mujahideen Brigades of the North"  # open world: not in loaders/rules/actors.csv


def fixture_records() -> tuple[list[Article], list[Event]]:
    """Four articles and 43 events: Iraq/Yemen/Lebanon, several actors, precisions and bases; one
    article with no date at all (published None, basis "unknown") whose event has no date either,
    one event with no named actor, and one explicit date inside the article of estimated date."""
    a1 = _article("art1", "Qaani warns Iraqi factions", [
        "Intro paragraph about the region.",
        "Esmail Qaani visited Baghdad last week and met faction leaders. He warned them against attacks.",
    ], dt.date(2025, 3, 20), "field")
    a2 = _article("art2", HOSTILE_TITLE, [
        "First paragraph with nothing.",
        f"Witnesses said so. {HOSTILE_SENTENCE} Nobody was hurt.",
    ], dt.date(2025, 3, 6), "dateline")
    a3 = _article("art3", "Undated piece on Lebanon", ["Hezbollah fired rockets at northern Israel on Sunday."],
                  dt.date(2025, 2, 10), "estimated", published_start=dt.date(2025, 2, 1),
                  published_end=dt.date(2025, 2, 20), published_confidence=0.4,
                  published_evidence="mentions the February ceasefire talks")
    events: list[Event] = []
    events.append(_event(0, a1, dt.date(2025, 3, 10), actor="Esmail Qaani", actors=("Esmail Qaani", "Iran"),
                         etype="meeting", theater="Iraq", sentence="Esmail Qaani visited Baghdad last week and met "
                         "faction leaders.", para=1, precision="week", basis="relative", days=6,
                         sources=({"article_id": "art1", "source": "fixture/art1.txt", "title": a1.title,
                                   "sentence": "Esmail Qaani visited Baghdad last week and met faction leaders."},
                                  {"article_id": "artX", "source": "other/outlet.txt", "title": "Second outlet",
                                   "sentence": "Qaani was in Baghdad."})))
    events.append(_event(1, a2, dt.date(2025, 3, 3), actor="Kataib Hezbollah", actors=("Kataib Hezbollah",),
                         etype="attack", theater="Iraq", sentence=HOSTILE_SENTENCE, para=1, target="United States"))
    rng = np.random.default_rng(7)
    actors = [("United States", ("United States",), "airstrike", "Yemen", 15.35, 44.2),
              ("Houthis", ("Houthis", "Iran"), "attack", "Yemen", 15.0, 43.0),
              ("Hezbollah", ("Hezbollah", "Iran"), "attack", "Lebanon", 33.9, 35.5),
              ("Israel", ("Israel",), "airstrike", "Lebanon", 33.27, 35.2)]
    for i in range(2, 40):
        actor, acts, etype, theater, lat, lon = actors[i % 4]
        art = a3 if theater == "Lebanon" and i % 3 == 0 else a1
        day = dt.date(2025, 1, 6) + dt.timedelta(days=int(rng.integers(0, 80)))
        precision = ("day", "day", "month", "week")[i % 4]
        days = {"day": 0, "week": 6, "month": 27}[precision]
        basis = "relative+estimated" if art is a3 else ("explicit", "relative", "narrative")[i % 3]
        para = 0
        sentence = ("Hezbollah fired rockets at northern Israel on Sunday." if art is a3
                    else f"{actor} carried out an {etype} in {theater} number {i}.")
        events.append(_event(i, art, day, actor=actor, actors=acts, etype=etype, theater=theater,
                             sentence=sentence, para=para, precision=precision, basis=basis, days=days,
                             lat=lat + i * 0.01, lon=lon))
    # an explicit date in the article whose publication date is estimated: exact, drawn filled
    events.append(_event(40, a3, dt.date(2025, 2, 3), actor="Hezbollah", actors=("Hezbollah", "Iran"), etype="attack",
                         theater="Lebanon", sentence="On 3 February 2025 a drone hit Metula.", para=0))
    # the text names no one who acted
    events.append(_event(41, a1, dt.date(2025, 3, 5), actor="", actors=(), etype="attack", theater="Iraq",
                         sentence="A base near Erbil came under fire on 5 March.", para=1, lat=36.19, lon=44.01))
    a4 = _article("art4", UNDATED_TITLE, [f"The {UNKNOWN_ACTOR} said it would keep up its operations."], None,
                  "unknown")
    events.append(Event(
        event_id="ev0042", article_id="art4", date_start=None, date_end=None, date_precision="unknown", date_text="",
        date_value="", date_basis="publication", actors=(UNKNOWN_ACTOR,), actor=UNKNOWN_ACTOR, actor_text=UNKNOWN_ACTOR,
        target="", event_type="meeting", event_category="conflict", trigger="said", theater="Iraq", location="Iraq",
        latitude=33.2, longitude=43.7, sentence=a4.paragraphs[0], paragraph_index=0, title=a4.title, published=None,
        published_basis="unknown", source=a4.source,
        sources=({"article_id": "art4", "source": a4.source, "sentence": a4.paragraphs[0], "title": a4.title},)))
    return [a1, a2, a3, a4], events


def make_store(store_dir: Path) -> None:
    """A real EventStore filled with the fixture records."""
    from loaders.store import EventStore

    articles, events = fixture_records()
    EventStore(store_dir).add(articles, events)


# --- helpers to read charts back ---------------------------------------------------------------

def decode(values: object) -> list:
    """Plotly JSON arrays: plain lists, or {"dtype", "bdata"} base64 (plotly >= 6)."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values or [])


def chart_spec(at, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def marker_event_ids(spec: dict) -> list[str]:
    ids = []
    for trace in spec["data"]:
        if trace.get("mode") == "markers" and trace.get("customdata"):
            ids += [row[0] for row in trace["customdata"]]
    return ids


def qp(at, key: str) -> list[str]:
    value = at.query_params.get(key)
    return [] if value is None else ([value] if isinstance(value, str) else list(value))


def all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture()
def store_dir(tmp_path, monkeypatch):
    d = tmp_path / "store"
    make_store(d)
    monkeypatch.setenv("CONFLICT_TIMELINE_STORE", str(d))
    return d


@pytest.fixture()
def merged(store_dir):
    """The store's merged events (what the dashboard shows), as records with attribute access."""
    from loaders.store import EventStore

    frame = EventStore(store_dir).events()
    return [Merged(**r) for r in frame.to_dict("records")]


class Merged:
    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.actors = tuple(self.actors)
        self.date_end = self.date_end.date() if hasattr(self.date_end, "date") else self.date_end
        self.date_start = self.date_start.date() if hasattr(self.date_start, "date") else self.date_start
        base = self.date_basis.split("+")[0]
        self.estimated = base in ("relative", "narrative", "publication") and (
            self.date_basis.endswith("+estimated") or self.published_basis == "estimated")
        self.dated = self.date_start is not None and self.date_start == self.date_start  # NaT != NaT


@pytest.fixture()
def app(store_dir):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _by_key(widgets, key):
    return next(w for w in widgets if w.key == key)


# --- tests ------------------------------------------------------------------------------------

def test_opens_on_the_store_with_summary_and_timeline(app, merged):
    assert app.title[0].value == "Conflict Timeline"
    undated = sum(not e.dated for e in merged)
    assert undated == 1
    assert f"{len(merged)} events ({undated} undated)" in all_markdown(app)
    spec = chart_spec(app)
    assert sorted(marker_event_ids(spec)) == sorted(e.event_id for e in merged if e.dated)
    assert spec["layout"]["title"]["text"].startswith(f"Timeline — {len(merged)} events")  # = the header
    assert f"{undated} undated, not drawn" in spec["layout"]["title"]["text"]
    from loaders.query import NO_ACTOR

    choices = [a for a in _by_key(app.multiselect, "f_actors").options if a != NO_ACTOR]
    assert f" · {len(choices)} actors · " in all_markdown(app)  # the header counts the Actors filter's choices


@pytest.mark.parametrize("key, value, expected", [
    ("f_theaters", ["Lebanon"], lambda ids, recs: {e.event_id for e in recs if e.theater == "Lebanon"}),
    ("f_types", ["airstrike"], lambda ids, recs: {e.event_id for e in recs if e.event_type == "airstrike"}),
    ("f_precisions", ["week"], lambda ids, recs: {e.event_id for e in recs if e.date_precision == "week"}),
    ("f_bases", ["narrative"], lambda ids, recs: {e.event_id for e in recs if e.date_basis == "narrative"}),
])
def test_multiselect_filters_change_the_chart(app, merged, key, value, expected):
    _by_key(app.multiselect, key).set_value(value).run()
    assert not app.exception
    ids = set(marker_event_ids(chart_spec(app)))
    assert ids == expected(ids, merged)
    assert 0 < len(ids) < len(merged)


def test_actor_filter_with_and_without_affiliates(app, merged):
    _by_key(app.multiselect, "f_actors").set_value(["Iran"]).run()
    with_affiliates = set(marker_event_ids(chart_spec(app)))
    records = merged
    assert with_affiliates == {e.event_id for e in records if "Iran" in e.actors}
    assert "ev0000" in with_affiliates  # Qaani's visit counts as Iran's
    _by_key(app.toggle, "f_affiliated").set_value(False).run()
    spec = chart_spec(app)
    assert marker_event_ids(spec) == []  # nobody has "Iran" as actor or target
    _by_key(app.multiselect, "f_actors").set_value(["United States"]).run()
    ids = set(marker_event_ids(chart_spec(app)))
    assert "ev0001" in ids  # the US as target of the rocket attack


def test_search_and_estimated_and_date_range(app, merged):
    _by_key(app.text_input, "f_search").input("ROCKETS northern").run()
    ids = set(marker_event_ids(chart_spec(app)))
    records = merged
    assert ids == {e.event_id for e in records if "rockets at northern" in e.sentence.lower()}
    _by_key(app.text_input, "f_search").input("").run()
    _by_key(app.radio, "f_estimated").set_value("exclude").run()
    ids = set(marker_event_ids(chart_spec(app)))
    assert ids == {e.event_id for e in records if not e.estimated and e.dated}
    _by_key(app.radio, "f_estimated").set_value("any").run()
    _by_key(app.date_input, "f_dates").set_value((dt.date(2025, 3, 1), dt.date(2025, 3, 31))).run()
    ids = set(marker_event_ids(chart_spec(app)))
    assert ids == {e.event_id for e in records if e.dated and e.date_end >= dt.date(2025, 3, 1)}
    assert qp(app, "from") == ["2025-03-01"]


def test_lane_and_colour_switches(app):
    spec = chart_spec(app)
    assert "Esmail Qaani" in spec["layout"]["yaxis"]["ticktext"]
    _by_key(app.segmented_control, "v_lanes").set_value("theater").run()
    spec = chart_spec(app)
    assert set(spec["layout"]["yaxis"]["ticktext"]) == {"Iraq", "Yemen", "Lebanon"}
    names = {t.get("name") for t in spec["data"] if t.get("mode") == "markers" and t.get("customdata")}
    assert names == {"meeting", "attack", "airstrike"}
    _by_key(app.segmented_control, "v_color").set_value("theater").run()
    spec = chart_spec(app)
    names = {t.get("name") for t in spec["data"] if t.get("mode") == "markers" and t.get("customdata")}
    assert names == {"Iraq", "Yemen", "Lebanon"}
    assert qp(app, "lanes") == ["theater"] and qp(app, "color") == ["theater"]


def test_precision_and_estimates_are_visible_in_markers(app, merged):
    spec = chart_spec(app)
    symbols = {}
    for t in spec["data"]:
        if t.get("mode") == "markers" and t.get("customdata"):
            for row, sym in zip(t["customdata"], t["marker"]["symbol"], strict=True):
                symbols[row[0]] = sym
    by_id = {e.event_id: e for e in merged}
    assert symbols["ev0001"] == "circle" and by_id["ev0001"].date_precision == "day"
    assert symbols["ev0000"] == "square"  # week
    estimated = [i for i, e in by_id.items() if e.estimated]
    assert estimated and all(symbols[i].endswith("-open") for i in estimated)
    assert not any(symbols[i].endswith("-open") for i, e in by_id.items() if e.dated and not e.estimated)
    # "On 3 February 2025" in an article whose publication date is estimated: an exact date, drawn filled
    assert by_id["ev0040"].published_basis == "estimated" and symbols["ev0040"] == "circle"
    # week/month ranges are drawn as bars (line traces)
    assert any(t.get("mode") == "lines" for t in spec["data"])


def test_url_state_round_trip(store_dir, merged):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"theater": ["Yemen"], "lanes": "theater", "q": "airstrike"})
    at.run()
    assert not at.exception
    assert _by_key(at.multiselect, "f_theaters").value == ["Yemen"]
    assert _by_key(at.text_input, "f_search").value == "airstrike"
    ids = set(marker_event_ids(chart_spec(at)))
    assert ids == {e.event_id for e in merged if e.theater == "Yemen" and "airstrike" in e.sentence}
    assert ids


def test_drilldown_shows_article_escaped(app):
    app.session_state["selected_event"] = "ev0001"
    app.run()
    assert not app.exception
    text = all_markdown(app)
    # the hostile title and sentence are present, but only escaped
    assert r"\<script\>alert\(1\)\</script\>" in text
    assert r"\[click\]\(javascript\:alert\(2\)\)" in text
    assert r"\$5" in text and r"\<img src\=x onerror\=alert\(3\)\>" in text
    assert "<script>" not in text and "](javascript" not in text and " $5" not in text
    assert ":orange-background[**" in text  # the evidence sentence is highlighted
    assert "Published:" in text and "05 March 2025".replace("05", "06") in text


def test_drilldown_lists_every_merged_source(app):
    app.session_state["selected_event"] = "ev0000"
    app.run()
    text = all_markdown(app)
    assert "Sources merged into this event (2)" in text
    assert "Second outlet" in text and "other/outlet" in text


def test_hover_text_is_html_escaped(app):
    spec = chart_spec(app)
    blob = json.dumps(spec)
    assert "<script>" not in blob and "<img" not in blob
    assert "&lt;img src=x onerror=alert(3)&gt;" in blob


def run_with_selection(at, chart_index: int, points: list[dict]) -> None:
    """AppTest cannot click a chart: send the selection Streamlit's frontend would send."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    chart = at.get("plotly_chart")[chart_index]
    state = {"selection": {"points": points, "point_indices": list(range(len(points))), "box": [], "lasso": []}}
    tree = at._tree
    original = tree.get_widget_states

    def with_selection():
        states = original()
        states.widgets.append(WidgetState(id=chart.proto.id, json_value=json.dumps(json.dumps(state))))
        return states

    tree.get_widget_states = with_selection
    at.run()


def test_chart_click_opens_the_event(app):
    assert app.get("plotly_chart")[0].proto.selection_mode  # selection is enabled on the timeline
    run_with_selection(app, 0, [{"customdata": ["ev0001"], "curve_number": 0, "point_index": 0}])
    assert not app.exception, app.exception
    assert app.session_state["selected_event"] == "ev0001"
    assert "Selected event: attack" in all_markdown(app)
    assert qp(app, "event") == ["ev0001"]


def test_box_selection_lists_events_to_pick(app):
    run_with_selection(app, 0, [{"customdata": ["ev0002"]}, {"customdata": ["ev0003"]}])
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert set(table["event_id"]) == {"ev0002", "ev0003"}


@pytest.mark.parametrize("view, needle", [
    ("Events per week", "Events per week"),
    ("Map", "Where events happened"),
])
def test_other_views_render_and_follow_filters(app, merged, view, needle):
    _by_key(app.segmented_control, "view").set_value(view).run()
    assert not app.exception
    spec = chart_spec(app)
    assert needle in spec["layout"]["title"]["text"]
    total_before = _total(spec, view)
    _by_key(app.multiselect, "f_theaters").set_value(["Yemen"]).run()
    spec = chart_spec(app)
    assert _total(spec, view) == sum(1 for e in merged if e.theater == "Yemen") < total_before
    assert qp(app, "view") == [view]


def _total(spec: dict, view: str) -> int:
    if view == "Map":
        return sum(int(row[3]) for t in spec["data"] if t.get("customdata") for row in t["customdata"])
    return int(sum(sum(decode(t["y"])) for t in spec["data"] if t["type"] == "bar"))


def test_map_outlines_come_from_the_app_itself(app):
    _by_key(app.segmented_control, "view").set_value("Map").run()
    geo = chart_spec(app)["layout"]["geo"]
    assert all(geo.get(k) for k in ("showland", "showcountries", "showcoastlines", "showocean"))
    config = json.loads(app.get("plotly_chart")[0].proto.config)
    assert config["topojsonURL"] == "app/static/topojson/"  # Streamlit's static serving, never plotly's CDN
    import tomllib

    streamlit_config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert streamlit_config["server"]["enableStaticServing"] is True
    assert (ROOT / "static" / "topojson" / f"world_{geo['resolution']}m.json").is_file()


def test_download_buttons_present_with_right_types(app):
    buttons = {b.key: b for b in app.get("download_button")}
    assert {"dl_timeline_png", "dl_timeline_svg", "dl_timeline_html"} <= set(buttons)
    _by_key(app.segmented_control, "view").set_value("Events table").run()
    keys = {b.key for b in app.get("download_button")}
    assert {"dl_csv", "dl_json"} <= keys


def test_events_table_row_opens_drilldown(app, merged):
    _by_key(app.segmented_control, "view").set_value("Events table").run()
    frames = app.dataframe
    assert frames and len(frames[0].value) == len(merged)
    assert "Pick a row" in "\n".join(c.value for c in app.caption)


def test_publication_dates_panel_round_trip(app, store_dir):
    """Set the estimated article's date: manifest saved, events re-dated, panel updated."""
    _by_key(app.segmented_control, "view").set_value("Publication dates").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["title"]) == [UNDATED_TITLE, "Undated piece on Lebanon"]  # no date first, then the estimate
    _by_key(app.selectbox, "d_article").set_value("art3").run()
    _by_key(app.date_input, "d_date_art3").set_value(dt.date(2025, 2, 16))
    next(b for b in app.button if "Save date" in b.label).click().run()
    assert not app.exception, app.exception
    assert (store_dir / "manifest.csv").exists()
    from loaders.store import EventStore

    arts = EventStore(store_dir).articles().set_index("article_id")
    assert arts.loc["art3", "published"].date() == dt.date(2025, 2, 16)
    assert arts.loc["art3", "published_basis"] == "manifest"
    assert any("Saved 16 February 2025" in s.value for s in app.success)


def test_upload_bad_and_good_files(app, store_dir):
    """AppTest drives st.file_uploader: one good file, one bad type, one empty; each gets its message."""
    _by_key(app.segmented_control, "view").set_value("Add articles").run()
    good = (b"Houthis claim drone attack on ship\n\nThe Houthis said on 12 March 2025 they attacked a ship "
            b"in the Red Sea with drones.\n")
    app.file_uploader[0].set_value([("../../etc/report.txt", good, "text/plain"),
                                    ("evil.exe", b"MZ\x00\x01", "application/octet-stream"),
                                    ("empty.csv", b"", "text/csv")])
    app.run()
    _by_key(app.text_input, "u_published").input("2025-03-13")
    _by_key(app.button, "u_add").click().run()
    assert not app.exception, app.exception
    from loaders.app_state import escape_markdown

    errors = [e.value for e in app.error]  # messages are Markdown-escaped (file names are user input)
    assert any(m.startswith(escape_markdown("evil.exe: not a supported file type")) for m in errors)
    assert any(m.startswith(escape_markdown("empty.csv: the file is empty")) for m in errors)
    assert not any("report.txt" in m for m in errors)
    assert any("from 1 file" in s.value for s in app.success)
    from loaders.store import EventStore

    arts = EventStore(store_dir).articles()
    added = arts[arts["title"].str.contains("Houthis claim")]
    assert len(added) == 1 and added.iloc[0]["source"].startswith("report.txt")


# --- issue 16: the dashboard as a first-time analyst meets it -------------------------------------------

def header_events(at) -> int:
    """The event count of the header line ("**247 events from 21 articles · 66 actors · ...**")."""
    import re

    line = next(m.value for m in at.markdown if m.value.startswith("**") and " events" in m.value)
    return int(re.match(r"\*\*([\d,]+) events", line).group(1).replace(",", ""))


def test_dates_panel_lists_the_article_without_date_first_and_asks_for_it(app, store_dir):
    """No crash on an article with no date at all; it comes first, its date field starts empty, and
    Save is there: without a date it asks for one, with a date it saves."""
    _by_key(app.segmented_control, "view").set_value("Publication dates").run()
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    assert table.iloc[0]["title"] == UNDATED_TITLE and table.iloc[0]["needs"].startswith("no date")
    assert any("Publication date needed: 1 article with no date at all" in w.value for w in app.warning)
    assert _by_key(app.selectbox, "d_article").value == "art4"
    assert _by_key(app.date_input, "d_date_art4").value is None
    save = next(b for b in app.button if "Save date" in b.label)
    save.click().run()
    assert not app.exception and any("Enter the publication date first" in e.value for e in app.error)
    _by_key(app.date_input, "d_date_art4").set_value(dt.date(2025, 3, 2))
    next(b for b in app.button if "Save date" in b.label).click().run()
    assert not app.exception, app.exception
    from loaders.store import EventStore

    arts = EventStore(store_dir).articles().set_index("article_id")
    assert arts.loc["art4", "published"].date() == dt.date(2025, 3, 2)


def test_date_form_follows_the_picked_article(app):
    _by_key(app.segmented_control, "view").set_value("Publication dates").run()
    _by_key(app.toggle, "d_only").set_value(False).run()
    _by_key(app.selectbox, "d_article").set_value("art1").run()
    captions = "\n".join(c.value for c in app.caption)
    assert "20 March 2025" in captions
    assert _by_key(app.date_input, "d_date_art1").value == dt.date(2025, 3, 20)
    _by_key(app.selectbox, "d_article").set_value("art3").run()
    captions = "\n".join(c.value for c in app.caption)
    assert "10 February 2025" in captions and "20 March 2025" not in captions
    assert _by_key(app.date_input, "d_date_art3").value == dt.date(2025, 2, 10)
    assert not [w for w in app.date_input if w.key == "d_date_art1"]


def test_header_counts_follow_an_upload_and_agree_with_the_chart(app, store_dir):
    from loaders.store import EventStore

    before = header_events(app)
    assert before == len(EventStore(store_dir).events())
    _by_key(app.segmented_control, "view").set_value("Add articles").run()
    text = (b"Houthis claim drone attack on ship\n\nThe Houthis said on 12 March 2025 they attacked a ship "
            b"in the Red Sea with drones. On 11 March 2025 US jets struck Sanaa.\n")
    app.file_uploader[0].set_value([("houthis.txt", text, "text/plain")])
    app.run()
    _by_key(app.text_input, "u_published").input("2025-03-13")
    _by_key(app.button, "u_add").click().run()
    assert not app.exception, app.exception
    assert any("from 1 file" in s.value for s in app.success)
    after = header_events(app)
    assert after == len(EventStore(store_dir).events()) > before  # the header of the very next page
    _by_key(app.segmented_control, "view").set_value("Timeline").run()
    assert chart_spec(app)["layout"]["title"]["text"].startswith(f"Timeline — {after} events")


def test_upload_names_the_articles_that_still_need_a_date(app):
    _by_key(app.segmented_control, "view").set_value("Add articles").run()
    text = b"Militia vows to continue\n\nA militia said it would continue its operations against the base.\n"
    app.file_uploader[0].set_value([("vow.txt", text, "text/plain")])
    app.run()
    _by_key(app.button, "u_add").click().run()
    assert not app.exception, app.exception
    warnings = "\n".join(w.value for w in app.warning)
    assert "still needs a publication date" in warnings and "Militia vows to continue" in warnings
    _by_key(app.button, "u_set_dates").click().run()
    assert app.session_state["view"] == "Publication dates"
    picked = _by_key(app.selectbox, "d_article")
    assert picked.options[picked.index] == "Militia vows to continue"  # that article is the one asked about


def test_first_start_toast_once_with_the_header_numbers(tmp_path, monkeypatch):
    """The store is empty: the first session waits for the load and is told, with the same numbers
    as the header (merged events, not raw mentions); a later session is not told again."""
    from streamlit.testing.v1 import AppTest

    from loaders import app_state

    store_dir = tmp_path / "fresh"
    monkeypatch.setenv("CONFLICT_TIMELINE_STORE", str(store_dir))

    class Report:
        errors: list = []

        def summary(self):
            return "3 articles, 9999 events"  # what the old toast showed: the raw mention count

    def fake_ingest(settings):  # the bundled corpus stands in for fixture records (extraction is not tested here)
        make_store(settings.store_dir)
        return Report()

    monkeypatch.setattr(app_state, "ingest_samples", fake_ingest)
    first = AppTest.from_file(APP, default_timeout=60)
    first.run()
    assert not first.exception, first.exception
    toasts = [t.value for t in first.toast]
    assert len(toasts) == 1 and f"{header_events(first)} events" in toasts[0] and "9999" not in toasts[0]
    second = AppTest.from_file(APP, default_timeout=60)
    second.run()
    assert not second.exception and not list(second.toast)


def test_search_looks_in_sentences_only_and_marks_matches(app, merged):
    _by_key(app.text_input, "f_search").input("warns").run()  # a word of a title, in no sentence
    assert marker_event_ids(chart_spec(app)) == []
    _by_key(app.text_input, "f_search").input("Rockets").run()
    _by_key(app.segmented_control, "view").set_value("Events table").run()
    table = app.dataframe[0].value
    expected = {e.event_id for e in merged if "rockets" in e.sentence.lower()}
    assert set(table["event_id"]) == expected and expected
    assert all("«rockets»" in s.lower() for s in table["sentence"])
    event_id = sorted(expected)[0]
    app.session_state["selected_event"] = event_id
    app.run()
    text = all_markdown(app)
    assert ":blue-background[**rockets**]" in text.lower()
    assert ":orange-background[**" in text  # the evidence sentence is still highlighted around it


def test_unnamed_actor_lane_is_named_explained_and_can_be_hidden(app, merged):
    from loaders.query import NO_ACTOR

    unnamed = [e for e in merged if not e.actor]
    assert len(unnamed) == 1
    ticks = chart_spec(app)["layout"]["yaxis"]["ticktext"]
    assert NO_ACTOR in ticks and "(unknown)" not in ticks
    assert any("actor not named" in c.value and "without naming who acted" in c.value for c in app.caption)
    before = header_events(app)
    _by_key(app.toggle, "f_unnamed").set_value(False).run()
    assert NO_ACTOR not in chart_spec(app)["layout"]["yaxis"]["ticktext"]
    assert header_events(app) == before - len(unnamed)
    assert qp(app, "unnamed") == ["0"]
    assert unnamed[0].event_id not in marker_event_ids(chart_spec(app))


@pytest.mark.parametrize("view, widget, value, expected", [
    ("Timeline", None, None, "timeline-"),
    ("Timeline", "f_theaters", ["Yemen"], "timeline_in-yemen-"),
    ("Events per week", "f_types", ["airstrike"], "events-per-week_by-event-type_airstrike-"),
    ("Map", "f_search", "rockets", "map_q-rockets-"),
])
def test_exports_are_named_by_view_and_filters(app, view, widget, value, expected):
    if widget == "f_search":
        _by_key(app.text_input, widget).input(value).run()
    elif widget:
        _by_key(app.multiselect, widget).set_value(value).run()
    _by_key(app.segmented_control, "view").set_value(view).run()
    config = json.loads(app.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["filename"] == f"{expected}{dt.date.today():%Y%m%d}"


def test_lane_count_from_the_link_is_kept_inside_the_slider(store_dir):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"max_lanes": "1", "lanes": "theater"})
    at.run()
    assert not at.exception, at.exception
    assert _by_key(at.slider, "v_max_lanes").value == 5
