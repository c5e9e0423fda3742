"""The HTML pages: server-rendered, readable without JavaScript."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from whosaid import settings
from whosaid.store.browse import list_outlet_names
from whosaid.store.matching import match_speaker
from whosaid.web import queries
from whosaid.web.charts import bar_chart
from whosaid.web.context import WebContext, get_context, read_index
from whosaid.web.errors import BadParameterError, WebError
from whosaid.web.highlight import render_marked_text, render_wording_diff
from whosaid.web.params import (
    RowId,
    parse_confidence,
    parse_date,
    search_filters,
)
from whosaid.web.tryit import article_from_file, article_from_text, run_extraction

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(get_context)]
Page = Annotated[int, Query(ge=1, le=10_000)]


def render(
    request: Request, ctx: WebContext, template: str, status: int = 200, **values: Any
) -> HTMLResponse:
    """Render `template` with `values`."""
    html = ctx.templates.get_template(template).render(
        request=request, writable=ctx.token is not None, **values
    )
    return HTMLResponse(html, status_code=status)


@router.get("/try", response_class=HTMLResponse)
def try_page(request: Request, ctx: Ctx) -> HTMLResponse:
    """Show the "Try it" form."""
    return _try_form(request, ctx)


@router.post("/try", response_class=HTMLResponse)
async def try_submit(
    request: Request,
    ctx: Ctx,
    text: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    store: Annotated[bool, Form()] = False,
    token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Extract the pasted text (or the uploaded file) and show its quotes.

    With `store` ticked and the server's token, the article is added to the
    index too.
    """
    from starlette.concurrency import run_in_threadpool

    from whosaid.web.writes import check_token, store_result

    try:
        if file is not None and file.filename:
            article = article_from_file(file.filename, await file.read(), ctx=ctx)
        elif text.strip():
            article = article_from_text(text, ctx=ctx)
        else:
            raise BadParameterError(
                "text", "is empty; paste an article's text or choose a file"
            )
        if store:
            check_token(ctx, token)
        extraction = await run_extraction(article, ctx=ctx)
        stored = None
        if store:
            stored = await run_in_threadpool(store_result, ctx, extraction.result)
    except WebError as err:
        return _try_form(request, ctx, text=text, error=str(err), status=err.status)
    return _try_form(request, ctx, text=text, extraction=extraction, stored=stored)


def _try_form(
    request: Request,
    ctx: WebContext,
    *,
    text: str = "",
    status: int = 200,
    **values: Any,
) -> HTMLResponse:
    return render(
        request,
        ctx,
        "try.html",
        status,
        title="Try it",
        text=text,
        max_chars=ctx.limits.max_text_chars,
        **values,
    )


SEARCH_FIELDS = (
    "q", "speaker", "outlet", "since", "until", "type", "kind", "stance",
    "min_confidence", "sort",
)  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    ctx: Ctx,
    q: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    min_confidence: str | None = None,
    sort: str | None = None,
    page: Page = 1,
) -> HTMLResponse:
    """Search quotes; statements only unless another kind is chosen (#8).

    Without any search parameter this is the home page: the latest quotes
    across outlets, this month's most-quoted speakers and this week's
    most-repeated quotes (#17).
    """
    values = {
        "q": q, "speaker": speaker, "outlet": outlet, "since": since,
        "until": until, "type": type, "kind": kind, "stance": stance,
        "min_confidence": min_confidence, "sort": sort,
    }  # fmt: skip
    form = {name: (value or "").strip() for name, value in values.items()}
    form["kind"] = form["kind"] or "statement"
    with read_index(ctx) as conn:
        # Whole-index answers are kept until the index changes (app.IndexCache).
        outlets = ctx.cache.get("outlets", ctx.db_path, lambda: list_outlet_names(conn))
        if not any(request.query_params.get(name) for name in (*SEARCH_FIELDS, "page")):
            glance = ctx.cache.get(
                "glance", ctx.db_path, lambda: queries.get_glance(conn)
            )
            return render(
                request, ctx, "home.html", title="Who said what", form=form,
                outlets=outlets, glance=glance, nav="search",
            )  # fmt: skip
        try:
            filters = search_filters(
                q=q,
                speaker=speaker,
                outlet=outlet,
                since=parse_date("since", since),
                until=parse_date("until", until),
                type=type,
                kind=kind,
                stance=stance,
                min_confidence=parse_confidence(min_confidence),
                sort=sort,
            )
            size = ctx.limits.page_size
            results = queries.search_quotes(
                conn, filters, limit=size, offset=(page - 1) * size
            )
        except WebError as err:
            return render(
                request, ctx, "search.html", err.status, title="Search", form=form,
                outlets=outlets, error=str(err),
            )  # fmt: skip
        query = urlencode([(name, value) for name, value in form.items() if value])
        # "Did you mean": the other speakers a name may be (#14).
        speaker_match = match_speaker(conn, speaker) if speaker else None
        return render(
            request,
            ctx,
            "search.html",
            title=f"Search: {q}" if q else "Search",
            form=form,
            results=results,
            page=page,
            outlets=outlets,
            query=query,
            export_max=int(settings.get("web_export_max")),
            speaker_match=speaker_match,
        )


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(
    request: Request, ctx: Ctx, name: str | None = None, page: Page = 1
) -> HTMLResponse:
    """List speakers by number of quotes."""
    with read_index(ctx) as conn:
        size = ctx.limits.page_size * 2
        speakers, has_more = queries.list_speakers(
            conn, name=(name or "").strip()[:200], limit=size, offset=(page - 1) * size
        )
        return render(
            request,
            ctx,
            "speakers.html",
            title="Speakers",
            speakers=speakers,
            name=name or "",
            page=page,
            has_more=has_more,
        )


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(
    request: Request,
    ctx: Ctx,
    speaker_id: RowId,
) -> HTMLResponse:
    """One speaker: titles over time, quotes per period, repeated quotes, outlets."""
    with read_index(ctx) as conn:
        speaker = queries.get_speaker(conn, speaker_id)
        chart = bar_chart(
            speaker["timeline"],
            label=f"Quotes by {speaker['name']} per {speaker['period']}",
        )
        return render(
            request,
            ctx,
            "speaker.html",
            title=speaker["name"],
            speaker=speaker,
            chart=chart,
            recent=speaker["recent"],
        )


