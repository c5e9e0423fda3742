"""Everything that touches spaCy: find spans, link them, resolve speakers."""
