"""Write gold.jsonl from the hand annotations below (run it after editing them).

Each quote is annotated by hand: its type, its content, its cue and speaker as
written, the resolved name (None for an unnamed speaker: "officials", "one
senior diplomat") and title, and its kind. Offsets are found here so
that nobody counts characters: a content must occur once in its article (or
carry "@k" for its k-th occurrence); the cue is the occurrence nearest the
content, the speaker the one nearest the cue (or the content, without a cue).

    python tests/gold/build_gold.py   # rewrites tests/gold/gold.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# (type, content, cue, speaker, speaker_name, speaker_title, kind)
Q = tuple[str, str, str | None, str | None, str | None, str | None, str]
D, I, M = "direct", "indirect", "mixed"  # noqa: E741 (short on purpose: a table)
S, B, N, E = "statement", "belief", "intention", "evaluation"

ANNOTATIONS: dict[str, list[Q]] = {
    "wire_budget": [
        (
            I,
            "The Treasury Department will delay new rules on small-business loans until next spring",
            "said",
            "officials",
            None,
            None,
            S,
        ),
        (
            I,
            "the changes would cut off credit to thousands of firms",
            "warned",
            "lenders",
            None,
            None,
            S,
        ),
        (
            D,
            "We heard the concerns loud and clear,",
            "told",
            "Helen Marsh",
            "Helen Marsh",
            "Deputy Treasury Secretary",
            S,
        ),
        (
            D,
            "Nobody wants a rule that shuts the door on a bakery or a repair shop.",
            None,
            "Helen Marsh",
            "Helen Marsh",
            "Deputy Treasury Secretary",
            S,
        ),
        (
            I,
            "the department would publish a revised draft in February",
            "said",
            "Marsh",
            "Helen Marsh",
            "Deputy Treasury Secretary",
            S,
        ),
        (
            D,
            "This is a pause, not a retreat,",
            "said",
            "Carl Vinter",
            "Carl Vinter",
            "spokesman",
            S,
        ),
        (
            D,
            "But we will keep watching.",
            None,
            "Carl Vinter",
            "Carl Vinter",
            "spokesman",
            S,
        ),
        (
            M,
            'the agency had "caved to the banks."',
            "said",
            "Dana Whitfield",
            "Dana Whitfield",
            None,
            S,
        ),
        (
            D,
            "Every month of delay is another month of predatory terms,",
            "said",
            "Whitfield",
            "Dana Whitfield",
            None,
            S,
        ),
    ],
    "british_council": [
        (
            D,
            "This bridge will link two communities that have been cut off from each other since the '60s,",
            "said",
            "Mr Patel",
            "Mr Patel",
            "council leader",
            S,
        ),
        (
            D,
            "We can't let the chance slip away.",
            None,
            "Mr Patel",
            "Mr Patel",
            "council leader",
            S,
        ),
        (
            M,
            "the figures 'simply don't add up'",
            "said",
            "Mrs Ellison",
            "Mrs Ellison",
            None,
            S,
        ),
        (D, "I've seen this happen before,", "said", "she", "Mrs Ellison", None, S),
        (
            D,
            "The estimate is always the floor, never the ceiling.",
            None,
            "she",
            "Mrs Ellison",
            None,
            S,
        ),
        (
            I,
            "it had not yet been consulted on the design",
            "said",
            "A spokesman for the Environment Agency",
            "the Environment Agency",
            "spokesman",
            S,
        ),
    ],
    "scraped_port": [
        (
            I,
            "the workers would not return until the port authority restored the overtime rates it cut in January",
            "said",
            "Tomas Brel",
            "Tomas Brel",
            "Union leader",
            S,
        ),
        (
            D,
            "We are not asking for a favour. We are asking for what we were promised,",
            "told",
            "Brel",
            "Tomas Brel",
            "Union leader",
            S,
        ),
        (
            M,
            'it remained "open to dialogue" but could not afford the old rates',
            "said",
            "The port authority",
            "the port authority",
            None,
            S,
        ),
        (
            I,
            "both sides to return to the table",
            "urged",
            "Ana Ruiz",
            "Ana Ruiz",
            "Prime Minister",
            S,
        ),
        (
            D,
            "The whole country is paying for this,",
            "said",
            "she",
            "Ana Ruiz",
            "Prime Minister",
            S,
        ),
    ],
    "longquote_hospital": [
        (
            I,
            "the move would free staff for the emergency department",
            "saying",
            "The head of Northgate General Hospital",
            "Ruth Amadi",
            "chief executive",
            S,
        ),
        (
            D,
            'The night clinic saw fewer than twelve patients on most nights last year, and many of them would have been better served by a pharmacist or a phone line.\n\n"At the same time our emergency department has been running short of nurses almost every weekend. We cannot keep two doors open and staff neither of them properly.\n\n"I know this will be hard for some families, and I am sorry for that. But I believe this is the safest choice for the most people.',
            None,
            "Ruth Amadi",
            "Ruth Amadi",
            "chief executive",
            S,
        ),
        (
            I,
            "more than 3,000 people had signed it in four days",
            "said",
            "Pete Solano",
            "Pete Solano",
            "Organiser",
            S,
        ),
        (
            D,
            "People here don't have cars,",
            "said",
            "Solano",
            "Pete Solano",
            "Organiser",
            S,
        ),
        (
            D,
            "A clinic twenty miles away might as well be on the moon.",
            None,
            "Solano",
            "Pete Solano",
            "Organiser",
            S,
        ),
    ],
    "sports_final": [
        (
            D,
            "I told the lads at half-time to keep believing,",
            "said",
            "Mick Dorran",
            "Mick Dorran",
            "coach",
            S,
        ),
        (
            D,
            "They did, and look at them now.",
            None,
            "Mick Dorran",
            "Mick Dorran",
            "coach",
            S,
        ),
        (
            D,
            "the best night of my life.",
            "called",
            "Abel Nwosu",
            "Abel Nwosu",
            "Striker",
            E,
        ),
        (D, "a joke", "described", "She", "Joan Petrie", "manager", E),
        (
            I,
            "she would write to the league",
            "said",
            "She",
            "Joan Petrie",
            "manager",
            S,
        ),
        (
            D,
            "We were the better side for seventy minutes,",
            "said",
            "Petrie",
            "Joan Petrie",
            "manager",
            S,
        ),
        (
            D,
            "and we go home with nothing.",
            "said",
            "Petrie",
            "Joan Petrie",
            "manager",
            S,
        ),
    ],
    "business_earnings": [
        (
            I,
            "weaker demand from food companies had hurt sales",
            "told",
            "Diane Koller",
            "Diane Koller",
            "Chief Executive",
            S,
        ),
        (
            D,
            "We were too slow to cut costs when orders started to slip,",
            "said",
            "Koller",
            "Diane Koller",
            "Chief Executive",
            S,
        ),
        (
            I,
            "it would close two plants in Ohio by the end of the year",
            "said",
            "The company",
            "Orvant Corp",
            None,
            S,
        ),
        (
            I,
            "the plant closures could save about $60 million a year",
            "According to",
            "Brenda Ilse",
            "Brenda Ilse",
            "analyst",
            S,
        ),
        (
            M,
            'the outlook was "more cautious than it needs to be,"',
            "said",
            "Ilse",
            "Brenda Ilse",
            "analyst",
            S,
        ),
        (
            I,
            "she expected a recovery in the second half",
            "adding",
            "Ilse",
            "Brenda Ilse",
            "analyst",
            S,
        ),
    ],
    "wire_court": [
        (
            I,
            "the law was likely to violate the First Amendment",
            "wrote",
            "Laura Benning",
            "Laura Benning",
            "U.S. District Judge",
            S,
        ),
        (
            I,
            "he would appeal",
            "told",
            "Marcus Hale",
            "Marcus Hale",
            "State Attorney General",
            S,
        ),
        (
            M,
            '"a free-for-all for predators" if the ruling stood',
            "warned",
            "He",
            "Marcus Hale",
            "State Attorney General",
            S,
        ),
        (
            I,
            "the state had a duty to protect children online",
            "added",
            "Hale",
            "Marcus Hale",
            "State Attorney General",
            S,
        ),
        (
            I,
            "the court to make the injunction permanent",
            "asked",
            "Lawyers for the technology industry group NetChoice",
            "NetChoice",
            None,
            S,
        ),
        (
            D,
            "This law would have forced millions of adults to hand over their ID just to read the news,",
            "said",
            "Carla Mendes",
            "Carla Mendes",
            "lead counsel",
            S,
        ),
    ],
    "pronouns_clinton": [
        (
            I,
            "the foundation would expand its work on rural hospitals",
            "told",
            "Hillary Clinton",
            "Hillary Clinton",
            None,
            S,
        ),
        (
            I,
            "the first grants would go out in the spring",
            "added",
            "She",
            "Hillary Clinton",
            None,
            S,
        ),
        (
            M,
            'the foundation had learned "a lot of hard lessons" in the past decade',
            "said",
            "He",
            "Bill Clinton",
            "Former President",
            S,
        ),
        (
            D,
            "We are going to do fewer things and do them better,",
            "said",
            "Clinton",
            "Bill Clinton",
            "Former President",
            S,
        ),
        (
            I,
            "the event had raised about $2 million",
            "said",
            "Maria Okafor",
            "Maria Okafor",
            "spokeswoman",
            S,
        ),
        (
            I,
            "donors would get a full report in June",
            "said",
            "Okafor",
            "Maria Okafor",
            "spokeswoman",
            S,
        ),
    ],
    "guillemets_summit": [
        (
            D,
            "We came here to decide, not to talk,",
            "said",
            "Ingrid Voss",
            "Ingrid Voss",
            "Commission President",
            S,
        ),
        (
            M,
            "his country would not accept «any increase in contributions without reform»",
            "said",
            "Joost Verhagen",
            "Joost Verhagen",
            "prime minister",
            S,
        ),
        (
            I,
            "a deal could still be reached at a further summit in June",
            "said",
            "Diplomats",
            None,
            None,
            S,
        ),
        (
            D,
            "There is a landing zone,",
            "said",
            "one senior diplomat",
            None,
            None,
            S,
        ),
        (
            D,
            "Nobody wants to be the one who walks away.",
            None,
            "one senior diplomat",
            None,
            None,
            S,
        ),
    ],
    "minds_election": [
        (
            I,
            "Governor Ellen Frey believes the state party can win back the Senate seat next year",
            "according to",
            "two people close to her",
            None,
            None,
            S,
        ),
        (
            I,
            "the state party can win back the Senate seat next year",
            "believes",
            "Ellen Frey",
            "Ellen Frey",
            "Governor",
            B,
        ),
        (
            I,
            "Frey wants to decide by the end of the summer",
            "said",
            "one of them",
            None,
            None,
            S,
        ),
        (
            I,
            "to decide by the end of the summer",
            "wants",
            "Frey",
            "Ellen Frey",
            "Governor",
            N,
        ),
        (
            I,
            "to meet donors in Chicago next month",
            "plans",
            "She",
            "Ellen Frey",
            "Governor",
            N,
        ),
        (
            D,
            "a tough and honest opponent",
            "praised",
            "Paul Ruddock",
            "Paul Ruddock",
            "Senator",
            E,
        ),
        (
            I,
            "she would struggle outside the big cities",
            "thinks",
            "Paul Ruddock",
            "Paul Ruddock",
            "Senator",
            B,
        ),
        (
            I,
            "he would run for a third term",
            "said",
            "Ruddock",
            "Paul Ruddock",
            "Senator",
            S,
        ),
        (
            D,
            "I have never been more certain of anything,",
            "told",
            "he",
            "Paul Ruddock",
            "Senator",
            S,
        ),
        (
            I,
            "to avoid a bruising primary",
            "hopes",
            "Olivia Marsh",
            "Olivia Marsh",
            "Party chair",
            N,
        ),
    ],
    "no_quotes_arts": [],
    "unbalanced_storm": [
        (
            D,
            "Crews have been out since 3am and will keep working until every home is back on,",
            "said",
            "Ravi Menon",
            "Ravi Menon",
            "spokesman",
            S,
        ),
        (
            I,
            "most customers should have power back by Thursday evening",
            "said",
            "Menon",
            "Ravi Menon",
            "spokesman",
            S,
        ),
        (
            I,
            "more wind was on the way",
            "warned",
            "Forecasters",
            None,
            None,
            S,
        ),
        (
            D,
            "Stay away from fallen lines,",
            "said",
            "Gloria Banks",
            "Gloria Banks",
            "county fire chief",
            S,
        ),
        (
            D,
            "Treat every wire as live.",
            None,
            "Gloria Banks",
            "Gloria Banks",
            "county fire chief",
            S,
        ),
    ],
    "obituary_violinist": [
        (
            I,
            "the cause was heart failure",
            "said",
            "Miriam Kessler",
            "Miriam Kessler",
            "daughter",
            S,
        ),
        (
            D,
            "She never stopped teaching,",
            "said",
            "Miriam Kessler",
            "Miriam Kessler",
            "daughter",
            S,
        ),
        (
            D,
            "Even last month she was correcting the bowing of the nurse's grandson.",
            None,
            "Miriam Kessler",
            "Miriam Kessler",
            "daughter",
            S,
        ),
        (
            M,
            'Kessler had taught him "to listen before playing."',
            "said",
            "Leo Tran",
            "Leo Tran",
            "concertmaster",
            S,
        ),
        (
            D,
            "Everything I know about music, I learned in her kitchen,",
            "said",
            "Tran",
            "Leo Tran",
            "concertmaster",
            S,
        ),
    ],
    "police_local": [
        (
            I,
            "Police arrested two men early Saturday after a series of break-ins at shops on Mill Street",
            "according to",
            "the Brookfield Police Department",
            "the Brookfield Police Department",
            None,
            S,
        ),
        (
            I,
            "Officers found the men inside a pharmacy shortly after 2 a.m.",
            "said",
            "police",
            "the Brookfield Police Department",
            None,
            S,
        ),
        (
            I,
            "both men were being held on burglary charges and would appear in court on Monday",
            "said",
            "Dana Cole",
            "Dana Cole",
            "Sgt.",
            S,
        ),
        (
            I,
            "it was the third time his store had been hit this year",
            "said",
            "Frank Ruiz",
            "Frank Ruiz",
            "Shop owner",
            S,
        ),
        (
            D,
            "I'm thinking of just leaving the till open with a note,",
            "joked",
            "he",
            "Frank Ruiz",
            "Shop owner",
            S,
        ),
        (
            I,
            "anyone with information to call the department's tip line",
            "asked",
            "Police",
            "the Brookfield Police Department",
            None,
            S,
        ),
    ],
    "press_release_tech": [
        (
            I,
            "it had opened a plant in Nevada that can recycle up to 10,000 tonnes of lithium-ion batteries a year",
            "said",
            "Kelvra Inc.",
            "Kelvra Inc.",
            None,
            S,
        ),
        (
            D,
            "Recycling is no longer a side project for us; it is the business,",
            "said",
            "Jane Doe",
            "Jane Doe",
            "chief executive officer",
            S,
        ),
        (
            D,
            "Every battery we take back is one less we have to mine for.",
            None,
            "Jane Doe",
            "Jane Doe",
            "chief executive officer",
            S,
        ),
        (
            I,
            "The plant will employ about 300 people",
            "said",
            "the company",
            "Kelvra Inc.",
            None,
            S,
        ),
        (
            D,
            "exactly the kind of industry this state needs.",
            "calling",
            "Tom Aldana",
            "Tom Aldana",
            "Nevada Governor",
            E,
        ),
    ],
    "cricket_british": [
        (
            I,
            "his batsmen had let the team down",
            "admitted",
            "Jos Barrow",
            "Jos Barrow",
            "Captain",
            S,
        ),
        (
            D,
            "We played some poor shots, me included,",
            "said",
            "he",
            "Jos Barrow",
            "Captain",
            S,
        ),
        (D, "There's no hiding from that.", None, "he", "Jos Barrow", "Captain", S),
        (
            M,
            "the pitch had 'a bit of life in it' after lunch",
            "said",
            "Mr Rao",
            "Mr Rao",
            "bowling coach",
            S,
        ),
        (D, "We always believed,", "said", "Rao", "Mr Rao", "bowling coach", S),
        (
            D,
            "The boys never let their heads drop.",
            None,
            "Rao",
            "Mr Rao",
            "bowling coach",
            S,
        ),
        (
            M,
            "the collapse was 'the worst I've seen for a decade'",
            "told",
            "Neil Hodge",
            "Sir Neil Hodge",
            "Former England captain",
            S,
        ),
    ],
}


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def _word_occurrences(text: str, needle: str) -> list[int]:
    """Occurrences not inside a longer word ("he" is not in "the")."""
    return [
        s
        for s in _occurrences(text, needle)
        if (s == 0 or not text[s - 1].isalnum())
        and (s + len(needle) == len(text) or not text[s + len(needle)].isalnum())
    ]


def _nearest(text: str, needle: str, start: int, end: int) -> dict[str, Any]:
    starts = _word_occurrences(text, needle)
    if not starts:
        raise ValueError(f"{needle!r} not found")

    def distance(s: int) -> int:
        return max(0, s - end, start - (s + len(needle)))

    best = min(starts, key=distance)
    return {"start": best, "end": best + len(needle), "text": needle}


def build_records(doc: str, text: str, quotes: list[Q]) -> list[dict[str, Any]]:
    """Locate each annotated quote in `text` and return its gold record."""
    records = []
    for type_, content, cue, speaker, name, title, kind in quotes:
        starts = _occurrences(text, content)
        if len(starts) != 1:
            raise ValueError(
                f"{doc}: content {content[:40]!r} occurs {len(starts)} times"
            )
        start, end = starts[0], starts[0] + len(content)
        cue_span = _nearest(text, cue, start, end) if cue else None
        anchor = cue_span or {"start": start, "end": end}
        speaker_span = (
            _nearest(text, speaker, anchor["start"], anchor["end"]) if speaker else None
        )
        records.append(
            {
                "doc": doc,
                "type": type_,
                "content": {"start": start, "end": end, "text": content},
                "cue": cue_span,
                "speaker": speaker_span,
                "speaker_name": name,
                "speaker_title": title,
                "confidence": 1.0,
                "kind": kind,
            }
        )
    return records


def main() -> None:
    lines = []
    for doc, quotes in ANNOTATIONS.items():
        text = (HERE / "texts" / f"{doc}.txt").read_text(encoding="utf-8")
        lines += [
            json.dumps(r, ensure_ascii=False) for r in build_records(doc, text, quotes)
        ]
    (HERE / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
