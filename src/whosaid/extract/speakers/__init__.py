"""Who said it: the people an article mentions and each quote's speaker.

`people` registers the named people and organisations of an article;
`resolver` resolves one mention (a name, a pronoun, a role); `resolve` turns
attributions into quotes with their speakers.
"""
