"""The one error type bad input produces: it names the file and the problem in one line."""
from __future__ import annotations


class InputError(Exception):
    """A file (or record) that could not be read. `str(err)` is "<path>: <problem>"."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class DateError(ValueError):
    """A publication date that cannot be: malformed, in the future, or outside the allowed years."""
