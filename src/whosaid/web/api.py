"""The JSON API under `/api/`: the pages' data, plus extraction and writes.

Every error is `{"detail": "one-line message"}` with a 4xx status (503 when
the server has no index). Reads never change the index; `POST /api/articles`
needs the server's token. List endpoints page with an opaque `cursor`: pass
the `next_cursor` of one answer to get the next page.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Header, Path, Query, UploadFile
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from whosaid.model import Article
from whosaid.web import queries
from whosaid.web.context import WebContext, get_context, read_index
from whosaid.web.errors import BadParameterError
from whosaid.web.params import RowId, decode_cursor, encode_cursor, search_filters
from whosaid.web.queries import SearchFilters
from whosaid.web.tryit import article_from_file, article_from_text, run_extraction

router = APIRouter(prefix="/api")
Ctx = Annotated[WebContext, Depends(get_context)]
Limit = Annotated[int, Query(ge=1, le=100, description="Items per page (1-100).")]
Cursor = Annotated[
    str | None, Query(description="`next_cursor` from the previous page.")
]


def _next(has_more: bool, offset: int, limit: int) -> str | None:
    return encode_cursor(offset + limit) if has_more else None


Q = Annotated[
    str | None, Query(description='Words (all must occur), "a phrase", or a prefix*.')
]
Speaker = Annotated[str | None, Query(description="Speaker name, a surname, or #ID.")]
Outlet = Annotated[str | None, Query(description="Outlet, exactly.")]
Since = Annotated[date | None, Query(description="First date, YYYY-MM-DD.")]
Until = Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")]
Type = Annotated[str | None, Query(description="direct, indirect or mixed.")]
Kind = Annotated[
    str | None,
    Query(
        description="statement (default), belief, intention, evaluation, other, all."
    ),
]
Stance = Annotated[
    str | None,
    Query(description="Stance of the cue: neutral, assertive, distancing, conceding."),
]
MinConfidence = Annotated[
    float | None,
    Query(
        description="Keep quotes with at least this confidence (0-1); see /confidence."
    ),
]
Sort = Annotated[
    str | None,
    Query(
        description="relevance (default with q), date (newest first, default "
        "without q) or confidence (highest first)."
    ),
]


def quote_filters(
    q: Q = None,
    speaker: Speaker = None,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    type: Type = None,
    kind: Kind = None,
    stance: Stance = None,
    min_confidence: MinConfidence = None,
    sort: Sort = None,
) -> SearchFilters:
    """Read the search parameters shared by `/api/quotes` and its downloads."""
    return search_filters(
        q=q, speaker=speaker, outlet=outlet, since=since, until=until, type=type,
        kind=kind, stance=stance, min_confidence=min_confidence, sort=sort,
    )  # fmt: skip


Filters = Annotated[SearchFilters, Depends(quote_filters)]


@router.get("/quotes", tags=["index"], summary="Search quotes")
def api_quotes(
    ctx: Ctx, filters: Filters, limit: Limit = 20, cursor: Cursor = None
) -> dict[str, Any]:
    """Search quote content (ranked when `q` is given, else newest first) with filters.

    Each quote carries its speaker, cue, outlet, date, confidence, article and
    `also_outlets`: how many other outlets carried the same quote. `total`
    counts the matches exactly up to 1,000; beyond that, or when counting
    stopped early, `total_exact` is false and `total` is a lower bound.
    With `speaker`, `speaker_chosen` is the speaker it was taken to mean
    ({id, name, quotes}; null if none) and `did_you_mean` the others it may
    mean, most quoted first.
    """
    with read_index(ctx) as conn:
        offset = decode_cursor(cursor)
        page = queries.search_quotes(conn, filters, limit=limit, offset=offset)
        return {
            "quotes": page.quotes,
            "total": page.total,
            "total_exact": page.total_exact,
            "next_cursor": _next(page.has_more, offset, limit),
            **queries.speaker_hint(conn, filters.speaker),
        }


@router.get(
    "/quotes.{fmt}", tags=["index"], summary="Download a search as CSV or JSON lines"
)
def api_quotes_download(
    ctx: Ctx,
    fmt: Annotated[
        Literal["csv", "jsonl"], Path(description="csv, or jsonl for JSON lines.")
    ],
    filters: Filters,
) -> StreamingResponse:
    """Stream every quote of a search (the parameters of `/api/quotes`), in its order.

    At most the server's `web_export_max` quotes (100,000 by default).
    """
    from whosaid.web.downloads import stream_quotes

    return stream_quotes(ctx, filters, fmt)


@router.get("/home", tags=["index"], summary="The home page's lists")
def api_home(ctx: Ctx) -> dict[str, Any]:
    """Return the latest quotes across outlets (two articles per outlet at most),
    the most-quoted speakers of the 30 days and the most-repeated quotes of the
    7 days up to the newest article, and the index's date range."""
    with read_index(ctx) as conn:
        glance: dict[str, Any] = ctx.cache.get(
            "glance", ctx.db_path, lambda: queries.get_glance(conn)
        )
        return glance


