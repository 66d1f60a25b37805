"""loaders.charts: what the figures encode, aggregation past the point limit, escaping, exports."""
from __future__ import annotations

import base64
import datetime as dt
import json
import struct

import numpy as np
import pandas as pd
import pytest

from loaders import charts, query
from loaders.query import EventQuery, Filters, ViewOptions, prepare_events

D = dt.date


def decode(values):
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"])).tolist()
    return list(values or [])


def make_frame(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    actors = ["Houthis", "United States", "Israel", "Hezbollah", "Esmail Qaani"]
    theaters = ["Yemen", "Yemen", "Lebanon", "Lebanon", "Iraq"]
    types = ["attack", "airstrike", "airstrike", "attack", "meeting"]
    k = rng.integers(0, 5, n)
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D")
    precision = np.array(["day", "week", "month", "year"])[rng.integers(0, 4, n)]
    span = pd.to_timedelta(np.select([precision == "week", precision == "month", precision == "year"],
                                     [6, 29, 364], 0), unit="D")
    return prepare_events(pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)], "article_id": [f"a{i % 50}" for i in range(n)],
        "date_start": start, "date_end": start + span, "date_precision": precision,
        "date_text": "last week", "date_basis": np.where(rng.random(n) < 0.2, "relative+estimated", "explicit"),
        "actors": [[actors[i]] for i in k], "actor": [actors[i] for i in k], "target": "",
        "event_type": [types[i] for i in k], "theater": [theaters[i] for i in k], "location": "somewhere",
        "latitude": 15 + k * 3.0, "longitude": 44 - k * 2.0, "sentence": [f"Sentence {i}." for i in range(n)],
        "title": "A title", "published": pd.Timestamp("2025-01-01"), "published_basis": "field",
    }))


@pytest.fixture(scope="module")
def small():
    return EventQuery(make_frame(300))


@pytest.fixture(scope="module")
def big():
    return EventQuery(make_frame(query.RAW_POINT_LIMIT + 2000, seed=2))


def colors(engine):
    return charts.color_map(engine.options().event_types)


def marker_traces(fig):
    return [t for t in fig.to_plotly_json()["data"] if t.get("mode") == "markers" and t.get("customdata") is not None]


def test_raw_timeline_has_one_marker_per_event_with_ids(small):
    fig, info = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    assert not info["aggregated"] and info["n"] == 300
    ids = [row[0] for t in marker_traces(fig) for row in t["customdata"]]
    assert sorted(ids) == sorted(f"e{i}" for i in range(300))
    title = fig.layout.title.text
    assert "300 events" in title and "Click" in title
    assert fig.layout.xaxis.title.text == "Event date" and fig.layout.yaxis.title.text == "Actor"


def test_ranges_are_bars_and_symbols_follow_precision(small):
    fig, _ = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    lines = [t for t in fig.data if t.mode == "lines"]
    assert lines, "ranges should be drawn as bars"
    events = small.events(Filters()).set_index("event_id")
    for t in marker_traces(fig):
        for row, sym in zip(t["customdata"], t["marker"]["symbol"], strict=True):
            ev = events.loc[row[0]]
            assert sym.startswith(charts.PRECISION_SYMBOLS[ev["date_precision"]])
            assert sym.endswith("-open") == bool(ev["is_estimated"])
    legend2 = [t.name for t in fig.data if getattr(t, "legend", None) == "legend2"]
    assert "day" in legend2 and "hollow = estimated date" in legend2 and "bar = date range" in legend2


def test_filter_change_changes_the_figure(small):
    fig_all, _ = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    fig_yemen, _ = charts.timeline_view(small, Filters(theaters=("Yemen",)), ViewOptions(lane_by="theater"),
                                        colors(small))
    n_all = sum(len(t["customdata"]) for t in marker_traces(fig_all))
    n_yemen = sum(len(t["customdata"]) for t in marker_traces(fig_yemen))
    assert 0 < n_yemen < n_all
    assert list(fig_yemen.layout.yaxis.ticktext) == ["Yemen"]


def test_many_events_are_aggregated_and_the_chart_says_so(big):
    fig, info = charts.timeline_view(big, Filters(), ViewOptions(), colors(big))
    assert info["aggregated"] and info["bucket"] == "week"
    assert "aggregated" in fig.layout.title.text and "per week" in fig.layout.title.text
    counts = [n for t in json.loads(fig.to_json())["data"] if "customdata" in t for n in decode(t["customdata"])[2::5]]
    assert sum(counts) == info["n"] == query.RAW_POINT_LIMIT + 2000
    assert len(fig.to_json()) < 2_000_000


