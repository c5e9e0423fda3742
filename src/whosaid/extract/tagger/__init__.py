"""The model engine: a trained tagger composed with the rules' finder.

`parse` keeps the tags and runs en_core_web_sm after the tagger; `link` links
tagged spans into attributions; `merge` merges them with the rules' ones;
`engine` is the model engine.
"""
