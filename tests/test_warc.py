"""Web archives: which records become articles, which are skipped and why."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from warcgen import Page, news_page, write_pages, write_warc
from whosaid.cli import main
from whosaid.model import Article, Failure
from whosaid.read import read_inputs, read_pending
from whosaid.read.items import Skipped, load_item
from whosaid.read.warc import WarcPage


def _split(items: list[Article | Failure]) -> tuple[list[Article], Counter[str], list]:
    articles = [item for item in items if isinstance(item, Article)]
    skipped = Counter(item.reason for item in items if isinstance(item, Skipped))
    failed = [
        item
        for item in items
        if isinstance(item, Failure) and not isinstance(item, Skipped)
    ]
    return articles, skipped, failed


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_each_record_is_read_or_skipped_with_its_reason(
    tmp_path: Path, name: str
) -> None:
    corpus = write_warc(tmp_path / name, articles=4, truncate=True)
    items = list(read_inputs([tmp_path / name]))
    articles, skipped, failed = _split(items)
    assert [article.url for article in articles] == [p.url for p in corpus.articles]
    assert skipped == corpus.skipped
    assert len(failed) == 1
    assert items[-1] is failed[0]
    assert "cut off" in failed[0].reason
    assert failed[0].source.startswith(str(tmp_path / name) + "@")


def test_article_keeps_page_metadata_and_main_text(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    write_warc(path, articles=1, extras=False)
    (article,) = list(read_inputs([path]))
    assert isinstance(article, Article)
    page = news_page(0)
    assert article.id == article.url == page.url
    assert article.title == "Council split over the water tariff (0)"
    assert article.outlet == "The Harbour Ledger"
    assert article.author == "Tomas Hale"
    assert article.published == "2026-03-01"
    assert article.source and article.source.startswith(f"{path}@")
    assert "Lindqvist told reporters" in article.text
    for boilerplate in ("All rights reserved", "Most read", "Privacy", "Business"):
        assert boilerplate not in article.text


def test_crawl_date_stands_in_when_the_page_has_none(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {n}: the council met again and argued about the budget "
        "for the harbour, the buses and the schools.</p>"
        for n in range(6)
    )
    html = f"<html><body><article>{body}</article></body></html>"
    page = Page("https://undated.example/a", html, date="2026-02-03T10:00:00Z")
    write_pages(tmp_path / "undated.warc", [page])
    (article,) = list(read_inputs([tmp_path / "undated.warc"]))
    assert isinstance(article, Article)
    assert article.published == "2026-02-03"


def test_declared_charset_is_used(tmp_path: Path) -> None:
    html = news_page(2).html.replace("Residents packed", "Résidents du café packed")
    page = Page(news_page(2).url, html, content_type="text/html; charset=windows-1252")
    write_pages(tmp_path / "latin.warc.gz", [page], encoding="windows-1252")
    (article,) = list(read_inputs([tmp_path / "latin.warc.gz"]))
    assert isinstance(article, Article)
    if "Résidents" not in article.text:  # the filler sentence is random per page
        assert "\ufffd" not in article.text
    else:
        assert "Résidents du café" in article.text


def test_not_a_warc_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"this is not a web archive\n" * 20)
    items = list(read_inputs([path]))
    assert len(items) == 1
    assert isinstance(items[0], Failure) and not isinstance(items[0], Skipped)
    assert items[0].source.startswith(str(path))
    assert "not a WARC" in items[0].reason


def test_pending_pages_load_into_the_same_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, articles=3)
    pending = list(read_pending([path]))
    assert any(isinstance(item, WarcPage) for item in pending)
    # Pages travel to worker processes and Ray actors pickled.
    loaded = [load_item(pickle.loads(pickle.dumps(item))) for item in pending]
    assert loaded == list(read_inputs([path]))


def test_skipped_is_a_failure_that_pickles() -> None:
    skip = Skipped("crawl.warc@12", "not HTML")
    assert isinstance(skip, Failure)
    assert pickle.loads(pickle.dumps(skip)) == skip


def test_extract_reports_every_skip_reason(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, articles=3, truncate=True)
    result = CliRunner().invoke(
        main, ["extract", str(path), "--workers", "1", "--silent"]
    )
    assert result.exit_code == 1  # the cut-off record is an error
    (summary,) = [
        line for line in result.stderr.splitlines() if line.startswith("extracted ")
    ]
    assert "from 3 articles" in summary
    assert "1 inputs failed" in summary
    for reason in (
        "not HTML",
        "HTTP status not 200",
        "not English",
        "no article text",
        "duplicate URL",
    ):
        assert reason in summary
    assert "cut off" in result.stderr
    texts = {a.id: a.text for a in read_inputs([path]) if isinstance(a, Article)}
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        content = record["content"]
        assert (
            texts[record["doc"]][content["start"] : content["end"]] == content["text"]
        )


def test_html_files_are_pending_too(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    path.write_text(news_page(5).html, encoding="utf-8")
    (pending,) = list(read_pending([tmp_path]))
    assert not isinstance(pending, (Article, Failure))
    assert load_item(pickle.loads(pickle.dumps(pending))) == next(read_inputs([path]))
