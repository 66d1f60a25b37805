"""From normalized lines to an Article body: paragraphs, subheadings and captions.

Why one module for all readers: pasted text, JSON/CSV records and HTML all end up as lines
of text, and the same clean-up applies to each (page furniture dropped, photo captions moved
out of the body, subheadings kept apart, hard-wrapped lines joined). Keeping it here means
an article reads the same whether it arrived as .txt, .jsonl or .csv, and so gets the same
article_id.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from loaders.models import Article, Caption, article_key
from loaders.normalize import find_credit, fold, furniture_kind

#: a subheading is a short line between paragraphs, not a sentence
SUBHEADING_MAX_WORDS = 14
SUBHEADING_MAX_CHARS = 120
#: a title is a short line; longer first lines are the first paragraph of a title-less article
TITLE_MAX_WORDS = 30
TITLE_MAX_CHARS = 250
DERIVED_TITLE_CHARS = 100

_TERMINAL = ".!?:;\"')]"
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DIALOGUE = re.compile(r"[,!?]\"")


def looks_like_title(line: str) -> bool:
    """Short, starts with a capital or digit, and is not a finished sentence."""
    if not line or len(line) > TITLE_MAX_CHARS or line.endswith((".", ",", ";", ":")):
        return False
    first = line.lstrip("\"'(")[:1]
    return bool(first) and not first.islower() and len(line.split()) <= TITLE_MAX_WORDS


def is_subheading(line: str) -> bool:
    """A short heading line such as "Houthis shut Iraqi HQ": few words, no final period,
    starts with a capital, and is not a fragment of dialogue ("We will," he said)."""
    if not line or len(line) > SUBHEADING_MAX_CHARS or _DIALOGUE.search(line):
        return False
    core = line.rstrip("\"')]")
    if not core or core[-1] in ".,;:" or (core != line and core[-1] in "!?"):
        return False
    first = line.lstrip("\"'(")[:1]
    if not first or not (first.isupper() or first.isdigit()):
        return False
    return len(line.split()) <= SUBHEADING_MAX_WORDS


def _is_abbreviation_before(text: str, end: int) -> bool:
    """"Mr." / "U.S." / "J." before a period does not end a sentence."""
    m = _WORD_BEFORE.search(text, 0, end)
    word = m.group(1) if m else ""
    core = word.strip("\"'(").rstrip(".")
    return bool(core) and len(core) <= 3 and core[:1].isupper() and text[end - 1] == "."


def derive_title(paragraph: str, limit: int = DERIVED_TITLE_CHARS) -> str:
    """Title for an article pasted without one: its first sentence, cut at a word boundary."""
    head = paragraph[: limit * 4]
    first = head
    for m in _SENTENCE_END.finditer(head):
        if not _is_abbreviation_before(head, m.start() + 1):
            first = head[: m.end()].strip()
            break
    first = first.strip().rstrip(".") or first.strip()  # "..." alone keeps its dots: a title is never empty
    if len(first) > limit:
        cut = first.rfind(" ", 0, limit)
        first = first[: cut if cut > limit // 2 else limit].rstrip(" ,;:-") + "..."
    return first


def _should_join(previous: str, following: str) -> bool:
    """Hard-wrapped text: a line that stops mid-sentence continues on the next line."""
    if not previous or not following or previous[-1] in _TERMINAL:
        return False
    return following[0].islower() or len(previous) >= 50


def join_wrapped(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Consecutive lines of one block -> paragraphs; the flag says "was a single short line"."""
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    for line in lines:
        if current and _should_join(current[-1], line):
            current.append(line)
            continue
        if current:
            out.append((" ".join(current), len(current) == 1))
        current = [line]
    if current:
        out.append((" ".join(current), len(current) == 1))
    return out


@dataclass
class CaptionSet:
    """Captions in first-seen order, one per text (whitespace and case folded)."""

    items: list[Caption] = field(default_factory=list)
    #: folded full lines (text + credit) already taken as captions: a later identical line is one too
    lines: set[str] = field(default_factory=set)
    _index: dict[str, int] = field(default_factory=dict)

    def add(self, line: str, text: str, credit: str) -> None:
        self.lines.add(fold(line))
        if not text:  # a lone credit line credits the caption just before it
            if credit and self.items and not self.items[-1].credit:
                self.items[-1] = Caption(self.items[-1].text, credit)
            return
        key = fold(text)
        at = self._index.get(key)
        if at is None:
            self._index[key] = len(self.items)
            self.items.append(Caption(text, credit))
        elif credit and not self.items[at].credit:
            self.items[at] = Caption(self.items[at].text, credit)


@dataclass
class Body:
    paragraphs: list[str] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    datelines: list[str] = field(default_factory=list)


def build_body(blocks: Iterable[Sequence[str]], *, title: str, captions: CaptionSet) -> Body:
    """Blocks of normalized lines (a block = lines with no blank line between them) -> body.

    Drops furniture (keeping publication stamps as datelines), repeats of the title, of
    header captions and of the paragraph just before (a paste artefact); moves lines with a sure photo credit to the captions; joins wrapped
    lines; files short heading lines under subheadings.
    """
    body = Body()
    title_key = fold(title) if title else ""
    pieces: list[tuple[str, bool]] = []
    for block in blocks:
        kept: list[str] = []
        for line in block:
            kind = furniture_kind(line)
            if kind:
                if kind == "dateline":
                    body.datelines.append(line)
                continue
            key = fold(line)
            if key == title_key or key in captions.lines:
                continue
            text, credit, sure = find_credit(line)
            if sure or (credit and not text):
                captions.add(line, text, credit)
                continue
            kept.append(line)
        pieces.extend(join_wrapped(kept))
    keys = [fold(text) for text, _ in pieces]
    pieces = [p for n, p in enumerate(pieces) if n == 0 or keys[n] != keys[n - 1]]
    last = len(pieces) - 1
    for i, (text, single) in enumerate(pieces):
        if single and i < last and is_subheading(text):
            body.subheadings.append(text)
        else:
            body.paragraphs.append(text)
    return body


def blocks_of(lines: Iterable[str]) -> list[list[str]]:
    """Normalized lines -> blocks separated by empty lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_iso_date(value: str, min_year: int = 1, max_year: int = 9999) -> dt.date | None:
    """The calendar date of an ISO date or datetime string (date as written, no time-zone
    shift); None for anything else (other formats are the dating module's job)."""
    value = value.strip()
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
        if len(value) > 10:
            dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    return day if min_year <= day.year <= max_year else None


def make_article(
    title: str,
    paragraphs: Sequence[str],
    *,
    source: str,
    source_path: str,
    position: int,
    captions: Sequence[Caption] = (),
    subheadings: Sequence[str] = (),
    url: str = "",
    published: dt.date | None = None,
    published_basis: str = "",
    meta: dict[str, str] | None = None,
) -> Article:
    """The one place an Article is built by the readers (article_id from title + body)."""
    paragraphs = tuple(paragraphs)
    return Article(
        article_id=article_key(title, paragraphs),
        title=title,
        paragraphs=paragraphs,
        captions=tuple(captions),
        subheadings=tuple(subheadings),
        source=source,
        source_path=source_path,
        position=position,
        url=url,
        published=published,
        published_basis=published_basis if published else "",
        meta=dict(meta or {}),
    )
