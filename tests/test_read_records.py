"""Records: .jsonl, .json and .csv exports with title / text / published / url fields."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from loaders.read import read_path, read_text

BODY = "Israeli jets struck Hodeidah port on Sunday.\n\nThree workers were killed, officials said."


def _write_jsonl(path, records):
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def test_jsonl_fields_and_paragraphs(tmp_path):
    f = tmp_path / "feed.jsonl"
    _write_jsonl(
        f,
        [
            {"title": "Strike on Hodeidah", "text": BODY, "published": "2025-03-23", "url": "https://example.org/a"},
            {"headline": "Talks in Cairo", "body": "Negotiators met.\nNo deal yet.", "date": "March 24, 2025"},
        ],
    )
    result = read_path(f)
    assert result.errors == []
    first, second = result.articles
    assert first.title == "Strike on Hodeidah"
    assert first.paragraphs == ("Israeli jets struck Hodeidah port on Sunday.", "Three workers were killed, officials said.")
    assert first.meta == {"field": "2025-03-23"}
    assert first.published == dt.date(2025, 3, 23) and first.published_basis == "field"
    assert first.url == "https://example.org/a"
    assert (first.source, first.position) == ("feed.jsonl#1", 1)
    # single newlines split paragraphs when there is no blank line
    assert second.paragraphs == ("Negotiators met.", "No deal yet.")
    # a non-ISO date is kept raw for the dating module, not parsed here
    assert second.meta == {"field": "March 24, 2025"} and second.published is None and second.published_basis == ""


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("datePublished", "2025-03-23T10:15:00Z", dt.date(2025, 3, 23)),
        ("pubDate", "2025-03-23T23:30:00+03:00", dt.date(2025, 3, 23)),
        ("published", "2025-02-30", None),
        ("published", "23/03/2025", None),
        ("published", "1066-10-14", None),  # outside Settings.min_year..max_year
    ],
)
def test_date_field_names_and_iso_parsing(tmp_path, field, value, expected):
    f = tmp_path / "one.jsonl"
    _write_jsonl(f, [{"title": "T", "content": BODY, field: value}])
    (article,) = read_path(f).articles
    assert article.meta["field"] == value
    assert article.published == expected


def test_jsonl_broken_line_is_one_error_others_read(tmp_path):
    f = tmp_path / "file.jsonl"
    lines = [json.dumps({"title": f"Story {i}", "text": f"Body of story {i}."}) for i in range(1, 10)]
    lines[6] = '{"title": "Broken", "text": '
    f.write_text("\n".join(lines), encoding="utf-8")
    result = read_path(f)
    assert [a.title for a in result.articles] == [f"Story {i}" for i in (1, 2, 3, 4, 5, 6, 8, 9)]
    (error,) = result.errors
    assert str(error).startswith(f"{f} line 7: invalid JSON (")
    assert "\n" not in str(error)


def test_record_without_text_is_named(tmp_path):
    f = tmp_path / "x.jsonl"
    _write_jsonl(f, [{"title": "No body", "url": "u"}, {"title": "Ok", "article": "Fine text."}])
    result = read_path(f)
    assert [a.title for a in result.articles] == ["Ok"]
    assert result.messages == [f"{f} line 1: no text (expected a field named text, body, content, article; fields: title, url)"]


@pytest.mark.parametrize(
    "document",
    [
        [{"title": "A", "text": "Body A."}, {"title": "B", "text": "Body B."}],
        {"articles": [{"title": "A", "text": "Body A."}, {"title": "B", "text": "Body B."}]},
    ],
)
def test_json_list_or_wrapped(tmp_path, document):
    f = tmp_path / "export.json"
    f.write_text(json.dumps(document), encoding="utf-8")
    result = read_path(f)
    assert [a.title for a in result.articles] == ["A", "B"] and result.errors == []
    assert [a.source for a in result.articles] == ["export.json#1", "export.json#2"]


def test_json_single_record(tmp_path):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"Title": "Solo", "Text": "Only body.", "Date": "2025-01-02"}), encoding="utf-8")
    (article,) = read_path(f).articles
    assert (article.title, article.paragraphs, article.meta) == ("Solo", ("Only body.",), {"field": "2025-01-02"})


def test_json_that_is_not_json(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text("{not json", encoding="utf-8")
    result = read_path(f)
    assert result.articles == [] and result.messages[0].startswith(f"{f}: invalid JSON (")


def test_csv_with_multiline_text(tmp_path):
    f = tmp_path / "rows.csv"
    with f.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(["title", "body", "pubDate", "link"])
        w.writerow(["Strike on Hodeidah", BODY, "2025-03-23", "https://example.org/a"])
        w.writerow(["Talks", "Negotiators met in Cairo.", "", ""])
    result = read_path(f)
    assert result.errors == []
    first, second = result.articles
    assert first.paragraphs == ("Israeli jets struck Hodeidah port on Sunday.", "Three workers were killed, officials said.")
    assert first.published == dt.date(2025, 3, 23) and first.url == "https://example.org/a"
    assert second.meta == {} and second.source == "rows.csv#2"


def test_csv_semicolon_delimited(tmp_path):
    f = tmp_path / "semi.csv"
    f.write_text("title;text\nA;Body of A.\n", encoding="utf-8")
    (article,) = read_path(f).articles
    assert (article.title, article.paragraphs) == ("A", ("Body of A.",))


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_quotes_inside_text_are_kept(tmp_path, delimiter):
    """RFC 4180: a quote inside a quoted field is doubled. The delimiter is sniffed from the header,
    which holds no quotes, so the quoting must not be sniffed from it too."""
    f = tmp_path / "rows.csv"
    with f.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, delimiter=delimiter)
        w.writerow(["title", "text"])
        w.writerow(["Talks", 'He said "no deal" on Sunday, then left.'])
        w.writerow(["Two", "Second body here."])
    result = read_path(f)
    assert result.errors == []
    assert [(a.title, a.paragraphs) for a in result.articles] == [
        ("Talks", ('He said "no deal" on Sunday, then left.',)), ("Two", ("Second body here.",))]


def test_csv_missing_text_column(tmp_path):
    f = tmp_path / "rows.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    result = read_path(f)
    assert result.articles == []
    assert result.messages == [f"{f}: no 'text' or 'body' column (columns: a, b)"]


def test_same_article_from_txt_and_jsonl_has_same_id(tmp_path):
    from_txt = list(read_text("Strike on Hodeidah\n\n" + BODY + "\n", "a.txt"))[0]
    from_jsonl = list(read_text(json.dumps({"title": "Strike on Hodeidah", "text": BODY}), "a.jsonl"))[0]
    assert from_txt.article_id == from_jsonl.article_id


def test_record_furniture_and_subheadings(tmp_path):
    text = "First paragraph here.\n\nAdvertisement\n\nHouthis vow response\n\nThey said they would respond."
    (article,) = list(read_text(json.dumps({"title": "T", "text": text}), "s.jsonl"))
    assert article.paragraphs == ("First paragraph here.", "They said they would respond.")
    assert article.subheadings == ("Houthis vow response",)


def test_record_without_title_gets_first_sentence(tmp_path):
    (article,) = list(read_text(json.dumps({"text": "Talks resumed in Doha. More later."}), "s.jsonl"))
    assert article.title == "Talks resumed in Doha"


def test_json_lines_saved_as_json(tmp_path):
    f = tmp_path / "lines.json"
    _write_jsonl(f, [{"title": "A", "text": "Body A."}, {"title": "B", "text": "Body B."}])
    assert [a.title for a in read_path(f).articles] == ["A", "B"]


def test_record_text_with_html_markup():
    text = "<p>Israeli jets struck the port.</p><script>alert(1)</script><h2>Houthis respond</h2><p>They vowed revenge.<br>More later.</p>"
    (article,) = list(read_text(json.dumps({"title": "T", "content": text}), "rss.jsonl"))
    assert article.paragraphs == ("Israeli jets struck the port.", "They vowed revenge.", "More later.")
    assert article.subheadings == ("Houthis respond",)


def test_jsonl_export_saved_as_txt_is_sniffed(tmp_path):
    f = tmp_path / "export.txt"
    _write_jsonl(f, [{"title": "A", "text": "Body A."}, {"title": "B", "text": "Body B."}])
    assert [a.title for a in read_path(f).articles] == ["A", "B"]
