"""events_to_table's column-wise conversion must build the table the row-wise conversion built."""
from __future__ import annotations

import datetime as dt
import operator
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.models import EVENT_COLUMNS, Event
from loaders.store import _EVENT_TYPES, EVENT_SCHEMA, _sources_array, events_to_table
from tests.test_store import make_article, make_event

_EVENT_ROW = operator.attrgetter(*EVENT_COLUMNS)


def reference_events_to_table(events: list[Event], batch_seq: int | None = None) -> pa.Table:
    """The previous conversion: one row tuple per event, transposed, actors through list()."""
    rows = [_EVENT_ROW(ev) for ev in events]
    columns = zip(*rows, strict=True) if rows else ([] for _ in EVENT_COLUMNS)
    cols: dict[str, list[Any]] = {name: list(col) for name, col in zip(EVENT_COLUMNS, columns, strict=True)}
    cols["actors"] = [list(a) for a in cols["actors"]]
    arrays = [_sources_array(cols[name]) if name == "sources" else pa.array(cols[name], type=_EVENT_TYPES[name])
              for name in EVENT_COLUMNS]
    table = pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)
    if batch_seq is not None:
        table = table.append_column("batch_seq", pa.array([batch_seq] * len(events), pa.int64()))
    return table


ARTICLE = make_article(3)
names = st.text(max_size=12)
actors = st.one_of(st.tuples(names, names), st.lists(names, max_size=3), st.lists(names, max_size=2).map(tuple),
                   st.frozensets(st.sampled_from(["Iran", "Israel"])).map(sorted))
days = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
sources = st.lists(st.dictionaries(st.sampled_from(["article_id", "source", "sentence", "title", "x"]),
                                   st.one_of(st.none(), names, st.integers())), max_size=3).map(tuple)


@st.composite
def events(draw: st.DrawFn) -> Event:
    day = draw(days)
    return make_event(ARTICLE, draw(st.integers(0, 9)), day=day or dt.date(2025, 3, 1), date_start=day,
                      date_end=draw(days), actors=draw(actors), actor=draw(names), target=draw(names),
                      latitude=draw(st.one_of(st.none(), st.floats(-90, 90))), longitude=None,
                      published=draw(days), sources=draw(sources), n_sources=draw(st.integers(1, 40)),
                      paragraph_index=draw(st.integers(-10, 300)))


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), max_size=12), st.one_of(st.none(), st.integers(1, 10**6)))
def test_columnwise_table_equals_rowwise_table(evs: list[Event], seq: int | None) -> None:
    got, expected = events_to_table(evs, seq), reference_events_to_table(evs, seq)
    assert got.schema == expected.schema
    assert got.equals(expected)


def test_a_string_in_actors_still_goes_through_list() -> None:
    """An odd caller's str actors column was split into characters before: still the same table."""
    ev = make_event(ARTICLE, 0, actors="Iran")
    assert events_to_table([ev]).equals(reference_events_to_table([ev]))
    assert events_to_table([ev]).column("actors").to_pylist() == [["I", "r", "a", "n"]]


def test_empty_batch() -> None:
    assert events_to_table([], 4).equals(reference_events_to_table([], 4))
    assert events_to_table([]).num_rows == 0
