"""The HTTP API and the dashboard, one FastAPI application over one store.

    from communique.serve import create_app
    app = create_app("sqlite:///communique.db", token="s3cret")   # run with uvicorn

Reading is open; writing (``POST /api/articles``) needs the token. Every list is a
page or a bounded aggregate, so answers stay fast on millions of events.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as UploadFileType

from .. import __version__
from ..errors import InputError
from ..query import MAX_PAGE
from ..sources import parse_date
from ..store import EventFilter, SQLStore, open_store
from . import reads
from .downloads import export_download
from .guards import ApiError, BodyLimit, check_token, install_error_handlers, reject_unknown_parameters
from .ingest import Ingest, article_from_json, articles_from_upload
from .outlines import world_outlines

DASHBOARD = Path(__file__).parent / "dashboard"
DB_THREADS = 4  # database threads: queries wait on the disk as much as on the two cores
PAGES = {
    "/": "events.html",
    "/dyads": "dyads.html",
    "/network": "network.html",
    "/map": "map.html",
    "/ingest": "ingest.html",
}


class Stores:
    """A few database threads, each with its own store connection, that do the service's reads
    and writes.

    SQLite and psycopg connections stay in the thread that opened them; opening one per request
    would cost more than most queries, and more threads than cores would only queue on the GIL
    and the disk.
    """

    def __init__(self, url: str, threads: int = DB_THREADS) -> None:
        self.url = url
        self._local = threading.local()
        self._opened: list[SQLStore] = []
        self.write_lock = threading.Lock()  # SQLite has a single writer
        self.executor = ThreadPoolExecutor(threads, thread_name_prefix="communique-db")
        first = open_store(url)  # open (create or upgrade) the database once, now, to fail early
        if first is None:
            raise InputError("--db", "the service needs a database, not 'none'")
        first.close()

    def get(self) -> SQLStore:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.url)
            if store is None:
                raise InputError("--db", "the service needs a database, not 'none'")
            self._local.store = store
            self._opened.append(store)
        return store

    async def run(self, function: Callable[..., Any], *args: Any, **options: Any) -> Any:
        """``function(store, *args, **options)`` in a database thread, with that thread's store."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, lambda: function(self.get(), *args, **options))

    def close(self) -> None:
        """Stop the database threads and close their connections (when the server stops)."""
        self.executor.shutdown(wait=True)
        for store in self._opened:
            try:
                store.close()
            except sqlite3.ProgrammingError:
                pass  # an SQLite connection closes only in its own thread; the thread's end closes it
        self._opened.clear()


def create_app(db: str = "sqlite:///communique.db", *, token: str = "", ingest: Ingest | None = None) -> FastAPI:
    """The service's FastAPI application.

    db: the database URL, as ``communique code --db`` takes it.
    token: the token writing needs; empty switches writing off.
    ingest: what codes posted stories (an Ingest holding a loaded Coder, to share one);
        None makes one that loads the Coder on the first story.
    """
    stores = Stores(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="communique",
        version=__version__,
        description="Political event data coded from news stories, each event with its evidence.",
        docs_url=None,  # FastAPI's /docs loads Swagger UI from a CDN; ours works offline
        redoc_url=None,
        dependencies=[Depends(reject_unknown_parameters)],
    )
    app.state.stores = stores
    app.state.token = token
    app.state.ingest = ingest or Ingest()
    app.add_middleware(BodyLimit)
    install_error_handlers(app)
    _read_routes(app)
    _write_routes(app)
    _page_routes(app)
    return app


def answer(body: dict) -> Response:
    """A JSON answer written by the json module: the rows are plain already, and FastAPI's own
    encoder, which walks every value, would triple the time of a page of events."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def db(request: Request) -> Stores:
    """The app's database threads (see Stores.run)."""
    return request.app.state.stores


ISO_DATE = r"\d{4}-\d{2}-\d{2}"
CODE = r"^[A-Za-z0-9]{0,12}$"


