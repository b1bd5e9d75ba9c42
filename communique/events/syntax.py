"""Reading the dependency parse: subjects, objects, complements and modality of a word.

Small functions over spaCy tokens that the predicate finder builds on; they
know English syntax, not CAMEO.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "csubj", "expl")
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# Modal verbs that make an act possible rather than done.
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "must"})
# A reported "must" or "should" puts a demand on the clause's subject.
OBLIGATION_AUX = frozenset({"must", "should"})
# Adverbs the parser leaves where a particle belongs: "pulled its troops back".
PARTICLES = frozenset({"back", "out", "off", "down", "up", "away"})
NOT_EVENT_NOUNS = frozenset({"DATE", "TIME", "PERSON", "GPE", "NORP"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# "A strike on Monday" says when, not whom: a dated prepositional object is no "prep:*" target.
TIME_ENTITIES = frozenset({"DATE", "TIME"})
# Named bodies and works whose own words say nothing of the act ("Security Intelligence Service").
NAME_ENTITIES = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW"})
# Words that make a clause the condition of another: what it says has not happened.
CONDITION_MARKS = frozenset({"if", "unless"})
# Marks of a time clause whose present tense tells of the future ("until the envoy arrives").
AWAITING_MARKS = frozenset({"until", "till", "before"})
# Words that put an event before the story's news: "since the summit in February",
# "after the 2018 talks collapsed", "following the coup". "Before" and "until" are left
# out: "before the vote" as often looks ahead.
BACKGROUND_WORDS = frozenset({"since", "after", "following"})
# Words of a date phrase that put it before the story: "last week", "two years ago", "earlier this month".
PAST_DATE_WORDS = frozenset({"last", "ago", "earlier", "previous"})
TIME_UNIT_WORDS = frozenset("day days week weeks weekend month months year years".split())


def is_purpose_clause(verb: Token, coded: set[int]) -> bool:
    """ "met Assad to discuss ...": a purpose clause of a coded verb is part of its event."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i in coded
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def clause_verb(token: Token) -> int | None:
    """The index of the nearest verb above a word, if any."""
    head = token.head
    while head.i != head.head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    return head.i if head.pos_ in ("VERB", "AUX") else None


def unprefixed(token: Token | None) -> Token | None:
    """ "agreed to re-open", parsed as "re", "-", "open": the verb after a split "re-" prefix."""
    if token is None or token.lower_ != "re" or token.i + 2 >= len(token.doc):
        return token
    hyphen, verb = token.doc[token.i + 1], token.doc[token.i + 2]
    return verb if hyphen.text == "-" and verb.pos_ in ("VERB", "AUX") else token


def prefix_of(verb: Token) -> Token | None:
    """ "Serbia re-opened the crossing", parsed with "re" as the head: that "re", whose subject is the verb's."""
    head = verb.head
    return head if head.lower_ == "re" and verb.i == head.i + 2 and verb.dep_ in ("dep", "ccomp") else None


# child_with, subject_of and object_of are asked several times of every verb: plain loops, not generators.
def child_with(token: Token | None, dep: str) -> Token | None:
    if token is not None:
        for child in token.children:
            if child.dep_ == dep:
                return child
    return None


def subject_of(verb: Token) -> Token | None:
    return _child_in(verb, SUBJECT_DEPS)


def _child_in(token: Token, deps: Collection[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def object_of(verb: Token) -> Token | None:
    found = _child_in(verb, ("dobj", "obj")) or child_with(verb, "nsubjpass")
    if found is None:
        # "allowed UN agencies to enter", parsed as a clause: its subject is the verb's object.
        for child in verb.children:
            if child.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return subject_of(child)
    return found


def complement_clause(verb: Token, frame: str | None) -> Token | None:
    """A frame's clause complement: "demanded that Iran release ...", "wants Putin to attack"."""
    clause = child_with(verb, "ccomp")
    if clause is None or frame is None:
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return clause if frame in ("demand", "appeal") or infinitive else None


def gerund_complement(word: Token) -> Token | None:
    """The "-ing" clause after "to" or "on" that a frame word takes: "resorted to blocking
    roads", "is committed to opening its markets", "insisted on holding a vote"."""
    for child in word.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "on"):
            clause = child_with(child, "pcomp")
            if clause is not None and clause.tag_ == "VBG":
                return clause
    return None


def on_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "upon"):
            return child_with(child, "pobj")
    return None


