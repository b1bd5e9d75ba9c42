"""Titles and role nouns ("deputy foreign minister", "troops") and the CAMEO roles they give."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .tables import load_roles


class Titles:
    """The roles table, matched on the words of a noun phrase.

    roles: title word tuples and their role codes; None loads the bundled table.
    """

    def __init__(self, roles: dict[tuple[str, ...], tuple[str, ...]] | None = None) -> None:
        self.roles = roles if roles is not None else load_roles()
        self.by_last_word: dict[str, list[tuple[str, ...]]] = {}
        for title in sorted(self.roles, key=len, reverse=True):
            self.by_last_word.setdefault(title[-1], []).append(title)

    def __getitem__(self, title: tuple[str, ...]) -> tuple[str, ...]:
        return self.roles[title]

    def ending_at(self, token: Token) -> tuple[str, ...] | None:
        """The longest title in the roles table whose last word is ``token``."""
        doc = token.doc
        for form in word_forms(token):
            for title in self.by_last_word.get(form, ()):
                start = token.i - len(title) + 1
                if start < 0:
                    continue
                if all(word in word_forms(doc[start + k]) for k, word in enumerate(title[:-1])):
                    return title
        return None

    def within(self, span: Span) -> tuple[str, ...] | None:
        """The title closest to the end of ``span``, if any."""
        for token in reversed(span):
            title = self.ending_at(token)
            if title and token.i - len(title) + 1 >= span.start:
                return title
        return None


def word_forms(token: Token) -> tuple[str, ...]:
    lower = token.lower_
    lemma = token.lemma_.lower()
    if lower.endswith("s") and len(lower) > 3:
        return (lower, lemma, lower[:-1])
    return (lower, lemma)
