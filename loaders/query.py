"""Filters, filtering and aggregation behind every dashboard view (pure: no Streamlit).

Why two implementations of the same filter: `apply_filters` is a plain pandas mask, easy to
read and the contract other modules use on small frames; `EventQuery` runs the same filters
as DuckDB SQL over an in-memory table so a 1M-event store answers a filter change in tens of
milliseconds. The tests check that both select exactly the same events.

URL state: `to_query_params` / `from_query_params` turn Filters + ViewOptions into query
parameters and back, so a copied link reproduces the view. Parsing is forgiving: an unknown
or malformed value is dropped, never an error.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from loaders.models import EVENT_COLUMNS

#: label shown for an empty value, so it can be filtered like a value (date basis, precision ...)
UNKNOWN = "(unknown)"
#: an event whose text names no one who acted ("a drone struck the base"): its own lane, explained and hideable
NO_ACTOR = "(actor not named)"
#: an event the text places nowhere the gazetteer knows
NO_THEATER = "(place not named)"
NO_TYPE = "(type unknown)"
#: what an empty actor / theater / event type is shown as
EMPTY_LABELS = {"actor": NO_ACTOR, "theater": NO_THEATER, "event_type": NO_TYPE}
#: date bases whose date is computed from the publication date (so an estimated publication date makes
#: the event's date an estimate too); an explicit date ("Oct. 7, 2023") never is
PUBLICATION_DEPENDENT = ("relative", "narrative", "publication")
#: lanes the timeline can be split by, and what colours can encode
LANE_CHOICES = ("actor", "theater")
COLOR_CHOICES = ("event_type", "theater")
ESTIMATED_CHOICES = ("any", "only", "exclude")
#: above this many filtered events the timeline shows counts per bucket instead of points
RAW_POINT_LIMIT = 3000
#: granularity of the aggregated timeline and weekly chart
BUCKETS = ("day", "week", "month")

Members = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. Empty tuples / None mean "no restriction"."""

    actors: tuple[str, ...] = ()
    #: also match events of affiliated actors (Iran -> Qaani, IRGC ...)
    include_affiliated: bool = True
    theaters: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    #: words that must all occur (case-insensitive) in the evidence sentence
    search: str = ""
    precisions: tuple[str, ...] = ()
    #: date_basis without the "+estimated" suffix: explicit, relative, narrative, publication
    date_bases: tuple[str, ...] = ()
    #: any | only | exclude events whose date rests on an estimate
    estimated: str = "any"
    #: leave out events whose text names no actor (the NO_ACTOR lane)
    hide_unnamed: bool = False

    def search_terms(self) -> list[str]:
        return [w for w in self.search.lower().split() if w]


@dataclass(frozen=True)
class ViewOptions:
    """How the timeline is drawn; kept in the URL together with the filters."""

    lane_by: str = "actor"
    color_by: str = "event_type"
    max_lanes: int = 20
    #: event_id shown in the drill-down panel
    event: str = ""


# --- URL query parameters ------------------------------------------------------------

_LIST_PARAMS = {"actors": "actor", "theaters": "theater", "event_types": "type",
                "precisions": "precision", "date_bases": "basis"}


