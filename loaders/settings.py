"""One validated Settings object, passed down explicitly (never a mutable global).

Why: the CLI, the dashboard, the benchmarks and the tests all need the same knobs
(store location, size limits, tagger mode). Defaults live here as data; callers
override with `Settings(**overrides)` or `Settings.from_env()`, and bad values
fail at construction with a clear message instead of deep inside the pipeline.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = Path(__file__).resolve().parent / "rules"
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
#: in a checkout, data/store beside the code; an installed copy (pip install .) sits in site-packages,
#: so its default store is data/store under the folder the command runs in
DEFAULT_STORE = (PROJECT_ROOT / "data" / "store" if (PROJECT_ROOT / "pyproject.toml").is_file()
                 else Path("data") / "store")

MiB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    store_dir: Path = DEFAULT_STORE
    #: files larger than this are refused with a clear message (documented in README)
    max_file_bytes: int = 20 * MiB
    #: temporal tagger mode: "news" (anchor to publication date) or "narrative"
    timex_mode: str = "news"
    #: worker processes for local ingest; 0 = all cores
    workers: int = 0
    #: articles per store batch (one atomic write)
    batch_size: int = 500
    #: earliest / latest dates accepted anywhere (publication dates and resolved expressions)
    min_year: int = 1900
    max_year: int = 2100
    language: str = "en"
    #: parse only sentences holding a trigger word (the cheap prefilter); False parses every sentence (the
    #: ingest benchmark's peer, to show what the prefilter saves)
    parse_candidates_only: bool = True

    def __post_init__(self) -> None:
        if self.timex_mode not in ("news", "narrative"):
            raise ValueError(f"timex_mode must be 'news' or 'narrative', not {self.timex_mode!r}")
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        if self.workers < 0:
            raise ValueError("workers must be >= 0 (0 = all cores)")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if not (1 <= self.min_year < self.max_year <= 9999):
            raise ValueError("need 1 <= min_year < max_year <= 9999")
        object.__setattr__(self, "store_dir", Path(self.store_dir))

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then CONFLICT_TIMELINE_STORE from the environment, then overrides."""
        env_store = os.environ.get("CONFLICT_TIMELINE_STORE")
        base = cls(store_dir=Path(env_store)) if env_store else cls()
        return replace(base, **overrides) if overrides else base

    @property
    def n_workers(self) -> int:
        return self.workers or (os.cpu_count() or 1)
