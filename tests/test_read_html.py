"""Saved web pages through trafilatura: text, title, date candidates, captions, hostile pages."""
from __future__ import annotations

import datetime as dt

import pytest

from loaders.errors import InputError
from loaders.models import Article
from loaders.read import read_path, read_text

PARAGRAPHS = [
    "An air strike hit the port of Hodeidah on Sunday, killing three workers, officials said. It was the "
    "third strike this week on the facility and the harbor remained closed to ships.",
    "The Houthis said they would respond to the attack on the port and threatened shipping in the Red Sea "
    "again on Monday, a spokesman said in a televised speech.",
    "Officials in Sanaa said the damage was extensive and that repairs would take weeks, according to the "
    "local news agency run by the group.",
]


def page(head: str = "", extra_body: str = "") -> str:
    p = [f"<p>{x}</p>" for x in PARAGRAPHS]
    return f"""<!DOCTYPE html><html><head><title>Strike hits Hodeidah port | Example News</title>{head}</head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Strike hits Hodeidah port</h1>
<figure><img src="a.jpg"><figcaption>Smoke rises over the port of Hodeidah. (Photo by Jane Doe / AFP)</figcaption></figure>
{p[0]}<h2>Houthis vow response</h2>{p[1]}<p>Advertisement</p>{p[2]}{extra_body}
</article><footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"""


def _one(text: str, name: str = "page.html") -> Article:
    items = list(read_text(text, name))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_html_article_text_title_subheading_caption():
    article = _one(page())
    assert article.title == "Strike hits Hodeidah port"
    assert article.paragraphs == tuple(PARAGRAPHS)
    assert article.subheadings == ("Houthis vow response",)
    assert [(c.text, c.credit) for c in article.captions] == [
        ("Smoke rises over the port of Hodeidah.", "Photo by Jane Doe / AFP")
    ]
    assert (article.source, article.position) == ("page.html#1", 1)


@pytest.mark.parametrize(
    "head, raw",
    [
        ('<meta property="article:published_time" content="2025-03-23T10:00:00Z">', "2025-03-23T10:00:00Z"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "NewsArticle", "datePublished": "2025-03-22T09:00:00+03:00"}]}</script>',
            "2025-03-22T09:00:00+03:00",
        ),
        ('<meta name="pubdate" content="2025-03-21">', "2025-03-21"),
    ],
)
def test_html_date_candidates_go_to_meta(head, raw):
    article = _one(page(head))
    assert article.meta["html-meta"] == raw
    assert article.published == dt.date.fromisoformat(raw[:10])
    assert article.published_basis == "html-meta"


def test_html_published_time_preferred_over_time_element():
    head = '<meta property="article:published_time" content="2025-03-23T10:00:00Z">'
    article = _one(page(head, '<p>Posted <time datetime="2024-01-01">long ago</time> in an archive box here.</p>'))
    assert article.meta["html-meta"] == "2025-03-23T10:00:00Z"


def test_html_without_any_date_has_empty_meta():
    article = _one(page())
    assert "html-meta" not in article.meta and article.published is None


def test_html_scripts_and_javascript_links_never_reach_text():
    hostile = (
        "<script>document.write('<p>injected paragraph text that is long enough to be kept</p>')</script>"
        '<a href="javascript:alert(1)">click me now please</a><img src=x onerror="alert(2)">'
        "<style>p { color: red }</style><iframe src='javascript:alert(3)'></iframe>"
    )
    article = _one(page(extra_body=hostile))
    body = article.body
    for bad in ("alert", "javascript", "document.write", "color: red", "injected"):
        assert bad not in body


def test_html_ten_thousand_nested_tags_does_not_crash_or_hang():
    deep = "<div>" * 10_000 + "<p>deep text</p>" + "</div>" * 10_000
    items = list(read_text(page(extra_body=deep), "deep.html"))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, InputError):
        assert str(item).startswith("deep.html: ")
    else:
        assert item.paragraphs[0] == PARAGRAPHS[0]


def test_html_nested_from_the_start_is_a_clear_error():
    deep = "<html><body>" + "<span>" * 10_000 + "<p>" + PARAGRAPHS[0] + "</p>" + "</span>" * 10_000
    (error,) = list(read_text(deep, "nest.htm"))
    assert str(error) == "nest.htm: no article text found: HTML nested deeper than 256 levels (text below that is lost)"


def test_html_without_article_text_is_an_error():
    (error,) = list(read_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "empty.html"))
    assert isinstance(error, InputError)
    assert str(error) == "empty.html: no article text found in the page"


def test_html_file_on_disk_and_sniffed_txt(tmp_path):
    (tmp_path / "saved.htm").write_text(page(), encoding="utf-8")
    (tmp_path / "saved_as.txt").write_text(page(), encoding="utf-8")
    result = read_path(tmp_path)
    assert result.errors == []
    assert [a.title for a in result.articles] == ["Strike hits Hodeidah port"] * 2
    assert result.articles[0].source == f"{tmp_path.name}/saved.htm#1"
