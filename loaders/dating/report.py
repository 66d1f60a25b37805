"""Rows and text for `python -m loaders dates`: every article's date, where it came from, how sure."""
from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

from loaders.models import Article

REPORT_KEYS = ("source", "title", "published", "published_start", "published_end", "published_basis",
               "confidence", "evidence")


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def date_report(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """One JSON-friendly row per (already resolved) article."""
    return [{
        "source": a.source,
        "title": a.title,
        "published": _iso(a.published),
        "published_start": _iso(a.published_start),
        "published_end": _iso(a.published_end),
        "published_basis": a.published_basis or "unknown",
        "confidence": round(float(a.published_confidence), 2),
        "evidence": a.published_evidence,
    } for a in articles]


def format_report_text(rows: Iterable[dict[str, Any]], width: int = 100) -> str:
    """Readable report: a line per article, then its evidence indented and wrapped."""
    out = []
    for r in rows:
        day = r.get("published") or "????-??-??"
        start, end = r.get("published_start"), r.get("published_end")
        span = f" ({start}…{end})" if start and end and start != end else ""
        out.append(f"{day}{span}  {r.get('published_basis', '')}  confidence {float(r.get('confidence') or 0):.2f}"
                   f"  {r.get('source', '')}  {r.get('title', '')}")
        if r.get("evidence"):
            out.extend(textwrap.wrap(str(r["evidence"]), width=width, initial_indent="    ",
                                     subsequent_indent="    "))
    return "\n".join(out) + ("\n" if out else "")
