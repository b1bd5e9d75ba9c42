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
        ("Iranian protesters marched.", [("Iranian protesters", "IRNOPP")]),
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
        ("Obama criticised Russia.", "2005-03-01", "USA"),  # not yet in office: a citizen all the same
        ("Lavrov criticised Japan.", "2019-06-17", "RUSGOV"),  # a surname alone, from the table
    ],
)
def test_actors_office_holders_are_coded_by_the_office_held_that_day(coder, text, published, expected):
    article = make_article(text, published)
    doc = coder.nlp(article.text)
    assert coder.actor_coder(article, doc)[0].actor.code == expected


@pytest.mark.parametrize(
    "text,piece,rule",
    [
        ("Russia protested.", "Russia", "countries.tsv: country of Russia"),
        ("Seoul protested.", "Seoul", "countries.tsv: capital of South Korea"),
        ("The United Nations protested.", "United Nations", "organizations.tsv: United Nations"),
        ("Iranian protesters marched.", "Iranian protesters", "roles.tsv 'protester'"),
        ("Lavrov criticised Japan.", "Lavrov", "people.tsv: Sergey Lavrov, foreign minister"),
    ],
)
def test_actors_mentions_carry_the_rule_that_coded_them(coder, text, piece, rule):
    article = make_article(text)
    mention = next(m for m in coder.actor_coder(article, coder.nlp(article.text)) if m.text == piece)
    assert mention.rule.startswith(rule)
    assert article.text[mention.start : mention.end] == piece


@pytest.fixture(scope="module")
def user_coder(coder, tmp_path_factory):
    from communique.actors import ActorCoder, load_user_actors

    path = tmp_path_factory.mktemp("actors") / "mine.yaml"
    path.write_text(
        "- name: Zorvan Liberation Front\n  names: [ZLF, the Front]\n  code: ---REB\n"
        "- name: Mara Quill\n  code: NZLGOV\n  start: 2020-01-01\n  end: 2022-12-31\n"
        "- name: Mara Quill\n  code: NZL\n  start: 2023-01-01\n"
        "- name: Georgia\n  code: USA\n",
        encoding="utf-8",
    )
    return ActorCoder(coder.nlp, user=load_user_actors(path))


@pytest.mark.parametrize(
    "text,published,piece,code",
    [
        ("The ZLF attacked a convoy.", "2023-03-07", "ZLF", "---REB"),
        ("Zorvan Liberation Front fighters attacked.", "2023-03-07", "Zorvan Liberation Front", "---REB"),
        ("Mara Quill criticised Japan.", "2021-05-01", "Mara Quill", "NZLGOV"),  # in office then
        ("Mara Quill criticised Japan.", "2024-05-01", "Mara Quill", "NZL"),  # out of office
        ("Georgia sued the company.", "2024-05-01", "Georgia", "USA"),  # the user's entry wins
    ],
)
def test_actors_user_dictionary_adds_and_overrides(coder, user_coder, text, published, piece, code):
    article = make_article(text, published)
    mentions = [m for m in user_coder(article, coder.nlp(article.text)) if m.text == piece]
    assert [m.actor.code for m in mentions] == [code]
    assert mentions[0].rule.startswith("user dictionary")


@pytest.mark.parametrize(
    "content,suffix,problem",
    [
        ("- name: X\n", ".yaml", "needs a name and a code"),
        ("- name: X\n  code: kor gov\n", ".yaml", "is not an actor code"),
        ("- name: X\n  code: KOR\n  start: soon\n", ".yaml", "is not a date"),
        ("name,code\nX,\n", ".csv", "needs a name and a code"),
        ("who,what\nX,KOR\n", ".csv", "at least the columns name and code"),
        ("name: [", ".yaml", "not valid YAML"),
        ("x", ".txt", "must be .yaml, .yml or .csv"),
    ],
)
def test_actors_user_dictionary_errors_name_the_file(tmp_path, content, suffix, problem):
    from communique.actors import load_user_actors
    from communique.errors import DataTableError

    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataTableError, match=problem) as error:
        load_user_actors(path)
    assert str(path) in str(error.value)


def test_actors_user_dictionary_csv(tmp_path):
    from communique.actors import load_user_actors

    path = tmp_path / "mine.csv"
    path.write_text("name,names,code,start,end\nKang Kyung-wha,Kang; FM Kang,KORGOV,2017-06-18,2021-02-08\n")
    (entry,) = load_user_actors(path)
    assert entry.names == ("Kang Kyung-wha", "Kang", "FM Kang")
    assert (entry.code, str(entry.start), str(entry.end)) == ("KORGOV", "2017-06-18", "2021-02-08")


def test_actors_user_dictionary_in_the_python_api(tmp_path):
    import communique

    path = tmp_path / "mine.yaml"
    path.write_text("- name: Zorvan Liberation Front\n  names: [ZLF]\n  code: ---REB\n", encoding="utf-8")
    coder = communique.load(actors=str(path))
    events = coder("The ZLF attacked Kenyan police.", published=None)
    assert [(e.source, e.target) for e in events] == [("---REB", "KENCOP")]


@pytest.mark.parametrize(
    "text,unknown",
    [
        ("Ilo Maret demanded a ransom from Kenya.", ["Ilo Maret"]),  # a person no table knows
        ("The Zorvan Liberation Front kidnapped two engineers.", ["Zorvan Liberation Front"]),
        ("Zorvan Liberation Front fighters attacked Kenyan police.", ["Zorvan Liberation Front"]),  # coded ---REB
        ("Sergey Lavrov met reporters in Moscow.", []),  # known: the table codes him
        ("Protests spread in Nairobi on Monday.", []),  # a place is not an actor
    ],
)
def test_actors_unknown_names_in_an_actors_position_are_kept(coder, text, unknown):
    article = make_article(text)
    doc = coder.nlp(article.text)
    mentions = coder.actor_coder(article, doc)
    found = coder.actor_coder.unknown(doc, mentions)
    assert [m.text for m in found] == unknown
    assert all(not m.known and m.actor.code == "UNK" and m.rule.startswith("unknown") for m in found)


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("Guterres urged restraint.", "2024-05-01", ["IGOUNO"]),  # tagged NOUN by the parser, still a name
        ("Rice met Lavrov.", "2005-06-01", ["USAGOV", "RUSGOV"]),
        ("Exports of rice fell in 2005.", "2005-06-01", []),  # the grain, not the secretary
        ("Talks resume in May.", "2019-03-01", []),  # a month, not Theresa May
    ],
)
def test_actors_bare_surnames_whatever_their_tag_but_not_words(coder, text, published, expected):
    article = make_article(text, published)
    mentions = coder.actor_coder(article, coder.nlp(article.text))
    assert [m.actor.code for m in mentions if not m.place] == expected
