"""Link the index's speakers to knowledge-base items: `whosaid link --kb FILE`.

Each speaker's candidates are scored article by article
(`whosaid.kb.score`). When the articles of one speaker decide for two items,
the speaker is two people (two "Michael Howard"s, a politician and a coach):
each item's articles get a speaker of their own; articles that decide nothing
stay, and that speaker is left ambiguous. A speaker whose articles decide
nothing is linked on the scores summed over its articles, with the same
thresholds, or left ambiguous and listed with its candidates. Speakers
linked to the same item become one ("the EU", "The European Union").

User decisions (`speakers link`, `speakers unlink`; `whosaid.kb.decisions`)
are kept by speaker key and beat the scores on every run, also after
re-ingest. Each run first undoes the previous run's automatic links, splits
and merges, so two runs give the same result. Quotes never change; only which
speaker holds them.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from whosaid.kb.decisions import save_kb_link
from whosaid.kb.score import (
    Candidate,
    Group,
    article_groups,
    decide,
    find_candidates,
    rank_candidates,
    reasons_for,
    score_article,
)
from whosaid.store.linker import SpeakerLinker, refresh_speakers

_SPLIT_KEY = re.compile(r"(.+) \(q\d+\)")


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
            save_kb_link(conn, kb, speaker_id, key, decisions[key], "user", None, [])
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
    candidates = find_candidates(conn, kb, speaker_id, key, is_org)
    if not candidates:
        conn.execute(
            "UPDATE speakers SET external_id = NULL WHERE id = ?", (speaker_id,)
        )
        report.no_candidate += 1
        return
    groups = article_groups(conn, speaker_id)
    scores = {g.article_id: score_article(g, candidates, is_org) for g in groups}
    decided: dict[str, list[Group]] = defaultdict(list)
    undecided: list[Group] = []
    for group in groups:
        best = decide(scores[group.article_id])
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
        else decide({qid: (total, []) for qid, total in totals.items()})
    )
    ranked = rank_candidates(totals, candidates)
    if best is None:
        save_kb_link(
            conn, kb, speaker_id, key, None, "auto", None, ranked, status="ambiguous"
        )
        report.ambiguous.append(
            {"speaker": name, "id": speaker_id, "candidates": ranked}
        )
        return
    evidence = reasons_for(best, groups, scores, candidates)
    score = max(scores[g.article_id][best][0] for g in groups)
    save_kb_link(
        conn, kb, speaker_id, key, best, "auto", round(score, 2), ranked, evidence
    )
    report.linked += 1


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
        evidence = reasons_for(qid, groups, scores, candidates)
        score = max(scores[g.article_id][qid][0] for g in groups)
        ranked = rank_candidates(
            {q: sum(scores[g.article_id][q][0] for g in groups) for q in candidates},
            candidates,
        )
        save_kb_link(
            conn, kb, target, target_key, qid, "auto", round(score, 2), ranked, evidence
        )
        report.linked += 1
    if stay is None:
        totals: dict[str, float] = defaultdict(float)
        for g in undecided:
            for qid, (score, _) in scores[g.article_id].items():
                totals[qid] += score
        ranked = rank_candidates(totals, candidates)
        save_kb_link(
            conn, kb, speaker_id, key, None, "auto", None, ranked, status="ambiguous"
        )
        report.ambiguous.append(
            {"speaker": name, "id": speaker_id, "candidates": ranked}
        )
    refresh_speakers(conn, touched)
