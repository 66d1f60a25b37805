"""Issue 7 catalogue at reader level: every bad file gives one clear one-line message naming it,
and the other files of the same batch are still read; issue 16: text that is not language (random
bytes, base64, hex dumps, keyboard mashing, control characters) is refused, text in any script is
read. All inputs are generated here or written by us (tests/junk_samples.py), except spaCy's example
sentences, read as genuine text in some sixty languages."""
from __future__ import annotations

import csv
import io
import json
import os
import random
import sys
import zipfile
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.models import Article
from loaders.read import decode as decode_module
from loaders.read import iter_articles, iter_files, read_bytes, read_file, read_path
from loaders.read.decode import NotText, decode_bytes
from loaders.read.language import RULES_FILE, language_problem, limits
from loaders.rulefiles import header_comment, rule_yaml
from loaders.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from junk_samples import GENUINE, JUNK, base64_blob, keyboard_mash, random_printable  # noqa: E402

MiB = 1024 * 1024
GOOD = "Good Article Title\n\nIsraeli jets struck the port on Sunday, officials said.\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randbytes(2000))


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("story.txt", GOOD)
    return buf.getvalue()


def _messages_for(result, path: Path) -> list[str]:
    return [str(e) for e in result.errors if e.path == str(path) or e.path.startswith(f"{path} ")]


# --- decode: bytes -> text ---------------------------------------------------------------
@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file (0 bytes)"),
        (PNG, "binary file (PNG image), not text"),
        (b"GIF89a" + b"\x00" * 50, "binary file (GIF image), not text"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "binary file (JPEG image), not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document), not text"),
        (_zip_bytes(), "binary file (ZIP archive, or a .docx/.xlsx/.epub file), not text"),
        (random.Random(7).randbytes(4096), "binary file (unrecognised binary data with NUL bytes), not text"),
        (bytes(b for b in random.Random(3).randbytes(8000) if b) , "binary file (unrecognised binary data), not text"),
    ],
)
def test_decode_refuses_binary_naming_the_kind(data, problem):
    with pytest.raises(NotText) as info:
        decode_bytes(data)
    assert info.value.problem == problem


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        ("\u201cquoted\u201d caf\u00e9".encode("cp1252"), "\u201cquoted\u201d caf\u00e9", "cp1252"),
        (b"\x93Hello\x94 \x96 dash", "\u201cHello\u201d \u2013 dash", "cp1252"),
        ("caf\u00e9 na\u00efve".encode("latin-1"), "caf\u00e9 na\u00efve", "cp1252"),
        (b"undefined \x81 byte \xe9", "undefined \x81 byte \u00e9", "cp1252"),
        ("\ufeffhello \u00e9".encode("utf-8"), "hello \u00e9", "utf-8"),
        ("\ufeffhello \u00e9".encode("utf-16-le"), "hello \u00e9", "utf-16-le"),
        ("\ufeffhello \u00e9".encode("utf-16-be"), "hello \u00e9", "utf-16-be"),
        ("hello world, plain text".encode("utf-16-le"), "hello world, plain text", "utf-16-le"),
        (b"a\r\nb\rc\nd", "a\nb\nc\nd", "utf-8"),
        (
            "caf\u00e9 \u2014 na\u00efve \u2019s ".encode() + b"\x93pasted\x94",
            "caf\u00e9 \u2014 na\u00efve \u2019s \u201cpasted\u201d",
            "utf-8 with cp1252 bytes",
        ),
    ],
)
def test_decode_text_encodings_and_line_endings(data, text, encoding):
    decoded = decode_bytes(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)


