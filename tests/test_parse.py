"""Parse: the spaCy pipeline as loaded by communique gives the annotations of the stock one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

from communique import read_articles
from communique.parse import IndexedRules, _one_blas_thread

SAMPLES = Path(__file__).resolve().parent.parent / "communique" / "samples"

TEXTS = [
    "The ministers said they would meet again; she'd gone, and we're gonna let 's see it.",
    "There is no deal.  It was signed by him and her, but not by them.\n\nY'all ain't seen nothin' yet.",
    "Those who can, do: this one does, that one did not, and I'd have done it myself.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_parse_attribute_rules_match_as_the_ruler_matcher(nlp, text):
    # Issue 8: the attribute ruler's rules are looked up by tag and word, not tried at every token.
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRules)
    doc = nlp(text)
    stock = type(ruler).match(ruler, doc)  # the ruler's own Matcher
    assert ruler.match(doc) == stock and len(stock) >= len(doc)


def test_parse_annotations_equal_the_stock_pipeline(nlp):
    stock = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}")  # the same package, as spaCy loads it
    texts = TEXTS + [article.text for article in read_articles([SAMPLES])]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in ours] == [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in theirs
        ]


def test_parse_models_multiply_with_numpy_where_blas_runs_on_one_thread(nlp):
    # Issue 8: blis's reference kernel cost a third of the entity recogniser; numpy's BLAS on one thread is cheaper.
    if not _one_blas_thread():
        if os.environ.get("CI") == "true":  # the locked numpy wheel for Linux ships OpenBLAS
            pytest.fail("no BLAS found under numpy to run on one thread")
        pytest.skip("no BLAS found under numpy to run on one thread: the models keep spaCy's blis")
    # The word vectors and the parsers' feature layers; the parsers' steps multiply in C, whatever the ops.
    parser, ner = nlp.get_pipe("parser").model, nlp.get_pipe("ner").model
    models = [nlp.get_pipe("tok2vec").model, parser.get_ref("lower"), ner.get_ref("lower"), ner.get_ref("tok2vec")]
    assert all(not layer.ops.use_blis for model in models for layer in model.walk())
