"""Read the dependency parse: cue verbs, their subjects, token ranges as spans.

Shared by the direct and the indirect span finders. Everything here works on
a parsed spaCy `Doc` (tagger, parser, lemmatizer) and returns character
offsets into `text_of(doc)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from whosaid.extract.cues import Cue, CueLexicon
from whosaid.extract.lemmas import verb_lemma
from whosaid.model import Span

QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
_EDGE_PUNCT = frozenset(",;:—–-")
SUBJECT_DEPS = frozenset({"nsubj"})
# Forms the tagger sometimes misses ("Said Ellis:" tagged as a proper noun):
# read as verbs whatever their tag, with spaCy's verb lemma (#12).
_UNTAGGED_CUES = frozenset({"said", "says", "told", "added"})
_CUE_AUX_DEPS = frozenset({"aux", "neg"})


def text_of(doc: Doc) -> str:
    """The text of `doc`, computed once: spaCy rebuilds `doc.text` on each access."""
    text = doc.user_data.get("whosaid_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["whosaid_text"] = text
    return text


def is_quote_token(token: Token) -> bool:
    return bool(token.text) and all(char in QUOTE_CHARS for char in token.text)


def span_of(doc: Doc, start: int, end: int) -> Span:
    """A `Span` over the characters `[start, end)` of `text_of(doc)`."""
    return Span.of(text_of(doc), start, end)


def token_range_span(
    doc: Doc, tokens: Iterable[Token], *, keep_quotes: bool = False
) -> Span | None:
    """The character span from the first to the last of `tokens`, edges trimmed.

    Punctuation at either edge is dropped (commas, colons, dashes; quotation
    marks too unless `keep_quotes`), so "Reed, a spokeswoman," gives
    "Reed, a spokeswoman".
    """
    ordered = sorted(tokens, key=lambda token: token.i)
    while ordered and _is_edge(ordered[0], keep_quotes):
        ordered.pop(0)
    while ordered and _is_edge(ordered[-1], keep_quotes):
        ordered.pop()
    if not ordered:
        return None
    first, last = ordered[0], ordered[-1]
    return span_of(doc, first.idx, last.idx + len(last.text))


def _is_edge(token: Token, keep_quotes: bool) -> bool:
    if token.is_space:
        return True
    if is_quote_token(token):
        return not keep_quotes
    return token.is_punct and (token.text in _EDGE_PUNCT or token.text in ".")


def subtree_tokens(token: Token, *, without: Token | None = None) -> list[Token]:
    """The tokens of `token`'s subtree, minus the subtree of `without`."""
    if without is None:
        return list(token.subtree)
    skip = {t.i for t in without.subtree}
    return [t for t in token.subtree if t.i not in skip]


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ == "VERB"


def particles(token: Token) -> tuple[str, ...]:
    """The particles and prepositions of a verb: "out" in "pointed out".

    An adjective the verb makes of its object counts too: "clear" in "made
    (it) clear that …" (the lexicon's "make clear").
    """
    return tuple(
        child.lower_
        for child in token.children
        if child.dep_ in ("prt", "prep")
        or (child.dep_ in _PREDICATE_DEPS and child.pos_ == "ADJ")
    )


_PREDICATE_DEPS = frozenset({"oprd", "acomp", "ccomp", "xcomp"})


def lookup_cue(token: Token, lexicon: CueLexicon) -> Cue | None:
    """The lexicon entry for a verb token, or None when it is not a cue."""
    if token.lower_ in _UNTAGGED_CUES:
        return lexicon.lookup(verb_lemma(token.lower_), particles(token))
    if not is_verb(token):
        return None
    return lexicon.lookup(token.lemma_, particles(token))


def cue_span(doc: Doc, token: Token, cue: Cue) -> Span:
    """The cue as written: the verb with its adjacent auxiliaries and particle.

    An infinitive that completes a predicate starts at that predicate's verb:
    "is at pains to point out", "was quick to point out".
    """
    holder = _predicate_holder(token)
    anchor = holder if holder is not None and holder.i < token.i else token
    first = anchor
    while first.i > 0:
        left = doc[first.i - 1]
        if left.head.i == anchor.i and left.dep_ in _CUE_AUX_DEPS:
            first = left
        else:
            break
    last = token
    particle = cue.particle
    if particle:
        for child in token.children:
            if child.lower_ == particle and (
                child.i == last.i + 1
                or (child.i == last.i + 2 and doc[last.i + 1].lower_ == "it")
            ):
                last = child  # "pointed out", "made it clear"
    return span_of(doc, first.idx, last.idx + len(last.text))


