"""Audit every distinct speaker title in an extraction run: how many are roles (#13).

A title should be a role or office ("Transport Minister", "spokesman for the
Home Office"), never a name, a first name, an honorific, an agency credit or
a common noun. This script reads the quotes `whosaid extract` wrote (JSON
lines) and judges each distinct `speaker_title` with its own word lists,
independent of the extractor's: a role when its head word names a role or
office; otherwise it says why not. It prints the share of roles over distinct
titles and over records, the most frequent titles with their verdicts, and
every title judged not a role, for a reader to check by hand.

Run the extraction once, outside the repository (the BBC texts must not be
copied in), then audit it as often as needed::

    python benchmarks/titles.py /work/wt/bbc-quotes.jsonl [--top 45] [--json OUT]

where the quotes come from, e.g., a JSON-lines file of the 2,197 BBC articles
(ids "section/NNN", as file names collide across sections)::

    whosaid extract bbc-articles.jsonl --workers 1 --silent -o bbc-quotes.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

# Head words that name a role, an office or a job; the extractor's own lists
# are not used, so the audit does not grade the extractor by its own rule.
_ROLE_TEXT = """
    minister secretary president vice-president chairman chairwoman chair
    chairperson director spokesman spokeswoman spokesperson chief officer
    governor senator mayor commissioner ambassador general judge justice coach
    manager captain editor professor leader speaker treasurer attorney
    prosecutor sheriff marshal official aide adviser advisor analyst economist
    expert lawyer representative lawmaker legislator diplomat negotiator
    investigator researcher scientist doctor nurse teacher executive ceo cfo
    coo founder co-founder owner candidate nominee strategist consultant
    pollster head boss chancellor chairmen member mp mep mps peer deputy
    envoy counsel solicitor barrister inspector superintendent constable
    commander admiral colonel sergeant lieutenant major chaplain bishop
    archbishop cardinal pope rabbi imam priest vicar dean principal
    headteacher headmaster president-elect premier monarch king queen prince
    princess duke duchess lord baron baroness earl designer architect
    engineer producer presenter host correspondent reporter journalist
    columnist writer author critic novelist poet director-general
    secretary-general commentator broadcaster campaigner activist organiser
    organizer coordinator co-ordinator administrator regulator auditor
    trader broker banker investor partner associate fellow lecturer
    physician surgeon psychologist psychiatrist pharmacist vet veterinarian
    player striker midfielder defender goalkeeper keeper winger forward
    batsman bowler skipper champion runner athlete sprinter swimmer
    cyclist boxer golfer jockey trainer referee umpire selector
    manager-elect coach-elect actor actress singer songwriter musician
    rapper star comedian dancer choreographer composer conductor artist
    photographer filmmaker film-maker entrepreneur businessman businesswoman
    tycoon magnate industrialist chairman-elect controller registrar clerk
    steward warden ombudsman watchdog governor-general curator historian
    professor-elect student graduate pupil resident voter citizen
    shareholder worker employee staff farmer fisherman soldier veteran
    officer-in-charge specialist technician planner forecaster statistician
    strategist head-of mediator arbitrator adjudicator assessor observer
    monitor inspector-general whip backbencher frontbencher minister-elect
    delegate councillor councilman councilwoman alderman legislator
    congressman congresswoman assemblyman assemblywoman mla msp am
    spokesmen frontman pathologist pundit mogul critic prosecutor campaigner
    commentator organiser dj chef
    wing centre fly-half scrum-half half-back full-back left-back right-back
    centre-back stand-off prop hooker lock flanker number-eight utility-back
    footballer cricketer rider driver racer hurdler jumper vaulter thrower
    physio physiotherapist linesman guitarist drummer bassist vocalist
    frontwoman keyboardist pianist violinist cellist saxophonist lyricist vj
    playwright screenwriter scriptwriter animator illustrator cartoonist
    publicist publisher agent impresario promoter programmer developer
    creator maker archivist librarian chiropractor detective podcaster
    blogger futurologist technologist reviewer tester liaison assistant
    supremo guru cleaner accountant flautist biographer politician
    neuroscientist financier ruler
