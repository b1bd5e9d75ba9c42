"""The command line: thin Typer commands over the Python API.

Progress bars and printing live here; the library never prints.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import CommuniqueError, InputError, Messages
from .records import EVENT_FIELDS, Article, Event
from .settings import QUAD_SCHEMES, Settings, split_paths

app = typer.Typer(
    help="Turn news stories into political event data (CAMEO and PLOVER).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
stderr = Console(stderr=True)
FORMATS = ("table", "jsonl", "csv")
ENGINES = ("local", "dask")
EVIDENCE_WIDTH = 160  # characters of evidence a table row shows; JSONL and CSV keep it whole
LEXICON_OPTION = typer.Option(
    "--lexicon",
    exists=True,
    dir_okay=False,
    help="Your own verb table (columns lemma, pattern, cameo, example, as data/cameo/verbs.tsv), or a PETRARCH "
    "verb dictionary or discard list (docs/petrarch.md), tried first. May be given more than once.",
)
DB_OPTION = typer.Option(help="Database to read: sqlite:///PATH or postgresql://USER@HOST/DB.")
ACTORS_OPTION = typer.Option(
    "--actors",
    exists=True,
    dir_okay=False,
    help="Your own actor dictionary (YAML or CSV: name, names, code, start, end), or a PETRARCH actor or agent "
    "dictionary (docs/petrarch.md), which wins over the bundled one. May be given more than once.",
)
SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".txt": "table"}


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"communique {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn news stories into political event data (CAMEO and PLOVER)."""


