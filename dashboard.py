"""Conflict Timeline dashboard: `streamlit run dashboard.py`.

Thin on purpose: widgets here, logic in loaders.query (filters, aggregation, URL state),
loaders.charts (figures, export) and loaders.app_state (store, uploads, dates, safe text).
The store is CONFLICT_TIMELINE_STORE or data/store; an empty store gets the bundled sample
corpus on first start. Article text is only ever shown escaped (no HTML, no Markdown).
"""
from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Conflict Timeline", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="expanded")

import datetime as dt  # noqa: E402
from dataclasses import replace  # noqa: E402
from typing import Any  # noqa: E402

import pandas as pd  # noqa: E402

from loaders import app_state, charts, query  # noqa: E402
from loaders.settings import Settings  # noqa: E402

VIEWS = ("Timeline", "Events per week", "Map", "Events table", "Publication dates", "Add articles")
VIEW_PARAM = "view"
URL_KEYS = ("actor", "theater", "type", "precision", "basis", "affiliated", "from", "to", "q", "estimated",
            "unnamed", "lanes", "color", "max_lanes", "event", VIEW_PARAM)
LANE_LABELS = {"actor": "Actor", "theater": "Theater"}
COLOR_LABELS = {"event_type": "Event type", "theater": "Theater"}
ESTIMATED_LABELS = {"any": "Any", "only": "Only estimated", "exclude": "Exclude estimated"}
LANES_MIN, LANES_MAX = 5, 60
UNNAMED_HELP = (f"“{query.NO_ACTOR}”: the text reports the event but names no one who did it (“a drone struck "
                "the base”, “rockets were fired”). Off leaves these events out of every view and count.")
# static page code only (never article text): tighter top padding so a chart fits at 1366x768, and Enter in a
# date field commits it (Streamlit's date field otherwise applies a typed date only when focus leaves it)
PAGE_HTML = """<style>.block-container{padding-top:3.4rem;padding-bottom:1rem}
h1{padding-top:0.2rem!important;padding-bottom:0.2rem!important}</style>
<script>
if (!window.__ctEnterCommitsDates) {
  window.__ctEnterCommitsDates = true;
  document.addEventListener("keydown", (e) => {
    const field = e.key === "Enter" && e.target instanceof Element
      && e.target.closest('[data-testid="stDateInputField"]');
    if (field) {  // what a click outside the field does: the field commits the typed dates
      e.preventDefault();
      for (const type of ["pointerdown", "pointerup"]) document.body.dispatchEvent(new PointerEvent(type, {bubbles: true}));
      e.target.blur();
    }
  }, true);
}
</script>"""

settings = Settings.from_env()
STORE_KEY = str(settings.store_dir)


# --- loading (cached) ---------------------------------------------------------------------

@st.cache_resource(show_spinner="First start: reading the bundled sample corpus into the store…")
def first_start(store_dir: str) -> dict[str, Any]:
    """Once per process and store: fill an empty store with the sample corpus. The returned dict
    is shared by all sessions: the first one to render announces the load (`announced`)."""
    store = app_state.open_store(settings)
    if app_state.is_empty(store):
        app_state.ingest_samples(settings)
        return {"ingested": True, "announced": False}
    return {"ingested": False, "announced": True}


@st.cache_data(show_spinner="Loading events…", max_entries=3)
def load_events(store_dir: str, version: tuple[str, ...]) -> Any:
    """What the engine loads: the store's derived Parquet path (DuckDB reads it directly), else Arrow."""
    return app_state.load_events_source(app_state.open_store(settings))


@st.cache_data(show_spinner=False, max_entries=3)
def load_articles(store_dir: str, version: tuple[str, ...]) -> pd.DataFrame:
    return app_state.load_articles(app_state.open_store(settings))


