"""The HTTP API: a FastAPI app over one store, built by `create_app` (importing it starts no server)."""

from marsad.api.app import create_app

__all__ = ["create_app"]
