"""A made-up knowledge base of namesakes, and 117 mentions with the item each is.

The linking test set of #14. Every item is invented (ids Q990000001 and up,
see `kbgen`); the names are common ones on purpose, so that one name is
several items: two Michael Howards (a party leader and Home Secretary, a
basketball coach), three Chris Evanses, three John Smiths (and a plumber who
is none of them), two Thomas Reeds (one died in 1902), two George Bushes, two
Ana Ruizes. A mention is what an article says next to a quote: the name as
written, the title and organisation, the date; `gold` is the item it is, None
when the person is not in the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kbgen import COMPANY, PARTY, _labels, _org, _person, qid

INTERNATIONAL = "Q484652"

LABELS = {
    701: "Leader of the Conservative Party",
    702: "Home Secretary",
    704: "basketball coach",
    705: "head coach of the Riverton Hawks",
    706: "radio presenter",
    707: "film actor",
    708: "Member of Parliament for Islwyn",
    710: "Leader of the Labour Party",
    711: "association football player",
    712: "chief executive officer",
    714: "President of the United States",
    715: "United States Secretary of State",
    716: "United States senator",
    719: "businessman",
    724: "Governor of Texas",
    725: "Prime Minister of the United Kingdom",
    726: "Chancellor of the Exchequer",
    727: "tennis player",
    728: "Mayor of Riverton",
    729: "novelist",
    730: "politician",
}


def cases() -> list[dict[str, Any]]:
    """The knowledge base: offices, parties, companies and the people."""
    return [
        *_labels(LABELS),
        _org(703, "Conservative Party", "fictional UK party", PARTY,
             aliases=["Conservatives", "Tories"]),
        _org(709, "Labour Party", "fictional UK party", PARTY, aliases=["Labour"]),
        _org(717, "Democratic Party", "fictional US party", PARTY),
        _org(718, "Republican Party", "fictional US party", PARTY),
        _org(713, "Acme Motors", "fictional car maker", COMPANY),
        _org(720, "Time Warner", "fictional media company", COMPANY,
             aliases=["TimeWarner", "AOL Time Warner"]),
        _org(721, "Microsoft", "fictional software company", COMPANY,
             aliases=["Microsoft Corporation"]),
        _org(722, "Yukos", "fictional oil company", COMPANY, aliases=["Yukos Oil"]),
        _org(723, "European Union", "fictional union of states", INTERNATIONAL,
             aliases=["EU"]),
        _person(101, "Michael Howard", "fictional British politician",
                ("P39", qid(701), "2003-11-06", "2005-12-06"),
                ("P39", qid(702), "1993-05-27", "1997-05-02"),
                ("P102", qid(703)), ("P106", qid(730)), born="1941-07-07", sitelinks=30),
        _person(102, "Michael Howard", "fictional American basketball coach",
                ("P106", qid(704)), ("P39", qid(705), "2010-06-01", "2020-05-31"),
                born="1965-03-03", sitelinks=3),
        _person(103, "Chris Evans", "fictional English broadcaster",
                ("P106", qid(706)), born="1966-04-01", sitelinks=10,
                aliases=["Christopher Evans"]),
        _person(104, "Chris Evans", "fictional American film actor",
                ("P106", qid(707)), born="1981-06-13", sitelinks=60),
        _person(105, "Chris Evans", "fictional Welsh politician",
                ("P39", qid(708), "2001-06-07", "2019-11-06"), ("P102", qid(709)),
                ("P106", qid(730)), born="1976-07-07", sitelinks=5),
        _person(106, "John Smith", "fictional Labour leader",
                ("P39", qid(710), "1992-07-18", "1994-05-12"), ("P102", qid(709)),
                ("P106", qid(730)), born="1938-09-13", died="1994-05-12", sitelinks=25),
        _person(107, "John Smith", "fictional English footballer",
                ("P106", qid(711)), born="1990-01-01", sitelinks=2),
        _person(108, "John Smith", "fictional car industry executive",
                ("P39", qid(712), "2015-01-01", None), ("P108", qid(713)),
                born="1960-02-02", sitelinks=1),
        _person(109, "Thomas Reed", "fictional security adviser",
                ("P106", qid(730)), born="1968-04-02", sitelinks=4),
        _person(110, "Thomas Reed", "fictional 19th-century teacher",
                born="1830-01-01", died="1902-06-30", sitelinks=1),
        _person(111, "Bill Clinton", "fictional US president",
                ("P39", qid(714), "1993-01-20", "2001-01-20"), ("P102", qid(717)),
                aliases=["William Jefferson Clinton", "William Clinton"],
                born="1946-08-19", sitelinks=200),
        _person(112, "Hillary Clinton", "fictional US secretary of state",
                ("P39", qid(715), "2009-01-21", "2013-02-01"),
                ("P39", qid(716), "2001-01-03", "2009-01-21"), ("P102", qid(717)),
                aliases=["Hillary Rodham Clinton"], born="1947-10-26", sitelinks=150),
        _person(113, "Donald Trump", "fictional US president and businessman",
                ("P39", qid(714), "2017-01-20", "2021-01-20"),
                ("P39", qid(714), "2025-01-20", None), ("P106", qid(719)),
                ("P102", qid(718)), aliases=["Donald J. Trump", "Donald John Trump"],
                born="1946-06-14", sitelinks=200),
        _person(114, "Donald Trump Jr.", "fictional American businessman",
                ("P106", qid(719)), born="1977-12-31", sitelinks=20),
        _person(115, "George H. W. Bush", "fictional 41st US president",
                ("P39", qid(714), "1989-01-20", "1993-01-20"), ("P102", qid(718)),
                aliases=["George Bush", "George Herbert Walker Bush"],
                born="1924-06-12", died="2018-11-30", sitelinks=150),
        _person(116, "George W. Bush", "fictional 43rd US president",
                ("P39", qid(714), "2001-01-20", "2009-01-20"),
                ("P39", qid(724), "1995-01-17", "2000-12-21"), ("P102", qid(718)),
                aliases=["George Bush", "George Walker Bush"],
                born="1946-07-06", sitelinks=160),
        _person(117, "Gordon Brown", "fictional British prime minister",
                ("P39", qid(726), "1997-05-02", "2007-06-27"),
                ("P39", qid(725), "2007-06-27", "2010-05-11"), ("P102", qid(709)),
                born="1951-02-20", sitelinks=100),
        _person(118, "Tim Henman", "fictional tennis player", ("P106", qid(727)),
                born="1974-09-06", sitelinks=30),
        _person(119, "Aisha Bello", "fictional trade union leader"),
        _person(120, "Maria Okafor", "fictional Treasury spokeswoman"),
        _person(121, "Ana Ruiz", "fictional mayor",
                ("P39", qid(728), "2018-05-01", None), ("P106", qid(730))),
        _person(122, "Ana Ruiz", "fictional Spanish novelist", ("P106", qid(729))),
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mention:
    """A quote's speaker as an article gives it, and the item it is."""

    name: str
    title: str | None
    org: str | None
    date: str
    gold: str | None
    is_org: bool = False