# What a person issues in writing: "issued a statement saying …" is the
# issuer's statement (#13).
_DOCUMENTS = frozenset(
    {"statement", "letter", "note", "memo", "tweet", "release", "message", "email"}
)


def _issuer(noun: Token) -> Token | None:
    """The subject of the verb whose object is a document: "Reed issued a statement"."""
    if noun.lemma_.lower() not in _DOCUMENTS or noun.dep_ != "dobj":
        return None
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
    return subjects[0] if subjects else None


# Prepositions of a time or setting: "at one point calling …", "in an
# interview saying …" go with the verb they modify.
_CIRCUMSTANCE = frozenset({"at", "in", "on", "during", "after", "before", "since"})


def subject_of(token: Token) -> Token | None:
    """The speaker-subject of a verb, following conjunctions and participles.

    "Reed said X and added that Y" gives "Reed" for "added"; "Reed said X,
    adding that Y" gives "Reed" for "adding". Passive verbs have none.
    """
    seen = 0
    while seen < 4:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            before = [c for c in subjects if c.i < token.i]
            return before[-1] if before else subjects[0]
        if (named := _name_in_participle_subject(token)) is not None:
            return named
        if token.dep_ == "acl" and token.tag_ == "VBG":
            head = token.head
            if (
                head.dep_ == "pobj"
                and head.pos_ == "NOUN"
                and head.head.lower_ in _CIRCUMSTANCE  # not "with reports saying"
                and head.head.head.pos_ in ("VERB", "AUX")
                and head.head.head.i != head.head.i
            ):
                # "he has battled with Guardian, at one point calling the
                # mayor a "liar"": an adverbial phrase, the verb's subject
                token = head.head.head
                seen += 1
                continue
            issuer = _issuer(head)
            return issuer or head  # "footage of Hillary Clinton asking, …"
        if token.tag_ == "VBG" and token.i > 0:
            previous = token.doc[token.i - 1]
            if previous.pos_ == "PROPN" and previous.ent_type_ == "PERSON":
                return previous  # the same, parsed as the main verb's complement
        if any(child.dep_ == "nsubjpass" for child in token.children):
            return None
        if token.i > 0 and token.pos_ == "VERB":
            previous = token.doc[token.i - 1]
            if previous.ent_type_ == "PERSON" and previous.dep_ in ("pobj", "compound"):
                # "Speaking in Harrogate Mr Kennedy said:", the comma missing,
                # parses the name as the object of "in" (#13)
                return previous
            if (named := _name_set_off_before(token)) is not None:
                return named
        if (raised := _raised_subject(token)) is not None:
            return raised
        if (predicate := _predicate_holder(token)) is not None:
            # "was quick to point out that …", "is at pains to point out …":
            # the subject of the verb the adjective or phrase belongs to
            token = predicate
            seen += 1
            continue
        if token.dep_ in ("conj", "advcl", "xcomp", "dep") and token.head.i != token.i:
            if token.dep_ == "advcl" and (
                token.tag_ != "VBG" or token.head.dep_ in ("ccomp", "xcomp")
            ):
                return None  # a participle inside a reported clause is not the cue's
            token = _coordinated_with(token)
            seen += 1
            continue
        return None
    return None


def _name_in_participle_subject(verb: Token) -> Token | None:
    """The name set off inside a participle parsed as the verb's subject.

    "Welcoming the ruling, Maeve Sherlock, chief executive of the Refugee
    Council, said: …": the parser makes "Welcoming" the clausal subject of
    "said" and hangs the name on it (BBC).
    """
    for clause in verb.children:
        if clause.dep_ != "csubj" or clause.tag_ != "VBG" or clause.i > verb.i:
            continue
        for child in clause.children:
            if (
                child.dep_ in ("npadvmod", "appos", "nsubj", "dep")
                and child.pos_ == "PROPN"
            ):
                return child  # tagged PERSON or not ("Sherlock" was an ORG)
    return None


def _predicate_holder(token: Token) -> Token | None:
    """The verb whose predicate an infinitive cue completes, or None.

    "was quick to point out": "point" is the complement of the adjective
    "quick", itself the complement of "was"; "is at pains to point out":
    "point" completes the noun "pains", the object of "at" on "is".
    """
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        return None
    head = token.head
    if token.dep_ == "xcomp" and head.dep_ in ("acomp", "oprd") and head.pos_ == "ADJ":
        return head.head  # "was quick / keen / eager to say"
    if (
        token.dep_ == "acl"
        and head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.head.pos_ in ("AUX", "VERB")
    ):
        return head.head.head  # "is at pains to point out"
    return None


