"""The JSON API under `/api/`: the pages' data, plus extraction and writes.

Every error is `{"detail": "one-line message"}` with a 4xx status. Reads
never change the index; `POST /api/articles` needs the server's token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, UploadFile
from pydantic import BaseModel, Field

from whosaid.web.app import WebContext, get_context
from whosaid.web.tryit import article_from_file, article_from_text, run_extraction

router = APIRouter(prefix="/api")
Ctx = Annotated[WebContext, Depends(get_context)]


class ExtractRequest(BaseModel):
    """Text to extract quotes from; nothing is stored."""

    text: str = Field(description="The article's text (plain text).")
    title: str | None = Field(default=None, description="Optional headline.")


@router.post("/extract", tags=["extract"], summary="Extract quotes from a text")
def extract_text(body: ExtractRequest, ctx: Ctx) -> dict[str, Any]:
    """Run the engine on `text` and return its quote records; nothing is stored.

    A text over the server's character limit gets 413.
    """
    article = article_from_text(body.text, ctx=ctx, title=body.title)
    return run_extraction(article, ctx=ctx).to_json()


@router.post(
    "/extract/file", tags=["extract"], summary="Extract quotes from an uploaded file"
)
async def extract_file(
    file: Annotated[UploadFile, File(description="A .txt or .html article")], ctx: Ctx
) -> dict[str, Any]:
    """Read an uploaded .txt (UTF-8) or .html file and return its quote records."""
    from starlette.concurrency import run_in_threadpool

    data = await file.read()
    article = article_from_file(file.filename or "upload.txt", data, ctx=ctx)
    extraction = await run_in_threadpool(run_extraction, article, ctx=ctx)
    return extraction.to_json()
