"""Plain data records passed between pipeline stages.

Why a separate module: every stage (readers, temporal tagger, extraction, merge,
store, dashboard) speaks these types, so none of them imports another stage's
internals. Records are frozen dataclasses: cheap, picklable (Dask, multiprocessing)
and hashable where it matters.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

# --- vocabularies -------------------------------------------------------------
#: how precisely a date is known (ACLED-style precision, widened for news text)
PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "range", "unknown")
#: how an event's date was obtained
DATE_BASES = ("explicit", "relative", "narrative", "publication")
#: where an article's publication date came from, most trusted first
PUBLISHED_BASES = ("flag", "upload", "manifest", "field", "html-meta", "dateline", "filename", "estimated", "unknown", "")


def stable_hash(*parts: str, length: int = 16) -> str:
    """Short sha1 hex of the parts: stable across runs, processes and machines."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def _fold_ws(s: str) -> str:
    r"""Whitespace runs -> one space, ends stripped, lower-cased. `str.split()` splits on exactly the
    characters `re`'s `\s` matches (both use str.isspace), so this equals `re.sub(r"\s+", " ", s)
    .strip().lower()` (tests/test_speed_models.py checks it) at about a sixth of the cost."""
    return " ".join(s.split()).lower()


def article_key(title: str, paragraphs: list[str] | tuple[str, ...]) -> str:
    """article_id: hash of the whitespace-folded, lower-cased title and body.

    The same article read twice (or from .txt and .jsonl) gets the same id.
    """
    return stable_hash(_fold_ws(title), *map(_fold_ws, paragraphs))


@dataclass(frozen=True)
class Caption:
    """A photo caption, kept apart from the body; `credit` is "Reuters file", "Photo by X / AFP"..."""

    text: str
    credit: str = ""


@dataclass(frozen=True)
class Article:
    """One news article after reading and normalization.

    `source` names the file and the position inside it ("seeds/a.txt#2"), so any
    event can be traced back. `published` is the reference date (DCT) used to
    resolve relative dates; `published_basis` says where it came from (see
    PUBLISHED_BASES); an estimated date carries its interval, confidence and evidence.
    """

    article_id: str
    title: str
    paragraphs: tuple[str, ...]
    captions: tuple[Caption, ...] = ()
    subheadings: tuple[str, ...] = ()
    source: str = ""
    source_path: str = ""
    position: int = 0
    url: str = ""
    published: dt.date | None = None
    published_basis: str = ""
    published_start: dt.date | None = None
    published_end: dt.date | None = None
    published_confidence: float = 0.0
    published_evidence: str = ""
    #: candidate publication dates found by a reader in metadata, e.g.
    #: {"field": "2025-03-23"} or {"html-meta": "2025-03-23T10:00:00Z"}
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def body(self) -> str:
        """Paragraphs joined by blank lines: the text the tagger and extractor see."""
        return "\n\n".join(self.paragraphs)

    def to_record(self) -> dict[str, Any]:
        d = asdict(self)
        d["captions"] = [c["text"] for c in d["captions"]]
        d["caption_credits"] = [c.credit for c in self.captions]
        d["paragraphs"] = list(self.paragraphs)
        d["subheadings"] = list(self.subheadings)
        d["meta"] = {k: str(v) for k, v in self.meta.items()}
        return d


@dataclass(frozen=True)
class Timex:
    """One temporal expression found in a text (TimeML TIMEX3 plus a calendar interval).

    `start`/`end` are character offsets into the tagged text (end exclusive).
    `value` is a TIMEX3 value (2025-03-18, 2025-W11, 2025-03, 2025, 2025-SU,
    PRESENT_REF, PAST_REF, FUTURE_REF, P1W, 2025-06-28TEV ...).
    `range_start`/`range_end` is the calendar interval a date-like value covers
    (for a duration tied to a date, the span it covers); None when it has none.
    `basis`: explicit | relative (to the publication date) | narrative (to a date
    the text has just set).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    range_start: dt.date | None = None
    range_end: dt.date | None = None
    precision: str = "unknown"
    basis: str = "explicit"
    mod: str = ""  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER ...
    rule: str = ""  # name of the rule that fired (for debugging and provenance)

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "range_start": self.range_start.isoformat() if self.range_start else None,
            "range_end": self.range_end.isoformat() if self.range_end else None,
            "precision": self.precision,
            "basis": self.basis,
            "mod": self.mod,
        }


#: Columns of an event record, in export order. See docs/event_schema.md.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "date_start", "date_end", "date_precision", "date_text",
    "date_value", "date_basis", "actors", "actor", "actor_text", "target", "event_type",
    "event_category", "trigger", "theater", "location", "latitude", "longitude",
    "sentence", "paragraph_index", "title", "published", "published_basis", "source",
    "sources", "n_sources",
)


@dataclass(frozen=True)
class Event:
    """One happening: who did what to whom, where and when, with its evidence.

    `actors` lists canonical names including affiliations (a person's state or
    group), so filtering by "Iran" finds Qaani's events. `sources` lists every
    mention merged into this event: dicts {article_id, source, sentence, title}.
    """

    event_id: str
    article_id: str
    date_start: dt.date
    date_end: dt.date
    date_precision: str
    date_text: str
    date_value: str
    date_basis: str
    actors: tuple[str, ...]
    actor: str
    actor_text: str
    target: str
    event_type: str
    event_category: str
    trigger: str
    theater: str
    location: str
    latitude: float | None
    longitude: float | None
    sentence: str
    paragraph_index: int
    title: str
    published: dt.date | None
    published_basis: str
    source: str
    sources: tuple[dict[str, str], ...] = ()
    n_sources: int = 1

    def to_record(self) -> dict[str, Any]:
        """JSON-friendly dict with EVENT_COLUMNS keys (dates as ISO strings)."""
        d = asdict(self)
        for k in ("date_start", "date_end", "published"):
            v = d[k]
            d[k] = v.isoformat() if v else None
        d["actors"] = list(self.actors)
        d["sources"] = [dict(s) for s in self.sources]
        return {k: d[k] for k in EVENT_COLUMNS}
