"""The web app and JSON API over a quote index (needs the `[web]` extra)."""

from __future__ import annotations

from whosaid.web.app import create_app

__all__ = ["create_app"]
