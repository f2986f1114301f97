"""Serve the web app from the API's process: `/` the page, `/static/` its files (all shipped in the package: no
request leaves the machine), `/api/` the JSON it reads."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
# the page may load and fetch only from its own origin: a browser refuses anything else, so the app cannot
# reach outside even through a link in article text
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def mount(app: FastAPI) -> FastAPI:
    """Add the web app to an API app (`/` and `/static/`); return the app."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": CSP,
                                                            "Cache-Control": "no-cache"})

    return app


def create_app(store_url: str, token: str | None = None) -> FastAPI:
    """Return the API over the store at `store_url` (`marsad.api.create_app`) with the web app at `/`.

    Raises MarsadError (one line) when the store cannot be opened.
    """
    from marsad.api import create_app as api_app

    return mount(api_app(store_url, token))
