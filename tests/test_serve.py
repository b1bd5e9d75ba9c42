"""The HTTP API: FastAPI's test client over a real SQLite (and PostgreSQL) store, and a real server."""

from __future__ import annotations

import asyncio
import io
import json
import sqlite3
import subprocess
import sys
import time
import warnings

import httpx
import pandas as pd
import psutil
import pytest
from starlette.exceptions import StarletteDeprecationWarning

from communique.serve import create_app
from communique.serve.cache import Kept, ResponseCache
from communique.serve.ingest import Ingest
from communique.serve.stores import Stores
from communique.store import open_store
from tests.serving import free_port, running
from tests.synthetic import make_event, make_story, stored_world

with warnings.catch_warnings():  # starlette asks for httpx2, which the lock does not hold
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "test-token-123"
STORY = {
    "id": "posted-1",
    "title": "Talks in Moscow",
    "published": "2019-06-17",
    "text": "South Korean Foreign Minister Kang Kyung-wha held talks with Russian Foreign Minister "
    "Sergey Lavrov in Moscow on Monday.",
}


@pytest.fixture
def world_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'world.db'}"
    with open_store(url) as store:
        stored_world(store)
    return url


@pytest.fixture
def client(world_db, coder):
    with TestClient(create_app(world_db, token=TOKEN, ingest=Ingest(coder=coder))) as test_client:
        yield test_client


def all_pages(client, **params) -> list[dict]:
    events, cursor = [], ""
    while True:
        page = client.get("/api/events", params={**params, "after": cursor}).json()
        events += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            return events


@pytest.mark.parametrize("limit", [1, 3])
def test_serve_events_pages_by_cursor_without_repeats(client, limit):
    every = client.get("/api/events", params={"limit": 1000}).json()["events"]
    paged = all_pages(client, limit=limit)
    assert len(every) == 10
    assert [event["event_id"] for event in paged] == [event["event_id"] for event in every]


@pytest.mark.parametrize(
    "params, check",
    [
        ({"source": "KOR"}, lambda e: e["source"].startswith("KOR")),
        ({"dyad": "KOR-RUS"}, lambda e: e["source"].startswith("KOR") and e["target"].startswith("RUS")),
        ({"cameo": "04"}, lambda e: e["cameo"].startswith("04")),
        ({"plover": "CONSULT"}, lambda e: e["plover"] == "CONSULT"),
        ({"quad": 3}, lambda e: e["quad_class"] == 3),
        ({"since": "2019-07-01", "until": "2019-07-31"}, lambda e: "2019-07-01" <= e["date"] <= "2019-07-31"),
        ({"place": "Moscow"}, lambda e: e["place"] == "Moscow"),
        ({"article": "s3"}, lambda e: e["article_id"] == "s3"),
    ],
)
def test_serve_events_filters(client, params, check):
    events = client.get("/api/events", params=params).json()["events"]
    assert events and len(events) < 10
    assert all(check(event) for event in events)


@pytest.mark.parametrize(
    "address, status, words",
    [
        ("/api/events?sorce=KOR", 400, "unknown query parameter sorce"),
        ("/api/events?limit=5000", 422, "limit"),
        ("/api/events?since=2019-02-30", 400, "impossible date"),
        ("/api/events?since=yesterday", 422, "since"),
        ("/api/events?after=not-a-cursor", 400, "cursor"),
        ("/api/events?dyad=KOR", 422, "dyad"),
        ("/api/events/nope", 404, "no event 'nope'"),
        ("/api/articles/nope", 404, "no article 'nope'"),
        ("/api/dyads?source=KOR", 422, "target"),
        ("/api/dyads?source=KOR&target=RUS&freq=year", 422, "freq"),
        ("/api/export/xls", 422, "format"),
        ("/no/such/page", 404, "no such address"),
    ],
)
def test_serve_errors_are_json_with_a_message(client, address, status, words):
    response = client.get(address)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert words in response.json()["error"]
    assert response.json()["status"] == status


def test_serve_event_and_article_show_their_evidence(client):
    event = client.get("/api/events", params={"dyad": "USA-PRK"}).json()["events"][0]
    one = client.get(f"/api/events/{event['event_id']}").json()
    assert one["cameo"] == "190" and one["evidence"] == "Sentence 1 of s4."
    assert "mentions" in one
    article = client.get(f"/api/articles/{event['article_id']}").json()
    assert article["title"] == "Story s4" and len(article["events"]) == 2
    evidence = [span for span in article["spans"] if span["kind"] == "evidence"]
    assert {span["event_id"] for span in evidence} == {e["event_id"] for e in article["events"]}
    assert all(span["end"] > span["start"] for span in evidence)