@router.get("/speakers", tags=["index"], summary="List speakers")
def api_speakers(
    ctx: Ctx,
    name: Annotated[
        str | None, Query(max_length=200, description="Part of a name.")
    ] = None,
    kind: Annotated[
        str | None,
        Query(description="Count only quotes of this kind (statement, belief, ...)."),
    ] = None,
    outlet: Annotated[str | None, Query(description="Count only this outlet.")] = None,
    since: Annotated[date | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """List speakers by number of quotes, every kind counted unless `kind` says.

    `name` filters by part of the name; `kind`, `outlet`, `since` and `until`
    count only the matching quotes (they cannot be combined with `name`).
    With `name`, `speaker_chosen` is the speaker a search filter by that name
    would use (names, aliases and surnames count; null if none) and
    `did_you_mean` the others it may mean.
    """
    with read_index(ctx) as conn:
        offset = decode_cursor(cursor)
        filters = search_filters(
            outlet=outlet, since=since, until=until, kind=kind or "all"
        )
        if filters.kind == "all" and not (outlet or since or until):
            speakers, has_more = queries.list_speakers(
                conn, name=(name or "").strip(), limit=limit, offset=offset
            )
        elif name:
            raise BadParameterError(
                "name", "cannot be combined with kind, outlet, since or until"
            )
        else:
            speakers, has_more = queries.list_speakers_quoted(
                conn, filters, limit=limit, offset=offset
            )
        return {
            "speakers": speakers,
            "next_cursor": _next(has_more, offset, limit),
            **queries.speaker_hint(conn, name),
        }


@router.get("/speakers/{speaker_id}", tags=["index"], summary="One speaker")
def api_speaker(ctx: Ctx, speaker_id: RowId) -> dict[str, Any]:
    """Return a speaker's titles and organisations over time, quotes per week or
    month (`timeline`), most-repeated quotes and top outlets."""
    with read_index(ctx) as conn:
        speaker = queries.get_speaker(conn, speaker_id)
        speaker["timeline"] = [
            {"period": period, "quotes": count} for period, count in speaker["timeline"]
        ]
        return speaker


@router.get("/articles", tags=["index"], summary="List articles")
def api_articles(
    ctx: Ctx,
    outlet: Annotated[
        str | None, Query(max_length=500, description="Outlet, exactly.")
    ] = None,
    since: Annotated[date | None, Query(description="First date, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")] = None,
    limit: Limit = 20,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """List articles newest first (without their text)."""
    with read_index(ctx) as conn:
        filters = search_filters(outlet=outlet, since=since, until=until)
        offset = decode_cursor(cursor)
        articles, has_more = queries.list_articles(
            conn,
            outlet=filters.outlet or None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            limit=limit,
            offset=offset,
        )
        return {"articles": articles, "next_cursor": _next(has_more, offset, limit)}


@router.get("/articles/{doc_id:path}", tags=["index"], summary="One article")
def api_article(ctx: Ctx, doc_id: str) -> dict[str, Any]:
    """Return an article's text and its quote records (offsets into the text)."""
    with read_index(ctx) as conn:
        article = queries.get_article(conn, doc_id)
        quotes = article.pop("quotes")
        extra = article.pop("quote_rows")
        article.pop("id", None)
        article["quotes"] = [
            {**quote.to_record(), **row}
            for quote, row in zip(quotes, extra, strict=True)
        ]
        return article


@router.get("/clusters", tags=["index"], summary="Most-repeated quotes")
def api_clusters(
    ctx: Ctx,
    since: Annotated[
        date | None,
        Query(description="Only quotes still carried on or after this date."),
    ] = None,
    sort: Annotated[
        str,
        Query(
            description="spread (most outlets, then articles) or recent "
            "(last printed first)."
        ),
    ] = "spread",
    limit: Limit = 20,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """List quotes carried by more than one article, with who printed each first."""
    with read_index(ctx) as conn:
        offset = decode_cursor(cursor)
        clusters, has_more = queries.list_clusters(
            conn,
            since=since.isoformat() if since else None,
            sort=sort,
            limit=limit,
            offset=offset,
        )
        return {"clusters": clusters, "next_cursor": _next(has_more, offset, limit)}


@router.get("/clusters/{cluster_id}", tags=["index"], summary="One repeated quote")
def api_cluster(ctx: Ctx, cluster_id: RowId) -> dict[str, Any]:
    """Return a quote cluster: every article that carried it, earliest first."""
    with read_index(ctx) as conn:
        cluster = queries.get_cluster(conn, cluster_id)
        return cluster


@router.get("/overview", tags=["index"], summary="Counts and top lists")
def api_overview(ctx: Ctx) -> dict[str, Any]:
    """Return counts, top speakers, top outlets and quotes over time."""
    with read_index(ctx) as conn:
        overview = ctx.overview(conn)
        overview["timeline"] = [
            {"period": period, "quotes": count}
            for period, count in overview["timeline"]
        ]
        return overview


class ExtractRequest(BaseModel):
    """Text to extract quotes from; nothing is stored."""

    text: str = Field(description="The article's text (plain text).")
    title: str | None = Field(default=None, description="Optional headline.")


@router.post("/extract", tags=["extract"], summary="Extract quotes from a text")
async def api_extract(body: ExtractRequest, ctx: Ctx) -> dict[str, Any]:
    """Run the engine on `text` and return its quote records; nothing is stored.

    A text over the server's character limit gets 413; 503 when the server is
    busy extracting or the extraction ran past its time limit.
    """
    article = article_from_text(body.text, ctx=ctx, title=body.title)
    return (await run_extraction(article, ctx=ctx)).to_json()


@router.post(
    "/extract/file", tags=["extract"], summary="Extract quotes from an uploaded file"
)
async def api_extract_file(
    file: Annotated[UploadFile, File(description="A .txt or .html article")], ctx: Ctx
) -> dict[str, Any]:
    """Read an uploaded .txt (UTF-8) or .html file and return its quote records."""
    data = await file.read()
    article = article_from_file(file.filename or "upload.txt", data, ctx=ctx)
    return (await run_extraction(article, ctx=ctx)).to_json()


class NewArticle(BaseModel):
    """An article to add to the index."""

    id: str = Field(min_length=1, max_length=200, description="Unique article id.")
    text: str = Field(description="The article's text.")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=64, description="ISO date.")


@router.post(
    "/articles",
    tags=["write"],
    summary="Add an article (needs the server's token)",
    status_code=201,
)
async def api_add_article(
    body: NewArticle,
    ctx: Ctx,
    authorization: Annotated[
        str | None,
        Header(description="Bearer TOKEN, the token the server was started with."),
    ] = None,
) -> JSONResponse:
    """Extract the article's quotes and store both in the index.

    403 when the server was started without `--token`; 401 without the right
    token. 201 when added, 200 when the index already held it.
    """
    from starlette.concurrency import run_in_threadpool

    from whosaid.web.extraction import check_text, check_unicode
    from whosaid.web.writes import bearer_token, check_token, store_result

    check_token(ctx, bearer_token(authorization))
    check_text(body.text, name="text", max_chars=ctx.limits.max_text_chars)
    for name in ("id", "title", "url", "outlet", "published"):
        check_unicode(getattr(body, name), name=name)
    article = Article(
        id=body.id,
        text=body.text,
        title=body.title,
        url=body.url,
        outlet=body.outlet,
        published=body.published,
        source="web",
    )
    result = await ctx.pool.run(article)
    stored = await run_in_threadpool(store_result, ctx, result)
    return JSONResponse(stored, status_code=201 if stored["added"] else 200)
