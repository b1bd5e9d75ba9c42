"""Names that look like actors but that no table codes: kept, so a user can add them.

A person, organisation or group the parser names (spaCy's PERSON, ORG and NORP
entities) in the position of an actor (a subject, an object, an apposition) and
that no mention covers is kept as a Mention with ``known=False`` and the code
``UNK``. ``communique actors unknown --db URL`` lists them by frequency.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ..records import UNKNOWN_ACTOR, Actor, Mention

UNKNOWN_CODE = UNKNOWN_ACTOR
ACTOR_LABELS = {"PERSON": "a person", "ORG": "an organisation", "NORP": "a group"}
# Where a name acts or is acted on; a name that only modifies another ("the Smith report") is not.
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "agent", "dative", "ROOT", "attr"}
# A name after these is where or when, not who.
PLACE_PREPS = {"in", "at", "near", "on", "during", "since", "until", "into", "across"}


def find_unknown(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The named persons and groups of a story in an actor's position that no mention codes.

    doc: the parse of the story; mentions: the story's coded mentions (places too).
    Returns unknown Mentions in text order.
    """
    starts = [sentence.start for sentence in doc.sents]
    # A name heading no mention but naming the group of a bare role ("ZLF fighters" coded ---REB) is unknown too.
    nameless = {m.head for m in mentions if not m.actor.name and not m.place}
    unknown = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS or not ent.text[:1].isupper():
            continue
        root = ent.root
        modifies_role = root.dep_ == "compound" and root.head.idx in nameless
        if root.dep_ not in ARGUMENT_DEPS and not modifies_role:
            continue
        if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
            continue
        span = ent[1:] if ent[0].lower_ == "the" else ent  # "The Zorvan Front" is listed as "Zorvan Front"
        if not modifies_role and any(m.start < span.end_char and span.start_char < m.end for m in mentions):
            continue
        if any(m.start < span.end_char and span.start_char < m.end and m.actor.name for m in mentions):
            continue  # part of a named actor's mention
        unknown.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                head=root.idx,
                text=span.text,
                actor=Actor(code=UNKNOWN_CODE, name=span.text),
                sentence=bisect.bisect_right(starts, ent.start) - 1,
                rule=f"unknown: {ACTOR_LABELS[ent.label_]} the parser named ({ent.label_}) that no table codes",
            )
        )
    return unknown