# --- the whole catalogue in one batch --------------------------------------------------------
@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("batch") / "incoming"
    folder.mkdir()
    files: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        files[name] = path

    put("a_good.txt", GOOD)
    put("empty.txt", b"")
    put("blank.txt", "   \n\t\n \u00a0 \n")
    put("image.png", PNG)
    put("archive.zip", _zip_bytes())
    put("noise.bin", random.Random(11).randbytes(5000))
    put("windows.txt", b"Smart Quotes Title\r\n\r\nHe said \x93no deal\x94 \x96 twice.\r\n")
    put("latin1.txt", "Caf\u00e9 Attack Title\n\nA caf\u00e9 was hit.\n".encode("latin-1"))
    put("utf16.txt", ("\ufeff" + GOOD.replace("Good", "Sixteen")).encode("utf-16-le"))
    put("utf8bom.txt", ("\ufeff" + GOOD.replace("Good", "Bom")).encode("utf-8"))
    put("mixed_endings.txt", b"One Title\r\n\r\nBody one.\r\n\r\n\r\n\rTwo Title\r\rBody two.\nThree.\n")
    put("long_line.txt", ("word " * 400_000).encode("ascii"))  # one 2 MB line
    put("no_title.txt", "Israeli forces raided the camp on Tuesday, the army said. Two died.\n")
    put("tiny_1000.txt", "\n\n\n\n".join(f"Title {i}\n\nBody {i}." for i in range(1, 1001)))
    put(
        "hostile.html",
        "<html><head><title>Hostile</title><script>while(true){}</script></head><body>"
        '<a href="javascript:alert(1)">x</a>' + "<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000 + "</body></html>",
    )
    put(
        "broken.jsonl",
        "\n".join([json.dumps({"title": "J1", "text": "Body J1."}), '{"title": "J2", "text": ', json.dumps({"title": "J3", "text": "Body J3."})]),
    )
    put("rows.csv", "a,b\n1,2\n")
    put("random_printable.txt", random_printable(4096, 9))  # no NUL: passes the binary test, still junk
    put("mash.txt", keyboard_mash(80, 9))
    big = folder / "big.txt"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing written
        f.truncate(50 * MiB)
    files["big.txt"] = big
    put(".hidden.txt", GOOD.replace("Good", "Hidden"))
    return files


@pytest.fixture(scope="module")
def batch_result(batch):
    return read_path(batch["a_good.txt"].parent, Settings())


EXPECTED_ERRORS = {
    "empty.txt": ["empty file (0 bytes)"],
    "blank.txt": ["no text (only whitespace)"],
    "image.png": ["binary file (PNG image), not text"],
    "archive.zip": ["binary file (ZIP archive, or a .docx/.xlsx/.epub file), not text"],
    "noise.bin": ["binary file (unrecognised binary data with NUL bytes), not text"],
    "rows.csv": ["no 'text' or 'body' column (columns: a, b)"],
    "big.txt": ["50 MB is over the 20 MB limit"],
    "random_printable.txt": ["not written language: 99% of it is neither words nor numbers (random bytes, base64 or a "
                             "hex dump?)"],
    "mash.txt": ["not written language: 23% of its Latin letters are vowels, outside every language's range "
                 "(keyboard mashing or random letters?)"],
}


@pytest.mark.parametrize("name, problems", sorted(EXPECTED_ERRORS.items()))
def test_each_bad_file_has_one_clear_message(batch, batch_result, name, problems):
    path = batch[name]
    assert _messages_for(batch_result, path) == [f"{path}: {p}" for p in problems]


def test_broken_jsonl_line_named_other_lines_read(batch, batch_result):
    path = batch["broken.jsonl"]
    (message,) = _messages_for(batch_result, path)
    assert message.startswith(f"{path} line 2: invalid JSON (")
    titles = [a.title for a in batch_result.articles if a.source_path == str(path)]
    assert titles == ["J1", "J3"]


def test_hostile_html_gives_one_message_or_article(batch, batch_result):
    path = batch["hostile.html"]
    messages = _messages_for(batch_result, path)
    articles = [a for a in batch_result.articles if a.source_path == str(path)]
    assert len(messages) + len(articles) == 1
    for a in articles:
        assert "alert" not in a.body and "while(true)" not in a.body