@st.cache_resource(show_spinner="Indexing events…", max_entries=2)
def get_engine(store_dir: str, version: tuple[str, ...]) -> tuple[query.EventQuery, query.Options]:
    """The DuckDB engine is a resource (one per store version, shared by sessions, never copied)."""
    engine = query.EventQuery(load_events(store_dir, version), members=app_state.actor_members(),
                              sources=lambda event_id: app_state.event_sources(app_state.open_store(settings), event_id))
    return engine, engine.options()


@st.cache_resource(show_spinner=False, max_entries=2)
def get_colors(store_dir: str, version: tuple[str, ...]) -> dict[str, dict[str, str]]:
    _, opts = get_engine(store_dir, version)
    return {"event_type": charts.color_map(opts.event_types), "theater": charts.color_map(opts.theaters)}


# Figures are shared by every session for a store version and filter set: a new session, or a
# filter set someone already looked at, gets its chart without querying or building again.
@st.cache_resource(show_spinner=False, max_entries=64)
def timeline_figure(store_dir: str, version: tuple[str, ...], filters: query.Filters,
                    view: query.ViewOptions) -> tuple[Any, dict]:
    engine, _ = get_engine(store_dir, version)
    return charts.timeline_view(engine, filters, view, get_colors(store_dir, version)[view.color_by])


@st.cache_resource(show_spinner=False, max_entries=32)
def weekly_figure(store_dir: str, version: tuple[str, ...], filters: query.Filters, stack: str) -> Any:
    engine, _ = get_engine(store_dir, version)
    return charts.weekly_view(engine, filters, stack, get_colors(store_dir, version)[stack])


@st.cache_resource(show_spinner=False, max_entries=32)
def map_figure(store_dir: str, version: tuple[str, ...], filters: query.Filters) -> Any:
    engine, _ = get_engine(store_dir, version)
    return charts.map_view(engine, filters, get_colors(store_dir, version)["event_type"])


def clear_caches() -> None:
    for cached in (load_events, load_articles, get_engine, get_colors, timeline_figure, weekly_figure, map_figure):
        cached.clear()


boot = first_start(STORE_KEY)
store = app_state.open_store(settings)
version = app_state.store_version(store)
engine, options = get_engine(STORE_KEY, version)
articles_df = load_articles(STORE_KEY, version)
COLORS = get_colors(STORE_KEY, version)
type_colors = COLORS["event_type"]


# --- state from the URL (first run of a session only) -------------------------------------

def init_state_from_url() -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    f, v = query.from_query_params(params)
    ss = st.session_state

    def keep(values: tuple[str, ...], allowed: list[str]) -> list[str]:
        return [x for x in values if x in allowed]

    ss["f_actors"] = keep(f.actors, options.actors)
    ss["f_affiliated"] = f.include_affiliated
    ss["f_theaters"] = keep(f.theaters, options.theaters)
    ss["f_types"] = keep(f.event_types, options.event_types)
    ss["f_precisions"] = keep(f.precisions, options.precisions)
    ss["f_bases"] = keep(f.date_bases, options.date_bases)
    ss["f_search"] = f.search
    ss["f_estimated"] = f.estimated
    ss["f_unnamed"] = not f.hide_unnamed
    lo, hi = options.date_min, options.date_max
    if lo and hi:
        start = min(max(f.date_from or lo, lo), hi)
        end = max(min(f.date_to or hi, hi), lo)
        ss["f_dates"] = (start, end)
    ss["v_lanes"] = v.lane_by
    ss["v_color"] = v.color_by
    ss["v_max_lanes"] = min(max(v.max_lanes, LANES_MIN), LANES_MAX)  # the slider's range: ?max_lanes=1 is 5
    ss["selected_event"] = v.event
    view = (params.get(VIEW_PARAM) or [""])[0]
    ss["view"] = view if view in VIEWS else VIEWS[0]
    ss["_url_loaded"] = True


if not st.session_state.get("_url_loaded"):
    init_state_from_url()


