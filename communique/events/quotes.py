"""Direct quotes: which sentences a quotation spans, and who speaks it.

A quotation may run over several sentences and name its speaker only at its
end ('"We will not stand by. We will answer," the minister said.') or just
before it ('Erdogan said: "We will send troops."'). Events inside it are the
speaker's: a quoted "we" or "I" is the speaker, and ``quote_speaker`` names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Mention

QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})
# Verbs that attribute a quotation to whoever is their subject.
SPEECH_VERBS = frozenset(
    "say add tell state insist warn declare write stress explain note continue conclude ask reply".split()
)
# Words by which speakers name themselves.
SELF_WORDS = frozenset({"we", "i", "us", "me"})


@dataclass(frozen=True)
class Quotation:
    """Sentences inside one quotation and the mentions naming its speaker."""

    sentences: frozenset[int]
    speaker: tuple[Mention, ...]

    @property
    def speaker_name(self) -> str:
        first = self.speaker[0] if self.speaker else None
        return (first.actor.name or first.text) if first else ""


def find_quotations(doc: Doc, mentions: list[Mention]) -> dict[int, Quotation]:
    """The quotation each quoted sentence belongs to, by sentence number.

    Only quotations whose speaker is found are returned: without a speaker a
    quoted "we" stays unknown.
    """
    by_head: dict[int, list[Mention]] = {}
    for mention in mentions:
        if not mention.place:
            by_head.setdefault(mention.head, []).append(mention)
    sentences = list(doc.sents)
    quoted = quoted_tokens(doc)
    found: dict[int, Quotation] = {}
    inside, opened_at = False, 0
    for number, sentence in enumerate(sentences):
        marks = sum(1 for token in sentence if token.text in QUOTE_MARKS)
        starts_inside = inside
        if marks % 2:
            inside = not inside
        if starts_inside or marks:
            if not starts_inside:
                opened_at = number
            if not inside:  # the quotation ends here: its speaker is here, or just before it opened
                speaker = _speaker(sentence, by_head, quoted)
                if not speaker and opened_at > 0:
                    before = sentences[opened_at - 1]
                    speaker = _speaker(sentences[opened_at], by_head, quoted) or _speaker(before, by_head, quoted)
                if speaker:
                    quotation = Quotation(frozenset(range(opened_at, number + 1)), tuple(speaker))
                    found.update({n: quotation for n in quotation.sentences})
    return found


def _speaker(sentence: Span, by_head: dict[int, list[Mention]], quoted: set[int]) -> list[Mention]:
    """The subject of a verb of speaking outside the quote marks: '..., Biden said.'"""
    for token in sentence:
        if token.lemma_.lower() in SPEECH_VERBS and token.i not in quoted:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i not in quoted:
                return _mentions_of(subject, by_head)
    return []


def _mentions_of(token: Token, by_head: dict[int, list[Mention]]) -> list[Mention]:
    found = list(by_head.get(token.idx, ()))
    for child in token.children:
        if not found and child.dep_ in ("compound", "poss"):
            found = list(by_head.get(child.idx, ()))
    return found


def quoted_tokens(text: Doc | Span) -> set[int]:
    """The parse positions of the words between quote marks."""
    inside, quoted = False, set()
    for token in text:
        if token.text in QUOTE_MARKS:
            inside = not inside
        elif inside:
            quoted.add(token.i)
    return quoted


def speaks_of_self(head: Token) -> bool:
    """Whether a quoted predicate's subject is the speaker: "we will answer"."""
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ in SELF_WORDS
