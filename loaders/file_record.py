"""FileRecord: one input file as ingested (path, size, mtime, sha1, flag, article count).

Why a module of its own (re-exported by loaders.store): ingest tasks carry these records to
worker processes, and unpickling a class imports its module. Here that costs nothing; from
loaders.store it would load pandas, pyarrow and DuckDB into every worker, which never use them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileRecord:
    """An input file as ingested: how re-ingest of an unchanged file is skipped quickly."""

    path: str
    size: int
    mtime: float
    sha1: str
    published_flag: str = ""
    n_articles: int = 0
