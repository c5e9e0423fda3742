"""Wikidata linking (#14): read the JSON dump, index it, link speakers to items.

`dump` reads the dump format, `entity` keeps what linking needs of an item,
`index` builds the SQLite KB, `score` scores candidates per article, `link`
links an index's speakers, `decisions` stores links and user decisions,
`filter` cuts a full dump down to people and organisations.
"""