def test_serve_dyad_series_counts_by_month(client):
    series = client.get("/api/dyads", params={"source": "KOR", "target": "RUS", "freq": "month"}).json()["series"]
    assert series["period"] == ["2019-06-01", "2019-07-01", "2019-08-01"]  # one list a column
    assert series["events"] == [3, 2, 1]
    assert series["verbal_conflict"] == [0, 1, 0]
    assert series["cameo_04"] == [2, 0, 0]
    assert series["goldstein_mean"][0] == pytest.approx((1.0 + 1.9 + 5.2) / 3)


def test_serve_network_weights_and_net_cooperation(client):
    graph = client.get("/api/network", params={"level": "country"}).json()
    edges = {(edge["source"], edge["target"]): edge for edge in graph["edges"]}
    assert edges[("KOR", "RUS")]["weight"] == 6
    assert edges[("KOR", "RUS")]["net_cooperation"] == 4
    assert edges[("USA", "PRK")]["net_cooperation"] == -1
    assert graph["edges"][0]["source"] == "KOR"  # heaviest first


def test_serve_places_actors_and_codes(client):
    places = {place["place"]: place for place in client.get("/api/places").json()["places"]}
    assert places["Moscow"]["events"] == 2 and places["Moscow"]["lat"] == pytest.approx(55.75)
    actors = {actor["code"]: actor["events"] for actor in client.get("/api/actors").json()["actors"]}
    assert actors["KOR"] == 4 and actors["KORGOV"] == 3
    assert [a["code"] for a in client.get("/api/actors", params={"prefix": "KORG"}).json()["actors"]] == ["KORGOV"]
    assert client.get("/api/actors", params={"unknown": "true"}).status_code == 200
    assert client.get("/api/summary").json() == {
        "events": 10,
        "more": False,
        "first_date": "2019-06-16",
        "last_date": "2019-08-05",
    }
    codes = client.get("/api/codes").json()
    assert len(codes["cameo_roots"]) == 20 and "CONSULT" in codes["plover_types"]
    world = client.get("/api/map/world").json()
    assert len(world["countries"]) > 170 and world["countries"][0]["path"].startswith("M")