def _name_set_off_before(verb: Token) -> Token | None:
    """A name before a finite verb, set off by its age: "…, Paladino, 70, claimed".

    "In an emailed statement to the AP, Paladino, 70, claimed …" parses
    Paladino as in apposition to "the AP" and leaves the verb without a
    subject (real news).
    """
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    i = verb.i - 1
    doc = verb.doc
    if doc[i].text != ",":
        return None
    i -= 1
    if i < 2 or not doc[i].like_num or doc[i - 1].text != ",":  # ", 70,"
        return None
    name = doc[i - 2]
    if not (name.pos_ == "PROPN" and name.is_title) or name.dep_ not in (
        "appos",
        "pobj",
    ):
        return None
    return name


def _coordinated_with(token: Token) -> Token:
    """The verb a conjunct, participle or complement belongs with.

    Its head, except for a verb the parser coordinated with the reported
    clause though its tense matches the cue's: in "Reed said the talks had
    stalled and added that …", "added" goes with "said", not "stalled".
    """
    head = token.head
    if (
        token.dep_ == "conj"
        and head.dep_ == "ccomp"
        and head.head.i != head.i
        and token.tag_ != head.tag_
        and token.tag_ == head.head.tag_
    ):
        return head.head
    return head


# Passive verbs of hearsay that raise their subject: "Reed is said to believe
# …", "Reed was quoted as saying …" report Reed's belief or words (#8).
_RAISING = frozenset({"say", "report", "believe", "think", "rumor", "quote"})


def _raised_subject(token: Token) -> Token | None:
    """The subject of a passive hearsay verb governing `token`, if any."""
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "as":
        head = head.head  # "was quoted as saying"
    elif token.dep_ != "xcomp" or not any(c.lower_ == "to" for c in token.children):
        return None  # "is said to believe"
    if head.i == token.i or head.lemma_ not in _RAISING:
        return None
    subjects = [c for c in head.children if c.dep_ == "nsubjpass"]
    if not subjects and token.dep_ == "pcomp" and head.lemma_ == "quote":
        # "Michele quotes Kirby as saying, …": the words are Kirby's (real news)
        subjects = [c for c in head.children if c.dep_ == "dobj"]
    return subjects[0] if subjects else None


_MISREAD_NAME_POS = frozenset({"ADV", "ADJ", "VERB", "PROPN"})


def is_misread_name(token: Token) -> bool:
    """Say whether a capitalised word opening a sentence may be a misread surname."""
    return (
        token.is_sent_start is True
        and token.is_title
        and token.is_alpha
        and not token.is_stop
        and token.pos_ in _MISREAD_NAME_POS
    )


def name_before(token: Token) -> Token | None:
    """A surname the tagger read as another word, opening the sentence: "Long said".

    Only a capitalised word that starts the sentence right before a finite
    cue, and is not a pronoun or determiner ("Will said", "Long says").
    """
    if token.i == 0 or token.tag_ not in ("VBD", "VBZ"):
        return None
    word = token.doc[token.i - 1]
    if (
        is_misread_name(word)
        and word.dep_ not in ("nsubj", "nsubjpass")
        and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
    ):
        return word
    return None


_RELATIVE = frozenset({"who", "that", "which", "whom"})
_DASH_TEXTS = frozenset({"—", "–", "―", "--", "-"})


def is_dash(token: Token) -> bool:
    """Say whether a token is a dash, not the hyphen inside a word ("Ji-chang", #13)."""
    if token.text not in _DASH_TEXTS:
        return False
    doc = token.doc
    joined = (
        token.text == "-"
        and token.whitespace_ == ""
        and token.i > 0
        and doc[token.i - 1].whitespace_ == ""
    )
    return not joined


def whole_word(token: Token) -> list[Token]:
    """The tokens of the hyphenated word `token` starts: "co", "-", "operate" (#13)."""
    doc = token.doc
    end = token.i
    while (
        end + 2 < len(doc)
        and doc[end].whitespace_ == ""
        and doc[end + 1].text == "-"
        and doc[end + 1].whitespace_ == ""
        and doc[end + 2].is_alpha
    ):
        end += 2
    return list(doc[token.i : end + 1])


