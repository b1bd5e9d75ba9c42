"""The command line: thin Typer commands over the Python API.

Progress bars and printing live here; the library never prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
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
from .records import EVENT_FIELDS, Event
from .settings import Settings

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
    help="Your own verb table (columns lemma, pattern, cameo, example, as data/cameo/verbs.tsv), tried first.",
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
            help="Stories: .txt (one story), .jsonl, .csv or .parquet files, .zip archives, directories, "
            "or - for stdin.",
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
        int, typer.Option(min=1, help="Processes to parse in; with --engine dask, local cluster workers.")
    ] = 1,
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
    undirected: Annotated[
        bool, typer.Option(help='One event a pair for actors acting on each other ("A and B met"), not one each way.')
    ] = False,
    statements: Annotated[
        bool, typer.Option(help="Output bare statements (CAMEO 01x) when a sentence says nothing more.")
    ] = True,
    lexicon: Annotated[Path | None, LEXICON_OPTION] = None,
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

    settings = Settings(
        workers=workers,
        batch_size=batch_size,
        max_chars=max_chars,
        max_sentences=max_sentences,
        max_record_bytes=max_record_bytes,
        story_timeout=story_timeout,
        keep_negated=keep_negated,
        keep_hypothetical=keep_hypothetical,
        statements=statements,
        undirected=undirected,
        lexicon=str(lexicon or ""),
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
        articles = skip_stored(articles, store, coder.version, on_skip=lambda _: skipped.update(("stories",)))
    with _event_writer(chosen, output) as writer:
        coded = batches(coder.pipe(articles, on_error=report), batch_size)
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
    """Store each batch of coded stories in one transaction and write its events, with a progress bar on a terminal."""
    with _progress() as progress:
        task = progress.add_task("coding", total=None)
        for batch in coded:
            for article, _ in batch:
                if article.language != "en":
                    notice = f"skipped: {article.origin}: {Messages.NOT_ENGLISH.format(language=article.language)}"
                    stderr.print(Text(notice), highlight=False, soft_wrap=True)
            if store is not None:
                store.save_batch(batch, coder.version)
            for _, events in batch:
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


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD.jsonl...", exists=True, dir_okay=False, help="Gold files (JSONL, one sentence per line)."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    lexicon: Annotated[Path | None, LEXICON_OPTION] = None,
) -> None:
    """Score the coder against gold files: precision, recall and F1 per level.

    Example: communique eval gold/dev_petr2_gsr.jsonl --json

    Levels: root, code, dyad_root (countries and root), full (actors and code),
    plover and dyad_plover.
    """
    from .evaluate import LEVELS, evaluate, read_gold

    coder = _coder(Settings(lexicon=str(lexicon or "")))
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
    db: Annotated[str, typer.Option(help="Database to read: sqlite:///PATH or postgresql://USER@HOST/DB.")] = (
        "sqlite:///communique.db"
    ),
    source: Annotated[str, typer.Option(help='Source actor code or its start ("KOR", "KORGOV").')] = "",
    target: Annotated[str, typer.Option(help="Target actor code or its start.")] = "",
    dyad: Annotated[str, typer.Option(help='Source and target, "KOR-RUS".')] = "",
    country: Annotated[str, typer.Option(help="An actor code start, as source or target.")] = "",
    cameo: Annotated[str, typer.Option(help='CAMEO code or its start ("04" is every consultation).')] = "",
    plover: Annotated[str, typer.Option(help='PLOVER event type ("CONSULT").')] = "",
    quad: Annotated[int, typer.Option(min=0, max=4, help="QuadClass, 1 to 4.")] = 0,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    place: Annotated[str, typer.Option(help="Place name, as stored.")] = "",
    limit: Annotated[int, typer.Option(min=0, help="At most this many events; 0 for all.")] = 0,
    format: Annotated[str | None, typer.Option("--format", "-f", help="table, jsonl or csv.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write events to this file.")] = None,
) -> None:
    """Read stored events, filtered by actors, codes, dates and place.

    Example: communique events --dyad KOR-RUS --cameo 04 --since 2019-01-01
    """
    from .store import EventFilter

    if dyad:
        source, separator, target = dyad.partition("-")
        if not separator or not source or not target:
            raise typer.BadParameter("use SOURCE-TARGET, for example KOR-RUS", param_hint="--dyad")
    first, last = _date_option(since, "--since"), _date_option(until, "--until")
    filters = EventFilter(
        source=source,
        target=target,
        country=country,
        cameo=cameo,
        plover=plover,
        quad_class=quad,
        place=place,
        limit=limit,
        since=first.isoformat() if first else "",
        until=last.isoformat() if last else "",
    )
    store = _open_store(db)
    if store is None:
        raise typer.BadParameter("give a database to read", param_hint="--db")
    with store:
        rows = store.query(filters)
    with _event_writer(_output_format(format, output), output) as writer:
        writer.write([Event(**row) for row in rows])


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or story to code, in quotes.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative dates count from.")
    ] = None,
    lexicon: Annotated[Path | None, LEXICON_OPTION] = None,
) -> None:
    """Show how a sentence is coded: its parse, its actors, the rules that fired and the events.

    Example: communique explain "Iran criticised Israel on Monday." --published 2024-03-06
    """
    day = _date_option(published, "--published")
    explanation = _coder(Settings(lexicon=str(lexicon or ""))).explain(sentence, published=day)
    console = Console()
    parse = Table(title="parse", box=None)
    for column in ("#", "word", "lemma", "pos", "dep", "head"):
        parse.add_column(column)
    for row in explanation.parse:
        parse.add_row(*(Text(str(value)) for value in row))
    console.print(parse)
    actors = Table(title="actors")
    for column in ("text", "code", "name", "as"):
        actors.add_column(column)
    for mention in explanation.mentions:
        role = "place" if mention.place else (mention.actor.title or "name")
        actors.add_row(Text(mention.text), mention.actor.code, Text(mention.actor.name), role)
    console.print(actors)
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


def _coder(settings: Settings):
    """Load a Coder, turning a bad table (a user's own lexicon) into a one-line usage error."""
    from .pipeline import Coder

    try:
        return Coder(settings)
    except CommuniqueError as error:
        raise typer.BadParameter(str(error), param_hint="--lexicon") from None


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
