"""The JSON API says whom a speaker name chose and whom else it may mean (#14)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from store_helpers import Said, make_result
from whosaid.store import Ingester, connect

pytest.importorskip("fastapi")
pytestmark = pytest.mark.issue(14)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    db = Path(tmp_path_factory.mktemp("hint")) / "index.db"
    conn = connect(db)
    Ingester(conn, engine="test:1").ingest(
        [
            make_result("b1", [Said("Bill Clinton", "the budget will balance")]),
            make_result("b2", [Said("Bill Clinton", "the budget is a promise")]),
            make_result("h1", [Said("Hillary Clinton", "the budget needs work")]),
            make_result("r1", [Said("Thomas Reed", "the harbour will reopen")]),
        ]
    )
    conn.close()
    return TestClient(create_app(db))


def test_quote_search_lists_the_other_speakers_a_surname_may_mean(client: Any) -> None:
    found = client.get("/api/quotes?q=budget&speaker=Clinton&kind=all").json()
    assert found["speaker_chosen"]["name"] == "Bill Clinton"
    assert found["speaker_chosen"]["quotes"] == 2
    assert [(s["name"], s["quotes"]) for s in found["did_you_mean"]] == [
        ("Hillary Clinton", 1)
    ]
    # The filter keeps the chosen speaker; the hint's id selects the other.
    assert {q["speaker"] for q in found["quotes"]} == {"Bill Clinton"}
    other = found["did_you_mean"][0]["id"]
    hers = client.get(f"/api/quotes?q=budget&speaker=%23{other}&kind=all").json()
    assert [q["speaker"] for q in hers["quotes"]] == ["Hillary Clinton"]
    assert hers["did_you_mean"] == []


def test_no_hint_without_a_speaker_and_none_for_nobody(client: Any) -> None:
    plain = client.get("/api/quotes?q=budget&kind=all").json()
    assert plain["speaker_chosen"] is None and plain["did_you_mean"] == []
    nobody = client.get("/api/quotes?speaker=Nobody+Known").json()
    assert nobody["quotes"] == [] and nobody["speaker_chosen"] is None
    one = client.get("/api/quotes?speaker=Reed&kind=all").json()
    assert one["speaker_chosen"]["name"] == "Thomas Reed" and one["did_you_mean"] == []


def test_speaker_list_by_name_carries_the_hint(client: Any) -> None:
    listed = client.get("/api/speakers?name=Clinton").json()
    assert [s["name"] for s in listed["speakers"]] == [
        "Bill Clinton",
        "Hillary Clinton",
    ]
    assert listed["speaker_chosen"]["name"] == "Bill Clinton"
    assert [s["name"] for s in listed["did_you_mean"]] == ["Hillary Clinton"]
    assert client.get("/api/speakers").json()["did_you_mean"] == []
