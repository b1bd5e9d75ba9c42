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
        ("yesterday", "2019-06-16", "day"),
        ("last week", "2019-06-10", "week"),
        ("June 3", "2019-06-03", "day"),
        ("December 24", "2018-12-24", "day"),  # no year: the most recent past one
        ("February", "2019-02-01", "month"),
        ("in September", "2018-09-01", "month"),  # the most recent past September
        ("March 5, 2015", "2015-03-05", "day"),
        ("5 March 2015", "2015-03-05", "day"),
        ("last month", "2019-05-01", "month"),
        ("2016", "2016-01-01", "year"),
    ],
)
def test_when_resolves_against_publication_date(text, expected, precision):
    day, found_precision = resolve_date(text, MONDAY)
    assert (day.isoformat(), found_precision) == (expected, precision)


@pytest.mark.parametrize("text", ["tomorrow", "next week", "July 4, 2019"])
def test_when_future_dates_only_for_intended_events(text):
    assert resolve_date(text, MONDAY) is None
    day, _ = resolve_date(text, MONDAY, future=True)
    assert day > MONDAY


def test_when_intended_weekday_looks_forward():
    day, _ = resolve_date("Thursday", MONDAY, future=True)
    assert day == dt.date(2019, 6, 20)


@pytest.mark.parametrize("text", ["February 30, 2019", "the coming days", "recently"])
def test_when_unresolvable_gives_none(text):
    assert resolve_date(text, MONDAY) is None


def test_when_event_without_date_words_takes_publication_date(code_text):
    events = code_text("Iran criticised Israel.", "2019-06-17")
    assert events and all((e.date, e.date_precision) == ("2019-06-17", "publication") for e in events)


def test_when_event_dates_its_weekday(code_text):
    events = code_text("Japan criticised China on Thursday.", "2019-06-17")
    assert [e.date for e in events] == ["2019-06-13"]
