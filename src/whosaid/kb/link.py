"""Link the index's speakers to knowledge-base items: `whosaid link --kb FILE`.

For each speaker, the candidates are the items one of its names (as the
speaker is called, or as written next to its quotes) is the label or an alias
of. Each article the speaker is quoted in scores every candidate:
- the name: 1.0 for the label, 0.8 for an alias;
- the titles and organisations written next to the quotes against the item's
  offices (P39), party (P102), employer (P108), memberships (P463),
  occupations (P106) and description: +2 for an office held on the article's
  date, +1 for an office left before it or any other shared word, +0.5 for an
  office taken later (words compared on their first six letters);
- the date against the life: -5 when quoted before the age of 10, -3 more
  than a year after death;
- a kind the engine disagrees with (a person item for an organisation
  speaker): -1; how known the item is (sitelinks): up to +0.5.
An article decides when its best candidate scores at least `MIN_SCORE` and
`MARGIN` more than the next. When the articles of one speaker decide for two
items, the speaker is two people (two "Michael Howard"s, a politician and a
coach): each item's articles get a speaker of their own; articles that decide
nothing stay, and that speaker is left ambiguous. A speaker whose articles
decide nothing is linked on the scores summed over its articles, with the
same thresholds, or left ambiguous and listed with its candidates. Speakers
linked to the same item become one ("the EU", "The European Union").

User decisions (`speakers link`, `speakers unlink`) are kept by speaker key in
`speaker_kb_decisions` and beat the scores on every run, also after
re-ingest. Quotes never change; only which speaker holds them.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from whosaid.errors import WhosaidError
from whosaid.store.linker import SpeakerLinker, refresh_speakers
from whosaid.store.names import identity_key

_SPLIT_KEY = re.compile(r"(.+) \(q\d+\)")
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


@dataclass
class LinkReport:
    """What a run did; `ambiguous` lists speakers with their candidates."""

    linked: int = 0
    split: int = 0
    merged: int = 0
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    no_candidate: int = 0
    decided_by_user: int = 0

    def summary(self) -> str:
        return (
            f"linked {self.linked} speakers ({self.decided_by_user} by user "
            f"decisions, {self.split} namesakes split off, {self.merged} "
            "speakers merged into another with the same item); "
            f"{len(self.ambiguous)} ambiguous, left unlinked; "
            f"{self.no_candidate} without a candidate"
        )


def link_speakers(conn: sqlite3.Connection, kb: sqlite3.Connection) -> LinkReport:
    """Link every speaker of the index to a KB item, or list it as ambiguous.

    Call inside a transaction on `conn`.
    """
    report = LinkReport()
    decisions = dict(
        conn.execute("SELECT speaker_key, qid FROM speaker_kb_decisions").fetchall()
    )
    _undo_auto_links(conn)
    speakers = conn.execute(
        "SELECT id, key, name, is_org, external_id FROM speakers WHERE quote_count > 0"
    ).fetchall()
    for speaker_id, key, name, is_org, external_id in speakers:
        if key in decisions:
            _save(conn, kb, speaker_id, key, decisions[key], "user", None, [])
            report.decided_by_user += decisions[key] is not None
            report.linked += decisions[key] is not None
            continue
        if (
            external_id
            and not conn.execute(
                "SELECT 1 FROM speaker_kb_links WHERE speaker_key = ?", (key,)
            ).fetchone()
        ):
            continue  # set by an alias file: the user's word
        _link_one(conn, kb, (speaker_id, key, name, bool(is_org)), report)
    _merge_same_items(conn, report)
    return report


def _merge_same_items(conn: sqlite3.Connection, report: LinkReport) -> None:
    """Speakers linked to one item are one: "the EU" and "The European Union".

    The quotes move to the speaker with the most; `speaker_kb_merges` keeps
    where each came from, so the next run (or an unlink) can give them back.
    """
    groups = conn.execute(
        "SELECT s.external_id, s.id, s.key FROM speakers AS s "
        "JOIN speaker_kb_links AS k ON k.speaker_key = s.key "
        "WHERE k.status = 'linked' AND s.quote_count > 0 AND s.external_id IN ("
        "SELECT s2.external_id FROM speakers AS s2 JOIN speaker_kb_links AS k2 "
        "ON k2.speaker_key = s2.key WHERE k2.status = 'linked' AND s2.quote_count > 0 "
        "GROUP BY s2.external_id HAVING count(*) > 1) "
        "ORDER BY s.external_id, s.quote_count DESC, s.id"
    ).fetchall()
    keep: dict[str, int] = {}
    touched: set[int] = set()
    for qid, speaker_id, key in groups:
        if qid not in keep:
            keep[qid] = speaker_id
            continue
        conn.execute(
            "INSERT OR REPLACE INTO speaker_kb_merges (quote_id, from_key) "
            "SELECT id, ? FROM quotes WHERE speaker_id = ?",
            (key, speaker_id),
        )
        conn.execute(
            "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?",
            (keep[qid], speaker_id),
        )
        conn.execute(
            "UPDATE speakers SET external_id = NULL WHERE id = ?", (speaker_id,)
        )
        touched |= {keep[qid], speaker_id}
        report.merged += 1
    refresh_speakers(conn, touched)


def _undo_auto_links(conn: sqlite3.Connection) -> None:
    """Forget the last run's automatic links; give split namesakes back."""
    rows = conn.execute(
        "SELECT k.speaker_key, s.id, s.name, s.is_org FROM speaker_kb_links AS k "
        "JOIN speakers AS s ON s.key = k.speaker_key WHERE k.origin = 'auto'"
    ).fetchall()
    linker, touched = SpeakerLinker(conn), set()
    for quote_id, from_key, name, is_org, speaker_id in conn.execute(
        "SELECT m.quote_id, m.from_key, q.speaker_name, q.speaker_is_org, q.speaker_id "
        "FROM speaker_kb_merges AS m JOIN quotes AS q ON q.id = m.quote_id"
    ).fetchall():
        origin = linker.speaker_id(
            from_key, name or from_key, is_org=bool(is_org), exact=True
        )
        conn.execute(
            "UPDATE quotes SET speaker_id = ? WHERE id = ?", (origin, quote_id)
        )
        touched |= {origin, speaker_id}
    conn.execute("DELETE FROM speaker_kb_merges")
    for key, speaker_id, name, is_org in rows:
        conn.execute(
            "UPDATE speakers SET external_id = NULL WHERE id = ?", (speaker_id,)
        )
        base = _SPLIT_KEY.fullmatch(key)
        if base is not None:
            origin = linker.speaker_id(
                base.group(1), name, is_org=bool(is_org), exact=True
            )
            conn.execute(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?",
                (origin, speaker_id),
            )
            touched |= {origin, speaker_id}
    conn.execute(
        "DELETE FROM speaker_kb_names WHERE speaker_key IN "
        "(SELECT speaker_key FROM speaker_kb_links WHERE origin = 'auto')"
    )
    conn.execute("DELETE FROM speaker_kb_links WHERE origin = 'auto'")
    refresh_speakers(conn, touched)