async def event_filters(
    source: Annotated[str, Query(pattern=CODE, description='Source actor code or its start ("KOR").')] = "",
    target: Annotated[str, Query(pattern=CODE, description="Target actor code or its start.")] = "",
    dyad: Annotated[str, Query(pattern=r"^([A-Za-z0-9]+-[A-Za-z0-9]+)?$", description='"KOR-RUS".')] = "",
    country: Annotated[str, Query(pattern=CODE, description="An actor code start, as source or target.")] = "",
    cameo: Annotated[str, Query(pattern=r"^\d{0,4}$", description='CAMEO code or its start ("04").')] = "",
    plover: Annotated[str, Query(pattern=r"^[A-Za-z-]{0,30}$", description='PLOVER type ("CONSULT").')] = "",
    quad: Annotated[int, Query(ge=0, le=4, description="QuadClass 1-4; 0 for any.")] = 0,
    since: Annotated[str, Query(pattern=f"^({ISO_DATE})?$", description="First date, YYYY-MM-DD.")] = "",
    until: Annotated[str, Query(pattern=f"^({ISO_DATE})?$", description="Last date, YYYY-MM-DD.")] = "",
    place: Annotated[str, Query(max_length=200, description="Place name, as stored.")] = "",
    article: Annotated[str, Query(max_length=200, description="Only this article's events.")] = "",
) -> EventFilter:
    """The filters of ``communique events`` as query parameters."""
    for name, value in (("since", since), ("until", until)):
        if value:
            parse_date(value, origin=f"query parameter {name}")  # 2019-02-30 is no date
    if dyad:
        source, target = dyad.split("-", 1)
    return EventFilter(
        source=source.upper(),
        target=target.upper(),
        country=country.upper(),
        cameo=cameo,
        plover=plover,
        quad_class=quad,
        since=since,
        until=until,
        place=place,
        article_id=article,
    )


Filters = Annotated[EventFilter, Depends(event_filters)]


