import pytest

from tests.conftest import make_article


@pytest.fixture
def actors_of(coder):
    """The actor codes a story names, in text order, with the mention text."""

    def run(text):
        article = make_article(text)
        doc = coder.nlp(article.text)
        return [(m.text, m.actor.code) for m in coder.actor_coder(article, doc) if not m.place]

    return run


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russia protested.", [("Russia", "RUS")]),
        ("The U.S. protested.", [("U.S.", "USA")]),
        ("South Korean troops withdrew.", [("South Korean troops", "KORMIL")]),
        ("Russia's foreign ministry protested.", [("Russia", "RUS"), ("Russia's foreign ministry", "RUSGOV")]),
        ("Iranian protesters marched.", [("Iranian protesters", "IRNCVL")]),
        ("Rebels attacked.", [("Rebels", "---REB")]),
        ("Seoul protested.", [("Seoul", "KORGOV")]),
        ("The Kremlin protested.", [("Kremlin", "RUSGOV")]),
        ("The United Nations protested.", [("United Nations", "IGOUNO")]),
    ],
)
def test_actors_countries_roles_capitals_organisations(actors_of, text, expected):
    assert actors_of(text) == expected


def test_actors_capital_as_place_is_not_an_actor(actors_of):
    assert actors_of("Talks were held in Moscow.") == []


def test_actors_person_with_title_keeps_name_and_later_mentions_resolve(coder):
    article = make_article(
        "Indian Foreign Minister Subrahmanyam Jaishankar arrived on Monday. Jaishankar met reporters. "
        "He said little. The minister left."
    )
    doc = coder.nlp(article.text)
    mentions = coder.actor_coder(article, doc)
    people = [(m.text, m.actor.code, m.actor.name) for m in mentions]
    assert people[0] == ("Subrahmanyam Jaishankar", "INDGOV", "Subrahmanyam Jaishankar")
    assert ("Jaishankar", "INDGOV", "Subrahmanyam Jaishankar") in people
    assert ("He", "INDGOV", "Subrahmanyam Jaishankar") in people
    assert ("The minister", "INDGOV", "Subrahmanyam Jaishankar") in people


def test_actors_apposition_counterpart_takes_its_own_country(coder):
    article = make_article(
        "Kang Kyung-wha, South Korea's foreign minister, met her Russian counterpart, Sergey Lavrov."
    )
    doc = coder.nlp(article.text)
    named = {m.actor.name: m.actor.code for m in coder.actor_coder(article, doc) if m.actor.name}
    assert named == {"Kang Kyung-wha": "KORGOV", "Sergey Lavrov": "RUSGOV"}


def test_actors_of_two_countries_is_two_actors(actors_of):
    codes = [code for _, code in actors_of("The foreign ministers of Egypt and Jordan met.")]
    assert set(codes) >= {"EGYGOV", "JORGOV"}


def test_actors_mentions_point_into_the_text(coder):
    article = make_article("Chinese President Xi Jinping criticised Japan.")
    doc = coder.nlp(article.text)
    for mention in coder.actor_coder(article, doc):
        assert article.text[mention.start : mention.end] == mention.text


def test_actors_the_army_is_the_army_named_before(coder):
    article = make_article("Sudan's army rejected the plan. The army later suspended the talks.")
    doc = coder.nlp(article.text)
    codes = [(m.text, m.actor.code) for m in coder.actor_coder(article, doc)]
    assert ("The army", "SDNMIL") in codes


def test_actors_he_is_the_last_single_subject(coder):
    article = make_article(
        "President Joe Biden spoke with Emmanuel Macron. A Houthi military spokesman warned shipping companies. "
        "He threatened further attacks."
    )
    doc = coder.nlp(article.text)
    he = [m.actor for m in coder.actor_coder(article, doc) if m.text == "He"]
    assert he and he[0].code.startswith("YEM")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kenya held an election. Kenyan voters queued in Nairobi. Police arrested ten protesters.", "KENCOP"),
        ("Kenya and Uganda met. Police arrested ten protesters.", "---COP"),  # no country stands out
        ("Kenya held an election. Kenyan voters queued. Foreign police watched.", "---COP"),
    ],
)
def test_actors_unnamed_state_actors_take_the_story_country(coder, text, expected):
    article = make_article(text)
    doc = coder.nlp(article.text)
    police = [m.actor.code for m in coder.actor_coder(article, doc) if m.actor.roles == ("COP",)]
    assert police == [expected]


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("Obama criticised Russia.", "2015-06-09", "USAGOV"),  # in office
        ("Obama criticised Russia.", "2019-06-17", "USA"),  # out of office: the country, no role
        ("Lavrov criticised Japan.", "2019-06-17", "RUSGOV"),  # a surname alone, from the table
    ],
)
def test_actors_office_holders_are_coded_by_the_office_held_that_day(coder, text, published, expected):
    article = make_article(text, published)
    doc = coder.nlp(article.text)
    assert coder.actor_coder(article, doc)[0].actor.code == expected
