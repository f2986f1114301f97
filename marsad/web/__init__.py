"""The web app: an offline, right-to-left single-page app (marsad/web/static) served beside the HTTP API."""

from marsad.web.app import STATIC, create_app, mount

__all__ = ["STATIC", "create_app", "mount"]