def reconcile_state() -> None:
    """After the store changed (upload, date fix), keep widget values inside the new options."""
    ss = st.session_state
    for key, allowed in (("f_actors", options.actors), ("f_theaters", options.theaters),
                         ("f_types", options.event_types), ("f_precisions", options.precisions),
                         ("f_bases", options.date_bases)):
        values = ss.get(key) or []
        if any(v not in allowed for v in values):
            ss[key] = [v for v in values if v in allowed]
    dates = ss.get("f_dates")
    lo, hi = options.date_min, options.date_max
    if dates is not None and tuple(dates) == ss.get("_date_bounds") and (lo, hi) != ss.get("_date_bounds"):
        dates = ss["f_dates"] = (lo, hi)  # "all dates" stays "all dates" when the store grows
    ss["_date_bounds"] = (lo, hi)
    if lo and hi and isinstance(dates, (tuple, list)) and dates:
        clamped = tuple(min(max(d, lo), hi) for d in dates)
        if clamped != tuple(dates):
            ss["f_dates"] = clamped
    elif lo and hi and not dates:
        ss["f_dates"] = (lo, hi)


reconcile_state()


def reset_filters() -> None:
    for key in ("f_actors", "f_theaters", "f_types", "f_precisions", "f_bases"):
        st.session_state[key] = []
    st.session_state["f_affiliated"] = True
    st.session_state["f_unnamed"] = True
    st.session_state["f_search"] = ""
    st.session_state["f_estimated"] = "any"
    if options.date_min and options.date_max:
        st.session_state["f_dates"] = (options.date_min, options.date_max)
    st.session_state["selected_event"] = ""


# --- sidebar: filters ----------------------------------------------------------------------

def current_filters() -> query.Filters:
    ss = st.session_state
    dates = ss.get("f_dates") or ()
    date_from = date_to = None
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        date_from, date_to = dates
        if date_from == options.date_min:
            date_from = None
        if date_to == options.date_max:
            date_to = None
    return query.Filters(
        actors=tuple(ss.get("f_actors") or ()), include_affiliated=bool(ss.get("f_affiliated", True)),
        theaters=tuple(ss.get("f_theaters") or ()), event_types=tuple(ss.get("f_types") or ()),
        date_from=date_from, date_to=date_to, search=ss.get("f_search") or "",
        precisions=tuple(ss.get("f_precisions") or ()), date_bases=tuple(ss.get("f_bases") or ()),
        estimated=ss.get("f_estimated") or "any", hide_unnamed=not ss.get("f_unnamed", True))


def current_view() -> query.ViewOptions:
    ss = st.session_state
    return query.ViewOptions(lane_by=ss.get("v_lanes") or "actor", color_by=ss.get("v_color") or "event_type",
                             max_lanes=int(ss.get("v_max_lanes") or 20), event=ss.get("selected_event") or "")


def sync_url(filters: query.Filters, view: query.ViewOptions) -> None:
    """Write the state into the address bar (only what changed, so no needless reruns)."""
    wanted = query.to_query_params(filters, view)
    if st.session_state.get("view", VIEWS[0]) != VIEWS[0]:
        wanted[VIEW_PARAM] = st.session_state["view"]
    for key in URL_KEYS:
        value = wanted.get(key)
        current = st.query_params.get_all(key)
        target = [] if value is None else ([value] if isinstance(value, str) else list(value))
        if current != target:
            if target:
                st.query_params[key] = target if len(target) > 1 else target[0]
            elif key in st.query_params:
                del st.query_params[key]


# --- pieces used by several views -----------------------------------------------------------