@app.command()
def code(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT...",
            help="Stories: .txt (one story), .jsonl, .csv or .parquet files, saved web pages (.html), "
            "RSS/Atom feeds (.xml, .rss, .atom), .zip archives, directories, or - for stdin.",
        ),
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for stories that carry none, such as a .txt file.")
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, jsonl or csv. Default: table on a terminal, jsonl otherwise; "
            "with --output, from its extension.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write events to this file; with --engine dask, a directory (Parquet)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            help="Database to store into: sqlite:///PATH, postgresql://USER@HOST/DB, or none. "
            "Default: sqlite:///communique.db; none with --engine dask."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes to code in; with --engine dask, local cluster workers.")
    ] = 1,
    worker_stories: Annotated[
        int,
        typer.Option(
            min=0, help="Stories a --workers process codes before a fresh one replaces it (flat memory); 0: never."
        ),
    ] = 20_000,
    batch_size: Annotated[int, typer.Option(min=1, help="Stories parsed and stored together (one transaction).")] = 64,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, tcp://HOST:PORT; without it a local cluster is started."),
    ] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Longest story coded, in characters.")] = 200_000,
    max_sentences: Annotated[int, typer.Option(min=1, help="Most sentences in a story coded.")] = 5_000,
    max_record_bytes: Annotated[
        int, typer.Option(min=1, help="Longest JSONL/CSV line or text file read, in bytes.")
    ] = 8 * 1024 * 1024,
    story_timeout: Annotated[
        float, typer.Option(min=0, help="Seconds a story may take to clean and code; 0 for no limit.")
    ] = 60.0,
    keep_negated: Annotated[bool, typer.Option(help="Also output negated events (flagged).")] = False,
    keep_hypothetical: Annotated[
        bool, typer.Option(help='Also output events that only may happen ("could attack").')
    ] = False,
    keep_historical: Annotated[
        bool, typer.Option(help='Also output events a story recalls as background ("since the summit in 2019").')
    ] = False,
    keep_all: Annotated[
        bool, typer.Option(help="Output every event whatever its modality: negated, hypothetical, historical.")
    ] = False,
    keep_unnamed: Annotated[
        bool, typer.Option(help='Also output violence whose doer the story does not name ("---": "were killed").')
    ] = False,
    undirected: Annotated[
        bool, typer.Option(help='One event a pair for actors acting on each other ("A and B met"), not one each way.')
    ] = False,
    quad_scheme: Annotated[
        str, typer.Option(help="QuadClass grouping of CAMEO roots: gdelt (01-05/06-09/10-14/15-20) or icews.")
    ] = "gdelt",
    statements: Annotated[
        bool, typer.Option(help="Output bare statements (CAMEO 01x) when a sentence says nothing more.")
    ] = True,
    lexicon: Annotated[list[Path] | None, LEXICON_OPTION] = None,
    actors: Annotated[list[Path] | None, ACTORS_OPTION] = None,
) -> None:
    """Code news stories into events, store them, and print them.

    Example: communique code stories.jsonl --db sqlite:///events.db

    Stories are read, parsed and stored in batches, so memory stays flat. A job
    that was killed and is started again with the same command skips the
    stories already stored by this coder version.

    Example: communique code shards/ --engine dask --scheduler tcp://10.0.0.5:8786 --output events/

    Exit status: 0 when every input was read, 1 when some could not be
    (each is named on one line of standard error), 2 for a usage error.
    """
    from .pipeline import batches, skip_stored
    from .sources import read_articles

    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    _date_option(published, "--published")
    failures = []

    def report(error: InputError) -> None:
        failures.append(error)
        # The message quotes input, which may hold "[...]": plain text, not Rich markup.
        stderr.print(Text.assemble(("error:", "red"), f" {error}"), highlight=False, soft_wrap=True)

    if quad_scheme not in QUAD_SCHEMES:
        raise typer.BadParameter(f"use one of {', '.join(QUAD_SCHEMES)}", param_hint="--quad-scheme")
    settings = Settings(
        workers=workers,
        worker_stories=worker_stories,
        batch_size=batch_size,
        max_chars=max_chars,
        max_sentences=max_sentences,
        max_record_bytes=max_record_bytes,
        story_timeout=story_timeout,
        keep_negated=keep_negated or keep_all,
        keep_hypothetical=keep_hypothetical or keep_all,
        keep_historical=keep_historical or keep_all,
        keep_unnamed=keep_unnamed,
        quad_scheme=quad_scheme,
        statements=statements,
        undirected=undirected,
        lexicon=_joined(lexicon),
        actors=_joined(actors),
    )
    if engine == "dask":
        _code_on_dask(inputs, output, db or "none", settings, scheduler, published, report)
        if failures:
            raise typer.Exit(1)
        return
    chosen = _output_format(format, output)
    store = _open_store(db or "sqlite:///communique.db")
    coder = _coder(settings)
    articles = read_articles(inputs, published=published, on_error=report, max_record_bytes=max_record_bytes)
    skipped: Counter[str] = Counter()  # a count, not the ids: a resumed job may skip millions
    if store is not None:
        store.begin_run(coder.version, dataclasses.asdict(settings))  # the run history says how these events were coded
        articles = skip_stored(articles, store, coder.version, on_skip=lambda _: skipped.update(("stories",)))
    with coder, _event_writer(chosen, output) as writer:  # leaving stops the --workers processes
        coded = batches(coder.pipe_mentions(articles, on_error=report), batch_size)
        _code_and_store(coder, coded, store, writer)
    if skipped:
        stderr.print(f"skipped {skipped['stories']} stories already stored by coder {coder.version}", highlight=False)
    if store is not None:
        stderr.print(
            f"stored in {store.path}: {store.count('articles')} articles, {store.count('events')} events",
            highlight=False,
        )
        store.close()
    if failures:
        raise typer.Exit(1)


def _code_and_store(coder, coded, store, writer: EventWriter) -> None:
    """Store each batch of coded stories in one transaction and write its events, with a progress bar on a terminal.

    coded: batches of (Article, its Events, its Mentions). Each story's events are first linked to
    earlier reports of the same happenings.
    """
    from .store.linking import linker_for

    linker = linker_for(store)
    with _progress() as progress:
        task = progress.add_task("coding", total=None)
        for batch in coded:
            stories = []
            for article, events, _ in batch:
                _report_if_not_english(article)
                stories.append((article, linker(events)))
            if store is not None:
                store.save_batch(stories, coder.version, mentions=[mentions for _, _, mentions in batch])
                linker.stored()
            for _, events in stories:
                writer.write(events)
            progress.advance(task, len(batch))


