"""The raw pasted layout (.txt): article splitting, captions, furniture, subheadings, titles."""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.models import Article, article_key
from loaders.read import read_path, read_text
from loaders.read.raw_text import parse_article, split_articles

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_52590ab1543bb3cd.txt"


def _articles(text: str, name: str = "paste.txt") -> list[Article]:
    items = list(read_text(text, name))
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, Article)]


# --- the real seed file ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    if not SHARED.is_dir():
        pytest.skip("shared folder beside the project root is absent")
    result = read_path(SEED)
    assert result.errors == []
    return result.articles


def test_seed_has_two_articles_with_right_titles(seed_articles):
    assert [a.title for a in seed_articles] == [
        "Sources: Qaani Warns Iraqi Factions against Provoking the Americans",
        "Trump Calls for Deal on Gaza War as Signs of Progress Emerge",
    ]
    assert [a.position for a in seed_articles] == [1, 2]
    assert [a.source for a in seed_articles] == [f"{SEED.name}#1", f"{SEED.name}#2"]
    assert all(a.source_path == str(SEED) for a in seed_articles)
    assert all(a.published is None for a in seed_articles)


def test_seed_captions_once_with_credit_separated(seed_articles):
    first, second = seed_articles
    assert len(first.captions) == 1 and len(second.captions) == 1
    assert first.captions[0].credit == "Reuters file"
    assert first.captions[0].text.startswith("The pro-Iran factions in Iraq have for weeks")
    assert first.captions[0].text.endswith("against the Houthis.")
    assert second.captions[0].credit == "Photo by ANDREW CABALLERO-REYNOLDS / AFP"
    assert second.captions[0].text.endswith("on February 4, 2025.")
    for article in seed_articles:
        for caption in article.captions:
            assert "(" not in caption.text and "  " not in caption.text


def test_seed_bodies_have_no_furniture_title_or_caption(seed_articles):
    for article in seed_articles:
        assert "TT" not in article.paragraphs and "20" not in article.paragraphs
        assert article.title not in article.paragraphs
        for paragraph in article.paragraphs:
            assert "(Reuters file)" not in paragraph and "/ AFP)" not in paragraph
            assert "\u201c" not in paragraph and "\u2019" not in paragraph  # quotes normalized


def test_seed_first_body_paragraph(seed_articles):
    first, second = seed_articles
    assert first.paragraphs[0].startswith("Trusted sources informed Asharq Al-Awsat that commander")
    assert second.paragraphs[0].startswith("US President Donald Trump on Sunday pleaded for progress")
    # the caption's sentence also appears as a real paragraph: it must stay in the body
    assert first.paragraphs[1] == first.captions[0].text
    assert "20-monthlong" in second.paragraphs[0]
    assert first.paragraphs[-1].startswith("The Houthis remained defiant")
    assert second.paragraphs[-1].endswith("despite Trump's popularity in the country.")


def test_seed_subheadings_found_and_kept_out_of_paragraphs(seed_articles):
    first, second = seed_articles
    assert first.subheadings == ("Houthis shut Iraqi HQ",)
    assert second.subheadings == ("Trump post slams Netanyahu corruption trial",)
    assert "Houthis shut Iraqi HQ" not in first.paragraphs


def test_seed_ids_stable_across_reads(seed_articles):
    again = read_path(SEED).articles
    assert [a.article_id for a in again] == [a.article_id for a in seed_articles]
    assert all(a.article_id == article_key(a.title, a.paragraphs) for a in again)
    assert len({a.article_id for a in again}) == 2


# --- layouts written for the tests ----------------------------------------------------------
LAYOUT = """Israeli Strike Hits Port of Hodeidah

Smoke rises over the port of Hodeidah after a strike on Sunday.  (Photo by Jane Doe / AFP)
Smoke rises over the port of Hodeidah after a strike on Sunday. (Photo by Jane Doe / AFP)
TT
14

Israeli Strike Hits Port of Hodeidah

Smoke rises over the port of Hodeidah after a strike on Sunday.  (Photo by Jane Doe / AFP)
Smoke rises over the port of Hodeidah after a strike on Sunday. (Photo by Jane Doe / AFP)

Israeli jets struck the port of Hodeidah on Sunday, officials said.

Advertisement

The strike damaged two cranes and a fuel depot, the port authority said.

Ships diverted to Aden

Shipping companies said they had diverted two vessels to Aden.
"""


def test_layout_with_other_credit_and_furniture():
    (article,) = _articles(LAYOUT)
    assert article.title == "Israeli Strike Hits Port of Hodeidah"
    assert article.captions[0].credit == "Photo by Jane Doe / AFP"
    assert len(article.captions) == 1
    assert article.paragraphs == (
        "Israeli jets struck the port of Hodeidah on Sunday, officials said.",
        "The strike damaged two cranes and a fuel depot, the port authority said.",
        "Shipping companies said they had diverted two vessels to Aden.",
    )
    assert article.subheadings == ("Ships diverted to Aden",)


