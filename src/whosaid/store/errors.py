"""What went wrong in ingest runs: the rows of `ingest_errors`, by run and kind.

Every failed input, every input skipped on purpose and every warning (an id
given a suffix, a date that could not be read) of a run is a row with its
kind (#16); `whosaid errors` lists them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class InputError:
    """One failed, skipped or warned-about input of an ingest run."""

    run: int | None
    kind: str
    source: str
    reason: str
    stored: bool  # the article was kept (a warning), not lost
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def last_run(conn: sqlite3.Connection) -> int | None:
    """The id of the latest ingest run, or None before any."""
    row = conn.execute("SELECT max(id) FROM ingest_runs").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def list_errors(
    conn: sqlite3.Connection, *, run: int | None = None, kind: str | None = None
) -> list[InputError]:
    """Return the errors of run `run` (all runs when None), of one kind or all.

    Rows come in the order they were recorded, which is input order.
    """
    clauses: list[str] = []
    params: list[object] = []
    if run is not None:
        clauses.append("run_id = ?")
        params.append(run)
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        "SELECT run_id, kind, source, reason, stored, created_at FROM ingest_errors"
        f"{where} ORDER BY id",
        params,
    ).fetchall()
    return [
        InputError(
            run=None if row[0] is None else int(row[0]),
            kind=str(row[1]),
            source=str(row[2]),
            reason=str(row[3]),
            stored=bool(row[4]),
            created_at=str(row[5]),
        )
        for row in rows
    ]


def count_kinds(conn: sqlite3.Connection, run: int | None) -> dict[str, int]:
    """Count a run's errors (all runs when None) by kind."""
    where, params = ("WHERE run_id = ?", (run,)) if run is not None else ("", ())
    rows = conn.execute(
        f"SELECT kind, count(*) FROM ingest_errors {where} GROUP BY kind "
        "ORDER BY count(*) DESC",
        params,
    ).fetchall()
    return {str(row[0]): int(row[1]) for row in rows}