def download_row(fig: Any, name: str, key: str) -> None:
    """PNG / SVG (kaleido, server side) and interactive HTML downloads for one figure, named by
    view and filters (`charts.export_name`)."""
    chromium = charts.find_chromium()
    c1, c2, c3, c4 = st.columns([1, 1, 1, 7], gap="small")
    stem = charts.safe_filename(name, limit=110)
    c1.download_button("⬇ PNG", data=lambda: charts.image_bytes(fig, "png"), file_name=f"{stem}.png",
                       mime="image/png", key=f"{key}_png", disabled=chromium is None, on_click="ignore")
    c2.download_button("⬇ SVG", data=lambda: charts.image_bytes(fig, "svg"), file_name=f"{stem}.svg",
                       mime="image/svg+xml", key=f"{key}_svg", disabled=chromium is None, on_click="ignore")
    c3.download_button("⬇ HTML", data=lambda: charts.html_bytes(fig, name), file_name=f"{stem}.html",
                       mime="text/html", key=f"{key}_html", on_click="ignore",
                       help="Interactive chart that opens offline in any browser.")
    if chromium is None:
        c4.caption(charts.MISSING_CHROMIUM)


md = app_state.escape_markdown  # every string built from data goes through this before Markdown


def select_event(event_id: str) -> None:
    st.session_state["selected_event"] = event_id


def event_picker(frame: pd.DataFrame, key: str, caption: str, terms: list[str] | None = None) -> None:
    """A compact table of events; picking a row opens it in the drill-down panel. Search words
    are marked «like this» in the sentence (a table cell cannot colour a part of its text)."""
    if frame.empty:
        return
    st.caption(caption)
    show = frame[["event_id", "date_start", "date_precision", "actor", "event_type", "theater", "sentence"]].copy()
    show["date_start"] = pd.to_datetime(show["date_start"]).dt.date
    if terms:
        show["sentence"] = [app_state.mark_terms(s, terms) for s in show["sentence"]]
    state = st.dataframe(show, key=key, hide_index=True, on_select="rerun", selection_mode="single-row",
                         column_config={"event_id": None, "date_start": "Date", "date_precision": "Precision",
                                        "actor": "Actor", "event_type": "Type", "theater": "Theater",
                                        "sentence": st.column_config.TextColumn("Evidence sentence", width="large")},
                         height=min(38 + 35 * len(show), 300))
    rows = state.selection.rows if state is not None else []
    if rows:
        select_event(str(show.iloc[rows[0]]["event_id"]))


def drilldown(event_id: str, terms: list[str]) -> None:
    """The selected event with its article paragraph (evidence on orange, search words on blue)
    and every source."""
    ev = engine.event(event_id) if event_id else None
    if ev is None:
        st.info("Click an event on the chart (or pick a row in a table) to read the article it comes from.")
        return
    with st.container(border=True):
        st.markdown(f"#### Selected event: {md(ev['event_type'])} — {md(charts._date_label(pd.Series(ev)))}")
        estimated = " · :orange[**estimated date**]" if ev["is_estimated"] else ""
        st.markdown(f"**Date text:** “{md(ev['date_text'] or '—')}” · **precision:** "
                    f"{md(ev['date_precision'])}{estimated} · **basis:** {md(ev['date_basis'])}")
        actors = ", ".join(ev["actors"]) if len(ev["actors"]) else ev["actor"]
        st.markdown(f"**Actors:** {md(actors)} · **target:** {md(ev['target'] or '—')} · **where:** "
                    f"{md(ev['location'] or ev['theater'])}")
        art = articles_df[articles_df["article_id"] == ev["article_id"]]
        if art.empty:
            st.warning("The article of this event is not in the store any more.")
        else:
            a = art.iloc[0]
            st.markdown(f"##### {md(a['title'])}")
            st.markdown(f"**Published:** {md(app_state.published_label(a['published'], a['published_basis']))}"
                        f" · **source:** {md(a['source'])}")
            idx, para = app_state.find_paragraph(a["paragraphs"], ev.get("paragraph_index"), ev["sentence"])
            if para:
                st.caption(f"Paragraph {idx + 1} of {len(a['paragraphs'])}, evidence highlighted"
                           + (", search words in blue:" if terms else ":"))
                st.markdown(app_state.highlighted_markdown(para, ev["sentence"], terms))
            else:
                st.markdown(f"**Evidence:** {app_state.highlighted_text(ev['sentence'], terms)}")
        raw_sources = ev.get("sources")
        sources = [dict(x) for x in raw_sources] if raw_sources is not None and len(raw_sources) else []
        st.markdown(f"**Sources merged into this event ({max(len(sources), 1)}):**")
        if not sources:
            sources = [{"title": ev["title"], "source": "", "sentence": ev["sentence"]}]
        for s in sources:
            st.markdown(f"- *{md(s.get('title', ''))}* ({md(s.get('source', ''))}): "
                        f"{app_state.highlighted_text(s.get('sentence', ''), terms)}")


