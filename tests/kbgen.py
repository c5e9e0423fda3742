"""Write knowledge bases in Wikidata's JSON dump format, all made up (#14).

Every item here is invented for tests, the samples and benchmarks: the people
of `samples/` are fictional, and so are these entries about them. Their ids
are in a range Wikidata will not reach for a long time, Q990000001 and up,
so no one takes them for real items (real ones were below Q140000000 in 2026).

- `SAMPLES`: the people and organisations of `samples/` (`samples/kb.json`);
- `CASES`: namesakes and look-alikes for the linking tests and the
  precision/recall set (`tests/data/kb.json`): two Michael Howards (a party
  leader, a basketball coach), three Chris Evanses, three John Smiths, a
  Thomas Reed who died in 1902, Bill and Hillary Clinton, Donald Trump and
  Donald Trump Jr., Time Warner, Microsoft...
- `write_synthetic`: N generated people and organisations, for the 1M
  benchmark (`benchmarks/kb_link.py`).

Run it:  python tests/kbgen.py samples samples/kb.json
         python tests/kbgen.py cases tests/data/kb.json
         python tests/kbgen.py synthetic /tmp/kb-1m.json.gz 1000000
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

BASE = 990_000_000


def qid(n: int) -> str:
    """A made-up item id in the reserved range."""
    return f"Q{BASE + n}"


def _snak(prop: str, value: dict[str, Any], kind: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": value, "type": kind},
        "datatype": "wikibase-item" if kind == "wikibase-entityid" else "time",
    }


def _item_value(target: str) -> dict[str, Any]:
    return {"entity-type": "item", "numeric-id": int(target[1:]), "id": target}


def _time_value(day: str) -> dict[str, Any]:
    precision = 11 if len(day) == 10 else 9
    full = day if len(day) == 10 else f"{day}-00-00"
    return {
        "time": f"+{full}T00:00:00Z",
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
    }


def _statement(
    subject: str, n: int, prop: str, target: str, start: str | None, end: str | None
) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "mainsnak": _snak(prop, _item_value(target), "wikibase-entityid"),
        "type": "statement",
        "id": f"{subject}${n:08d}-0000-0000-0000-000000000000",
        "rank": "normal",
    }
    qualifiers = {
        p: [_snak(p, _time_value(day), "time")]
        for p, day in (("P580", start), ("P582", end))
        if day
    }
    if qualifiers:
        statement["qualifiers"] = qualifiers
        statement["qualifiers-order"] = list(qualifiers)
    return statement


def item(
    id_: str,
    label: str,
    description: str | None = None,
    *,
    aliases: Iterable[str] = (),
    claims: Iterable[tuple[str, str] | tuple[str, str, str | None, str | None]] = (),
    born: str | None = None,
    died: str | None = None,
    sitelinks: int = 0,
) -> dict[str, Any]:
    """An entity as the dump writes it: labels, descriptions, aliases, claims."""
    data: dict[str, Any] = {
        "type": "item",
        "id": id_,
        "labels": {"en": {"language": "en", "value": label}},
        "descriptions": (
            {"en": {"language": "en", "value": description}} if description else {}
        ),
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases]}
        if aliases
        else {},
        "claims": {},
        "sitelinks": {
            f"wiki{n}": {"site": f"wiki{n}", "title": label, "badges": []}
            for n in range(sitelinks)
        },
    }
    statements = data["claims"]
    for n, claim in enumerate(claims):
        prop, target, start, end = (*claim, None, None)[:4]
        statements.setdefault(prop, []).append(
            _statement(id_, n, prop, target, start, end)
        )
    for prop, day in (("P569", born), ("P570", died)):
        if day:
            statements[prop] = [
                {
                    "mainsnak": _snak(prop, _time_value(day), "time"),
                    "type": "statement",
                    "id": f"{id_}${prop}",
                    "rank": "normal",
                }
            ]
    return data


def write_dump(items: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write items as the published dumps do: `[`, one per line with commas, `]`."""
    out.write("[\n")
    count, previous = 0, None
    for data in items:
        if previous is not None:
            out.write(previous + ",\n")
        previous = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        count += 1
    if previous is not None:
        out.write(previous + "\n")
    out.write("]\n")
    return count


HUMAN, COMPANY, PARTY, GOV, UNION_, CLUB = (
    "Q5", "Q4830453", "Q7278", "Q327333", "Q178706", "Q476028",
)  # fmt: skip


def _labels(table: dict[int, str]) -> list[dict[str, Any]]:
    return [item(qid(n), label) for n, label in table.items()]


def _person(
    n: int, label: str, description: str, *claims: Any, **extra: Any
) -> dict[str, Any]:
    return item(qid(n), label, description, claims=[("P31", HUMAN), *claims], **extra)


def _org(
    n: int, label: str, description: str, kind: str, **extra: Any
) -> dict[str, Any]:
    claims = [("P31", kind), *extra.pop("claims", [])]
    return item(qid(n), label, description, claims=claims, **extra)