def event_noun_slots(verb: Token, *, inside: bool = False) -> list[Token]:
    """Where a verb's event noun can be: its object, or "is on a visit", "went on strike".

    inside: also "engaged in a firefight", for verbs with no meaning of their own.
    """
    slots = [object_of(verb)]
    prepositions = ("on", "for", "in") if inside else ("on", "for")
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            slots.append(child_with(child, "pobj"))
    # "would open in March", "began on Monday": a date or a name is never an event noun.
    return [slot for slot in slots if slot is not None and slot.ent_type_ not in NOT_EVENT_NOUNS]


def frame_words(verb: Token) -> tuple[set[str], dict[str, Token]]:
    """The words a verb pattern can require: particles, prepositions, the object and its modifiers."""
    found: dict[str, Token] = {}
    for child in verb.children:
        if child.dep_ in ("prt", "prep", "agent", "dative") or (child.dep_ == "advmod" and child.lower_ in PARTICLES):
            if not is_time_phrase(child):
                found.setdefault(child.lower_, child)
                _add_phrase_words(child, found)
        if child.dep_ in ("acomp", "oprd") or (
            child.dep_ == "ccomp" and child.pos_ == "ADJ"
        ):  # "was concerned", "declared the rally illegal"
            found.setdefault(child.lemma_.lower(), child)
            found.setdefault(child.lower_, child)
        if child.dep_ in ("ccomp", "advcl"):  # "called for more crossings to be opened": the clause's "for"
            found.update({c.lower_: c for c in child.children if c.dep_ == "mark" and c.lower_ == "for"})
        if _hyphened_to(child, verb):  # "test-fired": the "test" says what kind of firing
            found.setdefault(child.lemma_.lower(), child)
    obj = object_of(verb)
    if obj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        obj = verb.head  # "sanctions imposed by the EU", "protests called by the opposition"
    if obj is not None:
        found.setdefault(obj.lemma_.lower(), obj)
        found.setdefault(obj.lower_, obj)
        for child in obj.children:
            if child.dep_ in ("compound", "amod"):
                found.setdefault(child.lemma_.lower(), child)
            if child.dep_ == "prep":
                found.setdefault(child.lower_, child)
                _add_phrase_words(child, found)
                if child.lower_ == "of":  # "a state of emergency"
                    for item in child.children:
                        if item.dep_ == "pobj":
                            found.setdefault(item.lemma_.lower(), item)
    subject = child_with(verb, "nsubj")
    if obj is None and subject is not None:
        # "peacekeepers arrived": a verb with no object may ask who does it, as "subj:peacekeeper";
        # "the second contingent of peacekeepers landed": also whom the subject counts, by "of".
        counted = [i for c in subject.children if c.dep_ == "prep" and c.lower_ == "of" for i in c.children]
        for noun in (subject, *(i for i in counted if i.dep_ == "pobj")):
            for word in (noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))):
                found.setdefault(f"subj:{word.lemma_.lower()}", word)
    return set(found), found


def _hyphened_to(word: Token, verb: Token) -> bool:
    """Whether ``word`` is joined to the verb by a hyphen, as "test" in "test-fired"."""
    if word.i != verb.i - 2:
        return False
    hyphen = verb.doc[verb.i - 1]
    return hyphen.text == "-" and not word.whitespace_ and not hyphen.whitespace_


def _add_phrase_words(preposition: Token, found: dict[str, Token]) -> None:
    """ "accused of:espionage", "protested for:resignation": a pattern word naming a
    preposition and its object together, so a pattern asks for the pair, not either alone."""
    for item in preposition.children:
        if item.dep_ in ("pobj", "pcomp"):  # "of espionage", "of attacking"
            found.setdefault(f"{preposition.lower_}:{item.lemma_.lower()}", item)


def is_time_phrase(preposition: Token) -> bool:
    """ "on Sunday", "in March": a preposition that dates the event, not one a pattern needs."""
    return any(item.ent_type_ in ("DATE", "TIME") for item in preposition.children if item.dep_ == "pobj")


def modifier_words(noun: Token) -> set[str]:
    """A noun's modifiers, and its prepositional phrases as "prep:object" ("strike for:resignation")
    and as "prep:*" for any object but a date ("strikes on:* Gaza" are force, "a strike on Monday"
    may be a dockers' strike)."""
    words = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    for child in noun.children:
        if child.dep_ == "prep":
            objects = [item for item in child.children if item.dep_ == "pobj"]
            words |= {f"{child.lower_}:{item.lemma_.lower()}" for item in objects}
            words |= {f"{child.lower_}:*" for item in objects if item.ent_type_ not in TIME_ENTITIES}
    return words


def clause_words(head: Token) -> set[str]:
    """The lemmas of a clause, the words the sub-code contexts are read from; the words of a
    many-word organisation's name are left out ("the Humanitarian Aid Commission asked Chad to
    open the border" asks for no aid), a one-word name ("IAEA") stays."""
    return {token.lemma_.lower() for token in head.subtree if not _in_long_name(token)}