def _code_on_dask(inputs, output, db, settings, scheduler, published, report) -> None:
    """Code on a Dask cluster into a Parquet dataset, with a progress bar over the input parts."""
    from .cluster import code_on_dask, find_parts

    if output is None:
        raise typer.BadParameter("give a directory for the Parquet dataset of events", param_hint="--output")
    if db.startswith("sqlite") or db.endswith((".db", ".sqlite", ".sqlite3")):
        raise typer.BadParameter("SQLite has a single writer; use postgresql://... or none", param_hint="--db")
    if db != "none":
        checked = _open_store(db)  # a bad URL is a usage error before the cluster starts
        if checked is not None:
            checked.close()
    parts = find_parts(inputs, on_error=report)
    with _progress() as progress:
        task = progress.add_task("coding on dask", total=len(parts))
        try:
            summary = code_on_dask(
                parts,
                output,
                settings,
                scheduler=scheduler,
                db=None if db == "none" else db,
                published=published,
                on_error=report,
                on_part=lambda _: progress.advance(task),
            )
        except CommuniqueError as error:
            raise typer.BadParameter(str(error), param_hint="--scheduler") from None
    stderr.print(
        f"wrote {output}: {summary.articles} articles, {summary.events} events "
        f"({summary.parts_done} parts coded, {summary.parts_skipped} already done)",
        highlight=False,
        soft_wrap=True,
    )


def _report_if_not_english(article: Article) -> None:
    """A story not in English is stored, not coded: say so on one line of standard error."""
    if article.language != "en":
        notice = f"skipped: {article.origin}: {Messages.NOT_ENGLISH.format(language=article.language)}"
        stderr.print(Text(notice), highlight=False, soft_wrap=True)


@app.command()
def watch(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="RSS or Atom feeds: http(s):// or file:// URLs.")],
    db: Annotated[
        str,
        typer.Option(
            help="Database that stores the events and remembers the items seen: sqlite:///PATH or postgresql://..."
        ),
    ] = "sqlite:///communique.db",
    interval: Annotated[float, typer.Option(min=1.0, help="Seconds between polls of the feeds.")] = 600.0,
    once: Annotated[bool, typer.Option("--once", help="Poll each feed once and exit (for cron).")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="How new events are printed: jsonl or csv.")] = "jsonl",
    lexicon: Annotated[list[Path] | None, LEXICON_OPTION] = None,
) -> None:
    """Poll news feeds and code the items not seen before, until interrupted.

    Example: communique watch https://example.org/world.rss --db sqlite:///events.db --interval 300

    Items already in the database are passed over, so a restarted watch codes
    nothing twice. A feed that cannot be fetched is named on one line of
    standard error and the others are polled. With --once the exit status is
    1 when some feed or item could not be read.
    """
    from .watch import watch_feeds

    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("use jsonl or csv", param_hint="--format")
    store = _open_store(db)
    if store is None:
        raise typer.BadParameter("watch remembers what it has seen in a database; give one", param_hint="--db")
    failures = []

    def report(error: InputError) -> None:
        failures.append(error)
        stderr.print(Text.assemble(("error:", "red"), f" {error}"), highlight=False, soft_wrap=True)

    def coded(article, events) -> None:
        _report_if_not_english(article)
        writer.write(events)
        sys.stdout.flush()

    def polled(poll) -> None:
        line = f"{poll.url}: {poll.items} items, {poll.new} new, {poll.events} events"
        stderr.print(Text(line), highlight=False, soft_wrap=True)

    coder = _coder(Settings(lexicon=_joined(lexicon)))
    with store, _event_writer(format, None) as writer:
        try:
            watch_feeds(
                urls, coder, store, interval=interval, polls=1 if once else None,
                on_error=report, on_coded=coded, on_poll=polled,
            )  # fmt: skip
        except KeyboardInterrupt:
            stderr.print("stopped", highlight=False)
    if once and failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD.jsonl...", exists=True, dir_okay=False, help="Gold files (JSONL, one sentence per line)."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    keep_unnamed: Annotated[
        bool, typer.Option(help='Also score violence whose doer the story does not name ("---": "were killed").')
    ] = False,
    lexicon: Annotated[list[Path] | None, LEXICON_OPTION] = None,
    actors: Annotated[list[Path] | None, ACTORS_OPTION] = None,
) -> None:
    """Score the coder against gold files: precision, recall and F1 per level.

    Example: communique eval gold/dev_petr2_gsr.jsonl --json

    Levels: root, code, dyad_root (countries and root), full (actors and code),
    plover and dyad_plover.
    """
    from .evaluate import LEVELS, evaluate, read_gold

    coder = _coder(Settings(keep_unnamed=keep_unnamed, lexicon=_joined(lexicon), actors=_joined(actors)))
    results = {}
    with _progress() as progress:
        for path in gold:
            try:
                records = read_gold(path)
            except InputError as error:
                raise typer.BadParameter(str(error)) from None
            task = progress.add_task(path.name, total=len(records))

            def code_one(article, task=task):
                progress.advance(task)
                return coder(article)

            results[str(path)] = evaluate(code_one, records, coder.event_coder.codebook.plover)
    if as_json:
        typer.echo(json.dumps({name: scores.as_dict() for name, scores in results.items()}, indent=2))
        return
    console = Console()
    for name, scores in results.items():
        table = Table(title=f"{name} ({scores.records} records)")
        for column in ("level", "precision", "recall", "F1", "matched", "coded", "gold"):
            table.add_column(column, justify="left" if column == "level" else "right")
        for level in LEVELS:
            score = scores.levels[level]
            table.add_row(
                level,
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                str(score.true_positives),
                str(score.predicted),
                str(score.gold),
            )
        console.print(table)


