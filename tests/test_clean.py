import datetime as dt

import pytest

from communique.clean import clean_article, is_caption, is_english
from communique.records import Article

STORY = """SEOUL, June 17 (Yonhap) -- South Korea's foreign minister met her Russian counterpart on Monday. (Yonhap)

South Korean Foreign Minister Kang Kyung-wha (L) and Sergey Lavrov pose for a photo in Moscow on June 17, 2019. (Yonhap)

« Nous voulons la paix », a déclaré le ministre russe devant les journalistes.

The two ministers agreed to meet again in Seoul.

<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>
(END)"""


@pytest.fixture
def cleaned():
    return clean_article(Article(id="k", text=STORY))


def test_clean_dateline_becomes_metadata(cleaned):
    assert cleaned.dateline == "Seoul"
    assert cleaned.text.startswith("South Korea's foreign minister met")


def test_clean_removes_credit_footer_and_caption(cleaned):
    assert "(Yonhap)" not in cleaned.text
    assert "저작권자" not in cleaned.text and "(END)" not in cleaned.text
    assert "(L)" not in cleaned.text
    assert len(cleaned.captions) == 1 and "pose for a photo" in cleaned.captions[0]


def test_clean_sets_aside_other_languages(cleaned):
    assert cleaned.other_language == ("« Nous voulons la paix », a déclaré le ministre russe devant les journalistes.",)
    assert cleaned.language == "en"
    assert cleaned.text.endswith("agreed to meet again in Seoul.")


@pytest.mark.parametrize(
    "paragraph,expected",
    [
        ("President Ruto (R) greets Prime Minister Modi in Nairobi.", True),
        ("Chancellor Scholz walks with President Macron ahead of a summit in Paris on May 3, 2021.", True),
        ("President Ruto greeted Prime Minister Modi in Nairobi on Tuesday.", False),
    ],
)
def test_clean_caption_detection(paragraph, expected):
    assert is_caption(paragraph) is expected


@pytest.mark.parametrize(
    "paragraph,expected",
    [
        ("The government said it would send troops to the border on Friday.", True),
        ("El gobierno dijo que enviaría tropas a la frontera el viernes por la mañana.", False),
        ("북한은 이날 탄도미사일을 발사했다고 합동참모본부가 밝혔다.", False),
        ("Merkel und Macron trafen sich in Paris.", False),
        ("Der Außenminister traf seinen Amtskollegen in Berlin.", False),
        # Short English sentences full of names, on which the identifier alone guesses Tagalog or Dutch:
        ("Iran criticised Israel.", True),
        ("Kang Kyung-wha met Sergey Lavrov.", True),
        ("Putin met Erdogan in Sochi.", True),
        ("Indian Prime Minister Narendra Modi met Kenyan President William Ruto in Nairobi.", True),
        ("NATO - the alliance - met in Brussels on Monday.", True),
        ("Peru thanked Chile.", True),
    ],
)
def test_clean_english_detection(paragraph, expected):
    assert is_english(paragraph) is expected


@pytest.mark.parametrize(
    "text,language",
    [
        ("El presidente de Colombia se reunió con los rebeldes en La Habana el lunes.", "es"),
        ("Le président français a reçu le chancelier allemand à l'Élysée pour parler de la défense.", "fr"),
        ("북한은 이날 동해상으로 탄도미사일 두 발을 발사했다고 합동참모본부가 밝혔다.", "ko"),
        ("Die Regierung in Berlin hat am Montag neue Sanktionen gegen Moskau angekündigt.", "de"),
    ],
)
def test_clean_story_not_in_english_keeps_its_text_and_language(text, language):
    article = clean_article(Article(id="x", text=text))
    assert article.language == language
    assert article.text == text  # kept whole for a later translation step
    assert article.other_language == ()


def test_clean_given_language_tag_is_read_by_its_primary_subtag():
    english = clean_article(Article(id="x", text="Iran criticised Israel.", language="en-GB"))
    assert (english.language, english.text) == ("en", "Iran criticised Israel.")
    spanish = clean_article(Article(id="y", text="Iran criticised Israel.", language="es"))
    assert spanish.language == "es"


def test_clean_english_story_with_a_foreign_quote_is_english():
    text = "France and Germany agreed to share radar data.\n\nLe ministre a déclaré que la coopération continuera."
    article = clean_article(Article(id="x", text=text))
    assert article.language == "en" and article.text == "France and Germany agreed to share radar data."


def test_clean_language_of_non_english_stories_reaches_the_store_and_is_reported(tmp_path):
    import json

    from typer.testing import CliRunner

    from communique.cli import app
    from communique.store import SQLiteStore

    stories = tmp_path / "mixed.jsonl"
    rows = [
        {"id": "es1", "text": "El gobierno de Chile criticó a Perú por la disputa fronteriza el lunes por la noche."},
        {"id": "en1", "text": "Chile criticised Peru over the border dispute."},
    ]
    stories.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    db = tmp_path / "mixed.db"
    result = CliRunner().invoke(app, ["code", str(stories), "--db", f"sqlite:///{db}", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert "skipped:" in result.stderr and "es1" not in result.stdout
    assert "language 'es'" in result.stderr
    with SQLiteStore(db) as store:
        rows = dict(store.fetch("SELECT id, language FROM articles", ()))
        assert rows == {"es1": "es", "en1": "en"}
        assert store.events("es1") == [] and store.events("en1")


def test_clean_keeps_a_sentence_that_starts_with_a_capital_word():
    article = clean_article(Article(id="x", text="NATO - the alliance - met in Brussels on Monday."))
    assert article.dateline == ""
    assert article.text.startswith("NATO")


@pytest.mark.parametrize(
    "dateline,published,expected",
    [
        ("TOKYO, June 18 (Reuters) - ", "2019-06-17", "2019-06-18"),  # filed the next day, local time
        ("BEIRUT, Jan. 1 (AFP) - ", "2019-12-31", "2020-01-01"),  # across the new year
        ("LIMA, Dec 31 (Reuters) - ", "2020-01-01", "2019-12-31"),
        ("SEOUL, June 17 (Yonhap) -- ", "2019-06-17", "2019-06-17"),
        ("SEOUL, March 2 (Yonhap) -- ", "2019-06-17", None),  # too far from publication to trust
        ("SEOUL, June 31 (Yonhap) -- ", "2019-06-17", None),  # no such day
        ("SEOUL, June 17 (Yonhap) -- ", None, None),  # no year to put it in
        ("NAIROBI, Kenya (AP) — ", "2019-06-17", None),  # the dateline names no day
    ],
)
def test_clean_dateline_gives_the_day_the_story_was_filed(dateline, published, expected):
    day = dt.date.fromisoformat(published) if published else None
    article = clean_article(Article(id="d", text=dateline + "Japan criticised China.", published=day))
    assert article.text == "Japan criticised China."
    assert article.dateline_day == (dt.date.fromisoformat(expected) if expected else None)
