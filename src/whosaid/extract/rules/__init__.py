"""The rules' finder and engine, in the order they run.

`marks` pairs quotation marks; `direct` finds the cue and source next to a
quote and `quoted` decides whether it is a quote or a scare quote; `indirect`
finds reported speech from the parse and `nesting` untangles reports inside
reports; `continuations` gives quotes with no cue the speaker they continue;
`find` runs them all (`RulesFinder`); `engine` is the rules engine.
"""
