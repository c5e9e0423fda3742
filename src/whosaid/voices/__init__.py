"""Whose voices: speaker gender with evidence, source types, people (#15).

`evidence` and `names` decide a person's gender, `sources` a quote's source
type, `people` lists the people an article mentions; `store` keeps them in the
index at ingest and `report` answers "what share of the quoted sources in
outlet X last month were women, officials, anonymous?".
"""
