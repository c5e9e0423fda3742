"""What whosaid keeps of a Wikidata entity: names, kind, and the claims that link.

People are items with "instance of" (P31) human (Q5); organisations are items
whose P31 is one of `ORG_CLASSES` (companies, parties, government bodies,
unions, clubs, news media...). Subclasses are not followed: an item typed only
as a rarer kind of organisation is left out unless `extra_org_classes` names
its class. Everything else in a dump is skipped, except the labels of the
items people and organisations refer to (their offices, parties and
occupations), which the index keeps by name.

Kept per entity: the English label (else the multilingual one, else any),
English aliases, description, gender (P21), birth and death (P569, P570),
sitelink count, and these claims with their start/end (P580/P582) qualifiers:
occupation P106, position held P39, party P102, employer P108, member of P463,
sports team P54, citizenship P27, country P17.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HUMAN = "Q5"
ORG_CLASSES = frozenset(
    [
        "Q43229",
        "Q4830453",
        "Q783794",
        "Q891723",
        "Q6881511",
        "Q7278",
        "Q327333",
        "Q2659904",
        "Q484652",
        "Q7210356",
        "Q178706",
        "Q1331793",
        "Q11032",
        "Q1110794",
        "Q1616075",
        "Q15265344",
        "Q15911314",
        "Q163740",
        "Q157031",
        "Q48204",
        "Q476028",
        "Q847017",
        "Q2085381",
        "Q1664720",
        "Q31855",
        "Q3918",
        "Q1058914",
        "Q161726",
        "Q4438121",
        "Q17149090",
        "Q13226383",
        "Q245065",
        "Q1802419",
        "Q18388277",
        "Q192350",
        "Q155076",
        "Q1030034",
        "Q294163",
        "Q46970",
        "Q1320047",
        "Q2001305",
        "Q4671277",
        "Q3356092",
        "Q55097243",
        "Q1785733",
        "Q210167",
        "Q1137962",
    ]
)
LINK_PROPERTIES = ("P106", "P39", "P102", "P108", "P463", "P54", "P27", "P17", "P31")


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement: property, the item it points to, and when it held."""

    prop: str
    value: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation as the knowledge base keeps it."""

    qid: str
    kind: str  # person | org
    label: str
    description: str | None
    aliases: tuple[str, ...]
    claims: tuple[Claim, ...]
    gender: str | None = None
    born: str | None = None
    died: str | None = None
    sitelinks: int = 0


def kind_of(
    data: dict[str, Any], extra_org_classes: frozenset[str] = frozenset()
) -> str | None:
    """Return "person", "org" or None for a raw dump entity."""
    classes = {claim.value for claim in _claims(data, "P31")}
    if HUMAN in classes:
        return "person"
    if classes & (ORG_CLASSES | extra_org_classes):
        return "org"
    return None


def read_entity(data: dict[str, Any], kind: str) -> Entity | None:
    """Return the entity of a raw dump line, or None when it has no name."""
    label = label_of(data)
    if label is None:
        return None
    claims = tuple(claim for prop in LINK_PROPERTIES for claim in _claims(data, prop))
    gender = next((c.value for c in _claims(data, "P21")), None)
    return Entity(
        qid=str(data["id"]),
        kind=kind,
        label=label,
        description=_text(data.get("descriptions")),
        aliases=tuple(
            alias["value"]
            for lang in ("en", "mul")
            for alias in (data.get("aliases") or {}).get(lang, [])
            if isinstance(alias, dict) and isinstance(alias.get("value"), str)
        ),
        claims=claims,
        gender=gender,
        born=_first_time(data, "P569"),
        died=_first_time(data, "P570"),
        sitelinks=len(data.get("sitelinks") or {}),
    )


def label_of(data: dict[str, Any]) -> str | None:
    """The English label, else the multilingual one, else the first there is."""
    return _text(data.get("labels"))


def referenced(entity: Entity) -> set[str]:
    """Items an entity's claims point to (offices, parties, occupations...)."""
    return {claim.value for claim in entity.claims} | (
        {entity.gender} if entity.gender else set()
    )


def _text(values: Any) -> str | None:
    if not isinstance(values, dict) or not values:
        return None
    for lang in ("en", "mul", *values):
        value = values.get(lang)
        if isinstance(value, dict) and isinstance(value.get("value"), str):
            return str(value["value"])
    return None


def _claims(data: dict[str, Any], prop: str) -> list[Claim]:
    found = []
    for statement in (data.get("claims") or {}).get(prop, []):
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        value = _value(statement.get("mainsnak"))
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            continue
        qualifiers = statement.get("qualifiers") or {}
        found.append(
            Claim(
                prop,
                value["id"],
                _time_of(qualifiers.get("P580")),
                _time_of(qualifiers.get("P582")),
            )
        )
    return found


def _value(snak: Any) -> Any:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _time_of(snaks: Any) -> str | None:
    for snak in snaks or []:
        value = _value(snak)
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            return _day(value["time"])
    return None


def _first_time(data: dict[str, Any], prop: str) -> str | None:
    for statement in (data.get("claims") or {}).get(prop, []):
        value = (
            _value(statement.get("mainsnak")) if isinstance(statement, dict) else None
        )
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            return _day(value["time"])
    return None


def _day(time: str) -> str | None:
    """'+1961-05-02T00:00:00Z' -> '1961-05-02'; a year alone -> 'YYYY-01-01'."""
    body = time.lstrip("+")
    if body.startswith("-"):
        return None  # BCE: no one quoted in the news
    date = body.split("T", 1)[0]
    parts = date.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    year, month, day = parts
    return f"{int(year):04d}-{max(int(month), 1):02d}-{max(int(day), 1):02d}"
