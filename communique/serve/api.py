"""The HTTP API and the dashboard, one FastAPI application over one store.

    from communique.serve import create_app
    app = create_app("sqlite:///communique.db", token="s3cret")   # run with uvicorn

Reading is open; writing (``POST /api/articles``) needs the token. Every list is a
page or a bounded aggregate, so answers stay fast on millions of events.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as UploadFileType

from .. import __version__
from ..query import MAX_PAGE
from ..sources import parse_date
from ..store import EventFilter
from . import reads
from .cache import CACHE_BYTES, CachedReads, ResponseCache
from .downloads import export_download
from .guards import ApiError, BodyLimit, check_token, install_error_handlers, reject_unknown_parameters
from .ingest import Ingest, article_from_json, articles_from_upload
from .outlines import world_outlines
from .stores import Stores

DASHBOARD = Path(__file__).parent / "dashboard"
PAGES = {  # address: (the page's own part and script in dashboard/, its title)
    "/": ("events", "Events"),
    "/dyads": ("dyads", "Dyads"),
    "/network": ("network", "Network"),
    "/map": ("map", "Map"),
    "/ingest": ("ingest", "Ingest"),
    "/docs": ("docs", "API reference"),
}


def create_app(
    db: str = "sqlite:///communique.db",
    *,
    token: str = "",
    ingest: Ingest | None = None,
    cache_bytes: int = CACHE_BYTES,
) -> FastAPI:
    """The service's FastAPI application.

    db: the database URL, as ``communique code --db`` takes it.
    token: the token writing needs; empty switches writing off.
    ingest: what codes posted stories (an Ingest holding a loaded Coder, to share one);
        None makes one that loads the Coder on the first story.
    cache_bytes: memory for answers to reads kept until the database changes (see
        ``serve.cache``); 0 keeps none.
    """
    stores = Stores(db)
    cache = ResponseCache(cache_bytes)

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
    app.state.cache = cache
    app.add_middleware(BodyLimit)
    app.add_middleware(CachedReads, cache=cache, version=stores.data_version)  # added last: runs first
    install_error_handlers(app)
    _read_routes(app)
    _write_routes(app)
    _page_routes(app)
    return app


def app_from_environment() -> FastAPI:
    """The application ``communique serve --workers N`` starts in each of its processes.

    uvicorn starts worker processes by importing an application factory, so the command hands
    its options over in the environment: COMMUNIQUE_DB, COMMUNIQUE_TOKEN, COMMUNIQUE_CACHE_MB.
    """
    megabytes = int(os.environ.get("COMMUNIQUE_CACHE_MB", str(CACHE_BYTES >> 20)))
    return create_app(
        os.environ.get("COMMUNIQUE_DB", "sqlite:///communique.db"),
        token=os.environ.get("COMMUNIQUE_TOKEN", ""),
        cache_bytes=megabytes << 20,
    )


def answer(body: dict) -> Response:
    """A JSON answer written by orjson: the rows are plain already, and FastAPI's own encoder,
    which walks every value, would triple the time of a page of events (the json module double it)."""
    return Response(orjson.dumps(body), media_type="application/json")


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
        page = await db(request).read(reads.find_events_json, filters, after=after or None, limit=limit)
        # The events come as JSON already (written by the database); only the frame is added here.
        tail = orjson.dumps({"next_cursor": page.next_cursor, "limit": limit})
        return Response(b'{"events":' + page.json().encode("utf-8") + b"," + tail[1:], media_type="application/json")

    @app.get("/api/summary", tags=["events"])
    async def summary(request: Request) -> dict:
        """The first and last event dates, and the events counted up to 100,000 (``more`` when there are more)."""
        return await db(request).read(reads.summary_view)

    @app.get("/api/events/{event_id}", tags=["events"])
    async def one_event(request: Request, event_id: str) -> Response:
        """One event with the actor mentions in its evidence sentence."""
        event = await db(request).read(reads.event_view, event_id)
        if event is None:
            raise ApiError(404, f"no event {event_id!r}")
        return answer(event)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    async def one_article(request: Request, article_id: str) -> Response:
        """An article's text, its events, its actor mentions and the spans to highlight."""
        article = await db(request).read(reads.article_view, article_id)
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
        return {"actors": await db(request).read(reads.actors_view, prefix, unknown=unknown)}

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
        series = await db(request).read(
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
        graph = await db(request).read(reads.network_view, since=since, until=until, level=level, min_events=min_events)
        edges = graph["edges"][:top]
        kept = {edge["source"] for edge in edges} | {edge["target"] for edge in edges}
        return answer({"nodes": [node for node in graph["nodes"] if node["id"] in kept], "edges": edges})

    @app.get("/api/places", tags=["aggregates"])
    async def places(request: Request, filters: Filters) -> dict:
        """Events counted by place, with coordinates, the busiest 2,000 places."""
        return {"places": await db(request).read(reads.places_view, filters)}

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
        return await db(request).read(export_download, filters, format)


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
        saved = await db(request).write(ingest.store, coded)  # linked and stored in the one writing thread
        request.app.state.cache.clear()  # the data version tells too; this is at once, and for any store
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


async def _in_thread(function: Any, *args: Any) -> Any:
    return await run_in_threadpool(function, *args)


def _page_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=DASHBOARD), name="static")
    for address, (name, title) in PAGES.items():
        app.get(address, include_in_schema=False, response_class=HTMLResponse)(_page(dashboard_page(name, title)))


def dashboard_page(name: str, title: str) -> str:
    """A dashboard page: its own part (``dashboard/NAME.html``) inside the layout every page
    shares (``dashboard/layout.html``: head, stylesheet, navigation), with its script ``NAME.js``."""
    layout = (DASHBOARD / "layout.html").read_text(encoding="utf-8")
    own = (DASHBOARD / f"{name}.html").read_text(encoding="utf-8")
    return layout.replace("{{title}}", title).replace("{{page}}", name).replace("{{main}}", own)


def _page(html: str):
    def show() -> HTMLResponse:
        return HTMLResponse(html)

    return show
