"""The store's batch conversion shortcuts must write exactly what the plain conversion writes."""
from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from loaders.store import _EVENT_TYPES, EventStore, _clean_source, _sources_array, events_to_table
from tests.test_store import make_article, make_event


class _Name(str):
    """A str subclass (as a reader might hand over): stored as a plain string."""


SOURCES_CASES = [
    [],
    [()],
    [({"article_id": "a1", "source": "x.txt#1", "sentence": "US forces struck Sanaa.", "title": "T"},)],
    [({"article_id": "a1", "source": None, "sentence": "s", "title": 5},), ({"unexpected": 1},), ()],
    [({"article_id": "a", "source": "b", "sentence": "c", "title": "d", "extra": "ignored"}, {"title": "only"})],
    [(MappingProxyType({"article_id": "read-only mapping"}),)],
    [({"article_id": _Name("subclass"), "title": 2.5},)],
]


@pytest.mark.parametrize("sources", SOURCES_CASES)
def test_sources_column_equals_converting_each_cleaned_dict(sources) -> None:
    expected = pa.array([[_clean_source(s) for s in srcs] for srcs in sources], type=_EVENT_TYPES["sources"])
    got = _sources_array(sources)
    assert got.type == expected.type
    assert got.to_pylist() == expected.to_pylist()


def test_month_files_hold_the_rows_of_their_month_in_event_order(tmp_path) -> None:
    arts = [make_article(i) for i in range(4)]
    days = [dt.date(2025, 3, 2), dt.date(2024, 12, 31), dt.date(2025, 3, 9)]
    events = [make_event(a, j, day=days[(i + j) % 3]) for i, a in enumerate(arts) for j in range(3)]
    store = EventStore(tmp_path / "store")
    result = store.add(arts, events)
    files = sorted((store.batches_dir / result.batch / "events").glob("month=*/part.parquet"))
    assert [f.parent.name for f in files] == ["month=2024-12", "month=2025-03"]
    for f in files:
        month = f.parent.name.removeprefix("month=")
        mine = [e for e in events if f"{e.date_start.year:04d}-{e.date_start.month:02d}" == month]
        seq = pq.read_table(f).column("batch_seq")[0].as_py()
        assert pq.read_table(f).equals(events_to_table(mine, seq))
