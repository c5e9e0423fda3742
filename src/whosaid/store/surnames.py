"""Bare surnames across articles: "Trump" joins Donald Trump when he is the only one.

A quote whose article gave only a surname ("Trump said") and no full name is
linked to a person speaker when exactly one person with that surname is quoted
in the same outlet within `WINDOW_DAYS` of the quote (undated quotes: the same
outlet at any time). One-word names the engine took for organisations are
linked the same way, so a surname never stays a company because the tagger
thought it looked like one (#14). Two plausible people ("Clinton": Bill and
Hillary) leave the quote unlinked.

A one-word name the engine did not take for an organisation ("Labour said")
joins the organisation speaker of that name when no person fits (rule
`org-name`).

Each link is written to `speaker_evidence` (rule `surname-corpus`) and checked
again whenever a new person with that surname arrives: a second plausible
person undoes it. `speakers split "Donald Trump" "Trump"` undoes it for good.

Not covered: first names alone across articles (never linked: too many
Donalds), and people who are never quoted under their full name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from whosaid.store.linker import refresh_speakers
from whosaid.store.names import (
    first_name,
    first_name_variants,
    is_generic,
    is_plausible_person,
)
from whosaid.wordlists import first_names

WINDOW_DAYS = 365
# Rules decided inside the article; the corpus pass leaves them alone.
_ARTICLE_RULES = ("generic", "generic-org", "surname-article", "first-name-article")


@dataclass
class SurnameReport:
    """What one surname pass did."""

    linked: int = 0
    unlinked: int = 0
    ambiguous: dict[str, list[str]] = field(default_factory=dict)


def link_surnames(
    conn: sqlite3.Connection, words: Iterable[str] | None = None
) -> SurnameReport:
    """Link (or unlink) the bare-surname quotes of `words`; all when None.

    Call inside a transaction.
    """
    if words is None:
        words = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT speaker_key FROM quotes "
                "WHERE speaker_key IS NOT NULL AND instr(speaker_key, ' ') = 0 "
                "UNION SELECT DISTINCT surname FROM speakers WHERE surname IS NOT NULL"
            )
        ]
    report, touched = SurnameReport(), set()
    for word in sorted(set(words)):
        if " " in word or not word:
            continue
        if conn.execute(
            "SELECT 1 FROM speaker_links WHERE alias_key = ?", (word,)
        ).fetchone():
            continue  # a user's merge, split or alias line decides (#14)
        touched |= _merge_variants(conn, word, report)
        touched |= _link_word(conn, word, report)
    refresh_speakers(conn, touched)
    return report


def _link_word(conn: sqlite3.Connection, word: str, report: SurnameReport) -> set[int]:
    people = [
        (int(row[0]), row[1], row[2])
        for row in conn.execute(
            "SELECT id, name, key FROM speakers WHERE surname = ? AND is_org = 0 "
            "AND instr(key, ' ') > 0",
            (word,),
        )
        if is_plausible_person(row[2])
    ]
    # A name the engine took for an organisation becomes a person only when
    # the person's first name is a known one ("Donald Trump", not "Developer
    # Valve").
    known = first_names()
    named_people = [p for p in people if first_name(p[2]) in known]
    rows = conn.execute(
        "SELECT q.id, q.speaker_name, q.speaker_is_org, q.outlet, q.date, "
        "q.speaker_id, e.rule FROM quotes AS q "
        "LEFT JOIN speaker_evidence AS e ON e.quote_id = q.id "
        "WHERE q.speaker_key = ?",
        (word,),
    ).fetchall()
    touched: set[int] = set()
    for quote_id, name, is_org, outlet, day, speaker_id, rule in rows:
        if rule in _ARTICLE_RULES or is_generic(name or ""):
            continue
        pool = named_people if is_org else people
        fits = [p for p in pool if _in_context(conn, p[0], outlet, day)]
        if len(fits) == 1:
            target, target_name = fits[0][0], fits[0][1]
            if speaker_id != target:
                _move(conn, quote_id, target, touched, speaker_id)
                report.linked += 1
            where = f"in {outlet}" if outlet else "in undated, outlet-less articles"
            when = f" within {WINDOW_DAYS} days of {day}" if day else ""
            flagged = " (the engine took it for an organisation)" * bool(is_org)
            conn.execute(
                "INSERT OR REPLACE INTO speaker_evidence (quote_id, rule, evidence) "
                "VALUES (?, 'surname-corpus', ?)",
                (
                    quote_id,
                    f"{name!r}{flagged}: the only person named {word!r} quoted "
                    f"{where}{when}: {target_name}",
                ),
            )
            continue
        if len(fits) > 1:
            report.ambiguous[word] = sorted(p[1] for p in fits)
        org = _own_speaker(conn, word, is_org=True) if not fits else None
        if org is not None and not is_org:
            # "Labour said", the tagger unsure: the organisation of that name.
            if speaker_id != org:
                _move(conn, quote_id, org, touched, speaker_id)
                report.linked += 1
            conn.execute(
                "INSERT OR REPLACE INTO speaker_evidence (quote_id, rule, evidence) "
                "VALUES (?, 'org-name', ?)",
                (quote_id, f"{name!r}: no person of that name; the organisation"),
            )
            continue
        if rule in ("surname-corpus", "org-name"):
            # Linked before, no longer the only one: back to its own name.
            conn.execute("DELETE FROM speaker_evidence WHERE quote_id = ?", (quote_id,))
            own = _own_speaker(conn, word, is_org=True) if is_org else None
            _move(conn, quote_id, own, touched, speaker_id)
            report.unlinked += 1
    return touched


def _merge_variants(
    conn: sqlite3.Connection, word: str, report: SurnameReport
) -> set[int]:
    """Move "Rafa Benitez" to "Rafael Benitez": the one variant of a first name.

    A person is moved only when exactly one other person with the surname has
    a first name it may be short or long for (`first_name_variants`); the
    one with more quotes keeps the quotes.
    """
    people = conn.execute(
        "SELECT id, name, key, quote_count FROM speakers WHERE surname = ? "
        "AND is_org = 0 AND instr(key, ' ') > 0 ORDER BY quote_count DESC, id",
        (word,),
    ).fetchall()
    touched: set[int] = set()
    for small in reversed(people):
        if conn.execute(
            "SELECT 1 FROM speaker_links WHERE alias_key = ?", (small[2],)
        ).fetchone():
            continue
        fits = [
            big
            for big in people
            if big[0] != small[0]
            and big[2].split()[1:] == small[2].split()[1:]
            and first_name_variants(first_name(big[2]), first_name(small[2]))
        ]
        if len(fits) != 1 or (fits[0][3], -fits[0][0]) < (small[3], -small[0]):
            continue
        big = fits[0]
        ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM quotes WHERE speaker_id = ?", (small[0],)
            )
        ]
        conn.execute(
            "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (big[0], small[0])
        )
        conn.executemany(
            "INSERT OR REPLACE INTO speaker_evidence (quote_id, rule, evidence) "
            "VALUES (?, 'first-name-variant', ?)",
            [
                (quote_id, f"{small[1]!r}: the only first-name variant of {big[1]!r}")
                for quote_id in ids
            ],
        )
        touched |= {big[0], small[0]}
        report.linked += len(ids)
    return touched


def _in_context(
    conn: sqlite3.Connection, speaker_id: int, outlet: str | None, day: str | None
) -> bool:
    """Whether the speaker is quoted in this outlet around this date."""
    clauses: list[str] = ["speaker_id = ?"]
    params: list[object] = [speaker_id]
    if outlet is not None:
        clauses.append("outlet = ?")
        params.append(outlet)
    if day is not None:
        clauses.append("(date IS NULL OR abs(julianday(date) - julianday(?)) <= ?)")
        params += [day, WINDOW_DAYS]
    row = conn.execute(
        f"SELECT 1 FROM quotes WHERE {' AND '.join(clauses)} LIMIT 1", params
    ).fetchone()
    return row is not None


def _own_speaker(conn: sqlite3.Connection, word: str, *, is_org: bool) -> int | None:
    row = conn.execute(
        "SELECT id FROM speakers WHERE ident = ? AND is_org = ? "
        "ORDER BY quote_count DESC LIMIT 1",
        (word, int(is_org)),
    ).fetchone()
    return int(row[0]) if row else None


def _move(
    conn: sqlite3.Connection,
    quote_id: int,
    target: int | None,
    touched: set[int],
    current: int | None,
) -> None:
    conn.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", (target, quote_id))
    touched |= {s for s in (target, current) if s is not None}
