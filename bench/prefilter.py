"""How much parsing could a lexicon prefilter save? Sentences of the samples that hold no lexicon word.

    .venv/bin/python bench/prefilter.py

A prefilter would parse only the sentences that can hold an event: those with a
word of the verb, noun or frame tables. This codes the bundled samples, parses
them, and counts the sentences that hold such a word (by spaCy's lemma, the
most generous a matcher on word forms could be) and the events found in the
others. Few sentences without one means little for a prefilter to save.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from communique import read_articles
from communique.pipeline import Coder

SAMPLES = Path(__file__).resolve().parent.parent / "communique" / "samples" / "articles.jsonl"


def main() -> None:
    coder = Coder()
    lexicon = coder.event_coder.lexicon
    words = set(lexicon.verbs) | set(lexicon.nouns) | set(lexicon.frames)
    sentences = with_word = events = events_elsewhere = 0
    for article, found in coder.pipe(read_articles([SAMPLES])):
        doc = coder.nlp(article.text)
        starts = [sentence.start_char for sentence in doc.sents]
        holding = set()
        for number, sentence in enumerate(doc.sents):
            sentences += 1
            if any(token.lemma_.lower() in words for token in sentence):
                with_word += 1
                holding.add(number)
        for event in found:
            events += 1
            events_elsewhere += bisect.bisect_right(starts, event.evidence_start) - 1 not in holding
    print(f"lexicon words (verb, noun and frame lemmas): {len(words)}")
    print(f"sentences: {sentences}  with a lexicon word: {with_word} ({with_word / sentences:.1%})")
    print(f"a prefilter could skip at most {sentences - with_word} sentences ({1 - with_word / sentences:.1%})")
    print(f"events: {events}  from sentences without a lexicon word: {events_elsewhere}")


if __name__ == "__main__":
    main()
