"""Properties of the splitter, the readers and the normalizer on arbitrary input (hypothesis):
never raise, deterministic, normalization idempotent."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.errors import InputError
from loaders.models import Article
from loaders.normalize import fold, is_furniture, normalize_line, normalize_text, split_credit
from loaders.read import read_bytes, read_text
from loaders.read.decode import NotText, decode_bytes
from loaders.read.raw_text import parse_article, split_articles

SETTINGS = settings(max_examples=200, deadline=None)

#: pieces of the pasted layout, to reach the interesting branches more often than random text does
LAYOUT_LINES = st.sampled_from(
    [
        "", "", "", "   ", "\u00a0", "TT", "20", "Advertisement", "Published: March 23, 2025",
        "Strike Hits Port", "Strike Hits Port", "Smoke over the port. (Reuters file)",
        "Smoke over the port.  (Photo by Jane Doe / AFP)", "Houthis shut Iraqi HQ",
        "Israeli jets struck the port on Sunday, officials said.", "\u201cWe will respond,\u201d he said.",
        "(Reuters file)", "REUTERS/Jane Doe", "he said the talks were\u2014in his words\u2014dead",
        "\ufeff\u200b", "Read more: other story", "By John Smith", "x" * 300, "((((((((",
    ]
)
ANY_LINE = st.one_of(LAYOUT_LINES, st.text(max_size=80))
LAYOUT_TEXT = st.lists(ANY_LINE, max_size=40).map("\n".join)
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@SETTINGS
@given(st.text())
def test_normalize_line_idempotent_and_clean(s):
    once = normalize_line(s)
    assert normalize_line(once) == once
    assert normalize_line(s) == once  # deterministic
    assert "\n" not in once and "  " not in once and once == once.strip()
    for bad in "\u201c\u201d\u2018\u2019\u2013\u2014\u00a0\u200b\ufeff":
        assert bad not in once


@SETTINGS
@given(st.lists(ANY_LINE, max_size=20), LINE_ENDINGS)
def test_normalize_text_idempotent_keeps_line_count(lines, ending):
    raw = ending.join(lines)
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once


@SETTINGS
@given(ANY_LINE)
def test_line_rules_never_raise(line):
    text, credit = split_credit(line)
    assert isinstance(text, str) and isinstance(credit, str)
    if credit:
        assert fold(credit) in fold(line)
    assert is_furniture(line) in (True, False)


@SETTINGS
@given(LAYOUT_TEXT)
def test_splitter_never_raises_and_is_deterministic(text):
    chunks = split_articles(text)
    assert chunks == split_articles(text)
    for chunk in chunks:
        assert chunk and chunk[0]  # every chunk starts with text
        parsed = parse_article(chunk)
        assert parsed is None or isinstance(parsed, str) or (parsed.title and parsed.paragraphs)


@SETTINGS
@given(LAYOUT_TEXT, LINE_ENDINGS)
def test_raw_reader_never_raises_and_ids_are_stable(text, ending):
    text = text.replace("\n", ending)
    first = list(read_text(text, "any.txt"))
    second = list(read_text(text, "any.txt"))
    assert [type(x) for x in first] == [type(x) for x in second]
    for a, b in zip(first, second, strict=True):
        assert isinstance(a, (Article, InputError))
        if isinstance(a, Article):
            assert a.article_id == b.article_id and a.title and a.paragraphs
            assert all(p == normalize_line(p) for p in a.paragraphs)
            assert "TT" not in a.paragraphs
        else:
            assert "\n" not in str(a) and str(a).startswith("any.txt")


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(["r.jsonl", "r.json", "r.csv", "r.tsv", "r.html"]))
def test_record_and_html_readers_never_raise(text, name):
    for item in read_text(text, name):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert "\n" not in str(item)


@SETTINGS
@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_not_text(data):
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        assert exc.problem and "\n" not in exc.problem
    else:
        assert "\r" not in decoded.text
    for item in read_bytes(data, "upload.txt"):
        assert isinstance(item, (Article, InputError))
