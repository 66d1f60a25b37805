"""Reader for article exports as records: .jsonl (one JSON object per line), .json, .csv/.tsv.

Why field aliases: exports from scrapers, news APIs and spreadsheets name the same things
differently (text/body/content/article, published/date/datePublished/pubDate). The reader
accepts the common names, keeps the raw date string in meta["field"] for the dating module,
and only sets `published` itself when the value is a clean ISO date. A broken record is one
InputError naming the file and line; the other records are still read.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from loaders.errors import InputError
from loaders.models import Article
from loaders.normalize import normalize_line, normalize_text
from loaders.read.body import CaptionSet, blocks_of, build_body, derive_title, make_article, parse_iso_date
from loaders.read.html import fragment_text, looks_like_html_fragment
from loaders.read.language import article_problem, control_problem
from loaders.settings import Settings

TITLE_FIELDS = ("title", "headline", "name")
TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "article_text", "full_text", "story")
DATE_FIELDS = (
    "published", "date", "datepublished", "pubdate", "published_at", "publishedat", "publication_date",
    "date_published", "date_publish", "created_at", "time",
)
URL_FIELDS = ("url", "link", "href", "source_url", "canonical_url")
#: containers a .json file may wrap its records in
LIST_KEYS = ("articles", "items", "records", "data", "results", "documents", "docs")


def _lower_keys(record: Mapping[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in record.items()}


def _first(record: Mapping[str, Any], names: Iterable[str]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _as_text(value: Any) -> str:
    """Text fields are usually strings; a list of paragraphs is joined with blank lines."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n\n".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return str(value)


def text_blocks(text: str) -> list[list[str]]:
    """Record text -> blocks: paragraphs split on blank lines, or on single newlines when
    the text has no blank line at all."""
    lines = normalize_text(text).split("\n")
    if "" not in lines:
        return [[line] for line in lines if line]
    return blocks_of(lines)


def record_to_article(
    record: Mapping[str, Any], *, where: str, source: str, path: str, position: int, settings: Settings
) -> Article | InputError:
    """One record -> Article, or an InputError naming `where` ("file.jsonl line 7")."""
    if not isinstance(record, Mapping):
        return InputError(where, f"expected an object with title and text, got {type(record).__name__}")
    fields = _lower_keys(record)
    raw_text = _as_text(_first(fields, TEXT_FIELDS))
    title = normalize_line(_as_text(_first(fields, TITLE_FIELDS)))
    if not raw_text.strip():
        names = ", ".join(sorted(fields)) or "none"
        expected = ", ".join(TEXT_FIELDS[:4])
        return InputError(where, f"no text (expected a field named {expected}; fields: {names})")
    if looks_like_html_fragment(raw_text):
        raw_text = fragment_text(raw_text)
    captions = CaptionSet()
    body = build_body(text_blocks(raw_text), title=title, captions=captions)
    if not body.paragraphs:
        return InputError(where, "no article text (only page furniture)")
    junk = control_problem(raw_text) or article_problem(title, body.paragraphs)
    if junk:
        return InputError(where, junk)
    title = title or derive_title(body.paragraphs[0])
    meta: dict[str, str] = {}
    published = None
    date_value = _first(fields, DATE_FIELDS)
    if date_value is not None and not isinstance(date_value, (dict, list)):
        meta["field"] = str(date_value).strip()
        published = parse_iso_date(meta["field"], settings.min_year, settings.max_year)
    if body.datelines:
        meta["dateline"] = body.datelines[0]
    url = _first(fields, URL_FIELDS)
    return make_article(
        title,
        body.paragraphs,
        captions=captions.items,
        subheadings=body.subheadings,
        source=source,
        source_path=path,
        position=position,
        url=str(url).strip() if isinstance(url, str) else "",
        published=published,
        published_basis="field",
        meta=meta,
    )


def read_jsonl(text: str, *, source_name: str, path: str, settings: Settings) -> Iterator[Article | InputError]:
    """One record per line; a broken line is an InputError "file.jsonl line 7: invalid JSON (...)"."""
    position = 0
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        position += 1
        where = f"{path} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(where, "invalid JSON (nested too deeply)")
            continue
        yield record_to_article(
            record, where=where, source=f"{source_name}#{position}", path=path, position=position, settings=settings
        )
    if position == 0:
        yield InputError(path, "no records (the file has only blank lines)")


def _records_of(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        lowered = _lower_keys(document)
        for key in LIST_KEYS:
            if isinstance(lowered.get(key), list):
                return lowered[key]
        return [document]
    return None


def read_json(text: str, *, source_name: str, path: str, settings: Settings) -> Iterator[Article | InputError]:
    """A list of records, {"articles": [...]} (or items/records/data/...), or one record."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines saved as .json
            yield from read_jsonl(text, source_name=source_name, path=path, settings=settings)
            return
        yield InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    except RecursionError:
        yield InputError(path, "invalid JSON (nested too deeply)")
        return
    records = _records_of(document)
    if records is None:
        yield InputError(path, f"expected a list of articles or an object, got {type(document).__name__}")
        return
    if not records:
        yield InputError(path, "no records (empty list)")
        return
    for position, record in enumerate(records, 1):
        yield record_to_article(
            record,
            where=f"{path} record {position}",
            source=f"{source_name}#{position}",
            path=path,
            position=position,
            settings=settings,
        )


def _dialect(sample: str, tab_separated: bool) -> type[csv.Dialect]:
    """Excel's (RFC 4180) quoting with the delimiter sniffed from the header line. Only the
    delimiter: a header holds no quotes, and a quoting style sniffed from it reads the doubled
    quotes of 'He said ""no deal""' as the end of the field."""
    if tab_separated:
        return csv.excel_tab
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return csv.excel
    return type("SniffedDialect", (csv.excel,), {"delimiter": delimiter})


def read_csv(
    text: str, *, source_name: str, path: str, settings: Settings, tab_separated: bool = False
) -> Iterator[Article | InputError]:
    """A header row naming the columns (title, text/body/content/article, published/date..., url)."""
    csv.field_size_limit(max(settings.max_file_bytes, 131072))
    first_line = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), dialect=_dialect(first_line, tab_separated))
    try:
        columns = [c.strip() for c in (reader.fieldnames or []) if c is not None]
    except csv.Error as exc:
        yield InputError(path, f"unreadable CSV header ({exc})")
        return
    lowered = {c.lower() for c in columns}
    if not lowered & set(TEXT_FIELDS):
        shown = ", ".join(columns) if columns else "none"
        yield InputError(path, f"no 'text' or 'body' column (columns: {shown})")
        return
    position = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield InputError(f"{path} line {reader.line_num}", f"unreadable CSV row ({exc})")
            break
        position += 1
        record = {k: v for k, v in row.items() if k is not None}
        yield record_to_article(
            record,
            where=f"{path} row {position}",
            source=f"{source_name}#{position}",
            path=path,
            position=position,
            settings=settings,
        )
    if position == 0:
        yield InputError(path, "no rows under the header")
