"""Understanding what a family wrote: words analysed per language, and danger concepts.

One analysis layer for everything above it: search builds its index terms from
`finnish`/`swedish`/`lexical`, and `danger` reads the same base forms and compound parts.
Nothing here imports search, the conversation core or a channel.
"""