def to_query_params(filters: Filters, view: ViewOptions | None = None) -> dict[str, str | list[str]]:
    """Non-default filter and view values as URL query parameters (lists become repeated keys)."""
    out: dict[str, str | list[str]] = {}
    for attr, key in _LIST_PARAMS.items():
        values = list(getattr(filters, attr))
        if values:
            out[key] = values
    if not filters.include_affiliated:
        out["affiliated"] = "0"
    if filters.date_from:
        out["from"] = filters.date_from.isoformat()
    if filters.date_to:
        out["to"] = filters.date_to.isoformat()
    if filters.search.strip():
        out["q"] = filters.search.strip()
    if filters.estimated != "any":
        out["estimated"] = filters.estimated
    if filters.hide_unnamed:
        out["unnamed"] = "0"
    if view is not None:
        default = ViewOptions()
        if view.lane_by != default.lane_by:
            out["lanes"] = view.lane_by
        if view.color_by != default.color_by:
            out["color"] = view.color_by
        if view.max_lanes != default.max_lanes:
            out["max_lanes"] = str(view.max_lanes)
        if view.event:
            out["event"] = view.event
    return out


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def from_query_params(params: Mapping[str, str | Iterable[str]]) -> tuple[Filters, ViewOptions]:
    """Filters and view options from URL query parameters; bad values fall back to defaults."""
    def first(key: str) -> str:
        values = _as_list(params.get(key))
        return values[0] if values else ""

    lists = {attr: tuple(dict.fromkeys(v for v in _as_list(params.get(key)) if v.strip()))
             for attr, key in _LIST_PARAMS.items()}
    date_from, date_to = _parse_date(first("from")), _parse_date(first("to"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    estimated = first("estimated")
    filters = Filters(
        **lists,
        include_affiliated=first("affiliated") not in ("0", "false", "no"),
        date_from=date_from,
        date_to=date_to,
        search=first("q")[:200],
        estimated=estimated if estimated in ESTIMATED_CHOICES else "any",
        hide_unnamed=first("unnamed") in ("0", "false", "no", "hide"),
    )
    default = ViewOptions()
    lane_by, color_by = first("lanes"), first("color")
    try:
        max_lanes = min(max(int(first("max_lanes")), 1), 100)
    except ValueError:
        max_lanes = default.max_lanes
    view = ViewOptions(
        lane_by=lane_by if lane_by in LANE_CHOICES else default.lane_by,
        color_by=color_by if color_by in COLOR_CHOICES else default.color_by,
        max_lanes=max_lanes,
        event=first("event")[:64],
    )
    return filters, view


# --- frame preparation ----------------------------------------------------------------

def _to_date_series(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce").dt.normalize().astype("datetime64[ms]")


def _label(values: pd.Series, empty: str = UNKNOWN) -> pd.Series:
    s = values.astype("object").where(values.notna(), "")
    s = s.map(lambda v: str(v).strip())
    return s.where(s != "", empty).astype("object")


def _actor_list(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def prepare_events(df: pd.DataFrame) -> pd.DataFrame:
    """A normalized copy: every EVENT_COLUMN present, dates as datetime64, empty labels -> EMPTY_LABELS.

    Also adds `date_basis_base` (basis without "+estimated") and `is_estimated`, the two things
    the filters look at. An event is estimated only when its own date hangs on an estimate: its
    basis is relative / narrative / publication and either says "+estimated" or its article's
    publication date is estimated. An explicit date in the sentence never is.
    """
    out = df.copy()
    for col in EVENT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out = out[list(EVENT_COLUMNS) + [c for c in out.columns if c not in EVENT_COLUMNS]]
    out["date_start"] = _to_date_series(out["date_start"])
    out["date_end"] = _to_date_series(out["date_end"]).fillna(out["date_start"])
    out["published"] = _to_date_series(out["published"])
    for col in ("actor", "theater", "event_type"):
        out[col] = _label(out[col], EMPTY_LABELS[col])
    for col in ("target", "location", "date_precision", "date_basis", "published_basis", "sentence",
                "title", "date_text", "event_id", "article_id", "event_category", "source", "trigger",
                "actor_text", "date_value"):
        out[col] = out[col].astype("object").where(out[col].notna(), "").map(str)
    out["date_precision"] = out["date_precision"].where(out["date_precision"] != "", "unknown")
    out["actors"] = out["actors"].map(_actor_list)
    out["latitude"] = pd.to_numeric(out["latitude"], errors="coerce")
    out["longitude"] = pd.to_numeric(out["longitude"], errors="coerce")
    out["n_sources"] = pd.to_numeric(out["n_sources"], errors="coerce").fillna(1).astype("int64")
    basis = out["date_basis"]
    out["date_basis_base"] = basis.str.split("+").str[0].where(basis != "", UNKNOWN)
    out["is_estimated"] = out["date_basis_base"].isin(PUBLICATION_DEPENDENT) & (
        basis.str.endswith("+estimated") | (out["published_basis"] == "estimated"))
    return out.reset_index(drop=True)


def expand_actors(actors: Iterable[str], members: Members | None) -> set[str]:
    """The selected actors plus, when a member table is given, everyone affiliated with them."""
    chosen = {a for a in actors if a}
    if members is not None:
        for a in list(chosen):
            chosen |= {m for m in members(a) if m}
    return chosen


def apply_filters(df: pd.DataFrame, filters: Filters, members: Members | None = None) -> pd.DataFrame:
    """Rows of `df` (prepared with `prepare_events`) matching every filter, in the same order.

    Actor filter: an event matches when a chosen actor is its actor or its target; with
    `include_affiliated` it also matches through the `actors` list (which carries affiliations)
    and through `members(actor)` (Iran -> Qaani). Dates: the event's range overlaps the window.
    """
    if "is_estimated" not in df.columns:
        df = prepare_events(df)
    mask = pd.Series(True, index=df.index)
    if filters.actors:
        if filters.include_affiliated:
            chosen = expand_actors(filters.actors, members)
            in_list = df["actors"].map(lambda xs: any(a in chosen for a in xs))
            mask &= df["actor"].isin(chosen) | df["target"].isin(chosen) | in_list
        else:
            chosen = set(filters.actors)
            mask &= df["actor"].isin(chosen) | df["target"].isin(chosen)
    if filters.theaters:
        mask &= df["theater"].isin(set(filters.theaters))
    if filters.event_types:
        mask &= df["event_type"].isin(set(filters.event_types))
    if filters.precisions:
        mask &= df["date_precision"].isin(set(filters.precisions))
    if filters.date_bases:
        mask &= df["date_basis_base"].isin(set(filters.date_bases))
    if filters.date_from:
        mask &= df["date_end"] >= pd.Timestamp(filters.date_from)
    if filters.date_to:
        mask &= df["date_start"] <= pd.Timestamp(filters.date_to)
    if filters.estimated == "only":
        mask &= df["is_estimated"]
    elif filters.estimated == "exclude":
        mask &= ~df["is_estimated"]
    if filters.hide_unnamed:
        mask &= df["actor"] != NO_ACTOR
    terms = filters.search_terms()
    if terms:
        text = df["sentence"].str.lower()
        for term in terms:
            mask &= text.str.contains(term, regex=False)
    return df[mask]


# --- DuckDB engine ----------------------------------------------------------------------

@dataclass(frozen=True)
class Options:
    """Values offered by the sidebar widgets, computed once per store version."""

    actors: list[str] = field(default_factory=list)
    theaters: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    date_bases: list[str] = field(default_factory=list)
    date_min: dt.date | None = None
    date_max: dt.date | None = None


@dataclass(frozen=True)
class Summary:
    """The header line's numbers. Every other count on the page (chart titles, the first-start
    message, the table caption) is taken from the same engine, so they agree."""

    events: int
    #: distinct named actors (an event's actor and the affiliations in its actors list): the Actors filter's choices
    actors: int
    #: articles the events come from (an article in which no event was found is not counted)
    articles: int
    date_min: dt.date | None
    date_max: dt.date | None
    #: events with no date at all (their article has no publication date and the text gives none)
    undated: int = 0

    def line(self) -> str:
        span = (f"{self.date_min:%d %b %Y} – {self.date_max:%d %b %Y}"
                if self.date_min and self.date_max else "no dates")
        undated = f" ({self.undated:,} undated)" if self.undated else ""
        return (f"{self.events:,} events{undated} from {self.articles:,} articles · {self.actors:,} actors · {span}")


#: columns the engine keeps (sentence/title are needed for hover and search)
_ENGINE_COLUMNS = (
    "event_id", "article_id", "date_start", "date_end", "date_precision", "date_text", "date_basis",
    "date_basis_base", "is_estimated", "actors", "actor", "target", "event_type", "theater", "location",
    "latitude", "longitude", "sentence", "title", "published", "published_basis", "n_sources",
    "paragraph_index",
)
#: per-filter results kept by an engine (a filter change runs several views on the same filters)
_CACHE_SIZE = 64
#: materialized selections kept (each holds the matches of one costly filter)
_SELECTIONS_KEPT = 4
#: what a materialized selection keeps: everything the aggregations read
_SELECTION_COLUMNS = ("event_id", "article_id", "date_start", "date_end", "date_precision", "is_estimated",
                      "actor", "theater", "event_type", "location", "latitude", "longitude")


def _bucket_for_span(days: int) -> str:
    if days <= 92:
        return "day"
    if days <= 5 * 366:
        return "week"
    return "month"


class EventQuery:
    """Filter and aggregate events with DuckDB; one instance per loaded store version.

    Thread-safe: Streamlit serves sessions from several threads, each query opens its own
    cursor on the shared in-memory database.
    """

    def __init__(self, events: pd.DataFrame | pa.Table | str | os.PathLike[str], members: Members | None = None,
                 sources: Callable[[str], list[dict[str, Any]]] | None = None) -> None:
        """`events`: the store's events as an Arrow table (fast path: no Python loops) or any
        DataFrame with EVENT_COLUMNS (converted with the store's own `frame_to_table`).
        Normalization (labels, estimated flag, basis) happens in SQL and matches
        `prepare_events` (tested). A Parquet file path (the store's derived events file) is the
        fastest: DuckDB reads and normalizes it in one pass, with no Arrow copy in between.

        The nested `sources` column is never copied into DuckDB (at 1M events it costs more
        than all other columns together and only the drill-down shows it): it stays in the
        Arrow table when present, else `sources(event_id)` fetches it on demand.
        """
        if isinstance(events, pd.DataFrame):
            from loaders.store import frame_to_table

            events = frame_to_table(events)
        self._members = members
        self._sources_column = None
        self._sources_loader = sources
        self._con = duckdb.connect(":memory:")
        if isinstance(events, (str, os.PathLike)):
            path = os.fspath(events)
            self._con.execute(_PREPARE_SQL.replace("FROM events_arrow", "FROM read_parquet(?)"), [path])
            if sources is None:
                self._sources_loader = lambda event_id: _parquet_sources(path, event_id)
        else:
            if "sources" in events.column_names:
                self._sources_column = events.column("sources")
            self._con.register("events_arrow", events.select([c for c in events.column_names if c != "sources"]))
            self._con.execute(_PREPARE_SQL)
            self._con.unregister("events_arrow")
        # one row per (event, actor): `listed` rows are the event's actors (its list + the main actor,
        # once each: sidebar counts and the summary), the others its target (only the actor filter
        # looks at those). Actor filters become a hash semi-join on this table.
        # (list_distinct only where a duplicate is possible: it is the slow part on 1M short lists)
        self._con.execute("""CREATE TABLE event_actors AS
            SELECT rowid AS row_no, unnest(CASE WHEN len(actors) < 2 THEN actors
                                                WHEN len(actors) = 2 AND actors[1] <> actors[2] THEN actors
                                                ELSE list_distinct(actors) END) AS a, true AS listed FROM events
            UNION ALL
            SELECT rowid, actor, true FROM events WHERE NOT list_contains(actors, actor)
            UNION ALL
            SELECT rowid, target, false FROM events WHERE target <> ''""")
        self._lock = threading.Lock()
        self._cache: dict[tuple, Any] = {}
        self._selections = 0
        self._selection_names: list[str] = []
        self.total = int(self._con.execute("SELECT count(*) FROM events").fetchone()[0])

    # -- low level
    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """Memoize a per-filter result: the timeline, the summary and the weekly chart of one
        filter change share their statistics instead of scanning the events again."""
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._lock:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[key] = value
        return value

    def clear_cache(self) -> None:
        with self._lock:
            self._cache.clear()

    def _from(self, f: Filters) -> tuple[str, list[Any], str]:
        """(`<relation> WHERE <condition>`, parameters, row-number column) for the matching events.

        Filters with a costly clause (actor semi-join, substring search over 1M sentences) are
        evaluated ONCE per filter change into a small table with the columns the charts and
        the summary aggregate; the four or five queries of a filter change then scan only the
        matches. Cheap filters (theater, type, dates) scan the events table directly.
        """
        where, params = self.where(f)
        if not ((f.actors and f.include_affiliated) or f.search_terms()):
            return f"events WHERE ({where})", params, "rowid"
        name = self._cached(("selection", f), lambda: self._materialize(where, params))
        return f"{name} WHERE TRUE", [], "row_no"

    def _materialize(self, where: str, params: list[Any]) -> str:
        with self._lock:
            self._selections += 1
            name = f"selection_{self._selections}"
        self._sql(f"CREATE TABLE {name} AS SELECT rowid AS row_no, {', '.join(_SELECTION_COLUMNS)} "
                  f"FROM events WHERE {where}", params)
        with self._lock:
            self._selection_names.append(name)
            stale = self._selection_names[:-_SELECTIONS_KEPT]
            del self._selection_names[:-_SELECTIONS_KEPT]
            for old in stale:  # forget the cache entries that point at dropped tables first
                for key in [k for k, v in self._cache.items() if k[0] == "selection" and v == old]:
                    del self._cache[key]
        for old in stale:
            self._sql(f"DROP TABLE IF EXISTS {old}")
        return name

    def _stats(self, f: Filters) -> tuple:
        """(events, articles, min start, max end, max start, 5% quantile of start, undated) in one scan."""
        def compute() -> tuple:
            rel, params, _ = self._from(f)
            return self._sql(
                f"SELECT count(*), count(DISTINCT article_id), min(date_start), max(date_end), max(date_start), "
                f"quantile_disc(date_start, 0.05), count(*) FILTER (WHERE date_start IS NULL) FROM {rel}",
                params).fetchone()
        return self._cached(("stats", f), compute)

    def _sql(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        with self._lock:
            cur = self._con.cursor()
        return cur.execute(sql, params or [])

    def where(self, f: Filters) -> tuple[str, list[Any]]:
        """SQL WHERE clause + parameters equivalent to `apply_filters`."""
        clauses: list[str] = []
        params: list[Any] = []
        if f.actors:
            if f.include_affiliated:
                chosen = sorted(expand_actors(f.actors, self._members))
                clauses.append("rowid IN (SELECT row_no FROM event_actors WHERE list_contains(?::VARCHAR[], a))")
                params.append(chosen)
            else:
                chosen = sorted(set(f.actors))
                clauses.append("(list_contains(?::VARCHAR[], actor) OR list_contains(?::VARCHAR[], target))")
                params += [chosen, chosen]
        for attr, col in (("theaters", "theater"), ("event_types", "event_type"),
                          ("precisions", "date_precision"), ("date_bases", "date_basis_base")):
            values = getattr(f, attr)
            if values:
                clauses.append(f"list_contains(?::VARCHAR[], {col})")
                params.append(sorted(set(values)))
        if f.date_from:
            clauses.append("date_end >= ?")
            params.append(f.date_from)
        if f.date_to:
            clauses.append("date_start <= ?")
            params.append(f.date_to)
        if f.estimated == "only":
            clauses.append("is_estimated")
        elif f.estimated == "exclude":
            clauses.append("NOT is_estimated")
        if f.hide_unnamed:
            clauses.append("actor <> ?")
            params.append(NO_ACTOR)
        for term in f.search_terms():
            clauses.append("contains(search_text, ?)")
            params.append(term)
        return (" AND ".join(clauses) or "TRUE"), params

    # -- views
    def options(self) -> Options:
        def distinct(col: str) -> list[str]:
            rows = self._sql(f"SELECT {col}, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1").fetchall()
            return [r[0] for r in rows if r[0] is not None]

        actor_rows = self._sql("SELECT a, count(*) n FROM event_actors WHERE listed GROUP BY a ORDER BY n DESC, a"
                               ).fetchall()
        dmin, dmax = self._sql("SELECT min(date_start), max(date_end) FROM events").fetchone()
        return Options(
            actors=[r[0] for r in actor_rows],
            theaters=distinct("theater"),
            event_types=distinct("event_type"),
            precisions=distinct("date_precision"),
            date_bases=distinct("date_basis_base"),
            date_min=_as_date(dmin),
            date_max=_as_date(dmax),
        )

    def count(self, f: Filters) -> int:
        return int(self._stats(f)[0])

    def undated(self, f: Filters) -> int:
        """Matching events with no date at all (counted in the header, never drawn at a made-up date)."""
        return int(self._stats(f)[6] or 0)

    def summary(self, f: Filters) -> Summary:
        n, arts, dmin, dmax, _, _, undated = self._stats(f)
        rel, params, row_col = self._from(f)
        if rel == "events WHERE (TRUE)":
            actors = self._sql(f"SELECT count(DISTINCT a) FROM event_actors WHERE listed AND a <> '{NO_ACTOR}'"
                               ).fetchone()[0]
        else:
            actors = self._sql(
                f"SELECT count(DISTINCT a) FROM event_actors WHERE listed AND a <> '{NO_ACTOR}' "
                f"AND row_no IN (SELECT {row_col} FROM {rel})", params).fetchone()[0]
        return Summary(int(n), int(actors or 0), int(arts), _as_date(dmin), _as_date(dmax), int(undated or 0))

    def events(self, f: Filters, limit: int | None = None, extra: str = "", extra_params: list | None = None,
               ) -> pd.DataFrame:
        """Matching events (engine columns), oldest first; `extra` narrows further (drill-down)."""
        where, params = self.where(f)
        if extra:
            where = f"({where}) AND ({extra})"
            params = params + list(extra_params or [])
        sql = (f"SELECT * EXCLUDE (search_text) FROM events WHERE {where} ORDER BY date_start, event_id"
               + (f" LIMIT {int(limit)}" if limit else ""))
        return self._sql(sql, params).df()

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with its `sources` (the merged articles), for the drill-down panel."""
        rows = self._sql("SELECT rowid AS row_no, * EXCLUDE (search_text) FROM events WHERE event_id = ? LIMIT 1",
                         [event_id]).df()
        if rows.empty:
            return None
        out = rows.iloc[0].to_dict()
        row_no = int(out.pop("row_no"))
        if self._sources_column is not None:
            out["sources"] = self._sources_column[row_no].as_py() or []
        elif self._sources_loader is not None:
            out["sources"] = list(self._sources_loader(event_id) or [])
        else:
            out["sources"] = []
        return out

    def lane_counts(self, f: Filters, lane_by: str) -> list[tuple[str, int]]:
        """(lane, events) for every lane, busiest first; summing them gives the filtered count."""
        col = _lane_col(lane_by)

        def compute() -> list[tuple[str, int]]:
            rel, params, _ = self._from(f)
            return self._sql(f"SELECT {col}, count(*) n FROM {rel} GROUP BY 1 ORDER BY n DESC, 1",
                             params).fetchall()
        return list(self._cached(("lanes", f, col), compute))

    def lanes(self, f: Filters, lane_by: str, max_lanes: int) -> tuple[list[str], int]:
        """The busiest `max_lanes` lanes (most events first) and how many lanes exist in total."""
        rows = self.lane_counts(f, lane_by)
        return [r[0] for r in rows[:max_lanes]], len(rows)

    def focus_range(self, f: Filters, share: float = 0.05) -> tuple[dt.date, dt.date] | None:
        """Where the bulk of the events lies, when a few old ones (history recalled in articles:
        "the 1973 war") would otherwise squeeze everything else into a sliver. None = no need."""
        if share == 0.05:
            _, _, lo, hi, _, q, _ = self._stats(f)
        else:
            where, params = self.where(f)
            lo, hi, q = self._sql(
                f"SELECT min(date_start), max(date_end), quantile_disc(date_start, {float(share)}) "
                f"FROM events WHERE {where}", params).fetchone()
        lo, hi, q = (_as_date(v) for v in (lo, hi, q))
        if not (lo and hi and q) or (hi - lo).days < 60:
            return None
        if (hi - q).days > 0.5 * (hi - lo).days:
            return None
        pad = dt.timedelta(days=max(3, (hi - q).days // 30))
        return q - pad, hi + pad

    _TIMELINE_COLUMNS = ("event_id", "date_start", "date_end", "date_precision", "date_text", "date_basis",
                         "is_estimated", "actors", "actor", "theater", "event_type", "sentence", "title")

    def timeline_events(self, f: Filters, lane_by: str, lanes: list[str]) -> pd.DataFrame:
        """Only the columns the timeline draws, for events in the shown lanes."""
        col = _lane_col(lane_by)
        where, params = self.where(f)
        cols = ", ".join(self._TIMELINE_COLUMNS)
        return self._sql(f"SELECT {cols} FROM events WHERE ({where}) AND list_contains(?::VARCHAR[], {col}) "
                         "AND date_start IS NOT NULL ORDER BY date_start, event_id", params + [lanes]).df()

    def timeline_buckets(self, f: Filters, lane_by: str, color_by: str, lanes: list[str],
                         bucket: str | None = None) -> tuple[pd.DataFrame, str]:
        """Counts per (lane, time bucket, colour): what the timeline draws past RAW_POINT_LIMIT."""
        lane_col, color_col = _lane_col(lane_by), _color_col(color_by)
        rel, params, _ = self._from(f)
        if bucket is None:
            _, _, dmin, _, dmax, _, _ = self._stats(f)
            bucket = _bucket_for_span((dmax - dmin).days if dmin is not None else 0)
        frame = self._sql(
            f"""SELECT {lane_col} AS lane, date_trunc('{bucket}', date_start)::DATE AS bucket_start,
                       {color_col} AS color, count(*)::BIGINT AS n,
                       sum(is_estimated::INT)::BIGINT AS n_estimated,
                       mode(date_precision) AS precision
                FROM {rel} AND list_contains(?::VARCHAR[], {lane_col}) AND date_start IS NOT NULL
                GROUP BY ALL ORDER BY bucket_start, lane, color""",
            params + [lanes]).df()
        frame["bucket_end"] = [_bucket_end(d, bucket) for d in pd.to_datetime(frame["bucket_start"]).dt.date]
        return frame, bucket

    def bucket_events(self, f: Filters, lane_by: str, lane: str, start: dt.date, end: dt.date,
                      color_by: str | None = None, color: str | None = None, limit: int = 500,
                      exclude_colors: list[str] | None = None) -> pd.DataFrame:
        """Events behind one aggregated point (drill-down at the aggregated level); `exclude_colors`
        instead of `color` lists the grey "other" point (every value not coloured on its own)."""
        extra = f"{_lane_col(lane_by)} = ? AND date_start >= ? AND date_start <= ?"
        extra_params: list[Any] = [lane, start, end]
        if color_by and color is not None:
            extra += f" AND {_color_col(color_by)} = ?"
            extra_params.append(color)
        elif color_by and exclude_colors:
            extra += f" AND NOT list_contains(?::VARCHAR[], {_color_col(color_by)})"
            extra_params.append(list(exclude_colors))
        return self.events(f, limit=limit, extra=extra, extra_params=extra_params)

    def weekly(self, f: Filters, stack_by: str) -> pd.DataFrame:
        """Events per ISO week (Monday start) and stack value: the weekly bar chart."""
        col = _color_col(stack_by)
        rel, params, _ = self._from(f)
        return self._sql(
            f"""SELECT date_trunc('week', date_start)::DATE AS week, {col} AS stack, count(*)::BIGINT AS n
                FROM {rel} AND date_start IS NOT NULL GROUP BY ALL ORDER BY week, stack""", params).df()

    def map_points(self, f: Filters, limit: int = 5000) -> pd.DataFrame:
        """Events grouped by place (location + rounded coordinates) for the map."""
        rel, params, _ = self._from(f)
        return self._sql(
            f"""SELECT any_value(location) AS location, round(latitude, 2) AS latitude,
                       round(longitude, 2) AS longitude, any_value(theater) AS theater,
                       count(*)::BIGINT AS n, mode(event_type) AS top_type,
                       min(date_start)::DATE AS first_date, max(date_end)::DATE AS last_date,
                       any_value(event_id) AS example_event
                FROM {rel} AND latitude IS NOT NULL AND longitude IS NOT NULL
                      AND isfinite(latitude) AND isfinite(longitude)
                GROUP BY round(latitude, 2), round(longitude, 2), location
                ORDER BY n DESC LIMIT {int(limit)}""", params).df()

    def located_share(self, f: Filters) -> tuple[int, int]:
        rel, params, _ = self._from(f)
        located, total = self._sql(
            f"SELECT count(*) FILTER (WHERE latitude IS NOT NULL AND isfinite(latitude)), count(*) "
            f"FROM {rel}", params).fetchone()
        return int(located), int(total)


_PREPARE_SQL = f"""
CREATE TABLE events AS
SELECT * FROM (
  SELECT
    coalesce(event_id, '') AS event_id, coalesce(article_id, '') AS article_id,
    CAST(date_start AS TIMESTAMP) AS date_start,
    CAST(coalesce(date_end, date_start) AS TIMESTAMP) AS date_end,
    coalesce(nullif(date_precision, ''), 'unknown') AS date_precision,
    coalesce(date_text, '') AS date_text, coalesce(date_basis, '') AS date_basis,
    CASE WHEN coalesce(date_basis, '') = '' THEN '{UNKNOWN}' ELSE split_part(date_basis, '+', 1) END
      AS date_basis_base,
    (split_part(coalesce(date_basis, ''), '+', 1) IN {PUBLICATION_DEPENDENT!r}
     AND (coalesce(date_basis, '') LIKE '%+estimated' OR coalesce(published_basis, '') = 'estimated'))
      AS is_estimated,
    coalesce(list_filter(actors, lambda x: x IS NOT NULL AND x <> ''), []::VARCHAR[]) AS actors,
    coalesce(nullif(trim(actor), ''), '{NO_ACTOR}') AS actor, coalesce(target, '') AS target,
    coalesce(nullif(trim(event_type), ''), '{NO_TYPE}') AS event_type,
    coalesce(nullif(trim(theater), ''), '{NO_THEATER}') AS theater,
    coalesce(location, '') AS location,
    CASE WHEN isfinite(latitude) THEN latitude END AS latitude,
    CASE WHEN isfinite(longitude) THEN longitude END AS longitude,
    coalesce(sentence, '') AS sentence, coalesce(title, '') AS title,
    CAST(published AS TIMESTAMP) AS published, coalesce(published_basis, '') AS published_basis,
    coalesce(n_sources, 1)::BIGINT AS n_sources, paragraph_index,
    lower(coalesce(sentence, '')) AS search_text
  FROM events_arrow)
"""


def _parquet_sources(path: str, event_id: str) -> list[dict[str, Any]]:
    """One event's merged sources straight from the Parquet file (drill-down only, ~0.1 s at 1M)."""
    try:
        rows = duckdb.execute("SELECT sources FROM read_parquet(?) WHERE event_id = ? LIMIT 1",
                              [path, event_id]).fetchall()
    except (duckdb.Error, OSError):
        return []
    return [dict(x) for x in (rows[0][0] or [])] if rows else []


def _lane_col(lane_by: str) -> str:
    if lane_by not in LANE_CHOICES:
        raise ValueError(f"lane_by must be one of {LANE_CHOICES}, not {lane_by!r}")
    return lane_by


def _color_col(color_by: str) -> str:
    if color_by not in COLOR_CHOICES:
        raise ValueError(f"color_by must be one of {COLOR_CHOICES}, not {color_by!r}")
    return color_by


def _as_date(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def _bucket_end(start: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return start
    if bucket == "week":
        return start + dt.timedelta(days=6)
    nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


# --- export -----------------------------------------------------------------------------

#: columns of the CSV / JSON download, in order (the event schema without internal helpers)
EXPORT_COLUMNS = [c for c in EVENT_COLUMNS if c != "sources"] + ["is_estimated"]


def export_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Filtered events ready for CSV/JSON: ISO dates, actors joined with '; '."""
    out = events.copy()
    for col in EXPORT_COLUMNS:
        if col not in out.columns:
            out[col] = None
    out = out[EXPORT_COLUMNS]
    for col in ("date_start", "date_end", "published"):
        out[col] = pd.to_datetime(out[col], errors="coerce").dt.strftime("%Y-%m-%d")
    return out


def to_csv_bytes(events: pd.DataFrame) -> bytes:
    out = export_frame(events)
    out["actors"] = out["actors"].map(lambda xs: "; ".join(_actor_list(xs)))
    return out.to_csv(index=False).encode("utf-8")


def to_json_bytes(events: pd.DataFrame) -> bytes:
    out = export_frame(events)
    out["actors"] = out["actors"].map(_actor_list)
    return out.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")


def with_filters(filters: Filters, **changes: Any) -> Filters:
    """`dataclasses.replace` that also accepts lists for the tuple fields."""
    tuple_fields = {f.name for f in fields(Filters) if f.type.startswith("tuple")}
    return replace(filters, **{k: tuple(v) if k in tuple_fields else v for k, v in changes.items()})