@app.command()
def events(
    db: Annotated[str, DB_OPTION] = "sqlite:///communique.db",
    source: Annotated[str, typer.Option(help='Source actor code or its start ("KOR", "KORGOV").')] = "",
    target: Annotated[str, typer.Option(help="Target actor code or its start.")] = "",
    dyad: Annotated[str, typer.Option(help='Source and target, "KOR-RUS".')] = "",
    directed: Annotated[
        bool,
        typer.Option(
            "--directed/--undirected", help="--undirected: source and target either way round (KOR-RUS, RUS-KOR)."
        ),
    ] = True,
    country: Annotated[str, typer.Option(help="An actor code start, as source or target.")] = "",
    cameo: Annotated[str, typer.Option(help='CAMEO code or its start ("04" is every consultation).')] = "",
    plover: Annotated[str, typer.Option(help='PLOVER event type ("CONSULT").')] = "",
    quad: Annotated[int, typer.Option(min=0, max=4, help="QuadClass, 1 to 4.")] = 0,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    place: Annotated[str, typer.Option(help="Place name, as stored.")] = "",
    limit: Annotated[int, typer.Option(min=0, help="At most this many events; 0 for all.")] = 0,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="table, jsonl, csv or parquet (parquet needs --output). Default as for code."
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write events to this file.")] = None,
) -> None:
    """Read stored events, filtered by actors, codes, dates and place.

    Example: communique events --dyad KOR-RUS --cameo 04 --since 2019-01-01 --format csv -o talks.csv
    """
    filters = event_filter(
        source=source,
        target=target,
        dyad=dyad,
        directed=directed,
        country=country,
        cameo=cameo,
        plover=plover,
        quad_class=quad,
        place=place,
        limit=limit,
        since=since,
        until=until,
    )
    parquet = format == "parquet" or (format is None and output is not None and output.suffix == ".parquet")
    if parquet and output is None:
        raise typer.BadParameter("parquet needs a file to write: add --output events.parquet", param_hint="--format")
    chosen = "parquet" if parquet else _output_format(format, output)
    with _read_store(db) as store:
        if output is not None and chosen == "parquet":
            from .export import export_frame
            from .export.files import write_parquet_file

            write_parquet_file(export_frame(store, filters), output)
            return
        rows = store.query(filters)
    with _event_writer(chosen, output) as writer:
        writer.write([Event(**row) for row in rows])