def _link_one(
    conn: sqlite3.Connection,
    kb: sqlite3.Connection,
    speaker: tuple[int, str, str, bool],
    report: LinkReport,
) -> None:
    speaker_id, key, name, is_org = speaker
    candidates = _candidates(conn, kb, speaker_id, key, is_org)
    if not candidates:
        conn.execute(
            "UPDATE speakers SET external_id = NULL WHERE id = ?", (speaker_id,)
        )
        report.no_candidate += 1
        return
    groups = _groups(conn, speaker_id)
    scores = {g.article_id: _scores(g, candidates, is_org) for g in groups}
    decided: dict[str, list[Group]] = defaultdict(list)
    undecided: list[Group] = []
    for group in groups:
        best = _decide(scores[group.article_id])
        (decided[best] if best else undecided).append(group)
    if len(decided) > 1:
        _split(conn, kb, speaker, decided, undecided, candidates, scores, report)
        return
    totals: dict[str, float] = defaultdict(float)
    for group in groups:
        for qid, (score, _) in scores[group.article_id].items():
            totals[qid] += score
    best = (
        next(iter(decided))
        if decided
        else _decide({qid: (total, []) for qid, total in totals.items()})
    )
    ranked = _ranked(totals, candidates)
    if best is None:
        _save(conn, kb, speaker_id, key, None, "auto", None, ranked, status="ambiguous")
        report.ambiguous.append(
            {"speaker": name, "id": speaker_id, "candidates": ranked}
        )
        return
    evidence = _evidence(best, groups, scores, candidates)
    score = max(scores[g.article_id][best][0] for g in groups)
    _save(conn, kb, speaker_id, key, best, "auto", round(score, 2), ranked, evidence)
    report.linked += 1