def selected_points(state: Any) -> list[dict]:
    try:
        return list(state.selection.points)
    except AttributeError:
        return []


# --- views ----------------------------------------------------------------------------------

def timeline_view(filters: query.Filters) -> None:
    c1, c2, c3 = st.columns([1, 1, 2])
    c1.segmented_control("Lanes", list(LANE_LABELS), key="v_lanes", format_func=LANE_LABELS.get, required=True)
    c2.segmented_control("Colour by", list(COLOR_LABELS), key="v_color", format_func=COLOR_LABELS.get,
                         required=True)
    c3.slider("Lanes shown (busiest first)", LANES_MIN, LANES_MAX, key="v_max_lanes")
    view = current_view()
    fig, info = timeline_figure(STORE_KEY, version, filters, replace(view, event=""))  # a click keeps the figure
    name = charts.export_name("timeline", filters, view)
    state = st.plotly_chart(fig, key="timeline_chart", on_select="rerun", selection_mode=("points", "box"),
                            config=charts.plotly_config(name))
    if view.lane_by == "actor" and query.NO_ACTOR in info["lanes"]:
        st.caption(md(f"Lane “{query.NO_ACTOR}”: events the text reports without naming who acted (“a drone struck "
                      "the base”). Turn off “Include events with no named actor” in the filters to leave them out."))
    download_row(fig, name, "dl_timeline")
    points = selected_points(state)
    terms = filters.search_terms()
    if info["aggregated"] and points:
        picked = charts.agg_point(fig, points[0])
        if picked:
            lane, color, start, end = picked
            frame = engine.bucket_events(filters, view.lane_by, lane, start, end, view.color_by, color,
                                         exclude_colors=list(COLORS[view.color_by]) if color is None else None)
            shown = color if color is not None else "other"
            event_picker(frame, "bucket_table", md(f"{len(frame):,} events of {lane} ({shown}) from {start:%d %b %Y} "
                                                   f"to {end:%d %b %Y}" + (" (first 500)" if len(frame) >= 500 else "")
                                                   + ": pick one."), terms)
    elif points:
        ids = [str((p.get("customdata") or [""])[0]) for p in points if p.get("customdata")]
        ids = [i for i in ids if i]
        if len(ids) == 1:
            select_event(ids[0])
        elif ids:
            frame = engine.events(filters, extra="list_contains(?::VARCHAR[], event_id)", extra_params=[ids])
            event_picker(frame, "box_table", f"{len(ids)} events selected: pick one to read it.", terms)
    drilldown(st.session_state.get("selected_event", ""), terms)


def weekly_view(filters: query.Filters) -> None:
    st.segmented_control("Stack by", list(COLOR_LABELS), key="v_stack", format_func=COLOR_LABELS.get,
                         required=True, default="event_type")
    stack = st.session_state.get("v_stack") or "event_type"
    fig = weekly_figure(STORE_KEY, version, filters, stack)
    name = charts.export_name("events-per-week", filters, extra=f"by-{stack.replace('_', '-')}")
    st.plotly_chart(fig, key="weekly_chart", config=charts.plotly_config(name))
    download_row(fig, name, "dl_weekly")