def _m(name: str, title: str | None, org: str | None, date: str, gold: int | None,
       is_org: bool = False) -> Mention:  # fmt: skip
    return Mention(name, title, org, date, qid(gold) if gold else None, is_org)


MENTIONS = [
    # Michael Howard, party leader and Home Secretary (101); coach (102).
    _m("Michael Howard", "Conservative leader", None, "2004-03-02", 101),
    _m("Michael Howard", "Tory leader", None, "2004-06-11", 101),
    _m("Michael Howard", "leader", "Conservative Party", "2005-01-20", 101),
    _m("Michael Howard", "Home Secretary", None, "1995-10-10", 101),
    _m("Michael Howard", "Home Secretary", None, "1994-02-01", 101),
    _m("Mr Michael Howard", "Conservative Party leader", None, "2005-04-12", 101),
    _m("Michael Howard", "Conservative leader", None, "2004-11-30", 101),
    _m("Michael Howard", "leader of the Conservatives", None, "2004-09-09", 101),
    _m("Michael Howard", "former Home Secretary", None, "2001-05-05", 101),
    _m("Michael Howard", "Conservative", None, "2005-05-01", 101),
    _m("Michael Howard", "Tory", "Conservative Party", "2003-12-12", 101),
    _m("Michael Howard", "Conservative leader", None, "2005-02-02", 101),
    _m("Michael Howard", "politician", None, "2004-07-07", 101),
    _m("Michael Howard", "Hawks head coach", None, "2012-11-03", 102),
    _m("Michael Howard", "basketball coach", None, "2014-02-14", 102),
    _m("Michael Howard", "coach", "Riverton Hawks", "2016-03-20", 102),
    _m("Michael Howard", "head coach", "Riverton Hawks", "2018-12-01", 102),
    _m("Michael Howard", "Hawks coach", None, "2019-01-15", 102),
    _m("Michael Howard", "basketball coach", None, "2011-04-04", 102),
    _m("Michael Howard", "coach", "Hawks", "2013-10-10", 102),
    _m("Michael Howard", "head coach", None, "2017-05-05", 102),
    # Chris Evans: broadcaster (103), actor (104), politician (105).
    _m("Chris Evans", "radio presenter", None, "2010-01-10", 103),
    _m("Chris Evans", "broadcaster", None, "2012-03-03", 103),
    _m("Chris Evans", "presenter", None, "2015-05-05", 103),
    _m("Christopher Evans", "radio presenter", None, "2009-09-09", 103),
    _m("Chris Evans", "actor", None, "2014-04-04", 104),
    _m("Chris Evans", "film actor", None, "2016-06-16", 104),
    _m("Chris Evans", "Hollywood actor", None, "2019-07-07", 104),
    _m("Chris Evans", "American actor", None, "2020-08-08", 104),
    _m("Chris Evans", "Labour MP", None, "2010-10-10", 105),
    _m("Chris Evans", "MP for Islwyn", None, "2015-11-11", 105),
    _m("Chris Evans", "member of parliament", "Labour Party", "2018-02-02", 105),
    # John Smith: Labour leader (106), footballer (107), car executive (108),
    # and a plumber who is not in the knowledge base.
    _m("John Smith", "Labour leader", None, "1993-03-03", 106),
    _m("John Smith", "leader of the Labour Party", None, "1993-09-09", 106),
    _m("John Smith", "Labour leader", None, "1994-01-01", 106),
    _m("John Smith", "footballer", None, "2012-12-12", 107),
    _m("John Smith", "football player", None, "2015-01-15", 107),
    _m("John Smith", "footballer", None, "2018-08-18", 107),
    _m("John Smith", "chief executive", "Acme Motors", "2016-06-06", 108),
    _m("John Smith", "Acme Motors boss", None, "2019-09-19", 108),
    _m("John Smith", "chief executive officer", "Acme Motors", "2021-01-21", 108),
    _m("John Smith", "plumber", None, "2020-02-20", None),
    _m("John Smith", "local plumber", None, "2021-03-21", None),
    # Thomas Reed: the adviser (109); the teacher died in 1902 (110).
    _m("Thomas Reed", "security adviser", None, "2025-01-05", 109),
    _m("Thomas Reed", None, None, "2025-02-05", 109),
    _m("Thomas Reed", None, None, "2025-03-05", 109),
    _m("Mr. Thomas Reed", None, None, "2025-04-05", 109),
    _m("Thomas Reed", "politician", None, "2025-05-05", 109),
    _m("Thomas Reed", None, None, "2026-01-05", 109),
    # The Clintons (111, 112).
    _m("Bill Clinton", "former president", None, "2004-06-20", 111),
    _m("Bill Clinton", "President", None, "1998-08-17", 111),
    _m("Bill Clinton", None, None, "2005-01-01", 111),
    _m("William Jefferson Clinton", None, None, "1999-02-12", 111),
    _m("Bill Clinton", "Democrat", None, "2008-08-08", 111),
    _m("Hillary Clinton", "Secretary of State", None, "2010-05-05", 112),
    _m("Hillary Clinton", "senator", None, "2005-05-05", 112),
    _m("Hillary Rodham Clinton", "Senator", None, "2006-06-06", 112),
    _m("Hillary Clinton", None, None, "2011-11-11", 112),
    _m("Hillary Clinton", "Democratic candidate", None, "2016-10-10", 112),
    # Donald Trump (113) and Donald Trump Jr. (114).
    _m("Donald J. Trump", None, None, "2016-06-16", 113),
    _m("Donald Trump", "President", None, "2018-07-04", 113),
    _m("Donald Trump", "businessman", None, "2015-06-16", 113),
    _m("President Donald Trump", None, None, "2019-01-01", 113),
    _m("Donald Trump", "Republican", None, "2016-11-09", 113),
    _m("Donald John Trump", None, None, "2020-03-03", 113),
    _m("Donald Trump", "President", None, "2025-06-06", 113),
    _m("Donald Trump Jr.", "businessman", None, "2018-05-05", 114),
    _m("Donald Trump Jr.", None, None, "2019-05-05", 114),
    _m("Donald Trump Jr", None, None, "2020-05-05", 114),
    # The two George Bushes (115, 116), told apart by the presidency's dates.
    _m("George Bush", "President", None, "1990-08-08", 115),
    _m("George Bush", "US President", None, "1991-01-17", 115),
    _m("George W. Bush", "President", None, "2003-03-20", 116),
    _m("George W Bush", "US President", None, "2004-11-03", 116),
    _m("George W. Bush", "Governor of Texas", None, "1999-06-12", 116),
    # One candidate each.
    _m("Gordon Brown", "Chancellor", None, "2003-04-09", 117),
    _m("Gordon Brown", "Prime Minister", None, "2008-10-10", 117),
    _m("Gordon Brown", None, None, "2005-03-16", 117),
    _m("Tim Henman", None, None, "2004-06-28", 118),
    _m("Tim Henman", "British number one", None, "2005-06-20", 118),
    _m("Aisha Bello", "union general secretary", None, "2026-02-02", 119),
    _m("Aisha Bello", "union leader", None, "2026-02-03", 119),
    _m("Maria Okafor", "Treasury spokeswoman", None, "2026-01-01", 120),
    _m("Maria Okafor", None, None, "2026-01-02", 120),
    # Ana Ruiz: the mayor (121) and the novelist (122).
    _m("Ana Ruiz", "Mayor of Riverton", None, "2019-03-03", 121),
    _m("Ana Ruiz", "mayor", None, "2020-04-04", 121),
    _m("Ana Ruiz", "novelist", None, "2019-09-09", 122),
    _m("Ana Ruiz", "Spanish novelist", None, "2021-10-10", 122),
    # Organisations.
    _m("Time Warner", None, None, "2004-01-01", 720, is_org=True),
    _m("TimeWarner", None, None, "2004-02-02", 720, is_org=True),
    _m("AOL Time Warner", None, None, "2002-03-03", 720, is_org=True),
    _m("Microsoft", None, None, "2005-01-01", 721, is_org=True),
    _m("Microsoft", None, None, "2005-02-02", 721, is_org=True),
    _m("Microsoft Corporation", None, None, "2005-03-03", 721, is_org=True),
    _m("Yukos", None, None, "2004-12-12", 722, is_org=True),
    _m("Yukos", None, None, "2005-01-05", 722, is_org=True),
    _m("the EU", None, None, "2005-04-04", 723, is_org=True),
    _m("The European Union", None, None, "2005-05-05", 723, is_org=True),
    _m("Labour", None, None, "2005-04-04", 709, is_org=True),
    _m("the Labour Party", None, None, "2005-05-04", 709, is_org=True),
    _m("the Conservatives", None, None, "2005-04-05", 703, is_org=True),
    _m("the Tories", None, None, "2005-04-06", 703, is_org=True),
    # Harder: no context, a misleading one, an office not yet held, a
    # namesake outside the knowledge base, an organisation the engine took
    # for a person.
    _m("Michael Howard", None, None, "2004-05-05", 101),
    _m("Michael Howard", "former Tory leader", None, "2015-03-03", 101),
    _m("Michael Howard", "Home Secretary", None, "1990-01-10", 101),
    _m("Chris Evans", "presenter", None, "2021-02-28", 104),
    _m("John Smith", "Labour MP", None, "2010-10-10", None),
    _m("Thomas Reed", "teacher", None, "1890-09-01", 110),
    _m("George Bush", None, None, "1992-05-05", 115),
    _m("Hillary Clinton", "First Lady", None, "1996-01-01", 112),
    _m("Donald Trump", None, None, "2010-01-01", 113),
    _m("Ana Ruiz", None, None, "2020-06-06", 121),
    _m("Tim Henman", "tennis coach", None, "2015-07-07", 118),
    _m("Labour", None, None, "2005-04-20", 709),
    # People not in the knowledge base.
    _m("Peter Nobody", "spokesman", None, "2020-01-01", None),
    _m("Peter Nobody", None, None, "2020-02-01", None),
    _m("Jane Doe", "witness", None, "2020-03-01", None),
    _m("Jane Doe", None, None, "2020-04-01", None),
]


