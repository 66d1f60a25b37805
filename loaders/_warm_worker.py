"""Imported by the worker pool's fork server (loaders.ingest._Pool): warms every rule table once.

Why a module whose import has a side effect: multiprocessing's fork server can only preload
modules by name. The server process imports this, compiles all rules (loaders.pipeline.warm_up),
and every worker forked from it afterwards starts with them ready instead of compiling them again.
Nothing else imports this module.
"""
from __future__ import annotations

from loaders.pipeline import warm_up

try:
    warm_up()
except Exception:  # noqa: BLE001 - e.g. a broken rules file: the server must still start; each worker then
    pass  # meets the same error on its articles and reports it per article, as without a warm-up
