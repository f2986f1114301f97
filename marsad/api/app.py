"""The FastAPI application: one store, JSON errors, and the routes of `marsad.api.routes`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad import __version__
from marsad.api.params import ParamError
from marsad.service import open_store
from marsad.store.search import QueryError


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _validation_message(err: RequestValidationError) -> str:
    """Return the first validation problem as «name: what is wrong» (one line)."""
    first = err.errors()[0] if err.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    msg = first.get("msg", "invalid request")
    return f"{'.'.join(loc)}: {msg}" if loc else msg


def create_app(store_url: str, token: str | None = None) -> FastAPI:
    """Return the Marsad API over the store at `store_url`; corrections (POST) need `token` and are refused
    with 403 when it is None.

    Raises MarsadError (one line) when the store cannot be opened.
    """
    from marsad.api.counts import router as counts
    from marsad.api.routes import router

    app = FastAPI(title="Marsad API", version=__version__,
                  description="Evidence-backed event data from Arabic news: documents, events, actors, stories, "
                              "timelines and Arabic-aware search. Errors are JSON: {\"error\": \"...\"}.",
                  # the interactive /docs and /redoc pages load their scripts from a CDN: an offline laptop
                  # could not open them, so the schema is served as /openapi.json only
                  docs_url=None, redoc_url=None, lifespan=_lifespan)
    app.state.store = open_store(store_url)
    app.state.token = token or None
    app.include_router(router, prefix="/api")
    app.include_router(counts, prefix="/api")

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, err: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(err))

    @app.exception_handler(ParamError)
    async def _bad_param(_: Request, err: ParamError) -> JSONResponse:
        return _error(422, str(err))

    @app.exception_handler(QueryError)
    async def _bad_query(_: Request, err: QueryError) -> JSONResponse:
        return _error(422, f"q: {err}")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException) -> JSONResponse:
        message = err.detail if err.status_code != 404 or err.detail != "Not Found" else \
            f"not found: {request.url.path}"
        return JSONResponse({"error": str(message)}, status_code=err.status_code, headers=err.headers)

    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.store.close()