def _in_long_name(token: Token) -> bool:
    if token.ent_type_ not in NAME_ENTITIES:
        return False
    following = token.i + 1 < len(token.doc) and token.doc[token.i + 1].ent_iob_ == "I"
    return token.ent_iob_ == "I" or following


def verb_objects(verb: Token) -> list[Token]:
    """A verb's direct objects and the objects of its prepositions: "violated its airspace",
    "fired at their towns"."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    return objects + [item for c in verb.children if c.dep_ == "prep" for item in c.children if item.dep_ == "pobj"]


def has_mutual_object(verb: Token) -> bool:
    """Whether a verb's object is "each other" or "one another": "accused each other of shelling",
    "fought with one another"."""
    for item in verb_objects(verb):
        words = {item.lower_, *(c.lower_ for c in item.children if c.dep_ == "det")}
        if words in ({"other", "each"}, {"one", "another"}):
            return True
    return False


def is_negated(verb: Token) -> bool:
    """ "did not meet", "never attacked", and "accepted no refugees": an object with "no" is a
    negated act, as "did not accept refugees" is."""
    if any(child.dep_ == "neg" or child.lower_ in NEGATORS and child.dep_ == "advmod" for child in verb.children):
        return True
    return any(
        child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
        for child in verb.children
    )


def is_future(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in FUTURE_AUX for child in verb.children) or (
        any(child.dep_ == "aux" and child.lower_ == "would" for child in verb.children) and verb.dep_ == "ccomp"
    )


def is_hypothetical(verb: Token) -> bool:
    """ "could use the truce", "might attack", "must be ratified", "would retaliate if ...",
    "(...) if the envoy visited Taiwan": possible or required, not done."""
    auxiliaries = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    if auxiliaries & HYPOTHETICAL_AUX:
        return True
    if is_condition(verb) or is_awaited(verb):
        return True
    return "would" in auxiliaries and verb.dep_ != "ccomp"


def is_awaited(verb: Token) -> bool:
    """ "... until a new government takes over", "before they disarm": a present tense after
    "until" or "before" tells of what has not happened yet, and so does a past one after a
    future ("said it would hold the town until the government resigned")."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in AWAITING_MARKS for c in verb.children):
        return False
    future = FUTURE_AUX | {"would"}
    return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ in future for c in verb.head.children)


def is_condition(verb: Token) -> bool:
    """Whether a clause is the condition of another: "if it was attacked", "unless the president resigned"."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children)


def is_obliged(clause: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in OBLIGATION_AUX for child in clause.children)


def is_background(head: Token, year: int | None) -> bool:
    """Whether an event is history the story recalls, not its news.

    "since the no-deal summit in February" and "after Russia invaded in 2022" are
    background: the event sits under "since", "after" or "following", or its
    clause is dated to a year before the story's ``year``.
    """
    token = head
    for _ in range(3):  # the noun itself, its preposition, the preposition's head
        if token.dep_ in ("prep", "mark") and token.lower_ in BACKGROUND_WORDS:
            return True
        if token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_WORDS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND_WORDS for c in token.children):
            return True
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX") and token.dep_ not in ("advcl", "pcomp"):
            break
        token = token.head
    return _recalled_by_relative(head) or year is not None and _dated_before(head, year)


def _recalled_by_relative(head: Token) -> bool:
    """ "the rebels, who overran the town last month, ...", "a helicopter that was seized last
    week": a relative clause dated to an earlier week, month or year recalls what its noun did
    or underwent; the news is the clause it hangs in."""
    if head.dep_ not in ("relcl", "acl"):
        return False
    if head.dep_ == "relcl" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children):
        # "the militia that has taken three towns": a perfect tells what its noun has
        # done so far, which describes it.
        return True
    for child in head.children:
        if child.dep_ in ("npadvmod", "prep", "advmod"):
            words = {t.lower_ for t in child.subtree}
            dated = words & TIME_UNIT_WORDS or any(t.ent_type_ == "DATE" for t in child.subtree)
            if dated and words & PAST_DATE_WORDS:
                return True
    return False


def _dated_before(head: Token, year: int) -> bool:
    """ "met in 2018": a date phrase of the clause names only years before ``year``."""
    for child in head.children:
        items = [child] + [c for c in child.children if c.dep_ == "pobj"] if child.dep_ in ("prep", "npadvmod") else []
        for item in items:
            if item.ent_type_ != "DATE":
                continue
            years = [int(t.text) for t in item.subtree if t.like_num and len(t.text) == 4 and t.text.isdigit()]
            if years and max(years) < year:
                return True
    return False
