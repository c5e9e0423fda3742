"""The HTML pages: server-rendered, readable without JavaScript."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse

from whosaid.web.app import WebContext, get_context
from whosaid.web.errors import BadParameterError, WebError
from whosaid.web.tryit import article_from_file, article_from_text, run_extraction

router = APIRouter(include_in_schema=False)
Ctx = Annotated[WebContext, Depends(get_context)]


def render(
    request: Request, ctx: WebContext, name: str, status: int = 200, **values: Any
) -> HTMLResponse:
    """Render template `name` with `values`."""
    html = ctx.templates.get_template(name).render(
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
) -> HTMLResponse:
    """Extract the pasted text (or the uploaded file) and show its quotes."""
    from starlette.concurrency import run_in_threadpool

    try:
        if file is not None and file.filename:
            article = article_from_file(file.filename, await file.read(), ctx=ctx)
        elif text.strip():
            article = article_from_text(text, ctx=ctx)
        else:
            raise BadParameterError(
                "text", "is empty; paste an article's text or choose a file"
            )
        extraction = await run_in_threadpool(run_extraction, article, ctx=ctx)
    except WebError as err:
        return _try_form(request, ctx, text=text, error=str(err), status=err.status)
    return _try_form(request, ctx, text=text, extraction=extraction)


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
