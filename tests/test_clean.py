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
    ],
)
def test_clean_english_detection(paragraph, expected):
    assert is_english(paragraph) is expected


def test_clean_story_not_in_english_is_marked():
    text = "El presidente de Colombia se reunió con los rebeldes en La Habana el lunes."
    article = clean_article(Article(id="es", text=text))
    assert article.language == "other"
    assert article.text == ""


def test_clean_keeps_a_sentence_that_starts_with_a_capital_word():
    article = clean_article(Article(id="x", text="NATO - the alliance - met in Brussels on Monday."))
    assert article.dateline == ""
    assert article.text.startswith("NATO")
