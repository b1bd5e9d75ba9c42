import datetime as dt

import pytest

from communique.when import resolve_date

MONDAY = dt.date(2019, 6, 17)


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("Monday", "2019-06-17", "day"),  # a Monday story's "on Monday" is that day
        ("Sunday", "2019-06-16", "day"),
        ("Tuesday", "2019-06-11", "day"),  # the most recent past Tuesday
        ("last Monday", "2019-06-10", "day"),  # "last Monday" is never the publication day
        ("yesterday", "2019-06-16", "day"),
        ("last night", "2019-06-16", "day"),
        ("three days ago", "2019-06-14", "day"),
        ("two weeks ago", "2019-06-03", "week"),
        ("last week", "2019-06-10", "week"),
        ("this week", "2019-06-17", "week"),
        ("June 3", "2019-06-03", "day"),
        ("June 3rd", "2019-06-03", "day"),
        ("December 24", "2018-12-24", "day"),  # no year: the most recent past one
        ("February", "2019-02-01", "month"),
        ("in September", "2018-09-01", "month"),  # the most recent past September
        ("in June", "2019-06-01", "month"),  # this month is the most recent June
        ("last June", "2018-06-01", "month"),
        ("earlier this month", "2019-06-01", "month"),
        ("March 5, 2015", "2015-03-05", "day"),
        ("5 March 2015", "2015-03-05", "day"),
        ("2015-03-05", "2015-03-05", "day"),
        ("March 2015", "2015-03-01", "month"),
        ("last month", "2019-05-01", "month"),
        ("earlier this year", "2019-01-01", "year"),
        ("last year", "2018-01-01", "year"),
        ("2016", "2016-01-01", "year"),
        ("the weekend", "2019-06-15", "day"),
    ],
)
def test_when_resolves_against_publication_date(text, expected, precision):
    found = resolve_date(text, MONDAY)
    assert (found.day.isoformat(), found.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("from Monday to Wednesday", "2019-06-10", "2019-06-12"),  # told on a Monday: last week's
        ("from Thursday to Saturday", "2019-06-13", "2019-06-15"),
        ("between June 3 and June 5", "2019-06-03", "2019-06-05"),
        ("June 3-5", "2019-06-03", "2019-06-05"),
        ("3 to 5 June", "2019-06-03", "2019-06-05"),
        ("May 28 to June 2", "2019-05-28", "2019-06-02"),
        ("the weekend", "2019-06-15", "2019-06-16"),
    ],
)
def test_when_ranges_have_a_start_and_an_end(text, start, end):
    found = resolve_date(text, MONDAY)
    assert found is not None and (found.day.isoformat(), found.end.isoformat()) == (start, end)


def test_when_single_dates_have_no_end():
    assert resolve_date("June 3", MONDAY).end is None


@pytest.mark.parametrize("text", ["tomorrow", "next week", "July 4, 2019", "next year", "next month"])
def test_when_future_dates_only_for_intended_events(text):
    assert resolve_date(text, MONDAY) is None
    found = resolve_date(text, MONDAY, future=True)
    assert found.day > MONDAY


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("Thursday", "2019-06-20", "day"),
        ("next Monday", "2019-06-24", "day"),
        ("in September", "2019-09-01", "month"),  # an intended September is the coming one
        ("in February", "2020-02-01", "month"),
        ("next year", "2020-01-01", "year"),
        ("July 4", "2019-07-04", "day"),
    ],
)
def test_when_intended_events_look_forward(text, expected, precision):
    found = resolve_date(text, MONDAY, future=True)
    assert (found.day.isoformat(), found.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["February 30, 2019", "the coming days", "recently", "Decision 5", "a long time"])
def test_when_unresolvable_gives_none(text):
    assert resolve_date(text, MONDAY) is None


def test_when_absolute_dates_resolve_without_publication_date():
    assert resolve_date("March 5, 2015", None).day == dt.date(2015, 3, 5)
    assert resolve_date("yesterday", None) is None


def test_when_event_without_date_words_takes_publication_date(code_text):
    events = code_text("Iran criticised Israel.", "2019-06-17")
    assert events and all((e.date, e.date_precision) == ("2019-06-17", "publication") for e in events)


def test_when_event_without_any_date_says_unknown(code_text):
    events = code_text("Iran criticised Israel.", None)
    assert events and all((e.date, e.date_precision) == (None, "unknown") for e in events)


def test_when_event_dates_its_weekday(code_text):
    events = code_text("Japan criticised China on Thursday.", "2019-06-17")
    assert [e.date for e in events] == ["2019-06-13"]


def test_when_event_takes_the_date_nearest_its_trigger(code_text):
    events = code_text("On Monday, Japan said that China had attacked its vessels last week.", "2019-06-17")
    attacks = [e for e in events if e.cameo.startswith(("19", "18"))]
    assert attacks and attacks[0].date == "2019-06-10" and attacks[0].date_precision == "week"


def test_when_event_told_as_a_range_has_an_end(code_text):
    events = code_text("Russian and Chinese navies held joint exercises from Monday to Wednesday.", "2019-06-20")
    assert events and {(e.date, e.date_end, e.date_precision) for e in events} == {("2019-06-17", "2019-06-19", "day")}