def event_filter(*, dyad: str = "", since: str | None = None, until: str | None = None, **fields):
    """An EventFilter from command-line options: a --dyad split in two, dates checked."""
    from .store import EventFilter

    if dyad:
        source, separator, target = dyad.partition("-")
        if not separator or not source or not target:
            raise typer.BadParameter("use SOURCE-TARGET, for example KOR-RUS", param_hint="--dyad")
        fields |= {"source": source, "target": target}
    first, last = _date_option(since, "--since"), _date_option(until, "--until")
    return EventFilter(since=first.isoformat() if first else "", until=last.isoformat() if last else "", **fields)


def _read_store(db: str):
    """The store a --db URL names, to read from; a usage error for none."""
    store = _open_store(db)
    if store is None:
        raise typer.BadParameter("give a database to read", param_hint="--db")
    return store


@app.command()
def happenings(
    db: Annotated[str, typer.Option(help="Database to read: sqlite:///PATH or postgresql://USER@HOST/DB.")] = (
        "sqlite:///communique.db"
    ),
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    min_articles: Annotated[
        int, typer.Option(min=1, help="Only happenings reported by at least this many stories.")
    ] = 1,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table or jsonl (jsonl lists every mention).")
    ] = "table",
) -> None:
    """List real-world happenings: one row per happening, however many stories report it.

    Example: communique happenings --db sqlite:///events.db --min-articles 2 -f jsonl

    Each happening counts its mentions (reports), the stories and the publishers
    that report it; its date, actors, code and place are those of its most
    precisely dated report.
    """
    from .merge import collect_happenings
    from .store import EventFilter

    if format not in ("table", "jsonl"):
        raise typer.BadParameter("use table or jsonl", param_hint="--format")
    first, last = _date_option(since, "--since"), _date_option(until, "--until")
    store = _open_store(db)
    if store is None:
        raise typer.BadParameter("give a database to read", param_hint="--db")
    with store:
        filters = EventFilter(since=first.isoformat() if first else "", until=last.isoformat() if last else "")
        events = [Event(**row) for row in store.query(filters)]
        publishers = dict(store.fetch("SELECT id, publisher FROM articles"))
    found = [h for h in collect_happenings(events, publishers) if h.n_articles >= min_articles]
    if format == "jsonl":
        for happening in found:
            row = {"happening_id": happening.happening_id, **happening.event.as_dict()}
            row.update(n_mentions=happening.n_mentions, n_articles=happening.n_articles, n_sources=happening.n_sources)
            row["mentions"] = [dataclasses.asdict(mention) for mention in happening.mentions]
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(show_lines=True, title=f"{len(found)} happenings, {sum(h.n_mentions for h in found)} mentions")
    for column in ("date", "source", "target", "CAMEO", "place", "mentions", "stories", "sources"):
        table.add_column(column, overflow="fold")
    for happening in found:
        event = happening.event
        place = f"{event.place}, {event.country}" if event.place else ""
        cells = (event.date or "", event.source, event.target or "-", f"{event.cameo} {event.cameo_name}", place)
        counts = (happening.n_mentions, happening.n_articles, happening.n_sources)
        table.add_row(*(Text(cell) for cell in cells), *(str(count) for count in counts))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or story to code, in quotes.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative dates count from.")
    ] = None,
    lexicon: Annotated[list[Path] | None, LEXICON_OPTION] = None,
    actors: Annotated[list[Path] | None, ACTORS_OPTION] = None,
) -> None:
    """Show how a sentence is coded: its parse, its actors, the rules that fired and the events.

    Example: communique explain "Iran criticised Israel on Monday." --published 2024-03-06
    """
    day = _date_option(published, "--published")
    settings = Settings(lexicon=_joined(lexicon), actors=_joined(actors))
    explanation = _coder(settings).explain(sentence, published=day)
    console = Console()
    parse = Table(title="parse", box=None)
    for column in ("#", "word", "lemma", "pos", "dep", "head"):
        parse.add_column(column)
    for row in explanation.parse:
        parse.add_row(*(Text(str(value)) for value in row))
    console.print(parse)
    table = Table(title="actors")
    for column in ("text", "code", "name", "as", "because"):
        table.add_column(column, overflow="fold")
    for mention in explanation.mentions:
        role = "place" if mention.place else "unknown" if not mention.known else (mention.actor.title or "name")
        table.add_row(Text(mention.text), mention.actor.code, Text(mention.actor.name), role, Text(mention.rule))
    console.print(table)
    steps = Table(title="coded predicates", show_lines=True)
    for column in ("trigger", "CAMEO", "source", "target", "modality", "because"):
        steps.add_column(column, overflow="fold")
    for step in explanation.steps:
        steps.add_row(
            Text(step.trigger),
            step.cameo,
            " ".join(step.sources),
            " ".join(step.targets) or "-",
            step.modality,
            Text(step.rule),  # "[for]" in a rule is text, not Rich markup
        )
    console.print(steps)
    console.print(events_table(list(explanation.events)))