def noun_before(token: Token) -> Token | None:
    """The noun phrase written right before a verb the parser left subjectless.

    "her senior policy adviser, Jake Sullivan, said" gives "adviser".
    """
    i = token.i - 1
    while i >= 0 and token.doc[i].is_punct and token.doc[i].text in (",", ")"):
        i -= 1
    if i < 0 or token.doc[i].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    noun = token.doc[i]
    if noun.dep_ in ("pobj", "dobj"):
        return None  # "marching through the streets chanted": not a speaker
    hops = 0
    while (
        noun.head.i < token.i
        and noun.head.i != noun.i
        and noun.head.pos_ in ("NOUN", "PROPN", "PRON")
        and noun.dep_ in ("appos", "compound", "flat")
        and hops < 2
    ):
        hops += noun.dep_ == "appos"
        if hops > 1:
            break
        noun = noun.head
    return noun


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "Stevie Wonder, who joked".

    A "who" hung on the object of a preposition that names no one goes with
    the person before it: "David Kahn, a former historian and a leading expert
    on code-breaking, who has confirmed …" is Kahn's (BBC audit).
    """
    if token.lower_ not in _RELATIVE or token.head.dep_ != "relcl":
        return None
    noun = token.head.head
    if noun.i == token.head.i:
        return None
    if token.lower_ in ("who", "whom"):
        while (
            noun.dep_ == "pobj"
            and noun.tag_ == "NN"  # a thing, not "defence lawyers who"
            and not noun.ent_type_
            and noun.head.head.i != noun.head.i
            and noun.head.head.pos_ in ("NOUN", "PROPN")
        ):
            noun = noun.head.head  # "an expert on code-breaking, who"
        while noun.dep_ in ("appos", "conj") and noun.head.ent_type_ == "PERSON":
            noun = noun.head  # "Kahn, a historian and an expert …, who"
    return noun


def source_tokens(subject: Token) -> list[Token]:
    """The subject's subtree, without a relative clause that follows it.

    A dash or a line break cuts off what comes before it ("made public — Trump
    boasted", a headline run into the first sentence). A
    relative pronoun ("…, who said") is kept as written; `antecedent` finds
    the noun it stands for.
    """
    tokens = [t for t in subject.subtree if t.i <= subject.i or t.dep_ != "relcl"]
    dashes = [t.i for t in tokens if t.i < subject.i and (is_dash(t) or "\n" in t.text)]
    if dashes:  # a line break too: a headline is never part of a speaker (#13)
        tokens = [t for t in tokens if t.i > max(dashes)]
    # A headline run into the first line can even hold the subject's head
    # ("Rap feud in …\n\nUS rap star 50 Cent has said"): the speaker is what
    # follows the last line break (#13).
    breaks = [t.i for t in tokens if "\n" in t.text]
    if breaks and any(t.i > max(breaks) for t in tokens):
        tokens = [t for t in tokens if t.i > max(breaks)]
    for child in subject.children:
        if child.dep_ == "relcl" and child.i > subject.i:
            skip = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in skip]
    return _with_whole_first_word(sorted(tokens, key=lambda t: t.i))


def _with_whole_first_word(tokens: list[Token]) -> list[Token]:
    """Grow a mention back over a hyphenated word the parse cut: "The Tory
    co-chairman", "vice-chairman David Dein", "Wal-Mart" (the parser hangs
    "co" and "-" elsewhere, so the subtree starts at "chairman")."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    first = tokens[0].i
    grown: list[Token] = []
    if (
        first >= 1
        and doc[first].text == "-"
        and doc[first].whitespace_ == ""
        and doc[first - 1].whitespace_ == ""
        and doc[first - 1].is_alpha
    ):  # the subject is the hyphen itself: "co" "-" "chairman"
        grown = [doc[first - 1]]
        first -= 1
    while (
        first >= 2
        and doc[first - 1].text == "-"
        and doc[first - 1].whitespace_ == ""
        and doc[first - 2].whitespace_ == ""
        and doc[first - 2].is_alpha
    ):
        grown = [doc[first - 2], doc[first - 1], *grown]
        first -= 2
    if not grown:
        return tokens
    # The words before the whole word that hang on it go with it: "The Tory
    # co-chairman" (the parser hangs "The Tory" on "co").
    last = tokens[-1].i
    while (
        first >= 1
        and doc[first - 1].dep_ in ("det", "compound", "amod", "poss")
        and first <= doc[first - 1].head.i <= last
    ):
        first -= 1
        grown.insert(0, doc[first])
    return grown + tokens