def mention_results() -> list[Any]:
    """One made-up article per mention, in the store's `Result` form."""
    from store_helpers import Said, make_result

    return [
        make_result(
            f"m{n:03d}",
            [
                Said(
                    mention.name,
                    f"statement number {n} on the matter at hand",
                    title=mention.title,
                    org=mention.org,
                    is_org=mention.is_org,
                )
            ],
            outlet="Test Wire",
            published=mention.date,
        )
        for n, mention in enumerate(MENTIONS)
    ]


@dataclass(frozen=True, slots=True)
class LinkScore:
    """Precision and recall of linked mentions, and the mistakes."""

    precision: float
    recall: float
    linked: int
    correct: int
    with_item: int
    errors: list[str]


def score_links(conn: Any) -> LinkScore:
    """Compare each mention's speaker's item with the gold one."""
    predicted = dict(
        conn.execute(
            "SELECT a.doc_id, s.external_id FROM quotes AS q "
            "JOIN articles AS a ON a.id = q.article_id "
            "LEFT JOIN speakers AS s ON s.id = q.speaker_id"
        ).fetchall()
    )
    linked = correct = 0
    errors = []
    for n, mention in enumerate(MENTIONS):
        got = predicted.get(f"m{n:03d}")
        linked += got is not None
        correct += got is not None and got == mention.gold
        if got != mention.gold:
            errors.append(
                f"m{n:03d} {mention.name!r} ({mention.title}, {mention.date}): "
                f"got {got}, expected {mention.gold}"
            )
    with_item = sum(mention.gold is not None for mention in MENTIONS)
    return LinkScore(
        correct / linked if linked else 0.0,
        correct / with_item if with_item else 0.0,
        linked,
        correct,
        with_item,
        errors,
    )
