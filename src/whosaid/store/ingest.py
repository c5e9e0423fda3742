"""Write extraction results into the index: idempotent, crash-safe, one writer.

`Ingester.ingest()` consumes any iterator of `Result | Failure` (from
`Extractor.pipe`, or from worker processes) and commits every `batch_size`
articles in one transaction, so a killed run leaves whole batches only and a
rerun adds exactly what is missing. An article whose id or text is already
indexed adds nothing; with `reextract=True` an article indexed by another
engine version has its quotes replaced in the same transaction.

Bad input never stops the run: a `Failure` (malformed jsonl line, no text,
over-long article: more than the `max_article_chars` setting, 1,000,000
characters by default) is recorded in `ingest_errors`; an article with an
unreadable date is stored without a date and the date is recorded there too.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from whosaid import settings
from whosaid.model import Article, Failure, Quote, Result
from whosaid.read.items import Skipped
from whosaid.store.clusters import Clusterer, cluster_text
from whosaid.store.db import transaction
from whosaid.store.linker import Mention, Plan, SpeakerLinker, plan_article
from whosaid.store.surnames import link_surnames
from whosaid.voices.store import VoiceWriter

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 50
T = TypeVar("T")


@dataclass
class IngestReport:
    """What one ingest run did; `summary()` is its one-line report."""

    articles_added: int = 0
    articles_replaced: int = 0
    quotes_added: int = 0
    already_indexed: int = 0
    bad_dates: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def articles_seen(self) -> int:
        return self.articles_added + self.articles_replaced + self.already_indexed

    def summary(self) -> str:
        line = (
            f"indexed {self.quotes_added} quotes from "
            f"{self.articles_added + self.articles_replaced} articles"
        )
        notes = []
        if self.articles_replaced:
            notes.append(f"{self.articles_replaced} re-extracted")
        if self.already_indexed:
            notes.append(f"{self.already_indexed} already indexed")
        if self.failures:
            notes.append(f"{len(self.failures)} inputs failed")
        if self.bad_dates:
            notes.append(f"{self.bad_dates} bad dates, stored undated")
        notes += [f"{count} skipped: {why}" for why, count in self.skipped.items()]
        rate = self.articles_seen / self.seconds if self.seconds else 0.0
        timing = f" in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        return line + (f" ({'; '.join(notes)})" if notes else "") + timing


def text_digest(text: str) -> str:
    """Return the identity of an article's text (same text, same article)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_date(raw: str | None) -> tuple[str | None, str | None, bool]:
    """Return (ISO timestamp, YYYY-MM-DD, ok) for an article's `published`.

    Accepts ISO 8601 dates and times and RFC 2822 dates ("Tue, 3 Mar 2026
    10:00:00 GMT"). A value that is neither, or outside 1800-2100, is not ok.
    """
    if raw is None or not raw.strip():
        return None, None, True
    text = raw.strip()
    parsed: datetime | date | None = None
    try:
        parsed = (
            date.fromisoformat(text)
            if len(text) == 10
            else datetime.fromisoformat(text)
        )
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None or not 1800 <= parsed.year <= 2100:
        return None, None, False
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    return parsed.isoformat(), day.isoformat(), True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ingester:
    """The single writer of an index.

    Example:
        >>> ingester = Ingester(conn, engine="rules:1")
        >>> report = ingester.ingest(extractor.pipe(read_inputs(paths)))
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        engine: str,
        reextract: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.conn = conn
        self.engine = engine
        self.reextract = reextract
        self.batch_size = max(1, batch_size)
        self.report = IngestReport()
        self.max_chars = int(settings.get("max_article_chars"))
        self.run_id: int | None = None

    def skip_indexed(
        self, items: Iterable[T], conn: sqlite3.Connection | None = None
    ) -> Iterator[T]:
        """Drop articles the index already holds, before they are extracted.

        This makes a resumed run fast; the writer checks again in its
        transaction. Pass a separate read connection when the iterator is
        consumed in another thread.
        """
        reader = conn or self.conn
        for item in items:
            if isinstance(item, Article) and self._is_indexed(reader, item):
                self.report.already_indexed += 1
                continue
            yield item

    def _is_indexed(self, reader: sqlite3.Connection, article: Article) -> bool:
        digest = text_digest(article.text)
        row = reader.execute(
            "SELECT engine, text_hash FROM articles WHERE doc_id = ?", (article.id,)
        ).fetchone()
        if row is not None:
            # Another text under a known id goes on to the writer, which
            # re-extracts it or records the clash in ingest_errors.
            return bool(
                row[1] == digest and (not self.reextract or row[0] == self.engine)
            )
        return (
            reader.execute(
                "SELECT 1 FROM articles WHERE text_hash = ?", (digest,)
            ).fetchone()
            is not None
        )

    def ingest(self, items: Iterable[Result | Failure]) -> IngestReport:
        """Write every result, committing each batch in one transaction."""
        started = time.perf_counter()
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO ingest_runs (started_at, engine) VALUES (?, ?)",
                (_now(), self.engine),
            )
            self.run_id = cursor.lastrowid
        batch: list[Result | Failure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                self._write_batch(batch)
                batch = []
        if batch:
            self._write_batch(batch)
        self.report.seconds = time.perf_counter() - started
        with transaction(self.conn):
            self._save_run(finished=True)
        return self.report

    def _write_batch(self, batch: list[Result | Failure]) -> None:
        linker, clusterer = SpeakerLinker(self.conn), Clusterer(self.conn)
        voices = VoiceWriter(self.conn)  # gender, source type, people (#15)
        with transaction(self.conn):
            for item in batch:
                if isinstance(item, Skipped):  # left out on purpose, not an error (#7)
                    self.report.skipped[item.reason] += 1
                    continue
                if isinstance(item, Failure):
                    self._record_error(item.source, item.reason)
                    self.report.failures.append(item)
                    continue
                self.conn.execute("SAVEPOINT article")
                try:
                    self._write_result(item, linker, clusterer, voices)
                except sqlite3.Error as err:
                    # One bad article never loses the others in its batch.
                    self.conn.execute("ROLLBACK TO article")
                    linker.forget()
                    clusterer.forget()
                    failure = Failure(
                        item.article.source or item.article.id, f"not stored: {err}"
                    )
                    self._record_error(failure.source, failure.reason)
                    self.report.failures.append(failure)
                self.conn.execute("RELEASE article")
            linker.flush()
            link_surnames(self.conn, linker.surnames)
            clusterer.flush()
            voices.flush()
            self._save_run(finished=False)

    def _write_result(
        self,
        result: Result,
        linker: SpeakerLinker,
        clusterer: Clusterer,
        voices: VoiceWriter | None = None,
    ) -> None:
        article = result.article
        source = article.source or article.id
        if len(article.text) > self.max_chars:
            reason = (
                f"article is {len(article.text):,} characters; the limit is "
                f"{self.max_chars:,} (setting max_article_chars)"
            )
            self._record_error(source, reason)
            self.report.failures.append(Failure(source, reason))
            return
        published, day, ok = parse_date(article.published)
        digest = text_digest(article.text)
        row = self.conn.execute(
            "SELECT id, engine, text_hash FROM articles WHERE doc_id = ?", (article.id,)
        ).fetchone()
        replace = row is not None and self.reextract and row[1] != self.engine
        if row is not None and row[2] != digest and not replace:
            reason = (
                f"id {article.id!r} is already indexed with another text; not stored "
                "(give each article its own id, or --reextract after an engine update)"
            )
            self._record_error(source, reason)
            self.report.failures.append(Failure(source, reason))
            return
        if row is not None and not replace:
            self.report.already_indexed += 1
            return
        if (
            row is None
            and self.conn.execute(
                "SELECT 1 FROM articles WHERE text_hash = ?", (digest,)
            ).fetchone()
        ):
            self.report.already_indexed += 1
            return
        values = (
            article.url,
            article.title,
            article.outlet,
            published,
            day,
            article.author,
            article.source,
            article.text,
            digest,
            self.engine,
            len(result.quotes),
            _now(),
        )
        if row is None:
            article_id = self._insert_article(article.id, values)
            self.report.articles_added += 1
        else:
            article_id = int(row[0])
            self._delete_quotes(article_id, linker, clusterer)
            self.conn.execute(
                "UPDATE articles SET url = ?, title = ?, outlet = ?, published = ?, "
                "date = ?, author = ?, source = ?, text = ?, text_hash = ?, engine = ?, "
                "quote_count = ?, ingested_at = ? WHERE id = ?",
                (*values, article_id),
            )
            self.report.articles_replaced += 1
        if not ok:
            self._record_error(
                source,
                f"bad date {article.published!r}; stored without a date",
                stored=True,
            )
            self.report.bad_dates += 1
        plans = plan_article(
            [Mention.of(quote) for quote in result.quotes], article.text, article.title
        )
        speaker_ids = [
            self._insert_quote(
                article_id,
                position,
                quote,
                plan,
                article.outlet,
                day,
                linker,
                clusterer,
            )
            for position, (quote, plan) in enumerate(
                zip(result.quotes, plans, strict=True)
            )
        ]
        linker.count_article(speaker_ids, day)
        writer = voices or VoiceWriter(self.conn)
        writer.add_article(article_id, result.people)
        if voices is None:
            writer.flush()
        self.report.quotes_added += len(result.quotes)
        self.report.skipped.update(result.skipped)

    def _insert_article(self, doc_id: str, values: tuple[object, ...]) -> int:
        cursor = self.conn.execute(
            "INSERT INTO articles (url, title, outlet, published, date, author, source, "
            "text, text_hash, engine, quote_count, ingested_at, doc_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, doc_id),
        )
        return int(cursor.lastrowid or 0)

    def _delete_quotes(
        self, article_id: int, linker: SpeakerLinker, clusterer: Clusterer
    ) -> None:
        for speaker_id, cluster_id in self.conn.execute(
            "SELECT speaker_id, cluster_id FROM quotes WHERE article_id = ?",
            (article_id,),
        ).fetchall():
            if speaker_id is not None:
                linker.recount.add(speaker_id)
            if cluster_id is not None:
                clusterer.recount.add(cluster_id)
        self.conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))

    def _insert_quote(
        self,
        article_id: int,
        position: int,
        quote: Quote,
        plan: Plan,
        outlet: str | None,
        day: str | None,
        linker: SpeakerLinker,
        clusterer: Clusterer,
    ) -> int | None:
        """Insert one quote; count it in its cluster; return its speaker id."""
        key, speaker_id, plan = linker.link_plan(quote.speaker_name, plan)
        norm_hash, cluster_id = clusterer.assign(
            cluster_text(quote.content.text, quote.type)
        )
        cue, speaker = quote.cue, quote.speaker
        cursor = self.conn.execute(
            "INSERT INTO quotes (article_id, position, type, kind, cue_stance, content, "
            "content_start, content_end, cue, cue_start, cue_end, speaker_text, "
            "speaker_start, speaker_end, speaker_name, speaker_title, speaker_org, "
            "speaker_is_org, speaker_key, speaker_id, resolved_by, chain, confidence, "
            "engine, cluster_id, norm_hash, outlet, date) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                position,
                quote.type,
                quote.kind,
                quote.cue_stance,
                quote.content.text,
                quote.content.start,
                quote.content.end,
                cue.text if cue else None,
                cue.start if cue else None,
                cue.end if cue else None,
                speaker.text if speaker else None,
                speaker.start if speaker else None,
                speaker.end if speaker else None,
                quote.speaker_name,
                quote.speaker_title,
                quote.speaker_org,
                int(quote.speaker_is_org),
                key,
                speaker_id,
                quote.resolved_by,
                json.dumps([span.to_dict() for span in quote.chain])
                if quote.chain
                else None,
                round(quote.confidence, 4),
                quote.engine or self.engine,
                cluster_id,
                norm_hash,
                outlet,
                day,
            ),
        )
        linker.record(int(cursor.lastrowid or 0), plan)
        if cluster_id is not None:
            clusterer.count(
                cluster_id,
                quote_id=int(cursor.lastrowid or 0),
                article_id=article_id,
                outlet=outlet,
                day=day,
                content=quote.content.text,
            )
        return speaker_id

    def _record_error(self, source: str, reason: str, *, stored: bool = False) -> None:
        self.conn.execute(
            "INSERT INTO ingest_errors (run_id, source, reason, stored, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (self.run_id, source, reason, int(stored), _now()),
        )

    def _save_run(self, *, finished: bool) -> None:
        report = self.report
        self.conn.execute(
            "UPDATE ingest_runs SET articles_added = ?, articles_replaced = ?, "
            "quotes_added = ?, duplicates = ?, errors = ?, finished_at = ? WHERE id = ?",
            (
                report.articles_added,
                report.articles_replaced,
                report.quotes_added,
                report.already_indexed,
                len(report.failures) + report.bad_dates,
                _now() if finished else None,
                self.run_id,
            ),
        )


def engine_label(name: str) -> str:
    """Return "name:version" for a registered engine, without loading its model.

    Raises:
        UnknownEngineError: If no engine is registered as `name`.
    """
    from whosaid.extract.engines import engine_identity

    return engine_identity(name).label
