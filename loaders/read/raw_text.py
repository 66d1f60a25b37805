"""Reader for the raw pasted layout (.txt): several articles per file, copied from news pages.

The layout (see tests/test_read_raw.py): articles are separated by three or more blank
lines. Each starts with its title, then a header block copied from the page: photo captions
(often twice, often ending in a credit such as "(Reuters file)"), page furniture (a lone
"TT", a stray number), then the title and the captions again. The body follows, one
paragraph per line, with short subheadings between paragraphs.

How a caption is told from the first body paragraph: while scanning the header, a line is a
caption if it comes before the repeated title, carries a credit, repeats a line already
seen (or the next one), or is followed by furniture in the same block. The first line that
is none of these starts the body. A line that only resembles a caption's text (without its
credit) is body text: the seed articles repeat a caption's sentence as a paragraph.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from loaders.errors import InputError
from loaders.models import Article, Caption
from loaders.normalize import find_credit, fold, furniture_kind, normalize_line
from loaders.read.body import CaptionSet, blocks_of, build_body, derive_title, looks_like_title, make_article
from loaders.read.language import article_problem

#: articles are separated by at least this many blank lines
SEPARATOR_BLANK_LINES = 3
#: the repeated title must come back within this many lines of the first one
TITLE_REPEAT_WINDOW = 12
#: the header block (captions, furniture) is never longer than this many lines
HEADER_MAX_LINES = 40
#: a caption without credit is recognised by furniture ("TT") at most this many lines below it
FURNITURE_LOOKAHEAD = 3


@dataclass
class ParsedArticle:
    title: str
    paragraphs: list[str]
    captions: list[Caption] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def split_articles(text: str) -> list[list[str]]:
    """Text -> chunks of normalized lines, one chunk per article (blank-line runs >= 3 split).

    Lines made only of spaces, tabs, non-breaking or zero-width spaces count as blank.
    Chunks with no text at all are dropped.
    """
    chunks: list[list[str]] = []
    current: list[str] = []
    blank_run = 0
    for raw in text.split("\n"):
        line = normalize_line(raw)
        if not line:
            blank_run += 1
            if current:
                current.append("")
            continue
        if blank_run >= SEPARATOR_BLANK_LINES and current:
            chunks.append(current)
            current = []
        blank_run = 0
        current.append(line)
    if current:
        chunks.append(current)
    return chunks


def _flatten(blocks: Sequence[Sequence[str]]) -> list[tuple[int, str]]:
    return [(b, line) for b, block in enumerate(blocks) for line in block]


def parse_article(lines: Sequence[str]) -> ParsedArticle | str | None:
    """One chunk of normalized lines -> ParsedArticle, a problem string, or None (no text)."""
    blocks = blocks_of(lines)
    flat = _flatten(blocks)
    datelines: list[str] = []
    i = 0
    while i < len(flat) and (kind := furniture_kind(flat[i][1])):
        if kind == "dateline":
            datelines.append(flat[i][1])
        i += 1
    if i == len(flat):
        return None
    captions = CaptionSet()
    title = ""
    at, repeat = _find_title(flat, i)
    if at is not None:
        title = flat[at][1]
        i = _scan_header(flat, at + 1, title_key=fold(title), repeat=repeat, captions=captions, datelines=datelines)
    body_blocks: list[list[str]] = []
    last_block = -1
    for b, line in flat[i:]:
        if b != last_block:
            body_blocks.append([])
            last_block = b
        body_blocks[-1].append(line)
    body = build_body(body_blocks, title=title, captions=captions)
    datelines.extend(body.datelines)
    meta = {"dateline": datelines[0]} if datelines else {}
    if not body.paragraphs:
        if not title:
            return None
        return f"article {title[:60]!r} has no body text"
    if not title:
        title = derive_title(body.paragraphs[0])
    return ParsedArticle(title, body.paragraphs, captions.items, body.subheadings, meta)


def _repeat_of(flat: list[tuple[int, str]], at: int) -> int | None:
    """Index where line `at` comes back (the pasted page repeats its title), or None."""
    key = fold(flat[at][1])
    for j in range(at + 1, min(len(flat), at + 1 + TITLE_REPEAT_WINDOW)):
        if fold(flat[j][1]) == key:
            return j
    return None


def _find_title(flat: list[tuple[int, str]], start: int) -> tuple[int | None, int | None]:
    """(title index, index of its repeat). The title is the first text line, unless one of
    the next lines is a title-like line that the page repeats: then the lines before it are a
    kicker or section label ("Middle East") and are dropped."""
    candidates = [k for k in range(start, min(len(flat), start + 6)) if not furniture_kind(flat[k][1])][:3]
    for n, k in enumerate(candidates):
        line = flat[k][1]
        if line[0].islower() or find_credit(line)[1] or (n and not looks_like_title(line)):
            continue
        repeat = _repeat_of(flat, k)
        if repeat is not None and (n == 0 or repeat > k + 1):
            return k, repeat
    return (start, None) if looks_like_title(flat[start][1]) else (None, None)


def _scan_header(
    flat: list[tuple[int, str]],
    start: int,
    *,
    title_key: str,
    repeat: int | None,
    captions: CaptionSet,
    datelines: list[str],
) -> int:
    """Consume the header block after the title; return the index where the body starts."""
    k = start
    stop = min(len(flat), start + HEADER_MAX_LINES)
    while k < stop:
        block, line = flat[k]
        kind = furniture_kind(line)
        if kind:
            if kind == "dateline":
                datelines.append(line)
            k += 1
            continue
        key = fold(line)
        if key == title_key:
            k += 1
            continue
        text, credit, _ = find_credit(line)
        if (
            (repeat is not None and k < repeat)
            or credit
            or key in captions.lines
            or _next_text_key(flat, k, block) == key
            or _furniture_follows_in_block(flat, k, block)
        ):
            captions.add(line, text, credit)
            k += 1
            continue
        break
    return k


def _next_text_key(flat: list[tuple[int, str]], k: int, block: int) -> str:
    """Fold of the next non-furniture line of the same block ("" if none): pasted captions
    come twice in a row, while a repeated paragraph is set apart by a blank line."""
    for b, line in flat[k + 1 : k + 4]:
        if b != block:
            return ""
        if not furniture_kind(line):
            return fold(line)
    return ""


def _furniture_follows_in_block(flat: list[tuple[int, str]], k: int, block: int) -> bool:
    """True when page furniture ("TT", "20") follows line k in its block, with only copies of
    line k or credited lines between: the caption-then-furniture shape of the header."""
    key = fold(flat[k][1])
    for j in range(k + 1, min(len(flat), k + 1 + FURNITURE_LOOKAHEAD)):
        b, line = flat[j]
        if b != block:
            return False
        if furniture_kind(line):
            return True
        if fold(line) != key and not find_credit(line)[1]:
            return False
    return False


def read_raw_text(text: str, *, source_name: str, path: str) -> Iterator[Article | InputError]:
    """Articles of one pasted-layout text, numbered from 1 in file order.

    A part that is not written language (random bytes, base64, keyboard mashing: see
    loaders.read.language) is refused as "<file>#<n>"; when no part of the file is language,
    one message names the file instead of one per part."""
    position = 0
    found = False
    held: list[InputError] = []  # refusals seen before the first article: one message if no article follows
    for chunk in split_articles(text):
        parsed = parse_article(chunk)
        if parsed is None:
            continue
        position += 1
        if isinstance(parsed, str):
            yield InputError(f"{path}#{position}", parsed)
            continue
        junk = article_problem(parsed.title, parsed.paragraphs)
        if junk:
            refused = InputError(f"{path}#{position}", junk)
            if found:
                yield refused
            else:
                held.append(refused)
            continue
        if held:
            yield from held
            held.clear()
        found = True
        yield make_article(
            parsed.title,
            parsed.paragraphs,
            captions=parsed.captions,
            subheadings=parsed.subheadings,
            source=f"{source_name}#{position}",
            source_path=path,
            position=position,
            meta=parsed.meta,
        )
    if held:
        problem = held[0].problem
        if len(held) > 1:
            problem = problem.replace(": ", f" in any of its {len(held)} parts: ", 1)
        yield InputError(path, problem)
    elif not found and position == 0:
        yield InputError(path, "no article text found (only page furniture or blank lines)")