def test_aggregated_point_click_lists_exactly_its_events(big):
    fig, info = charts.timeline_view(big, Filters(), ViewOptions(), colors(big))
    spec = json.loads(fig.to_json())  # what the browser gets: numeric arrays as base64
    checked = 0
    for curve, trace in enumerate(spec["data"]):
        if trace.get("mode") != "markers" or "customdata" not in trace:
            continue
        flat = decode(trace["customdata"])
        rows = [flat[i:i + 5] for i in range(0, len(flat), 5)]
        for row in rows[:3]:
            lane, color, start, end = charts.agg_point(fig, {"curve_number": curve, "customdata": row})
            assert lane in info["lanes"] and (end - start).days == 6 and start.weekday() == 0
            listed = big.bucket_events(Filters(), "actor", lane, start, end, "event_type", color)
            assert len(listed) == row[2] and set(listed["event_type"]) == {color}
            checked += 1
    assert checked >= 3
    assert charts.agg_point(fig, {"customdata": []}) is None


def test_lane_limit_is_announced_and_counts_agree_with_the_header(small):
    fig, info = charts.timeline_view(small, Filters(), ViewOptions(max_lanes=2), colors(small))
    assert len(fig.layout.yaxis.tickvals) == 2 and info["total_lanes"] == 5
    drawn = sum(len(t["customdata"]) for t in marker_traces(fig))
    assert f"Timeline — {small.summary(Filters()).events:,} events" in fig.layout.title.text  # = the header
    assert f"the busiest 2 of 5 lanes hold {drawn:,} of them" in fig.layout.title.text


def test_empty_result_gives_a_message_not_an_error(small):
    fig, info = charts.timeline_view(small, Filters(search="no such words"), ViewOptions(), colors(small))
    assert info["n"] == 0 and "No events match" in fig.layout.annotations[0].text


def test_hover_text_is_escaped():
    frame = make_frame(3)
    frame.loc[0, "sentence"] = "Attack <img src=x onerror=alert(1)> & <b>bold</b>"
    frame.loc[0, "event_type"] = "<i>type</i>"
    engine = EventQuery(frame)
    fig, _ = charts.timeline_view(engine, Filters(), ViewOptions(), {})
    blob = json.dumps(fig.to_plotly_json(), default=str)
    assert "<img" not in blob and "<b>bold" not in blob and "<i>type" not in blob
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in blob


def test_weekly_bars_sum_to_the_filtered_count(small):
    fig = charts.weekly_view(small, Filters(theaters=("Lebanon",)), "event_type", colors(small))
    total = sum(sum(decode(t["y"])) for t in fig.to_plotly_json()["data"])
    assert total == small.count(Filters(theaters=("Lebanon",)))
    assert fig.layout.barmode == "stack" and fig.layout.yaxis.title.text == "Events"


def test_map_has_outlines_from_shipped_files_and_counts_places(small):
    fig = charts.map_view(small, Filters(), colors(small))
    geo = fig.layout.geo
    assert all([geo.showland, geo.showcountries, geo.showcoastlines, geo.showocean])
    name = f"world_{geo.resolution}m"  # the file plotly.js asks for: shipped, so it is never downloaded
    assert (charts.TOPOJSON_DIR / f"{name}.json").is_file()
    assert json.loads((charts.TOPOJSON_DIR / f"{name}.json").read_text())["objects"].keys() >= {
        "land", "ocean", "coastlines", "countries"}
    assert charts.plotly_config("map")["topojsonURL"] == charts.TOPOJSON_URL == "app/static/topojson/"
    counts = sum(int(row[3]) for t in marker_traces(fig) for row in t["customdata"])
    assert counts == 300
    sizes = {int(row[3]): s for t in marker_traces(fig) for row, s in zip(t["customdata"],
                                                                           decode(t["marker"]["size"]), strict=True)}
    assert sizes[max(sizes)] > sizes[min(sizes)]  # size grows with the number of events


@pytest.mark.parametrize("build", ["timeline", "aggregated", "weekly", "map", "empty"])
def test_figures_are_valid_plotly(small, big, build):
    """Figures are assembled without plotly's per-call validation (speed): validate them here once."""
    import plotly.graph_objects as go

    fig = {"timeline": lambda: charts.timeline_view(small, Filters(), ViewOptions(), colors(small))[0],
           "aggregated": lambda: charts.timeline_view(big, Filters(), ViewOptions(), colors(big))[0],
           "weekly": lambda: charts.weekly_view(small, Filters(), "theater", colors(small)),
           "map": lambda: charts.map_view(small, Filters(), colors(small)),
           "empty": lambda: charts.timeline_view(small, Filters(search="zzz"), ViewOptions(), {})[0]}[build]()
    validated = go.Figure(json.loads(fig.to_json()))
    assert len(validated.data) == len(fig.data)


def test_toolbar_button_has_size_and_name():
    cfg = charts.plotly_config("Conflict timeline / Yemen", width=1600, height=900)
    opts = cfg["toImageButtonOptions"]
    assert opts["width"] == 1600 and opts["height"] == 900 and opts["format"] == "png"
    assert opts["filename"].startswith("conflict-timeline-yemen-") and "/" not in opts["filename"]