# Offices, parties, occupations: labels the people below refer to.
SAMPLE_LABELS = {
    901: "Deputy National Security Adviser",
    902: "Treasury spokesperson",
    903: "Senate Majority Leader",
    904: "physician",
    905: "chief executive of the regional health board",
    906: "association football manager",
    907: "association football player",
    908: "Harbour Master of the Port of Lisbon",
    909: "spokesperson",
    910: "Governor of the Central Bank of Kenya",
    911: "economist",
    912: "general secretary of the train drivers' union",
    913: "Transport Minister",
    914: "cricketer",
    915: "politician",
    916: "trade unionist",
    917: "Civic Alliance",
    918: "United",
    919: "school teacher",
}


def samples() -> list[dict[str, Any]]:
    """The people and organisations of `samples/`, made up like the samples."""
    return [
        *_labels(SAMPLE_LABELS),
        _person(1, "Thomas Reed", "fictional deputy national security adviser",
                ("P39", qid(901), "2024-03-01", None), ("P106", qid(915)),
                aliases=["Tom Reed"], born="1968-04-02"),
        _person(2, "Thomas Reed", "fictional 19th-century school teacher",
                ("P106", qid(919)), born="1830-01-01", died="1902-06-30"),
        _person(3, "Maria Okafor", "fictional Treasury spokeswoman",
                ("P39", qid(902), "2023-01-01", None), born="1980-09-12"),
        _person(4, "Ruth Calloway", "fictional senator",
                ("P39", qid(903), "2025-01-03", None), ("P102", qid(917)),
                ("P106", qid(915)), born="1959-02-20"),
        _person(5, "Helen Marsh", "fictional physician", ("P106", qid(904))),
        _person(6, "Robert Ashworth", "fictional health board executive",
                ("P39", qid(905), "2021-05-01", None)),
        _person(7, "Luca Benedetti", "fictional football manager", ("P106", qid(906))),
        _person(8, "Kwame Mensah", "fictional footballer, captain of United",
                ("P106", qid(907)), ("P54", qid(918))),
        _person(9, "Ines Duarte", "fictional harbour master", ("P39", qid(908))),
        _person(10, "Paulo Teixeira", "fictional carriers' association spokesman",
                ("P106", qid(909))),
        _person(11, "Samuel Kiptoo", "fictional central bank governor",
                ("P39", qid(910), "2023-06-01", None)),
        _person(12, "Wanjiru Kamau", "fictional Nairobi economist", ("P106", qid(911))),
        _person(13, "Aisha Bello", "fictional trade union leader",
                ("P39", qid(912), "2022-01-01", None), ("P106", qid(916))),
        _person(14, "Graham Holt", "fictional transport minister",
                ("P39", qid(913), "2025-07-01", None), ("P102", qid(917)),
                ("P106", qid(915)), born="1971-11-03"),
        _person(15, "Graham Holt", "fictional cricketer", ("P106", qid(914)),
                born="1999-05-05"),
        _person(16, "Martin Shaw", "fictional rail operators' spokesman",
                ("P106", qid(909))),
        _person(17, "Gwen Pritchard", "fictional patient advocate"),
        _org(30, "Treasury Department", "fictional finance ministry", GOV,
             aliases=["The Treasury", "Treasury"]),
        _org(31, "Civic Alliance", "fictional political party", PARTY),
        _org(32, "United", "fictional football club", CLUB),
    ]  # fmt: skip


def write_synthetic(
    path: Path, count: int, *, names: Iterable[str] = (), seed: int = 14
) -> int:
    """Write `count` generated people and organisations (gzip when .gz).

    Each of `names` gets two namesakes among them, so that a benchmark's
    speakers all have candidates to score.
    """
    taken = list(names)
    rng = random.Random(seed)
    first = [f"Given{n}" for n in range(2000)]
    last = [f"Family{n}" for n in range(20000)]
    offices = [qid(500_000 + n) for n in range(200)]

    def entities() -> Iterator[dict[str, Any]]:
        for n, office in enumerate(offices):
            yield item(office, f"Office {n}")
        for n in range(count):
            if n < 2 * len(taken):
                yield _person(
                    1_000_000 + n, taken[n // 2], "generated namesake",
                    ("P39", rng.choice(offices), "2000-01-01", "2010-12-31"),
                    sitelinks=rng.randrange(4),
                )  # fmt: skip
                continue
            if n % 10 == 9:
                yield _org(1_000_000 + n, f"Company {n} Holdings", "generated company",
                           COMPANY, aliases=[f"Company {n}"])  # fmt: skip
                continue
            start = 1950 + rng.randrange(70)
            yield _person(
                1_000_000 + n,
                f"{rng.choice(first)} {rng.choice(last)}",
                "generated person",
                ("P39", rng.choice(offices), f"{start}-01-01", f"{start + 4}-12-31"),
                ("P106", rng.choice(offices)),
                aliases=[f"{rng.choice(first)[0]}. {rng.choice(last)}"],
                born=f"{start - 40}-01-01",
                sitelinks=rng.randrange(4),
            )

    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as out:
        return write_dump(entities(), out)


def main(argv: list[str]) -> None:
    what, target = argv[0], Path(argv[1])
    if what == "synthetic":
        print(write_synthetic(target, int(argv[2])))
        return
    from kbcases import cases

    items = samples() if what == "samples" else cases()
    with target.open("w", encoding="utf-8") as out:
        print(write_dump(items, out))


if __name__ == "__main__":
    main(sys.argv[1:])
