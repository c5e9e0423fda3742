"""Sentence starts at line breaks, set before the parser runs.

Scraped articles break lines between paragraphs, captions, video titles and
share buttons, often with no full stop before the break ("… Google Plus
Embed\\nPete Williams: FBI found nothing new 2:06\\nOn the plane, Palmieri
said …"). The parser of en_core_web_sm joins such lines into one sentence and
hangs one line's clause on the next line's cue (real news). A line break is a
sentence boundary in every text we read, so the token after one starts a
sentence; the parser keeps boundaries set before it and decides the rest.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "whosaid_line_breaks"


@Language.component(NAME)
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at each line break and at the first token after it."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:  # spaCy makes "\n" a token
            # The break is a sentence of its own: with only the next word
            # marked, the parser splits "Tony | Blair has had …" (BBC audit).
            token.is_sent_start = True
            doc[token.i + 1].is_sent_start = True
    return doc


def use_line_breaks(nlp: Language) -> None:
    """Add the component before the parser of `nlp`, if it has one and lacks it."""
    if "parser" in nlp.pipe_names and NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