def map_view(filters: query.Filters) -> None:
    fig = map_figure(STORE_KEY, version, filters)
    name = charts.export_name("map", filters)
    state = st.plotly_chart(fig, key="map_chart", on_select="rerun", selection_mode=("points",),
                            config=charts.plotly_config(name, height=1000))
    download_row(fig, name, "dl_map")
    points = [p for p in selected_points(state) if p.get("customdata")]
    if points:
        lat, lon = points[0].get("lat"), points[0].get("lon")
        if lat is not None and lon is not None:
            frame = engine.events(filters, limit=500, extra="round(latitude, 2) = ? AND round(longitude, 2) = ?",
                                  extra_params=[round(float(lat), 2), round(float(lon), 2)])
            event_picker(frame, "map_table", f"{len(frame):,} events at this place: pick one to read it.",
                         filters.search_terms())
    drilldown(st.session_state.get("selected_event", ""), filters.search_terms())


TABLE_LIMIT = 5000


def table_view(filters: query.Filters) -> None:
    n = engine.count(filters)
    frame = engine.events(filters, limit=TABLE_LIMIT)
    name = charts.safe_filename(charts.export_name("events", filters), limit=110)
    c1, c2, c3 = st.columns([1, 1, 4])
    c1.download_button("⬇ CSV", data=lambda: query.to_csv_bytes(engine.events(filters)),
                       file_name=f"{name}.csv", mime="text/csv", key="dl_csv", on_click="ignore")
    c2.download_button("⬇ JSON", data=lambda: query.to_json_bytes(engine.events(filters)),
                       file_name=f"{name}.json", mime="application/json", key="dl_json", on_click="ignore")
    c3.caption(f"{n:,} events match; downloads hold all of them"
               + (f", the table shows the first {TABLE_LIMIT:,}." if n > TABLE_LIMIT else "."))
    terms = filters.search_terms()
    event_picker(frame, "events_table", "Pick a row to read its article."
                 + (" Search words are marked «like this»." if terms else ""), terms)
    drilldown(st.session_state.get("selected_event", ""), terms)


def dates_view() -> None:
    st.markdown("Each article's publication date is the anchor for its relative dates (“last Tuesday”). "
                "Articles with no date, or only a wide or unsure estimate, are listed first: set or confirm "
                "the date and their events are re-dated at once.")
    table = app_state.dates_table(articles_df)
    if table.empty:
        st.info("No articles in the store yet.")
        return
    urgent = table[table["rank"] < 2]
    if len(urgent):
        none = int((urgent["rank"] == 0).sum())
        parts = ([f"{app_state.plural(none, 'article')} with no date at all"] if none else []) + (
            [f"{app_state.plural(len(urgent) - none, 'article')} with only a wide or unsure estimate"]
            if len(urgent) > none else [])
        st.warning(f"Publication date needed: {' and '.join(parts)}. Their relative dates (“last Tuesday”) are "
                   "missing or rough until you set the date below.")
    elif not table["needs_review"].any():
        st.success(f"All {len(table)} articles have a publication date from their file, a manifest or an analyst.")
    only = st.toggle("Only articles whose date needs checking", value=bool(table["needs_review"].any()), key="d_only")
    shown = table[table["needs_review"]] if only else table
    st.dataframe(shown.drop(columns=["article_id", "needs_review", "rank"]), hide_index=True, key="dates_table",
                 column_config={"title": st.column_config.TextColumn("Title", width="large"),
                                "published": st.column_config.DateColumn("Published"), "basis": "Basis",
                                "needs": st.column_config.TextColumn("To do", width="medium"),
                                "interval": "Estimated between", "confidence": "Confidence",
                                "evidence": st.column_config.TextColumn("Evidence", width="medium"),
                                "source": "Source"},
                 height=min(38 + 35 * max(len(shown), 1), 320))
    choices = list(shown["article_id"]) or list(table["article_id"])
    titles = dict(zip(table["article_id"], table["title"], strict=True))
    if st.session_state.get("d_article") not in choices:
        st.session_state["d_article"] = choices[0]
    # outside the form: picking another article reruns, so the lines below always describe it
    article_id = st.selectbox("Article", choices, key="d_article", format_func=lambda a: (titles.get(a) or a)[:110])
    row = table[table["article_id"] == article_id].iloc[0]
    current = app_state.as_date(row["published"])
    with st.form("date_form", border=True):
        st.markdown("**Set or confirm its publication date**")
        now = app_state.published_label(row["published"], "" if row["basis"] == "none" else row["basis"])
        st.caption(md(f"Now: {now}" + (f" · between {row['interval']}" if row["interval"] else "")
                      + (f" · evidence: {row['evidence'][:160]}" if row["evidence"] else "")
                      + (f" · {row['needs']}" if row["needs"] and row["rank"] > 0 else "")))
        # one widget per article: its value starts at that article's date (empty when it has none)
        day = st.date_input("Publication date", value=current, key=f"d_date_{article_id}",
                            max_value=dt.date.today(), format="YYYY-MM-DD")
        submitted = st.form_submit_button("Save date and re-date its events", type="primary")
    if submitted:
        if day is None:
            st.error("Enter the publication date first (YYYY-MM-DD, or pick it in the calendar).")
            return
        article_row = articles_df[articles_df["article_id"] == article_id].iloc[0]
        try:
            dated, events = app_state.set_publication_date(store, settings, article_row, day)
        except Exception as exc:  # DateError and store problems: show, do not crash the page
            st.error(md(f"Could not save the date: {exc}"))
            return
        clear_caches()
        st.session_state["d_message"] = md(f"Saved {day:%d %B %Y} for “{dated.title[:80]}”: "
                                            f"{len(events)} events re-dated.")
        st.rerun()
    if st.session_state.get("d_message"):
        st.success(st.session_state.pop("d_message"))


