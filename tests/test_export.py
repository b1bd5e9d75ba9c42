"""Exports, each read back the way users load it: pandas, and DuckDB for Parquet."""

from __future__ import annotations

import json
from dataclasses import replace

import duckdb
import pandas as pd
import pytest

from communique.errors import SettingsError
from communique.export import export_events
from communique.export.actors import ActorCode
from communique.export.gdelt import GDELT_COLUMNS
from communique.export.icews import ICEWS_COLUMNS
from communique.query import EventFilter
from communique.store import open_store
from tests.synthetic import make_event, make_story, stored_world


def _with_happening(store):
    """The world, plus two more stories (one from another publisher) reporting s1's talks, and a denial."""
    stored_world(store)
    talks = make_event("s1", 0, "KORGOV", "RUSGOV", "040", "2019-06-17")
    for article_id, publisher in (("r1", "Test Wire"), ("r2", "Other Daily")):
        report = make_event(article_id, 0, "KORGOV", "RUSGOV", "040", "2019-06-17")
        story = make_story(article_id, "2019-06-18")
        story = type(story)(**{**story.__dict__, "publisher": publisher})
        store.save_events(story, [report], "test-1")
        store.db.cursor().execute(
            f"UPDATE events SET happening_id = {store.placeholder} WHERE event_id = {store.placeholder}",
            (talks.event_id, report.event_id),
        )
    denied = make_event("n1", 0, "KOR", "RUS", "190", "2019-06-20", negated=True)
    store.save_events(make_story("n1", "2019-06-20"), [denied], "test-1")
    if store.dialect == "sqlite":
        store.db.commit()
    return talks


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'events.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    with open_store(url) as store:
        _with_happening(store)
        yield store


def _gdelt(path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str, keep_default_na=False)


def test_export_gdelt_one_row_a_happening_with_its_reports(store, tmp_path):
    path = tmp_path / "events.tsv"
    written = export_events(store, "gdelt", path)
    table = _gdelt(path)
    assert len(GDELT_COLUMNS) == 61 and len(table) == written == 10  # 10 happenings; the denial is left out
    talks = table[table["EventCode"] == "040"].set_index("Actor1Code").loc["KORGOV"]
    assert (talks["NumMentions"], talks["NumArticles"], talks["NumSources"]) == ("3", "3", "2")
    assert talks["Day"] == "20190617" and talks["MonthYear"] == "201906" and talks["Year"] == "2019"
    assert talks["Actor1CountryCode"] == "KOR" and talks["Actor1Type1Code"] == "GOV"
    assert talks["ActionGeo_Type"] == "4" and talks["ActionGeo_FullName"] == "Moscow, Russia"
    assert talks["ActionGeo_CountryCode"] == "RS"  # GDELT's geography uses FIPS codes
    assert talks["SOURCEURL"] == "https://example.org/s1" and talks["DATEADDED"] == "20190617000000"
    intent = table[table["EventCode"] == "0311"].iloc[0]
    assert (intent["EventBaseCode"], intent["EventRootCode"], intent["QuadClass"]) == ("031", "03", "1")
    assert "190" not in set(table["EventCode"]) or table[table["EventCode"] == "190"]["Actor1Code"].tolist() == ["USA"]


def test_export_gdelt_leaves_empty_what_the_coder_does_not_find(store, tmp_path):
    path = tmp_path / "events.tsv"
    export_events(store, "gdelt", path)
    table = _gdelt(path)
    empty = ["AvgTone", "Actor1EthnicCode", "Actor2EthnicCode", "ActionGeo_ADM2Code"]
    empty += [column for column in GDELT_COLUMNS if column.startswith(("Actor1Geo_", "Actor2Geo_"))]
    assert len(empty) == 20 and (table[empty] == "").all().all()
    filled = ["GlobalEventID", "Day", "Actor1Code", "EventCode", "QuadClass", "GoldsteinScale", "NumMentions"]
    assert (table[filled] != "").all().all()


def test_export_gdelt_religion_codes_and_kinds_of_place(tmp_path):
    def event(number, source, place, country, precision):
        found = make_event("g1", number, source, "IRQGOV", "111", "2020-03-02", place=place, country=country)
        return replace(found, place_precision=precision)

    events = [
        event(0, "IRQMOSSHI", "Basra Governorate", "IRQ", "region"),
        event(1, "USACHRGOV", "Texas", "USA", "region"),
        event(2, "FRAGOV", "France", "FRA", "country"),
        event(3, "IRNMOS", "Basra", "IRQ", "city"),
    ]
    with open_store(str(tmp_path / "geo.db")) as store:
        store.save_events(make_story("g1", "2020-03-02"), events, "test-1")
        export_events(store, "gdelt", tmp_path / "geo.tsv")
    rows = _gdelt(tmp_path / "geo.tsv").set_index("Actor1Code")
    religion = ["Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code"]
    assert rows.loc["IRQMOSSHI", religion].tolist() == ["MOS", "SHI", "", ""]
    assert rows.loc["USACHRGOV", religion].tolist() == ["CHR", "", "GOV", ""]
    geo = ["ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_FeatureID"]
    assert rows.loc["IRQMOSSHI", geo].tolist() == ["5", "Basra Governorate, Iraq", "IZ", ""]
    assert rows.loc["USACHRGOV", geo].tolist() == ["2", "Texas, United States", "US", ""]
    assert rows.loc["FRAGOV", geo].tolist() == ["1", "France", "FR", "FR"]
    assert rows.loc["IRNMOS", geo].tolist() == ["4", "Basra, Iraq", "IZ", ""]


