"""Commands over stored events: export, dyads, network and report (they join ``cli.app``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .cli import DB_OPTION, _read_store, app, event_filter, stderr
from .errors import CommuniqueError

PLOT_OPTION = typer.Option("--plot", dir_okay=False, help="Also draw it into this PNG file.")


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a directory for parquet).")],
    layout: Annotated[str, typer.Option(help="gdelt, icews, plover, csv, jsonl or parquet.")] = "csv",
    db: Annotated[str, DB_OPTION] = "sqlite:///communique.db",
    source: Annotated[str, typer.Option(help="Source actor code or its start.")] = "",
    target: Annotated[str, typer.Option(help="Target actor code or its start.")] = "",
    dyad: Annotated[str, typer.Option(help='Source and target, "KOR-RUS".')] = "",
    country: Annotated[str, typer.Option(help="An actor code start, as source or target.")] = "",
    cameo: Annotated[str, typer.Option(help="CAMEO code or its start.")] = "",
    plover: Annotated[str, typer.Option(help="PLOVER event type.")] = "",
    quad: Annotated[int, typer.Option(min=0, max=4, help="QuadClass, 1 to 4.")] = 0,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
) -> None:
    """Export stored events in a layout analysts load: GDELT, ICEWS, PLOVER, CSV, JSONL or Parquet.

    Example: communique export --layout gdelt --output events.tsv --since 2019-01-01

    gdelt: GDELT 2.0 event table (tab-separated, no header, a row a happening).
    icews: ICEWS-style columns (tab-separated, header). plover: PLOVER JSON records,
    a line each. csv, jsonl: every stored column. parquet: a directory partitioned
    by year=YYYY/month=MM. Codes keep their leading zeros in every layout.
    """
    from .export import LAYOUTS, export_events

    if layout not in LAYOUTS:
        raise typer.BadParameter(f"use one of {', '.join(LAYOUTS)}", param_hint="--layout")
    filters = event_filter(
        source=source,
        target=target,
        dyad=dyad,
        country=country,
        cameo=cameo,
        plover=plover,
        quad_class=quad,
        since=since,
        until=until,
    )
    with _read_store(db) as store:
        written = export_events(store, layout, output, filters)
    stderr.print(f"wrote {written} {layout} rows to {output}", highlight=False)


@app.command()
def dyads(
    dyad: Annotated[str, typer.Option(help='Source and target, "KOR-RUS" (or give --source and --target).')] = "",
    source: Annotated[str, typer.Option(help="Source actor code or its start.")] = "",
    target: Annotated[str, typer.Option(help="Target actor code or its start.")] = "",
    freq: Annotated[str, typer.Option(help="day, week (from Monday) or month.")] = "week",
    directed: Annotated[
        bool, typer.Option("--directed/--undirected", help="--undirected counts events either way round.")
    ] = True,
    count: Annotated[str, typer.Option(help="events (each happening once) or mentions (every report).")] = "events",
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    db: Annotated[str, DB_OPTION] = "sqlite:///communique.db",
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="table, csv or jsonl. Default: table on a terminal, else csv.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the series to this file.")] = None,
    plot: Annotated[Path | None, PLOT_OPTION] = None,
) -> None:
    """A dyad's time series: per period, events by QuadClass and CAMEO root, Goldstein, net cooperation.

    Example: communique dyads --dyad KOR-RUS --freq month --plot kor-rus.png
    """
    from .aggregate import dyad_series

    filters = event_filter(source=source, target=target, dyad=dyad, since=since, until=until)
    if not filters.source or not filters.target:
        raise typer.BadParameter("give --dyad SOURCE-TARGET, or --source and --target", param_hint="--dyad")
    with _read_store(db) as store:
        try:
            series = dyad_series(
                store,
                filters.source,
                filters.target,
                freq=freq,  # type: ignore[arg-type]  # checked by dyad_series
                directed=directed,
                count=count,  # type: ignore[arg-type]
                since=filters.since,
                until=filters.until,
            )
        except CommuniqueError as error:
            raise typer.BadParameter(str(error)) from None
    chosen = format or (_suffix_format(output) if output else ("table" if sys.stdout.isatty() else "csv"))
    text = _series_text(series, chosen, directed)
    if output:
        output.write_text(text, encoding="utf-8")
    elif chosen != "table":
        sys.stdout.write(text)
    if plot:
        from .plots import plot_dyad_series

        arrow = "->" if directed else "<->"
        plot_dyad_series(series, plot, title=f"{filters.source} {arrow} {filters.target}, {count} a {freq}")
        stderr.print(f"plotted {len(series)} periods to {plot}", highlight=False)


def _suffix_format(output: Path) -> str:
    return {".jsonl": "jsonl", ".json": "jsonl", ".txt": "table"}.get(output.suffix.lower(), "csv")


def _series_text(series, format: str, directed: bool) -> str:
    """A series as CSV or JSON Lines text; a table is printed, and its text is empty."""
    series = series.assign(period=series["period"].dt.strftime("%Y-%m-%d"))
    if format == "csv":
        return series.to_csv(index=False, lineterminator="\n")
    if format == "jsonl":
        records = series.astype(object).where(series.notna(), None).to_dict("records")
        return "".join(json.dumps(record) + "\n" for record in records)
    if format != "table":
        raise typer.BadParameter(f"unknown format {format!r} (use table, csv or jsonl)", param_hint="--format")
    table = Table(title=f"{len(series)} periods, {series['events'].sum()} events")
    shown = ["period", "events", "verbal_cooperation", "material_cooperation", "verbal_conflict"]
    shown += ["material_conflict", "goldstein_sum", "goldstein_mean", "net_cooperation"]
    for column in shown:
        table.add_column(column.replace("_", " "), justify="left" if column == "period" else "right")
    for row in series[shown].itertuples(index=False):
        table.add_row(*(_cell(value) for value in row))
    Console().print(table)
    return ""


def _cell(value) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:g}"  # NaN: a period without events has no mean
    return str(value)


@app.command()
def network(
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    level: Annotated[str, typer.Option(help="actor (whole codes, KORGOV) or country (first three letters, KOR).")] = (
        "actor"
    ),
    cameo: Annotated[str, typer.Option(help="Only this CAMEO code or its start.")] = "",
    quad: Annotated[int, typer.Option(min=0, max=4, help="Only this QuadClass, 1 to 4.")] = 0,
    min_events: Annotated[int, typer.Option(min=1, help="Leave out pairs with fewer events.")] = 1,
    db: Annotated[str, DB_OPTION] = "sqlite:///communique.db",
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="graphml or json (node-link). Default: from --output, or json.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the graph to this file.")] = None,
    plot: Annotated[Path | None, PLOT_OPTION] = None,
    top: Annotated[int, typer.Option(min=2, help="Actors the plot shows: those with the most events.")] = 25,
) -> None:
    """The actor-to-actor graph: an edge a (source, target) pair, weighted by events, with net cooperation.

    Example: communique network --since 2019-01-01 --level country -o network.graphml --plot network.png
    """
    import networkx as nx

    from .aggregate import actor_network

    filters = event_filter(cameo=cameo, quad_class=quad, since=since, until=until)
    with _read_store(db) as store:
        try:
            graph = actor_network(
                store,
                since=filters.since,
                until=filters.until,
                level=level,  # type: ignore[arg-type]  # checked by actor_network
                filters=event_filter(cameo=cameo, quad_class=quad),
                min_events=min_events,
            )
        except CommuniqueError as error:
            raise typer.BadParameter(str(error)) from None
    chosen = format or ("graphml" if output and output.suffix.lower() == ".graphml" else "json")
    if chosen not in ("graphml", "json"):
        raise typer.BadParameter(f"unknown format {chosen!r} (use graphml or json)", param_hint="--format")
    if chosen == "graphml":
        if output is None:
            nx.write_graphml(graph, sys.stdout.buffer)
        else:
            nx.write_graphml(graph, output)
    else:
        text = json.dumps(nx.node_link_data(graph, edges="edges"), indent=1) + "\n"
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    stderr.print(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} pairs", highlight=False)
    if plot:
        from .plots import plot_network

        plot_network(graph, plot, top=top, title=_network_title(level, filters.since, filters.until))
        stderr.print(f"plotted to {plot}", highlight=False)


def _network_title(level: str, since: str, until: str) -> str:
    span = f"{since or 'start'} to {until or 'end'}" if since or until else "all dates"
    return f"Who acts on whom ({'countries' if level == 'country' else 'actors'}, {span})"


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("report.html"),
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    top: Annotated[int, typer.Option(min=1, help="Dyads the report ranks and draws.")] = 10,
    db: Annotated[str, DB_OPTION] = "sqlite:///communique.db",
) -> None:
    """A self-contained HTML summary that works offline: top dyads, timelines, event types, a map.

    Example: communique report --db sqlite:///communique.db --output report.html
    """
    from .report import write_report

    filters = event_filter(since=since, until=until)
    with _read_store(db) as store:
        summary = write_report(store, output, since=filters.since, until=filters.until, top=top)
    stderr.print(f"wrote {output}: {summary}", highlight=False)
