"""Build WARC files of made-up news pages for tests and benchmarks.

Every page here is written by this module (no text is copied from the web):
news articles with the boilerplate a real site has (navigation, a related-links
box, a footer), quotes of each kind, and bylines and dates in the places
trafilatura looks for them. `write_warc` adds the records a real crawl holds
besides articles: requests, metadata, images, PDFs, a 404, a French page, a
page with no article body and a second capture of the same URL. With
`truncate=True` the last gzip member is cut off halfway, as a download that
broke off would be.

Run it to make a benchmark input:  python tests/warcgen.py out.warc.gz 500
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTLETS = (
    ("The Harbour Ledger", "harbourledger.example"),
    ("Valley Courier", "valleycourier.example"),
    ("Northern Daily Post", "northerndaily.example"),
)
PEOPLE = (
    ("Maria Okafor", "Okafor", "she", "the finance minister"),
    ("Daniel Reyes", "Reyes", "he", "the mayor"),
    ("Priya Natarajan", "Natarajan", "she", "a spokeswoman for the port authority"),
    ("Tomas Lindqvist", "Lindqvist", "he", "the union's regional secretary"),
    ("Grace Mbeki", "Mbeki", "she", "the council's budget chair"),
    ("Henry Caldwell", "Caldwell", "he", "a professor of economics"),
)
TOPICS = (
    ("the harbour expansion", "the new container terminal", "dredging costs"),
    ("the transit budget", "the night bus routes", "fare increases"),
    ("the school repairs", "the leaking roofs", "the repair fund"),
    ("the water tariff", "the treatment plant", "household bills"),
)
OPENERS = (
    "Officials met on {day} to discuss {topic}, after weeks of public argument.",
    "The debate over {topic} returned to the council chamber on {day}.",
    "A report published on {day} put {topic} back at the top of the agenda.",
)
QUOTES = (
    '"We cannot keep paying for {thing} with money we do not have," {name} said.',
    "{name} said that {thing} would be finished before the winter.",
    '"This is a matter of trust," said {name}, {role}. "People want answers."',
    '{short} told reporters the plan was "reckless and badly timed."',
    "According to {name}, {thing} has already cost more than planned.",
    '"Nobody in this building wants {cost} to rise," {pronoun} said.',
    "{short} warned that delays could push {cost} higher next year.",
)
FILLERS = (
    "The council will vote on the proposal next month.",
    "Residents packed the public gallery for most of the afternoon.",
    "The figures have not been independently checked.",
    "A consultation on the details closes at the end of the quarter.",
    "Opposition members asked for the full contract to be published.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True)
class Page:
    """One HTML page to put into a WARC response record."""

    url: str
    html: str
    date: str = "2026-03-14T08:30:00Z"
    status: int = 200
    content_type: str = "text/html; charset=utf-8"


@dataclass
class Corpus:
    """What `write_warc` wrote, for tests to check against."""

    articles: list[Page] = field(default_factory=list)  # English news pages
    skipped: dict[str, int] = field(default_factory=dict)  # expected reasons
    records: int = 0


def _chrome(outlet: str, body: str, *, title: str, meta: str = "") -> str:
    nav = "".join(
        f'<li><a href="/{section.lower()}">{section}</a></li>'
        for section in ("News", "Business", "Sport", "Culture", "Opinion")
    )
    related = "".join(
        f'<li><a href="/news/related-{n}">Related story number {n}</a></li>'
        for n in range(1, 5)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | {escape(outlet)}</title>"
        f'<meta property="og:site_name" content="{escape(outlet)}">{meta}</head>'
        f'<body><header><div class="logo">{escape(outlet)}</div>'
        f'<nav><ul class="menu">{nav}</ul></nav></header>'
        f"<main>{body}</main>"
        f'<aside class="related"><h3>Most read</h3><ul>{related}</ul></aside>'
        f"<footer><p>&copy; 2026 {escape(outlet)}. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p>'
        "</footer></body></html>"
    )


def _bulk(kilobytes: int) -> str:
    """Scripts and menus of the size real news pages carry besides the article."""
    links = "".join(
        f'<li><a href="/topic/{n}">Topic {n}</a></li>' for n in range(kilobytes * 8)
    )
    script = "var tracking = {" + ", ".join(
        f'"k{n}": {n * 7}' for n in range(kilobytes * 40)
    )
    return f'<div class="mega-menu"><ul>{links}</ul></div><script>{script}}};</script>'


def news_page(
    n: int, *, url: str | None = None, paragraphs: int = 8, bulk_kb: int = 0
) -> Page:
    """Return the `n`-th made-up English news article, deterministic in `n`.

    `bulk_kb` adds about that many kilobytes of menus and scripts, for
    benchmarks that want real page sizes.
    """
    rng = random.Random(n)
    outlet, host = OUTLETS[n % len(OUTLETS)]
    topic, thing, cost = rng.choice(TOPICS)
    author = rng.choice(PEOPLE)[0].split()[0] + " " + rng.choice(("Hale", "Moss"))
    day = rng.choice(DAYS)
    date = f"2026-03-{1 + n % 28:02d}"
    title = f"Council split over {topic} ({n})"
    lines = [rng.choice(OPENERS).format(day=day, topic=topic)]
    for _ in range(paragraphs - 1):
        name, short, pronoun, role = rng.choice(PEOPLE)
        template = rng.choice(QUOTES)
        lines.append(
            f"{name}, {role}, spoke at the meeting. "
            + template.format(
                name=name,
                short=short,
                pronoun=pronoun,
                role=role,
                thing=thing,
                cost=cost,
            )
            + " "
            + rng.choice(FILLERS)
        )
    paras = "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines)
    body = (
        f'<article><h1>{escape(title)}</h1><p class="byline">By '
        f'<span class="author">{escape(author)}</span> · '
        f'<time datetime="{date}">{date}</time></p>'
        f'<div class="article-body">{paras}</div></article>'
    )
    meta = (
        f'<meta name="author" content="{escape(author)}">'
        f'<meta property="article:published_time" content="{date}T07:00:00Z">'
    )
    url = url or f"https://{host}/news/{date}/story-{n}"
    body += _bulk(bulk_kb) if bulk_kb else ""
    return Page(url, _chrome(outlet, body, title=title, meta=meta))


def french_page() -> Page:
    """A news page in French: skipped as not English."""
    paras = "".join(
        f"<p>{line}</p>"
        for line in (
            "Le conseil municipal a débattu mardi du budget des transports.",
            "« Nous ne pouvons pas continuer ainsi », a déclaré la maire devant "
            "les élus réunis pour la séance.",
            "Les habitants attendent une décision avant la fin du mois, selon "
            "plusieurs conseillers de l'opposition qui réclament plus de clarté.",
            "Le projet prévoit de nouvelles lignes de bus et une hausse modérée "
            "des tarifs pour les usagers réguliers du réseau.",
        )
    )
    body = (
        f"<article><h1>Le budget des transports divise le conseil</h1>{paras}</article>"
    )
    html = _chrome("Le Courrier du Port", body, title="Budget des transports")
    return Page("https://courrierduport.example/actualites/budget", html)


def empty_page() -> Page:
    """A section front: navigation and links, no article body."""
    html = _chrome("Valley Courier", "", title="Sport")
    return Page("https://valleycourier.example/sport", html)


def _http(page: Page, body: bytes) -> StatusAndHeaders:
    reason = {200: "OK", 404: "Not Found"}.get(page.status, "Other")
    return StatusAndHeaders(
        f"{page.status} {reason}",
        [("Content-Type", page.content_type), ("Content-Length", str(len(body)))],
        protocol="HTTP/1.1",
    )


def _write_response(writer: WARCWriter, page: Page, body: bytes) -> None:
    record = writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(body),
        http_headers=_http(page, body),
        warc_headers_dict={"WARC-Date": page.date},
    )
    writer.write_record(record)


def _write_request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders(
        f"GET {url} HTTP/1.1", [("User-Agent", "warcgen")], is_http_request=True
    )
    record = writer.create_warc_record(
        url, "request", payload=io.BytesIO(b""), http_headers=headers
    )
    writer.write_record(record)


def write_warc(
    path: Path,
    *,
    articles: int = 4,
    extras: bool = True,
    truncate: bool = False,
    first: int = 0,
    paragraphs: int = 8,
    bulk_kb: int = 0,
) -> Corpus:
    """Write a WARC (gzipped when `path` ends in .gz) and say what is in it.

    Args:
        path: Output file; `.warc.gz` gets one gzip member per record.
        articles: How many English news articles to write.
        extras: Add the records that must be skipped (see the module docstring).
        truncate: Append one more article whose gzip member is cut off.
        first: Number of the first article (`news_page(first)`).
        paragraphs: Paragraphs per article.
        bulk_kb: Kilobytes of menus and scripts added to each article page.
    """
    corpus = Corpus()
    gz = path.name.endswith(".gz")
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gz)
        info = writer.create_warcinfo_record(path.name, {"software": "warcgen"})
        writer.write_record(info)
        for n in range(first, first + articles):
            page = news_page(n, paragraphs=paragraphs, bulk_kb=bulk_kb)
            _write_request(writer, page.url)
            _write_response(writer, page, page.html.encode("utf-8"))
            corpus.articles.append(page)
            if extras and n == first + 1:
                _add_extras(writer, corpus, duplicate=page)
    if truncate:
        _append_truncated(path, gz=gz)
    return corpus


def write_pages(path: Path, pages: list[Page], *, encoding: str = "utf-8") -> None:
    """Write exactly `pages` as response records, each body in `encoding`."""
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        for page in pages:
            _write_response(writer, page, page.html.encode(encoding))


def _add_extras(writer: WARCWriter, corpus: Corpus, *, duplicate: Page) -> None:
    image = Page("https://valleycourier.example/logo.png", "", content_type="image/png")
    _write_response(writer, image, b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    pdf = Page(
        "https://valleycourier.example/report.pdf", "", content_type="application/pdf"
    )
    _write_response(writer, pdf, b"%PDF-1.4\n%%EOF\n")
    missing = Page("https://valleycourier.example/gone", "<html></html>", status=404)
    _write_response(writer, missing, missing.html.encode())
    french = french_page()
    _write_response(writer, french, french.html.encode("utf-8"))
    empty = empty_page()
    _write_response(writer, empty, empty.html.encode("utf-8"))
    # The same URL captured again later in the crawl.
    again = Page(duplicate.url, duplicate.html, date="2026-03-15T09:00:00Z")
    _write_response(writer, again, again.html.encode("utf-8"))
    corpus.skipped.update(
        {
            "not HTML": 2,
            "HTTP status not 200": 1,
            "not English": 1,
            "no article text": 1,
            "duplicate URL": 1,
        }
    )


def _append_truncated(path: Path, *, gz: bool) -> None:
    """Append a record whose bytes stop halfway, as a broken download does."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    page = news_page(999, url="https://harbourledger.example/news/cut-off")
    _write_response(writer, page, page.html.encode("utf-8"))
    data = buffer.getvalue()
    with open(path, "ab") as f:
        f.write(data[: len(data) // 2])


def main(argv: list[str]) -> None:
    out = Path(argv[1])
    count = int(argv[2]) if len(argv) > 2 else 200
    corpus = write_warc(out, articles=count, extras=True)
    size = out.stat().st_size
    print(f"wrote {len(corpus.articles)} articles, {size / 1e6:.2f} MB to {out}")


if __name__ == "__main__":
    main(sys.argv)


def as_records(items: Iterable[object]) -> list[object]:
    """Results as their stable records, to compare runs (#7).

    Shards store `Quote.to_record()`, whose confidence is rounded to 4 places,
    so runs are compared record to record rather than object to object.
    """
    from whosaid.model import Result

    return [
        (item.article, [quote.to_record() for quote in item.quotes], item.skipped)
        if isinstance(item, Result)
        else item
        for item in items
    ]