def _read_routes(app: FastAPI) -> None:
    @app.get("/api/events", tags=["events"])
    async def list_events(
        request: Request,
        filters: Filters,
        after: Annotated[str, Query(max_length=500, description="The next_cursor of the previous page.")] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Events a page holds, at most {MAX_PAGE}.")] = 100,
    ) -> Response:
        """A page of events that pass the filters, in (date, event_id) order, and the cursor of the next."""
        page = await db(request).run(reads.find_events, filters, after=after or None, limit=limit)
        return answer({"events": page.events, "next_cursor": page.next_cursor, "limit": limit})

    @app.get("/api/summary", tags=["events"])
    async def summary(request: Request) -> dict:
        """The first and last event dates, and the events counted up to 100,000 (``more`` when there are more)."""
        return await db(request).run(reads.summary_view)

    @app.get("/api/events/{event_id}", tags=["events"])
    async def one_event(request: Request, event_id: str) -> Response:
        """One event with the actor mentions in its evidence sentence."""
        event = await db(request).run(reads.event_view, event_id)
        if event is None:
            raise ApiError(404, f"no event {event_id!r}")
        return answer(event)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    async def one_article(request: Request, article_id: str) -> Response:
        """An article's text, its events, its actor mentions and the spans to highlight."""
        article = await db(request).run(reads.article_view, article_id)
        if article is None:
            raise ApiError(404, f"no article {article_id!r}")
        return answer(article)

    @app.get("/api/actors", tags=["actors"])
    async def actors(
        request: Request,
        prefix: Annotated[str, Query(pattern=CODE, description="Codes starting so.")] = "",
        unknown: Annotated[bool, Query(description="The names the coder could not code instead.")] = False,
    ) -> dict:
        """Actors by their events as source, busiest first (at most 500); or the unknown actors."""
        return {"actors": await db(request).run(reads.actors_view, prefix, unknown=unknown)}

    @app.get("/api/dyads", tags=["aggregates"])
    async def dyads(
        request: Request,
        source: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{1,12}$")],
        target: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{1,12}$")],
        freq: Literal["day", "week", "month"] = "week",
        directed: bool = True,
        count: Literal["events", "mentions"] = "events",
        since: Annotated[str, Query(pattern=f"^({ISO_DATE})?$")] = "",
        until: Annotated[str, Query(pattern=f"^({ISO_DATE})?$")] = "",
    ) -> Response:
        """A dyad's time series: per period, counts by QuadClass and CAMEO root, Goldstein, net cooperation."""
        series = await db(request).run(
            reads.dyad_view,
            source.upper(),
            target.upper(),
            freq=freq,
            directed=directed,
            count=count,
            since=since,
            until=until,
        )
        return answer({"source": source.upper(), "target": target.upper(), "freq": freq, "series": series})

    @app.get("/api/network", tags=["aggregates"])
    async def network(
        request: Request,
        since: Annotated[str, Query(pattern=f"^({ISO_DATE})?$")] = "",
        until: Annotated[str, Query(pattern=f"^({ISO_DATE})?$")] = "",
        level: Literal["actor", "country"] = "country",
        min_events: Annotated[int, Query(ge=1)] = 1,
        top: Annotated[int, Query(ge=1, le=2000, description="The heaviest edges kept.")] = 200,
    ) -> Response:
        """Who acts on whom: nodes and weighted edges with net cooperation."""
        graph = await db(request).run(reads.network_view, since=since, until=until, level=level, min_events=min_events)
        edges = graph["edges"][:top]
        kept = {edge["source"] for edge in edges} | {edge["target"] for edge in edges}
        return answer({"nodes": [node for node in graph["nodes"] if node["id"] in kept], "edges": edges})

    @app.get("/api/places", tags=["aggregates"])
    async def places(request: Request, filters: Filters) -> dict:
        """Events counted by place, with coordinates, the busiest 2,000 places."""
        return {"places": await db(request).run(reads.places_view, filters)}

    @app.get("/api/map/world", tags=["aggregates"])
    def world() -> JSONResponse:
        """Country outlines for the map (Natural Earth 1:110m, public domain), bundled."""
        return JSONResponse(world_outlines(), headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/codes", tags=["codes"])
    def codes() -> dict:
        """CAMEO roots and PLOVER types with their names, for filters."""
        return code_lists()

    @app.get("/api/export/{format}", tags=["exports"])
    async def export(
        request: Request, filters: Filters, format: Literal["csv", "jsonl", "parquet", "gdelt", "icews", "plover"]
    ):
        """Every event that passes the filters as a download: csv, jsonl and parquet hold every stored
        column; gdelt (GDELT 2.0 event table), icews and plover (PLOVER/POLECAT JSON lines) hold the
        events that happened."""
        return await db(request).run(export_download, filters, format)


@cache
def code_lists() -> dict:
    from ..events.cameo import Codebook

    codebook = Codebook.load()
    roots = [
        {"code": code, "name": entry.name.capitalize()} for code, entry in codebook.codes.items() if len(code) == 2
    ]
    plover = sorted({entry.plover_type for entry in codebook.codes.values() if entry.plover_type})
    quad = [{"code": 1, "name": "Verbal cooperation"}, {"code": 2, "name": "Material cooperation"}]
    quad += [{"code": 3, "name": "Verbal conflict"}, {"code": 4, "name": "Material conflict"}]
    return {"cameo_roots": roots, "plover_types": plover, "quad_classes": quad}


def _write_routes(app: FastAPI) -> None:
    def writer(request: Request) -> None:
        check_token(request, request.app.state.token)

    @app.post("/api/articles", tags=["articles"], status_code=201, dependencies=[Depends(writer)])
    async def post_articles(request: Request) -> JSONResponse:
        """Code stories and store them: a JSON object (or a list of them) with ``text`` and optional
        ``id``, ``title``, ``published``, ``url``, ``publisher``; or a multipart upload of a
        .txt, .jsonl or .csv file in the field ``file`` (with an optional ``published``)."""
        articles, failures = await _posted_articles(request)
        ingest: Ingest = request.app.state.ingest
        coded, coding_failures = await _in_thread(ingest.code, articles)
        saved = await db(request).run(_save, request.app.state.stores.write_lock, ingest, coded)
        status = 201 if saved else 400
        body = {"articles": saved, "errors": failures + coding_failures}
        if not saved:
            body |= {"error": "no story could be coded: " + "; ".join(body["errors"]), "status": 400}
        return JSONResponse(body, status_code=status)

    @app.post("/api/explain", tags=["articles"])
    def explain(
        request: Request,
        text: Annotated[str, Form(min_length=1, max_length=200_000)],
        published: Annotated[str, Form(pattern=f"^({ISO_DATE})?$")] = "",
    ) -> dict:
        """Code a text without storing it: its events, each with the rules that coded it, and its actors."""
        day = parse_date(published, origin="form field published") if published else None
        return request.app.state.ingest.explain(text, day)


async def _posted_articles(request: Request) -> tuple[list, list[str]]:
    """The stories of a POST: a JSON object or list, or an uploaded file."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError) as error:
            raise ApiError(400, f"request body: malformed JSON: {error}") from None
        records = body if isinstance(body, list) else [body]
        if not records or len(records) > 100:
            raise ApiError(400, "request body: send 1 to 100 stories at once")
        return [article_from_json(record) for record in records], []
    if kind == "multipart/form-data":
        async with request.form() as form:  # closing the form removes its spooled files
            upload, published = form.get("file"), form.get("published")
            if not isinstance(upload, UploadFileType):
                raise ApiError(400, "the upload needs a file in the field 'file'")
            data = await upload.read()
        day = published if isinstance(published, str) and published else None
        return articles_from_upload(upload.filename or "upload", data, day)
    raise ApiError(415, "send application/json or a multipart/form-data upload")


def _save(store: SQLStore, write_lock: threading.Lock, ingest: Ingest, coded: list) -> list[dict]:
    """Store coded stories, linked to earlier reports of their happenings, one writer at a time."""
    with write_lock:
        return ingest.store(store, coded)


async def _in_thread(function: Any, *args: Any) -> Any:
    return await run_in_threadpool(function, *args)


def _page_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=DASHBOARD), name="static")

    def page(name: str):
        def show() -> FileResponse:
            return FileResponse(DASHBOARD / name, media_type="text/html")

        return show

    for address, name in PAGES.items():
        app.get(address, include_in_schema=False)(page(name))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((DASHBOARD / "docs.html").read_text(encoding="utf-8"))