def test_html_export_is_standalone(small):
    fig, _ = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    page = charts.html_bytes(fig).decode()
    assert page.lstrip().lower().startswith("<html") or "<!doctype" in page[:50].lower()
    assert "plotly" in page and "cdn.plot.ly/plotly" not in page  # plotly.js inlined: works offline


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(charts.find_chromium() is None, reason="no Chromium: kaleido cannot draw")
def test_png_and_svg_export(small):
    fig, _ = charts.timeline_view(small, Filters(theaters=("Iraq",)), ViewOptions(), colors(small))
    assert _png_size(charts.image_bytes(fig, "png", width=1200, height=600)) == (1200, 600)
    svg = charts.image_bytes(fig, "svg").decode()
    assert svg.startswith("<svg") and "http://www.w3.org/2000/svg" in svg
    geo = charts.map_view(small, Filters(), colors(small))
    assert _png_size(charts.image_bytes(geo, "png", width=800, height=500)) == (800, 500)  # offline map exports


def test_missing_chromium_is_a_clear_error(small, monkeypatch):
    monkeypatch.setattr(charts, "find_chromium", lambda: None)
    fig, _ = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    with pytest.raises(charts.ExportError, match="apt-get install chromium"):
        charts.image_bytes(fig, "png")


# --- one visual channel, one meaning ------------------------------------------------------------------

def test_colour_key_shows_swatches_and_shape_key_is_grey(small):
    fig, _ = charts.timeline_view(small, Filters(), ViewOptions(), colors(small))
    data = fig.to_plotly_json()["data"]
    colour_key = [t for t in data if t.get("showlegend") and t.get("legend", "legend") == "legend"]
    shape_key = [t for t in data if t.get("legend") == "legend2"]
    assert colour_key and all(t["mode"] == "lines" for t in colour_key)  # a swatch, never a marker shape
    assert len({t["line"]["color"] for t in colour_key}) == len(colour_key)
    assert {t["name"] for t in colour_key} == set(small.options().event_types)
    drawn = [t for t in data if t.get("customdata") is not None or (t.get("mode") == "lines" and "legend" not in t
                                                                     and len(t["x"]) > 1)]
    assert drawn and not any(t.get("showlegend", True) for t in drawn)  # data traces stay out of the key
    for t in colour_key:  # clicking a swatch hides its events: same legendgroup
        assert any(d.get("legendgroup") == t["legendgroup"] for d in drawn)
    assert all(t["marker"]["color"] == "#555" for t in shape_key if "marker" in t)
    assert fig.layout.legend.tracegroupgap == 0


@pytest.mark.parametrize("n_types, lanes", [(12, 1), (12, 3), (4, 30)])
def test_legend_fits_without_scrolling(n_types, lanes):
    """Plotly shrinks a legend taller than the plot into a scrolling box (and exports cut it off)."""
    frame = make_frame(400, seed=3)
    frame["event_type"] = [f"type {i % n_types:02d}" for i in range(len(frame))]
    frame["actor"] = [f"actor {i % lanes}" for i in range(len(frame))]
    frame["actors"] = [[a] for a in frame["actor"]]
    engine = EventQuery(frame)
    fig, _ = charts.timeline_view(engine, Filters(), ViewOptions(), colors(engine))
    layout = fig.layout
    plot_height = layout.height - layout.margin.t - layout.margin.b
    rows = len([t for t in fig.data if t.showlegend and getattr(t, "legend", None) in (None, "legend")])
    assert rows == n_types
    assert plot_height >= charts._LEGEND_ROW_PX * (rows + 1.5)


def test_colours_never_repeat_rare_values_are_grouped_as_other():
    theaters = [f"Theater {i:02d}" for i in range(25)]
    cmap = charts.color_map(theaters)
    assert len(cmap) == len(charts.PALETTE) and len(set(cmap.values())) == len(cmap)
    assert charts.OTHER_COLOR not in cmap.values()
    weekly = pd.DataFrame({"week": pd.to_datetime(["2025-01-06"] * 25), "stack": theaters, "n": range(1, 26)})
    fig = charts.weekly_figure(weekly, "theater", cmap)
    colours = [t.marker.color for t in fig.data]
    assert len(colours) == len(set(colours)) == len(charts.PALETTE) + 1
    other = [t for t in fig.data if t.marker.color == charts.OTHER_COLOR]
    assert [t.name for t in other] == [charts.other_label("theater", 25 - len(charts.PALETTE))]
    assert sum(sum(decode(t.to_plotly_json()["y"])) for t in fig.data) == sum(range(1, 26))


