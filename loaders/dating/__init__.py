"""Publication dates: the metadata chain, the estimate from the text, the sidecar manifest.

Modules: resolve (the chain), estimate (one evidence model: clues -> point, 90 % interval,
calibrated confidence), evidence (likelihoods over days and their product), shapes (the likelihood
of each kind of clue, numbers from rules/dating_model.yaml), signals (clues in the text: dates,
title, dateline, weekdays), world (clues needing the tables: anchor events, terms of office),
knowledge (loads the rules), manifest, parsing, report.

Public API (see docs/publication_dates.md):
    parse_published(value, settings) -> date            strict YYYY-MM-DD for user input
    resolve_published(article, settings, manifest=None, flag=None) -> Article
    estimate_published(article, settings, timexes=None) -> Estimate
    Manifest.find(dir) / .for_directory(dir) / .lookup(article) / .set(article, day) / .save()
    date_report(articles) -> list[dict];  format_report_text(rows) -> str
"""
from __future__ import annotations

from .estimate import Estimate
from .manifest import Manifest, manifest_near
from .parsing import parse_meta_date, parse_published
from .report import REPORT_KEYS, date_report, format_report_text
from .resolve import estimate_published, filename_date, resolve_published

__all__ = [
    "Estimate", "Manifest", "REPORT_KEYS", "date_report", "estimate_published", "filename_date",
    "format_report_text", "manifest_near", "parse_meta_date", "parse_published", "resolve_published",
]
