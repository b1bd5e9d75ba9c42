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