def test_three_blank_lines_split_but_two_do_not():
    two = "First Title\n\nPara one of the first article.\n\n\nStill the first article here.\n"
    assert len(_articles(two)) == 1
    three = "First Title\n\nPara one of the first.\n\n\n\nSecond Title\n\nPara one of the second.\n"
    assert [a.title for a in _articles(three)] == ["First Title", "Second Title"]


def test_whitespace_only_lines_count_as_blank():
    text = "First Title\n\nPara one of the first.\n  \n\t\n\u00a0 \nSecond Title\n\nPara of the second.\n"
    assert [a.title for a in _articles(text)] == ["First Title", "Second Title"]


def test_single_article_without_caption_or_furniture():
    (article,) = _articles("Ceasefire Talks Resume in Cairo\n\nNegotiators met in Cairo on Monday.\n\nNo deal was announced.\n")
    assert article.title == "Ceasefire Talks Resume in Cairo"
    assert article.captions == ()
    assert article.paragraphs == ("Negotiators met in Cairo on Monday.", "No deal was announced.")


@pytest.mark.parametrize(
    "first_line",
    ["Published: March 23, 2025", "Sunday, 23 March, 2025 - 10:43", "Updated: 2025-03-23T10:00:00Z"],
)
def test_publication_stamp_kept_as_dateline_not_title(first_line):
    text = f"{first_line}\n\nStrikes Hit Sanaa Overnight\n\nUS jets struck Sanaa overnight, residents said.\n"
    (article,) = _articles(text)
    assert article.title == "Strikes Hit Sanaa Overnight"
    assert article.meta["dateline"] == first_line
    assert article.paragraphs == ("US jets struck Sanaa overnight, residents said.",)


def test_stamp_after_title_is_a_dateline():
    text = "Strikes Hit Sanaa Overnight\nPublished: March 23, 2025\n\nUS jets struck Sanaa overnight, residents said.\n"
    (article,) = _articles(text)
    assert article.meta == {"dateline": "Published: March 23, 2025"}
    assert article.paragraphs == ("US jets struck Sanaa overnight, residents said.",)


def test_agency_dateline_paragraph_is_kept_in_body():
    text = "Strikes Hit Sanaa\n\nSANAA, March 18 (Reuters) - US jets struck Sanaa overnight, residents said.\n"
    (article,) = _articles(text)
    assert article.paragraphs[0].startswith("SANAA, March 18 (Reuters) - US jets")


def test_article_without_title_uses_first_sentence():
    text = (
        "Israeli forces raided the Jenin refugee camp on Tuesday, killing two gunmen, the army said. "
        "Residents reported heavy gunfire.\n\nThe raid lasted six hours.\n"
    )
    (article,) = _articles(text)
    assert article.title == "Israeli forces raided the Jenin refugee camp on Tuesday, killing two gunmen, the army said"
    assert article.paragraphs[0].startswith("Israeli forces raided the Jenin refugee camp")
    assert len(article.paragraphs) == 2


def test_untitled_long_first_sentence_is_cut_at_a_word():
    words = " ".join(["word"] * 60)
    (article,) = _articles(f"{words} ends here. Second sentence.\n")
    assert article.title.endswith("...") and len(article.title) <= 104
    assert " wor..." not in article.title


def test_caption_without_credit_before_furniture_is_a_caption():
    text = "Gaza Talks Stall\n\nMediators meet in Doha on Monday\nTT\n\nTalks on a Gaza truce stalled on Monday, officials said.\n"
    (article,) = _articles(text)
    assert [c.text for c in article.captions] == ["Mediators meet in Doha on Monday"]
    assert article.paragraphs == ("Talks on a Gaza truce stalled on Monday, officials said.",)


def test_first_paragraph_right_after_furniture_stays_body():
    text = "Gaza Talks Stall\n\nTT\n20\nTalks on a Gaza truce stalled on Monday, officials said.\n"
    (article,) = _articles(text)
    assert article.captions == ()
    assert article.paragraphs == ("Talks on a Gaza truce stalled on Monday, officials said.",)


def test_first_paragraph_equal_to_caption_text_without_credit_stays():
    text = (
        "Strike Hits Port\n\nA strike hit the port on Sunday. (Reuters file)\n\n"
        "A strike hit the port on Sunday.\n\nThree workers were hurt.\n"
    )
    (article,) = _articles(text)
    assert article.paragraphs == ("A strike hit the port on Sunday.", "Three workers were hurt.")
    assert article.captions[0].credit == "Reuters file"


def test_in_body_photo_caption_moved_out():
    text = (
        "Strike Hits Port\n\nA strike hit the port on Sunday.\n\n"
        "Firefighters at the port on Sunday. REUTERS/Jane Doe\n\nThree workers were hurt.\n"
    )
    (article,) = _articles(text)
    assert article.paragraphs == ("A strike hit the port on Sunday.", "Three workers were hurt.")
    assert article.captions[0].text == "Firefighters at the port on Sunday."
    assert article.captions[0].credit == "REUTERS/Jane Doe"


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "Wrapped Story\n\nThe army said on Monday that its forces had pushed\n"
        "into the outskirts of the town after days of shelling.\n\nA second paragraph.\n"
    )
    (article,) = _articles(text)
    assert article.paragraphs[0] == (
        "The army said on Monday that its forces had pushed into the outskirts of the town after days of shelling."
    )