actors_app = typer.Typer(
    help="Actors: the names the coder met but could not code.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(actors_app, name="actors")


@actors_app.command("unknown")
def actors_unknown(
    db: Annotated[str, typer.Option(help="Database to read: sqlite:///PATH or postgresql://USER@HOST/DB.")] = (
        "sqlite:///communique.db"
    ),
    limit: Annotated[int, typer.Option(min=0, help="At most this many names; 0 for all.")] = 50,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, or yaml (a starter dictionary for --actors).")
    ] = "table",
) -> None:
    """List the names in an actor's position that no table coded, most frequent first.

    Example: communique actors unknown --db sqlite:///events.db --format yaml > mine.yaml

    Fill in each name's code and pass the file to `communique code --actors mine.yaml`.
    """
    if format not in ("table", "csv", "yaml"):
        raise typer.BadParameter("use table, csv or yaml", param_hint="--format")
    store = _open_store(db)
    if store is None:
        raise typer.BadParameter("give a database to read", param_hint="--db")
    query = (
        "SELECT text, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles FROM mentions "
        "WHERE NOT known GROUP BY text ORDER BY mentions DESC, text" + (f" LIMIT {limit}" if limit else "")
    )
    with store:
        rows = store.fetch(query)
    if format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("text", "mentions", "articles"))
        writer.writerows(rows)
    elif format == "yaml":
        for text, mentions, articles in rows:
            name = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string
            typer.echo(f"# {mentions} mentions in {articles} articles\n- name: {name}\n  code: ''")
    else:
        table = Table(title=f"{len(rows)} unknown actors")
        for column in ("text", "mentions", "articles"):
            table.add_column(column, justify="left" if column == "text" else "right")
        for text, mentions, articles in rows:
            table.add_row(Text(text), str(mentions), str(articles))
        Console().print(table)