@pytest.mark.parametrize("format", ["csv", "jsonl", "parquet"])
def test_serve_exports_download_and_read_back(client, format):
    response = client.get(f"/api/export/{format}", params={"source": "KOR"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = io.BytesIO(response.content)
    if format == "csv":
        frame = pd.read_csv(data, dtype={"cameo": str})
    elif format == "jsonl":
        frame = pd.read_json(data, lines=True, dtype={"cameo": str})
    else:
        frame = pd.read_parquet(data)
    assert len(frame) == 7
    assert set(frame["cameo"]) >= {"040", "042", "0311"}  # leading zeros kept


def test_serve_exports_gdelt_and_plover_layouts(client):
    gdelt = client.get("/api/export/gdelt", params={"dyad": "KOR-RUS"})
    assert gdelt.status_code == 200
    rows = pd.read_csv(io.BytesIO(gdelt.content), sep="\t", header=None, dtype=str)
    assert len(rows) == 6 and "0311" in set(rows.stack())
    plover = client.get("/api/export/plover", params={"dyad": "KOR-RUS"})
    records = [json.loads(line) for line in plover.text.splitlines()]
    assert len(records) == 6 and {"CONSULT", "AID"} <= {record["event"] for record in records}


@pytest.mark.parametrize(
    "headers, status, words",
    [
        ({}, 401, "token"),
        ({"Authorization": "Bearer wrong"}, 403, "wrong token"),
        ({"X-Communique-Token": "wrong"}, 403, "wrong token"),
    ],
)
def test_serve_writing_needs_the_token(client, headers, status, words):
    response = client.post("/api/articles", json=STORY, headers=headers)
    assert response.status_code == status
    assert words in response.json()["error"]
    assert client.get("/api/articles/posted-1").status_code == 404


def test_serve_writing_is_off_without_a_server_token(world_db):
    with TestClient(create_app(world_db)) as plain:
        response = plain.post("/api/articles", json=STORY, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert "--token" in response.json()["error"]


@pytest.mark.parametrize(
    "content, kind, status, words",
    [
        (b"x" * 5_000_001, "application/json", 413, "larger than the limit"),
        (b"{not json", "application/json", 400, "malformed JSON"),
        (b'{"title": "no text"}', "application/json", 400, "text"),
        (b"[]", "application/json", 400, "1 to 100 stories"),
        (b"text=hello", "application/x-www-form-urlencoded", 415, "application/json"),
    ],
)
def test_serve_bad_posts_are_refused(client, content, kind, status, words):
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": kind}
    response = client.post("/api/articles", content=content, headers=headers)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_serve_posted_story_is_coded_and_stored(client):
    response = client.post("/api/articles", json=STORY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    coded = response.json()["articles"][0]
    assert coded["id"] == "posted-1"
    assert any(e["cameo"].startswith("04") and e["source"] == "KORGOV" for e in coded["events"])
    stored = client.get("/api/articles/posted-1").json()
    assert len(stored["events"]) == len(coded["events"])
    # The coder's own mentions are stored, each with the rule that coded it, not names found afterwards.
    assert stored["mentions"] and all(m["rule"] != "actor name in the evidence" for m in stored["mentions"])
    assert client.get("/api/events", params={"article": "posted-1"}).json()["events"]


LATER = {
    "id": "posted-2",
    "title": "Lavrov receives Kang",
    "published": "2019-06-18",
    "text": "Russian Foreign Minister Sergey Lavrov met South Korean Foreign Minister Kang Kyung-wha "
    "in Moscow on Monday.",
}


@pytest.mark.parametrize("together", [False, True])
def test_serve_posted_reports_of_one_happening_share_its_id(client, together):
    """A posted story is linked to the stored reports of its happenings, as ``communique code`` links
    them, whether posted after them or with them."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    posts = [[STORY, LATER]] if together else [STORY, LATER]
    for body in posts:
        assert client.post("/api/articles", json=body, headers=headers).status_code == 201
    meetings = {}
    for article in ("posted-1", "posted-2"):
        events = client.get("/api/events", params={"article": article}).json()["events"]
        meetings[article] = {e["happening_id"] for e in events if e["cameo"].startswith("04")}
    assert meetings["posted-1"] and meetings["posted-1"] == meetings["posted-2"]


def test_serve_uploaded_file_is_coded_and_stored(client):
    lines = json.dumps(STORY | {"id": "uploaded-1"}) + "\n" + '{"id": "bad", "published": "2019-02-30", "text": "x"}\n'
    files = {"file": ("stories.jsonl", lines.encode(), "application/x-ndjson")}
    response = client.post("/api/articles", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    answer = response.json()
    assert [article["id"] for article in answer["articles"]] == ["uploaded-1"]
    assert len(answer["errors"]) == 1 and answer["errors"][0].startswith("stories.jsonl:2: impossible date")
    pdf = {"file": ("story.pdf", b"%PDF", "application/pdf")}
    bad = client.post("/api/articles", files=pdf, headers={"X-Communique-Token": TOKEN})
    assert bad.status_code == 400 and "unsupported file type" in bad.json()["error"]


def test_serve_explain_codes_without_storing(client):
    response = client.post("/api/explain", data={"text": STORY["text"], "published": "2019-06-17"})
    assert response.status_code == 200
    answer = response.json()
    consult = [event for event in answer["events"] if event["cameo"].startswith("04")]
    assert consult and consult[0]["because"] and consult[0]["because"][0]["rule"]
    assert any(mention["actor"] == "KORGOV" for mention in answer["mentions"])
    assert client.get("/api/events", params={"since": "2019-06-17", "until": "2019-06-17"}).json()["events"]
    assert client.get(f"/api/articles/{consult[0]['article_id']}").status_code == 404


def test_serve_openapi_and_offline_pages(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads", "/api/articles"} <= set(schema["paths"])
    for address in ("/", "/dyads", "/network", "/map", "/ingest", "/docs"):
        page = client.get(address)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "http://" not in page.text and "https://" not in page.text, f"{address} loads something from outside"
    assert client.get("/static/common.js").status_code == 200
    assert client.get("/", params={"source": "KOR", "cameo": "04"}).status_code == 200  # links to a filtered page


def test_serve_reads_from_postgresql(postgres_url):
    with open_store(postgres_url) as store:
        stored_world(store)
    with TestClient(create_app(postgres_url)) as pg:
        assert len(pg.get("/api/events", params={"source": "KOR", "limit": 2}).json()["events"]) == 2
        series = pg.get("/api/dyads", params={"source": "KOR", "target": "RUS", "freq": "month"}).json()["series"]
        assert series["events"] == [3, 2, 1]
        assert pg.get("/api/events", params={"article": "s6"}).json()["events"] == []
        assert pg.get("/api/events", params={"article": "s6"}).headers.get("x-cache") == "hit"
        with open_store(postgres_url) as other:  # another program writes to the same database
            other.save_events(make_story("s6", "2019-08-06"), [make_event("s6", 0, "KOR", "RUS", "040", None)], "t")
        assert len(pg.get("/api/events", params={"article": "s6"}).json()["events"]) == 1


def test_serve_reads_are_kept_until_the_database_changes(client, world_db):
    first = client.get("/api/events", params={"article": "posted-1"})
    again = client.get("/api/events", params={"article": "posted-1"})
    assert first.json()["events"] == [] and again.json() == first.json()
    assert "x-cache" not in first.headers and again.headers["x-cache"] == "hit"
    # A story posted to the service: the next read is fresh.
    assert client.post("/api/articles", json=STORY, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
    fresh = client.get("/api/events", params={"article": "posted-1"})
    assert "x-cache" not in fresh.headers and fresh.json()["events"]
    # A story stored by another program (communique code --db on the same file): fresh too.
    assert client.get("/api/events", params={"article": "s9"}).json()["events"] == []
    with open_store(world_db) as other:
        other.save_events(make_story("s9", "2019-08-09"), [make_event("s9", 0, "KOR", "RUS", "040", "2019-08-09")], "t")
    stored = client.get("/api/events", params={"article": "s9"})
    assert "x-cache" not in stored.headers and len(stored.json()["events"]) == 1
    assert client.app.state.cache.hits >= 1


def test_serve_reading_threads_cannot_write(world_db):
    stores = Stores(world_db)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            asyncio.run(stores.read(lambda store: store.fetch("DELETE FROM events", ())))
        assert asyncio.run(stores.read(lambda store: store.count("events"))) == 10
        assert asyncio.run(stores.write(lambda store: store.fetch("DELETE FROM events WHERE 0", ()))) == []
    finally:
        stores.close()


def test_serve_cache_is_bounded_and_can_be_off(world_db):
    cache = ResponseCache(max_bytes=8000)
    for number in range(20):
        cache.put((f"/api/events/{number}", b""), None, Kept([], b"x" * 900))
    assert cache.size <= 8000 and len(cache) < 20
    assert cache.get(("/api/events/19", b""), None) is not None  # the latest are kept, the oldest gone
    assert cache.get(("/api/events/0", b""), None) is None
    assert cache.get(("/api/events/19", b""), "another version") is None and len(cache) == 0
    with TestClient(create_app(world_db, cache_bytes=0)) as plain:
        answers = [plain.get("/api/events", params={"cameo": "04"}) for _ in range(2)]
    assert all("x-cache" not in answer.headers for answer in answers)
    assert answers[0].json() == answers[1].json()


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_command_runs_a_real_server(world_db, workers):
    port = free_port()
    command = [sys.executable, "-m", "communique", "serve", "--db", world_db, "--port", str(port)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                answer = httpx.get(f"{base}/api/events", params={"dyad": "KOR-RUS"}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("communique serve did not answer")
        assert answer.status_code == 200 and len(answer.json()["events"]) == 6
        refused = httpx.post(f"{base}/api/articles", json=STORY, headers={"Authorization": "Bearer x"}, timeout=5)
        assert refused.status_code == 403
        # Every process answers the same: a few dozen requests reach both workers of two.
        answers = [httpx.get(f"{base}/api/events", params={"dyad": "KOR-RUS"}, timeout=5) for _ in range(40)]
        assert {len(answer.json()["events"]) for answer in answers} == {6}
        serving = [child for child in psutil.Process(server.pid).children() if "spawn" in " ".join(child.cmdline())]
        assert len(serving) == (workers if workers > 1 else 0)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_command_refuses_a_bad_database():
    result = subprocess.run(
        [sys.executable, "-m", "communique", "serve", "--db", "mysql://nowhere"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "unsupported database URL" in result.stderr


def test_serve_concurrent_requests_on_a_real_server(world_db):
    """Regression: a store opened in one worker thread and used in another failed every request
    once requests overlapped (SQLite connections belong to their thread)."""

    async def overlapping(base: str) -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            calls = [http.get("/api/events", params={"cameo": "04"}) for _ in range(15)]
            calls += [http.get("/api/dyads", params={"source": "KOR", "target": "RUS"}) for _ in range(15)]
            return [response.status_code for response in await asyncio.gather(*calls)]

    with running(create_app(world_db)) as base:
        assert asyncio.run(overlapping(base)) == [200] * 30
