import dataclasses
import datetime as dt

import pytest

from communique.when import local_day, resolve_date, sentence_time

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


def test_when_a_date_in_a_clause_below_the_trigger_does_not_date_it(code_text):
    # The year dates the treaty's signing, told under the saying; the saying is today's.
    events = code_text("Lima says the border was fixed by a treaty signed in 1929.", "2024-05-08")
    sayings = [e for e in events if e.trigger.startswith("say")]
    assert sayings and {(e.date, e.date_precision) for e in sayings} == {("2024-05-08", "publication")}


def test_when_a_date_in_the_clause_above_the_trigger_dates_it(code_text):
    events = code_text("Lima said on Monday that Chilean troops had attacked a border post.", "2024-05-08")
    attacks = [e for e in events if e.cameo.startswith(("18", "19"))]
    assert attacks and {(e.date, e.date_precision) for e in attacks} == {("2024-05-06", "day")}


def test_when_event_told_as_a_range_has_an_end(code_text):
    events = code_text("Russian and Chinese navies held joint exercises from Monday to Wednesday.", "2019-06-20")
    assert events and {(e.date, e.date_end, e.date_precision) for e in events} == {("2019-06-17", "2019-06-19", "day")}


# Times and time zones: an event's date is the local date where it happened.


@pytest.mark.parametrize(
    "sentence,clock,zone",
    [
        ("Rockets hit the port at 11 p.m. local time on Tuesday.", "23:00", "local"),
        ("The missile flew at 2200 GMT on Monday.", "22:00", "UTC"),
        ("The blast came at 3:30 a.m. (EST) on Friday.", "03:30", "UTC-05:00"),
        ("Shots were heard just after midnight Moscow time.", "00:00", "Europe/Moscow"),
        ("The ministers met at 14:30 and talked for 2.5 hours.", "14:30", ""),
        ("Troops crossed late on Tuesday night Washington time.", "", "America/New_York"),
        ("The vote was held at 1030 hours.", "10:30", ""),
    ],
)
def test_when_reads_times_and_zones(sentence, clock, zone):
    told = sentence_time(sentence)
    assert told is not None and (told.clock, told.zone_name) == (clock, zone)


@pytest.mark.parametrize(
    "sentence,hour",
    [
        ("The convoy left at NOON and was stopped at the border.", 12),
        ("Guards fired warning shots in the Early Morning.", 6),
        ("The ferry sank at 4 a.m. off the coast.", 4),
    ],
)
def test_when_finds_times_the_quick_test_for_a_digit_or_word_lets_through(sentence, hour):
    # Issue 8: sentences are scanned with the time patterns only when they hold a digit or a time word.
    told = sentence_time(sentence)
    assert told is not None and told.hour == hour


@pytest.mark.parametrize(
    "sentence", ["Sirens sounded at m\u0131dnight over the port.", "Shots rang out at n\u0131ght."]
)
def test_when_a_dotless_i_is_no_time_word(sentence):
    # Unicode case folding reads "ı" as "i": "nıght" once matched the patterns and then failed to be looked up.
    assert sentence_time(sentence) is None
    assert sentence_time(sentence.replace("\u0131", "i")) is not None


@pytest.mark.parametrize(
    "sentence", ["Turnout rose 3.5 percent in 2019.", "The summit lasted two days.", "Some 1500 soldiers left."]
)
def test_when_finds_no_time_where_none_is_told(sentence):
    assert sentence_time(sentence) is None


PYONGYANG = {"place": "Pyongyang", "country": "PRK", "lat": 39.03, "lon": 125.75, "place_precision": "city"}
TEHRAN = {"place": "Tehran", "country": "IRN", "lat": 35.69, "lon": 51.42, "place_precision": "city"}
WASHINGTON = {"place": "Washington", "country": "USA", "lat": 38.9, "lon": -77.04, "place_precision": "city"}


def placed(**place):
    from tests.test_evaluate import event

    return dataclasses.replace(event("PRK", "JPN", "190"), **place)


@pytest.mark.parametrize(
    "sentence,day,place,expected",
    [
        # 22:00 GMT on Monday is 07:00 on Tuesday in Pyongyang: the event's date is Tuesday.
        ("The missile flew at 2200 GMT on Monday.", "2019-06-17", PYONGYANG, "2019-06-18"),
        # Late Tuesday night in Washington is Wednesday morning in Tehran.
        ("Drones struck late on Tuesday night Washington time.", "2019-06-18", TEHRAN, "2019-06-19"),
        # 01:00 GMT on Wednesday is still Tuesday evening in Washington.
        ("The vote closed at 0100 GMT on Wednesday.", "2019-06-19", WASHINGTON, "2019-06-18"),
        # Local time, or no zone, leaves the date as told; so does 0300 GMT in Tehran (the same day).
        ("Rockets hit at 11 p.m. local time on Monday.", "2019-06-17", PYONGYANG, "2019-06-17"),
        ("Rockets hit at 11 p.m. on Monday.", "2019-06-17", PYONGYANG, "2019-06-17"),
        ("Shells fell at 0300 GMT on Monday.", "2019-06-17", TEHRAN, "2019-06-17"),
        # A place with no known country keeps the date in the zone it was told in.
        ("The missile flew at 2200 GMT on Monday.", "2019-06-17", {}, "2019-06-17"),
    ],
)
def test_when_dates_an_event_on_its_local_date(sentence, day, place, expected):
    told = sentence_time(sentence)
    assert told is not None
    assert local_day(dt.date.fromisoformat(day), told, placed(**place)).isoformat() == expected


def test_when_coded_event_keeps_its_time_and_local_date(code_text):
    # 22:00 GMT on Monday is 07:00 on Tuesday in Seoul, the dateline city where the attack is placed.
    events = code_text(
        "SEOUL, June 18 (Yonhap) -- North Korean troops attacked South Korean guard posts at 2200 GMT on Monday.",
        "2019-06-18",
    )
    attacks = [e for e in events if e.source.startswith("PRK")]
    assert attacks and {(e.place, e.date, e.time, e.time_zone) for e in attacks} == {
        ("Seoul", "2019-06-18", "22:00", "UTC")
    }
    local = code_text(
        "SEOUL, June 18 (Yonhap) -- North Korean troops attacked South Korean guard posts"
        " at 11 p.m. local time on Monday.",
        "2019-06-18",
    )
    assert {(e.date, e.time, e.time_zone) for e in local if e.source.startswith("PRK")} == {
        ("2019-06-17", "23:00", "local")
    }


def test_when_the_dateline_day_anchors_relative_dates(code_text):
    # Published on Monday in UTC, filed in Tokyo on Tuesday: "on Tuesday" is the day of filing,
    # not the Tuesday of the week before.
    events = code_text("TOKYO, June 18 (Reuters) - Japan criticised China on Tuesday.", "2019-06-17")
    assert [e.date for e in events] == ["2019-06-18"]
    undated = code_text("TOKYO, June 18 (Reuters) - Japan criticised China.", "2019-06-17")
    assert [(e.date, e.date_precision) for e in undated] == [("2019-06-18", "publication")]