@app.command()
def serve(
    db: Annotated[str, typer.Option(help="Database to serve: sqlite:///PATH or postgresql://USER@HOST/DB.")] = (
        "sqlite:///communique.db"
    ),
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str,
        typer.Option(
            envvar="COMMUNIQUE_TOKEN",
            show_default=False,
            help="Token that POST /api/articles needs (or set COMMUNIQUE_TOKEN); without one, writing is off.",
        ),
    ] = "",
    cache_mb: Annotated[
        int,
        typer.Option(
            "--cache-mb", min=0, help="Memory (MB) for answers to reads, kept until the database changes; 0 keeps none."
        ),
    ] = 64,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes; more than one answers more requests at once on a machine with "
            "several cores (each keeps its own cache, and loads its own coder for posted stories).",
        ),
    ] = 1,
) -> None:
    """Serve the HTTP API and the dashboard over a database.

    Example: communique serve --db sqlite:///communique.db   (then open http://127.0.0.1:8000)
    """
    import uvicorn

    from .serve import create_app

    store = _open_store(db)  # a bad URL or an unreachable server is a usage error, before the server starts
    if store is None:
        raise typer.BadParameter("give a database to serve", param_hint="--db")
    store.close()
    try:
        application = create_app(db, token=token, cache_bytes=cache_mb * 1024 * 1024)
    except CommuniqueError as error:
        raise typer.BadParameter(str(error), param_hint="--db") from None
    stderr.print(f"dashboard and API on http://{host}:{port} (API reference at /docs)", highlight=False)
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
        return
    application.state.stores.close()  # made to find a bad database now; each worker makes its own
    # Worker processes import the application from a factory, which reads these.
    os.environ.update(COMMUNIQUE_DB=db, COMMUNIQUE_TOKEN=token, COMMUNIQUE_CACHE_MB=str(cache_mb))
    uvicorn.run(
        "communique.serve.api:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


class EventWriter:
    """Writes events as a table, JSONL or CSV to a stream."""

    def __init__(self, stream, format: str) -> None:
        self.stream = stream
        self.format = format
        self.rows: list[Event] = []
        self.csv = None
        if format == "csv":
            self.csv = csv.DictWriter(stream, fieldnames=EVENT_FIELDS, lineterminator="\n")
            self.csv.writeheader()

    def write(self, events: list[Event]) -> None:
        if self.format == "jsonl":
            for event in events:
                self.stream.write(json.dumps(event.as_dict(), ensure_ascii=False) + "\n")
        elif self.csv is not None:
            self.csv.writerows(event.as_dict() for event in events)
        else:
            self.rows.extend(events)

    def close(self) -> None:
        if self.format == "table":
            console = Console(file=self.stream, width=None if self.stream.isatty() else 200)
            console.print(events_table(self.rows))
        self.stream.flush()


def events_table(events: list[Event]) -> Table:
    """A readable table of events: date, actors, code, place and evidence."""
    table = Table(show_lines=True, title=f"{len(events)} events")
    for column in ("date", "source", "target", "CAMEO", "place", "evidence"):
        table.add_column(column, overflow="fold")
    for event in events:
        source = f"{event.source}\n{event.source_name}" if event.source_name else event.source
        target = f"{event.target}\n{event.target_name}" if event.target_name else event.target or "-"
        place = f"{event.place}, {event.country}" if event.place else ""
        evidence = event.evidence if len(event.evidence) <= EVIDENCE_WIDTH else event.evidence[:EVIDENCE_WIDTH] + "…"
        cells = (event.date or "", source, target, f"{event.cameo} {event.cameo_name}", place, evidence)
        table.add_row(*(Text(cell) for cell in cells))  # news text is never Rich markup
    return table


@contextmanager
def _event_writer(format: str, output: Path | None) -> Iterator[EventWriter]:
    """An EventWriter to the output file or standard output, finished and closed at the end."""
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        writer = EventWriter(stream, format)
        yield writer
        writer.close()
    finally:
        if output:
            stream.close()


def _date_option(value: str | None, option: str) -> dt.date | None:
    """A date given on the command line, or a usage error naming the option."""
    from .sources import parse_date

    try:
        return parse_date(value, origin=option) if value else None
    except InputError as error:
        raise typer.BadParameter(error.problem, param_hint=option) from None


def _open_store(db: str):
    """The store a --db URL names, or a usage error."""
    from .store import open_store

    try:
        return open_store(db)
    except CommuniqueError as error:
        raise typer.BadParameter(str(error), param_hint="--db") from None


def _joined(paths: list[Path] | None) -> str:
    """Files given with a repeatable option, as one Settings value (joined with os.pathsep)."""
    return os.pathsep.join(str(path) for path in paths or ())


def _coder(settings: Settings):
    """Load a Coder, turning a bad table (a user's own lexicon) into a one-line usage error."""
    from .pipeline import Coder

    try:
        coder = Coder(settings)
    except CommuniqueError as error:
        named = any(str(path) in str(error) for path in split_paths(settings.actors))
        raise typer.BadParameter(str(error), param_hint="--actors" if named else "--lexicon") from None
    for note in coder.notes:  # what a PETRARCH dictionary held that could not be loaded, one line a kind
        stderr.print(Text.assemble(("note:", "yellow"), f" {note}"), highlight=False, soft_wrap=True)
    return coder


def _output_format(format: str | None, output: Path | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise typer.BadParameter(Messages.BAD_FORMAT.format(format=format), param_hint="--format")
        return format
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def main() -> None:
    app()


from . import cli_data  # noqa: E402, F401  (its commands join the app: dyads, network, export, report)
