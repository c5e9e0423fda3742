"""Errors the web app turns into HTTP responses: each carries its status."""

from __future__ import annotations

from whosaid.errors import WhosaidError


class WebError(WhosaidError):
    """An error shown to the client as-is, with an HTTP status."""

    status = 400


class BadParameterError(WebError):
    """A query or form parameter has a value the app cannot use."""

    status = 400

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name


class NotFoundError(WebError):
    """Nothing in the index has the id a URL names."""

    status = 404

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} with id {key!r} in the index")


class TooLargeError(WebError):
    """A request body or text over the server's limits."""

    status = 413


class UnsupportedUploadError(WebError):
    """An uploaded file of a type the app does not read."""

    status = 415


class WritingOffError(WebError):
    """The server was started without a token, so nothing can be written."""

    status = 403

    def __init__(self) -> None:
        super().__init__(
            "this server is read-only: writing is off unless it is started with "
            "whosaid serve --token TOKEN"
        )


class BadTokenError(WebError):
    """A write request without the right token."""

    status = 401

    def __init__(self) -> None:
        super().__init__(
            "a write needs the server's token: send 'Authorization: Bearer TOKEN'"
        )


class NoIndexError(WebError):
    """The quote index the server was started with does not exist (yet)."""

    status = 503

    def __init__(self, path: str) -> None:
        super().__init__(
            f"no quote index at {path}; build one with: whosaid ingest FILES --db {path}"
        )


class IndexUnusableError(WebError):
    """The file at the index path is not a whosaid index this version can read."""

    status = 503


class BusyError(WebError):
    """Extraction is saturated, or one request ran past its time limit (#19)."""

    status = 503


class ForbiddenRequestError(WebError):
    """A cross-site write or an unknown Host header (#19)."""

    status = 403