def test_good_files_of_the_batch_are_read(batch, batch_result):
    by_file: dict[str, list[Article]] = {}
    for a in batch_result.articles:
        by_file.setdefault(Path(a.source_path).name, []).append(a)
    assert [a.title for a in by_file["a_good.txt"]] == ["Good Article Title"]
    assert by_file["windows.txt"][0].paragraphs == ('He said "no deal" - twice.',)
    assert by_file["latin1.txt"][0].title == "Caf\u00e9 Attack Title"
    assert [a.title for a in by_file["utf16.txt"]] == ["Sixteen Article Title"]
    assert [a.title for a in by_file["utf8bom.txt"]] == ["Bom Article Title"]
    assert [(a.title, a.paragraphs) for a in by_file["mixed_endings.txt"]] == [
        ("One Title", ("Body one.",)),
        ("Two Title", ("Body two.", "Three.")),
    ]
    (long_line,) = by_file["long_line.txt"]
    assert len(long_line.paragraphs[0]) == len("word " * 400_000) - 1 and len(long_line.title) <= 104
    (no_title,) = by_file["no_title.txt"]
    assert no_title.title == "Israeli forces raided the camp on Tuesday, the army said"
    tiny = by_file["tiny_1000.txt"]
    assert len(tiny) == 1000 and [a.position for a in tiny] == list(range(1, 1001))
    assert (tiny[-1].title, tiny[-1].paragraphs) == ("Title 1000", ("Body 1000.",))
    assert "Hidden Article Title" not in {a.title for a in batch_result.articles}


def test_every_message_is_one_line_naming_a_file(batch, batch_result):
    assert batch_result.errors
    for e in batch_result.errors:
        assert "\n" not in str(e) and str(e).startswith(e.path + ": ")
        assert Path(e.path.split(" line ")[0].split("#")[0]).name in str(e)


def test_big_file_is_refused_without_reading_it(batch, monkeypatch):
    reads: list[int] = []
    real_open = open

    class Spy:
        """Wraps the file handle to record every read() call."""

        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def fileno(self):
            return self.handle.fileno()

        def read(self, n=-1):
            reads.append(n)
            return self.handle.read(n)

    monkeypatch.setattr(decode_module, "open", lambda path, mode="r": Spy(real_open(path, mode)), raising=False)
    (error,) = list(read_file(batch["big.txt"]))
    assert str(error) == f"{batch['big.txt']}: 50 MB is over the 20 MB limit"
    assert reads == []
    (article,) = list(read_file(batch["a_good.txt"]))  # the spy does see reads of a normal file
    assert reads == [20 * MiB + 1]


def test_size_limit_comes_from_settings(tmp_path):
    f = tmp_path / "small.txt"
    f.write_text(GOOD * 10)
    (error,) = list(read_file(f, Settings(max_file_bytes=100)))
    assert str(error) == f"{f}: {len(GOOD) * 10} bytes is over the 100 bytes limit"