@pytest.mark.parametrize(
    "line, is_sub",
    [
        ("Houthis shut Iraqi HQ", True),
        ("What happens next?", True),
        ("He said the talks would resume on Monday.", False),
        ('"We will respond," he said', False),
        ('He asked them to avoid "any military activity."', False),
        ("and then the convoy moved on", False),
    ],
)
def test_subheading_shape(line, is_sub):
    text = f"Some Title\n\nFirst paragraph of the story.\n\n{line}\n\nLast paragraph of the story.\n"
    (article,) = _articles(text)
    assert (line in article.subheadings) is is_sub
    assert (line in article.paragraphs) is (not is_sub)


def test_short_last_line_stays_a_paragraph():
    (article,) = _articles("Some Title\n\nFirst paragraph of the story.\n\nThe end of it all\n")
    assert article.paragraphs[-1] == "The end of it all" and article.subheadings == ()


def test_title_without_body_is_reported_and_others_read():
    text = "Lonely Title\n\n\n\nReal Title\n\nReal body text here.\n"
    items = list(read_text(text, "mixed.txt"))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [str(e) for e in errors] == ["mixed.txt#1: article 'Lonely Title' has no body text"]
    assert [a.title for a in articles] == ["Real Title"] and articles[0].position == 2


def test_split_and_parse_units():
    chunks = split_articles("A Title\n\nBody line.\n\n\n\n\n20\n\n\n\nB Title\n\nBody two.")
    assert len(chunks) == 3
    assert parse_article(chunks[1]) is None  # only furniture
    parsed = parse_article(chunks[2])
    assert parsed.title == "B Title" and parsed.paragraphs == ["Body two."]


def test_same_article_same_id_whatever_the_whitespace():
    a = _articles("Title Here\n\nBody   text here.\n")[0]
    b = _articles("Title Here\r\n\r\n  Body text\u00a0here.  \r\n")[0]
    assert a.article_id == b.article_id


def test_section_label_before_a_repeated_title_is_dropped():
    text = (
        "Middle East\n\nStrikes Hit Sanaa Overnight\n\nSmoke over Sanaa. (AFP)\nTT\n\n"
        "Strikes Hit Sanaa Overnight\n\nSmoke over Sanaa. (AFP)\n\nUS jets struck Sanaa overnight.\n"
    )
    (article,) = _articles(text)
    assert article.title == "Strikes Hit Sanaa Overnight"
    assert article.paragraphs == ("US jets struck Sanaa overnight.",)
    assert [(c.text, c.credit) for c in article.captions] == [("Smoke over Sanaa.", "AFP")]


def test_paragraphs_on_single_lines_with_furniture_later_in_the_block():
    text = "Some Title\nFirst paragraph here.\nSecond paragraph here.\nAdvertisement\nThird paragraph here.\n"
    (article,) = _articles(text)
    assert article.captions == ()
    assert article.paragraphs == ("First paragraph here.", "Second paragraph here.", "Third paragraph here.")


def test_consecutive_duplicate_paragraph_dropped():
    (article,) = _articles("Some Title\n\nSame words here.\n\nSame  words here.\n\nOther words.\n")
    assert article.paragraphs == ("Same words here.", "Other words.")


def test_lone_outlet_name_is_furniture():
    (article,) = _articles("Some Title\n\nAsharq Al-Awsat\n\nThe first paragraph of the story.\n")
    assert article.paragraphs == ("The first paragraph of the story.",) and article.subheadings == ()


def test_text_starting_with_a_bracket_is_still_raw_text():
    (article,) = _articles("[Updated] Strikes Hit Sanaa\n\nUS jets struck Sanaa overnight.\n", "a.txt")
    assert article.title == "[Updated] Strikes Hit Sanaa"


@pytest.mark.parametrize(("paragraph", "title"), [
    ("Israeli jets struck Hodeidah on Tuesday. The army said more would follow.", "Israeli jets struck Hodeidah on Tuesday"),
    ("U.S. forces hit radar sites in Sanaa. Officials confirmed it.", "U.S. forces hit radar sites in Sanaa"),
    (".", "."),
    ("...", "..."),
])
def test_derived_title_is_the_first_sentence_and_never_empty(paragraph: str, title: str) -> None:
    from loaders.read.body import derive_title

    assert derive_title(paragraph) == title


def test_a_chunk_of_punctuation_only_still_parses_to_a_titled_article() -> None:
    for chunk in split_articles("."):
        parsed = parse_article(chunk)
        assert parsed is None or isinstance(parsed, str) or (parsed.title and parsed.paragraphs)