def open_dates_for(article_id: str) -> None:
    st.session_state["view"] = "Publication dates"
    st.session_state["d_only"] = True
    st.session_state["d_article"] = article_id


def upload_view() -> None:
    st.markdown("Add articles: raw pasted text (.txt), saved web pages (.html), or exports with one article per "
                "record (.jsonl / .json / .csv with title, text, published, url). They are kept in the store.")
    # no `type=` filter: a wrong file then gets its own message instead of an exception for the page
    files = st.file_uploader(f"Article files ({', '.join(app_state.UPLOAD_SUFFIXES)}; up to "
                             f"{settings.max_file_bytes // 2**20} MB each)", accept_multiple_files=True, key="u_files")
    published = st.text_input("Publication date (optional, YYYY-MM-DD)", key="u_published",
                              help="Use it when the files carry no date of their own; it overrides their dates.")
    if st.button("Add to the store", type="primary", key="u_add", disabled=not files):
        bar = st.progress(0.0, text="Starting…")
        report = app_state.handle_uploads([(f.name, f.getvalue()) for f in files], settings, published,
                                          progress=lambda x, msg: bar.progress(min(max(x, 0.0), 1.0), text=msg),
                                          store=store)
        clear_caches()
        st.session_state["u_report"] = report
        st.rerun()  # the header, filters and charts above were drawn from the store before this upload
    report = st.session_state.get("u_report")
    if report is not None:
        if report.files_ok:
            st.success(f"Added {app_state.plural(report.articles_added, 'article')} "
                       f"({app_state.plural(report.events_added, 'event')}) from "
                       f"{app_state.plural(len(report.files_ok), 'file')}"
                       + (f"; {report.articles_skipped:,} already stored." if report.articles_skipped else "."))
        for message in report.errors:
            st.error(md(message))
        if report.needs_date:
            lines = "\n".join(f"- {md(title[:100])}: {md(reason)}" for _, title, reason in report.needs_date)
            st.warning(f"{app_state.plural(len(report.needs_date), 'uploaded article')} still "
                       f"{'needs' if len(report.needs_date) == 1 else 'need'} a publication date (their "
                       f"relative dates hang on it):\n\n{lines}")
            st.button("Set their dates", key="u_set_dates", on_click=open_dates_for,
                      args=(report.needs_date[0][0],))