@router.get("/articles", response_class=HTMLResponse)
@router.get("/articles/", response_class=HTMLResponse)
def articles_page(
    request: Request,
    ctx: Ctx,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: Page = 1,
) -> HTMLResponse:
    """Articles newest first, by outlet and date, with their quote counts (#17)."""
    form = {"outlet": outlet or "", "since": since or "", "until": until or ""}
    with read_index(ctx) as conn:
        outlets = ctx.cache.get("outlets", ctx.db_path, lambda: list_outlet_names(conn))
        values: dict[str, Any] = {"articles": [], "has_more": False}
        try:
            filters = search_filters(
                outlet=outlet,
                since=parse_date("since", since),
                until=parse_date("until", until),
            )
            size = ctx.limits.page_size * 2
            values["articles"], values["has_more"] = queries.list_articles(
                conn,
                outlet=filters.outlet or None,
                since=filters.since.isoformat() if filters.since else None,
                until=filters.until.isoformat() if filters.until else None,
                limit=size,
                offset=(page - 1) * size,
            )
            status, values["error"] = 200, None
        except WebError as err:
            status, values["error"] = err.status, str(err)
        return render(
            request, ctx, "articles.html", status, title="Articles", form=form,
            outlets=outlets, page=page, **values,
            query=urlencode([(k, v) for k, v in form.items() if v]),
        )  # fmt: skip


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(
    request: Request, ctx: Ctx, sort: str = "spread", page: Page = 1
) -> HTMLResponse:
    """Repeated quotes by spread (outlets, articles) or by recency (#17)."""
    with read_index(ctx) as conn:
        size = ctx.limits.page_size
        clusters, has_more = queries.list_clusters(
            conn, since=None, sort=sort, limit=size, offset=(page - 1) * size
        )
        return render(
            request, ctx, "clusters.html", title="Repeated quotes",
            clusters=clusters, has_more=has_more, page=page, sort=sort,
        )  # fmt: skip


@router.get("/confidence", response_class=HTMLResponse)
def confidence_page(request: Request, ctx: Ctx) -> HTMLResponse:
    """What a quote's confidence means and how it was measured (#17)."""
    return render(request, ctx, "confidence.html", title="What confidence means")


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse)
def article_page(request: Request, ctx: Ctx, doc_id: str) -> HTMLResponse:
    """An article with every quote marked, and its attributions beside it."""
    with read_index(ctx) as conn:
        article = queries.get_article(conn, doc_id)
        return render(
            request,
            ctx,
            "article.html",
            title=article["title"] or doc_id,
            article=article,
            marked=render_marked_text(article["text"], article["quotes"]),
            quotes=article["quotes"],
            anchors=[row["id"] for row in article["quote_rows"]],
        )


CLUSTER_PAGE_ROWS = 500


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(
    request: Request,
    ctx: Ctx,
    cluster_id: RowId,
) -> HTMLResponse:
    """A repeated quote: the articles that carried it, earliest first.

    The earliest `CLUSTER_PAGE_ROWS` only: a soundbite printed by 20,000
    articles would make a page nobody reads in seconds (#17).
    """
    with read_index(ctx) as conn:
        cluster = queries.get_cluster(conn, cluster_id, limit=CLUSTER_PAGE_ROWS)
        appearances = cluster["appearances"]
        base = appearances[0]["content"] if appearances else cluster["text"]
        for appearance in appearances:
            appearance["diff"] = render_wording_diff(base, appearance["content"])
        return render(
            request, ctx, "cluster.html", title="Repeated quote", cluster=cluster
        )


@router.get("/overview", response_class=HTMLResponse)
def overview_page(request: Request, ctx: Ctx) -> HTMLResponse:
    """Counts, top speakers, top outlets and quotes over time."""
    with read_index(ctx) as conn:
        overview = ctx.overview(conn)
        chart = bar_chart(
            overview["timeline"], label=f"Quotes per {overview['period']}"
        )
        return render(
            request,
            ctx,
            "overview.html",
            title="Overview",
            overview=overview,
            chart=chart,
        )


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs_page(request: Request, ctx: Ctx) -> HTMLResponse:
    """Describe the JSON API from its OpenAPI document, with no external assets."""
    spec = request.app.openapi()
    return render(request, ctx, "api_docs.html", title="API", spec=spec)