def test_timeline_coloured_by_many_theaters_has_one_grey_entry():
    frame = make_frame(300, seed=4)
    frame["theater"] = [f"Theater {i % 22:02d}" for i in range(len(frame))]
    engine = EventQuery(frame)
    cmap = charts.color_map(engine.options().theaters)
    fig, _ = charts.timeline_view(engine, Filters(), ViewOptions(color_by="theater"), cmap)
    key = [t for t in fig.data if t.showlegend and getattr(t, "legend", None) in (None, "legend")]
    assert len(key) == len(charts.PALETTE) + 1
    assert len({t.line.color for t in key}) == len(key) and key[-1].name.startswith("Other theaters (6)")


def test_aggregated_grey_point_lists_the_rare_values(big):
    cmap = charts.color_map(big.options().event_types[:2])  # only two types coloured: the rest is "other"
    fig, info = charts.timeline_view(big, Filters(), ViewOptions(), cmap)
    assert info["aggregated"]
    spec = json.loads(fig.to_json())
    curve = next(i for i, t in enumerate(spec["data"]) if t.get("meta") and t["meta"][3])
    flat = decode(spec["data"][curve]["customdata"])
    lane, color, start, end = charts.agg_point(fig, {"curve_number": curve, "customdata": flat[:5]})
    assert color is None
    listed = big.bucket_events(Filters(), "actor", lane, start, end, "event_type", exclude_colors=list(cmap))
    assert len(listed) == flat[2] and not set(listed["event_type"]) & set(cmap)


# --- export names say what is inside ------------------------------------------------------------------

@pytest.mark.parametrize("view, filters, options, expected", [
    ("timeline", Filters(), ViewOptions(), "timeline"),
    ("timeline", Filters(theaters=("Yemen",)), ViewOptions(lane_by="theater"), "timeline_by-theater_in-yemen"),
    ("timeline", Filters(actors=("Iran", "Houthis"), include_affiliated=False), ViewOptions(),
     "timeline_actor-iran+houthis-only"),
    ("map", Filters(date_from=D(2024, 1, 1), date_to=D(2024, 6, 30), search="drone  Baghdad"), None,
     "map_2024-01-01-to-2024-06-30_q-drone-baghdad"),
    ("events", Filters(event_types=("Air/drone strike",), estimated="only", hide_unnamed=True), None,
     "events_air-drone-strike_estimated-only_named-actors"),
    ("timeline", Filters(actors=("A", "B", "C", "D", "E")), ViewOptions(), "timeline_actor-a+b+c+2-more"),
])
def test_export_names_follow_view_and_filters(view, filters, options, expected):
    name = charts.safe_filename(charts.export_name(view, filters, options), limit=110)
    assert name == f"{expected}-{dt.date.today():%Y%m%d}"
    assert "/" not in name and " " not in name


# --- the map never downloads: shapes in the page, in HTML exports, in kaleido's page ------------------

def test_html_export_of_a_map_carries_the_shapes(small):
    page = charts.html_bytes(charts.map_view(small, Filters(), colors(small))).decode()
    assert "window.PlotlyGeoAssets" in page and '"world_110m"' in page and '"world_50m"' in page
    assert "cdn.plot.ly" not in page.split("window.PlotlyGeoAssets")[0][-2000:]
    timeline = charts.html_bytes(charts.timeline_view(small, Filters(), ViewOptions(), colors(small))[0]).decode()
    assert "PlotlyGeoAssets = window" not in timeline  # only maps need them


def test_kaleido_page_loads_nothing_from_the_network():
    page = charts._kaleido_page().generate_index()
    assert "mathjax" not in page.lower() and "https://" not in page
    assert "plotly-geo-assets.js" in page


def test_map_opens_on_the_busiest_region_not_the_whole_world():
    points = pd.DataFrame({"location": ["Israel", "Gaza", "Lebanon", "Iran", "Yemen", "United States"],
                           "latitude": [31.0, 31.4, 33.9, 32.4, 15.5, 39.8],
                           "longitude": [34.9, 34.4, 35.9, 53.7, 48.5, -98.6],
                           "n": [36, 19, 18, 22, 11, 33], "theater": "x", "top_type": "attack",
                           "first_date": D(2025, 1, 1), "last_date": D(2025, 2, 1), "example_event": "e"})
    fig = charts.map_figure(points, {"attack": "#000"}, located=139, total=139)
    lat, lon = fig.layout.geo.lataxis.range, fig.layout.geo.lonaxis.range
    assert lon[0] > -20 and lon[1] - lon[0] < 100  # Washington's statements do not stretch it to America
    assert lat[0] < 15.5 and lat[1] > 33.9 and lon[0] < 34.4 and lon[1] > 53.7  # every Middle East place in view
    assert "33 lie outside this view" in fig.layout.title.text
    assert fig.layout.geo.resolution == 50  # zoomed in: the finer shapes
