"""Score a speaker's candidate items, article by article (#14).

Candidates are the items whose label or alias has one of the speaker's
identity keys. Each article the speaker is quoted in scores every candidate:
- the name: 1.0 for the label, 0.8 for an alias;
- the titles and organisations written next to the quotes against the item's
  offices (P39), party (P102), employer (P108), memberships (P463), team
  (P54), occupations (P106) and description: +2 for an office held on the
  article's date, +1 for an office left before it or any other shared word,
  +0.5 for an office taken later (words compared on their first six letters);
- the date against the life: -5 when quoted before the age of 10, -3 more
  than a year after death;
- a kind the engine disagrees with (a person item for an organisation
  speaker): -1; how known the item is (sitelinks): up to +0.25.
`decide` picks a candidate scoring at least `MIN_SCORE` and `MARGIN` more
than the next, or none.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from whosaid.store.names import identity_key

MIN_SCORE = 0.8


MARGIN = 0.75


_WORD = re.compile(r"[^\W\d_]{3,}")


_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "who",
        "was",
        "his",
        "her",
        "its",
        "their",
        "of",
        "former",
        "new",
        "chief",
        "head",
        "senior",
        "deputy",
        "party",
    ]
)


@dataclass
class Candidate:
    """One knowledge-base item a speaker may be, with what the KB says of it."""

    qid: str
    kind: str
    label: str
    description: str | None
    born: str | None
    died: str | None
    sitelinks: int
    by_label: bool
    claims: list[tuple[str, str, str | None, str | None]]  # prop, label, start, end

    def facts(self, prop: str) -> list[str]:
        return sorted({label for p, label, _, _ in self.claims if p == prop})


@dataclass
class Group:
    """A speaker's quotes in one article: what the article says of them."""

    article_id: int
    day: str | None
    words: set[str]
    quotes: int


def find_candidates(
    conn: sqlite3.Connection,
    kb: sqlite3.Connection,
    speaker_id: int,
    key: str,
    is_org: bool,
) -> dict[str, Candidate]:
    """Items named like the speaker, or like its full names as written."""
    keys = {key} | {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT speaker_key FROM quotes WHERE speaker_id = ? "
            "AND speaker_key IS NOT NULL",
            (speaker_id,),
        )
    }
    idents = sorted({identity_key(k) for k in keys if is_org or " " in k})
    if not idents:
        return {}
    marks = ",".join("?" * len(idents))
    rows = kb.execute(
        f"SELECT e.qid, e.kind, e.label, e.description, e.born, e.died, e.sitelinks, "
        f"max(n.is_label) FROM names AS n JOIN entities AS e ON e.qid = n.qid "
        f"WHERE n.ident IN ({marks}) GROUP BY e.qid LIMIT 50",
        idents,
    ).fetchall()
    found = {}
    for qid, kind, label, description, born, died, sitelinks, by_label in rows:
        claims = [
            (prop, text, start, end)
            for prop, text, start, end in kb.execute(
                "SELECT c.prop, coalesce(l.label, e.label), c.start, c.end "
                "FROM claims AS c LEFT JOIN labels AS l ON l.qid = c.value "
                "LEFT JOIN entities AS e ON e.qid = c.value WHERE c.qid = ?",
                (qid,),
            )
            if text
        ]
        found[qid] = Candidate(
            qid, kind, label, description, born, died, int(sitelinks), bool(by_label),
            claims,
        )  # fmt: skip
    return found


def article_groups(conn: sqlite3.Connection, speaker_id: int) -> list[Group]:
    groups: dict[int, Group] = {}
    for article_id, day, title, org in conn.execute(
        "SELECT article_id, date, speaker_title, speaker_org FROM quotes "
        "WHERE speaker_id = ? ORDER BY article_id",
        (speaker_id,),
    ):
        group = groups.setdefault(article_id, Group(article_id, day, set(), 0))
        group.quotes += 1
        group.words |= _words(" ".join(part for part in (title, org) if part))
    return list(groups.values())


def _words(text: str) -> set[str]:
    """Content words cut to six letters: "footballer" meets "football"."""
    return {w[:6] for w in _WORD.findall(text.casefold()) if w not in _STOP}


def score_article(
    group: Group, candidates: dict[str, Candidate], is_org: bool
) -> dict[str, tuple[float, list[str]]]:
    """Each candidate's score in one article, with the reasons for it."""
    return {qid: _score(group, c, is_org) for qid, c in candidates.items()}


def _score(group: Group, cand: Candidate, is_org: bool) -> tuple[float, list[str]]:
    score = 1.0 if cand.by_label else 0.8
    why = ["label" if cand.by_label else "alias"]
    day = group.day
    best_fact, fact_why = 0.0, ""
    for prop, label, start, end in cand.claims:
        if prop in ("P27", "P17", "P31") or not group.words & _words(label):
            continue
        if prop == "P39" and day and (start or end):
            held = (start or "0000") <= day <= (end or "9999")
            # A former office still describes someone ("former Home
            # Secretary"); one not yet held hardly does.
            points = 2.0 if held else 1.0 if end and day > end else 0.5
            when = "held on" if held else "not held on"
            note = f"{label} ({start or '?'} to {end or 'now'}) {when} {day}"
        else:
            points, note = 1.0, label
        if points > best_fact:
            best_fact, fact_why = points, note
    if best_fact:
        score += best_fact
        why.append(fact_why)
    elif cand.description and group.words & _words(cand.description):
        score += 1.0
        why.append(f"description: {cand.description}")
    if day and cand.born and day < _years_after(cand.born, 10):
        score -= 5.0
        why.append(f"born {cand.born}")
    if day and cand.died and day > _years_after(cand.died, 1):
        score -= 3.0
        why.append(f"died {cand.died}")
    if (cand.kind == "org") != is_org:
        score -= 1.0
    score += min(math.log1p(cand.sitelinks) / 20, 0.25)
    return score, why


def _years_after(day: str, years: int) -> str:
    try:
        start = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{start.year + years:04d}{day[4:]}"


def decide(scores: dict[str, tuple[float, list[str]]]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    if not ranked or ranked[0][1][0] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < MARGIN:
        return None
    return ranked[0][0]


def rank_candidates(
    totals: dict[str, float], candidates: dict[str, Candidate]
) -> list[dict[str, Any]]:
    return [
        {
            "qid": qid,
            "label": candidates[qid].label,
            "description": candidates[qid].description,
            "score": round(total, 2),
        }
        for qid, total in sorted(totals.items(), key=lambda item: -item[1])[:5]
    ]


def reasons_for(
    qid: str,
    groups: list[Group],
    scores: dict[int, dict[str, tuple[float, list[str]]]],
    candidates: dict[str, Candidate],
) -> list[str]:
    reasons = {reason for g in groups for reason in scores[g.article_id][qid][1]}
    others = len(candidates) - 1
    kept = sorted(reasons)[:6]
    return kept + ([f"{others} other candidates"] if others else [])
