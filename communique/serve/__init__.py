"""The service: an HTTP API and a dashboard over a store (``communique serve``)."""

from __future__ import annotations

from .api import create_app

__all__ = ["create_app"]
