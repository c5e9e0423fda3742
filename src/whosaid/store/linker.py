"""Give each quote its cross-article speaker while an ingest writes it.

A name joins the speaker with the same identity key (`whosaid.store.names`):
"Donald J. Trump", "Mr Donald Trump" and "Donald Trump" are one speaker,
"Time Warner" and "TimeWarner" one organisation; a new name that ends with a
known one after a description ("Software giant Microsoft", "Tory Liam Fox")
joins it. What each quote is linked by was decided for its article first
(`whosaid.store.plans`). A user's merge, split or alias line
(`speaker_links`) beats the rules. Bare surnames left over are linked after
each batch by `whosaid.store.surnames`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from whosaid.store.names import (
    display_name,
    identity_key,
    is_coordination,
    is_linkable,
    speaker_key,
    surname,
)
from whosaid.store.plans import Plan
from whosaid.wordlists import first_names

# A month before an organisation's name is a dateline, not part of it
# ("December Microsoft"); a person well quoted under a name is that name.
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]  # noqa: SIM905  # twelve words read better so
)
_WELL_QUOTED = 10


class SpeakerLinker:
    """Map quotes' speaker names to speaker ids inside one write transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._ids: dict[str, int] = {}
        self._links: dict[str, str | None] = {}
        # Speakers whose counts are recomputed from their quotes (after deletes).
        self.recount: set[int] = set()
        # Counts added by this batch: id -> [quotes, articles, first, last date].
        self._added: dict[int, list[Any]] = {}
        # One-word names and new people's surnames, for the surname pass.
        self.surnames: set[str] = set()

    def link(self, name: str | None, *, is_org: bool) -> tuple[str | None, int | None]:
        """Return (the name's own key, its speaker id or None)."""
        key, speaker_id, _ = self.link_plan(name, Plan(name, is_org=is_org))
        return key, speaker_id

    def link_plan(
        self, name: str | None, plan: Plan
    ) -> tuple[str | None, int | None, Plan]:
        """Return the key of `name`, the speaker id `plan` gives it, and the
        plan followed (a descriptor in front of a known name is dropped)."""
        key = speaker_key(name) if name else None
        if not key:
            return None, None, plan
        decided = self._decision(key)
        if decided is not None:
            speaker_id = self.speaker_id(
                decided, display_name(name or ""), is_org=plan.is_org
            )
            return key, speaker_id, Plan(name, is_org=plan.is_org)
        if plan.name is None:
            return key, None, plan
        target = speaker_key(plan.name)
        decided = self._decision(target) if target != key else None
        if decided is None and not is_linkable(target, is_org=plan.is_org):
            self.surnames.add(target)
            return key, None, plan
        if decided is None:
            plan = self._known_suffix(plan, target)
            target = speaker_key(plan.name or "")
        speaker_id = self.speaker_id(
            decided or target, display_name(plan.name or ""), is_org=plan.is_org
        )
        return key, speaker_id, plan

    def _known_suffix(self, plan: Plan, target: str) -> Plan:
        """A new name that ends with a known speaker's after a description:
        "Software giant Microsoft", "Manchester Alex Ferguson" (#14)."""
        words, written = target.split(), (plan.name or "").split()
        if (
            len(words) < (2 if plan.is_org else 3)
            or len(written) != len(words)
            or is_coordination(plan.name or "")
            or self._exists(target)
        ):
            return plan  # "Sony and IBM" is neither alone
        known = first_names()
        for start in range(1, len(words) - (0 if plan.is_org else 1)):
            prefix, rest = words[:start], words[start:]
            row = self.conn.execute(
                "SELECT name, quote_count FROM speakers WHERE ident = ? AND is_org = ? "
                "ORDER BY quote_count DESC LIMIT 1",
                (identity_key(" ".join(rest)), int(plan.is_org)),
            ).fetchone()
            if row is None:
                continue
            # An organisation right after a lower-case description ("software
            # giant Microsoft"), a month ("December Microsoft") or with its
            # acronym in brackets ("... Fund (IMF)"); a person after a word
            # that is no first name, when theirs is one or they are well
            # quoted ("Manchester Alex Ferguson", not "Julio De Vido").
            descriptive = (
                written[start - 1].islower()
                or written[start].startswith("(")
                or prefix[-1] in _MONTHS
                if plan.is_org
                else prefix[0] not in known
                and (rest[0] in known or int(row[1]) >= _WELL_QUOTED)
            )
            if descriptive:
                return Plan(
                    row[0],
                    is_org=plan.is_org,
                    rule=plan.rule or "name-prefix",
                    evidence=plan.evidence
                    or f"{plan.name!r}: a description before the known name {row[0]!r}",
                )
        return plan

    def _exists(self, key: str) -> bool:
        return key in self._ids or (
            self.conn.execute(
                "SELECT 1 FROM speakers WHERE ident = ? LIMIT 1", (identity_key(key),)
            ).fetchone()
            is not None
        )

    def _decision(self, key: str) -> str | None:
        """The speaker key a user's merge, split or alias line gives `key`."""
        if key not in self._links:
            row = self.conn.execute(
                "SELECT speaker_key FROM speaker_links WHERE alias_key = ?", (key,)
            ).fetchone()
            self._links[key] = row[0] if row else None
        return self._links[key]

    def record(self, quote_id: int, plan: Plan) -> None:
        """Keep why a quote's speaker is not its own name (`speaker_evidence`)."""
        if plan.rule is not None:
            self.conn.execute(
                "INSERT OR REPLACE INTO speaker_evidence (quote_id, rule, evidence) "
                "VALUES (?, ?, ?)",
                (quote_id, plan.rule, plan.evidence),
            )

    def count_article(self, speaker_ids: list[int | None], day: str | None) -> None:
        """Add one article's quotes to its speakers' counts (O(1) per quote)."""
        for speaker_id in speaker_ids:
            if speaker_id is not None:
                self._added.setdefault(speaker_id, [0, 0, day, day])[0] += 1
        for speaker_id in {s for s in speaker_ids if s is not None}:
            counts = self._added[speaker_id]
            counts[1] += 1
            counts[2] = _earliest(counts[2], day)
            counts[3] = _latest(counts[3], day)

    def forget(self) -> None:
        """After a rollback: recount everything this batch touched, drop caches."""
        self.recount |= set(self._added)
        self._added.clear()
        self._ids.clear()
        self._links.clear()

    def flush(self) -> None:
        """Write this batch's counts; recount speakers that lost quotes."""
        self.conn.executemany(
            """
            UPDATE speakers SET
                quote_count = quote_count + :quotes,
                article_count = article_count + :articles,
                first_seen = CASE WHEN first_seen IS NULL OR :first < first_seen
                             THEN coalesce(:first, first_seen) ELSE first_seen END,
                last_seen = CASE WHEN last_seen IS NULL OR :last > last_seen
                            THEN coalesce(:last, last_seen) ELSE last_seen END
            WHERE id = :id
            """,
            # Named, not numbered (?1): Python 3.12 warns that numbered
            # placeholders bound from a sequence will be an error in 3.14.
            [
                {"id": sid, "quotes": quotes, "articles": articles}
                | {"first": first, "last": last}
                for sid, (quotes, articles, first, last) in self._added.items()
                if sid not in self.recount
            ],
        )
        refresh_speakers(self.conn, self.recount)
        self._added.clear()
        self.recount.clear()

    def speaker_id(
        self, key: str, name: str, *, is_org: bool, exact: bool = False
    ) -> int:
        """Return the id of the speaker whose identity key `key` has; create it.

        `exact` looks for the key itself only: a split makes a new speaker
        even when its name is a spacing variant of the old one.
        """
        ident = identity_key(key)
        if not exact and key in self._ids:
            return self._ids[key]
        row = self.conn.execute(
            "SELECT id FROM speakers WHERE key = :key OR (ident = :ident AND NOT :exact) "
            "ORDER BY key = :key DESC, quote_count DESC LIMIT 1",
            {"key": key, "ident": ident, "exact": int(exact)},
        ).fetchone()
        if row is None:
            cursor = self.conn.execute(
                # A Wikidata link kept for this key (`whosaid link`, or the
                # user's) comes back with the speaker (#14).
                "INSERT INTO speakers (key, name, is_org, ident, surname, external_id) "
                "VALUES (?, ?, ?, ?, ?, (SELECT qid FROM speaker_kb_links "
                "WHERE speaker_key = ? AND status = 'linked'))",
                (key, name, int(is_org), ident, _surname_of(key, is_org=is_org), key),
            )
            speaker_id = int(cursor.lastrowid or 0)
            if not is_org and " " in key:
                self.surnames.add(surname(key))
        else:
            speaker_id = int(row[0])
        if not exact:
            self._ids[key] = speaker_id
        return speaker_id


def _surname_of(key: str, *, is_org: bool) -> str | None:
    """The surname column: set for people with at least two name words."""
    return None if is_org or " " not in key else surname(key)


def _earliest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def refresh_speakers(conn: sqlite3.Connection, speaker_ids: Iterable[int]) -> None:
    """Recount quotes, articles and first/last seen; drop speakers left empty."""
    for speaker_id in set(speaker_ids):
        conn.execute(
            """
            UPDATE speakers SET
                quote_count = (SELECT count(*) FROM quotes WHERE speaker_id = :id),
                article_count = (SELECT count(DISTINCT article_id) FROM quotes
                                 WHERE speaker_id = :id),
                first_seen = (SELECT min(date) FROM quotes WHERE speaker_id = :id),
                last_seen = (SELECT max(date) FROM quotes WHERE speaker_id = :id)
            WHERE id = :id
            """,
            {"id": speaker_id},
        )
        conn.execute(
            "DELETE FROM speakers WHERE id = ? AND quote_count = 0 "
            "AND external_id IS NULL",
            (speaker_id,),
        )