def test_missing_path_is_named(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    missing = tmp_path / "missing.txt"
    result = read_path([missing, good])
    assert result.messages == [f"{missing}: no such file"]
    assert [a.title for a in result.articles] == ["Good Article Title"]


def test_folder_without_permission_is_named(tmp_path, monkeypatch):
    root = tmp_path / "root"
    locked = root / "locked"
    locked.mkdir(parents=True)
    (locked / "inside.txt").write_text(GOOD)
    (root / "ok.txt").write_text(GOOD)
    if os.geteuid() == 0:  # root ignores chmod 000: make listing this folder fail instead
        real_scandir = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        result = read_path(root)
    finally:
        locked.chmod(0o755)
    assert result.messages == [f"{locked}/: permission denied"]
    assert [a.source for a in result.articles] == ["root/ok.txt#1"]


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    (tmp_path / "ok.txt").write_text(GOOD)
    real_open = open

    def deny(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(decode_module, "open", deny, raising=False)
    result = read_path(tmp_path)
    assert result.messages == [f"{locked}: permission denied"]
    assert len(result.articles) == 1


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert [str(e) for e in read_file(fifo)] == [f"{fifo}: not a regular file (device, pipe or socket)"]
    assert read_path(tmp_path).messages == [f"{fifo}: not a regular file (device, pipe or socket)"]


def test_iter_files_sorted_recursive_hidden_skipped(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/.secret.txt", ".git/config", "c.json", "a/b/y.csv"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    errors: list[InputError] = []
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files(tmp_path, errors)]
    assert found == ["a/b/y.csv", "a/z.txt", "b.txt", "c.json"]
    assert errors == []


def test_iter_articles_streams_lazily(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\n\nBody {i}.\n")
    (tmp_path / "3.png").write_bytes(PNG)
    stream = iter_articles(tmp_path)
    first = next(stream)
    assert isinstance(first, Article) and first.title == "Title 0"
    rest = list(stream)
    assert [type(x).__name__ for x in rest] == ["Article", "Article", "InputError"]


# --- not written language: junk that decodes as text (issue 16) -----------------------------
@pytest.mark.parametrize("name, data, word", JUNK, ids=[name for name, _, _ in JUNK])
def test_junk_that_decodes_as_text_is_refused_in_one_line(name, data, word):
    """The upload path (read_bytes) and the file path share it: nothing that is not language is
    stored as an article with a gibberish title."""
    items = list(read_bytes(data, f"{name}.txt"))
    assert [type(i).__name__ for i in items] == ["InputError"], items[:2]
    (error,) = items
    assert error.problem.startswith("not written language") and word in error.problem
    assert str(error).startswith(f"{name}.txt: ") and "\n" not in str(error)


@pytest.mark.parametrize("kind, text", GENUINE, ids=[kind for kind, _ in GENUINE])
def test_genuine_text_in_any_script_is_read(kind, text):
    (article,) = list(read_bytes(text.encode("utf-8"), f"{kind}.txt"))
    assert isinstance(article, Article), article
    title, _, body = text.partition("\n\n")
    assert article.title == (title if body else article.title) and article.paragraphs


def _spacy_examples() -> dict[str, list[str]]:
    """spaCy's example sentences per language (text we did not write), read without importing the
    language packages: each examples.py assigns a list literal to `sentences`."""
    import ast
    import importlib.util

    root = Path(importlib.util.find_spec("spacy").submodule_search_locations[0]) / "lang"
    found = {}
    for path in sorted(root.glob("*/examples.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "sentences" for t in node.targets):
                found[path.parent.name] = [s for s in ast.literal_eval(node.value) if isinstance(s, str)]
    return found


SPACY_EXAMPLES = _spacy_examples()


def test_the_spacy_examples_cover_many_scripts():
    assert len(SPACY_EXAMPLES) >= 50 and {"ar", "he", "ru", "zh", "ja", "hi", "bo", "ko", "am", "ta"} <= set(SPACY_EXAMPLES)


@pytest.mark.parametrize("lang", sorted(SPACY_EXAMPLES))
def test_example_sentences_of_every_spacy_language_are_language(lang):
    sentences = SPACY_EXAMPLES[lang]
    assert language_problem("\n".join(sentences)) is None
    assert [s for s in sentences if language_problem(s)] == []  # each sentence alone too


def _as_format(fmt: str, title: str, body: str) -> tuple[str, bytes]:
    if fmt == "html":
        page = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in body.split("\n\n")) + "</article></body></html>")
        return "page.html", page.encode()
    if fmt == "jsonl":
        return "rows.jsonl", json.dumps({"title": title, "text": body}, ensure_ascii=False).encode()
    rows = io.StringIO()
    csv.writer(rows).writerows([["title", "text"], [title, body]])
    return "rows.csv", rows.getvalue().encode()


@pytest.mark.parametrize("fmt", ["html", "jsonl", "csv"])
@pytest.mark.parametrize("kind", ["english", "arabic", "russian", "chinese", "hebrew", "table_of_numbers"])
def test_genuine_records_and_pages_are_read(fmt, kind):
    title, _, body = dict(GENUINE)[kind].partition("\n\n")
    name, data = _as_format(fmt, title, body)
    items = list(read_bytes(data, name))
    assert [type(i).__name__ for i in items] == ["Article"], items
    assert items[0].title == title


@pytest.mark.parametrize("fmt", ["html", "jsonl", "csv"])
@pytest.mark.parametrize("junk", ["base64_3000_1", "hex_string", "keyboard_mash_1", "xxd_dump"])
def test_junk_records_and_pages_are_refused(fmt, junk):
    data = next(d for n, d, _ in JUNK if n == junk).decode("latin-1")
    name, raw = _as_format(fmt, "Report", data)
    (error,) = list(read_bytes(raw, name))
    assert isinstance(error, InputError) and error.problem.startswith("not written language"), error


def test_each_junk_record_is_named_and_the_good_ones_kept(tmp_path):
    path = tmp_path / "mixed.jsonl"
    records = [
        {"title": "Jets Strike Port", "text": "Israeli jets struck the port of Hodeidah on Sunday, officials said."},
        {"title": "Blob", "text": base64_blob(600, 1).decode()},
        {"title": "Soup", "text": "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) * 20 + " ab"},
        {"title": "Mash", "text": keyboard_mash(60, 2).decode()},
        {"title": "Удар по порту", "text": "Израильские самолёты в воскресенье нанесли удар по порту Ходейда."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = read_path(path)
    assert [a.title for a in result.articles] == ["Jets Strike Port", "Удар по порту"]
    assert [e.path for e in result.errors] == [f"{path} line {n}" for n in (2, 3, 4)]
    assert all(e.problem.startswith("not written language: ") for e in result.errors)
    assert "control codes" in result.errors[1].problem and "vowels" in result.errors[2].problem


def test_a_junk_part_of_a_pasted_file_is_named_and_its_articles_kept(tmp_path):
    path = tmp_path / "paste.txt"
    junk = random_printable(2000, 7).decode()
    path.write_text(f"{GOOD}\n\n\n\n{junk}\n\n\n\nTalks Resume\n\nMediators met again in Doha on Monday.\n",
                    encoding="utf-8")
    result = read_path(path)
    assert [a.title for a in result.articles] == ["Good Article Title", "Talks Resume"]
    assert [a.position for a in result.articles] == [1, 3]
    (error,) = result.errors
    assert error.path == f"{path}#2" and error.problem.startswith("not written language: ")


@pytest.mark.parametrize("parts", [1, 3])
def test_a_file_of_junk_parts_gets_one_message(tmp_path, parts):
    path = tmp_path / "blobs.txt"
    path.write_text("\n\n\n\n".join(base64_blob(900, n).decode() for n in range(parts)), encoding="ascii")
    result = read_path(path)
    assert result.articles == []
    (error,) = result.errors
    expected = "not written language" + (f" in any of its {parts} parts" if parts > 1 else "") + ": "
    assert error.path == str(path) and error.problem.startswith(expected)


def test_language_limits_are_data_with_their_format():
    header = header_comment(RULES_FILE)
    assert "FORMAT" in header and "EXAMPLE" in header
    data = rule_yaml(RULES_FILE)
    lim = limits()
    assert (lim.max_junk_share, lim.min_vowel_share, lim.max_vowel_share, lim.max_word_letters) == (
        data["max_junk_share"], data["min_vowel_share"], data["max_vowel_share"], data["max_word_letters"])
    # the speed path skips the full sort only where the junk limit cannot be reached
    assert lim.plain_share >= 1 - lim.max_junk_share
    assert {name for name, _, _ in lim.alphabets} == set(data["vowels"])


@pytest.mark.parametrize("text, problem", [
    ("", None),
    ("1,204 2,450 3.5% 2024-03-23", "not written language: no words, only numbers and symbols"),
    ("Gaza: 1,204 2,450 3.5% 2024-03-23", None),  # a word and figures: a table with its label
    ("Figures\n" + "\n".join(f"{i} {i * 7} {i * 13}" for i in range(200)), None),
    ("qwerty", None),  # too short to judge
    ("sdfghjklzxcv sdfghjkl", "not written language: 100% of its words are letter strings no language writes "
                              "(keyboard mashing?)"),
    ("The IDF, PKK, UNRWA and NATO spoke.", None),  # acronyms are not consonant runs
    ("Angstschweiß und Rechtsstaatlichkeit", None),
])
def test_language_problem_table(text, problem):
    assert language_problem(text) == problem