"""
# Added after reading every title the list above judged not a role over the
# BBC set (#13, afternoon): sports positions, jobs in music, film and
# publishing, and a few more jobs. Not added, as descriptions rather than
# roles: seed, legend, number one, international, scorer, team-mate,
# colleague, counterpart, predecessor, family words (mother, wife, uncle),
# man, woman, teenager, nationalities.
ROLE_WORDS = frozenset(_ROLE_TEXT.split())
_HONORIFIC_TEXT = "mr mrs ms miss dr sir dame lord lady prof rev"
HONORIFICS = frozenset(_HONORIFIC_TEXT.split())
_WORD = re.compile(r"[A-Za-z][\w'’.\-]*")


def _words(title: str) -> list[str]:
    return [
        w.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        for w in _WORD.findall(title)
    ]


def _is_role_word(word: str) -> bool:
    """A role noun, in the plural ("analysts") or after a prefix ("co-chairman")."""
    forms = {word, word.split("-")[-1]}
    forms |= {f.removesuffix("s") for f in forms} | {
        f.removesuffix("es") for f in forms
    }
    return bool(forms & ROLE_WORDS)


def judge(title: str) -> str:
    """Return "role", or the reason a title is not one."""
    text = " ".join(title.split())
    words = _words(text)
    if not words:
        return "no words"
    if "\n" in title or "\r" in title:
        return "crosses a line break"
    if all(w in HONORIFICS for w in words):
        return "honorific only"
    if (
        len(text) > 1
        and text.replace(" ", "").isupper()
        and not any(_is_role_word(w) for w in words)
    ):
        return "capitals (agency or credit?)"
    if any(_is_role_word(w) for w in words):
        return "role"
    if all(w[:1].isupper() for w in text.split()):
        return "capitalised, no role word (a name or organisation?)"
    return "no role word (a common noun?)"


def read_titles(path: Path) -> tuple[Counter[str], int, int]:
    """Count titles in a quotes file: (titles, records, records with a title)."""
    titles: Counter[str] = Counter()
    records = with_title = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            records += 1
            title = record.get("speaker_title")
            if title:
                with_title += 1
                titles[title] += 1
    return titles, records, with_title


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("quotes", type=Path, help="quotes JSON lines (whosaid extract)")
    parser.add_argument(
        "--top", type=int, default=45, help="most frequent titles shown"
    )
    parser.add_argument("--json", type=Path, help="write every title with its verdict")
    args = parser.parse_args(argv)
    if not args.quotes.is_file():
        print(f"error: {args.quotes}: no such file", file=sys.stderr)
        return 1
    titles, records, with_title = read_titles(args.quotes)
    verdicts = {title: judge(title) for title in titles}
    roles = [t for t, v in verdicts.items() if v == "role"]
    role_records = sum(titles[t] for t in roles)
    print(
        f"{records} records, {with_title} with a title, {len(titles)} distinct titles"
    )
    if titles:
        print(
            f"roles: {len(roles) / len(titles):.3f} of distinct titles "
            f"({len(roles)}/{len(titles)}), {role_records / with_title:.3f} of "
            f"records with a title ({role_records}/{with_title})"
        )
    print(f"\nthe {args.top} most frequent titles:")
    for title, n in titles.most_common(args.top):
        print(f"  {n:5}  {title!r:45}  {verdicts[title]}")
    print("\nevery title judged not a role:")
    by_reason = Counter(v for v in verdicts.values() if v != "role")
    for reason, n in by_reason.most_common():
        print(f"  {reason}: {n}")
    for title, n in sorted(titles.items(), key=lambda kv: (-kv[1], kv[0])):
        if verdicts[title] != "role":
            print(f"  {n:5}  {title!r:45}  {verdicts[title]}")
    if args.json:
        rows = [
            {"title": t, "n": n, "verdict": verdicts[t]}
            for t, n in titles.most_common()
        ]
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
