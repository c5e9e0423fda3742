"""Everything that touches spaCy: from a parsed article to finished quotes.

The flow, one folder or module a step:

- `engines`: the registry; an engine owns its spaCy pipeline and returns
  finished quotes from `find_quotes(doc, doc_id)`.
- `rules/`: the rules' finder (quotation marks, cue lexicon, parse) and the
  rules engine, which runs it alone.
- `tagger/`: the trained tagger's spans, linked and merged with the rules'
  finder; the model engine composes the two.
- `finish`: the tail both engines share: `speakers/` (who each speaker is),
  `kinds/` (what the cue reports), `calibration` (confidence measured on train).
- `component`: the spaCy component (`nlp.add_pipe("whosaid")`).
"""
