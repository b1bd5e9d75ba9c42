"""What stands between a request and the store: body size, query parameters, the write token,
and errors as JSON."""

from __future__ import annotations

import hmac
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..errors import CommuniqueError

MAX_BODY = 5_000_000  # bytes a request body may hold: a long story is 200,000 characters, a JSONL upload more


class ApiError(HTTPException):
    """An error the API answers with: a status code and one clear message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Every error as {"error": message, "status": code}."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else json.dumps(error.detail)
        if error.status_code == 404 and message == "Not Found":
            message = f"no such address: {request.url.path}"
        if error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(error.status_code, message, getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "; ".join(_problem(item) for item in error.errors()))

    @app.exception_handler(CommuniqueError)
    async def bad_value(request: Request, error: CommuniqueError) -> JSONResponse:
        return error_response(400, str(error))


def _problem(item: Any) -> str:
    """One validation problem in words: 'query parameter limit: ...'."""
    where = [str(part) for part in item.get("loc", ())]
    place = f"{where[0]} parameter {'.'.join(where[1:])}" if len(where) > 1 else ".".join(where)
    return f"{place}: {item.get('msg', 'invalid')}"


async def reject_unknown_parameters(request: Request) -> None:
    """Refuse query parameters the route does not take: a typo ("sorce=KOR") must not
    silently return every event."""
    if not request.url.path.startswith("/api/"):
        return  # a dashboard page's query string is for its script to read
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        allowed = ", ".join(sorted(known)) or "none"
        raise ApiError(400, f"unknown query parameter {', '.join(unknown)} (this address takes: {allowed})")


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route takes, its own and its dependencies'."""
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


def check_token(request: Request, expected: str) -> None:
    """Let a write through only with the server's token, compared in constant time.

    The token comes as ``Authorization: Bearer TOKEN`` or ``X-Communique-Token: TOKEN``.
    """
    if not expected:
        raise ApiError(403, "writing is switched off: start the server with --token or COMMUNIQUE_TOKEN set")
    given = request.headers.get("x-communique-token", "")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        given = value.strip()
    if not given:
        raise ApiError(
            401, "writing needs the server's token (Authorization: Bearer TOKEN)", {"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(403, "wrong token")


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes with 413, whether the
    client declares the length or streams the body."""

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: dict, receive: Any, send: Any) -> None:
        response = error_response(413, f"the request body is larger than the limit of {self.limit:,} bytes")
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass
