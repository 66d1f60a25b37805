"""Reader for saved web pages (.html/.htm) through trafilatura.

Why trafilatura: separating an article from navigation, ads and comments is a solved,
maintained problem (it is the extractor behind many news corpora); hand-written tag stripping
is not. We add what it leaves out: the page's publication-date candidates (article meta tags,
JSON-LD datePublished, <time datetime>) kept raw in meta["html-meta"] for the dating module,
and photo captions from <figcaption>. Hostile pages (scripts, javascript: links, thousands of
nested tags) are parsed by lxml with its depth limit; anything that still fails becomes an
InputError instead of an exception.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from loaders.errors import InputError
from loaders.models import Article
from loaders.normalize import find_credit, fold, normalize_line
from loaders.read.body import CaptionSet, build_body, derive_title, make_article, parse_iso_date
from loaders.read.language import article_problem
from loaders.settings import Settings

#: <meta> names/properties holding the publication date, most specific first
META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "publishdate", "publish-date", "publish_date", "pubdate", "dc.date.issued", "dcterms.issued",
    "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "article.published",
    "cxenseparse:recs:publishtime",
)
_JSONLD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
_MAX_JSONLD_CHARS = 200_000
_LOOSE_TEXT_MIN_WORDS = 4
#: libxml2 stops building the tree below this depth (without its "huge" option, which we keep off)
_PARSER_MAX_DEPTH = 256


def _jsonld_date(node: Any, depth: int = 0) -> str:
    """First datePublished-like value in a JSON-LD document (nested objects and @graph)."""
    if depth > 20:
        return ""
    if isinstance(node, dict):
        for key in _JSONLD_DATE_KEYS:
            value = node.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        children = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return ""
    for child in children:
        found = _jsonld_date(child, depth + 1)
        if found:
            return found
    return ""


def page_date_candidates(tree: Any) -> list[tuple[str, str]]:
    """(where, raw value) publication-date candidates, most trusted first."""
    by_name: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key in META_DATE_NAMES and value and key not in by_name:
            by_name[key] = value
    found = [(f"meta {name}", by_name[name]) for name in META_DATE_NAMES[:4] if name in by_name]
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "")[:_MAX_JSONLD_CHARS]
        try:
            value = _jsonld_date(json.loads(raw))
        except (ValueError, RecursionError):
            continue
        if value:
            found.append(("json-ld datePublished", value))
            break
    found += [(f"meta {name}", by_name[name]) for name in META_DATE_NAMES[4:] if name in by_name]
    for time in tree.iter("time"):
        value = (time.get("datetime") or "").strip()
        if value:
            found.append(("time datetime", value))
            break
    return found


def _figcaptions(tree: Any) -> CaptionSet:
    captions = CaptionSet()
    for element in tree.iter("figcaption"):
        line = normalize_line(element.text_content())
        if line:
            text, credit, _ = find_credit(line)
            captions.add(line, text, credit)
    return captions


def _page_title(tree: Any) -> str:
    for tag in ("h1", "title"):
        for element in tree.iter(tag):
            text = normalize_line(element.text_content())
            if text:
                return text
    return ""


def _body_blocks(body: Any, title: str, headings: list[str]) -> list[list[str]]:
    """trafilatura's body tree (p, head, list/item, quote...) -> one-line blocks; <head>
    elements (the page's h2/h3...) go to `headings`."""
    blocks: list[list[str]] = []
    for element in body:
        text = normalize_line(" ".join(element.itertext()))
        if text and fold(text) != fold(title):
            if element.tag == "head":
                if text not in headings:
                    headings.append(text)
            elif element.tag == "list":
                blocks.extend([normalize_line(" ".join(item.itertext()))] for item in element)
            else:
                blocks.append([text])
        tail = normalize_line(element.tail or "")
        if len(tail.split()) >= _LOOSE_TEXT_MIN_WORDS:
            blocks.append([tail])
    return [b for b in blocks if b[0]]


_FRAGMENT_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre")
_FRAGMENT_MARKUP = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>|<p[\s>]", re.IGNORECASE)


def looks_like_html_fragment(text: str) -> bool:
    """Record text exported with its markup (RSS content:encoded, CMS exports)."""
    return bool(_FRAGMENT_MARKUP.search(text, 0, 20_000))


def fragment_text(fragment: str) -> str:
    """An HTML fragment -> plain text, one block element per paragraph (blank-line separated);
    scripts and styles dropped. Used for record fields that carry markup."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - unparsable markup: keep the raw text
        return fragment
    for bad in root.xpath(".//script|.//style|.//noscript|.//iframe"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = [el for el in root.iter(*_FRAGMENT_BLOCKS) if not any(a.tag in _FRAGMENT_BLOCKS for a in el.iterancestors())]
    if not blocks:
        return root.text_content()
    return "\n\n".join(el.text_content() for el in blocks)


def _why_no_text(text: str) -> str:
    """Tell a page nested deeper than the parser allows from a page with no article."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(text, parser=parser)
    except Exception:  # noqa: BLE001 - only the error log matters here
        pass
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        return f"no article text found: HTML nested deeper than {_PARSER_MAX_DEPTH} levels (text below that is lost)"
    return "no article text found in the page"


def read_html(text: str, *, source_name: str, path: str, settings: Settings) -> Iterator[Article | InputError]:
    """One article per page."""
    try:
        yield _read_html(text, source_name=source_name, path=path, settings=settings)
    except RecursionError:
        yield InputError(path, "HTML nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a hostile page must never stop a batch
        yield InputError(path, f"unreadable HTML ({type(exc).__name__}: {str(exc)[:120]})")


def _read_html(text: str, *, source_name: str, path: str, settings: Settings) -> Article | InputError:
    import trafilatura  # imported here: it takes ~0.3 s, and many runs read no HTML
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        return InputError(path, "not an HTML page (lxml could not parse it)")
    dates = page_date_candidates(tree)
    captions = _figcaptions(tree)
    page_title = _page_title(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if document is None or document.body is None:
        return InputError(path, _why_no_text(text))
    title = normalize_line(document.title or "") or page_title
    headings: list[str] = []
    body = build_body(_body_blocks(document.body, title, headings), title=title, captions=captions)
    if not body.paragraphs:
        return InputError(path, _why_no_text(text))
    junk = article_problem(title, body.paragraphs)
    if junk:
        return InputError(path, junk)
    title = title or derive_title(body.paragraphs[0])
    if not dates and document.date:
        dates.append(("trafilatura", str(document.date)))
    meta: dict[str, str] = {}
    published = None
    if dates:
        meta["html-meta"] = dates[0][1]
        published = parse_iso_date(dates[0][1], settings.min_year, settings.max_year)
    if body.datelines:
        meta["dateline"] = body.datelines[0]
    return make_article(
        title,
        body.paragraphs,
        captions=captions.items,
        subheadings=[*headings, *(h for h in body.subheadings if h not in headings)],
        source=f"{source_name}#1",
        source_path=path,
        position=1,
        url=str(document.url or ""),
        published=published,
        published_basis="html-meta",
        meta=meta,
    )
