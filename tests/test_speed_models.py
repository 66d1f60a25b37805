"""article_key's fast whitespace fold must give the ids the regex fold gave (stored ids depend on it)."""
from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from loaders.models import _fold_ws, article_key, stable_hash

_WS = re.compile(r"\s+")


def reference_fold(s: str) -> str:
    """The original fold: regex runs of whitespace -> one space, strip, lower."""
    return _WS.sub(" ", s).strip().lower()


def reference_key(title: str, paragraphs: list[str]) -> str:
    return stable_hash(reference_fold(title), *(reference_fold(p) for p in paragraphs))


#: every character Python calls whitespace, plus neighbours that are not
WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
TRICKY = WHITESPACE + ["\u200b", "\ufeff", "\u180e", "\x1c", "\x85", "İ", "ẞ", "Σ", "a", "B", "-"]


def test_every_code_point_folds_alike() -> None:
    for c in map(chr, range(sys.maxunicode + 1)):
        assert _fold_ws(f" x{c}y ") == reference_fold(f" x{c}y "), hex(ord(c))


@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=60))
def test_fold_matches_reference(s: str) -> None:
    assert _fold_ws(s) == reference_fold(s)


@given(st.text(max_size=40), st.lists(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=80),
                                       max_size=5))
def test_article_key_matches_reference(title: str, paragraphs: list[str]) -> None:
    assert article_key(title, paragraphs) == reference_key(title, paragraphs)
    assert article_key(title, tuple(paragraphs)) == reference_key(title, paragraphs)


def test_known_id_is_unchanged() -> None:
    assert article_key("  Strikes\tin  Gaza ", ["First\u00a0line.\n\nSecond  line. "]) == \
        reference_key("Strikes in Gaza", ["first line. second line."])
