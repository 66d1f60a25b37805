"""The one error type bad input produces: it names the file and the problem in one line."""
from __future__ import annotations


class InputError(Exception):
    """A file (or record) that could not be read. `str(err)` is "<path>: <problem>"."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        """Rebuild from (path, problem): Exception's default pickling passes only the message,
        and errors cross process boundaries (multiprocessing, Dask)."""
        return (InputError, (self.path, self.problem))


class DateError(ValueError):
    """A publication date that cannot be: malformed, in the future, or outside the allowed years."""


class ClusterError(RuntimeError):
    """A Dask cluster that cannot run the ingest (unreachable scheduler, no worker, a worker lacking
    a module): one line naming the scheduler or the worker and what to do."""