def test_export_icews_columns_and_names(store, tmp_path):
    path = tmp_path / "events.tab"
    export_events(store, "icews", path, EventFilter(source="KOR"))
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert tuple(table.columns) == ICEWS_COLUMNS
    assert set(table["CAMEO Code"]) == {"040", "042", "0311", "111", "057", "070"}
    row = table[table["Event ID"] == table["Event ID"].iloc[0]].iloc[0]
    assert row["Source Country"] == "South Korea"
    moscow = table[table["City"] == "Moscow"].iloc[0]
    assert moscow["Country"] == "Russia" and moscow["Latitude"] == "55.75" and moscow["Source Sectors"] == "Government"


def test_export_plover_records(store, tmp_path):
    path = tmp_path / "events.jsonl"
    written = export_events(store, "plover", path)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(records) == written == 11  # all but the statement (010, no PLOVER type) and the denial
    assert {record["event"] for record in records} >= {"CONSULT", "AGREE", "ACCUSE", "ASSAULT"}
    consult = next(r for r in records if r["cameo"] == "040" and r["storyId"] == "s1")
    assert consult["source"] == [{"actorText": "KORGOV", "code": "KOR", "sector": "GOV", "sectorNames": ["Government"]}]
    assert consult["eventLoc"] == {"name": "Moscow", "country code": "RU", "lat": 55.75, "lon": 37.62}
    assert consult["date"] == "2019-06-17" and consult["happening"] == consult["id"]


def test_export_csv_and_jsonl_keep_every_event_and_the_zeros(store, tmp_path):
    export_events(store, "csv", tmp_path / "events.csv")
    export_events(store, "jsonl", tmp_path / "events.jsonl")
    table = pd.read_csv(tmp_path / "events.csv", dtype={"cameo": str, "source": str, "target": str})
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert len(table) == len(lines) == 13  # the denial too, flagged
    assert set(table["cameo"]) >= {"0311", "042", "010"}
    assert {line["cameo"] for line in lines} == set(table["cameo"])
    denial = next(line for line in lines if line["negated"])
    assert denial["cameo"] == "190" and denial["lat"] is None


def test_export_parquet_partitioned_by_year_and_month(store, tmp_path):
    folder = tmp_path / "events"
    assert export_events(store, "parquet", folder) == 13
    assert (folder / "year=2019" / "month=06").is_dir() and (folder / "year=2019" / "month=08").is_dir()
    frame = pd.read_parquet(folder)
    assert len(frame) == 13 and set(frame["cameo"]) >= {"0311", "042"}
    files = str(folder / "**" / "*.parquet")
    with duckdb.connect() as db:
        rows = db.execute(
            f"SELECT cameo, count(*) FROM read_parquet('{files}', hive_partitioning = true) "
            "WHERE year = '2019' AND month = '06' GROUP BY cameo ORDER BY cameo"
        ).fetchall()
        kinds = db.execute(f"DESCRIBE SELECT cameo, date FROM read_parquet('{files}')").fetchall()
    assert rows[0] == ("010", 1) and ("0311", 1) in rows and ("040", 3) in rows
    assert [kind[1] for kind in kinds] == ["VARCHAR", "DATE"]


def test_export_same_rows_from_either_database(store, tmp_path):
    """The fixture's store (SQLite or PostgreSQL) and a fresh SQLite file give the same GDELT file."""
    with open_store(str(tmp_path / "other.db")) as other:
        _with_happening(other)
        export_events(other, "gdelt", tmp_path / "other.tsv")
    export_events(store, "gdelt", tmp_path / "this.tsv")
    assert (tmp_path / "this.tsv").read_text() == (tmp_path / "other.tsv").read_text()


def test_export_rejects_an_unknown_layout(store, tmp_path):
    with pytest.raises(SettingsError, match="unknown export layout 'excel'"):
        export_events(store, "excel", tmp_path / "events.xlsx")


@pytest.mark.parametrize(
    "code,parts",
    [
        ("KORGOV", ("KOR", "", ("GOV",))),
        ("IGOUNOWHO", ("", "UNO", ("WHO",))),
        ("---REB", ("", "", ("REB",))),
        ("USAMILGOV", ("USA", "", ("MIL", "GOV"))),
    ],
)
def test_export_actor_code_parts(code, parts):
    actor = ActorCode.parse(code)
    assert (actor.country, actor.group, actor.roles) == parts
