"""engine="dask": the same per-article function on a real 2-process LocalCluster, same store contents."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from dask import distributed

from loaders.ingest import ingest
from loaders.settings import Settings
from loaders.store import EventStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate_corpus as gc  # noqa: E402


@pytest.mark.slow
def test_dask_cluster_and_single_process_store_the_same_events(tmp_path):
    corpus = tmp_path / "corpus"
    gc.write_corpus(30, corpus, seed=5, fmt="raw", per_file=5)
    (corpus / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    single = Settings(store_dir=tmp_path / "single", workers=1, batch_size=8)
    on_dask = Settings(store_dir=tmp_path / "dask", workers=2, batch_size=8)
    local = ingest([corpus], single, published="2025-03-23", progress=False)

    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            remote = ingest([corpus], on_dask, published="2025-03-23", engine="dask", scheduler=client,
                            progress=False)
            workers_used = len(client.scheduler_info()["workers"])
    finally:
        cluster.close()

    assert workers_used == 2
    assert (remote.articles_added, remote.events_added) == (local.articles_added, local.events_added) == \
        (30, local.events_added)
    assert [str(e) for e in remote.errors] == [str(e) for e in local.errors] == \
        [f"{corpus / 'broken.png'}: binary file (PNG image), not text"]

    def rows(settings: Settings) -> pd.DataFrame:
        return EventStore(settings.store_dir).mentions().sort_values(["article_id", "event_id"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(rows(single), rows(on_dask))
    assert len(rows(single)) == local.events_added > 0
