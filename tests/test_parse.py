"""Parse: the spaCy pipeline as loaded by communique gives the annotations of the stock one."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from communique import read_articles
from communique.parse import IndexedRules

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
