"""The Voices page and its API: whose voices an index quotes (#15).

`/voices` draws the report twice, per outlet and per period, as stacked
share bars with a table beside each; every filter is a URL parameter, so a
view can be bookmarked and shared, and `/api/voices?format=csv` downloads
the same numbers. The data comes from `whosaid.voices.report`.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import URL

from whosaid.model import QUOTE_KINDS
from whosaid.voices.evidence import GENDERS
from whosaid.voices.report import (
    GROUPS,
    MEASURES,
    VoiceFilter,
    VoiceReport,
    VoicesError,
    voices_reports,
)
from whosaid.web.context import WebContext, get_context, read_index
from whosaid.web.errors import BadParameterError
from whosaid.web.voice_charts import share_bars

router = APIRouter()
Ctx = Annotated[WebContext, Depends(get_context)]
PERIODS = ("month", "week", "year")
MAX_TEXT = 200

Show = Annotated[
    str,
    Query(
        description="gender (named people's quotes), source (source types) or people."
    ),
]
Outlet = Annotated[
    str | None, Query(description='Outlet, exactly; "unknown outlet" for none.')
]
Since = Annotated[date | None, Query(description="First date, YYYY-MM-DD.")]
Until = Annotated[date | None, Query(description="Last date, YYYY-MM-DD.")]
Kind = Annotated[
    str | None,
    Query(description="statement (the default), belief, intention, ... or all."),
]
Type = Annotated[str | None, Query(description="direct, indirect or mixed.")]
Title = Annotated[str | None, Query(description="Words of the speaker's title.")]
Org = Annotated[str | None, Query(description="The speaker's organisation.")]
Topic = Annotated[str | None, Query(description="Words the quotes contain.")]


def _filters(
    outlet: str | None, since: date | None, until: date | None, kind: str | None,
    type: str | None, title: str | None, org: str | None, topic: str | None,
) -> VoiceFilter:  # fmt: skip
    for name, value in (
        ("outlet", outlet),
        ("title", title),
        ("org", org),
        ("topic", topic),
    ):
        if value and len(value) > MAX_TEXT:
            raise BadParameterError(name, f"is longer than {MAX_TEXT} characters")
    if kind and kind not in (*QUOTE_KINDS, "all"):
        raise BadParameterError(
            "kind", f"must be one of {', '.join(QUOTE_KINDS)} or all; got {kind!r}"
        )
    if type and type not in ("direct", "indirect", "mixed"):
        raise BadParameterError(
            "type", f"must be direct, indirect or mixed; got {type!r}"
        )
    return VoiceFilter(
        outlet=outlet or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        kind=kind or None,
        type=type or None,
        title=title or None,
        org=org or None,
        topic=topic or None,
    )


def _report(ctx: WebContext, by: str, show: str, filters: VoiceFilter) -> VoiceReport:
    return _reports(ctx, (by,), show, filters)[0]


def _reports(
    ctx: WebContext, bys: tuple[str, ...], show: str, filters: VoiceFilter
) -> list[VoiceReport]:
    """The page's reports, read together (a topic search is read once, #15)."""
    for by in bys:
        if by not in GROUPS:
            raise BadParameterError(
                "by", f"must be one of {', '.join(GROUPS)}; got {by!r}"
            )
    if show not in MEASURES:
        raise BadParameterError(
            "show", f"must be one of {', '.join(MEASURES)}; got {show!r}"
        )
    with read_index(ctx) as conn:
        try:
            return voices_reports(conn, bys=bys, measure=show, filters=filters)
        except VoicesError as err:
            raise BadParameterError("show", str(err)) from err


@router.get("/api/voices", tags=["index"], summary="Whose voices: counts and shares")
def api_voices(
    ctx: Ctx,
    by: Annotated[
        str, Query(description="outlet, month, week, year, kind, type, all.")
    ] = "outlet",
    show: Show = "gender",
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    type: Type = None,
    title: Title = None,
    org: Org = None,
    topic: Topic = None,
    format: Annotated[str, Query(description="json or csv.")] = "json",
) -> Any:
    """Count quotes by speaker gender or source type, or people mentioned and quoted.

    One group per `by` value, each with `counts` and `shares` per category;
    unknown outlets, dates and genders are categories of their own. With
    `format=csv`: one row per group and category.
    """
    filters = _filters(outlet, since, until, kind, type, title, org, topic)
    report = _report(ctx, by, show, filters)
    if format == "csv":
        return _csv(report, f"voices-{show}-by-{by}.csv")
    if format != "json":
        raise BadParameterError("format", f"must be json or csv; got {format!r}")
    return report.to_dict()


def _csv(report: VoiceReport, filename: str) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=["group", "category", "count", "share", "group_total"]
    )
    writer.writeheader()
    writer.writerows(report.rows())
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/voices", response_class=HTMLResponse, include_in_schema=False)
def voices_page(
    request: Request,
    ctx: Ctx,
    show: str = "gender",
    period: str = "month",
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    type: Type = None,
    title: Title = None,
    org: Org = None,
    topic: Topic = None,
) -> HTMLResponse:
    """Show whose voices are quoted, per outlet and per period."""
    if period not in PERIODS:
        raise BadParameterError(
            "period", f"must be month, week or year; got {period!r}"
        )
    filters = _filters(outlet, since, until, kind, type, title, org, topic)
    sections = [
        _section(dict(request.query_params), report)
        for report in _reports(ctx, ("outlet", period), show, filters)
    ]
    html = ctx.templates.get_template("voices.html").render(
        request=request,
        writable=ctx.token is not None,
        show=show,
        period=period,
        filters=filters,
        sections=sections,
        measures=MEASURES,
        periods=PERIODS,
        kinds=(*QUOTE_KINDS, "all"),
    )
    return HTMLResponse(html)


def _section(query: dict[str, str], report: VoiceReport) -> dict[str, Any]:
    """A chart, the table beside it and its CSV link, for one grouping."""
    what = {"gender": "Quotes by named people, by gender",
            "source": "Quotes by source type",
            "people": "People mentioned and quoted, by gender"}[report.measure]  # fmt: skip
    if report.measure == "people":
        rows = [
            (
                f"{group.group} \u00b7 {kind}",
                {g: group.counts[f"{kind} {g}"] for g in GENDERS},
            )
            for group in report.groups
            for kind in ("mentioned", "quoted")
        ]
        chart = share_bars(rows, GENDERS, label=f"{what}, per {report.by}")
    else:
        rows = [(group.group, group.counts) for group in report.groups]
        chart = share_bars(rows, report.categories, label=f"{what}, per {report.by}")
    params = {k: v for k, v in query.items() if k != "period" and v}
    params |= {"by": report.by, "show": report.measure, "format": "csv"}
    csv_url = URL("/api/voices").include_query_params(**params)
    return {
        "by": report.by,
        "title": f"{what}, per {report.by}",
        "chart": chart,
        "report": report,
        "overall": report.overall,
        "csv_url": str(csv_url),
    }
