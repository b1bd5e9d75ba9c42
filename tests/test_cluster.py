"""The Dask engine (issue 8), on a real LocalCluster with two worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from communique import read_articles
from communique.cli import app
from communique.cluster import code_on_dask, code_part, find_parts, linked_parts, read_events
from communique.merge import Linker
from communique.settings import Settings
from tests.conftest import SAMPLES

RELATED = Path(__file__).parent / "corpus" / "related" / "articles.jsonl"


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as connected:
            yield connected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Samples in three shards: two JSONL files and a Parquet file, one in a subdirectory."""
    root = tmp_path_factory.mktemp("corpus")
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()][:6]
    (root / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[:2]), encoding="utf-8")
    (root / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[2:4]) + "not json\n", encoding="utf-8")
    (root / "more").mkdir()
    columns = {name: [str(r.get(name) or "") for r in records[4:]] for name in ("id", "text", "published", "title")}
    pq.write_table(pa.table(columns), root / "more" / "c.parquet")
    return root


def local_lines(coder, corpus) -> list[str]:
    linker = Linker()  # a local run links each story to those before it, as the cluster's client does
    events = [e for _, found in coder.pipe(read_articles([corpus], on_error=lambda e: None)) for e in linker(found)]
    return sorted(json.dumps(event.as_dict(), sort_keys=True) for event in events)


def test_cluster_dask_run_gives_the_local_run_events_byte_for_byte(tmp_path, client, corpus, coder):
    errors = []
    parts = find_parts([corpus], on_error=errors.append)
    assert len(parts) == 3
    summary = code_on_dask(parts, tmp_path / "events", Settings(), client=client, on_error=errors.append)
    assert (summary.articles, summary.parts_done) == (6, 3)
    assert [str(e) for e in errors] == [f"{corpus / 'b.jsonl'}:3: malformed JSON: Expecting value"]
    dask_lines = sorted(json.dumps(row, sort_keys=True) for row in read_events(tmp_path / "events"))
    assert len(dask_lines) == summary.events > 0
    assert dask_lines == local_lines(coder, corpus)

    again = code_on_dask(parts, tmp_path / "events", Settings(), client=client, on_error=errors.append)
    assert (again.parts_done, again.parts_skipped) == (0, 3)  # a job started again skips written parts


def test_cluster_cli_with_a_scheduler_writes_parquet_and_stores_into_postgres(tmp_path, client, corpus, postgres_url):
    from communique.store import open_store

    output = tmp_path / "events"
    args = ["code", str(corpus / "a.jsonl"), "--engine", "dask", "--scheduler", client.scheduler.address]
    result = CliRunner().invoke(app, [*args, "--output", str(output), "--db", postgres_url])
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    rows = list(read_events(output))
    store = open_store(postgres_url)
    assert store is not None
    with store:
        assert store.count("articles") == 2
        assert sorted(event["event_id"] for event in store.events()) == sorted(row["event_id"] for row in rows)


@pytest.mark.parametrize("args,problem", [(["--db", "sqlite:///x.db"], "single writer"), ([], "--output")])
def test_cluster_cli_refuses_sqlite_and_a_missing_output(tmp_path, corpus, args, problem):
    command = ["code", str(corpus), "--engine", "dask", *args]
    if problem != "--output":
        command += ["--output", str(tmp_path / "out")]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert problem in result.output


def related_shards(tmp_path: Path) -> tuple[list[dict], Path]:
    """Fifteen related stories in three shards, every third story a shard: reports of one
    happening fall into different parts."""
    records = [json.loads(line) for line in RELATED.read_text(encoding="utf-8").splitlines()][:15]
    shards = tmp_path / "shards"
    shards.mkdir()
    for index, name in enumerate("abc"):
        lines = [json.dumps(record) + "\n" for record in records[index::3]]
        (shards / f"{name}.jsonl").write_text("".join(lines), encoding="utf-8")
    return records, shards


def test_cluster_links_happenings_across_parts_as_a_local_run_does(tmp_path, client, postgres_url):
    """Reports of one happening in different parts get one happening id, the same as a local run
    into a database gives, in the database and in the Parquet dataset; mentions are stored too."""
    from communique.store import open_store

    records, shards = related_shards(tmp_path)
    local_db = f"sqlite:///{tmp_path / 'local.db'}"
    runner = CliRunner()
    local = runner.invoke(app, ["code", str(shards), "--db", local_db, "--output", str(tmp_path / "local.jsonl")])
    assert local.exit_code == 0, local.output
    args = ["code", str(shards), "--engine", "dask", "--scheduler", client.scheduler.address, "--db", postgres_url]
    dask = runner.invoke(app, [*args, "--output", str(tmp_path / "events")])
    assert dask.exit_code == 0, dask.output

    def ids_and_mentions(url):
        store = open_store(url)
        assert store is not None
        with store:
            return {e["event_id"]: e["happening_id"] for e in store.events()}, store.count("mentions")

    local_ids, local_mentions = ids_and_mentions(local_db)
    dask_ids, dask_mentions = ids_and_mentions(postgres_url)
    parquet_ids = {row["event_id"]: row["happening_id"] for row in read_events(tmp_path / "events")}
    assert dask_ids == local_ids == parquet_ids
    assert dask_mentions == local_mentions > 0
    part = {record["id"]: index % 3 for index, record in enumerate(records)}
    printed = (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()
    articles = {e["event_id"]: e["article_id"] for e in map(json.loads, printed)}
    spans: dict[str, set[int]] = {}
    for event_id, happening in local_ids.items():
        spans.setdefault(happening, set()).add(part[articles[event_id]])
    assert any(len(parts) > 1 for parts in spans.values())  # some happening was linked across parts


def stopped_in_time(limit: float) -> bool:
    """Run slow Python code under the story time limit; True when the limit stopped it."""
    from tests.test_limits import stopped_after

    return stopped_after(limit, 10) is not None


def test_cluster_story_timeout_applies_on_dask_worker_threads(client):
    assert client.submit(stopped_in_time, 0.2, pure=False).result(timeout=30)


def test_cluster_job_stopped_before_linking_links_the_rest_when_started_again(tmp_path, client):
    """What a job stopped part-way through linking leaves (the first part written and linked,
    the others written by the workers but not linked) is linked when the job starts again, with
    the happening ids of a run never stopped."""
    _, shards = related_shards(tmp_path)
    parts = find_parts([shards], on_error=print)

    def happenings(directory: Path) -> dict[str, str]:
        return {row["event_id"]: row["happening_id"] for row in read_events(directory)}

    code_on_dask(parts, tmp_path / "whole", Settings(), client=client, on_error=print)
    stopped = tmp_path / "stopped"
    code_on_dask(parts[:1], stopped, Settings(), client=client, on_error=print)
    client.gather(client.map(code_part, parts[1:], settings=Settings(), output=str(stopped), pure=False))
    assert linked_parts(stopped) == [parts[0].name]
    assert happenings(stopped).keys() == happenings(tmp_path / "whole").keys()
    assert happenings(stopped) != happenings(tmp_path / "whole")  # reports in later parts not linked yet

    again = code_on_dask(parts, stopped, Settings(), client=client, on_error=print)
    assert (again.parts_done, again.parts_skipped) == (0, 3)
    assert happenings(stopped) == happenings(tmp_path / "whole")
    assert linked_parts(stopped) == [part.name for part in parts]