def _candidates(
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


def _groups(conn: sqlite3.Connection, speaker_id: int) -> list[Group]:
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


def _scores(
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


def _decide(scores: dict[str, tuple[float, list[str]]]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    if not ranked or ranked[0][1][0] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < MARGIN:
        return None
    return ranked[0][0]


def _ranked(
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


def _evidence(
    qid: str,
    groups: list[Group],
    scores: dict[int, dict[str, tuple[float, list[str]]]],
    candidates: dict[str, Candidate],
) -> list[str]:
    reasons = {reason for g in groups for reason in scores[g.article_id][qid][1]}
    others = len(candidates) - 1
    kept = sorted(reasons)[:6]
    return kept + ([f"{others} other candidates"] if others else [])


def _split(
    conn: sqlite3.Connection,
    kb: sqlite3.Connection,
    speaker: tuple[int, str, str, bool],
    decided: dict[str, list[Group]],
    undecided: list[Group],
    candidates: dict[str, Candidate],
    scores: dict[int, dict[str, tuple[float, list[str]]]],
    report: LinkReport,
) -> None:
    """One name, several people: give each item's articles its own speaker."""
    speaker_id, key, name, is_org = speaker
    by_size = sorted(decided, key=lambda qid: -sum(g.quotes for g in decided[qid]))
    stay = None if undecided else by_size[0]
    linker = SpeakerLinker(conn)
    touched = {speaker_id}
    for qid in by_size:
        groups = decided[qid]
        target = speaker_id
        target_key = key
        if qid != stay:
            target_key = f"{key} ({qid.lower()})"
            target = linker.speaker_id(target_key, name, is_org=is_org, exact=True)
            conn.execute(
                "UPDATE speakers SET surname = NULL WHERE id = ?", (target,)
            )  # a namesake is never a bare surname's only candidate twice
            conn.executemany(
                "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ? AND article_id = ?",
                [(target, speaker_id, g.article_id) for g in groups],
            )
            touched.add(target)
            report.split += 1
        evidence = _evidence(qid, groups, scores, candidates)
        score = max(scores[g.article_id][qid][0] for g in groups)
        ranked = _ranked(
            {q: sum(scores[g.article_id][q][0] for g in groups) for q in candidates},
            candidates,
        )
        _save(
            conn, kb, target, target_key, qid, "auto", round(score, 2), ranked, evidence
        )
        report.linked += 1
    if stay is None:
        totals: dict[str, float] = defaultdict(float)
        for g in undecided:
            for qid, (score, _) in scores[g.article_id].items():
                totals[qid] += score
        ranked = _ranked(totals, candidates)
        _save(conn, kb, speaker_id, key, None, "auto", None, ranked, status="ambiguous")
        report.ambiguous.append(
            {"speaker": name, "id": speaker_id, "candidates": ranked}
        )
    refresh_speakers(conn, touched)


def _save(
    conn: sqlite3.Connection,
    kb: sqlite3.Connection | None,
    speaker_id: int,
    key: str,
    qid: str | None,
    origin: str,
    score: float | None,
    candidates: list[dict[str, Any]],
    evidence: list[str] | None = None,
    *,
    status: str | None = None,
) -> None:
    """Write a speaker's link (or its absence) and copy the item's facts."""
    facts = _facts(kb, qid) if qid else {}
    conn.execute("UPDATE speakers SET external_id = ? WHERE id = ?", (qid, speaker_id))
    conn.execute("DELETE FROM speaker_kb_names WHERE speaker_key = ?", (key,))
    if qid and kb is not None:
        # "William Jefferson Clinton" finds Bill Clinton (#14).
        conn.executemany(
            "INSERT OR IGNORE INTO speaker_kb_names (ident, speaker_key) VALUES (?, ?)",
            [
                (row[0], key)
                for row in kb.execute("SELECT ident FROM names WHERE qid = ?", (qid,))
            ],
        )
    conn.execute(
        "INSERT OR REPLACE INTO speaker_kb_links (speaker_key, qid, status, origin, "
        "score, evidence, candidates, label, description, party, occupation, "
        "linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            qid,
            status or ("linked" if qid else "unlinked"),
            origin,
            score,
            json.dumps(evidence or [], ensure_ascii=False),
            json.dumps(candidates, ensure_ascii=False),
            facts.get("label"),
            facts.get("description"),
            facts.get("party"),
            facts.get("occupation"),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def _facts(kb: sqlite3.Connection | None, qid: str) -> dict[str, str | None]:
    if kb is None:
        return {}
    row = kb.execute(
        "SELECT label, description FROM entities WHERE qid = ?", (qid,)
    ).fetchone()
    if row is None:
        return {}

    def values(prop: str) -> str | None:
        labels = [
            text
            for (text,) in kb.execute(
                "SELECT DISTINCT coalesce(l.label, e.label) FROM claims AS c "
                "LEFT JOIN labels AS l ON l.qid = c.value "
                "LEFT JOIN entities AS e ON e.qid = c.value "
                "WHERE c.qid = ? AND c.prop = ? ORDER BY c.start DESC",
                (qid, prop),
            )
            if text
        ]
        return "; ".join(labels[:3]) or None

    return {
        "label": row[0],
        "description": row[1],
        "party": values("P102"),
        "occupation": values("P106"),
    }


def decide_link(
    conn: sqlite3.Connection,
    speaker: sqlite3.Row,
    qid: str | None,
    kb: sqlite3.Connection | None = None,
) -> None:
    """Record a user's link (or `qid` None: unlink) for a speaker, now and on
    every later `whosaid link`. Call inside a transaction.

    Raises:
        LinkError: If `qid` is not a Wikidata item id.
    """
    if qid is not None and not re.fullmatch(r"Q[1-9]\d*", qid):
        raise LinkError(
            f"{qid!r} is not a Wikidata item id; expected Q followed by digits"
        )
    conn.execute(
        "INSERT OR REPLACE INTO speaker_kb_decisions (speaker_key, qid, decided_at) "
        "VALUES (?, ?, ?)",
        (speaker["key"], qid, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    _save(conn, kb, int(speaker["id"]), speaker["key"], qid, "user", None, [])


class LinkError(WhosaidError):
    """A link decision that cannot be recorded."""
