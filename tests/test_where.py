import pytest


@pytest.fixture(scope="module")
def gazetteer(coder):
    return coder.gazetteer


def test_where_resolves_the_largest_city_by_default(gazetteer):
    moscow = gazetteer.resolve("Moscow")
    assert moscow.country == "RUS" and moscow.precision == "city"
    assert moscow.lat == pytest.approx(55.75, abs=0.1) and moscow.lon == pytest.approx(37.62, abs=0.1)


def test_where_prefers_the_story_countries(gazetteer):
    assert gazetteer.resolve("Paris").country == "FRA"
    assert gazetteer.resolve("Paris", prefer=frozenset({"USA"})).country == "USA"


def test_where_country_names_resolve_without_coordinates(gazetteer):
    syria = gazetteer.resolve("Syria")
    assert (syria.country, syria.precision, syria.lat) == ("SYR", "country", None)


def test_where_unknown_name_is_none(gazetteer):
    assert gazetteer.resolve("Atlantis Prime") is None


def test_where_event_takes_the_place_in_its_sentence(code_text):
    events = code_text("Egyptian Foreign Minister Sameh Shoukry met his Sudanese counterpart in Cairo on Tuesday.")
    assert events and {(e.place, e.country) for e in events} == {("Cairo", "EGY")}
    assert events[0].lat == pytest.approx(30.06, abs=0.1)


def test_where_dateline_is_the_fallback_place(coder):
    from tests.conftest import make_article

    events = coder(make_article("NAIROBI, March 7 (Wire) -- Kenya criticised Somalia over the border dispute."))
    assert events and events[0].place == "Nairobi" and events[0].country == "KEN"


def test_where_without_place_is_empty(code_text):
    events = code_text("Iran criticised Israel.")
    assert events and (events[0].place, events[0].lat) == ("", None)


@pytest.mark.parametrize(
    "name,expected",
    [
        ("the Korean Peninsula", ("Korean Peninsula", "", "region")),
        ("Gaza Strip", ("Gaza Strip", "PSE", "region")),
        ("eastern Ukraine", ("eastern Ukraine", "UKR", "region")),
        ("northern Atlantis", None),
        ("Ukraine", ("Ukraine", "UKR", "country")),
        ("Nairobi", ("Nairobi", "KEN", "city")),
    ],
)
def test_where_regions_have_no_city_coordinates(gazetteer, name, expected):
    place = gazetteer.resolve(name)
    if expected is None:
        assert place is None or place.precision != "city"
        return
    assert (place.name, place.country, place.precision) == expected
    if place.precision != "city":
        assert place.lat is None and place.lon is None
    assert 0 < place.confidence <= 1


def test_where_paris_texas_only_in_a_story_about_texas(gazetteer):
    assert gazetteer.resolve("Paris", states=frozenset({"TX"})).admin1 == "TX"
    assert gazetteer.resolve("Paris", prefer=frozenset({"USA"})).country == "USA"
    assert gazetteer.resolve("Paris", prefer=frozenset({"IRN"})).country == "FRA"


def test_where_gazetteer_entry_has_admin_region_feature_and_confidence(gazetteer):
    moscow = gazetteer.resolve("Moscow", prefer=frozenset({"RUS"}))
    assert (moscow.feature, moscow.precision) == ("capital", "city") and moscow.admin1
    assert moscow.confidence == pytest.approx(0.9)
    elsewhere = gazetteer.resolve("Paris", prefer=frozenset({"IRN"}))
    assert elsewhere.confidence < moscow.confidence  # a Paris in a story about Iran is a guess


@pytest.mark.parametrize(
    "text,place,country,precision",
    [
        ("Russian and Ukrainian forces clashed in eastern Ukraine on Tuesday.", "eastern Ukraine", "UKR", "region"),
        ("North Korea fired two missiles over the Korean Peninsula on Sunday.", "Korean Peninsula", "", "region"),
        (
            "Armenian troops attacked Azerbaijani soldiers at the border with Azerbaijan.",
            "Armenia–Azerbaijan border",
            "ARM",
            "region",
        ),
        ("Kenya accused Somalia of sending troops across the border.", "Kenya–Somalia border", "KEN", "region"),
        ("Egypt criticised Israel during a meeting in the Kenyan capital.", "Nairobi", "KEN", "city"),
        ("Egypt criticised Israel during a meeting in the capital of Peru.", "Lima", "PER", "city"),
        ("Iran criticised Israel during a meeting in the capital, Tehran.", "Tehran", "IRN", "city"),
        ("Israel launched air strikes on the Gaza Strip, Palestinian officials said.", "Gaza Strip", "PSE", "region"),
    ],
)
def test_where_event_place_kinds(code_text, text, place, country, precision):
    events = code_text(text)
    assert events
    assert {(e.place, e.country, e.place_precision) for e in events} == {(place, country, precision)}
    assert all(0 < e.place_confidence <= 1 for e in events)


def test_where_the_capital_is_that_of_the_country_in_context(coder):
    from tests.conftest import make_article

    story = "NAIROBI, March 7 (Wire) -- Kenyan police arrested protesters in the capital on Saturday."
    events = coder(make_article(story))
    assert events and {(e.place, e.country) for e in events} == {("Nairobi", "KEN")}
    assert all(e.place_confidence > 0.5 for e in events)  # said in the sentence, not only the dateline


def test_where_prefers_the_place_of_the_event_over_a_persons(code_text):
    events = code_text("The Chinese ambassador in Tokyo criticised Japan in Beijing on Monday.")
    assert events and {(e.place, e.country) for e in events} == {("Beijing", "CHN")}


def test_where_dateline_is_less_sure_than_the_sentence(coder):
    from tests.conftest import make_article

    events = coder(make_article("NAIROBI, March 7 (Wire) -- Kenya criticised Somalia over the border dispute."))
    assert events and events[0].place_confidence == pytest.approx(0.5)