def sidebar() -> None:
    """The filter widgets. Drawn last, after the chart: their values are already in the session
    state when the script starts (from the URL on a session's first run, from the browser after),
    and sending the chart first lets the browser fetch and start plotly.js while it draws these."""
    with st.sidebar:
        st.header("Filters")
        st.caption("Every view shows only the events matching all filters. The address bar keeps them: "
                   "copy the link to share this view.")
        st.multiselect("Actors", options.actors, key="f_actors", placeholder="All actors",
                       help="Events where the actor acts or is targeted.")
        st.toggle("Include affiliated actors", key="f_affiliated",
                  help="Iran also finds events of people and groups affiliated with Iran (e.g. Qaani, IRGC).")
        st.toggle("Include events with no named actor", key="f_unnamed", help=UNNAMED_HELP)
        st.multiselect("Theaters / countries", options.theaters, key="f_theaters", placeholder="All theaters")
        st.multiselect("Event types", options.event_types, key="f_types", placeholder="All event types")
        if options.date_min and options.date_max:
            st.date_input("Event dates between", key="f_dates", min_value=options.date_min,
                          max_value=options.date_max, format="YYYY-MM-DD",
                          help="Keeps events whose date range overlaps this window. Type the dates and press Enter, "
                               "or pick them in the calendar.")
        st.text_input("Search the evidence sentences", key="f_search", placeholder="e.g. drone Baghdad",
                      help="All words must appear (case-insensitive) in the sentence an event was read from. "
                           "Matches are marked «like this» in tables and highlighted in the article.")
        with st.expander("Date quality", expanded=bool(st.session_state.get("f_precisions")
                                                       or st.session_state.get("f_bases"))):
            st.multiselect("Date precision", options.precisions, key="f_precisions", placeholder="Any precision")
            st.multiselect("Date basis", options.date_bases, key="f_bases", placeholder="Any basis",
                           help="explicit: a date in the sentence · relative: 'last Tuesday' against the publication "
                                "date · narrative: anchored to a date set earlier · publication: no date in the text.")
            st.radio("Estimated dates", list(ESTIMATED_LABELS), key="f_estimated", horizontal=True,
                     format_func=ESTIMATED_LABELS.get,
                     help="Estimated: the event's date was computed from its article's publication date (a "
                          "relative, narrative or publication date) and that publication date is an estimate. "
                          "A date written in the sentence is never estimated.")
        st.button("Reset filters", on_click=reset_filters, width="stretch")


# --- page -----------------------------------------------------------------------------------

filters = current_filters()
st.html(PAGE_HTML, unsafe_allow_javascript=True)
st.title("Conflict Timeline")
summary = engine.summary(filters)
st.markdown(f"**{summary.line()}**" + (f" — filtered from {engine.total:,} events" if summary.events != engine.total
                                      else ""))
if boot["ingested"] and not boot["announced"]:
    boot["announced"] = True  # shared by all sessions: only the session that waited for the load is told
    st.toast(f"Sample corpus loaded: {engine.summary(query.Filters()).line()}")
st.segmented_control("View", VIEWS, key="view", required=True, label_visibility="collapsed")
current = st.session_state.get("view") or VIEWS[0]
if engine.total == 0 and current not in ("Add articles", "Publication dates"):
    st.info("The store holds no events yet. Add articles in “Add articles”.")
elif current == "Timeline":
    timeline_view(filters)
elif current == "Events per week":
    weekly_view(filters)
elif current == "Map":
    map_view(filters)
elif current == "Events table":
    table_view(filters)
elif current == "Publication dates":
    dates_view()
else:
    upload_view()
sidebar()
sync_url(filters, current_view())
